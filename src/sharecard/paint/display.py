"""A card's display list: plain data for everything it draws, and its SVG emitter.

Three kinds of op, in paint order: `Rect` (a filled rectangle: background, accent bar,
rules, bullet markers), `GlyphRun` (one text box: the typesetter's `Placed` glyphs, per
line, in one colour; colour emoji glyphs among them are bitmaps) and `Picture` (a logo or
other image, given as a ``data:`` URI and a box). A display list is what a renderer needs
and nothing more, so the same list can be emitted as SVG (the portable artifact, here) or
drawn straight to pixels (`sharecard.paint.native`) without writing and re-parsing XML.

The SVG of each op is byte-for-byte what a card's SVG writes for the same content:
a glyph run is `typeset.svg.text_group` (outline paths, emoji ``<image>``, escaped
``aria-label``/``<title>``), a rect is the Canvas' ``<rect x= y= width= height= fill=>``
with two decimals (bullet markers, the footer rule), a picture is the footer logo's
``<image>``. Coordinates are absolute (see below for moved boxes).

Where display lists come from
-----------------------------
A card's template prints what its Canvas gives it (text boxes, lists, stacks, rects, the
footer) and `sharecard.cards.printing` records each print as ops, in paint order, so
``RenderedCard.display`` is the list of the very layout the template produced — no SVG
is parsed to get it, and none is built when only pixels are wanted (built-in templates
print lazily). It is None when the template writes SVG of its own (a user's gradients,
paths, ``<text>``…): such a card is drawn from its SVG by CairoSVG. `sharecard.raster`
chooses (``rasterize_card``). The SVG a card writes for a box that a composition moved
wraps the box's glyph group in ``<g transform="translate(…)">``; its `GlyphRun` holds
the moved origins, so `to_svg` of a recorded list draws the same picture in other bytes.
The tests in ``tests/paint`` hold the recorded lists to the SVG artifact (read back by
`sharecard.paint.svgread`), to CairoSVG and to Chromium.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from sharecard.records import replace
from sharecard.typeset.layout import Placed
from sharecard.typeset.svg import text_group, xml_text


class Rect(msgspec.Struct, frozen=True):
    """A filled axis-aligned rectangle (px, y down); `fill` is '#rrggbb'."""

    x: float
    y: float
    width: float
    height: float
    fill: str


class GlyphRun(msgspec.Struct, frozen=True):
    """One text box as set: glyphs per line (baseline origins in px), one colour, and
    the plain text that the SVG gives as ``aria-label``/``<title>``."""

    lines: tuple[tuple[Placed, ...], ...]
    fill: str
    label: str

    @property
    def glyphs(self) -> Iterable[Placed]:
        for line in self.lines:
            yield from line


class Picture(msgspec.Struct, frozen=True):
    """An image (a logo) drawn into a box, scaled to fit and centred ("xMidYMid meet")
    or stretched ("none"). `href` is a ``data:`` URI, as in the SVG."""

    x: float
    y: float
    width: float
    height: float
    href: str
    fit: str = "xMidYMid meet"


Op = Rect | GlyphRun | Picture


class DisplayList(msgspec.Struct, frozen=True):
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
            tuple(Placed(g.face, g.gid, g.x + dx, g.y + dy, g.size) for g in line)
            for line in op.lines
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
