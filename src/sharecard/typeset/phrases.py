"""Phrases of scripts written without spaces between words: where a line should end.

UAX #14 lets Japanese and Chinese break between almost any two characters, so a greedy
fill cuts 見/極める or leaves a particle starting a line ("を見送り"). Chromium's
`word-break: auto-phrase` runs Google's BudouX to find Japanese phrases
("日銀、/追加利上げを/見送り") and breaks between them; we run the same model (the `budoux`
package, pinned to the build Chromium compiles in) so our lines end where a browser's
would, and its Chinese models for Chinese (where Chromium breaks between any two
characters), holding only the phrase ends that are also word ends of ICU's dictionary.
Korean puts spaces between its phrases (eojeol), so its phrases are the space-separated
words, as `word-break: keep-all` treats them. Thai is not phrased here:
Chromium breaks it between the words of ICU's dictionary, as linebreak.py does, and
compounds.py keeps its names and compounds whole.

`inner_breaks` names the break opportunities that fall inside a phrase; line breaking then
uses them only as a last resort, when a phrase alone is wider than the line.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import regex

from sharecard.compiled import cached_regex

if TYPE_CHECKING:
    import budoux

# Characters whose words are phrased here. Korean is phrased by its spaces (keep-all).
_PHRASED = cached_regex(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_KANA = cached_regex(r"[\p{Hiragana}\p{Katakana}]")
_HANGUL = cached_regex(r"\p{Hangul}")
_HAN = cached_regex(r"\p{Han}")
KEEP_ALL = "keep-all"  # phrases are the space-separated words (Korean)

_LOADERS = {  # budoux's loader of each model
    "ja": "load_default_japanese_parser",
    "zh-hans": "load_default_simplified_chinese_parser",
    "zh-hant": "load_default_traditional_chinese_parser",
}


@cache
def _parser(model: str) -> budoux.Parser:
    """A BudouX parser, loaded on first use (a JSON model of ~100 kB per language).
    budoux itself is imported then too: it pulls in html.parser, which a card in a
    script with spaces never needs (start-up time)."""
    import budoux

    return getattr(budoux, _LOADERS[model])()


def phrase_model(language: str | None, text: str) -> str | None:
    """Which phrasing applies: a BudouX model name, KEEP_ALL, or None (no phrased script).

    The language decides when it names one of these scripts' languages; otherwise (no
    language, or e.g. an English card quoting a Japanese name) the text's script does.
    """
    if _PHRASED.search(text) is None:
        return None
    lang = (language or "").replace("_", "-").lower()
    primary = lang.split("-", 1)[0]
    if primary == "ja":
        return "ja"
    if primary in ("zh", "yue"):
        traditional = any(tag in lang.split("-")[1:] for tag in ("hant", "tw", "hk", "mo"))
        return "zh-hant" if traditional else "zh-hans"
    if primary in ("th", "lo", "km", "my"):
        return None  # dictionary words (ICU), as Chromium breaks them
    if primary == "ko":
        return KEEP_ALL
    if _KANA.search(text):
        return "ja"
    if _HANGUL.search(text) and not _HAN.search(text):
        return KEEP_ALL
    return "zh-hans"


@lru_cache(maxsize=2048)
def phrase_ends(text: str, model: str) -> frozenset[int]:
    """Offsets where a phrase ends (BudouX chunk boundaries; none for KEEP_ALL).

    Cached: BudouX is pure Python (~30 µs a character) and a card sets the same text in
    several weights and presets, each shaped and broken on its own.
    """
    if model == KEEP_ALL:
        return frozenset()
    ends: set[int] = set()
    pos = 0
    for chunk in _parser(model).parse(text):
        pos += len(chunk)
        ends.add(pos)
    if model.startswith("zh"):
        ends &= _dictionary_ends(text)
    return frozenset(ends)


def _dictionary_ends(text: str) -> set[int]:
    """Word ends of ICU's Chinese dictionary (code point offsets), plus every offset next
    to a character that is not Han (Latin, digits, punctuation: BudouX decides there).

    BudouX's Chinese models cut some words ("上|涨", "不|变"); a phrase end is kept only
    where the dictionary also ends a word, so a word is never parted. (Chromium itself
    breaks Chinese between any two characters.)"""
    import icu

    it = icu.BreakIterator.createWordInstance(icu.Locale("zh"))
    it.setText(text)
    utf16 = [i for i, ch in enumerate(text) for _ in range(2 if ord(ch) > 0xFFFF else 1)]
    utf16.append(len(text))
    ends = {utf16[b] for b in it}
    ends.update(i for i in range(1, len(text) + 1)
                if not (_HAN.match(text[i - 1]) and i < len(text) and _HAN.match(text[i])))
    return ends


def _phrased_tokens(text: str) -> list[tuple[int, int]]:
    """Spans of the space-free tokens that hold a phrased-script character."""
    return [
        m.span() for m in regex.finditer(r"\S+", text) if _PHRASED.search(m.group()) is not None
    ]


def inner_breaks(text: str, opportunities: Iterable[int], language: str | None) -> set[int]:
    """The opportunities (offsets into `text`) that fall inside a phrase.

    An opportunity is kept as a phrase end when it follows whitespace, when BudouX ends a
    phrase there, or when the token around it has no phrased script (Latin words in a
    Japanese line break as usual).
    """
    model = phrase_model(language, text)
    if model is None:
        return set()
    tokens = _phrased_tokens(text)
    if not tokens:
        return set()
    ends = phrase_ends(text, model)
    inner: set[int] = set()
    k = 0
    for pos in sorted(opportunities):
        while k < len(tokens) and tokens[k][1] <= pos:
            k += 1
        if k == len(tokens):
            break
        start, end = tokens[k]
        if start < pos < end and pos not in ends:
            inner.add(pos)
    return inner
