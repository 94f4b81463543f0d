"""`sharecard preview INPUT --feed`: the bundle with feed.html (its crop and overlay
warnings counted and listed), or one standalone page; a folder is refused in one line."""

from __future__ import annotations

import json

from support.cli import run_cli

from .feedkit import CORPUS

SEED = str(CORPUS / "seed-putin-iran.txt")


def test_feed_writes_the_bundle_with_its_page(tmp_path):
    run = run_cli(["preview", SEED, "--feed", "-o", str(tmp_path), "--preset", "og,x,square"])
    assert run.exit_code == 0, run.stderr
    bundle = tmp_path / "seed-putin-iran"
    page = (bundle / "feed.html").read_text("utf-8")
    assert run.text == f"{bundle / 'feed.html'}  0 crop warnings, 0 overlay warnings\n"
    assert 'src="og-cover.png"' in page and 'src="x-cover.png"' in page
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    row = next(r for r in manifest["files"] if r["path"] == "feed.html")
    assert row["kind"] == "preview" and row["format"] == "html"


def test_feed_lists_crop_warnings(tmp_path):
    run = run_cli(["preview", SEED, "--feed", "-o", str(tmp_path), "--preset", "square"])
    assert run.exit_code == 0
    assert "  3 crop warnings, " in run.text
    assert run.stderr.count("cuts the headline") == 3


def test_feed_to_one_html_file(tmp_path):
    out = tmp_path / "preview.html"
    run = run_cli(["preview", SEED, "--feed", "-o", str(out), "--preset", "og"])
    assert run.exit_code == 0, run.stderr
    page = out.read_text("utf-8")
    assert "data:image/png;base64," in page and 'src="og-cover.png"' not in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["preview.html"]


def test_feed_refuses_a_folder(tmp_path):
    run = run_cli(["preview", str(CORPUS), "--feed", "-o", str(tmp_path / "x")])
    assert run.exit_code == 2 and run.stderr.count("\n") == 1
    assert "one briefing" in run.stderr and not (tmp_path / "x").exists()
