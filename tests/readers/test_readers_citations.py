"""The prose cleaner and the sentence scanner it relies on."""

from __future__ import annotations

import pytest
from uniseg.sentencebreak import sentences as uax29_sentences

from sharecard.readers.citations import clean_prose
from sharecard.readers.scout import parse_scout
from sharecard.readers.sentences import join_spaced
from sharecard.text import sentence_spans, split_sentences

from .conftest import CORPUS_FILES


def _sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text) if text[a:b].strip()]


def _uax29(text: str) -> list[str]:
    """The reference: Unicode UAX #29 sentence boundaries as uniseg implements them."""
    return [s.strip() for s in uax29_sentences(text) if s.strip()]


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_sentence_scanner_agrees_with_uax29_on_clean_corpus_text(path) -> None:
    briefing = parse_scout(path.read_text("utf-8-sig"))
    for text in [briefing.lede, *briefing.bullets, *(s.body for s in briefing.sections)]:
        assert _sentences(text) == split_sentences(text) == _uax29(text)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One in the U.S. states. Two.", ["One in the U.S. states.", "Two."]),
        ("The U.S.-led order held. Then it broke.", ["The U.S.-led order held.", "Then it broke."]),
        ("He asked “why?” Then he left.", ["He asked “why?”", "Then he left."]),
        ("It rose 2.5 percent. Fine.", ["It rose 2.5 percent.", "Fine."]),
        ("下落した。一方で上昇した。", ["下落した。", "一方で上昇した。"]),
        ("no end here", ["no end here"]),
    ],
)
def test_sentence_spans(text: str, sentences: list[str]) -> None:
    assert _sentences(text) == sentences


def test_join_spaced_puts_no_space_between_cjk() -> None:
    assert join_spaced(["決めた。", "市場は", "", "Then."]) == "決めた。市場はThen."
    assert join_spaced(["One.", "Two."]) == "One. Two."


def test_clean_prose_reports_sources_in_reading_order_with_links() -> None:
    cleaned = clean_prose("First (b.com). Second (a.com). Third.", links=[(0, "z.com")])
    assert cleaned.text == "First. Second. Third."
    assert cleaned.sources == ("z.com", "b.com", "a.com")


def test_damaged_citation_sources_still_count() -> None:
    cleaned = clean_prose("Kept. Broken fragm(only.org)ent here.")
    assert cleaned.text == "Kept."
    assert cleaned.sources == ("only.org",)
    assert [(d.citation, d.chars) for d in cleaned.drops] == [("only.org", 22)]


def test_unterminated_text_ending_in_a_citation() -> None:
    # in prose every sentence ends; in a bullet it need not
    assert clean_prose("Kept. Russia and Iran (c.org)").text == "Kept."
    assert (
        clean_prose("Oil jumps 5% (reuters.com)", require_terminated=False).text == "Oil jumps 5%"
    )
