#!/usr/bin/env python3
"""Benchmark: a headline that is one unbreakable "word" must cost linear time in its length.

Not a test (timings are never asserted): it prints the median over N runs of
  - `text_box` for a cover headline (1072x200 px, 40-72 px, 3 lines, balanced) whose text
    is one word of 10,000 and of 40,000 characters, with a fresh Typesetter each run
    (shaping, line breaking, the emergency cut at grapheme boundaries, clamping);
  - the whole og cover card (template, typesetting, checks) for the same headlines,
and the ratio 40k / 10k. Linear work with fixed overhead gives a ratio of at most 4-6;
the quadratic emergency cut this guards against gave about 16.

    python scripts/bench_unbreakable.py [-n RUNS] [--sizes 10000,40000]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import median_ms  # noqa: E402

from sharecard.model import Briefing  # noqa: E402
from sharecard.pipeline import render_card  # noqa: E402
from sharecard.typeset import FontLibrary, Typesetter  # noqa: E402

WORD = "Unbreakable"  # repeated with no space: one word for UAX #14


def headline(length: int) -> str:
    return (WORD * (length // len(WORD) + 1))[:length]




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10000,40000",
                        help="headline lengths, comma-separated; the ratio is last / first")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    fonts = FontLibrary.default()

    def box(text: str) -> None:
        Typesetter(fonts).text_box(text, x=64, y=64, width=1072, height=200, size=(40, 72),
                                   max_lines=3, weight="bold", balance=True)

    def card(text: str) -> None:
        render_card(Briefing(headline=text, bullets=("One point.",)), "cover", "og")

    box(headline(100))  # warm glyph caches and the template environment
    card(headline(100))
    rows = []
    for n in sizes:
        text = headline(n)
        rows.append((n, median_ms(lambda t=text: box(t), args.runs),
                     median_ms(lambda t=text: card(t), args.runs)))
    print(f"unbreakable headline, median of {args.runs} runs (timings on a shared machine "
          "are noisy)")
    for n, box_ms, card_ms in rows:
        print(f"{n:>8} chars   text_box {box_ms:9.1f} ms   og cover card {card_ms:9.1f} ms")
    (n0, b0, c0), (n1, b1, c1) = rows[0], rows[-1]
    print(f"ratio {n1}/{n0}: text_box {b1 / b0:.2f}x   card {c1 / c0:.2f}x "
          f"(linear: {n1 / n0:.0f}x the work; must stay at most 6x)")


if __name__ == "__main__":
    main()
