"""Images sharecard is given (issue 9, item 2): a logo's file size is checked before it is
read and a PNG's pixel count from its header before it is decoded; images embedded in a
card as data: URIs get the same pixel cap when drawn. Each refusal is one line (logo) or
a manifest warning (an image in a template's SVG), and a refused run stays small."""

from __future__ import annotations

import base64
import gzip
import io
import json
import os
from pathlib import Path

import pytest
from PIL import Image

from sharecard.cards.themes import load_logo
from sharecard.errors import ConfigError
from sharecard.images import MAX_IMAGE_PIXELS, ImageRefused, check_image
from sharecard.raster import draw
from support.cli import run_cli
from support.pngs import bomb_png
from support.process import run_measured

SEED = Path(__file__).resolve().parent / "data" / "corpus" / "seed-putin-iran.txt"
MAX_REFUSED_RSS_MIB = 300


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("logos") / "bomb.png"
    path.write_bytes(bomb_png(20000, 20000))
    assert path.stat().st_size < 60_000
    return path


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (width, height), 0).save(buf, "PNG", optimize=True)
    return buf.getvalue()


def test_the_issue_case_a_48kb_20000_square_png_logo_is_refused_small(bomb, tmp_path):
    out = tmp_path / "out"
    run = run_measured(["render", str(SEED), "--logo", str(bomb), "-o", str(out),
                        "--preset", "og"])
    assert run.exit_code == 2
    assert run.stderr == (f"sharecard: {bomb}: logo image has 400,000,000 pixels, over the "
                          "limit of 4096×4096 (16,777,216 pixels)\n")
    assert not out.exists()
    assert run.max_rss_mib < MAX_REFUSED_RSS_MIB, run.max_rss_mib


def test_a_30000_square_logo_is_one_line_not_a_memory_error(tmp_path):
    logo = tmp_path / "bigger.png"
    logo.write_bytes(bomb_png(30000, 30000))
    run = run_cli(["render", str(SEED), "--logo", str(logo), "-o", str(tmp_path / "out")])
    assert run.exit_code == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip().endswith("logo image has 900,000,000 pixels, over the limit of "
                                       "4096×4096 (16,777,216 pixels)")


def test_a_logo_just_over_the_cap_names_its_size(tmp_path):
    logo = tmp_path / "wide.png"
    logo.write_bytes(_png(5000, 4000))
    with pytest.raises(ConfigError, match="logo image is 5000×4000 pixels, over the limit"):
        load_logo(logo)
    ok = tmp_path / "ok.png"
    ok.write_bytes(_png(4096, 4096))
    assert load_logo(ok).aspect == 1.0


def test_a_3gb_logo_is_refused_from_its_size_before_reading(tmp_path):
    logo = tmp_path / "huge.png"
    with logo.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: no disk used
    run = run_measured(["render", str(SEED), "--logo", str(logo), "-o", str(tmp_path / "o")])
    assert run.exit_code == 2
    assert run.stderr == f"sharecard: {logo}: logo file is larger than 1 MB\n"
    assert run.max_rss_mib < MAX_REFUSED_RSS_MIB, run.max_rss_mib


def test_a_fifo_or_a_device_as_logo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "logo.png"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        run = run_measured(["render", str(SEED), "--logo", str(path), "-o",
                            str(tmp_path / "o")], timeout=120)
        assert run.exit_code == 2
        assert run.stderr == (f"sharecard: {path}: logo is not a regular file (a device, "
                              "FIFO or socket); refused\n")


def test_check_image_reads_headers_only():
    assert check_image(_png(64, 32)).pixels == 2048
    with pytest.raises(ImageRefused, match="not a PNG, JPEG, GIF or WebP"):
        check_image(b"GIF87a" + b"\x00" * 3)
    with pytest.raises(ImageRefused, match="over the limit"):
        check_image(bomb_png(4097, 4096))
    assert check_image(bomb_png(4096, 4096)).pixels == MAX_IMAGE_PIXELS


def _svg(body: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">{body}</svg>'


def _data(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def test_a_pixel_bomb_inside_a_cards_svg_is_not_decoded():
    bomb_uri = _data("image/png", bomb_png(20000, 20000))
    _, notes = draw(_svg(f'<image href="{bomb_uri}" width="200" height="100"/>'),
                        width=200, height=100)
    assert [(n.code, n.detail) for n in notes] == [(
        "image-refused",
        "image has 400,000,000 pixels, over the limit of 4096×4096 (16,777,216 pixels)")]
    # Nested: the bomb inside an SVG inside the card is caught the same way.
    nested = _data("image/svg+xml", _svg(f'<image href="{bomb_uri}" width="9" height="9"/>')
                   .encode())
    _, notes = draw(_svg(f'<image href="{nested}" width="200" height="100"/>'),
                    width=200, height=100)
    assert [n.code for n in notes] == ["image-refused"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (f'<image href="{_data("image/svg+xml", gzip.compress(b"<svg/>"))}" width="9" '
         'height="9"/>', "a compressed (gzip) image"),
        ('<image href="data:image/png;base64,AAAAAAAAAAAA" width="9" height="9"/>',
         "not a PNG, JPEG, GIF or WebP image"),
        ('<image href="data:image/svg+xml,%3Csvg%20%3C%3C" width="9" height="9"/>',
         "an embedded SVG that is not well-formed XML"),
        (f'<use href="{_data("image/png", bomb_png(8, 8))}#x"/>',
         "a <use> reference to something that is not SVG"),
    ],
)
def test_embedded_data_that_would_crash_the_drawing_is_a_warning(body, reason):
    image, notes = draw(_svg(body + '<rect x="50" width="10" height="10" fill="#f00"/>'),
                        width=200, height=100)
    assert [(n.code, n.detail) for n in notes] == [("image-refused", reason)]
    assert image.getpixel((55, 5))[:3] == (255, 0, 0)  # the rest of the card is drawn


def test_a_template_embedding_a_bomb_renders_with_a_warning(tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    uri = _data("image/png", bomb_png(20000, 20000))
    (folder / "cover.svg.j2").write_text(
        '{% extends "base.svg.j2" %}{% block content %}{{ footer() }}'
        f'<image href="{uri}" x="0" y="0" width="100" height="100"/>'
        "{% endblock %}")
    out = tmp_path / "out"
    run = run_measured(["render", str(SEED), "--templates", str(folder), "-o", str(out),
                        "--preset", "og"])
    assert run.exit_code == 0, run.stderr
    manifest = json.loads((out / "seed-putin-iran" / "manifest.json").read_text())
    assert "image-refused" in {w["code"] for w in manifest["warnings"]}
    assert run.max_rss_mib < MAX_REFUSED_RSS_MIB, run.max_rss_mib
