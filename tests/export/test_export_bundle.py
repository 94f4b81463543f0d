"""The bundle on disk: atomic replacement, a manifest that matches the files, slugs, and
byte-identical output for the same input."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cards.cardkit import SEED
from sharecard.export.bundle import Manifest, bundle_slug, slugify, write_bundle
from sharecard.pipeline import render_bundle

SRC = Path(__file__).resolve().parents[2] / "src"


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_manifest_lists_every_file_with_its_hash(tmp_path):
    m = render_bundle(SEED, tmp_path, presets=["og", "portrait"],
                      cards=["cover", "sections", "quote"], fmt=["png", "webp"])
    bundle = tmp_path / "seed-putin-iran"
    assert m.path == bundle
    written = _tree(bundle)
    manifest = json.loads(written.pop("manifest.json"))
    assert {f["path"] for f in manifest["files"]} == set(written)
    for entry in manifest["files"]:
        data = written[entry["path"]]
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
    assert manifest["sharecard"]
    assert manifest["input"]["sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert manifest == m.to_dict()
    text = (bundle / "manifest.json").read_text()
    assert str(tmp_path) not in text and "/tmp/" not in text


def test_rendering_twice_is_byte_identical(tmp_path):
    args = {"presets": "og,story", "cards": "cover,sections,quote", "fmt": "png,jpeg,webp"}
    render_bundle(SEED, tmp_path / "a", **args)
    render_bundle(SEED, tmp_path / "b", **args)
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_a_fresh_process_renders_the_same_bytes(tmp_path):
    """No hidden state (caches, dict order, hash seeds) changes the output."""
    render_bundle(SEED, tmp_path / "here", presets="og,story", cards="cover,quote")
    code = (
        "import sys; from sharecard.pipeline import render_bundle; "
        "render_bundle(sys.argv[1], sys.argv[2], presets='og,story', cards='cover,quote')"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(SEED), str(tmp_path / "there")],
                   check=True, env=env, cwd=tmp_path)
    assert _tree(tmp_path / "here") == _tree(tmp_path / "there")


def _manifest(slug: str) -> Manifest:
    return Manifest(version="test", slug=slug, input={}, files=())


def test_an_existing_bundle_is_replaced_whole(tmp_path):
    write_bundle(tmp_path, "b", {"old.txt": b"old", "keep.txt": b"1"}, _manifest("b"))
    write_bundle(tmp_path, "b", {"keep.txt": b"2"}, _manifest("b"))
    assert _tree(tmp_path / "b") == {"keep.txt": b"2", "manifest.json": _manifest("b").to_json()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]  # no temp or old dirs left


def test_a_failed_write_keeps_the_old_bundle(tmp_path):
    write_bundle(tmp_path, "b", {"a.txt": b"old"}, _manifest("b"))
    with pytest.raises(ValueError, match="not a plain relative path"):
        write_bundle(tmp_path, "b", {"a.txt": b"new", "../escape.txt": b"x"}, _manifest("b"))
    assert (tmp_path / "b" / "a.txt").read_bytes() == b"old"
    assert not (tmp_path / "escape.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]


def test_output_path_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "b").write_text("not a bundle")
    from sharecard.errors import ConfigError

    with pytest.raises(ConfigError, match="not a bundle directory"):
        write_bundle(tmp_path, "b", {"a.txt": b"x"}, _manifest("b"))
    assert (tmp_path / "b").read_text() == "not a bundle"


@pytest.mark.parametrize(
    ("name", "headline", "slug"),
    [
        ("seed-putin-iran.txt", "x", "seed-putin-iran"),
        ("dir/Übersicht Café.md", "x", "ubersicht-cafe"),
        ("<stdin>", "Putin, Iran deepen military coordination",
         "putin-iran-deepen-military-coordination"),
        ("-", "ایران و روسیه", "briefing-0123abcd"),
        ("<bytes>", "Rates hold", "rates-hold"),
        ("<text>", "Rates hold", "rates-hold"),
        ("<briefing>", "Rates hold", "rates-hold"),
        ("<bytes>", "ایران", "briefing-0123abcd"),
        ("گزارش.txt", "ایران", "briefing-0123abcd"),
    ],
)
def test_bundle_slug(name, headline, slug):
    assert bundle_slug(name, headline, "0123abcdef") == slug


def test_slugify_limits_length_at_a_word():
    slug = slugify("word " * 40)
    assert len(slug) <= 60 and not slug.endswith("-") and slug.startswith("word-word")


@pytest.mark.parametrize(("brand", "said"), [("Daily Planet", "Daily Planet"), ("", None)])
def test_brand_override_reaches_cards_blurbs_alt_and_meta(tmp_path, brand, said):
    """--brand replaces the briefing's brand everywhere in the bundle, or hides it ("")."""
    m = render_bundle(SEED, tmp_path, presets=["og"], brand=brand)
    bundle = tmp_path / "seed-putin-iran"
    blurb = (bundle / "blurb.txt").read_text("utf-8")
    meta = (bundle / "meta.html").read_text("utf-8")
    svg = (bundle / "og-cover.svg").read_text("utf-8")
    alt = m.cards[0]["alt"]
    assert "Scout" not in blurb + meta + alt + svg
    if said:
        assert f"via {said}" in blurb and f'content="{said}"' in meta
        assert f"From {said}." in alt and f"Shared from {said}" in svg
    else:
        assert "via " not in blurb and "og:site_name" not in meta and "Shared from" not in svg
