"""`sharecard render|preview|presets|themes|templates` through the real entry point:
good runs write what they say, bad input is one line and exit 2, hard content still
renders within its boxes with warnings in the manifest."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from cards.cardkit import CORPUS, SEED
from sharecard.cards.presets import PRESETS
from support.cli import run_cli


def _manifest(out, slug="seed-putin-iran"):
    return json.loads((out / slug / "manifest.json").read_text(encoding="utf-8"))


def test_render_writes_cards_svg_png_and_manifest(tmp_path):
    run = run_cli(["render", str(SEED), "-o", str(tmp_path), "--cards", "cover,sections,quote",
                   "--preset", "og,story"])
    assert run.exit_code == 0, run.stderr
    assert run.text.startswith(f"{tmp_path}/seed-putin-iran/  18 cards")
    bundle = tmp_path / "seed-putin-iran"
    m = _manifest(tmp_path)
    listed = {f["path"] for f in m["files"]}
    on_disk = {p.name for p in bundle.iterdir()} - {"manifest.json"}
    assert listed == on_disk
    assert {"og-cover.png", "og-cover.svg", "story-section-08.png", "blurb.txt"} <= listed
    # The seed quotes no one by name: no quote card, and the manifest says so.
    assert not any("quote" in name for name in listed)
    assert any(w["code"] == "no-quote" for w in m["warnings"])
    with Image.open(bundle / "og-cover.png") as im:
        assert im.size == (1200, 630)
    og = next(f for f in m["files"] if f["path"] == "og-cover.png")
    assert (og["kind"], og["preset"], og["width"], og["height"], og["format"]) == (
        "cover", "og", 1200, 630, "png")
    assert og["bytes"] == (bundle / "og-cover.png").stat().st_size
    assert m["input"]["name"] == "seed-putin-iran.txt"
    assert any(w["code"] == "fragment-dropped" for w in m["warnings"])
    assert [c["name"] for c in m["cards"]][:2] == ["og-cover", "og-section-01"]
    assert m["cards"][0]["alt"].startswith("Share card: “Putin, Iran deepen")


def test_render_formats_and_scale(tmp_path):
    run = run_cli(["render", str(SEED), "-o", str(tmp_path), "--format", "png,jpeg,webp",
                   "--scale", "2"])
    assert run.exit_code == 0, run.stderr
    bundle = tmp_path / "seed-putin-iran"
    for name, fmt in (("og-cover.png", "PNG"), ("og-cover.jpg", "JPEG"),
                      ("og-cover.webp", "WEBP")):
        with Image.open(bundle / name) as im:
            assert (im.format, im.size) == (fmt, (2400, 1260))
    files = {f["path"]: f for f in _manifest(tmp_path)["files"]}
    assert files["og-cover.jpg"]["scale"] == 2.0
    assert all(f["bytes"] <= PRESETS["og"].max_bytes for f in files.values())


def test_render_from_stdin_uses_the_headline_slug(tmp_path):
    run = run_cli(["render", "-", "-o", str(tmp_path)], stdin=SEED.read_bytes())
    assert run.exit_code == 0, run.stderr
    assert (tmp_path / "putin-iran-deepen-military-coordination" / "og-cover.png").is_file()


def test_render_reads_a_config_file(tmp_path):
    config = tmp_path / "sharecard.toml"
    config.write_text('theme = "dark"\npresets = ["square"]\nbrand = "Daily Brief"\n')
    run = run_cli(["render", str(SEED), "-o", str(tmp_path / "out"), "--config", str(config)])
    assert run.exit_code == 0, run.stderr
    m = _manifest(tmp_path / "out")
    assert m["settings"]["theme"] == "dark"
    assert [c["name"] for c in m["cards"]] == ["square-cover"]
    svg = (tmp_path / "out" / "seed-putin-iran" / "square-cover.svg").read_text()
    # The brand is named in the footer; the kicker says what the card is.
    assert "Shared from Daily Brief" in svg and "BRIEFING" in svg and "DAILY BRIEF" not in svg


def test_logo_is_embedded(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10">'
                    '<rect width="40" height="10" fill="#0055AA"/></svg>')
    run = run_cli(["render", str(SEED), "-o", str(tmp_path), "--logo", str(logo)])
    assert run.exit_code == 0, run.stderr
    svg = (tmp_path / "seed-putin-iran" / "og-cover.svg").read_text()
    assert 'href="data:image/svg+xml;base64,' in svg
    assert str(tmp_path) not in svg
    with Image.open(tmp_path / "seed-putin-iran" / "og-cover.png") as im:
        colours = {c for _, c in im.convert("RGB").getcolors(1 << 20)}
    assert (0, 0x55, 0xAA) in colours  # the logo was drawn, from the data URI


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--preset", "instagram"], "unknown preset 'instagram'; valid presets: og, x,"),
        (["--preset", "99999x10"], "out of range"),
        (["--cards", "cover,poster"], "unknown card 'poster'; valid cards: cover,"),
        (["--theme", "sepia"], "unknown theme 'sepia'; valid themes: light, dark"),
        (["--logo", "missing-logo.svg"], "missing-logo.svg: logo file not found"),
        (["--format", "gif"], "unknown format 'gif'; valid formats: png, jpeg, webp"),
        (["--scale", "100"], "scale 100 is out of range"),
        (["--color", "accent=red"], "is not a hex colour"),
        (["--templates", "no-such-dir"], "no-such-dir: templates directory not found"),
    ],
)
def test_bad_options_are_one_line_exit_2(tmp_path, args, needle):
    run = run_cli(["render", str(SEED), "-o", str(tmp_path), *args])
    assert run.exit_code == 2
    assert run.stderr.startswith("sharecard: ")
    assert needle in run.stderr
    assert run.stderr.count("\n") == 1
    assert not (tmp_path / "seed-putin-iran").exists()


def test_broken_template_is_one_line_naming_file_and_line(tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "cover.svg.j2").write_text("<svg>\n\n{{ foo( }}\n</svg>\n")
    run = run_cli(["render", str(SEED), "-o", str(tmp_path), "--templates", str(tpl)])
    assert run.exit_code == 2
    assert run.stderr.startswith(f"sharecard: {tpl}/cover.svg.j2:3: template syntax error")
    assert run.stderr.count("\n") == 1


def test_missing_input_is_one_line_exit_2(tmp_path):
    run = run_cli(["render", str(tmp_path / "nope.txt"), "-o", str(tmp_path)])
    assert run.exit_code == 2
    assert run.stderr.count("\n") == 1 and "nope.txt" in run.stderr


HARD = {
    "headline": " ".join(f"word{i}" for i in range(60)),
    "bullets": ["https://example.com/" + "a" * 280, "A normal bullet that reads fine."],
    "sections": [
        {"heading": "Empty section", "body": ""},
        {"heading": "Full section", "body": "It has one sentence. And a second one."},
    ],
    "attribution": {"brand": "Scout", "tagline": None},
}


def test_hard_content_renders_within_its_boxes_with_warnings(tmp_path):
    src = tmp_path / "hard.json"
    src.write_text(json.dumps(HARD))
    run = run_cli(["render", str(src), "-o", str(tmp_path / "out"), "--preset", "all",
                   "--cards", "cover,sections,quote"])
    assert run.exit_code == 0, run.stderr
    m = _manifest(tmp_path / "out", "hard")
    codes = {(w["code"], w.get("detail", "").split(":")[0]) for w in m["warnings"]}
    # The empty section gets no card, with a note; the briefing quotes no one, so there
    # is no quote card (a note too), and "Full section" is drawn as the section it is.
    assert ("empty-section", "section-01") in codes
    assert ("no-quote", "quote") in codes
    og = [c for c in m["cards"] if c["preset"] == "og"]
    assert [c["kind"] for c in og] == ["cover", "section"]
    assert not {c for c, _ in codes} & {"outside-safe-area", "overlap", "footer-collision"}
    # The 60-word headline is set whole where it fits at its smallest size (og), and
    # cut only where it does not even fit alone, saying which words are missing.
    assert ("clamped", "og-cover") not in codes
    story = [w for w in m["warnings"] if w.get("detail") == "story-cover: headline"]
    assert sorted(w["code"] for w in story) == ["clamped", "shrunk"]
    assert any("left out: “word" in w["message"] for w in story)
    # To keep the headline whole, both bullets make way, each named.
    left = [w["message"] for w in m["warnings"]
            if w.get("detail", "").startswith("og-cover: bullet")]
    assert len(left) == 2 and "https://example.com/aaa" in left[0], left
    assert "A normal bullet that reads fine." in left[1]


def test_presets_themes_templates_listings():
    run = run_cli(["presets"])
    assert run.exit_code == 0
    assert "og" in run.text and "1200×630" in run.text and "story" in run.text
    presets = json.loads(run_cli(["presets", "--json"]).text)
    assert {p["name"] for p in presets} == set(PRESETS)
    themes = run_cli(["themes"])
    assert "light: background #FAF8F4" in themes.text and "dark:" in themes.text
    templates = run_cli(["templates"])
    assert "cover.landscape.svg.j2" in templates.text and "built-in" in templates.text
    shown = run_cli(["templates", "--show", "base.svg.j2"])
    assert shown.text.startswith("{#- base.svg.j2")
    bad = run_cli(["templates", "--show", "nope.svg.j2"])
    assert bad.exit_code == 2 and "valid templates:" in bad.stderr


def test_preview_writes_a_contact_sheet_png_and_html(tmp_path):
    png = tmp_path / "sheet.png"
    run = run_cli(["preview", str(SEED), "-o", str(png), "--preset", "og,square,story"])
    assert run.exit_code == 0, run.stderr
    assert "27 cards in 3 rows" in run.text
    with Image.open(png) as im:
        assert im.format == "PNG" and im.width == 2400 and im.height > 1000
    page = tmp_path / "sheet.html"
    run = run_cli(["preview", str(CORPUS), "-o", str(page), "--preset", "og"])
    assert run.exit_code == 0, run.stderr
    html = page.read_text()
    drawn = int(run.text.split()[1])
    assert drawn > 20 and html.count("<img ") == drawn
    assert html.count("<h2>") == sum(1 for _ in CORPUS.glob("*.txt"))  # one row per file
    assert "src=\"data:image/svg+xml;base64," in html and "http" not in html.split("<body>")[1]
