"""A language guess from the script, for briefings that do not say their language.

Cards need it to pick direction and fonts (Persian and Arabic share a script but not
their digits; Japanese and Chinese share Han but not glyph shapes). Only what the script
tells reliably is guessed; Latin text is called English, Spanish, French, German or
Portuguese only when that language's function words show it, otherwise the language stays
unknown (None).
"""

from __future__ import annotations

from collections.abc import Iterable

from sharecard.compiled import cached_regex
from sharecard.model import Section

_SAMPLE = 20_000
_PERSIAN = cached_regex(r"[پچژگکی]")
_URDU = cached_regex(r"[ٹڈڑںےھ]")
_LETTERS = cached_regex(r"\p{L}+")
# Function words that only one Latin-script language uses often: a text is called that
# language when they are at least 5 % of its words (and two or more of them are there).
# fmt: off
_LATIN_WORDS = {
    "en": frozenset((
        "the", "and", "of", "to", "is", "in", "that", "for", "on", "with", "as", "are",
        "was", "it", "be", "by", "this", "from", "has", "have", "not",
    )),
    "es": frozenset((
        "el", "los", "las", "del", "y", "que", "por", "para", "con", "una", "es", "se",
        "al", "lo", "como", "más", "pero", "sus", "está", "según",
    )),
    "fr": frozenset((
        "le", "les", "des", "et", "est", "du", "une", "que", "qui", "dans", "pour", "pas",
        "sur", "au", "aux", "avec", "ce", "sont", "selon", "plus",
    )),
    "de": frozenset((
        "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "den", "dem",
        "von", "zu", "auf", "für", "sich", "auch", "wird", "nach", "bei",
    )),
    "pt": frozenset((
        "os", "as", "do", "da", "dos", "das", "não", "uma", "com", "para", "que", "em",
        "no", "na", "pelo", "pela", "mais", "são", "foi", "segundo",
    )),
}
# fmt: on
# Each script's letters, by Unicode script property; Kana is Hiragana and Katakana together.
_SCRIPT_NAMES = (
    "Arabic", "Hebrew", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil",
    "Telugu", "Kannada", "Malayalam", "Sinhala", "Kana", "Han", "Hangul", "Thai", "Lao",
    "Khmer", "Myanmar", "Tibetan", "Georgian", "Armenian", "Ethiopic", "Greek", "Cyrillic",
    "Latin",
)
_SCRIPTS = tuple(
    (name, cached_regex(r"[\p{Hiragana}\p{Katakana}]" if name == "Kana" else rf"\p{{{name}}}"))
    for name in _SCRIPT_NAMES
)
# Scripts one language writes nearly all news in. Devanagari is also Marathi and Nepali,
# Bengali also Assamese, Ethiopic also Tigrinya: the majority language is the guess, as
# the script's default locale is for fonts. Cyrillic is left unguessed (ru, uk, bg, sr…).
_SIMPLE = {
    "Hebrew": "he", "Devanagari": "hi", "Bengali": "bn", "Gurmukhi": "pa", "Gujarati": "gu",
    "Oriya": "or", "Tamil": "ta", "Telugu": "te", "Kannada": "kn", "Malayalam": "ml",
    "Sinhala": "si", "Hangul": "ko", "Thai": "th", "Lao": "lo", "Khmer": "km",
    "Myanmar": "my", "Tibetan": "bo", "Georgian": "ka", "Armenian": "hy", "Ethiopic": "am",
    "Greek": "el",
}
# Common characters that only Traditional (or only Simplified) Chinese writes.
_TRADITIONAL = cached_regex(r"[們這說國對會來時個過還經發與將後當點開關實現學業體區總機]")
_SIMPLIFIED = cached_regex(r"[们这说国对会来时个过还经发与将后当点开关实现学业体区总机]")


def briefing_language(
    headline: str, bullets: Iterable[str], lede: str, sections: Iterable[Section]
) -> str | None:
    """The guess for a whole briefing: every reader calls this on its clean parts."""
    texts = [headline, *bullets, lede, *(f"{s.heading} {s.body}" for s in sections)]
    return guess_language(" ".join(texts))


def guess_language(text: str) -> str | None:
    """BCP 47 tag the script of `text` implies ("fa", "ja", "zh-Hant"…), or None if unsure."""
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
        if kana:
            return "ja"
        traditional = len(_TRADITIONAL.findall(sample)) > len(_SIMPLIFIED.findall(sample))
        return "zh-Hant" if traditional else "zh"
    if script == "Latin":
        return _latin_language(sample)
    return _SIMPLE.get(script)


def _latin_language(sample: str) -> str | None:
    """The Latin-script language whose function words the text uses most, if clearly."""
    words = _LETTERS.findall(sample.lower())
    best, hits = None, 0
    for language, vocabulary in _LATIN_WORDS.items():
        found = sum(1 for word in words if word in vocabulary)
        if found > hits:
            best, hits = language, found
    return best if hits >= 2 and hits * 20 >= len(words) else None
