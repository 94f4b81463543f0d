"""The display list holds everything a card draws, and its SVG is the template path's."""

from __future__ import annotations

import pytest

from cards.cardkit import CORPUS_NAMES, cover
from paint.paintkit import (
    PRESETS_UNDER_TEST,
    cairo_pixels,
    card_display,
    glyph_index,
    set_run,
    typeset_card,
)
from sharecard.cards.canvas import Canvas
from sharecard.cards.presets import PRESETS
from sharecard.cards.themes import make_theme
from sharecard.paint.display import DisplayList, GlyphRun, Picture, Rect, moved, op_svg, to_svg
from sharecard.paint.svgread import read_display_list
from sharecard.typeset.outlines import glyph_path, glyph_png
from support.pixeldiff import diff_ratio


@pytest.mark.parametrize("text", [
    "Putin, Iran deepen military coordination",
    "ایران و روسیه همکاری نظامی را گسترش می‌دهند",
    "日銀、追加利上げを決定 <&> \"quoted\"",
    "Breaking 📰 markets rally 📈 👍🏽",
])
def test_glyph_run_svg_is_the_text_box_svg(ts, text):
    box, op = set_run(ts, text, "#121417", x=10, y=20, width=500, height=200, size=(20, 40),
                      max_lines=3)
    assert box.lines
    assert op_svg(op) == box.svg


def test_rect_svg_is_the_canvas_bullet_marker(ts):
    canvas = Canvas(ts, PRESETS["og"], make_theme("light"))
    group = canvas.bullets(["One point", "Another point"], x=60, y=100, width=600, height=300,
                           size=24)
    markers = "".join(m.svg for m in group.marks).split("/>")[:-1]
    assert len(markers) == 2
    for marker in markers:
        attrs = dict(part.split('="') for part in marker.removeprefix("<rect ").rstrip('"')
                     .split('" '))
        rect = Rect(float(attrs["x"]), float(attrs["y"]), float(attrs["width"]),
                    float(attrs["height"]), attrs["fill"])
        assert op_svg(rect) == marker + "/>"


def test_picture_svg_is_the_footer_logo_form():
    op = Picture(60.5, 580.125, 72, 24, "data:image/png;base64,AAAA")
    assert op_svg(op) == ('<image x="60.50" y="580.12" width="72.00" height="24.00" '
                          'href="data:image/png;base64,AAAA" preserveAspectRatio="xMidYMid meet"/>')


@pytest.mark.parametrize("preset", PRESETS_UNDER_TEST)
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_card_read_back_draws_exactly_the_template_svg(name, preset):
    """Everything a built-in cover draws is in its display list: the list's own SVG is
    drawn by CairoSVG to the very same pixels as the template's."""
    svg, display = card_display(name, preset)
    card = cover(name, preset)
    assert (display.width, display.height) == (card.preset.width, card.preset.height)
    runs = [op for op in display.ops if isinstance(op, GlyphRun)]
    drawn = [b for b in card.boxes if not b.empty]
    assert len(runs) == len(drawn)
    assert sorted(op.label for op in runs) == sorted(b.text for b in drawn)
    w, h = display.width, display.height
    assert diff_ratio(cairo_pixels(svg, w, h), cairo_pixels(to_svg(display), w, h),
                      threshold=0) == 0.0


def test_read_back_keeps_glyph_identity(ts):
    """Each drawn glyph (blank ones write nothing) comes back as the same face, glyph id,
    origin and size."""
    box, op = set_run(ts, "Quarterly 📈 results, ایران", "#2a2e35", x=12.5, y=40, width=400,
                      height=100, size=28, max_lines=2)
    doc = to_svg(DisplayList(420, 140, "#ffffff", (op,)))
    back = read_display_list(doc, glyph_index())
    assert back is not None
    (got,) = back.ops
    want = [g for line in box.glyphs for g in line
            if (glyph_png(g.face, g.gid) if g.face.color else glyph_path(g.face, g.gid))]
    assert any(g.face.color for g in want) and len(want) > 20
    assert len(list(got.glyphs)) == len(want)
    for a, b in zip(got.glyphs, want, strict=True):
        assert (a.face.key, a.gid) == (b.face.key, b.gid)
        assert a.x == pytest.approx(b.x, abs=0.01)
        assert a.y == pytest.approx(b.y, abs=0.01)
        assert a.size == pytest.approx(b.size, abs=0.01)


@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
    'height="10" fill="#ffffff"/><text x="1" y="9">hi</text></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
    'height="10" fill="url(#g)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
    'height="10" fill="#ffffff"/><rect x="1" y="1" width="2" height="2" fill="#000000" '
    'stroke="#ff0000"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
    'height="10" fill="#ffffff"/><g transform="rotate(45)"><rect width="2" height="2" '
    'fill="#000000"/></g></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
    'height="10" fill="#ffffff"/><path d="M0 0L5 5Z" fill="#000000"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
    'height="10" fill="#ffffff"/><image width="5" height="5" href="file:///etc/x.png"/></svg>',
    # transparent: no background painted
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="4" '
    'height="4" fill="#000000"/></svg>',
    "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect",
])
def test_what_a_display_list_cannot_say_falls_back(svg):
    assert read_display_list(svg, glyph_index()) is None


def test_palette_and_images(ts):
    plain = typeset_card(ts)
    assert plain.colours == ("#faf8f4", "#b4232a", "#121417", "#2a2e35", "#d9d4ca")
    assert not plain.has_images
    assert typeset_card(ts, emoji=True).has_images
    assert typeset_card(ts, logo=True).has_images


def test_moved_ops_shift_every_coordinate(ts):
    _, op = set_run(ts, "Moved", "#000000", x=10, y=10, width=200, height=60, size=20,
                    max_lines=1)
    shifted = moved(op, 5, -3)
    for a, b in zip(shifted.glyphs, op.glyphs, strict=True):
        assert (a.x, a.y) == (b.x + 5, b.y - 3)
    assert moved(Rect(1, 2, 3, 4, "#000000"), 1, 1) == Rect(2, 3, 3, 4, "#000000")
