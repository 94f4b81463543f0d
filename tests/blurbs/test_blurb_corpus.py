"""Every corpus briefing (read by sharecard.readers) on every platform: each blurb and
thread post within the limit by the platform's own count, whole words only, and none of
the clipped fragments the corpus lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from blurb_checks import unquoted_lines

from sharecard.blurbs import (
    PLATFORMS,
    THREAD_PLATFORMS,
    ImageInfo,
    blurb_files,
    compose,
    fits,
    thread,
)
from sharecard.model import Briefing

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason="tests/data/corpus is missing")
URL = "https://scout.news/b/briefing?ref=share"


def _read(path: Path) -> tuple[Briefing, list[str]]:
    from sharecard.readers import read_path

    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return read_path(path), expected["clipped_fragments"]


def _check(text: str, platform: str, briefing: Briefing, fragments: list[str]) -> None:
    assert fits(text, platform), text
    assert PLATFORMS[platform].count(text) <= PLATFORMS[platform].limit
    assert unquoted_lines(text, briefing) == []
    for fragment in fragments:
        assert fragment not in text


def test_the_corpus_is_there() -> None:
    assert {p.stem for p in FILES} >= {"seed-putin-iran", "fa-iran-russia", "ja-boj-rates",
                                       "grid-bottleneck", "headline-only"}


@pytest.mark.parametrize("platform", list(PLATFORMS))
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_corpus_blurbs(path: Path, platform: str) -> None:
    briefing, fragments = _read(path)
    for kwargs in ({}, {"url": URL, "utm": "daily", "hashtags": ("news",)}):
        _check(compose(briefing, platform, **kwargs), platform, briefing, fragments)


@pytest.mark.parametrize("platform", THREAD_PLATFORMS)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_corpus_threads(path: Path, platform: str) -> None:
    briefing, fragments = _read(path)
    posts = thread(briefing, platform, url=URL)
    assert len(posts) == (1 + len(briefing.sections) if briefing.sections else 1)
    for post in posts:
        _check(post, platform, briefing, fragments)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_corpus_bundle_files(path: Path) -> None:
    briefing, fragments = _read(path)
    brand = briefing.attribution.brand if briefing.attribution else None
    images = [ImageInfo("cover-og.png", 1200, 630, "og", "cover", briefing.headline,
                        briefing.bullets, brand)]
    images += [ImageInfo(f"section-{i}-og.png", 1200, 630, "og", "section", s.heading,
                         (s.body,), brand) for i, s in enumerate(briefing.sections, start=1)]
    files = blurb_files(briefing, url=URL, images=images)
    for name, content in files.items():
        text = content.decode("utf-8")
        for fragment in fragments:
            assert fragment not in text, name
    alt = json.loads(files["alt.json"])
    for image in alt["images"]:
        for platform, text in image["alt"].items():
            spec = PLATFORMS[platform]
            assert spec.alt_count(text) <= spec.alt_limit
