"""The last step every text reader shares: cleaned pieces in, one Briefing out.

Share text and Markdown find the headline, bullets and sections their own way, then
both need the same bookkeeping: a warning per dropped fragment, sources across all
pieces in first-appearance order, and a language guessed from the clean text.
"""

from __future__ import annotations

from collections.abc import Sequence

from sharecard.model import Attribution, Briefing, Diagnostic, Section
from sharecard.readers.citations import Cleaned, dedupe
from sharecard.readers.language import guess_language


def drop_warnings(cleaned: Cleaned, where: str) -> list[Diagnostic]:
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
    pieces: Sequence[Cleaned],
    attribution: Attribution | None,
    warnings: Sequence[Diagnostic],
    url: str | None = None,
    date: str | None = None,
    language: str | None = None,
) -> Briefing:
    """The Briefing of cleaned parts; `pieces` are all cleaned texts, in reading order."""
    texts = [headline, *bullets, lede, *(f"{s.heading} {s.body}" for s in sections)]
    return Briefing(
        headline=headline,
        bullets=tuple(bullets),
        lede=lede,
        sections=tuple(sections),
        sources=dedupe(source for piece in pieces for source in piece.sources),
        attribution=attribution,
        url=url,
        date=date,
        language=language or guess_language(" ".join(texts)),
        warnings=tuple(warnings),
    )
