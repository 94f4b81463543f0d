#!/usr/bin/env python3
"""Benchmark: one share card end to end (layout + SVG, drawing, PNG encoding), warm.

    python3 scripts/bench_card.py [PRESET] [RUNS]        (default: og 30)

The yardstick is a 1200×630 card. Times are medians over RUNS, after a warm-up (fonts,
templates and shaping caches load once per process, as in a batch or a server). The
baseline, measured in the same run on the same pixels, is Pillow's default PNG encoding
of the finished image: the figure a Pillow-based renderer pays before it draws anything.
Nothing asserts on these numbers; they go into issue notes.
"""

from __future__ import annotations

import io
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sharecard.pipeline import render_card  # noqa: E402
from sharecard.raster import draw, encode  # noqa: E402
from sharecard.readers import read_path  # noqa: E402

SEED = ROOT / "examples" / "seed-putin-iran.txt"


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main(preset: str = "og", runs: int = 30) -> None:
    briefing = read_path(SEED)
    card = render_card(briefing, "cover", preset)  # warm-up: fonts, templates, caches
    width, height = card.preset.width, card.preset.height
    layout, drawing, encoding, baseline = [], [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        card = render_card(briefing, "cover", preset)
        t1 = time.perf_counter()
        image, _ = draw(card.svg, width=width, height=height)
        t2 = time.perf_counter()
        png, _ = encode(image, "png")
        t3 = time.perf_counter()
        image.save(io.BytesIO(), "PNG")  # Pillow's defaults: the baseline
        t4 = time.perf_counter()
        layout.append(t1 - t0)
        drawing.append(t2 - t1)
        encoding.append(t3 - t2)
        baseline.append(t4 - t3)
    total = [a + b + c for a, b, c in zip(layout, drawing, encoding, strict=True)]
    base = median_ms(baseline)
    print(f"cover @ {preset} {width}×{height}, median of {runs} warm runs")
    for name, samples in (("layout + SVG", layout), ("draw (CairoSVG)", drawing),
                          ("PNG encode", encoding), ("total", total)):
        value = median_ms(samples)
        print(f"  {name:<18} {value:7.1f} ms   {value / base:5.2f}× baseline")
    print(f"  {'baseline':<18} {base:7.1f} ms   (Pillow default PNG encode of the same pixels)")
    print(f"  PNG {len(png) / 1024:.1f} KiB, SVG {len(card.svg) / 1024:.1f} KiB, "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0] if args else "og", int(args[1]) if len(args) > 1 else 30)
