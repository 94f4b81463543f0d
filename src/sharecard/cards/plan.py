"""Which cards to draw for a briefing: the cover, one per section, a pull quote.

Planning is separate from drawing so a batch can count cards, a UI can list them and the
renderer stays one card at a time. A request that cannot be met (no sections to draw)
is not an error: it becomes a Diagnostic, because a headline-only briefing is still a
briefing worth a cover. No card is planned with nothing to say: a section whose text is
empty once the reader has repaired it (every sentence was a clipped fragment) is left
out with a warning — a heading alone answers nothing, and merging it into a neighbour
would put a question over another question's answer — and a pull quote always quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import msgspec

from sharecard.errors import ConfigError
from sharecard.model import Briefing, Diagnostic, Section
from sharecard.records import replace
from sharecard.text import split_sentences

# Words a request may use: "sections" expands to one card per section.
CARD_CHOICES = ("cover", "sections", "section", "quote")

# Headings that announce a conclusion; the pull quote comes from the first that matches.
_CONCLUSION = re.compile(
    r"bottom\s*line|takeaway|in\s+short|the\s+big\s+picture|what\s+it\s+means|conclusi[oó]n"
    r"|summary|en\s+bref|en\s+resumen|em\s+resumo|conclusão|fazit|in\s+breve"
    r"|جمع[\u200c ]?بندی|نتیجه|الخلاصة|خلاصة|סיכום|まとめ|結論|总结|结论|總結|결론|요약"
    r"|निष्कर्ष|सारांश|সারসংক্ষেপ|উপসংহার|สรุป",
    re.IGNORECASE,
)


class Quote(msgspec.Struct, frozen=True):
    """The pull quote: its sentences, the section they come from and the source they
    cite (the section's first cited domain; "" when the text cites none)."""

    sentences: tuple[str, ...]
    heading: str  # the section's heading, "" for the lede or a bullet
    section_index: int | None  # 0-based section it was taken from, if any
    source: str = ""


class CardSpec(msgspec.Struct, frozen=True):
    """One card to draw: its kind, its place in the carousel, and the content it shows."""

    kind: str
    index: int  # 1-based position among the cards planned for this briefing
    total: int
    section: Section | None = None
    section_index: int | None = None  # 0-based index into briefing.sections
    quote: Quote | None = None

    @property
    def stem(self) -> str:
        """File-name stem within a preset: cover, section-03, quote…"""
        if self.kind == "section" and self.section_index is not None:
            return f"section-{self.section_index + 1:02d}"
        return self.kind


def has_text(section: Section) -> bool:
    """Whether a section has anything to say besides its heading."""
    return bool(split_sentences(section.body))


def _from_section(i: int, section: Section) -> Quote:
    source = section.sources[0] if section.sources else ""
    return Quote(tuple(split_sentences(section.body)), section.heading, i, source)


def pick_quote(briefing: Briefing) -> Quote | None:
    """The pull quote: a conclusion section ("Bottom line"), else the last section with a
    body, else the lede, else the first bullet. None for a headline-only briefing."""
    sections = [(i, s) for i, s in enumerate(briefing.sections) if has_text(s)]
    for i, section in sections:
        if _CONCLUSION.search(section.heading):
            return _from_section(i, section)
    if sections:
        return _from_section(*sections[-1])
    for text in (briefing.lede, *briefing.bullets[:1]):
        sentences = tuple(split_sentences(text))
        if sentences:
            return Quote(sentences, "", None)
    return None


def _expand(requested: Iterable[str], available: Sequence[str]) -> list[str]:
    kinds: list[str] = []
    for raw in requested:
        name = raw.strip().lower()
        if not name:
            continue
        if name not in CARD_CHOICES and name not in available:
            valid = sorted({*CARD_CHOICES, *available})
            raise ConfigError(f"unknown card '{raw}'; valid cards: {', '.join(valid)}")
        kinds.append("sections" if name == "section" else name)
    return list(dict.fromkeys(kinds)) or ["cover"]


def plan_cards(
    briefing: Briefing, requested: Iterable[str] = ("cover",), *, available: Sequence[str] = ()
) -> tuple[tuple[CardSpec, ...], tuple[Diagnostic, ...]]:
    """The cards to draw, in carousel order, and notes on what could not be drawn.

    `available` names extra card kinds that user templates provide (e.g. ``stats``);
    such a card gets no specific content and draws from the briefing itself.
    """
    kinds = _expand(requested, available)
    notes: list[Diagnostic] = []
    quote = pick_quote(briefing) if "quote" in kinds else None
    drafts: list[CardSpec] = []  # numbered once the carousel's length is known
    for kind in kinds:
        if kind == "sections":
            if not briefing.sections:
                notes.append(Diagnostic("no-sections", "the briefing has no sections to draw"))
            for i, section in enumerate(briefing.sections):
                if not has_text(section):
                    notes.append(Diagnostic(
                        "empty-section", f"section {i + 1} ‘{section.heading}’ has no text "
                        "left after repair; it gets no card", f"section-{i + 1:02d}"))
                    continue
                if quote is not None and quote.section_index == i:
                    continue  # the quote card already shows it; a carousel never repeats
                drafts.append(CardSpec("section", 0, 0, section=section, section_index=i))
        elif kind == "quote":
            if quote is None:
                notes.append(Diagnostic("no-quote", "the briefing has no text for a pull quote"))
            else:
                drafts.append(
                    CardSpec("quote", 0, 0, quote=quote, section_index=quote.section_index)
                )
        else:
            drafts.append(CardSpec(kind, 0, 0))
    total = len(drafts)
    specs = tuple(replace(d, index=n, total=total) for n, d in enumerate(drafts, start=1))
    return specs, tuple(notes)
