"""The fast path draws what CairoSVG and Chromium draw from the same card's SVG: every
fast-path PNG at most 1 % of pixels off by more than 64/255 (the browser-diff tolerance),
on every corpus cover at three presets, a section and a quote card, and on cards with
colour emoji, a logo, and at scale 2."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
import pytest
import uharfbuzz as hb
from PIL import Image

from cards.cardkit import CORPUS_NAMES, cover
from paint.paintkit import (
    PRESETS_UNDER_TEST,
    cairo_pixels,
    card_display,
    other_card,
    typeset_card,
)
from sharecard.cards.render import RenderedCard
from sharecard.paint import native
from sharecard.paint.display import DisplayList, GlyphRun, Picture, to_svg
from sharecard.raster import rasterize_card
from sharecard.typeset.fonts import load_face
from sharecard.typeset.layout import Placed
from support.browser import chromium_screenshot
from support.pixeldiff import assert_similar, diff_ratio


def fast_png_matches(card: RenderedCard) -> None:
    """The PNG the fast path writes for `card`, held to CairoSVG and to Chromium drawing
    the card's SVG."""
    assert card.display is not None
    (raster,) = rasterize_card(card)
    fast = Image.open(io.BytesIO(raster.data))
    w, h = card.width, card.height
    assert fast.size == (w, h) and fast.mode == "P"  # indexed: the fast path's PNG
    assert_similar(raster.data, cairo_pixels(card.svg, w, h), name=f"fast-{card.name}-cairosvg")
    assert_similar(raster.data, chromium_screenshot(card.svg, w, h),
                   name=f"fast-{card.name}-chromium")


@pytest.mark.parametrize("preset", PRESETS_UNDER_TEST)
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_cover_matches_cairosvg_and_chromium(name, preset, chromium):
    fast_png_matches(cover(name, preset))


@pytest.mark.parametrize("kind", ["section", "quote"])
@pytest.mark.parametrize("name", ["seed-putin-iran", "fa-iran-russia", "ja-boj-rates"])
def test_section_and_quote_match_cairosvg_and_chromium(name, kind, chromium):
    fast_png_matches(other_card(name, "og" if kind == "section" else "square", kind))


def test_emoji_and_logo_are_drawn_as_images(ts, chromium):
    display = typeset_card(ts, emoji=True, logo=True)
    svg = to_svg(display)
    fast = native.draw(display)
    assert_similar(fast, cairo_pixels(svg, 600, 320), name="native-emoji-logo-vs-cairosvg")
    assert_similar(fast, chromium_screenshot(svg, 600, 320), name="native-emoji-logo-vs-chromium")
    pixels = np.asarray(fast).astype(int)
    emoji_row = pixels[258:298, 30:430]
    saturation = emoji_row.max(axis=2) - emoji_row.min(axis=2)
    assert (saturation > 80).sum() > 200  # colour bitmaps, not grey outlines
    logo = display.ops[-1]
    assert isinstance(logo, Picture)
    cx, cy = int(logo.x + logo.width / 2), int(logo.y + logo.height / 2)
    assert tuple(pixels[cy, cx - 10]) == (240, 200, 30)  # left half of the logo
    assert tuple(pixels[cy, cx + 10]) == (20, 90, 200)  # right half


@pytest.mark.parametrize("view_box", [True, False])
def test_svg_logo_is_drawn_as_chromium_draws_it(view_box, chromium):
    """An SVG logo fills its box. CairoSVG draws an ``<image>`` SVG that has no viewBox at
    its own 20×10 px instead of scaling it (Chromium scales it); the native drawer
    follows Chromium, so this compares with Chromium."""
    box = ' viewBox="0 0 20 10"' if view_box else ""
    logo = (f'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"{box}>'
            '<rect width="20" height="10" fill="#00a000"/></svg>')
    uri = "data:image/svg+xml;base64," + base64.b64encode(logo.encode()).decode()
    display = DisplayList(100, 60, "#ffffff", (Picture(10, 10, 80, 40, uri),))
    fast = native.draw(display)
    assert fast.getpixel((50, 30)) == (0, 160, 0)
    assert fast.getpixel((85, 45)) == (0, 160, 0)
    assert fast.getpixel((5, 5)) == (255, 255, 255)
    assert_similar(fast, chromium_screenshot(to_svg(display), 100, 60), name="native-svg-logo")
    if view_box:
        assert_similar(fast, cairo_pixels(to_svg(display), 100, 60), name="native-svg-logo-c")


def test_scale_two_matches_cairosvg_at_scale_two():
    svg, display = card_display("seed-putin-iran", "og")
    fast = native.draw(display, scale=2)
    assert fast.size == (2400, 1260)
    assert_similar(fast, cairo_pixels(svg, 1200, 630, scale=2), name="native-seed-og-x2")


def test_drawing_is_deterministic():
    _, display = card_display("ja-boj-rates", "og")
    assert native.draw(display).tobytes() == native.draw(display).tobytes()


def test_a_misplaced_glyph_run_is_caught():
    """The tolerance is not loose enough to hide a text box drawn 3 px off."""
    from sharecard.paint.display import GlyphRun, moved
    from sharecard.records import replace

    svg, display = card_display("seed-putin-iran", "og")
    shifted = replace(display, ops=tuple(moved(op, 3, 0) if isinstance(op, GlyphRun) else op
                                         for op in display.ops))
    assert diff_ratio(native.draw(shifted), cairo_pixels(svg, 1200, 630)) > 0.01


def test_undecodable_picture_draws_nothing():
    display = DisplayList(20, 20, "#ffffff", (Picture(0, 0, 20, 20, "data:image/png;base64,AA"),))
    buf = io.BytesIO()
    native.draw(display).save(buf, "PNG")
    assert Image.open(buf).getextrema() == ((255, 255),) * 3


def test_drawing_writes_nothing_to_stderr(tmp_path):
    """Skia's bundled fontconfig warns about newer system configs: the drawer keeps it
    away from them, so a CLI run prints only its own one-line errors."""
    import subprocess
    import sys

    code = ("from sharecard.paint import native; from sharecard.paint.display import *; "
            "from sharecard.typeset import Typesetter; ts = Typesetter(); "
            "b = ts.text_box('Hi 日本 ایران', x=0, y=0, width=300, height=50, size=20, "
            "max_lines=1); native.draw(DisplayList(300, 50, '#ffffff', "
            "(GlyphRun(b.glyphs, '#000000', 'Hi'),))).save(__import__('sys').argv[1])")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "a.png")],
                          capture_output=True, text=True, check=True)
    assert done.stderr == ""
    assert Image.open(tmp_path / "a.png").getextrema() != ((255, 255),) * 3


def test_the_fast_path_does_not_import_numpy():
    """numpy's import alone costs a cold start more than drawing a card."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-X", "importtime", "-c",
                           "import sharecard.paint.native, sharecard.paint.png"],
                          capture_output=True, text=True, check=True)
    modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
               if line.startswith("import time:")}
    assert "skia" in modules and "zlib_ng" in modules
    assert "numpy" not in modules


VARIABLE_FONT = Path(__file__).resolve().parents[1] / "data" / "fonts" / \
    "NotoSansArabic-Variable-subset.ttf"


def variable_run(weight: int | None) -> DisplayList:
    """One line of Persian in a variable font at `weight` (None: its default instance),
    placed as HarfBuzz shapes it."""
    face = load_face(VARIABLE_FONT, 0, origin="user", weight=weight)
    buffer = hb.Buffer()
    buffer.add_str("ایران و روسیه همکاری نظامی")
    buffer.guess_segment_properties()
    hb.shape(face.hb_font, buffer)
    size, x, placed = 44.0, 20.0, []
    scale = size / face.upem
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        placed.append(Placed(face, info.codepoint, x + position.x_offset * scale,
                             80 - position.y_offset * scale, size))
        x += position.x_advance * scale
    return DisplayList(640, 120, "#ffffff", (GlyphRun((tuple(placed),), "#111111", "t"),), "t")


@pytest.mark.parametrize("weight", [None, 300, 700, 900])
def test_a_variable_font_is_drawn_at_the_weight_it_was_set_at(weight):
    """Skia draws a variable font's default instance unless told the axis value: the
    SVG's outlines (HarfBuzz's, at the weight set) would be bold and the PNG regular."""
    display = variable_run(weight)
    fast = native.draw(display)
    assert diff_ratio(fast, cairo_pixels(to_svg(display), 640, 120)) <= 0.01
    ink = (255 - np.asarray(fast.convert("L"), float)).sum()
    regular = (255 - np.asarray(native.draw(variable_run(None)).convert("L"), float)).sum()
    if weight and weight > 400:
        assert ink > 1.3 * regular  # visibly bolder, not the default instance
    elif weight and weight < 400:
        assert ink < 0.9 * regular


def test_a_face_pickles_by_reference_at_its_weight():
    """The drawing helper receives faces pickled: the same file, face and weight axis,
    loaded there, so its pixels are these."""
    import pickle

    display = variable_run(700)
    back = pickle.loads(pickle.dumps(display))
    face = display.ops[0].lines[0][0].face
    again = back.ops[0].lines[0][0].face
    assert (again.path, again.index, again.wght, again.origin) == \
        (face.path, face.index, 700, "user")
    assert np.array_equal(np.asarray(native.draw(back)), np.asarray(native.draw(display)))
