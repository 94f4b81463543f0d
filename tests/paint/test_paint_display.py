"""The display list a card records as its template prints holds everything its SVG draws,
and each op's SVG is the card's own for that content."""

from __future__ import annotations

import pytest

from cards.cardkit import CORPUS_NAMES, KINDS, cards_for, cover, quote_cards
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
    assert len(group.marks) == 2
    for marker in group.marks:
        (op,) = marker.display_ops()
        assert isinstance(op, Rect)
        assert op_svg(op) == marker.svg
    assert group.svg_fragment().startswith(group.marks[0].svg + group.marks[1].svg)


def test_picture_svg_is_the_footer_logo_form():
    op = Picture(60.5, 580.125, 72, 24, "data:image/png;base64,AAAA")
    assert op_svg(op) == ('<image x="60.50" y="580.12" width="72.00" height="24.00" '
                          'href="data:image/png;base64,AAAA" preserveAspectRatio="xMidYMid meet"/>')


def same_ops(got: DisplayList, want: DisplayList) -> None:
    """Op by op: the same kind, colour and text; glyphs with the same face, glyph id and
    size, at the same origin (to the SVG's 0.01 px)."""
    assert (got.width, got.height, got.background.lower()) == (
        want.width, want.height, want.background.lower())
    assert [type(op) for op in got.ops] == [type(op) for op in want.ops]
    for a, b in zip(got.ops, want.ops, strict=True):
        if isinstance(a, GlyphRun):
            assert (a.fill, a.label) == (b.fill, b.label)
            ga, gb = list(a.glyphs), list(b.glyphs)
            assert [(g.face.key, g.gid) for g in ga] == [(g.face.key, g.gid) for g in gb]
            for x, y in zip(ga, gb, strict=True):
                assert (x.x, x.y, x.size) == pytest.approx((y.x, y.y, y.size), abs=0.011)
        elif isinstance(a, Rect):
            assert a.fill.lower() == b.fill.lower()
            assert (a.x, a.y, a.width, a.height) == pytest.approx((b.x, b.y, b.width,
                                                                   b.height), abs=0.011)
        else:
            assert a == b


def glyph_free(display: DisplayList) -> DisplayList:
    """The list without the glyphs a font draws as nothing (spaces): the SVG writes
    nothing for them, so they cannot be read back."""
    def drawn(op):
        if not isinstance(op, GlyphRun):
            return op
        keep = tuple(g for g in op.glyphs
                     if (glyph_png(g.face, g.gid) if g.face.color else glyph_path(g.face, g.gid)))
        return GlyphRun((keep,), op.fill, op.label)

    return DisplayList(display.width, display.height, display.background,
                       tuple(drawn(op) for op in display.ops), display.label)


@pytest.mark.parametrize("preset", PRESETS_UNDER_TEST)
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_recorded_list_says_what_the_svg_says(name, preset):
    """Every card of the corpus (cover, sections, quote) records a display list, and it
    is the list the card's SVG artifact spells, read back the other way (the oracle),
    glyph by glyph; its own SVG draws the card's pixels."""
    for card in cards_for(name, preset):
        display = card.display
        assert display is not None, f"{card.name}: a built-in card must be paintable"
        runs = [op for op in display.ops if isinstance(op, GlyphRun)]
        drawn = [b for b in card.boxes if not b.empty]
        assert sorted(op.label for op in runs) == sorted(b.text for b in drawn)
        back = read_display_list(card.svg, glyph_index())
        assert back is not None
        same_ops(back, glyph_free(display))
    svg, display = card_display(name, preset)
    w, h = display.width, display.height
    assert diff_ratio(cairo_pixels(svg, w, h), cairo_pixels(to_svg(display), w, h),
                      threshold=8) == 0.0


def test_every_built_in_card_is_paintable():
    """At every preset, both themes, every kind: built-in templates print only through
    the canvas, so none of their cards falls back to CairoSVG."""
    for preset in PRESETS:
        for theme in ("light", "dark"):
            cards = cards_for("seed-putin-iran", preset, theme)
            quote = next(c for c in quote_cards("en-rates.txt", preset) if c.kind == "quote")
            assert {c.kind for c in (*cards, quote)} == {"cover", "section", "quote"}
            assert all(c.display is not None for c in (*cards, quote)), preset
    assert len(KINDS) == 3


def test_card_svg_is_built_only_when_asked_for():
    card = cover("fa-iran-russia", "og")
    assert card.drawing._svg is None or card.drawing._svg == card.svg
    fresh = cards_for("ja-boj-rates", "story")[0]
    assert fresh.display is not None
    assert "<?sc " in fresh.drawing._output  # tokens stood for what was printed
    assert "<?sc " not in fresh.svg and fresh.svg.count('role="img"') >= 3


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
