#!/usr/bin/env python3
"""PNG encoder candidates on the same pixels: the numbers behind `sharecard.paint.png`.

    python bench/png_candidates.py [BRIEFING] [PRESET] [RUNS]   (default: seed, og, 9)

The card is drawn once by the fast path (`paint.native`); then each candidate encodes
those pixels: Pillow RGB at its default and fastest levels, Pillow's own 64-colour
quantizer, and the indexed PNG of `paint.png` at several ramp tolerances with zlib (stdlib),
zlib-ng, libdeflate (the `deflate` package, when installed) and row filters None / Sub /
Up, plus oxipng on the result (`pyoxipng`, when installed). Medians in ms, bytes, and the
largest per-channel error against the RGB pixels. Nothing asserts on these numbers.
"""

from __future__ import annotations

import importlib
import io
import statistics
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from zlib_ng import zlib_ng

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sharecard.paint import native, png  # noqa: E402
from sharecard.pipeline import render_card  # noqa: E402
from sharecard.readers import read_path  # noqa: E402


def median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    samples, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000, out


def rows(indices: np.ndarray, kind: str) -> bytes:
    """Scanlines with one PNG filter type for every row (None, Sub or Up)."""
    h, w = indices.shape
    out = np.empty((h, w + 1), np.uint8)
    if kind == "none":
        out[:, 0], out[:, 1:] = 0, indices
    elif kind == "sub":
        out[:, 0], out[:, 1] = 1, indices[:, 0]
        out[:, 2:] = indices[:, 1:] - indices[:, :-1]
    else:
        out[:, 0], out[0, 1:] = 2, indices[0]
        out[1:, 1:] = indices[1:] - indices[:-1]
    return out.tobytes()


def main(source: str, preset: str, runs: int) -> None:
    card = render_card(read_path(source), "cover", preset)
    display = card.display
    if display is None:
        raise SystemExit("the card has no display list")
    image = native.draw(display)
    pixels = np.asarray(image).astype(np.int16)
    print(f"{Path(source).name} cover @ {preset}, medians of {runs} (ms, bytes)")

    def pillow(**options: Any) -> bytes:
        buf = io.BytesIO()
        image.save(buf, "PNG", **options)
        return buf.getvalue()

    for label, opts in (("Pillow RGB default", {}), ("Pillow RGB level 1",
                                                      {"compress_level": 1})):
        t, data = median_ms(lambda o=opts: pillow(**o), runs)
        print(f"  {label:<44}{t:8.1f}{len(data):9}")
    t, quantized = median_ms(lambda: image.quantize(64), runs)
    buf = io.BytesIO()
    quantized.save(buf, "PNG")
    err = int(np.abs(np.asarray(quantized.convert("RGB")).astype(np.int16) - pixels).max())
    print(f"  {'Pillow quantize(64) (+ its encode)':<44}{t:8.1f}{buf.tell():9}  err {err}")

    deflate = importlib.util.find_spec("deflate") and importlib.import_module("deflate")
    compressors: dict[str, Callable[[bytes], bytes]] = {
        "zlib 6": lambda b: zlib.compress(b, 6),
        "zlib-ng 6": lambda b: zlib_ng.compress(b, 6),
        "zlib-ng 9": lambda b: zlib_ng.compress(b, 9),
    }
    if deflate:
        compressors["libdeflate 6"] = lambda b: deflate.zlib_compress(b, 6)
        compressors["libdeflate 9"] = lambda b: deflate.zlib_compress(b, 9)
    for tolerance in (4, 7, 11, 12):
        palette = png.ramp_palette(display, tolerance)
        if palette is None:
            raise SystemExit("the card needs RGB: no ramp palette")
        t_map, indexed = median_ms(lambda p=palette: png.to_indices(image, p), runs)
        indices = np.asarray(indexed)
        err = int(np.abs(np.array(palette, np.int16)[indices] - pixels).max())
        print(f"  tolerance {tolerance}: {len(palette)} colours, mapping {t_map:.1f} ms, "
              f"err {err}")
        for kind in ("none", "sub", "up"):
            raw = rows(indices, kind)
            for name, compress in compressors.items():
                if kind != "none" and name != "zlib-ng 6":
                    continue
                t, data = median_ms(lambda c=compress, r=raw: c(r), runs)
                print(f"    {'filter ' + kind + ', ' + name:<42}{t:8.1f}{len(data):9}")
    oxipng = importlib.util.find_spec("oxipng") and importlib.import_module("oxipng")
    if oxipng:
        data = png.encode_png(image, display)
        t, smaller = median_ms(lambda: oxipng.optimize_from_memory(data, level=2), 3)
        print(f"  {'oxipng level 2 on paint.png output':<44}{t:8.1f}{len(smaller):9}")
    t, data = median_ms(lambda: png.encode_png(image, display), runs)
    print(f"  {'paint.png.encode_png (chosen)':<44}{t:8.1f}{len(data):9}")


if __name__ == "__main__":
    argv = sys.argv[1:]
    main(argv[0] if argv else str(ROOT / "examples" / "seed-putin-iran.txt"),
         argv[1] if len(argv) > 1 else "og", int(argv[2]) if len(argv) > 2 else 9)
