"""Words a reader expects together: a postposition with the word before it, a short
quoted phrase whole.

Both are spaces UAX #14 may break at, and both read as broken when a line ends there:
- Hindi, Urdu, Punjabi and Bengali write their postpositions and particles as words of
  their own after the noun ("रिज़र्व बैंक ने", "दरों में", "ढाका থেকে"). A line that starts
  with से, में, को, का, की, के, ने, पर or तक starts mid-phrase: the break before one is held,
  as a typesetter would tie it with a no-break space.
- A quoted phrase of three words or fewer (“AI accelerators”, « prix plancher ») is one
  name for one thing; a break inside it parts the quotation from its own closing mark.
Held breaks go to line breaking's last resort (`Breaks.soft`), used only when the words
alone are wider than the line.
"""

from __future__ import annotations

from functools import cache

import regex

from sharecard.compiled import cached_regex

# fmt: off
# Postpositions and particles that follow the word they belong to, per script. The Arabic
# script's row is Urdu's: its letters (ے ں ہ) are Urdu's own, and پر / تک, which Persian
# also writes as other words, apply only to text tagged Urdu (see _URDU_ONLY).
POSTPOSITIONS: dict[str, tuple[str, ...]] = {
    "Devanagari": (  # Hindi
        "से", "में", "को", "का", "की", "के", "ने", "पर", "तक", "भी", "ही", "द्वारा",
    ),
    "Arabic": (  # Urdu
        "سے", "میں", "کو", "کا", "کی", "کے", "نے", "پر", "تک", "بھی", "ہی",
    ),
    "Gurmukhi": (  # Punjabi
        "ਦਾ", "ਦੀ", "ਦੇ", "ਨੇ", "ਨੂੰ", "ਵਿੱਚ", "ਤੋਂ", "ਤੱਕ", "ਵੀ", "ਹੀ",
    ),
    "Bengali": (
        "থেকে", "জন্য", "পর্যন্ত", "সঙ্গে", "সাথে", "দিয়ে",
    ),
}
_URDU_ONLY = frozenset({"پر", "تک"})
# fmt: on

# Opening and closing marks of a quotation, and the most words a tied phrase holds.
_QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“"), ("‹", "›"), ('"', '"'))
MAX_QUOTED_WORDS = 3
_INNER = "[ \u00a0\u202f]"


@cache
def _postposition(urdu: bool) -> regex.Pattern[str]:
    """A postposition starting after a space and ending at a word end."""
    words = [w for ws in POSTPOSITIONS.values() for w in ws if urdu or w not in _URDU_ONLY]
    ordered = "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return cached_regex(rf"(?<=\S\s+)(?:{ordered})(?![\p{{L}}\p{{M}}])")


@cache
def _quoted() -> regex.Pattern[str]:
    """A quotation of 1–3 words on one side of its marks (the straight quote only where
    it opens after a non-word and closes before one, so it pairs)."""
    alternatives = []
    word = r"[^\s{close}]+"
    for open_, close in _QUOTE_PAIRS:
        o, c = regex.escape(open_), regex.escape(close)
        words = word.format(close=c)
        body = rf"{words}(?:[ \u00a0]{words}){{0,{MAX_QUOTED_WORDS - 1}}}"
        if open_ == close:
            alternatives.append(rf"(?<![\w{o}]){o}{body}{c}(?![\w{o}])")
        else:  # French sets a (no-break) space inside « »
            alternatives.append(rf"{o}{_INNER}?{body}{_INNER}?{c}")
    return cached_regex("|".join(alternatives))


_SCRIPTS = cached_regex(r"[\p{Devanagari}\p{Arabic}\p{Gurmukhi}\p{Bengali}]")
_MARKS = cached_regex("[" + regex.escape("".join(o for o, _ in _QUOTE_PAIRS)) + "]")


def tied_breaks(text: str, language: str | None) -> set[int]:
    """Offsets of break opportunities to hold: before a postposition (its start)."""
    if _SCRIPTS.search(text) is None:
        return set()
    urdu = (language or "").split("-")[0].lower() == "ur"
    return {m.start() for m in _postposition(urdu).finditer(text)}


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted phrase of three words or fewer, marks included."""
    if _MARKS.search(text) is None:
        return []
    return [m.span() for m in _quoted().finditer(text)]
