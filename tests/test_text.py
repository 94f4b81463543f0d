"""sharecard.text: the sentence scanner readers, cards and blurbs share."""

from __future__ import annotations

from pathlib import Path

import pytest
from uniseg.sentencebreak import sentences as uax29_sentences

from sharecard.readers.scout import parse_scout
from sharecard.text import sentence_spans, split_sentences

CORPUS_FILES = sorted((Path(__file__).resolve().parent / "data" / "corpus").glob("*.txt"))


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
