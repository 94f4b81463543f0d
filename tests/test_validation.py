"""One validator for every way in (issue 21): what the service refuses, the command line
and the API refuse too, with the same words — logos, template folders, font files, and
briefings over the input limits."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import sharecard
from sharecard.service.limits import Limits, check_logo
from support.cli import run_cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed-putin-iran.txt"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">%s</svg>'

HOSTILE_LOGOS = {
    "a file": (SVG % b'<image href="file:///etc/passwd" width="40" height="20"/>',
               "refers to another resource ('file:///etc/passwd'); use a self-contained "
               "logo"),
    "a URL": (SVG % b'<image xmlns:x="http://www.w3.org/1999/xlink" '
                    b'x:href="http://127.0.0.1:9/a.png"/>',
              "refers to another resource ('http://127.0.0.1:9/a.png')"),
    "a url() in a style": (SVG % b'<rect style="fill:url(http://x/y)" width="4" height="4"/>',
                           "uses url() to load another resource"),
    "an @import": (SVG % b"<style>@import 'http://x/y.css';</style>",
                   "imports a style sheet"),
    "an entity": (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]>' + SVG % b"&x;",
                  "declares a DTD or entities, which are not allowed"),
}


@pytest.mark.parametrize("case", list(HOSTILE_LOGOS))
def test_a_logo_is_refused_alike_by_the_cli_the_api_and_the_service(tmp_path, case):
    data, problem = HOSTILE_LOGOS[case]
    logo = tmp_path / "logo.svg"
    logo.write_bytes(data)
    run = run_cli(["render", str(SEED), "--logo", str(logo), "-o", str(tmp_path / "out")])
    assert run.exit_code == 2
    assert run.stderr.startswith(f"sharecard: {logo}: logo {problem}"), run.stderr
    assert run.stderr.count("\n") == 1 and not (tmp_path / "out").exists()
    with pytest.raises(sharecard.ConfigError, match="logo " + problem.replace("(", r"\(")
                       .replace(")", r"\)").replace("?", r"\?")):
        sharecard.render(SEED, logo=data)
    with pytest.raises(sharecard.InputError) as refused:  # the service's own check
        check_logo(data, Limits())
    assert refused.value.problem.startswith(f"the logo {problem}")


def test_a_self_contained_svg_logo_still_draws(tmp_path):
    data = SVG % b'<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" ' \
                 b'height="4"/><use href="#g"/>'
    assert sharecard.render(SEED, logo=data)[:4] == b"\x89PNG"


def _template_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "quote.svg.j2").write_text('{% extends "base.svg.j2" %}')
    return folder


def test_a_refused_template_in_a_folder_the_user_asked_for_is_an_error(tmp_path):
    """A link out of the folder was skipped and the built-in drawn, exit 0."""
    folder = _template_folder(tmp_path)
    (folder / "cover.svg.j2").symlink_to("/etc/hostname")
    for args in (["render", str(SEED)], ["templates"]):
        run = run_cli([*args, "--templates", str(folder), "-o", str(tmp_path / "out")]
                      if args[0] == "render" else [*args, "--templates", str(folder)])
        assert run.exit_code == 2
        assert run.stderr == (f"sharecard: {folder}/cover.svg.j2: template is a link to a "
                              "file outside the templates directory; refused\n")
    assert not (tmp_path / "out").exists()
    with pytest.raises(sharecard.ConfigError, match="template is a link to a file outside"):
        sharecard.render(SEED, templates=folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a Unix thing")
def test_a_fifo_in_a_template_folder_is_an_error_not_a_hang(tmp_path):
    folder = _template_folder(tmp_path)
    os.mkfifo(folder / "cover.svg.j2")
    run = run_cli(["render", str(SEED), "--templates", str(folder), "-o", str(tmp_path / "o")])
    assert run.exit_code == 2
    assert run.stderr == (f"sharecard: {folder}/cover.svg.j2: template is not a regular "
                          "file (a device, FIFO or socket); refused\n")


SHIPPED = ROOT / "fonts" / "Inter-Bold.otf"


@pytest.mark.parametrize(("damage", "problem"), [
    ("truncated", "damaged font: unexpected end of 'GPOS' table data"),
    ("flipped", "damaged font: table 'CFF ' fails its checksum"),
    ("not a font", "damaged font: Not a TrueType or OpenType font"),
])
def test_a_damaged_font_is_refused_in_one_line(tmp_path, damage, problem):
    data = bytearray(SHIPPED.read_bytes())
    if damage == "truncated":
        data = data[:200_000]
    elif damage == "flipped":
        data[100_000] ^= 0xFF  # inside the CFF table: only its checksum can tell
    else:
        data = bytearray(b"PK\x03\x04 not a font at all" * 50)
    font = tmp_path / "house.otf"
    font.write_bytes(bytes(data))
    run = run_cli(["render", str(SEED), "--font", str(font), "-o", str(tmp_path / "out")])
    assert run.exit_code == 2, run.stderr
    assert run.stderr.startswith(f"sharecard: house.otf: {problem}"), run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()
    with pytest.raises(sharecard.ConfigError, match=r"house\.otf: damaged font"):
        sharecard.render(SEED, fonts=[font])


def test_every_font_we_ship_or_test_with_passes_the_check(tmp_path):
    folder = tmp_path / "fonts"
    folder.mkdir()
    for path in [*(ROOT / "fonts").glob("*.?tf"), *(ROOT / "tests/data/fonts").glob("*.ttf")]:
        shutil.copy(path, folder / path.name)
    assert sharecard.render(SEED, fonts=[folder])[:4] == b"\x89PNG"


BIG = json.dumps({"headline": "Rates hold", "bullets": [f"b{i}" for i in range(51)]})


def test_a_briefing_over_the_limits_is_refused_by_every_way_in(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(BIG)
    for command in ("render", "parse", "blurb", "preview", "carousel"):
        out = tmp_path / (f"{command}.png" if command == "preview" else command)
        run = run_cli([command, str(path), "-o", str(out)]
                      if command not in ("parse", "blurb") else [command, str(path)])
        assert run.exit_code == 2, (command, run.stderr)
        assert run.stderr == (f"sharecard: {path}: 51 bullets, over the limit of 50 (raise "
                              "it with --max-bullets)\n"), command
    with pytest.raises(sharecard.BriefingTooLarge, match=r"^<text>: 51 bullets, over the "
                                                         r"limit of 50$"):
        sharecard.render(BIG)
    assert sharecard.render(BIG, limits=sharecard.InputLimits(max_bullets=51))[:4] == \
        b"\x89PNG"
    run = run_cli(["render", str(path), "--max-bullets", "51", "-o", str(tmp_path / "ok")])
    assert run.exit_code == 0, run.stderr


@pytest.mark.parametrize(("briefing", "message"), [
    ({"headline": "x" * 20_001}, "the headline has 20,001 characters, over the limit of "
                                 "20,000 (raise it with --max-field-chars)"),
    ({"headline": "Rates", "sections": [{"heading": "Why?", "body": "y " * 6_000}] * 20},
     "240,065 characters of text, over the limit of 200,000 (raise it with "
     "--max-text-chars)"),
    ({"headline": "Rates", "sections": [{"heading": "h", "body": "b"}] * 101},
     "101 sections, over the limit of 100 (raise it with --max-sections)"),
])
def test_every_limit_names_its_option(tmp_path, briefing, message):
    path = tmp_path / "b.json"
    path.write_text(json.dumps(briefing))
    run = run_cli(["parse", str(path)])
    assert run.exit_code == 2
    assert run.stderr == f"sharecard: {path}: {message}\n"
