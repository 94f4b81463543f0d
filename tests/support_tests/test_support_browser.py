"""Chromium screenshots agree with CairoSVG on a plain SVG, and the check can fail."""

from __future__ import annotations

import io

import cairosvg
import pytest
from PIL import Image

from support import browser
from support.browser import (
    SENTINEL,
    Chromium,
    ScreenshotError,
    check_screenshot,
    chromium_screenshot,
)
from support.pixeldiff import assert_similar, diff_ratio

W, H = 400, 300


def shapes_svg(red_x: int = 20) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}">'
        f'<rect width="{W}" height="{H}" fill="#f4efe6"/>'
        f'<rect x="{red_x}" y="30" width="150" height="90" fill="#c0392b"/>'
        '<rect x="200" y="60" width="120" height="200" fill="#2c7be5" opacity="0.7"/>'
        '<circle cx="100" cy="220" r="50" fill="#27ae60"/>'
        "</svg>"
    )


def cairo_png(svg: str) -> bytes:
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"))


@pytest.fixture(scope="module")
def shot(chromium: str) -> bytes:
    return chromium_screenshot(shapes_svg(), W, H)


def test_screenshot_is_exact_size_png(shot: bytes) -> None:
    image = Image.open(io.BytesIO(shot))
    assert image.format == "PNG"
    assert image.size == (W, H)
    assert image.convert("RGB").getpixel((W - 1, H - 1)) == (0xF4, 0xEF, 0xE6)


def test_matches_cairosvg(shot: bytes) -> None:
    assert_similar(cairo_png(shapes_svg()), shot, max_ratio=0.01, name="shapes")


def test_shifted_rectangle_fails(shot: bytes) -> None:
    moved = cairo_png(shapes_svg(red_x=40))  # 20 px x 90 px on each side: 3 % of pixels
    assert diff_ratio(moved, shot) > 0.01
    with pytest.raises(AssertionError, match="pixels differ"):
        assert_similar(moved, shot, max_ratio=0.01)


def test_transparent_svg_shows_white(chromium: str) -> None:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}">'
        '<rect x="10" y="10" width="50" height="50" fill="#000"/></svg>'
    )
    got = chromium_screenshot(svg, W, H)
    assert_similar(cairo_png(svg), got, max_ratio=0.001, name="transparent")
    assert Image.open(io.BytesIO(got)).convert("RGB").getpixel((200, 200)) == (255, 255, 255)


def test_untrusted_markup_stays_inside_the_image(chromium: str) -> None:
    # The SVG travels base64-encoded in a data: URL, so nothing in it can end the <img>.
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}">'
        '<rect width="100%" height="100%" fill="#fff"/>'
        '<desc><![CDATA["></div><p>x</p>]]></desc></svg>'
    )
    got = chromium_screenshot(svg, W, H)
    assert diff_ratio(cairo_png(svg), got, threshold=0) == 0.0


def encoded(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def test_check_screenshot_rejects_wrong_size() -> None:
    with pytest.raises(ScreenshotError, match="expected"):
        check_screenshot(encoded(Image.new("RGB", (W - 15, H), "white")), W, H)


def test_check_screenshot_rejects_page_background() -> None:
    image = Image.new("RGB", (W, H), "white")
    image.paste(SENTINEL, (0, H - 3, W, H))  # window taller than the content box
    with pytest.raises(ScreenshotError, match="page background"):
        check_screenshot(encoded(image), W, H)


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect',  # not XML
        '<svg width="10" height="10"><rect width="5" height="5"/></svg>',  # no xmlns
    ],
    ids=["truncated", "no-xmlns"],
)
def test_undrawable_svg_is_an_error(svg: str, chromium: str) -> None:
    # A standalone .svg needs well-formed XML and the SVG namespace in a browser; a blank
    # white screenshot must never pass for a render.
    with pytest.raises(ScreenshotError, match="could not draw"):
        chromium_screenshot(svg, 50, 50)


def test_dead_browser_is_replaced(chromium: str) -> None:
    chromium_screenshot(shapes_svg(), W, H)
    assert browser._shared is not None
    browser._shared.close()  # as if it crashed
    assert not browser._shared.alive
    assert_similar(cairo_png(shapes_svg()), chromium_screenshot(shapes_svg(), W, H))


def test_own_session_matches_shared(shot: bytes, chromium: str) -> None:
    with Chromium() as own:
        again = own.screenshot(shapes_svg(), W, H)
        assert own.alive
    assert not own.alive
    assert diff_ratio(shot, again, threshold=0) == 0.0  # same browser, same pixels


def test_missing_browser_fails_unless_skip_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "chromium_binary", lambda: None)
    monkeypatch.delenv("SHARECARD_ALLOW_SKIP", raising=False)
    with pytest.raises(pytest.fail.Exception, match="Chromium not found"):
        browser.require_chromium()
    monkeypatch.setenv("SHARECARD_ALLOW_SKIP", "1")
    with pytest.raises(pytest.skip.Exception):
        browser.require_chromium()
