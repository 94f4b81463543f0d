"""Layout assertions over axis-aligned boxes ``(x0, y0, x1, y1)`` (x right, y down).

Layout results (TextBox.bounds, line_boxes) are floats from glyph outlines, so containment
allows a small tolerance; overlap is strict (touching edges do not overlap).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Box = tuple[float, float, float, float]


def _check(box: Sequence[float]) -> Box:
    if len(box) != 4:
        raise ValueError(f"a box is (x0, y0, x1, y1), got {box!r}")
    x0, y0, x1, y1 = (float(v) for v in box)
    if x1 < x0 or y1 < y0:
        raise ValueError(f"box has negative size: {box!r}")
    return x0, y0, x1, y1


def fmt(box: Sequence[float]) -> str:
    """Short readable form for assertion messages."""
    return "(" + ", ".join(f"{float(v):.2f}" for v in box) + ")"


def inside(inner: Sequence[float], outer: Sequence[float], tol: float = 0.5) -> bool:
    """True if ``inner`` lies within ``outer``, allowing ``tol`` px of spill on each side."""
    ix0, iy0, ix1, iy1 = _check(inner)
    ox0, oy0, ox1, oy1 = _check(outer)
    return ix0 >= ox0 - tol and iy0 >= oy0 - tol and ix1 <= ox1 + tol and iy1 <= oy1 + tol


def overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    """True if the boxes share interior area; boxes that only touch do not overlap.

    An empty box (zero width or height) overlaps nothing: it draws no ink.
    """
    ax0, ay0, ax1, ay1 = _check(a)
    bx0, by0, bx1, by1 = _check(b)
    return min(ax1, bx1) > max(ax0, bx0) and min(ay1, by1) > max(ay0, by0)


def spill(inner: Sequence[float], outer: Sequence[float]) -> dict[str, float]:
    """How far ``inner`` sticks out of ``outer`` on each side (only sides that do)."""
    ix0, iy0, ix1, iy1 = _check(inner)
    ox0, oy0, ox1, oy1 = _check(outer)
    out = {"left": ox0 - ix0, "top": oy0 - iy0, "right": ix1 - ox1, "bottom": iy1 - oy1}
    return {side: round(d, 2) for side, d in out.items() if d > 0}


def assert_inside(
    inner: Sequence[float], outer: Sequence[float], tol: float = 0.5, *, what: str = "box"
) -> None:
    """Assert containment, naming the sides that spill and by how much."""
    if not inside(inner, outer, tol):
        raise AssertionError(
            f"{what} {fmt(inner)} is not inside {fmt(outer)} (tol {tol}): "
            f"spills {spill(inner, outer)}"
        )


def assert_no_overlap(boxes: Iterable[Sequence[float]], *, names: Sequence[str] = ()) -> None:
    """Assert no two boxes overlap; the message lists every overlapping pair."""
    items = list(boxes)
    labels = list(names) if names else [f"box {i}" for i in range(len(items))]
    if len(labels) != len(items):
        raise ValueError("names must match boxes one to one")
    clashes = [
        f"{labels[i]} {fmt(items[i])} overlaps {labels[j]} {fmt(items[j])}"
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if overlaps(items[i], items[j])
    ]
    if clashes:
        raise AssertionError("; ".join(clashes))
