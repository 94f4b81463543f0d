"""Helpers for the card and export tests: one renderer (fonts, Typesetter, templates) per
session, the corpus briefings, and the real CLI entry point."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from sharecard.cards.plan import plan_cards
from sharecard.cards.presets import PRESETS
from sharecard.cards.render import CardRenderer, RenderedCard
from sharecard.cards.themes import make_theme
from sharecard.cli import main
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


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(args: Sequence[str], stdin: bytes | None = None) -> Run:
    """`sharecard ARGS` through `cli.main` (one-line errors, exit codes) in CliRunner."""
    runner = CliRunner()
    with runner.isolation(input=stdin) as streams:
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        stdout, stderr = streams[0].getvalue(), streams[1].getvalue()
    return Run(code, stdout.decode("utf-8"), stderr.decode("utf-8"))
