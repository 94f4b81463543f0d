"""Which cards to draw for a briefing: the cover, one per section, a quote.

Planning is separate from drawing so a batch can count cards, a UI can list them and the
renderer stays one card at a time. A request that cannot be met (no sections to draw)
is not an error: it becomes a Diagnostic, because a headline-only briefing is still a
briefing worth a cover. No card is planned with nothing to say: a section whose text is
empty once the reader has repaired it (every sentence was a clipped fragment) is left
out with a warning — a heading alone answers nothing, and merging it into a neighbour
would put a question over another question's answer.

A quote card quotes: it shows words the briefing puts in quotation marks and credits the
person it says spoke them (`Briefing.quotes`, found by `readers.quotes`). A briefing that
quotes no one gets no quote card — never its own words signed with a website — and the
manifest says so; its bottom line (the conclusion section, else the last) is drawn as a
section card in its place, with its own heading and its sources credited as sources.
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
    """A quotation as a card shows it: its sentences, who said them (and what they are),
    and the section (0-based) the words are in, if any."""

    sentences: tuple[str, ...]
    speaker: str
    role: str = ""
    section_index: int | None = None


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


MAX_QUOTE_CHARS = 240  # a quotation longer than this reads as a paragraph on a card


def pick_quote(briefing: Briefing) -> Quote | None:
    """The quotation for the quote card: the first the briefing holds that a card can
    show whole (at most MAX_QUOTE_CHARS), else its first. None when it quotes no one."""
    if not briefing.quotes:
        return None
    short = [q for q in briefing.quotes if len(q.text) <= MAX_QUOTE_CHARS]
    chosen = (short or list(briefing.quotes))[0]
    section = chosen.section
    if section is not None and not 0 <= section < len(briefing.sections):
        section = None
    sentences = tuple(split_sentences(chosen.text)) or (chosen.text,)
    return Quote(sentences, chosen.speaker, chosen.role, section)


def bottom_line(briefing: Briefing) -> int | None:
    """The section (0-based) that concludes the briefing: the first whose heading says
    so ("Bottom line", "まとめ"…), else the last with a body; None without sections."""
    sections = [i for i, s in enumerate(briefing.sections) if has_text(s)]
    for i in sections:
        if _CONCLUSION.search(briefing.sections[i].heading):
            return i
    return sections[-1] if sections else None


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
            if quote is not None:
                drafts.append(
                    CardSpec("quote", 0, 0, quote=quote, section_index=quote.section_index)
                )
                continue
            last = bottom_line(briefing)
            instead = ""
            if last is not None and "sections" not in kinds:
                drafts.append(CardSpec("section", 0, 0, section=briefing.sections[last],
                                       section_index=last))
                instead = f"; its bottom line (section {last + 1}) is a section card instead"
            notes.append(Diagnostic("no-quote", "the briefing quotes no one it names, so "
                                    f"there is no quote card{instead}", "quote"))
        else:
            drafts.append(CardSpec(kind, 0, 0))
    total = len(drafts)
    specs = tuple(replace(d, index=n, total=total) for n, d in enumerate(drafts, start=1))
    return specs, tuple(notes)
