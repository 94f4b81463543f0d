"""Themes: WCAG contrast maths, AA for every text colour, brand colours and logos."""

from __future__ import annotations

import base64
import struct
import zlib

import pytest

from sharecard.cards.themes import (
    AA_NORMAL,
    BUILTIN_THEMES,
    contrast_ratio,
    ensure_contrast,
    load_logo,
    logo_from_bytes,
    make_theme,
    parse_colour,
)
from sharecard.errors import ConfigError


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # WebAIM's checker: #767676 on white is the lightest grey that passes AA (4.54:1).
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#FFFFFF") < AA_NORMAL


@pytest.mark.parametrize("name", sorted(BUILTIN_THEMES))
def test_builtin_theme_text_meets_aa(name):
    theme = make_theme(name)
    for role, colour in theme.text_colours.items():
        ratio = contrast_ratio(colour, theme.background)
        assert ratio >= AA_NORMAL, f"{name} {role} {colour} is {ratio:.2f}:1"
    assert not theme.notes, "built-in themes must not need adjusting"


def test_a_pale_brand_accent_is_darkened_for_text_only():
    theme = make_theme("light", colours={"accent": "#FFD54F"})  # a yellow: 1.5:1 on paper
    assert theme.accent == "#FFD54F"  # decoration keeps the brand colour
    assert contrast_ratio(theme.kicker, theme.background) >= AA_NORMAL
    assert [n.code for n in theme.notes] == ["contrast-adjusted"]


def test_a_low_contrast_body_colour_is_adjusted_on_dark():
    theme = make_theme("dark", colours={"muted": "#333333"})
    assert contrast_ratio(theme.muted, theme.background) >= AA_NORMAL


def test_ensure_contrast_leaves_good_colours_alone():
    assert ensure_contrast("#111111", "#FFFFFF") == "#111111"


@pytest.mark.parametrize("bad", ["red", "#12345", "#GGGGGG", ""])
def test_bad_colours_are_config_errors(bad):
    with pytest.raises(ConfigError, match="hex colour"):
        parse_colour(bad)


def test_unknown_theme_and_role_list_the_valid_ones():
    with pytest.raises(ConfigError, match="valid themes: light, dark"):
        make_theme("sepia")
    with pytest.raises(ConfigError, match="valid colours: background"):
        make_theme("light", colours={"link": "#000000"})


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def test_png_logo_becomes_a_data_uri_with_its_aspect(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(_png(40, 10))
    logo = load_logo(path)
    assert logo.aspect == 4.0
    assert logo.data_uri.startswith("data:image/png;base64,")
    assert base64.b64decode(logo.data_uri.split(",", 1)[1]) == path.read_bytes()
    assert logo.source == "logo.png"  # a name, never a path of this machine


def test_a_logo_from_bytes_is_the_logo_from_its_file(tmp_path):
    for name, data in (("logo.png", _png(40, 10)),
                       ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" '
                                    b'viewBox="0 0 300 100"/>')):
        path = tmp_path / name
        path.write_bytes(data)
        from_file, from_bytes = load_logo(path), logo_from_bytes(data, name)
        assert from_bytes == from_file
        assert logo_from_bytes(data).source == "logo"


def test_a_logo_from_bytes_is_held_to_the_same_caps():
    with pytest.raises(ConfigError, match=r"upload: logo image is 5000×4000 pixels, over the "
                                          r"limit of 4096×4096"):
        logo_from_bytes(_png(5000, 4000), "upload")
    with pytest.raises(ConfigError, match="logo is 2,000 bytes, over the limit of 1,000"):
        logo_from_bytes(b"<svg" + b" " * 1996, max_bytes=1000)
    with pytest.raises(ConfigError, match="logo must be an SVG or PNG"):
        logo_from_bytes(b"GIF89a....")
    with pytest.raises(ConfigError, match="logo is not well-formed SVG"):
        logo_from_bytes(b"<svg unclosed")


def test_svg_logo_aspect_from_viewbox(tmp_path):
    path = tmp_path / "logo.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"/>')
    assert load_logo(path).aspect == 3.0


def test_missing_or_wrong_logo_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="logo file not found"):
        load_logo(tmp_path / "nope.svg")
    bad = tmp_path / "logo.gif"
    bad.write_bytes(b"GIF89a....")
    with pytest.raises(ConfigError, match="SVG or PNG"):
        load_logo(bad)


@pytest.mark.parametrize(
    "attrs", ['viewBox="0 0 wide tall"', 'width="auto" height="auto"', 'viewBox="0 0 1e999 1"']
)
def test_unreadable_svg_logo_size_is_a_config_error(tmp_path, attrs):
    path = tmp_path / "logo.svg"
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {attrs}/>')
    with pytest.raises(ConfigError, match="neither a viewBox nor width and height"):
        load_logo(path)
