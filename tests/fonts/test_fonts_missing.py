"""No silent blank text: with no font for a script, render fails before writing anything;
--allow-missing-glyphs renders with warnings; emoji never vanish; scripts the project
ships render the same with or without the system's fonts."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from fonts.fontkit import CORPUS, briefing, cover, path_of, png
from sharecard.cards.labels import labels_for
from sharecard.pipeline import render_bundle
from sharecard.typeset.coverage import MissingGlyphsError
from support import unavailable
from support.fonts import fontconfig_env, sharecard_run

JA = CORPUS / "ja-boj-rates.txt"


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def bare(tmp_path: Path) -> dict[str, str]:
    """A process environment whose fontconfig knows no fonts at all."""
    return fontconfig_env(tmp_path / "bare")


def test_cjk_without_a_font_fails_and_keeps_the_old_bundle(tmp_path, bare):
    out = tmp_path / "out"
    first = sharecard_run(["render", str(JA), "-o", str(out), "--preset", "og"])
    assert first.returncode == 0, first.stderr
    before = _snapshot(out / "ja-boj-rates")

    run = sharecard_run(["render", str(JA), "-o", str(out), "--preset", "og,square"], bare)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    line = run.stderr.strip()
    assert line.startswith("sharecard: ja-boj-rates.txt: no font for 65 CJK characters of "
                           "this Japanese (ja) briefing")
    for fix in ("fonts-noto-cjk (Debian/Ubuntu)", "google-noto-sans-cjk-fonts (Fedora)",
                "font-noto-sans-cjk (macOS", "--font PATH", "--allow-missing-glyphs"):
        assert fix in line
    assert _snapshot(out / "ja-boj-rates") == before  # untouched, no square PNG added
    assert sorted(p.name for p in out.iterdir()) == ["ja-boj-rates"]


def test_allow_missing_glyphs_renders_with_warnings(tmp_path, bare):
    out = tmp_path / "out"
    run = sharecard_run(["render", str(JA), "-o", str(out), "--preset", "og",
                         "--allow-missing-glyphs"], bare)
    assert run.returncode == 0, run.stderr
    manifest = json.loads((out / "ja-boj-rates" / "manifest.json").read_text())
    lost = {w["detail"] for w in manifest["warnings"] if w["code"] == "missing-glyphs"}
    assert {"og-cover: headline", "og-cover: bullet1"} <= lost
    assert (out / "ja-boj-rates" / "og-cover.png").is_file()


def test_allow_missing_glyphs_from_config_and_api(tmp_path):
    (tmp_path / "sharecard.toml").write_text(
        "allow_missing_glyphs = true\nsystem_fonts = false\npresets = ['og']\n")
    run = sharecard_run(["render", str(JA), "-o", "out"], cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    (tmp_path / "sharecard.toml").write_text("system_fonts = false\npresets = ['og']\n")
    refused = sharecard_run(["render", str(JA), "-o", "out2"], cwd=tmp_path)
    assert refused.returncode == 1 and "no font for 65 CJK characters" in refused.stderr
    assert not (tmp_path / "out2").exists()

    with pytest.raises(MissingGlyphsError) as caught:
        render_bundle(JA, tmp_path / "api", presets="og", system_fonts=False)
    assert caught.value.source == "ja-boj-rates.txt" and caught.value.exit_code == 1
    assert not (tmp_path / "api").exists()
    manifest = render_bundle(JA, tmp_path / "api", presets="og", system_fonts=False,
                             allow_missing_glyphs=True)
    assert any(w["code"] == "missing-glyphs" for w in manifest.warnings)
    (tmp_path / "sharecard.toml").write_text("allow_missing_glyphs = 'yes'\n")
    bad = sharecard_run(["render", str(JA)], cwd=tmp_path)
    assert bad.returncode == 2 and "'allow_missing_glyphs' must be true or false" in bad.stderr


def test_preview_of_a_folder_skips_the_briefing_without_a_font(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(JA, folder)
    shutil.copy(CORPUS / "seed-putin-iran.txt", folder)
    sheet = tmp_path / "sheet.png"
    run = sharecard_run(["preview", str(folder), "-o", str(sheet), "--preset", "og",
                         "--no-system-fonts"])
    assert run.returncode == 1
    assert re.match(r"sharecard: ja-boj-rates.txt: no font for \d+ CJK characters", run.stderr)
    assert sheet.is_file() and "1 rows" in run.stdout
    alone = sharecard_run(["preview", str(JA), "-o", str(tmp_path / "ja.png"),
                           "--no-system-fonts"])
    assert alone.returncode == 1 and not (tmp_path / "ja.png").exists()


def test_emoji_headline_keeps_its_emoji_without_a_colour_face():
    card = cover("emoji-launch", system_fonts=False)
    headline = next(b for b in card.boxes if b.name == "headline")
    assert headline.lines[0].startswith("🚀 Launch")
    assert "<image" not in card.svg  # no colour bitmaps: outlines from Noto Emoji
    x0, y0, _x1, y1 = headline.line_boxes[0]
    size = headline.size
    image = Image.open(io.BytesIO(png(card))).convert("L")
    rocket = image.crop((int(x0), int(y0), int(x0 + size), int(y1)))
    dark = sum(1 for v in rocket.tobytes() if v < 100)
    assert dark > rocket.width * rocket.height * 0.08  # drawn, in the headline's dark ink
    colour = cover("emoji-launch", system_fonts=True)
    assert "<image" in colour.svg  # with Noto Color Emoji installed: the colour glyph


@pytest.mark.parametrize("name", ["seed-putin-iran", "fa-iran-russia", "ar-talks",
                                  "he-ceasefire", "hi-monsoon"])
def test_shipped_scripts_render_the_same_without_system_fonts(name):
    assert cover(name, system_fonts=False).svg == cover(name, system_fonts=True).svg


def _unshare() -> list[str]:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        unavailable("hiding /usr/share/fonts needs root and unshare (util-linux)")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, text=True,
                           check=False)
    if probe.returncode != 0:  # e.g. a container without CAP_SYS_ADMIN, or a chroot
        unavailable(f"hiding /usr/share/fonts needs a mount namespace: "
                    f"{probe.stderr.strip() or 'unshare -m failed'}")
    return ["unshare", "-m", "sh", "-c"]


def test_hidden_system_fonts_as_in_the_issue(tmp_path):
    """As root: a tmpfs over /usr/share/fonts hides every system font from this process."""
    prefix = _unshare()
    out = tmp_path / "out"
    cmd = (f"mount -t tmpfs none /usr/share/fonts && {sys.executable} -m sharecard "
           f"render {JA} -o {out} --preset og; echo rc=$?; "
           f"{sys.executable} -m sharecard render {path_of('hi-monsoon')} -o {out} "
           f"--preset og --json >/dev/null; echo rc=$?")
    env = dict(os.environ, SHARECARD_CACHE_DIR=str(tmp_path / "cache"))
    run = subprocess.run([*prefix, cmd], capture_output=True, text=True, timeout=300,
                         env=env, check=False)
    assert run.stdout.split() == ["rc=1", "rc=0"], run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "ja-boj-rates.txt: no font for 65 CJK characters" in run.stderr
    assert not (out / "ja-boj-rates").exists()
    hidden = (out / "hi-monsoon" / "og-cover.svg").read_text(encoding="utf-8")
    assert hidden == cover("hi-monsoon").svg  # Devanagari: exactly as with the fonts


def test_briefing_language_is_named(tmp_path, bare):
    args = ["render", str(path_of("th-rates")), "-o", str(tmp_path / "o"), "--preset", "og"]
    run = sharecard_run(args, bare)
    assert run.returncode == 1
    thai = briefing("th-rates")
    kicker = labels_for(thai.language).briefing  # the card's chrome is in Thai too
    count = sum(len(t.replace(" ", "")) for t in (thai.headline, *thai.bullets, kicker))
    assert f"th-rates.md: no font for {count} Thai characters of this Thai (th) briefing" \
        in run.stderr
    assert "fonts-noto-core (Debian/Ubuntu), google-noto-sans-thai-fonts (Fedora)" in run.stderr
