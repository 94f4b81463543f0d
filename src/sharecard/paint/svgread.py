"""A display list rebuilt from a card SVG of sharecard's own subset.

A card's display list is recorded as its template prints (`sharecard.cards.printing`);
this reads one back from SVG text instead, for SVG that was edited after the card was
drawn (a carousel slide adds its number to the card's SVG) and as the tests' oracle that
a recorded list says what the card's SVG artifact says, glyph by glyph.

It reads what the built-in templates and the typesetter write: the root ``<svg>``, a
full-card background ``<rect>``, ``<rect>``s, ``<g>`` with a ``translate`` and/or
``fill``, text boxes (``<g role="img">``) whose ``<path>``s are glyph outlines placed by
``matrix(k 0 0 -k x y)`` and whose ``<image>``s are colour emoji, and logo ``<image>``s.
Glyphs are identified by their path data (or emoji PNG) in the faces' own caches, which
the typesetter filled while setting this very card, so every glyph comes back as the same
(face, glyph id, origin, size). Anything else (``<text>``, gradients, strokes, opacity,
other transforms, a path no face drew) makes `read_display_list` return None: such an
SVG is drawn by CairoSVG. This parses XML, so it is not the cards' hot path.
"""

from __future__ import annotations

import base64
import re
from xml.etree import ElementTree

from sharecard.paint.display import DisplayList, GlyphRun, Op, Picture, Rect
from sharecard.typeset.fonts import Face, FontLibrary
from sharecard.typeset.layout import Placed

SVG = "{http://www.w3.org/2000/svg}"
_TRANSLATE = re.compile(r"\s*translate\(\s*([-\d.e]+)[\s,]+([-\d.e]+)\s*\)\s*")
_MATRIX = re.compile(r"matrix\(([-\d.e]+) 0 0 -([-\d.e]+) ([-\d.e]+) ([-\d.e]+)\)")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_IGNORED = {"title", "desc", "metadata"}


class Unsupported(ValueError):
    """The SVG draws something a display list cannot express."""


def library_faces(fonts: FontLibrary) -> tuple[Face, ...]:
    """Every face a FontLibrary has loaded so far: its shipped and user faces, and the
    system faces — loaded on demand (``system_faces``) since the font-discovery rework,
    or held as ``cjk``/``emoji`` before it."""
    found = [*fonts.faces, *fonts.user_faces, *getattr(fonts, "system_faces", ())]
    found.extend(getattr(fonts, "cjk", {}).values())
    emoji = getattr(fonts, "emoji", None)
    if emoji is not None:
        found.append(emoji)
    return tuple(dict.fromkeys(found))


class GlyphIndex:
    """Path data → (face, glyph id), and emoji PNG → (face, glyph id), from the caches of
    a FontLibrary's faces (asked again on a miss: system faces arrive as texts need them)."""

    def __init__(self, fonts: FontLibrary) -> None:
        self.fonts = fonts
        self._paths: dict[str, tuple[Face, int]] = {}
        self._pngs: dict[bytes, tuple[Face, int]] = {}
        self._seen = -1

    def _refresh(self) -> None:
        faces = library_faces(self.fonts)
        seen = sum(len(f._paths) + len(f._pngs) for f in faces)
        if seen == self._seen:
            return
        for face in faces:
            for gid, d in face._paths.items():
                self._paths.setdefault(d, (face, gid))
            for gid, png in face._pngs.items():
                if png:
                    self._pngs.setdefault(png, (face, gid))
        self._seen = seen

    def path(self, d: str) -> tuple[Face, int]:
        if d not in self._paths:
            self._refresh()
        if d not in self._paths:
            raise Unsupported("a <path> that is not a glyph outline")
        return self._paths[d]

    def png(self, data: bytes) -> tuple[Face, int]:
        if data not in self._pngs:
            self._refresh()
        if data not in self._pngs:
            raise Unsupported("an <image> in a text box that is not an emoji glyph")
        return self._pngs[data]


def _num(el: ElementTree.Element, name: str, default: float = 0.0) -> float:
    value = el.get(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        raise Unsupported(f"{name}={value!r} is not a plain number") from None


def _fill(el: ElementTree.Element, inherited: str | None) -> str:
    fill = el.get("fill", inherited)
    if fill is None or not _HEX.fullmatch(fill):
        raise Unsupported(f"fill {fill!r} is not #rrggbb")
    return fill.lower()


def _check_plain(el: ElementTree.Element) -> None:
    for attr in el.attrib:
        if attr in ("stroke", "opacity", "fill-opacity", "style", "clip-path", "mask",
                    "filter", "class") or attr.startswith("stroke-"):
            raise Unsupported(f"<{el.tag.removeprefix(SVG)}> uses {attr}")


def _offset(el: ElementTree.Element) -> tuple[float, float]:
    t = el.get("transform")
    if t is None:
        return 0.0, 0.0
    m = _TRANSLATE.fullmatch(t)
    if m is None:
        raise Unsupported(f"transform {t!r}")
    return float(m.group(1)), float(m.group(2))


def _text_run(el: ElementTree.Element, dx: float, dy: float, fill: str,
              index: GlyphIndex) -> GlyphRun:
    glyphs: list[Placed] = []
    for child in el:
        tag = child.tag.removeprefix(SVG)
        if tag in _IGNORED:
            continue
        if tag == "path":
            m = _MATRIX.fullmatch(child.get("transform", ""))
            if m is None or m.group(1) != m.group(2):
                raise Unsupported("a glyph <path> without a glyph transform")
            face, gid = index.path(child.get("d", ""))
            k = float(m.group(1))
            glyphs.append(Placed(face, gid, float(m.group(3)) + dx, float(m.group(4)) + dy,
                                 round(k * face.upem, 4)))
        elif tag == "image":
            href = child.get("href", "")
            if not href.startswith("data:image/png;base64,"):
                raise Unsupported("an emoji <image> that is not an embedded PNG")
            face, gid = index.png(base64.b64decode(href.split(",", 1)[1]))
            x0, _y0, x1, y1 = face.extents(gid)
            size = _num(child, "width") / (x1 - x0)
            glyphs.append(Placed(face, gid, _num(child, "x") - x0 * size + dx,
                                 _num(child, "y") + y1 * size + dy, size))
        else:
            raise Unsupported(f"<{tag}> inside a text box")
    return GlyphRun((tuple(glyphs),), fill, el.get("aria-label", ""))


def _walk(el: ElementTree.Element, dx: float, dy: float, fill: str | None,
          index: GlyphIndex, ops: list[Op]) -> None:
    for child in el:
        tag = child.tag.removeprefix(SVG)
        _check_plain(child)
        if tag in _IGNORED:
            continue
        if tag == "rect":
            if child.get("transform") is not None or child.get("rx") or child.get("ry"):
                raise Unsupported("a transformed or rounded <rect>")
            ops.append(Rect(_num(child, "x") + dx, _num(child, "y") + dy,
                            _num(child, "width"), _num(child, "height"), _fill(child, fill)))
        elif tag == "g":
            ox, oy = _offset(child)
            if child.get("role") == "img":
                ops.append(_text_run(child, dx + ox, dy + oy, _fill(child, fill), index))
            else:
                _walk(child, dx + ox, dy + oy, child.get("fill", fill), index, ops)
        elif tag == "image":
            href = child.get("href") or child.get("{http://www.w3.org/1999/xlink}href") or ""
            if not href.startswith("data:") or child.get("transform") is not None:
                raise Unsupported("an <image> that is not an embedded data: URI")
            ops.append(Picture(_num(child, "x") + dx, _num(child, "y") + dy,
                               _num(child, "width"), _num(child, "height"), href,
                               child.get("preserveAspectRatio", "xMidYMid meet")))
        else:
            raise Unsupported(f"<{tag}>")


def read_display_list(svg: str, index: GlyphIndex) -> DisplayList | None:
    """The display list of a card SVG in sharecard's subset, or None if it draws
    anything else (see the module docstring)."""
    try:
        root = ElementTree.fromstring(svg)
        if root.tag != f"{SVG}svg":
            return None
        width, height = int(_num(root, "width")), int(_num(root, "height"))
        if root.get("viewBox", f"0 0 {width} {height}").split() != ["0", "0", str(width),
                                                                    str(height)]:
            return None
        ops: list[Op] = []
        _walk(root, 0.0, 0.0, None, index, ops)
    except (Unsupported, ElementTree.ParseError):
        return None
    first = ops[0] if ops else None
    if not (isinstance(first, Rect) and first.x <= 0 and first.y <= 0
            and first.width >= width and first.height >= height):
        return None  # a transparent card: drawn by CairoSVG, which keeps the alpha
    return DisplayList(width, height, first.fill, tuple(ops[1:]), root.get("aria-label", ""))
