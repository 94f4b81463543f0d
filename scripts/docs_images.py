#!/usr/bin/env python3
"""Regenerate docs/img/: the seed briefing's cards, scaled down, for the README.

    python3 scripts/docs_images.py

Uses the public API exactly as a user would (render_cards + rasterize), so the images
show what `sharecard render` produces today.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sharecard.pipeline import render_cards, resolve_settings  # noqa: E402
from sharecard.raster import rasterize  # noqa: E402
from sharecard.readers import read_path  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
OUT = ROOT / "docs" / "img"
# Covers of the other scripts, where share-card renderers usually fail.
OTHER_COVERS = ("fa-iran-russia", "ja-boj-rates")
# (card name, theme, scale): small enough for a README, sharp enough to read.
WANTED = [
    ("og-cover", "light", 0.5),
    ("og-section-02", "light", 0.5),
    ("square-cover", "light", 0.5),
    ("square-cover", "dark", 0.5),
    ("story-cover", "light", 1 / 3),
]


def write(target: Path, svg: str, width: int, height: int, scale: float) -> None:
    (png,) = rasterize(svg, width=width, height=height, scale=scale)
    target.write_bytes(png.data)
    print(f"{target.relative_to(ROOT)}  {png.width}×{png.height}  {len(png.data)} B")


def main() -> None:
    briefing = read_path(CORPUS / "seed-putin-iran.txt")
    OUT.mkdir(parents=True, exist_ok=True)
    for theme in sorted({t for _, t, _ in WANTED}):
        settings = resolve_settings(presets=("og", "square", "story"),
                                    cards=("cover", "sections", "quote"), theme=theme)
        cards = {c.name: c for c in render_cards(briefing, settings)[0]}
        for name, wanted_theme, scale in WANTED:
            if wanted_theme != theme:
                continue
            card = cards[name]
            target = OUT / f"seed-{name}{'' if theme == 'light' else '-' + theme}.png"
            write(target, card.svg, card.preset.width, card.preset.height, scale)
    # A quote card needs a quotation with a named speaker: the seed has none.
    quoted = read_path(ROOT / "examples" / "rates-hold.md")
    (card,) = render_cards(quoted, resolve_settings(presets=("og",), cards=("quote",)))[0]
    write(OUT / "rates-og-quote.png", card.svg, card.preset.width, card.preset.height, 0.5)
    settings = resolve_settings(presets=("og",), cards=("cover",))
    for stem in OTHER_COVERS:
        (card,) = render_cards(read_path(CORPUS / f"{stem}.txt"), settings)[0]
        write(OUT / f"{stem}-og-cover.png", card.svg, card.preset.width, card.preset.height, 0.5)


if __name__ == "__main__":
    main()
