#!/usr/bin/env python3
"""Write ``fonts/faces.json``: what fontTools reads from each shipped face (family name,
weight class, vertical metrics, colour tables), so `sharecard.typeset.fonts` loads the
shipped faces without importing fontTools. Run it after adding or replacing a font in
``fonts/``; ``tests/fonts/test_fonts_info.py`` fails until it is run.

    python scripts/font_info.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import uharfbuzz as hb  # noqa: E402

from sharecard.typeset.discovery import FONT_SUFFIXES  # noqa: E402
from sharecard.typeset.fonts import SHIPPED_INFO, info_row, read_info  # noqa: E402


def rows(folder: Path) -> list[dict[str, object]]:
    """One row per face of every font file in `folder`, in file-name order."""
    out = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES):
        blob = hb.Blob.from_file_path(str(path))
        for index in range(hb.Face(blob).count):
            upem = int(hb.Face(blob, index).upem)
            out.append(info_row(path, index, read_info(path, index, upem)))
    return out


def render(folder: Path) -> str:
    return json.dumps(rows(folder), indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    folder = ROOT / "fonts"
    (folder / SHIPPED_INFO).write_text(render(folder), encoding="utf-8")
    print(f"wrote {folder / SHIPPED_INFO}")
