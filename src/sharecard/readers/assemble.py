"""The last step every text reader shares: cleaned pieces in, one Briefing out.

Share text and Markdown find the headline, bullets and sections their own way, then
both need the same bookkeeping: a warning per dropped fragment, sources across all
pieces in first-appearance order, and a language guessed from the clean text.
"""

from __future__ import annotations

from collections.abc import Sequence

from sharecard.model import Attribution, Briefing, Diagnostic, Section
from sharecard.readers.citations import Cleaned, dedupe
from sharecard.readers.language import briefing_language


def _drop_warnings(cleaned: Cleaned, where: str) -> list[Diagnostic]:
    """One warning per clipped fragment dropped from `cleaned` (never the fragment's text)."""
    return [
        Diagnostic(
            code="fragment-dropped",
            message=f"dropped text clipped around the citation ({drop.citation}) in {where}",
            detail=f"{drop.chars} characters",
        )
        for drop in cleaned.drops
    ]


def assemble(
    *,
    headline: str,
    bullets: Sequence[str],
    lede: str,
    sections: Sequence[Section],
    pieces: Sequence[tuple[str, Cleaned]],
    attribution: Attribution | None,
    url: str | None = None,
    date: str | None = None,
    language: str | None = None,
) -> Briefing:
    """The Briefing of cleaned parts. `pieces` are all cleaned texts in reading order, each
    with where it sits ("bullet 2", "the lede"…), which its drop warnings name."""
    return Briefing(
        headline=headline,
        bullets=tuple(bullets),
        lede=lede,
        sections=tuple(sections),
        sources=dedupe(source for _, piece in pieces for source in piece.sources),
        attribution=attribution,
        url=url,
        date=date,
        language=language or briefing_language(headline, bullets, lede, sections),
        warnings=tuple(w for where, piece in pieces for w in _drop_warnings(piece, where)),
    )
