#!/usr/bin/env python3
"""`sharecard` with the fast path swapped in for PNG, to preview a cold render after the
hookup (bench_speed.py runs it as a whole process, beside the real `sharecard render`).

    python bench/fast_render.py render BRIEFING --preset og --cards cover -o OUT

Each card's SVG is read back into a display list (``paint.svgread``, as the Canvas will
record it), drawn by Skia and encoded as an indexed PNG; anything else (other formats,
scale, a card outside the display list) goes to CairoSVG as before. A measuring aid, not
a way to run sharecard: the hookup itself is described in ``sharecard.paint.display``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sharecard import api, raster
from sharecard.cli import main


def fast_rasterize(svg: str | bytes, *, width: int, height: int, scale: float = 1.0,
                   formats: tuple[str, ...] = ("png",), max_bytes: int | None = None,
                   ) -> tuple[raster.Raster, ...]:
    from sharecard.paint import native, png
    from sharecard.paint.svgread import GlyphIndex, read_display_list
    from sharecard.typeset import FontLibrary

    text = svg.decode() if isinstance(svg, bytes) else svg
    display = None
    if tuple(formats) == ("png",) and scale == 1.0:
        display = read_display_list(text, GlyphIndex(FontLibrary.default()))
    if display is None:
        return raster.rasterize(svg, width=width, height=height, scale=scale,
                                formats=formats, max_bytes=max_bytes)
    data = png.encode_png(native.draw(display), display)
    return (raster.Raster(data, "png", width, height),)


def patched(*args: Any, **kwargs: Any) -> tuple[raster.Raster, ...]:
    return fast_rasterize(*args, **kwargs)


if __name__ == "__main__":
    api.rasterize = patched  # type: ignore[assignment]
    main()
