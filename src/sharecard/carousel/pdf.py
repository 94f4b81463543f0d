"""A PDF document from display lists: one page per slide, vector, with real text.

Why cairo's PDF surface (through cairocffi, already installed with CairoSVG): it embeds
the typesetter's own font files (subset, TrueType or CFF as they come) and places glyph
IDs at the typesetter's positions, so a page is the card's outlines exactly; and its
``show_text_glyphs`` takes the text with *clusters*, so the PDF gets a ToUnicode map
where one glyph is one run of characters and an ``ActualText`` span where it is not
(ligatures, Persian lam-alef, Devanagari reordering) — text that pypdf, pdfminer,
Poppler and screen readers extract in reading order. Skia's PDF backend
(``skia.PDF.MakeDocument``, in skia-python) draws the same glyph runs, but skia-python
binds no way to hand it the text of a run (``TextBlobBuilder.allocRunText``), so its
ToUnicode comes from reversing the cmap: contextual forms and ligatures extract as
nothing or as the wrong letters, and RTL text in visual order. cairo it is.

What gets text: every glyph run whose lines `sharecard.carousel.textlayer` could replay
(all of them on the built-in templates). Colour bitmap emoji are drawn as images, as in
the SVG; a run the replay does not match is drawn from its glyph IDs with cairo's own
ToUnicode (reverse cmap). A page whose card a display list cannot express (a user
template drawing gradients or its own ``<text>``) is drawn by CairoSVG onto the page:
vector outlines, no text layer, and the caller is told so (`Page.svg`).

Units: the page is the card's size in CSS pixels at 96 per inch, 1 px = 0.75 pt — what
CairoSVG and browsers print an SVG at — so a 1080×1080 card is an 810×810 pt page.
The bytes are deterministic: no creation date is written (cairo would stamp the clock),
fonts are subset by glyph set, the same input gives the same file.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Sequence

import cairocffi
import msgspec
from PIL import Image

from sharecard.carousel.cairofonts import font_face, font_options
from sharecard.carousel.textlayer import TextLine
from sharecard.paint.display import DisplayList, GlyphRun, Picture, Rect
from sharecard.typeset.layout import Placed
from sharecard.typeset.outlines import glyph_png

PT_PER_PX = 0.75  # CSS: 96 px = 72 pt = 1 inch


class Page(msgspec.Struct, frozen=True):
    """One page: a display list with the text of its glyph runs (op index → lines) and
    links (op index → URL, the op's ink becomes clickable); or, for a card no display
    list can express, its SVG (drawn as outlines)."""

    width: int
    height: int
    title: str  # the document outline's entry for this page
    display: DisplayList | None = None
    text: dict[int, tuple[TextLine, ...]] = msgspec.field(default_factory=dict)
    links: dict[int, str] = msgspec.field(default_factory=dict)
    svg: str | None = None


class DocumentInfo(msgspec.Struct, frozen=True):
    """The document's metadata (its title is what a screen reader announces)."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: str = ""
    creator: str = "sharecard"


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    value = int(hex_colour.lstrip("#"), 16)
    return ((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255


def _image_surface(data: bytes) -> cairocffi.ImageSurface | None:
    """A PNG/JPEG/WebP as a cairo image (through Pillow); None if it cannot be decoded."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            rgba = image.convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    buf = io.BytesIO()
    rgba.save(buf, "PNG")
    buf.seek(0)
    return cairocffi.ImageSurface.create_from_png(buf)


def _draw_image(ctx: cairocffi.Context, surface: cairocffi.ImageSurface,
                x: float, y: float, w: float, h: float) -> None:
    iw, ih = surface.get_width(), surface.get_height()
    if iw <= 0 or ih <= 0 or w <= 0 or h <= 0:
        return
    ctx.save()
    ctx.translate(x, y)
    ctx.scale(w / iw, h / ih)
    ctx.set_source_surface(surface, 0, 0)
    ctx.get_source().set_filter(cairocffi.FILTER_GOOD)
    ctx.paint()
    ctx.restore()


def _draw_emoji(ctx: cairocffi.Context, g: Placed) -> None:
    png = glyph_png(g.face, g.gid)
    surface = _image_surface(png) if png else None
    if surface is None:
        return
    x0, y0, x1, y1 = g.face.extents(g.gid)
    s = g.size
    _draw_image(ctx, surface, g.x + x0 * s, g.y - y1 * s, (x1 - x0) * s, (y1 - y0) * s)


def _set_font(ctx: cairocffi.Context, g: Placed) -> None:
    ctx.set_font_face(font_face(g.face))
    ctx.set_font_options(font_options(g.face))
    ctx.set_font_size(g.size)


def _same_font(a: Placed, b: Placed) -> bool:
    return a.face is b.face and a.size == b.size


def _glyph_runs(glyphs: Sequence[Placed]) -> Iterable[Sequence[Placed]]:
    start = 0
    for i in range(1, len(glyphs) + 1):
        if i == len(glyphs) or not _same_font(glyphs[i], glyphs[start]):
            yield glyphs[start:i]
            start = i


def _show_line(ctx: cairocffi.Context, line: TextLine) -> None:
    """One line, cut into pieces of one face, size and direction; the pieces are shown
    left to right, each with its text and clusters. A right-to-left piece goes out in
    visual order too, its clusters right to left (cairo writes glyphs in cluster order,
    so a backward cluster list would put them in reading order): that is how PDF
    producers write RTL text, and what extractors' bidi handling expects. Emoji pieces
    are images, without text."""
    pieces: list[tuple[list[Placed], list[tuple[str, int]], bool]] = []
    at = 0
    for chars, count, rtl in line.clusters:
        glyphs = list(line.glyphs[at:at + count])
        at += count
        last = pieces[-1] if pieces else None
        if last is not None and last[2] == rtl and _same_font(last[0][0], glyphs[0]):
            last[0].extend(glyphs)
            before, glyph_count = last[1][-1]
            if chars.isspace() and glyph_count > 1:
                # A space after a cluster of several glyphs (an ActualText span) joins
                # that span: PDFium drops a space that follows one.
                last[1][-1] = (before + chars, glyph_count + count)
            else:
                last[1].append((chars, count))
        else:
            pieces.append((glyphs, [(chars, count)], rtl))
    pieces.sort(key=lambda piece: min(g.x for g in piece[0]))
    for glyphs, clusters, rtl in pieces:
        if glyphs[0].face.color:
            for g in glyphs:
                _draw_emoji(ctx, g)
            continue
        _set_font(ctx, glyphs[0])
        if rtl:  # visual order: clusters right to left, each cluster's characters as read
            glyphs, clusters = glyphs[::-1], clusters[::-1]
        ctx.show_text_glyphs(
            "".join(chars for chars, _ in clusters),
            [(g.gid, g.x, g.y) for g in glyphs],
            [(len(chars.encode("utf-8")), count) for chars, count in clusters],
            0,
        )


def _show_glyphs(ctx: cairocffi.Context, run: GlyphRun) -> None:
    """A run without a text layer: glyph IDs only (cairo maps them back by the cmap)."""
    for glyphs in _glyph_runs(list(run.glyphs)):
        if glyphs[0].face.color:
            for g in glyphs:
                _draw_emoji(ctx, g)
            continue
        _set_font(ctx, glyphs[0])
        ctx.show_glyphs([(g.gid, g.x, g.y) for g in glyphs])


def _draw_picture(ctx: cairocffi.Context, op: Picture) -> None:
    from sharecard.raster import decode_data_uri

    try:
        data = decode_data_uri(op.href)
    except ValueError:
        return
    if op.href.startswith("data:image/svg"):
        _draw_svg(ctx, data, op.x, op.y, op.width, op.height)
        return
    surface = _image_surface(data)
    if surface is None:
        return  # as CairoSVG: an undecodable image draws nothing
    x, y, w, h = op.x, op.y, op.width, op.height
    iw, ih = surface.get_width(), surface.get_height()
    if op.fit != "none" and iw and ih:
        k = min(w / iw, h / ih)
        x, y, w, h = x + (w - iw * k) / 2, y + (h - ih * k) / 2, iw * k, ih * k
    _draw_image(ctx, surface, x, y, w, h)


def _link_attributes(url: str) -> str:
    escaped = url.replace("\\", "\\\\").replace("'", "\\'")
    return f"uri='{escaped}'"


def _draw_display(ctx: cairocffi.Context, page: Page) -> None:
    display = page.display
    assert display is not None
    ctx.set_source_rgb(*_rgb(display.background))
    ctx.rectangle(0, 0, display.width, display.height)
    ctx.fill()
    for n, op in enumerate(display.ops):
        link = page.links.get(n)
        if link:
            ctx.tag_begin(cairocffi.TAG_LINK, _link_attributes(link))
        if isinstance(op, Rect):
            ctx.set_source_rgb(*_rgb(op.fill))
            ctx.rectangle(op.x, op.y, op.width, op.height)
            ctx.fill()
        elif isinstance(op, GlyphRun):
            ctx.set_source_rgb(*_rgb(op.fill))
            lines = page.text.get(n)
            if lines is None:
                _show_glyphs(ctx, op)
            else:
                for line in lines:
                    _show_line(ctx, line)
        else:
            _draw_picture(ctx, op)
        if link:
            ctx.tag_end(cairocffi.TAG_LINK)


def _recorded_svg(svg: bytes, width: float, height: float) -> cairocffi.RecordingSurface | None:
    """An SVG drawn by CairoSVG at `width` × `height` px into a cairo recording surface
    (vector: replayed into the page as paths), with only ``data:`` URIs resolved
    (`sharecard.raster`'s rule); None if CairoSVG cannot draw it."""
    import cairosvg.parser
    import cairosvg.surface

    from sharecard.raster import data_only_fetcher

    class _Recorded(cairosvg.surface.Surface):
        """CairoSVG drawing in px (no pt scaling) into a recording surface."""

        device_units_per_user_units = 1.0

        def _create_surface(self, w: float, h: float) -> tuple[object, float, float]:
            extents = (0, 0, w, h)
            return cairocffi.RecordingSurface(cairocffi.CONTENT_COLOR_ALPHA, extents), w, h

    try:
        tree = cairosvg.parser.Tree(bytestring=svg, url_fetcher=data_only_fetcher([]),
                                    unsafe=False)
        drawn = _Recorded(tree, None, 96, output_width=max(width, 1),
                          output_height=max(height, 1))
    except (ValueError, ZeroDivisionError, SyntaxError):
        return None
    return drawn.cairo


def _draw_svg(ctx: cairocffi.Context, svg: bytes, x: float, y: float, w: float, h: float
              ) -> None:
    """An SVG into the box (x, y, w, h), its aspect ratio kept as its root asks."""
    recorded = _recorded_svg(svg, w, h)
    if recorded is None:
        return
    ctx.save()
    ctx.translate(x, y)
    ctx.set_source_surface(recorded, 0, 0)
    ctx.paint()
    ctx.restore()


def _draw_svg_page(ctx: cairocffi.Context, page: Page) -> None:
    """A whole card drawn by CairoSVG from its SVG: outlines, no text layer."""
    assert page.svg is not None
    _draw_svg(ctx, page.svg.encode("utf-8"), 0, 0, page.width, page.height)


def write_pdf(pages: Sequence[Page], info: DocumentInfo) -> bytes:
    """The PDF of `pages`, in order, with an outline entry per page."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    out = io.BytesIO()
    first = pages[0]
    surface = cairocffi.PDFSurface(out, first.width * PT_PER_PX, first.height * PT_PER_PX)
    surface.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, "")  # no clock in the bytes
    surface.set_metadata(cairocffi.PDF_METADATA_TITLE, info.title)
    for key, value in ((cairocffi.PDF_METADATA_AUTHOR, info.author),
                       (cairocffi.PDF_METADATA_SUBJECT, info.subject),
                       (cairocffi.PDF_METADATA_KEYWORDS, info.keywords),
                       (cairocffi.PDF_METADATA_CREATOR, info.creator)):
        if value:
            surface.set_metadata(key, value)
    for number, page in enumerate(pages, start=1):
        surface.set_size(page.width * PT_PER_PX, page.height * PT_PER_PX)
        ctx = cairocffi.Context(surface)
        ctx.scale(PT_PER_PX, PT_PER_PX)
        if page.display is not None:
            _draw_display(ctx, page)
        else:
            _draw_svg_page(ctx, page)
        surface.add_outline(cairocffi.PDF_OUTLINE_ROOT, page.title, f"page={number}", 0)
        surface.show_page()
    surface.finish()
    return out.getvalue()


def data_uri(data: bytes, mime: str = "image/png") -> str:
    """Bytes as a data: URI (for Picture ops built by the carousel, e.g. a logo)."""
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
