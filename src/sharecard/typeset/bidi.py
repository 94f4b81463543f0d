"""Bidirectional text (UAX #9): embedding levels per paragraph, visual order per line.

ICU resolves the levels (rules P–I, with bracket pairs and numbers); reordering happens
per line here (rule L2) on runs of equal level, because lines are cut after the levels
are known and every line must read correctly on its own: a Latin brand inside Persian
text stays left-to-right, the Persian around it right-to-left.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import icu

_RTL_LANGUAGES = frozenset(
    {"ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "ku-arab", "syr"}
)

T = TypeVar("T")


def language_is_rtl(language: str | None) -> bool:
    """True for languages written right-to-left (by their primary subtag)."""
    if not language:
        return False
    lang = language.replace("_", "-").lower()
    return lang in _RTL_LANGUAGES or lang.split("-", 1)[0] in _RTL_LANGUAGES


def paragraph_levels(text: str, base: int | None) -> tuple[int, list[int]]:
    """(paragraph level, level per code point); base None = first strong character."""
    if not text:
        return (base or 0), []
    ustr = icu.UnicodeString(text)  # kept alive while Bidi refers to it
    bidi = icu.Bidi()
    bidi.setPara(ustr, icu.Bidi.DEFAULT_LTR if base is None else base)
    levels16 = bidi.getLevels()
    para = int(bidi.getParaLevel())
    if len(levels16) == len(text):
        return para, list(levels16)
    # Astral characters take two UTF-16 units (same level); keep the first of each pair.
    levels: list[int] = []
    pos = 0
    for ch in text:
        levels.append(levels16[pos])
        pos += 2 if ord(ch) >= 0x10000 else 1
    return para, levels


def visual_order(items: Sequence[T], levels: Sequence[int]) -> list[T]:
    """Rule L2: reverse every maximal sequence at level >= k, for k from highest to lowest odd."""
    order = list(range(len(items)))
    if not levels:
        return []
    high = max(levels)
    low_odd = min(lv for lv in levels) | 1
    lv = list(levels)
    for k in range(high, low_odd - 1, -1):
        i = 0
        while i < len(order):
            if lv[i] >= k:
                j = i
                while j < len(order) and lv[j] >= k:
                    j += 1
                order[i:j] = order[i:j][::-1]
                lv[i:j] = lv[i:j][::-1]
                i = j
            else:
                i += 1
    return [items[i] for i in order]


LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"  # UAX #9 isolates (Unicode 6.3)


def own_direction(text: str) -> str:
    """The direction `text` reads in on its own: that of its first strong character
    (UAX #9 P2), "ltr" when it has none (a date, a number: digits run left to right)."""
    for char in text:
        kind = icu.Char.charDirection(char)
        if kind in (icu.UCharDirection.RIGHT_TO_LEFT, icu.UCharDirection.RIGHT_TO_LEFT_ARABIC):
            return "rtl"
        if kind == icu.UCharDirection.LEFT_TO_RIGHT:
            return "ltr"
    return "ltr"


def isolate(text: str, direction: str, *, own: str | None = None) -> str:
    """`text` as a bidi isolate in its own direction (`own`, default: `own_direction`)
    when that is not the surrounding paragraph's `direction`; unchanged otherwise.

    Why: a Latin URL, domain or date inside a Persian line is otherwise resolved as part
    of the right-to-left paragraph — its trailing punctuation ("a_(b)", "today.") is
    moved to its other end, and a list of Latin names separated by " · " merges into one
    left-to-right run read in the wrong order. An isolate is resolved on its own and
    counts as one neutral character outside (the isolate characters draw nothing)."""
    if not text:
        return text
    own = own or own_direction(text)
    if own == direction:
        return text
    return (LRI if own == "ltr" else RLI) + text + PDI
