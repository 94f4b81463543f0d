"""The few words sharecard itself puts on a card, in the briefing's language.

A Persian card that says "Sources:" is a translation bug; the list is short, so it is a
table. Brand attribution ("Shared from Scout") stays as the briefing wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Labels:
    """Words a card template may print (all plain text; templates escape them)."""

    briefing: str  # the kicker when there is no brand
    sources: str  # "Sources" (followed by ": " and the list)
    shared_from: str  # "Shared from {brand}"
    quote_source: str  # "— {heading}" attribution under a pull quote
    separator: str = " · "
    open_quote: str = "“"  # the big mark on a quote card


_EN = Labels("Briefing", "Sources", "Shared from {brand}", "— {heading}")

LABELS: dict[str, Labels] = {
    "en": _EN,
    "fa": Labels("خلاصه خبر", "منابع", "Shared from {brand}", "— {heading}", " · ", "«"),
    "ar": Labels("موجز", "المصادر", "Shared from {brand}", "— {heading}", " · ", "«"),
    "he": Labels("תדריך", "מקורות", "Shared from {brand}", "— {heading}", " · ", "„"),
    "ja": Labels("ブリーフィング", "出典", "Shared from {brand}", "— {heading}", "・", "「"),
    "zh": Labels("简报", "来源", "Shared from {brand}", "— {heading}", "・", "“"),
    "hi": Labels("ब्रीफ़िंग", "स्रोत", "Shared from {brand}", "— {heading}", " · "),
}


def labels_for(language: str | None) -> Labels:
    """Labels for a BCP 47 tag (``fa``, ``fa-IR``, ``zh-Hans``…); English by default."""
    base = (language or "en").split("-")[0].split("_")[0].lower()
    return LABELS.get(base, _EN)
