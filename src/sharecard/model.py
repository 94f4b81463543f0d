"""The Briefing: immutable data every other part of sharecard starts from.

Readers produce it, cards and blurbs consume it. It holds only clean text: citations
are lifted out into ``sources`` and clipped fragments never get in (each drop is a
``Diagnostic`` in ``warnings``), so consumers never have to re-check the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something a stage noticed and handled (a dropped fragment, a shrunk headline…)."""

    code: str
    message: str
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        out = {"code": self.code, "message": self.message}
        if self.detail:
            out["detail"] = self.detail
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        return cls(str(data["code"]), str(data["message"]), str(data.get("detail", "")))


@dataclass(frozen=True, slots=True)
class Section:
    """One Q&A section: its heading, its clean body text and the sources it cites."""

    heading: str
    body: str
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "body": self.body, "sources": list(self.sources)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Section:
        return cls(
            heading=str(data.get("heading", "")),
            body=str(data.get("body", "")),
            sources=tuple(str(s) for s in data.get("sources", ())),
        )


@dataclass(frozen=True, slots=True)
class Link:
    """A cited page: the source it is credited as ("reuters.com") and its full URL, for
    blurbs and alt text that can point at the page rather than only name the site."""

    source: str
    url: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "url": self.url}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Link:
        return cls(source=str(data["source"]), url=str(data["url"]))


@dataclass(frozen=True, slots=True)
class Quotation:
    """Words the briefing quotes, and who said them: what a quote card shows. `speaker`
    is a name the briefing gives (never a website); `role` what it says they are
    ("Finance Minister"), "" when it says nothing; `section` the section (0-based) the
    words are in, None for the lede, a bullet or a quotation the input stated."""

    text: str
    speaker: str
    role: str = ""
    section: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "speaker": self.speaker}
        if self.role:
            out["role"] = self.role
        if self.section is not None:
            out["section"] = self.section
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quotation:
        section = data.get("section")
        return cls(text=str(data["text"]), speaker=str(data["speaker"]),
                   role=str(data.get("role") or ""),
                   section=None if section is None else int(section))


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who the briefing is shared from ("Shared from Scout - Be the smartest in the room.")."""

    brand: str
    tagline: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"brand": self.brand, "tagline": self.tagline}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        tagline = data.get("tagline")
        return cls(brand=str(data["brand"]), tagline=None if tagline is None else str(tagline))


@dataclass(frozen=True, slots=True)
class Briefing:
    """A news briefing, clean and complete: what cards and blurbs are made from."""

    headline: str
    bullets: tuple[str, ...] = ()
    lede: str = ""
    sections: tuple[Section, ...] = ()
    sources: tuple[str, ...] = ()
    attribution: Attribution | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)
    links: tuple[Link, ...] = ()  # pages cited by full URL (Markdown links), reading order
    quotes: tuple[Quotation, ...] = ()  # words quoted with a named speaker, reading order

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict; the shape `sharecard parse` prints."""
        return {
            "headline": self.headline,
            "bullets": list(self.bullets),
            "lede": self.lede,
            "sections": [s.to_dict() for s in self.sections],
            "sources": list(self.sources),
            "links": [link.to_dict() for link in self.links],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "attribution": None if self.attribution is None else self.attribution.to_dict(),
            "url": self.url,
            "date": self.date,
            "language": self.language,
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Briefing:
        """Inverse of `to_dict`; expects data already validated (see readers.structured)."""
        attribution = data.get("attribution")
        return cls(
            headline=str(data["headline"]),
            bullets=tuple(str(b) for b in data.get("bullets", ())),
            lede=str(data.get("lede", "") or ""),
            sections=tuple(Section.from_dict(s) for s in data.get("sections", ())),
            sources=tuple(str(s) for s in data.get("sources", ())),
            attribution=None if attribution is None else Attribution.from_dict(attribution),
            url=data.get("url"),
            date=data.get("date"),
            language=data.get("language"),
            warnings=tuple(Diagnostic.from_dict(w) for w in data.get("warnings", ())),
            links=tuple(Link.from_dict(link) for link in data.get("links", ())),
            quotes=tuple(Quotation.from_dict(q) for q in data.get("quotes", ())),
        )
