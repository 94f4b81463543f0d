"""Font discovery costs: what a cold process pays, and that a warm one pays ~nothing.

    python scripts/bench_fonts.py [--repeat N]

Reports medians of N runs:
- a fresh process rendering nothing but asking for the chains of a Japanese, a Thai and
  an emoji text (fontconfig queries + loading the system faces), against a fresh process
  that only imports sharecard and builds the shipped library (the baseline);
- in a warm process, `FontLibrary.chain` for a text that needs system faces, against
  the same call for a Latin text that needs none (the ratio shows the memo works);
- the font-folder index (Windows' and the no-fontconfig path) of /usr/share/fonts, cold
  (every file read with HarfBuzz) against warm (sizes and mtimes checked, JSON read).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sharecard.typeset import FontLibrary
from sharecard.typeset.discovery import FolderCatalog

TEXTS = {"ja": "日銀、追加利上げを見送り", "th": "ธนาคารกลางคงอัตราดอกเบี้ย", "en": "Launch 🚀"}
COLD = (
    "from sharecard.typeset import FontLibrary\n"
    "lib = FontLibrary.default()\n"
    + "".join(f"lib.chain(weight=400, text={t!r}, language={lang!r})\n"
              for lang, t in TEXTS.items())
)
BASE = "from sharecard.typeset import FontLibrary\nFontLibrary.default(system=False)\n"


def _process(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def _median(fn, repeat: int) -> float:
    return statistics.median(fn() for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat

    cold = _median(lambda: _process(COLD), repeat)
    base = _median(lambda: _process(BASE), repeat)
    print(f"fresh process, shipped fonts only:        {base * 1000:8.1f} ms")
    print(f"fresh process, + system faces for ja/th/😀: {cold * 1000:8.1f} ms "
          f"(+{(cold - base) * 1000:.1f} ms)")

    lib = FontLibrary.default()
    for lang, text in TEXTS.items():
        lib.chain(weight=400, text=text, language=lang)

    def timed(text: str, lang: str) -> float:
        start = time.perf_counter()
        for _ in range(1000):
            lib.chain(weight=400, text=text, language=lang)
        return (time.perf_counter() - start) / 1000

    warm = _median(lambda: timed(TEXTS["ja"], "ja"), repeat)
    latin = _median(lambda: timed("Putin, Iran deepen military coordination", "en"), repeat)
    print(f"warm chain, Japanese text:   {warm * 1e6:8.1f} µs "
          f"(Latin text, no system faces: {latin * 1e6:.1f} µs, ratio {warm / latin:.2f})")

    root = Path("/usr/share/fonts")
    if root.is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp) / "index.json"

            def index(cold_cache: bool) -> float:
                if cold_cache:
                    cache.unlink(missing_ok=True)
                start = time.perf_counter()
                FolderCatalog([root], cache=cache).index()
                return time.perf_counter() - start

            cold_index = _median(lambda: index(True), max(1, repeat // 2))
            warm_index = _median(lambda: index(False), repeat)
            faces = len(FolderCatalog([root], cache=cache).index())
            print(f"font-folder index of {root} ({faces} faces): cold "
                  f"{cold_index * 1000:.0f} ms, warm {warm_index * 1000:.0f} ms "
                  f"(ratio {cold_index / warm_index:.1f})")


if __name__ == "__main__":
    main()
