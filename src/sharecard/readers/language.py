"""A language guess from the script, for briefings that do not say their language.

Cards need it to pick direction and fonts (Persian and Arabic share a script but not
their digits; Japanese and Chinese share Han but not glyph shapes). Only what the script
tells reliably is guessed; Latin text is called English only when English function words
show it, otherwise the language stays unknown (None).
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from sharecard.model import Section

_SAMPLE = 20_000
_PERSIAN = regex.compile(r"[پچژگکی]")
_URDU = regex.compile(r"[ٹڈڑںےھ]")
# fmt: off
_ENGLISH_WORDS = frozenset((
    "the", "and", "of", "to", "is", "in", "that", "for", "on", "with", "as", "are", "was",
    "it", "be", "by", "this", "from", "has", "have", "not",
))
# fmt: on
_SCRIPTS = (
    ("Arabic", regex.compile(r"\p{Arabic}")),
    ("Hebrew", regex.compile(r"\p{Hebrew}")),
    ("Devanagari", regex.compile(r"\p{Devanagari}")),
    ("Kana", regex.compile(r"[\p{Hiragana}\p{Katakana}]")),
    ("Han", regex.compile(r"\p{Han}")),
    ("Hangul", regex.compile(r"\p{Hangul}")),
    ("Thai", regex.compile(r"\p{Thai}")),
    ("Greek", regex.compile(r"\p{Greek}")),
    ("Cyrillic", regex.compile(r"\p{Cyrillic}")),
    ("Latin", regex.compile(r"\p{Latin}")),
)
_SIMPLE = {"Hebrew": "he", "Devanagari": "hi", "Hangul": "ko", "Thai": "th", "Greek": "el"}


def briefing_language(
    headline: str, bullets: Iterable[str], lede: str, sections: Iterable[Section]
) -> str | None:
    """The guess for a whole briefing: every reader calls this on its clean parts."""
    texts = [headline, *bullets, lede, *(f"{s.heading} {s.body}" for s in sections)]
    return guess_language(" ".join(texts))


def guess_language(text: str) -> str | None:
    """BCP 47 primary tag the script of `text` implies ("fa", "ja"…), or None if unsure."""
    sample = text[:_SAMPLE]
    counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS}
    kana = counts.pop("Kana")
    counts["Han"] += kana  # Japanese mixes kana with Han
    script = max(counts, key=lambda name: counts[name])
    if counts[script] == 0:
        return None
    if script == "Arabic":
        if _URDU.search(sample):
            return "ur"
        return "fa" if _PERSIAN.search(sample) else "ar"
    if script == "Han":
        return "ja" if kana else "zh"
    if script == "Latin":
        words = regex.findall(r"\p{L}+", sample.lower())
        english = sum(1 for word in words if word in _ENGLISH_WORDS)
        return "en" if english >= 2 and english * 20 >= len(words) else None
    return _SIMPLE.get(script)
