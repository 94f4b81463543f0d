"""A space between words or sentences is drawn and read in every script but between two
CJK ideographs: a Thai space separates phrases and sentences, so a Thai card that ran
two clauses together would read as one garbled word (and so would its aria-label)."""

from __future__ import annotations

import html
import re

import pytest

from cards.cardkit import own_briefing, own_cards
from sharecard.text import squash_spaces


@pytest.mark.parametrize("preset", ["og", "square", "story"])
def test_thai_section_bodies_keep_their_spaces(preset: str) -> None:
    briefing = own_briefing("th-bot-rates")
    bodies = [squash_spaces(s.body) for s in briefing.sections]
    checked = spaced = 0
    for card in own_cards("th-bot-rates", preset):
        if card.kind != "section":
            continue
        body = next(b for b in card.boxes if b.role == "text" and b.name == "body")
        source = bodies[card.index - 2]
        shown = body.text.removesuffix("…")
        assert shown in source, (shown, source)  # every space of the source kept
        spaced += " " in shown
        labels = {html.unescape(m) for m in re.findall(r'aria-label="([^"]*)"', card.drawing.svg)}
        assert body.text in labels
        checked += 1
    assert checked >= 2 and spaced >= 1


def test_chinese_bodies_join_sentences_without_a_space() -> None:
    joined = 0
    for card in own_cards("zh-pboc-rrr", "og"):
        for box in card.boxes:
            assert not re.search(r"[。！？] [\u4e00-\u9fff]", box.text), box.text
            joined += bool(re.search(r"[。！？][\u4e00-\u9fff]", box.text))
    assert joined
