"""Contact sheets for docs/layout/: the same cards, at the presets where layout shows,
for comparing one version of sharecard with another.

    python scripts/layout_sheets.py after            # this checkout → docs/layout/after-*.png
    PYTHONPATH=<old checkout>/src python scripts/layout_sheets.py before

Each sheet is one briefing: a row per preset (og, portrait, story, pinterest), each row
its cover, its first two section cards and its quote card (or its third section),
labelled. Only the public pipeline is used (`render_cards`, `rasterize`), so an older
version draws the same sheet of its own cards.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from sharecard.cards.config import Settings
from sharecard.pipeline import render_cards
from sharecard.raster import rasterize
from sharecard.readers import read_path

ROOT = Path(__file__).resolve().parents[1]
BRIEFINGS = {
    "seed": ROOT / "tests/data/corpus/seed-putin-iran.txt",
    "ja": ROOT / "tests/data/corpus/ja-boj-rates.txt",
    "grid": ROOT / "tests/data/corpus/grid-bottleneck.txt",
    "th": ROOT / "tests/data/briefings/th-bot-rates.txt",
    "headline-only": ROOT / "tests/data/corpus/headline-only.txt",
}
PRESETS = ("og", "portrait", "story", "pinterest")
HEIGHT = {"og": 210, "portrait": 400, "story": 520, "pinterest": 450}
PAD, LABEL = 16, 26


def _row(name: str, path: Path, preset: str) -> Image.Image:
    briefing = read_path(path)
    cards, _ = render_cards(briefing, Settings(presets=(preset,),
                                               cards=("cover", "sections", "quote")))
    sections = [c for c in cards if c.kind == "section"]
    picked = [c for c in cards if c.kind == "cover"] + sections[:2]
    quote = [c for c in cards if c.kind == "quote"]
    picked += quote or sections[2:3]
    thumbs = []
    for card in picked:
        png = rasterize(card.svg, width=card.preset.width, height=card.preset.height)[0].data
        image = Image.open(io.BytesIO(png)).convert("RGB")
        h = HEIGHT[preset]
        thumbs.append(image.resize((round(image.width * h / image.height), h), Image.LANCZOS))
    width = PAD + sum(t.width + PAD for t in thumbs)
    row = Image.new("RGB", (width, LABEL + HEIGHT[preset] + PAD), (232, 228, 220))
    ImageDraw.Draw(row).text((PAD, 6), f"{name} · {preset}", fill=(30, 30, 30),
                             font=ImageFont.load_default(16))
    x = PAD
    for t in thumbs:
        row.paste(t, (x, LABEL))
        x += t.width + PAD
    return row


def sheet(name: str, path: Path) -> Image.Image:
    rows = [_row(name, path, preset) for preset in PRESETS]
    out = Image.new("RGB", (max(r.width for r in rows), sum(r.height for r in rows)),
                    (232, 228, 220))
    y = 0
    for r in rows:
        out.paste(r, (0, y))
        y += r.height
    return out


def main(label: str) -> None:
    folder = ROOT / "docs" / "layout"
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in BRIEFINGS.items():
        image = sheet(name, path).quantize(colors=128, method=Image.Quantize.MEDIANCUT)
        target = folder / f"{label}-{name}.png"
        image.save(target, optimize=True)
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "after")
