"""The largest image sharecard draws (issue 9, item 7): width × height × scale² is at most
MAX_OUTPUT_PIXELS (4096×4096). `--preset 4096x4096 --scale 4` needed 3 GB; now it is
refused in one line when the settings are validated, before anything is drawn."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from sharecard.api import resolve_settings
from sharecard.errors import ConfigError
from sharecard.images import MAX_OUTPUT_PIXELS
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
    folder = tmp_path / "briefings"
    folder.mkdir()
    for k in range(4):
        shutil.copy(CORPUS / "headline-only.txt", folder / f"b{k}.txt")
    sheet = tmp_path / "sheet.png"
    run = run_cli(["preview", str(folder), "--preset", "all", "--cards", "cover", "-o",
                   str(sheet)])
    assert run.exit_code == 0, run.stderr
    assert "32 cards in 32 rows (drawn at " in run.text
    with Image.open(sheet) as image:
        width, height = image.size
    assert width * height <= MAX_OUTPUT_PIXELS
    assert width < 2400 and height > 4 * width
