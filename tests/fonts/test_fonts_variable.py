"""A variable font is set at the weight asked for, as a browser sets ``font-weight`` on
one: a user's single variable file gives a regular and a bold, and both the SVG and the
fast path draw the bold bold."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from paint.paintkit import cairo_pixels, set_run
from sharecard.paint import native
from sharecard.paint.display import DisplayList, to_svg
from sharecard.typeset import Typesetter
from sharecard.typeset.fonts import FontLibrary

VARIABLE = Path(__file__).resolve().parents[1] / "data" / "fonts" / \
    "NotoSansArabic-Variable-subset.ttf"
TEXT = "ایران و روسیه همکاری نظامی"


def library() -> FontLibrary:
    return FontLibrary.load([], [VARIABLE], system=False)


def test_a_variable_user_font_gives_every_weight():
    fonts = library()
    (family,) = fonts.families
    regular, bold, light = (fonts.face(family, w) for w in (400, 700, 300))
    assert (regular.wght, bold.wght, light.wght) == (None, 700, 300)
    assert (bold.weight, bold.origin) == (700, "user") and fonts.face(family, 700) is bold
    assert fonts.face(family, 1000).wght == 900  # clamped to the axis, as CSS does
    gid = regular.hb_font.get_nominal_glyph(ord("ه"))
    width = [f.extents(gid)[2] - f.extents(gid)[0] for f in (light, regular, bold)]
    assert width[0] < width[1] < width[2]  # heavier strokes, wider ink


def ink(weight: str) -> tuple[float, float]:
    """Ink of one line set in `weight`, as the fast path and as CairoSVG draw it."""
    _, run = set_run(Typesetter(library()), TEXT, "#111111", x=10, y=10, width=620,
                     height=100, size=40, max_lines=1, weight=weight, language="fa")
    display = DisplayList(640, 120, "#ffffff", (run,), "t")
    fast = np.asarray(native.draw(display).convert("L"), float)
    reference = np.asarray(cairo_pixels(to_svg(display), 640, 120).convert("L"), float)
    return (255 - fast).sum(), (255 - reference).sum()


def test_bold_in_a_variable_font_is_drawn_bold():
    regular, bold = ink("regular"), ink("bold")
    assert bold[0] > 1.3 * regular[0] and bold[1] > 1.3 * regular[1]
    assert abs(bold[0] - bold[1]) < 0.1 * bold[1]  # both drawers agree
