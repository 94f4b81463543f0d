"""Where a line may end: UAX #14 break opportunities, refined the way an editor would.

ICU's line BreakIterator is the one Chromium uses, so our lines break where a browser's
would, including CJK kinsoku (no line starts with 、。」). On top of it, an opportunity is
kept only as a last resort (`Breaks.soft`) when it falls
- inside a URL, e-mail address or domain ("news.example.org/x/y");
- inside a phrase of Japanese or Chinese (BudouX, see phrases.py) or a Korean word;
- inside a number and what it counts, or a date ("October 2, 2025"; see keep.py);
- inside a Thai compound or a person's name (compounds.py): Thai breaks between ICU's
  dictionary words, as in Chromium, and the dictionary does not know them;
- before a Hindi, Urdu, Punjabi or Bengali postposition, and inside a quoted phrase of
  three words or fewer (ties.py);
- before a dash or closing punctuation ("— and more…" never starts a line: the break
  after the dash is taken instead).
Each allowed break also carries a weight (clauses.py): a line likes to end after a clause
and not just before one. ICU counts in UTF-16 code units; everything here converts to
Python string indices (code points) before it leaves.
"""

from __future__ import annotations

import bisect
import unicodedata

import icu
import msgspec

from sharecard.compiled import cached_regex
from sharecard.typeset.clauses import break_weights
from sharecard.typeset.compounds import compound_spans
from sharecard.typeset.keep import keep_spans
from sharecard.typeset.phrases import inner_breaks
from sharecard.typeset.ties import quoted_spans, tied_breaks

# ICU rule status for a mandatory (hard) break: UBRK_LINE_HARD .. UBRK_LINE_HARD_LIMIT.
_HARD_MIN, _HARD_LIMIT = 100, 200

# URLs, e-mail addresses and bare domains: breaking inside them misleads a reader, so they
# are one unit unless nothing else fits (then `soft` opportunities inside them are used).
# Linear time on any text: an address or domain is only tried where one can begin (the
# lookbehinds), and possessive runs never rescan, so a 40,000-character "word" costs
# milliseconds instead of a rescan of the rest of the word at every position.
_TAIL = r"[^\s<>\"'.,;:!?)\]}’”»]"  # a URL does not end in sentence punctuation
_URL = cached_regex(
    r"(?:https?://|www\.)\S*"
    + _TAIL
    + r"|(?<![\w.%+-])[\w.%+-]++@[\w-]+(?:\.[\w-]+)+"
    + r"|\b(?<![\w-]\.|\w-*)[\w-]++(?:\.[\w-]++)++/(?:\S*"
    + _TAIL
    + ")?",
)


# What no line may start with: dashes, and punctuation that closes (besides the Unicode
# categories Pe "close" and Pf "final quote").
_NO_LINE_START = frozenset("-‐‑‒–—―⸺⸻﹘﹣－,.;:!?%‰、。，．！？：；،؛؟۔।॥…‥")


def starts_badly(char: str) -> bool:
    """True if a line must not start with `char` (a dash or closing punctuation)."""
    return char in _NO_LINE_START or unicodedata.category(char) in ("Pe", "Pf")


class Breaks(msgspec.Struct, frozen=True):
    """Break positions of one paragraph, as code point indices (0 < i <= len(text)).

    `allowed`: where a line may end (always includes len(text)).
    `soft`: UAX #14 opportunities held back (see the module docstring), used only when a
    piece between two allowed breaks is wider than the line.
    `graphemes`: grapheme cluster boundaries, the last resort for a word wider than the box.
    `weights`: per allowed break, how much a line likes to end there (clauses.py).
    `must`: allowed breaks a line must end at (a headline set clause first, layout.py).
    """

    allowed: tuple[int, ...]
    soft: tuple[int, ...]
    graphemes: tuple[int, ...]
    weights: tuple[float, ...] = ()
    must: frozenset[int] = frozenset()


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


def _inside(spans: list[tuple[int, int]], opps: list[int]) -> set[int]:
    """The opportunities (sorted) that fall strictly inside one of `spans`."""
    out: set[int] = set()
    for a, b in spans:
        i = bisect.bisect_right(opps, a)
        while i < len(opps) and opps[i] < b:
            out.add(opps[i])
            i += 1
    return out


def paragraph_breaks(text: str, language: str | None = None) -> Breaks:
    """Break opportunities of a paragraph (no mandatory breaks inside: callers split first)."""
    opps, _hard = line_breaks(text, language)
    spans = url_spans(text) + keep_spans(text) + compound_spans(text) + quoted_spans(text)
    held = (_inside(spans, opps) | inner_breaks(text, opps, language)
            | tied_breaks(text, language))
    allowed: list[int] = []
    soft: list[int] = []
    for pos in opps:
        if pos < len(text) and (pos in held or starts_badly(text[pos])):
            soft.append(pos)
        else:
            allowed.append(pos)
    if not allowed or allowed[-1] != len(text):
        allowed.append(len(text))
    return Breaks(tuple(allowed), tuple(soft), tuple(grapheme_boundaries(text)),
                  break_weights(text, allowed))
