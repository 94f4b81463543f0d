#!/usr/bin/env python3
"""Benchmark: layout time of the seed briefing's cover text (headline + key bullets).

Not a test (timings are never asserted): it prints the median over N runs of
  - text_box for the cover's boxes on a 1200x630 card with a fresh Typesetter each run
    (shaping, line breaking, fitting, SVG; fonts and glyph outlines already loaded),
  - the same with a warm Typesetter (shaped paragraphs cached, as in a batch),
  - a baseline measured in the same run: one plain HarfBuzz shape of each string,
and the ratio of the layouts to that baseline.

    python scripts/bench_typeset.py [-n RUNS]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import uharfbuzz as hb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import median_ms  # noqa: E402

from sharecard.typeset import FontLibrary, Typesetter  # noqa: E402

SEED = ROOT / "tests" / "data" / "corpus" / "seed-putin-iran.expected.json"
W, H, MARGIN = 1200, 630, 64


def cover(ts: Typesetter, headline: str, bullets: list[str]) -> float:
    """Set the cover's boxes one under another; returns the bottom of the last."""
    inner = W - 2 * MARGIN
    top = ts.text_box(
        headline, x=MARGIN, y=MARGIN, width=inner, height=200, size=(40, 72), max_lines=3,
        weight="bold", balance=True,
    )
    y = top.bottom + 28
    for bullet in bullets:
        b = ts.text_box(bullet, x=MARGIN + 28, y=y, width=inner - 28, height=76,
                        size=(20, 28), max_lines=2)
        y = b.bottom + 16
    return y




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=200)
    args = parser.parse_args()
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    headline, bullets = seed["headline"], seed["bullets"]

    t0 = time.perf_counter()
    fonts = FontLibrary.default()
    load_ms = (time.perf_counter() - t0) * 1000
    cover(Typesetter(fonts), headline, bullets)  # warm glyph outline caches

    cold = median_ms(lambda: cover(Typesetter(fonts), headline, bullets), args.runs)
    warm_ts = Typesetter(fonts)
    warm = median_ms(lambda: cover(warm_ts, headline, bullets), args.runs)

    inter = fonts.face("Inter", 700).hb_font

    def plain_shape() -> None:
        for text in (headline, *bullets):
            buf = hb.Buffer()
            buf.add_str(text)
            buf.guess_segment_properties()
            hb.shape(inter, buf, {})

    base = median_ms(plain_shape, args.runs)
    chars = len(headline) + sum(map(len, bullets))
    print(f"cover text: headline + {len(bullets)} bullets, {chars} characters, {args.runs} runs")
    print(f"font library load (once per process): {load_ms:8.2f} ms")
    print(f"layout, fresh Typesetter (median):    {cold:8.2f} ms")
    print(f"layout, warm Typesetter (median):     {warm:8.2f} ms")
    print(f"baseline, plain HarfBuzz shape:       {base:8.3f} ms")
    print(f"ratio fresh/baseline: {cold / base:.1f}x   warm/baseline: {warm / base:.1f}x")


if __name__ == "__main__":
    main()
