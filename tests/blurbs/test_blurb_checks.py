"""The whole-words checker used by the blurb tests must itself catch what it is for."""

from __future__ import annotations

from blurb_checks import unquoted_lines
from blurb_fixtures import JAPANESE, SEED


def test_whole_words_and_whole_sentences_pass() -> None:
    assert unquoted_lines("Putin, Iran deepen military coordination", SEED) == []
    assert unquoted_lines("Putin, Iran deepen…", SEED) == []
    assert unquoted_lines("• That pact took effect on October 2, 2025, after…", SEED) == []
    assert unquoted_lines("Not in the NATO sense.", SEED) == []
    assert unquoted_lines("3/9 The catch is that the treaty does not…", SEED) == []
    assert unquoted_lines("日銀、追加利上げを…", JAPANESE) == []


def test_clipped_or_foreign_text_is_caught() -> None:
    assert unquoted_lines("Putin, Iran deepen milit…", SEED)  # mid-word
    assert unquoted_lines("Putin, Iran deepen military", SEED)  # cut without ellipsis
    assert unquoted_lines("ome of that remains murky", SEED)  # a clipped fragment
    assert unquoted_lines("The catch is that the treaty", SEED)  # sentence start, not whole
    assert unquoted_lines("eal shift is that their treaty", SEED)  # starts mid-word
    assert unquoted_lines("Putin, Iran deepen military coordination!", SEED)  # altered
