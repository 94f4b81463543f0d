"""What a carousel adds to a bundle: per preset, ``carousel-<preset>.pdf`` and the
numbered PNG series ``carousel-<preset>/01-cover.png`` …, with their manifest rows.

Kept apart from `sharecard.pipeline.build_bundle` (which calls `carousel_files` when the
formats ask for ``pdf``) and from `sharecard.export` (the bundle writer): pure, in
memory, file name → bytes.
"""

from __future__ import annotations

from typing import Any

import msgspec

from sharecard._version import __version__
from sharecard.cards.config import Settings
from sharecard.cards.presets import parse_presets
from sharecard.cards.render import CardRenderer
from sharecard.cards.themes import make_theme
from sharecard.carousel.document import carousel_pdf
from sharecard.carousel.pdf import PT_PER_PX, DocumentInfo
from sharecard.carousel.slides import Carousel, build_carousel, slide_display
from sharecard.export.bundle import file_entry
from sharecard.model import Briefing, Diagnostic
from sharecard.paint.display import DisplayList
from sharecard.paint.svgread import GlyphIndex
from sharecard.raster import rasterize_card


def document_info(briefing: Briefing, carousel: Carousel) -> DocumentInfo:
    brand = briefing.attribution.brand if briefing.attribution else ""
    slides = len(carousel.slides)
    return DocumentInfo(
        title=briefing.headline,
        author=brand or "",
        subject=f"{slides} slides, {carousel.preset.label}",
        keywords=", ".join(dict.fromkeys(briefing.sources)),
        creator=f"sharecard {__version__}",
    )


class SlideDrawing(msgspec.Struct, frozen=True):
    """A slide as `rasterize_card` draws it: from its display list (read back from its
    SVG) by the fast drawer, from the SVG by CairoSVG when it has none."""

    svg: str
    display: DisplayList | None
    width: int
    height: int


def carousel_files(
    briefing: Briefing, settings: Settings, renderer: CardRenderer
) -> tuple[dict[str, bytes], list[dict[str, Any]], list[Diagnostic]]:
    """Files, manifest rows and warnings of the carousel at every preset of `settings`.
    `briefing` is the one the bundle presents (settings' brand, URL and date applied)."""
    theme = make_theme(settings.theme, colours=dict(settings.colours), logo=settings.logo)
    files: dict[str, bytes] = {}
    rows: list[dict[str, Any]] = []
    warnings: list[Diagnostic] = []
    index = GlyphIndex(renderer.typesetter.fonts)
    for preset in parse_presets(settings.presets):
        carousel = build_carousel(briefing, settings.cards, preset, theme, renderer)
        warnings.extend(carousel.warnings)
        folder = f"carousel-{preset.name}"
        common = {"preset": preset.name, "platform": preset.platform}
        displays = [slide_display(slide, index) for slide in carousel.slides]
        for slide, display in zip(carousel.slides, displays, strict=True):
            name = f"{folder}/{slide.name}.png"
            drawable = SlideDrawing(slide.svg, display, preset.width, preset.height)
            (raster,) = rasterize_card(drawable, scale=settings.scale, formats=("png",),
                                       max_bytes=preset.max_bytes)
            files[name] = raster.data
            rows.append(file_entry(name, raster.data, kind="slide", card=slide.stem,
                                   **common, format="png", width=raster.width,
                                   height=raster.height, scale=settings.scale,
                                   index=slide.number, total=slide.total))
            warnings.extend(Diagnostic(w.code, w.message, f"{name}: {w.detail}".rstrip(": "))
                            for w in raster.warnings)
        pdf = carousel_pdf(carousel, renderer.typesetter, document_info(briefing, carousel),
                           displays)
        name = f"{folder}.pdf"
        files[name] = pdf.data
        rows.append(file_entry(name, pdf.data, kind="carousel", **common, format="pdf",
                               width=preset.width, height=preset.height,
                               page_size_pt=[preset.width * PT_PER_PX,
                                             preset.height * PT_PER_PX],
                               pages=pdf.pages, text_pages=pdf.text_pages))
        warnings.extend(pdf.warnings)
    return files, rows, warnings
