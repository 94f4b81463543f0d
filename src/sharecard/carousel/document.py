"""A carousel as the two things platforms take: one PDF (LinkedIn document posts) and a
numbered PNG series (Instagram, Threads), both from the slides' SVGs.

The PNGs are drawn like every card PNG of a bundle (`sharecard.raster`, CairoSVG), at
the bundle's scale and under the preset's size cap. The PDF pages come from each
slide's display list (`slides.slide_display`, the one place that source is chosen),
with the text layer replayed for every glyph run (`textlayer`), the end slide's link
made clickable, and an outline entry per slide.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from sharecard.carousel.pdf import DocumentInfo, Page, write_pdf
from sharecard.carousel.slides import Carousel, Slide, slide_display
from sharecard.carousel.textlayer import SetText, TextLine, text_lines
from sharecard.model import Diagnostic
from sharecard.paint.display import DisplayList, GlyphRun
from sharecard.typeset import Typesetter


class PdfResult(msgspec.Struct, frozen=True):
    """The PDF and how much of it carries text."""

    data: bytes
    pages: int
    text_pages: int  # pages whose every glyph run has its text
    warnings: tuple[Diagnostic, ...]


def _page_text(slide: Slide, display: DisplayList, typesetter: Typesetter, language: str | None,
               direction: str) -> tuple[dict[int, tuple[TextLine, ...]], dict[int, str], int]:
    """Text lines and links per glyph-run op; and how many runs got no text."""
    text: dict[int, tuple[TextLine, ...]] = {}
    links: dict[int, str] = {}
    unused: list[SetText] = list(slide.boxes)
    missing = 0
    for n, op in enumerate(display.ops):
        if not isinstance(op, GlyphRun):
            continue
        lines = None
        for box in [b for b in unused if b.label == op.label]:
            lines = text_lines(op, box, typesetter, language=language, direction=direction)
            if lines is not None:
                unused.remove(box)
                break
        if lines is None:
            missing += 1
            continue
        text[n] = lines
        if slide.link and op.label == slide.link_label:
            links[n] = slide.link
    return text, links, missing


def carousel_pdf(carousel: Carousel, typesetter: Typesetter, info: DocumentInfo,
                 displays: Sequence[DisplayList | None] | None = None) -> PdfResult:
    """The carousel as one PDF, a page per slide in order. `displays` are the slides'
    display lists when the caller has them already (`slides.slide_display`, one per
    slide, as the PNG series drew them), so no slide is read back from SVG twice."""
    if displays is None:
        from sharecard.paint.svgread import GlyphIndex

        index = GlyphIndex(typesetter.fonts)
        displays = [slide_display(slide, index) for slide in carousel.slides]
    pages: list[Page] = []
    notes: list[Diagnostic] = []
    with_text = 0
    preset = carousel.preset
    for slide, display in zip(carousel.slides, displays, strict=True):
        where = f"carousel-{preset.name}.pdf: page {slide.number} ({slide.stem})"
        if display is None:
            pages.append(Page(preset.width, preset.height, f"{slide.number}. {slide.title}",
                              svg=slide.svg))
            notes.append(Diagnostic("pdf-outlines-only", "the card draws SVG a display list "
                                    "cannot express: its PDF page has outlines, no text",
                                    where))
            continue
        text, links, missing = _page_text(slide, display, typesetter, carousel.language,
                                          carousel.direction)
        if missing:
            notes.append(Diagnostic("pdf-text-missing", f"{missing} text box(es) drawn "
                                    "without their text map (cairo's own ToUnicode)", where))
        else:
            with_text += 1
        pages.append(Page(display.width, display.height, f"{slide.number}. {slide.title}",
                          display, text, links))
    data = write_pdf(pages, info)
    return PdfResult(data, len(pages), with_text, tuple(notes))
