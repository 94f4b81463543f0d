"""Helpers for the card and export tests: one renderer (fonts, Typesetter, templates) per
session and the corpus briefings."""

from __future__ import annotations

import functools
from pathlib import Path

from sharecard.cards.plan import plan_cards
from sharecard.cards.presets import PRESETS
from sharecard.cards.render import CardRenderer, RenderedCard
from sharecard.cards.themes import make_theme
from sharecard.model import Briefing
from sharecard.readers import read_path

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "corpus"
CORPUS_NAMES = sorted(p.stem for p in CORPUS.glob("*.txt"))
SEED = CORPUS / "seed-putin-iran.txt"
KINDS = ("cover", "sections", "quote")
# Tesseract language for each corpus file's language.
TESS_LANG = {"en": "eng", "fa": "fas", "ja": "jpn"}


@functools.cache
def renderer() -> CardRenderer:
    """One renderer for the whole test session: fonts and templates load once."""
    return CardRenderer()


@functools.cache
def briefing(name: str) -> Briefing:
    return read_path(CORPUS / f"{name}.txt")


@functools.cache
def cards_for(name: str, preset: str, theme: str = "light") -> tuple[RenderedCard, ...]:
    """Every planned card (cover, sections, quote) of a corpus file at one preset."""
    b = briefing(name)
    specs, _ = plan_cards(b, KINDS, available=renderer().kinds())
    look = make_theme(theme)
    return tuple(renderer().render(b, s, PRESETS[preset], look) for s in specs)


def cover(name: str, preset: str) -> RenderedCard:
    return next(c for c in cards_for(name, preset) if c.kind == "cover")




# Briefings written for these tests in scripts the corpus lacks (see data/cards/README.md),
# and the share-text briefings written for the line-breaking tests (data/briefings).
OWN = DATA / "cards"
BRIEFINGS = DATA / "briefings"
OWN_NAMES = sorted([p.stem for p in OWN.glob("*.json")]
                   + [p.stem for p in BRIEFINGS.glob("*.txt")])


@functools.cache
def own_briefing(name: str) -> Briefing:
    own = OWN / f"{name}.json"
    return read_path(own if own.is_file() else BRIEFINGS / f"{name}.txt")


# Briefings with real quotations, named speakers (data/quotes/README.md): quote cards.
QUOTES = DATA / "quotes"
QUOTE_NAMES = sorted(p.name for p in QUOTES.iterdir() if p.name != "README.md")
QUOTE_SEED = QUOTES / "en-rates.txt"


@functools.cache
def quote_briefing(name: str) -> Briefing:
    return read_path(QUOTES / name)


@functools.cache
def quote_cards(name: str, preset: str) -> tuple[RenderedCard, ...]:
    """Every planned card (cover, sections, quote) of a quotation briefing at one preset."""
    b = quote_briefing(name)
    specs, _ = plan_cards(b, KINDS, available=renderer().kinds())
    return tuple(renderer().render(b, s, PRESETS[preset], make_theme("light")) for s in specs)


@functools.cache
def own_renderer() -> CardRenderer:
    """The renderer for the own briefings: font discovery finds the Thai and Bengali
    faces (Debian's fonts-noto-core); their absence fails naming the package."""
    from support.fonts import require_script_faces

    require_script_faces()
    return renderer()


@functools.cache
def own_cards(name: str, preset: str) -> tuple[RenderedCard, ...]:
    """Every planned card of one of the tests' own briefings at one preset."""
    b = own_briefing(name)
    specs, _ = plan_cards(b, KINDS, available=own_renderer().kinds())
    look = make_theme("light")
    return tuple(own_renderer().render(b, s, PRESETS[preset], look) for s in specs)
