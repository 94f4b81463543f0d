"""The few words and numbers sharecard itself puts on a card, in the briefing's language.

A Persian card that says "Sources:" or counts its pages "2/9" beside Persian digits is a
translation bug. The words are a short table (kicker, "Sources", "Shared from {brand}",
the quote's credit and quotation mark, the carousel end slide's "Read the full
briefing"); the brand keeps the spelling the briefing gave.

Digits: a card counts in the digits its own text uses (a Persian briefing that writes
۱۴۰۴ gets ۲/۹), and otherwise in the digits that are the norm for its locale — CLDR's
default numbering system, read through ICU (pyicu is already the line breaker), which
knows that Persian, Pashto, Bengali, Nepali, Marathi and Burmese count in their own
digits and Hindi, Thai or Japanese in Latin ones. A bare ``ar`` counts in Arabic-Indic
digits (the Mashriq norm, and what a reader of Arabic expects by default; CLDR's
region-less default is Latin); a region says otherwise (``ar-MA``, ``ar-AE``: Latin).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

import msgspec

from sharecard.records import replace

ASCII_DIGITS = "0123456789"
FULLWIDTH_ZERO = "\uff10"  # ０: CJK text's full-width digits count as Latin ones
_DECIMAL = re.compile(r"\d")  # a str pattern's \d is Unicode category Nd


class Labels(msgspec.Struct, frozen=True):
    """Words a card template may print (all plain text; templates escape them)."""

    briefing: str  # the kicker: what kind of card this is ("Briefing")
    sources: str  # "Sources" (followed by ": " and the list)
    shared_from: str  # "Shared from {brand}"
    quote_source: str  # "— {source}": the credit under a quotation (its speaker, role)
    separator: str = " · "
    # The big mark on a quote card. Not « in Arabic script: mirrored in a right-to-left
    # line and set at 120 px it reads as a "fast-forward" icon, not as a quotation mark.
    open_quote: str = "“"
    colon: str = ": "  # after "Sources"
    digits: str = ASCII_DIGITS  # the ten digits the counter is written in
    comma: str = ", "  # between a speaker and their role ("Ana Ruiz, Finance Minister")
    source: str = "Source"  # "Sources" when a card cites one source only
    # The call to action above the link on a carousel's end slide: where to read on.
    read_more: str = "Read the full briefing"

    def number(self, value: int) -> str:
        """`value` written in this card's digits (no grouping: counters stay short)."""
        return str(value).translate(str.maketrans(ASCII_DIGITS, self.digits))

    def counter(self, index: int, total: int) -> str:
        """"2/9" in the card's digits; "" for a single card."""
        return f"{self.number(index)}/{self.number(total)}" if total > 1 else ""


_EN = Labels("Briefing", "Sources", "Shared from {brand}", "— {source}")

# One row per language (BCP 47 primary tag, or tag-script/region where they differ).
LABELS: dict[str, Labels] = {
    "en": _EN,
    "fa": Labels("خلاصه خبر", "منابع", "اشتراک‌گذاری‌شده از {brand}", "— {source}", " · ", "“"),
    "ar": Labels("موجز", "المصادر", "تمت المشاركة من {brand}", "— {source}", " · ", "“"),
    "ur": Labels("خلاصہ", "ذرائع", "{brand} سے شیئر کیا گیا", "— {source}", " · ", "“"),
    "he": Labels("תדריך", "מקורות", "שותף מ־{brand}", "— {source}", " · ", "„"),
    "hi": Labels("ब्रीफ़िंग", "स्रोत", "{brand} से साझा किया गया", "— {source}"),
    "bn": Labels("ব্রিফিং", "সূত্র", "{brand} থেকে শেয়ার করা", "— {source}"),
    "ja": Labels("ブリーフィング", "出典", "{brand}から共有", "— {source}", "・", "「", "："),
    "zh": Labels("简报", "来源", "分享自 {brand}", "— {source}", " · ", "“", "："),
    "zh-Hant": Labels("簡報", "來源", "分享自 {brand}", "— {source}", " · ", "「", "："),
    "ko": Labels("브리핑", "출처", "{brand}에서 공유", "— {source}"),
    "th": Labels("สรุปข่าว", "แหล่งที่มา", "แชร์จาก {brand}", "— {source}"),
    "es": Labels("Resumen", "Fuentes", "Compartido desde {brand}", "— {source}", " · ", "«"),
    "fr": Labels("L’essentiel", "Sources", "Partagé depuis {brand}", "— {source}", " · ",
                 "«", "\u00a0: "),
    "de": Labels("Überblick", "Quellen", "Geteilt über {brand}", "— {source}", " · ", "„"),
    "pt": Labels("Resumo", "Fontes", "Compartilhado de {brand}", "— {source}"),
    "pt-PT": Labels("Resumo", "Fontes", "Partilhado de {brand}", "— {source}", " · ", "«"),
    "it": Labels("In breve", "Fonti", "Condiviso da {brand}", "— {source}", " · ", "«"),
    "nl": Labels("Briefing", "Bronnen", "Gedeeld via {brand}", "— {source}", " · ", "„"),
    "ru": Labels("Главное", "Источники", "Опубликовано в {brand}", "— {source}", " · ", "«"),
    "uk": Labels("Головне", "Джерела", "Поширено з {brand}", "— {source}", " · ", "«"),
    "tr": Labels("Özet", "Kaynaklar", "{brand} üzerinden paylaşıldı", "— {source}"),
    "id": Labels("Ringkasan", "Sumber", "Dibagikan dari {brand}", "— {source}"),
}
# "Source" when a card cites one, and the comma between a speaker and their role.
_SINGULAR = {"en": "Source", "fa": "منبع", "ar": "المصدر", "ur": "ذریعہ", "he": "מקור",
             "hi": "स्रोत", "bn": "সূত্র", "ja": "出典", "zh": "来源", "zh-Hant": "來源",
             "ko": "출처", "th": "แหล่งที่มา", "es": "Fuente", "fr": "Source", "de": "Quelle",
             "pt": "Fonte", "pt-PT": "Fonte", "it": "Fonte", "nl": "Bron", "ru": "Источник",
             "uk": "Джерело", "tr": "Kaynak", "id": "Sumber"}
_COMMAS = {"fa": "، ", "ar": "، ", "ur": "، ", "ja": "、", "zh": "，", "zh-Hant": "，"}
# "Read the full briefing": an imperative or the form a news site's button uses, naming
# the briefing by the row's own word for it where that reads naturally.
_READ_MORE = {"en": "Read the full briefing", "fa": "متن کامل خلاصه خبر را بخوانید",
              "ar": "اقرأ الموجز كاملاً", "ur": "مکمل خلاصہ پڑھیں",
              "he": "לקריאת התדריך המלא", "hi": "पूरी ब्रीफ़िंग पढ़ें",
              "bn": "পুরো ব্রিফিং পড়ুন", "ja": "ブリーフィングの全文を読む",
              "zh": "阅读完整简报", "zh-Hant": "閱讀完整簡報", "ko": "브리핑 전문 읽기",
              "th": "อ่านสรุปข่าวฉบับเต็ม", "es": "Lee el resumen completo",
              "fr": "Lire le briefing complet", "de": "Den ganzen Überblick lesen",
              "pt": "Leia o resumo completo", "pt-PT": "Ler o resumo completo",
              "it": "Leggi il riepilogo completo", "nl": "Lees de volledige briefing",
              "ru": "Читать полный обзор", "uk": "Читати повний огляд",
              "tr": "Özetin tamamını okuyun", "id": "Baca ringkasan lengkapnya"}
LABELS = {tag: replace(row, source=_SINGULAR[tag], comma=_COMMAS.get(tag, ", "),
                       read_more=_READ_MORE[tag])
          for tag, row in LABELS.items()}
_EN = LABELS["en"]
_TRADITIONAL = ("hant", "tw", "hk", "mo")


def _parts(language: str | None) -> list[str]:
    return (language or "en").replace("_", "-").lower().split("-")


def _row(language: str | None) -> Labels:
    parts = _parts(language)
    base = parts[0]
    if base == "zh" and any(p in _TRADITIONAL for p in parts[1:]):
        return LABELS["zh-Hant"]
    if base == "pt" and "pt" in parts[1:]:
        return LABELS["pt-PT"]
    return LABELS.get(base, _EN)


@functools.cache
def locale_digits(language: str | None) -> str:
    """The ten digits that are the norm for `language` (CLDR via ICU); ASCII if unknown."""
    parts = _parts(language)
    if not parts[0].isalpha():
        return ASCII_DIGITS
    import icu  # pyicu: loaded on first use

    tag = "-".join(parts)
    if parts == ["ar"]:
        tag = "ar@numbers=native"  # Arabic-Indic: see the module docstring
    try:
        system = icu.NumberingSystem.createInstance(icu.Locale(tag))
    except icu.ICUError:
        return ASCII_DIGITS
    digits = system.getDescription()
    if system.isAlgorithmic() or len(digits) != 10:
        return ASCII_DIGITS
    return digits


def text_digits(texts: Iterable[str]) -> str | None:
    """The ten digits `texts` mostly write numbers in, or None when they have no digits."""
    zeros: Counter[str] = Counter()
    for text in texts:
        for found in _DECIMAL.finditer(text):  # category Nd: every one has a digit value
            char = found.group()
            zero = chr(ord(char) - unicodedata.digit(char))
            zeros["0" if zero == FULLWIDTH_ZERO else zero] += 1
    if not zeros:
        return None
    zero = max(zeros, key=lambda z: (zeros[z], z == "0"))
    return "".join(chr(ord(zero) + n) for n in range(10))


def labels_for(language: str | None, texts: Iterable[str] = ()) -> Labels:
    """Labels for a BCP 47 tag (``fa``, ``fa-IR``, ``zh-Hant``…; English by default), with
    digits from `texts` (the briefing's own words) when they hold any numbers."""
    digits = text_digits(texts) or locale_digits(language)
    row = _row(language)
    return row if digits == row.digits else replace(row, digits=digits)
