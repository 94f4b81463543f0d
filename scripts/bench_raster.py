#!/usr/bin/env python3
"""Benchmark: render + encode time and size of the seed's cards, per PNG encoder option.

    python3 scripts/bench_raster.py [PRESET ...]     (default: og square story)

Compares cairo's own PNG writer (what cairosvg.svg2png does) with Pillow at several
zlib levels, from the same pixels, and prints ms per card and bytes. It informs
`sharecard.raster.PNG_COMPRESS_LEVEL`; nothing asserts on these numbers.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import cairosvg

from sharecard.pipeline import render_cards, resolve_settings
from sharecard.raster import draw
from sharecard.readers import read_path

SEED = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus" / "seed-putin-iran.txt"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main(presets: list[str]) -> None:
    briefing = read_path(SEED)
    settings = resolve_settings(presets=tuple(presets), cards=("cover", "sections", "quote"))
    render_cards(briefing, settings)  # warm up: fonts, templates, shaping caches
    t0 = time.perf_counter()
    cards, _ = render_cards(briefing, settings)
    per_card = (time.perf_counter() - t0) / len(cards)
    print(f"{len(cards)} cards ({', '.join(presets)}): layout+SVG {ms(per_card)} per card")

    results: dict[str, tuple[list[float], list[int]]] = {}

    def record(name: str, seconds: float, size: int) -> None:
        times, sizes = results.setdefault(name, ([], []))
        times.append(seconds)
        sizes.append(size)

    for card in cards:
        w, h = card.preset.width, card.preset.height
        t = time.perf_counter()
        data = cairosvg.svg2png(bytestring=card.svg.encode(), output_width=w, output_height=h)
        record("cairo draw + cairo PNG", time.perf_counter() - t, len(data))
        t = time.perf_counter()
        image, _ = draw(card.svg, width=w, height=h)
        drawn = time.perf_counter() - t
        record("cairo draw only", drawn, 0)
        for level in (1, 3, 6, 9):
            t = time.perf_counter()
            buf = io.BytesIO()
            image.save(buf, "PNG", compress_level=level)
            record(f"Pillow PNG level {level} (+draw)", drawn + time.perf_counter() - t,
                   buf.tell())
        t = time.perf_counter()
        buf = io.BytesIO()
        image.save(buf, "PNG", optimize=True)
        record("Pillow PNG optimize (+draw)", drawn + time.perf_counter() - t, buf.tell())
    for name, (times, sizes) in results.items():
        size = f"{statistics.mean(sizes) / 1024:8.1f} KiB" if any(sizes) else ""
        print(f"  {name:<32} {ms(statistics.median(times))} median {size}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["og", "square", "story"])
