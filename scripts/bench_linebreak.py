#!/usr/bin/env python3
"""Benchmark: what phrase breaks and keep-together runs add to line breaking.

Not a test (timings are never asserted). For the clean text of one briefing per script it
prints the median over N runs of
  - `paragraph_breaks` (ICU UAX #14, URLs, keep-together runs, BudouX phrases, no line
    starting with a dash) over every paragraph of the briefing,
  - the baseline measured in the same run: ICU's `line_breaks` alone over the same text,
and the ratio of the two.

    python scripts/bench_linebreak.py [-n RUNS]
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import median_ms  # noqa: E402

from sharecard.readers import read_path  # noqa: E402
from sharecard.typeset.linebreak import line_breaks, paragraph_breaks  # noqa: E402
from sharecard.typeset.phrases import phrase_ends  # noqa: E402

FILES = (
    "corpus/seed-putin-iran.txt",
    "corpus/fa-iran-russia.txt",
    "corpus/ja-boj-rates.txt",
    "briefings/zh-pboc-rrr.txt",
    "briefings/th-bot-rates.txt",
    "briefings/ko-bok-rates.txt",
    "briefings/bn-padma-rail.txt",
)


def texts(path: Path) -> tuple[list[str], str | None]:
    b = read_path(path)
    parts = [b.headline, *b.bullets, b.lede, *(f"{s.heading} {s.body}" for s in b.sections)]
    return [p for p in parts if p], b.language


def _icu(parts: list[str], language: str | None) -> None:
    for p in parts:
        line_breaks(p, language)


def _ours(parts: list[str], language: str | None) -> None:
    phrase_ends.cache_clear()  # measure the work, not the cache a card's weights share
    for p in parts:
        paragraph_breaks(p, language)




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=100)
    runs = parser.parse_args().runs
    print(f"{'briefing':<18} {'chars':>6} {'ICU ms':>8} {'ours ms':>8} {'ratio':>6}")
    for name in FILES:
        parts, language = texts(ROOT / "tests" / "data" / name)
        for p in parts:  # warm up: BudouX models and patterns load once per process
            paragraph_breaks(p, language)
        base = median_ms(partial(_icu, parts, language), runs)
        ours = median_ms(partial(_ours, parts, language), runs)
        chars = sum(len(p) for p in parts)
        print(f"{Path(name).stem:<18} {chars:>6} {base:>8.3f} {ours:>8.3f} {ours / base:>6.1f}")


if __name__ == "__main__":
    main()
