"""Helpers for the font tests: the briefings per script and cards drawn from them."""

from __future__ import annotations

import functools
from pathlib import Path

from sharecard.cards.config import Settings
from sharecard.cards.render import RenderedCard
from sharecard.model import Briefing
from sharecard.pipeline import load_input, render_card
from sharecard.raster import rasterize

DATA = Path(__file__).resolve().parent.parent / "data"
SCRIPTS = DATA / "scripts"
CORPUS = DATA / "corpus"


def path_of(name: str) -> Path:
    """A briefing of tests/data/scripts (NAME.md) or of the corpus (NAME.txt)."""
    own = SCRIPTS / f"{name}.md"
    return own if own.is_file() else CORPUS / f"{name}.txt"


@functools.cache
def briefing(name: str) -> Briefing:
    return load_input(path_of(name)).briefing


def cover(name: str, *, system_fonts: bool = True, preset: str = "og") -> RenderedCard:
    settings = Settings(system_fonts=system_fonts)
    return render_card(briefing(name), "cover", preset, settings=settings)


def png(card: RenderedCard) -> bytes:
    (raster,) = rasterize(card.svg, width=card.preset.width, height=card.preset.height)
    return raster.data
