"""Glyph drawings: outline path data in font units, colour emoji as PNG bytes.

Outlines come from HarfBuzz's draw API through a fontTools-style pen (the four-verb
protocol: moveTo, lineTo, qCurveTo/curveTo, closePath), so TrueType, CFF and CFF2 faces
all work, without parsing any font a second time. Path data is kept in font units and
cached per face and glyph; emitters scale and place it with a transform, which makes the
cache valid at every size and position.
"""

from __future__ import annotations

from sharecard.typeset.fonts import Face


def _num(v: float) -> str:
    """Deterministic, compact number: one decimal at most, no '-0', no trailing zeros."""
    r = round(v, 1)
    if r == int(r):
        return str(int(r))
    return repr(r)


class PathDataPen:
    """A fontTools-protocol pen that writes compact SVG path data (absolute commands)."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def moveTo(self, pt: tuple[float, float]) -> None:
        self._parts.append(f"M{_num(pt[0])} {_num(pt[1])}")

    def lineTo(self, pt: tuple[float, float]) -> None:
        self._parts.append(f"L{_num(pt[0])} {_num(pt[1])}")

    def qCurveTo(self, *pts: tuple[float, float]) -> None:
        # HarfBuzz hands one control point per call; split implied on-curve points anyway.
        *offs, end = pts
        for i, c in enumerate(offs):
            to = (
                end
                if i == len(offs) - 1
                else (
                    (c[0] + offs[i + 1][0]) / 2,
                    (c[1] + offs[i + 1][1]) / 2,
                )
            )
            self._parts.append(f"Q{_num(c[0])} {_num(c[1])} {_num(to[0])} {_num(to[1])}")

    def curveTo(self, *pts: tuple[float, float]) -> None:
        c1, c2, end = pts
        self._parts.append(
            f"C{_num(c1[0])} {_num(c1[1])} {_num(c2[0])} {_num(c2[1])} "
            f"{_num(end[0])} {_num(end[1])}"
        )

    def closePath(self) -> None:
        self._parts.append("Z")

    def endPath(self) -> None:
        pass

    @property
    def d(self) -> str:
        return "".join(self._parts)


def glyph_path(face: Face, gid: int) -> str:
    """SVG path data of a glyph in font units (y up); '' for blank glyphs. Cached."""
    d = face._paths.get(gid)
    if d is None:
        pen = PathDataPen()
        face.hb_font.draw_glyph_with_pen(gid, pen)
        d = pen.d
        face._paths[gid] = d
    return d


def glyph_png(face: Face, gid: int) -> bytes:
    """The largest PNG strike of a colour bitmap glyph (b'' if it has none). Cached."""
    data = face._pngs.get(gid)
    if data is None:
        blob = face.hb_font.get_glyph_color_png(gid)
        data = bytes(blob.data) if blob is not None else b""
        face._pngs[gid] = data
    return data
