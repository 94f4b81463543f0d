"""Every corpus file parses to its NAME.expected.json, and no clipped fragment survives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sharecard.readers import read_path
from support.cli import run_cli

from .conftest import CORPUS_FILES, DATA


def _expected(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))


def test_corpus_is_present() -> None:
    assert len(CORPUS_FILES) >= 5


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_parse_matches_expected(path: Path) -> None:
    expected = _expected(path)
    run = run_cli(["parse", str(path)])
    assert run.exit_code == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["headline"] == expected["headline"]
    assert out["bullets"] == expected["bullets"]
    assert [s["heading"] for s in out["sections"]] == expected["section_headings"]
    assert out["sources"] == expected["sources"]
    if expected["brand"] is None:
        assert out["attribution"] is None
    else:
        assert out["attribution"] == {"brand": expected["brand"], "tagline": expected["tagline"]}


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_no_clipped_fragment_anywhere_in_output(path: Path) -> None:
    expected = _expected(path)
    output = run_cli(["parse", str(path)]).stdout.decode("utf-8")
    for fragment in expected["clipped_fragments"]:
        assert fragment not in output
    # One warning per damaged citation; an undamaged file raises none.
    warnings = json.loads(output)["warnings"]
    assert bool(warnings) == bool(expected["clipped_fragments"])
    assert all(w["code"] == "fragment-dropped" for w in warnings)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_no_citation_or_footer_left_in_text(path: Path) -> None:
    briefing = read_path(path)
    texts = [briefing.headline, *briefing.bullets, briefing.lede]
    texts += [part for s in briefing.sections for part in (s.heading, s.body)]
    for text in texts:
        assert text == text.strip()
        assert "  " not in text
        assert "###" not in text
        assert "App Store" not in text and "Shared from" not in text
        for source in briefing.sources:
            assert f"({source})" not in text


def test_seed_keeps_its_complete_sentences() -> None:
    briefing = read_path(DATA / "corpus" / "seed-putin-iran.txt")
    bodies = {s.heading: s.body for s in briefing.sections}
    assert bodies["What actually changed?"] == "The big change happened on October 2, 2025."
    assert bodies["So why are people treating it seriously?"] == (
        "Because the cooperation is no longer theoretical. "
        "Each side is becoming part of the other’s security toolkit."
    )
    assert bodies["What does Tehran get?"].endswith("But there are limits.")
    assert "challenge the U.S.-led order." in bodies["What does Moscow get?"]
    assert briefing.lede.endswith("absorb pressure from the West.")
    assert len(briefing.warnings) == 6
    assert briefing.language == "en"


def test_sections_keep_their_own_sources() -> None:
    briefing = read_path(DATA / "corpus" / "grid-bottleneck.txt")
    sources = {s.heading: s.sources for s in briefing.sections}
    assert sources["The numbers"] == ("eia.gov/electricity",)
    assert sources["Who is moving first?"] == ("reuters.com",)
    # the lede cites two adjacent sources; both count, in order
    assert briefing.sources[:2] == ("reuters.com", "ft.com")


@pytest.mark.parametrize("form", ["seed.md", "seed.json", "seed.yaml"])
def test_structured_forms_of_the_seed_read_the_same(form: str) -> None:
    share_text = read_path(DATA / "corpus" / "seed-putin-iran.txt")
    other = read_path(DATA / form)
    assert other == share_text  # warnings are not compared: only the share text was damaged
    assert other.to_dict() | {"warnings": []} == share_text.to_dict() | {"warnings": []}


def test_parse_output_is_byte_stable() -> None:
    path = str(DATA / "corpus" / "fa-iran-russia.txt")
    first, second = run_cli(["parse", path]), run_cli(["parse", path])
    assert first.stdout == second.stdout
    assert "ایران".encode() in first.stdout  # ensure_ascii=False
    assert first.stdout.endswith(b"}\n")
