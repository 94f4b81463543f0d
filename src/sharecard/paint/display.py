"""A card's display list: plain data for everything it draws, and its SVG emitter.

Three kinds of op, in paint order: `Rect` (a filled rectangle: background, accent bar,
rules, bullet markers), `GlyphRun` (one text box: the typesetter's `Placed` glyphs, per
line, in one colour; colour emoji glyphs among them are bitmaps) and `Picture` (a logo or
other image, given as a ``data:`` URI and a box). A display list is what a renderer needs
and nothing more, so the same list can be emitted as SVG (the portable artifact, here) or
drawn straight to pixels (`sharecard.paint.native`) without writing and re-parsing XML.

The SVG of each op is byte-for-byte what the SVG path writes today for the same content:
a glyph run is `typeset.svg.text_group` (outline paths, emoji ``<image>``, escaped
``aria-label``/``<title>``), a rect is the Canvas' ``<rect x= y= width= height= fill=>``
with two decimals (bullet markers, the footer rule), a picture is the footer logo's
``<image>``. Coordinates are absolute: where the template path wraps a moved group in
``<g transform="translate(…)">``, the display list holds the moved coordinates.

How the hookup goes (after the template/canvas rework lands)
-------------------------------------------------------------
1. Recording. `Canvas` gets ``ops: list[Op]`` and records an op at the moment a template
   *prints* something drawable — the environment autoescapes, so ``{{ box }}`` goes
   through ``Box.__html__`` / ``Group.__html__``; ``__str__`` and ``.svg`` must record
   the same way (one ``Canvas.emit(op) -> Markup``) — and through two new template helpers
   ``rect(x, y, width, height, fill)`` and ``image(x, y, width, height, href)`` that
   return the Markup of what they record. So the list is in the SVG's paint order by
   construction (a draft that is never placed is never printed, so never recorded; a box
   printed twice is drawn twice, as in the SVG). A Box then needs its canvas (or an emit
   callback) and its colour as an op: ``GlyphRun(layout.glyphs, color, label)`` where the
   label is what `text_group` gets (the cleaned paragraphs joined by newlines: `TextBox`
   should carry it, since `Typesetter.text_box` is where it is made). `Group` keeps its
   decorations as ops (`Rect`, `Picture`) instead of an SVG string, and ``Group.moved``
   shifts the ops (`moved` here) instead of wrapping a ``translate``. The background is
   `DisplayList.background`. The built-in templates and ``_macros.svg.j2`` call ``rect()``
   for the top bar and accent rules instead of writing ``<rect>`` literally.
2. Who may take the fast path. `TemplateLibrary` decides once per template, at load, from
   the Jinja lexer's ``data`` tokens of the template and everything it extends, imports
   or includes: *paintable* when its literal text holds no element other than the root
   ``<svg …>``/``</svg>`` (and comments/whitespace), i.e. everything drawn went through
   the canvas. A user template that writes its own SVG (gradients, paths, ``<text>``,
   transforms…) is not paintable and stays on CairoSVG, the reference. When a bundle
   writes the SVG anyway, ``to_svg(list)`` must equal the template's output modulo
   whitespace between elements; a mismatch also falls back to CairoSVG (and is a bug
   the tests catch for built-in templates).
3. Choosing in `raster`/`api`. `RenderedCard` carries ``display: DisplayList | None``
   (None when not paintable). ``raster.rasterize`` takes the card instead of only the SVG:
   with a display list and PNG asked for, it draws with ``paint.native.draw`` and encodes
   with ``paint.png.encode_png``; JPEG/WebP encode the same native pixels through Pillow;
   without one it is today's CairoSVG ``draw`` + ``encode``. ``--max-bytes`` and the
   palette fallback keep working, since both paths hand a Pillow image/bytes to the same
   size-cap logic. An image-only caller (the service's og.png) skips building glyph path
   strings altogether once ``TextBox.svg`` is computed lazily from ``glyphs``.
4. Checks that keep the two paths one picture: the tests in ``tests/paint`` (native vs
   CairoSVG vs Chromium within the browser-diff tolerance on corpus covers at three
   presets) run on the recorded lists instead of `svgread`'s, and `svgread` is retired
   or kept as a test oracle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from sharecard.typeset.layout import Placed
from sharecard.typeset.svg import text_group, xml_text


@dataclass(frozen=True, slots=True)
class Rect:
    """A filled axis-aligned rectangle (px, y down); `fill` is '#rrggbb'."""

    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass(frozen=True, slots=True)
class GlyphRun:
    """One text box as set: glyphs per line (baseline origins in px), one colour, and
    the plain text that the SVG gives as ``aria-label``/``<title>``."""

    lines: tuple[tuple[Placed, ...], ...]
    fill: str
    label: str

    @property
    def glyphs(self) -> Iterable[Placed]:
        for line in self.lines:
            yield from line


@dataclass(frozen=True, slots=True)
class Picture:
    """An image (a logo) drawn into a box, scaled to fit and centred ("xMidYMid meet")
    or stretched ("none"). `href` is a ``data:`` URI, as in the SVG."""

    x: float
    y: float
    width: float
    height: float
    href: str
    fit: str = "xMidYMid meet"


Op = Rect | GlyphRun | Picture


@dataclass(frozen=True, slots=True)
class DisplayList:
    """Everything one card draws, in paint order, over a flat background."""

    width: int
    height: int
    background: str
    ops: tuple[Op, ...]
    label: str = ""

    @property
    def colours(self) -> tuple[str, ...]:
        """Every flat colour painted (background first), without repeats: with
        anti-aliasing ramps between them, the palette of a card without images."""
        seen = dict.fromkeys([self.background.lower()])
        for op in self.ops:
            if isinstance(op, (Rect, GlyphRun)):
                seen[op.fill.lower()] = None
        return tuple(seen)

    @property
    def has_images(self) -> bool:
        """Whether anything is drawn from a bitmap (a logo, a colour emoji glyph)."""
        return any(
            isinstance(op, Picture)
            or (isinstance(op, GlyphRun) and any(g.face.color for g in op.glyphs))
            for op in self.ops
        )


def moved(op: Op, dx: float, dy: float) -> Op:
    """`op` translated by (dx, dy): how a placed draft group's ops move."""
    if isinstance(op, GlyphRun):
        return replace(op, lines=tuple(
            tuple(replace(g, x=g.x + dx, y=g.y + dy) for g in line) for line in op.lines
        ))
    return replace(op, x=op.x + dx, y=op.y + dy)


def op_svg(op: Op) -> str:
    """The SVG fragment of one op, as the template path writes it."""
    if isinstance(op, GlyphRun):
        return text_group(op.lines, label=op.label, color=op.fill) if op.lines else ""
    if isinstance(op, Rect):
        return (f'<rect x="{op.x:.2f}" y="{op.y:.2f}" width="{op.width:.2f}" '
                f'height="{op.height:.2f}" fill="{op.fill}"/>')
    return (f'<image x="{op.x:.2f}" y="{op.y:.2f}" width="{op.width:.2f}" '
            f'height="{op.height:.2f}" href="{op.href}" preserveAspectRatio="{op.fit}"/>')


def to_svg(display: DisplayList) -> str:
    """The whole card as an SVG document: the root and background of
    ``templates/base.svg.j2``, then every op in paint order."""
    w, h = display.width, display.height
    label = xml_text(display.label)
    return "".join((
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img" aria-label="{label}">\n',
        f'<rect width="{w}" height="{h}" fill="{display.background}"/>\n',
        "\n".join(s for s in map(op_svg, display.ops) if s),
        "\n</svg>\n",
    ))
