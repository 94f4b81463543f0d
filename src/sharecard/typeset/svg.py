"""Turn placed glyphs into an SVG fragment: outlines as paths, colour emoji as images.

One emitter among possible others (a cairo drawer, a test probe): it only reads the
plain data a layout produces (face, glyph id, origin, size). Every number is formatted
the same way every time, so the same layout gives the same bytes. The plain text goes
into `aria-label` and `<title>`, escaped, so the image stays readable by machines.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from functools import lru_cache

from sharecard.typeset.layout import Placed
from sharecard.typeset.outlines import glyph_path, glyph_png


def fmt(v: float, places: int = 2) -> str:
    """Fixed-point with trailing zeros stripped; never '-0'."""
    s = f"{v:.{places}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


@lru_cache(maxsize=256)
def _scale(size: float, upem: int) -> str:
    """A glyph transform's scale, font units to px: formatted once per face and size."""
    return fmt(size / upem, 7)


def xml_text(text: str) -> str:
    """Text safe inside an XML attribute or element: escaped, illegal characters dropped."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp < 0x20 and ch not in "\t\n\r":
            continue
        if 0xD800 <= cp <= 0xDFFF or cp in (0xFFFE, 0xFFFF):
            continue
        out.append(ch)
    return (
        "".join(out)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def glyph_element(g: Placed) -> str:
    """One glyph: a path scaled from font units (y flipped), or an emoji bitmap image."""
    face = g.face
    if face.color:
        png = glyph_png(face, g.gid)
        if not png:
            return ""
        x0, y0, x1, y1 = face.extents(g.gid)
        s = g.size
        href = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        return (
            f'<image x="{fmt(g.x + x0 * s)}" y="{fmt(g.y - y1 * s)}" '
            f'width="{fmt((x1 - x0) * s)}" height="{fmt((y1 - y0) * s)}" '
            f'preserveAspectRatio="none" href="{href}"/>'
        )
    d = glyph_path(face, g.gid)
    if not d:
        return ""
    k = _scale(g.size, face.upem)
    return f'<path transform="matrix({k} 0 0 -{k} {fmt(g.x)} {fmt(g.y)})" d="{d}"/>'


def text_group(lines: Iterable[Sequence[Placed]], *, label: str, color: str) -> str:
    """The `<g role="img">` fragment of a text box."""
    esc = xml_text(label)
    parts = [f'<g role="img" aria-label="{esc}" fill="{color}"><title>{esc}</title>']
    for line in lines:
        parts.extend(glyph_element(g) for g in line)
    parts.append("</g>")
    return "".join(parts)
