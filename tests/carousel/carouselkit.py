"""Carousels of the corpus briefings, built once per test session, and PDF helpers."""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pypdfium2

from sharecard.cards.config import Settings
from sharecard.cards.presets import PRESETS
from sharecard.cards.themes import make_theme
from sharecard.carousel.bundle import carousel_files, document_info
from sharecard.carousel.document import PdfResult, carousel_pdf
from sharecard.carousel.slide import Slide, text_direction_of
from sharecard.carousel.slides import Carousel, build_carousel, slide_display
from sharecard.model import Briefing
from sharecard.paint.display import GlyphRun
from sharecard.paint.svgread import GlyphIndex
from sharecard.pipeline import renderer_for, resolve_settings, with_overrides
from sharecard.readers import read_path

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "corpus"
CORPUS_NAMES = sorted(p.stem for p in CORPUS.glob("*.txt"))
URL = "https://example.com/briefings/today?utm_source=x&q='quoted'"


@functools.cache
def settings(preset: str = "square", **more: object) -> Settings:
    return resolve_settings(presets=[preset], cards=["cover", "sections", "quote"],
                            formats=["png", "pdf"], url=URL, **more)


@functools.cache
def briefing(name: str) -> Briefing:
    return with_overrides(read_path(CORPUS / f"{name}.txt"), settings())


@functools.cache
def carousel(name: str, preset: str = "square") -> Carousel:
    s = settings(preset)
    return build_carousel(briefing(name), s.cards, PRESETS[preset], make_theme(s.theme),
                          renderer_for(s))


@functools.cache
def pdf(name: str, preset: str = "square") -> PdfResult:
    c = carousel(name, preset)
    return carousel_pdf(c, renderer_for(settings(preset)).typesetter,
                        document_info(briefing(name), c))


@functools.cache
def bundle_files(name: str, preset: str = "square"):
    s = settings(preset)
    return carousel_files(briefing(name), s, renderer_for(s))


def reader(name: str, preset: str = "square") -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf(name, preset).data))


def pdfium(name: str, preset: str = "square") -> pypdfium2.PdfDocument:
    return pypdfium2.PdfDocument(pdf(name, preset).data)


# Joiners, and the bidi isolates a footer puts around Latin names on an RTL card: they
# draw nothing, and a PDF extractor does not report them.
_IGNORABLE = dict.fromkeys(map(ord, "\u200c\u200d\u200b\ufeff\u2066\u2067\u2068\u2069"))


def words(text: str) -> list[str]:
    """`text` as the words a reader hears: NFC, joiners and isolates dropped, split at
    whitespace; a word broken after its hyphen at a line end is one word
    ("mutual-defense"), as PDFium joins it (it marks that hyphen U+0002)."""
    text = unicodedata.normalize("NFC", text).translate(_IGNORABLE).replace("\x02", "-")
    return re.sub(r"(\w)-\s+", r"\1-", text).split()


@dataclass(frozen=True)
class DrawnBox:
    """A text box as a slide draws it: what it says, its base direction, and its ink
    box in px."""

    label: str
    lines: tuple[str, ...]
    direction: str
    ink: tuple[float, float, float, float]
    line_inks: tuple[tuple[float, float, float, float], ...]  # one per line, top first

    @property
    def mixed(self) -> bool:
        """Whether its text has a strong character against its base direction: PDFium
        (like every extractor) reads such a line in visual order, so its words are in
        another order, and a neutral at an end (a URL's closing quote on an RTL card)
        sits on the other side of its word."""
        return any(text_direction_of(ch) not in (None, self.direction)
                   for ch in "".join(self.lines))


def drawn_boxes(slide: Slide, index: GlyphIndex, direction: str = "ltr") -> list[DrawnBox]:
    """Every text box of `slide` in paint order, its ink from the display list (the
    glyphs' own extents, not the text layer) and its lines from the typesetter;
    `direction` is the card's."""
    display = slide_display(slide, index)
    assert display is not None
    unused = list(slide.boxes)
    out = []
    for op in display.ops:
        if not isinstance(op, GlyphRun):
            continue
        box = next(b for b in unused if b.label == op.label)
        unused.remove(box)
        rows: list[list[tuple[float, float, float, float]]] = []
        baseline = None
        for g in sorted(op.glyphs, key=lambda g: g.y):
            x0, y0, x1, y1 = g.face.extents(g.gid)
            if x1 <= x0:
                continue
            if baseline is None or g.y - baseline > 0.4 * g.size:  # a new line
                rows.append([])
                baseline = g.y
            rows[-1].append((g.x + x0 * g.size, g.y - y1 * g.size, g.x + x1 * g.size,
                             g.y - y0 * g.size))
        inks = tuple((min(b[0] for b in r), min(b[1] for b in r), max(b[2] for b in r),
                      max(b[3] for b in r)) for r in rows)
        ink = (min(b[0] for b in inks), min(b[1] for b in inks), max(b[2] for b in inks),
               max(b[3] for b in inks))
        out.append(DrawnBox(op.label, box.lines, box.direction or direction, ink, inks))
    return out


def page_words_in(page: pypdfium2.PdfPage, ink: tuple[float, float, float, float],
                  height_pt: float, pad: float = 1.5) -> list[str]:
    """The words PDFium finds inside `ink` (card px) on `page`."""
    k = 0.75  # pt per px
    x0, y0, x1, y1 = ink
    text = page.get_textpage().get_text_bounded(
        left=x0 * k - pad, bottom=height_pt - y1 * k - pad,
        right=x1 * k + pad, top=height_pt - y0 * k + pad)
    return words(text)


def first_match(text: str, pattern: str) -> str | None:
    found = re.search(pattern, text)
    return found.group(0) if found else None
