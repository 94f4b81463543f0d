"""The largest image sharecard draws (issue 9, item 7): width × height × scale² is at most
MAX_OUTPUT_PIXELS (4096×4096). `--preset 4096x4096 --scale 4` needed 3 GB; now it is
refused in one line when the settings are validated, before anything is drawn."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from sharecard.errors import ConfigError
from sharecard.images import MAX_OUTPUT_PIXELS
from sharecard.pipeline import resolve_settings
from sharecard.raster import draw
from support.cli import run_cli
from support.process import run_measured

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
SEED = CORPUS / "seed-putin-iran.txt"


def test_the_issue_case_is_refused_at_once_and_small(tmp_path):
    out = tmp_path / "out"
    run = run_measured(["render", str(SEED), "--preset", "4096x4096", "--scale", "4",
                        "-o", str(out)])
    assert run.exit_code == 2
    assert run.stderr == (
        "sharecard: preset 4096x4096 at scale 4 would be 16384×16384 pixels (268,435,456), "
        "over the limit of 16,777,216 (4096×4096); lower the scale or the size\n")
    assert not out.exists()
    assert run.max_rss_mib < 300, run.max_rss_mib


@pytest.mark.parametrize(
    ("presets", "scale", "allowed"),
    [("4096x4096", 1, True), ("og", 4, True), ("story", 2, True), ("x", 3, True),
     ("story", 3, False), ("x", 4, False), ("og,square", 4, False)],
)
def test_the_cap_is_width_times_height_times_scale_squared(presets, scale, allowed):
    if allowed:
        settings = resolve_settings(presets=presets, scale=scale)
        assert settings.scale == scale
    else:
        with pytest.raises(ConfigError, match="over the limit of 16,777,216"):
            resolve_settings(presets=presets, scale=scale)


def test_a_config_file_over_the_cap_is_named(tmp_path):
    (tmp_path / "sharecard.toml").write_text('presets = ["story"]\nscale = 4\n')
    run = run_cli(["render", str(SEED), "--config", str(tmp_path / "sharecard.toml"),
                   "-o", str(tmp_path / "out")])
    assert run.exit_code == 2
    assert run.stderr.startswith("sharecard: sharecard.toml: preset story at scale 4 would be "
                                 "4320×7680 pixels (33,177,600), over the limit")


def test_draw_itself_refuses_before_allocating():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8192" height="4096"/>'
    with pytest.raises(ConfigError, match="cannot draw an image of 8192×4096 pixels"):
        draw(svg, width=8192, height=4096)


def test_a_tall_contact_sheet_is_drawn_smaller_not_past_the_cap(tmp_path):
    # Twenty one-card briefings per preset flow into a grid four to eight across: at
    # every preset, that is still a sheet over the pixel cap.
    folder = tmp_path / "briefings"
    folder.mkdir()
    for k in range(20):
        shutil.copy(CORPUS / "headline-only.txt", folder / f"b{k}.txt")
    sheet = tmp_path / "sheet.png"
    run = run_cli(["preview", str(folder), "--preset", "all", "--cards", "cover", "-o",
                   str(sheet)])
    assert run.exit_code == 0, run.stderr
    assert "160 cards in 160 rows (drawn at " in run.text
    with Image.open(sheet) as image:
        width, height = image.size
    assert width * height <= MAX_OUTPUT_PIXELS
    assert width < 2400 and height > 4 * width


USE_BOMB = ('<defs><rect id="l0" width="1" height="1"/>'
            + "".join(f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>"
                      for i in range(1, 7))
            + '</defs><use href="#l6"/>')


def _template(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "cover.svg.j2").write_text(
        '{% extends "base.svg.j2" %}{% block content %}{{ footer() }}' + body
        + "{% endblock %}")
    return folder


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (USE_BOMB, "the SVG would draw more than 100,000 elements (<use> references that "
                   "repeat, nest or loop)"),
        ('<g id="a"><use href="#a"/></g>', "the SVG would draw more than 100,000 elements"),
        ('<text font-size="1e300" x="0" y="10">x</text>', "the SVG cannot be drawn: cairo "
                                                          "returned CAIRO_STATUS_INVALID_MATRIX"),
    ],
)
def test_an_svg_that_cannot_be_drawn_is_one_line_naming_the_card(tmp_path, body, message):
    """A 2 KB template output of nested <use>s made CairoSVG work ~45 s, then raise; a
    font size cairo cannot invert raised too: both were tracebacks."""
    out = tmp_path / "out"
    run = run_cli(["render", str(SEED), "--templates", str(_template(tmp_path, body)),
                   "-o", str(out), "--preset", "og"])
    assert run.exit_code == 2
    assert run.stderr.startswith(f"sharecard: og-cover.svg: {message}"), run.stderr
    assert len(run.stderr.splitlines()) == 1 and not out.exists()


def test_a_use_bomb_inside_an_embedded_svg_is_not_drawn():
    import base64

    inner = (f'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">{USE_BOMB}</svg>')
    uri = "data:image/svg+xml;base64," + base64.b64encode(inner.encode()).decode()
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
           f'<image href="{uri}" width="20" height="20"/></svg>')
    _, notes = draw(svg, width=20, height=20)
    assert [(n.code, n.detail) for n in notes] == [(
        "image-refused", "an embedded SVG that would draw more than 100,000 elements (<use> "
        "references that repeat, nest or loop)")]
