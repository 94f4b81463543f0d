"""Rasterizing: sizes and scale, formats, size caps, and an SVG that cannot make us
read files or the network (only data: URIs are served)."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from sharecard.raster import data_only_fetcher, decode_data_uri, draw, encode, rasterize

RED_PNG = base64.b64encode(
    (lambda b: b.getvalue())(
        (lambda buf: (Image.new("RGB", (4, 4), (255, 0, 0)).save(buf, "PNG"), buf)[1])(
            io.BytesIO()
        )
    )
).decode()


def _svg(body: str, w: int = 200, h: int = 100) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}">'
            f'<rect width="{w}" height="{h}" fill="#ffffff"/>{body}</svg>')


def test_scale_multiplies_pixels_not_layout():
    (one,) = rasterize(_svg('<rect x="10" y="10" width="20" height="20" fill="#000"/>'),
                       width=200, height=100)
    (two,) = rasterize(_svg('<rect x="10" y="10" width="20" height="20" fill="#000"/>'),
                       width=200, height=100, scale=2)
    a, b = Image.open(io.BytesIO(one.data)), Image.open(io.BytesIO(two.data))
    assert (a.size, b.size) == ((200, 100), (400, 200))
    assert a.getpixel((20, 20)) == (0, 0, 0) and b.getpixel((40, 40)) == (0, 0, 0)
    assert b.getpixel((70, 70)) == (255, 255, 255)


def test_opaque_cards_are_stored_as_rgb():
    image, _ = draw(_svg(""), width=200, height=100)
    assert image.mode == "RGB"
    transparent, _ = draw('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"/>',
                          width=20, height=20)
    assert transparent.mode == "RGBA"


def test_data_uri_images_are_drawn():
    svg = _svg(f'<image href="data:image/png;base64,{RED_PNG}" width="200" height="100"/>')
    image, notes = draw(svg, width=200, height=100)
    assert image.getpixel((100, 50)) == (255, 0, 0)
    assert notes == ()


@pytest.mark.parametrize(
    "ref",
    ["file:///etc/passwd", "/etc/hostname", "relative.png", "http://127.0.0.1:9/x.png",
     "https://example.com/x.svg"],
)
def test_other_references_are_refused_and_reported(ref, tmp_path):
    svg = _svg(f'<image href="{ref}" width="200" height="100"/>')
    image, notes = draw(svg, width=200, height=100)
    assert [n.code for n in notes] == ["blocked-url"]
    assert image.getpixel((100, 50)) == (255, 255, 255)
    assert "/etc" not in notes[0].detail and str(tmp_path) not in notes[0].detail


@pytest.mark.parametrize(
    "body",
    ['<style>@import "file:///etc/passwd";</style>',
     "<style>@import url(file:///etc/passwd);</style>",
     '<use href="file:///etc/passwd#x"/>'],
)
def test_css_imports_and_uses_are_refused(body):
    _, notes = draw(_svg(body), width=200, height=100)
    assert [n.detail for n in notes] == ["file: URL"]


def test_fetcher_serves_only_data_uris():
    refused: list[str] = []
    fetch = data_only_fetcher(refused)
    assert fetch("data:text/plain,hi%20there", "text/css") == b"hi there"
    assert fetch("file:///etc/passwd", "image/png") == b""
    assert refused == ["file:///etc/passwd"]
    assert decode_data_uri("data:;base64,aGk=") == b"hi"


def test_xml_entities_are_not_expanded():
    svg = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text>'
           "</svg>")
    with pytest.raises(Exception):  # noqa: B017 - CairoSVG refuses entities outright
        draw(svg, width=10, height=10)


def _noisy(w: int = 600, h: int = 400) -> Image.Image:
    return Image.effect_noise((w, h), 120).convert("RGB")


def test_png_over_the_cap_falls_back_to_a_palette():
    image = _noisy()
    full, _ = encode(image, "png")
    small, notes = encode(image, "png", max_bytes=len(full) // 2)
    assert Image.open(io.BytesIO(small)).mode == "P"
    assert "palette" in [n.code for n in notes]


def test_jpeg_steps_quality_down_to_fit():
    image = _noisy()
    best, _ = encode(image, "jpeg")
    fitted, notes = encode(image, "jpeg", max_bytes=int(len(best) * 0.7))
    assert len(fitted) <= len(best) * 0.7
    assert [n.code for n in notes] == ["quality-reduced"]


def test_what_cannot_fit_is_reported():
    _, notes = encode(_noisy(), "webp", max_bytes=100)
    assert "over-size-cap" in [n.code for n in notes]


def test_encoding_is_deterministic():
    image, _ = draw(_svg('<circle cx="100" cy="50" r="40" fill="#B4232A"/>'),
                    width=200, height=100)
    for fmt in ("png", "jpeg", "webp"):
        assert encode(image, fmt)[0] == encode(image, fmt)[0]
