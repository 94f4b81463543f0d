"""Where a line may end: UAX #14 break opportunities, URLs kept whole, grapheme fallback.

ICU's line BreakIterator is the one Chromium uses, so our lines break where a browser's
would, including CJK kinsoku (no line starts with 、。」). ICU counts in UTF-16 code units;
everything here converts to Python string indices (code points) before it leaves.
"""

from __future__ import annotations

from dataclasses import dataclass

import icu
import regex

# ICU rule status for a mandatory (hard) break: UBRK_LINE_HARD .. UBRK_LINE_HARD_LIMIT.
_HARD_MIN, _HARD_LIMIT = 100, 200

# URLs, e-mail addresses and bare domains: breaking inside them misleads a reader, so they
# are one unit unless nothing else fits (then `soft` opportunities inside them are used).
# Linear time on any text: an address or domain is only tried where one can begin (the
# lookbehinds), and possessive runs never rescan, so a 40,000-character "word" costs
# milliseconds instead of a rescan of the rest of the word at every position.
_TAIL = r"[^\s<>\"'.,;:!?)\]}’”»]"  # a URL does not end in sentence punctuation
_URL = regex.compile(
    r"(?:https?://|www\.)\S*"
    + _TAIL
    + r"|(?<![\w.%+-])[\w.%+-]++@[\w-]+(?:\.[\w-]+)+"
    + r"|\b(?<![\w-]\.|\w-*)[\w-]++(?:\.[\w-]++)++/(?:\S*"
    + _TAIL
    + ")?",
)


@dataclass(frozen=True, slots=True)
class Breaks:
    """Break positions of one paragraph, as code point indices (0 < i <= len(text)).

    `allowed`: where a line may end by the rules (always includes len(text)).
    `soft`: opportunities the rules give inside URLs, used only when nothing else fits.
    `graphemes`: grapheme cluster boundaries, the last resort for a word wider than the box.
    """

    allowed: tuple[int, ...]
    soft: tuple[int, ...]
    graphemes: tuple[int, ...]


def _utf16_to_index(text: str) -> list[int] | None:
    """Map UTF-16 offsets to code point indices; None when the text is all BMP (identity)."""
    if max(text, default="") < "\U00010000":
        return None
    table: list[int] = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) >= 0x10000:
            table.append(i)
    table.append(len(text))
    return table


def _boundaries(it: icu.BreakIterator, text: str, with_status: bool) -> list[tuple[int, int]]:
    it.setText(text)
    out: list[tuple[int, int]] = []
    for pos in it:
        out.append((pos, it.getRuleStatus() if with_status else 0))
    return out


def line_breaks(text: str, language: str | None = None) -> tuple[list[int], list[int]]:
    """(opportunities, mandatory) by UAX #14 as ICU tailors it, in code point indices."""
    table = _utf16_to_index(text)
    # A fresh iterator per call (a few µs): iterators hold state, so none is shared.
    it = icu.BreakIterator.createLineInstance(icu.Locale(language or "root"))
    opps: list[int] = []
    hard: list[int] = []
    for pos, status in _boundaries(it, text, True):
        idx = pos if table is None else table[pos]
        if idx == 0:
            continue
        opps.append(idx)
        if _HARD_MIN <= status < _HARD_LIMIT:
            hard.append(idx)
    return opps, hard


def grapheme_boundaries(text: str) -> list[int]:
    """Extended grapheme cluster boundaries (UAX #29), code point indices, excluding 0."""
    table = _utf16_to_index(text)
    it = icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())
    return [p if table is None else table[p] for p, _ in _boundaries(it, text, False) if p]


def url_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _URL.finditer(text)]


def paragraph_breaks(text: str, language: str | None = None) -> Breaks:
    """Break opportunities of a paragraph (no mandatory breaks inside: callers split first)."""
    opps, _hard = line_breaks(text, language)
    spans = url_spans(text)
    allowed: list[int] = []
    soft: list[int] = []
    for pos in opps:
        if any(a < pos < b for a, b in spans):
            soft.append(pos)
        else:
            allowed.append(pos)
    if not allowed or allowed[-1] != len(text):
        allowed.append(len(text))
    return Breaks(tuple(allowed), tuple(soft), tuple(grapheme_boundaries(text)))
