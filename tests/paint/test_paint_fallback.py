"""Without skia-python (a machine lacking libGL/libEGL, whose wheel then fails to load),
`render` still works: every card is drawn by CairoSVG from its SVG, one note says why,
and the pictures are those of the fast path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from support.pixeldiff import assert_similar

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed-putin-iran.txt"
# `import skia` fails as it does when the wheel cannot load its shared libraries.
NO_SKIA = ("import sys; sys.modules['skia'] = None; from sharecard.cli import main; "
           "main(sys.argv[1:])")


def _render(out: Path, *, without_skia: bool) -> subprocess.CompletedProcess[str]:
    args = ["render", str(SEED), "-o", str(out), "--preset", "og,story"]
    command = ([sys.executable, "-c", NO_SKIA, *args] if without_skia else
               [sys.executable, "-m", "sharecard", *args])
    return subprocess.run(command, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})


def test_render_without_skia_draws_every_card_with_cairosvg(tmp_path):
    fast = _render(tmp_path / "fast", without_skia=False)
    slow = _render(tmp_path / "slow", without_skia=True)
    assert fast.returncode == 0, fast.stderr
    assert slow.returncode == 0, slow.stderr
    assert "fast drawer is unavailable" not in fast.stderr
    notes = [line for line in slow.stderr.splitlines() if "fast drawer is unavailable" in line]
    assert len(notes) == 1, slow.stderr  # said once, not per card
    assert "drawn by CairoSVG" in notes[0] and "Traceback" not in slow.stderr
    for name in ("og-cover.png", "story-cover.png"):
        a = Image.open(tmp_path / "fast" / SEED.stem / name)
        b = Image.open(tmp_path / "slow" / SEED.stem / name)
        assert a.size == b.size
        assert_similar(a, b, max_ratio=0.004, name=f"fallback-{name}")
        # The fallback's file is CairoSVG's RGB PNG, not the fast path's indexed one.
        assert b.mode in ("RGB", "RGBA") and a.mode == "P"
