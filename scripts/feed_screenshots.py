#!/usr/bin/env python3
"""Regenerate the README's feed-preview screenshots and carousel strip (docs/img/).

    python3 scripts/feed_screenshots.py

The feed preview pages are the ones `sharecard preview INPUT --feed` writes, opened in
headless Chromium (the test suite's DevTools driver, tests/support/browser.py, so it
needs Chromium like the tests do); the top two rows of frames are kept, scaled to 60 %
and stored as 256-colour PNGs. The carousel strip is the seed's square PNG series.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from PIL import Image  # noqa: E402

from sharecard.pipeline import build_bundle, load_input, resolve_settings  # noqa: E402
from support.browser import Chromium  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
OUT = ROOT / "docs" / "img"
URL = "https://example.com/briefings/today"
WIDTH = 1300  # CSS px the page is drawn at: two frames a row
KEEP_ROWS = 2  # frame rows kept in the screenshot
SCALE = 0.6


def _save(image: Image.Image, target: Path) -> None:
    small = image.resize((round(image.width * SCALE), round(image.height * SCALE)),
                         Image.Resampling.LANCZOS)
    quantized = small.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
    buf = io.BytesIO()
    quantized.save(buf, "PNG", optimize=True)
    target.write_bytes(buf.getvalue())
    print(f"{target.relative_to(ROOT)}  {small.width}×{small.height}  {len(buf.getvalue())} B")


def feed_shot(browser: Chromium, name: str, target: Path) -> None:
    settings = resolve_settings(url=URL)
    files, _ = build_bundle(load_input(CORPUS / f"{name}.txt"), settings, feed=True)
    with tempfile.TemporaryDirectory() as tmp:
        for file, data in files.items():
            path = Path(tmp) / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        url = (Path(tmp) / "feed.html").as_uri()
        bottom = browser.evaluate_url(url, (
            "Array.from(document.querySelectorAll('section.frame'))"
            f".slice(0, {2 * KEEP_ROWS}).reduce((m, s) => Math.max(m, "
            "s.getBoundingClientRect().bottom), 0) + 24"), width=WIDTH)
        shot = Image.open(io.BytesIO(browser.screenshot_url(url, width=WIDTH)))
        _save(shot.crop((0, 0, shot.width, min(shot.height, round(bottom)))), target)


def carousel_strip(target: Path) -> None:
    settings = resolve_settings(presets=["square"], cards=["cover", "sections", "quote"],
                                formats=["png", "pdf"], url=URL)
    files, _ = build_bundle(load_input(CORPUS / "seed-putin-iran.txt"), settings)
    names = sorted(n for n in files if n.startswith("carousel-square/"))
    shown = [names[0], names[1], names[-2], names[-1]]
    tiles = [Image.open(io.BytesIO(files[n])).convert("RGB").resize((360, 360),
             Image.Resampling.LANCZOS) for n in shown]
    strip = Image.new("RGB", (len(tiles) * 370 - 10, 360), "white")
    for i, tile in enumerate(tiles):
        strip.paste(tile, (i * 370, 0))
    quantized = strip.quantize(256, method=Image.Quantize.MEDIANCUT)
    buf = io.BytesIO()
    quantized.save(buf, "PNG", optimize=True)
    target.write_bytes(buf.getvalue())
    print(f"{target.relative_to(ROOT)}  {strip.width}×{strip.height}  {len(buf.getvalue())} B")


def main() -> None:
    with Chromium() as browser:
        feed_shot(browser, "seed-putin-iran", OUT / "feed-seed.png")
        feed_shot(browser, "fa-iran-russia", OUT / "feed-fa-iran-russia.png")
    carousel_strip(OUT / "carousel-seed-square.png")


if __name__ == "__main__":
    main()
