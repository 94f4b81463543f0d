"""`sharecard fonts [INPUT]`: faces, origins, scripts; per input, faces and gaps."""

from __future__ import annotations

import json

import pytest

from fonts.fontkit import CORPUS, path_of
from support.cli import run_cli
from support.fonts import require_font

CORPUS_FILES = sorted(p.name for p in CORPUS.glob("*.txt"))


def _report(*args: str) -> dict:
    run = run_cli(["fonts", "--json", *args])
    assert run.exit_code == 0, run.stderr
    return json.loads(run.text)


def test_lists_shipped_faces_with_their_scripts():
    report = _report("--no-system-fonts")
    faces = {(f["family"], f["weight"]): f for f in report["faces"]}
    assert faces[("Inter", 400)]["scripts"] == ["Latn", "Grek", "Cyrl"]
    assert faces[("Noto Sans Arabic", 700)]["scripts"] == ["Arab"]
    assert faces[("Noto Emoji", 400)]["scripts"] == ["Zsye"]
    assert {f["origin"] for f in report["faces"]} == {"shipped"}
    assert report["system"] is None
    rows = {(r["script"], r["language"]): r for r in report["scripts"]}
    assert rows[("Latn", None)]["family"] == "Inter"
    assert rows[("Zsye", None)]["family"] == "Noto Emoji"
    assert rows[("Hani", "ja")]["family"] is None
    assert rows[("Hani", "ja")]["fix"][0] == "fonts-noto-cjk"


def test_system_faces_and_who_draws_each_script():
    require_font("Noto Sans Thai", "fonts-noto-core")
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    report = _report()
    assert report["system"]["source"] == "fontconfig"
    system = {f["family"] for f in report["system"]["faces"]}
    assert {"Noto Sans Thai", "Noto Sans CJK JP", "Noto Color Emoji"} <= system
    rows = {(r["script"], r["language"]): r for r in report["scripts"]}
    assert rows[("Thai", None)]["family"] == "Noto Sans Thai"
    assert rows[("Thai", None)]["origin"] == "system"
    assert rows[("Hani", "ja")]["family"] == "Noto Sans CJK JP"
    assert rows[("Hani", "zh-Hant")]["family"] == "Noto Sans CJK TC"
    assert rows[("Zsye", None)]["family"] == "Noto Color Emoji"
    assert rows[("Arab", None)]["origin"] == "shipped"  # shipped first, system after


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_every_corpus_briefing_has_a_face_for_every_script(name):
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    given = _report(str(CORPUS / name))["input"]
    assert given["missing"] == 0 and given["problem"] is None
    scripts = {s["script"]: s for s in given["scripts"]}
    assert "Latn" in scripts  # sources and the footer are Latin in every file
    expected = {"fa-iran-russia.txt": "Arab", "ja-boj-rates.txt": "Hani"}.get(name)
    if expected:
        assert all(f["characters"] > 0 for f in scripts[expected]["faces"])


def test_input_gaps_are_listed_with_the_fix():
    given = _report("--no-system-fonts", str(path_of("th-rates")))["input"]
    (thai,) = [s for s in given["scripts"] if s["script"] == "Thai"]
    assert thai["faces"] == [] and "ธ" in thai["missing"]
    assert given["problem"].startswith("no font for 110 Thai characters")
    text = run_cli(["fonts", "--no-system-fonts", str(path_of("th-rates"))]).text
    assert "System faces: not used (--no-system-fonts)" in text
    assert "not covered: ธนา" in text and "fonts-noto-core (Debian/Ubuntu)" in text


def test_user_fonts_come_first(tmp_path):
    from sharecard.resources import data_dir

    report = _report("--no-system-fonts", "--font",
                     str(data_dir("fonts") / "NotoSansHebrew-Bold.ttf"))
    assert report["faces"][0]["origin"] == "user"
    assert report["faces"][0]["family"] == "Noto Sans Hebrew"
