"""Discovery: fontconfig and font folders find the face a script needs, cached by mtime."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sharecard.resources import data_dir
from sharecard.typeset import discovery
from sharecard.typeset.discovery import FolderCatalog, css_weight, fc_weight
from sharecard.typeset.fonts import FontLibrary
from sharecard.typeset.scripts import (
    cjk_region,
    family_region,
    fontconfig_lang,
    own_script,
    region_rank,
)
from support.fonts import font_file, fontconfig_env, sharecard_run

HAN = [ord(c) for c in "中国直"]


def test_weights_convert_between_fontconfig_and_css():
    assert [css_weight(w) for w in (0, 50, 80, 100, 180, 200, 210)] == [
        100, 300, 400, 500, 600, 700, 900]
    assert [fc_weight(w) for w in (100, 400, 700, 900)] == [0, 80, 200, 210]


@pytest.mark.parametrize(
    ("family", "region"),
    [("Noto Sans CJK JP", "JP"), ("Source Han Sans K", "KR"), ("Noto Sans TC", "TC"),
     ("PingFang HK", "HK"), ("Hiragino Sans", "JP"), ("Microsoft YaHei", "SC"),
     ("Malgun Gothic", "KR"), ("WenQuanYi Zen Hei", None), ("Noto Sans Kannada", None)],
)
def test_family_names_announce_their_region(family, region):
    assert family_region(family) == region


def test_region_rank_prefers_the_languages_own_shapes():
    assert region_rank("Noto Sans CJK JP", "JP") == 0
    assert region_rank("WenQuanYi Zen Hei", "JP") == 1
    assert region_rank("Noto Sans CJK SC", "JP") == 2


@pytest.mark.parametrize(
    ("language", "region"),
    [("ja", "JP"), ("ko-KR", "KR"), ("zh", "SC"), ("zh-Hans", "SC"), ("zh-CN", "SC"),
     ("zh-Hant", "TC"), ("zh-TW", "TC"), ("zh-HK", "HK"), ("zh_Hant_HK", "HK")],
)
def test_han_region_follows_the_language(language, region):
    assert cjk_region(language) == region


def test_fontconfig_is_asked_in_the_scripts_language():
    assert fontconfig_lang("Hani", "ja", "JP") == "ja"
    assert fontconfig_lang("Hani", "zh-Hant", "TC") == "zh-tw"
    assert fontconfig_lang("Thai", None, "SC") == "th"
    assert fontconfig_lang("Beng", "as", "SC") == "as"  # Assamese is written in Bengali
    assert fontconfig_lang("Beng", "en", "SC") == "bn"  # a Bengali name in English text
    assert fontconfig_lang("Arab", "fa", "SC") == "fa"
    assert own_script(0x30FB) == "Hani" and own_script(ord("!")) is None


def _wqy_dir(tmp_path: Path) -> Path:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(font_file("WenQuanYi Zen Hei", "fonts-wqy-zenhei"), fonts)
    return fonts


def test_folder_catalog_finds_a_face_and_caches_by_mtime(tmp_path, monkeypatch):
    fonts = _wqy_dir(tmp_path)
    cache = tmp_path / "index.json"
    found = FolderCatalog([fonts], cache=cache).find(HAN, lang="zh-cn", weight=400)
    assert found and found[0].family == "WenQuanYi Zen Hei" and not found[0].mono
    entries = json.loads(cache.read_text())["files"]
    assert list(entries) == [str(fonts / "wqy-zenhei.ttc")]

    reads: list[Path] = []
    real = discovery.read_faces
    monkeypatch.setattr(discovery, "read_faces", lambda p: reads.append(p) or real(p))
    assert FolderCatalog([fonts], cache=cache).find(HAN, lang=None, weight=400)
    assert reads == []  # unchanged file: read from the cache
    shutil.copy(data_dir("fonts") / "NotoSansHebrew-Regular.ttf", fonts)
    hebrew = FolderCatalog([fonts], cache=cache).find([ord("ש")], lang="he", weight=400)
    assert [f.family for f in hebrew] == ["Noto Sans Hebrew"]
    assert reads == [fonts / "NotoSansHebrew-Regular.ttf"]  # only the new file is read


def test_library_with_a_folder_catalog_uses_its_cjk_face(tmp_path):
    catalog = FolderCatalog([_wqy_dir(tmp_path)], cache=tmp_path / "index.json")
    library = FontLibrary.load([data_dir("fonts")], system=catalog)
    chain = library.chain(weight=400, region="SC", text="央行 bank", language="zh-Hans")
    assert [f.family for f in chain if f.origin == "system"] == ["WenQuanYi Zen Hei"]
    alone = FontLibrary.load([data_dir("fonts")], system=False)
    keys = [f.key for f in alone.chain(weight=400, text="央行")]
    assert keys == [f.key for f in library.chain(weight=400)]  # no system: shipped only


def test_a_face_found_only_through_fontconfig_draws_cjk(tmp_path):
    """WenQuanYi in a folder only a FONTCONFIG_FILE lists: found, used, and reported."""
    env = fontconfig_env(tmp_path, [_wqy_dir(tmp_path)])
    source = Path(__file__).parent.parent / "data" / "scripts" / "zh-hans-reserve.md"
    run = sharecard_run(["fonts", "--json", str(source)], env)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["system"]["source"] == "fontconfig"
    assert {f["family"] for f in report["system"]["faces"]} == {
        "WenQuanYi Zen Hei", "WenQuanYi Zen Hei Mono", "WenQuanYi Zen Hei Sharp"}
    (cjk,) = [s for s in report["input"]["scripts"] if s["script"] == "Hani"]
    assert {(f["family"], f["origin"]) for f in cjk["faces"]} == {("WenQuanYi Zen Hei", "system")}
    assert all(f["path"].startswith(str(tmp_path)) for f in cjk["faces"])
    assert report["input"]["missing"] == 0
    out = tmp_path / "out"
    render = sharecard_run(["render", str(source), "-o", str(out), "--preset", "og"], env)
    assert render.returncode == 0, render.stderr
    manifest = json.loads((out / "zh-hans-reserve" / "manifest.json").read_text())
    assert not [w for w in manifest["warnings"] if w["code"] == "missing-glyphs"]


def test_symbols_no_font_covers_are_named_as_symbols():
    from sharecard.typeset.coverage import describe, find_gaps

    library = FontLibrary.load([data_dir("fonts")], system=False)
    gaps = find_gaps(library, [("Move ♔ to ⌘ and ⏚ now", "regular", "en")])
    assert [(g.name, g.chars, g.count) for g in gaps] == [("symbol", ("♔", "⏚"), 2)]
    assert describe(gaps, "en").startswith("no font for 2 symbol characters of this English")
    assert "google-noto-sans-symbols-2-fonts (Fedora)" in describe(gaps, "en")
