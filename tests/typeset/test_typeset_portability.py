"""The SVG is a portable artifact: headless Chromium draws it as CairoSVG does.

Text is glyph outlines, so the two renderers may differ only in anti-aliasing: at most
1 % of pixels may differ by more than 64/255 in any channel.
"""

from __future__ import annotations

import pytest

from support.browser import chromium_screenshot
from support.pixeldiff import assert_similar

W, H = 900, 420
SAMPLES = {
    "latin": (None, "Putin, Iran deepen military coordination: the 20-year treaty is now active."),
    "rtl": (
        "fa",
        "ایران و روسیه همکاری نظامی را گسترش می‌دهند؛ پیمان Scout از ۱۴۰۴ اجرایی شده است.",
    ),
    "hebrew": ("he", "רוסיה ואיראן מעמיקות את התיאום הצבאי, האמנה בתוקף מאז 2025."),
    "cjk": ("ja", "日銀、追加利上げを見送り。円相場は小幅に反発し、長期金利はやや低下した。"),
    "emoji": (None, "Breaking 📰 markets rally 📈 after the decision 👍🏽 🇯🇵"),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_chromium_draws_what_cairosvg_draws(name, ts, document, cairo_png, chromium):
    lang, text = SAMPLES[name]
    head = ts.text_box(
        text,
        x=40,
        y=30,
        width=W - 80,
        height=200,
        size=(28, 56),
        max_lines=3,
        weight="bold",
        language=lang,
        balance=True,
        color="#1a1a2e",
    )
    body = ts.text_box(
        text,
        x=40,
        y=head.bottom + 20,
        width=W - 80,
        height=140,
        size=(18, 24),
        max_lines=4,
        language=lang,
        color="#333",
    )
    svg = document([head.svg, body.svg], W, H)
    ours = cairo_png(svg)
    theirs = chromium_screenshot(svg, W, H)
    assert_similar(ours, theirs, max_ratio=0.01, threshold=64, name=f"typeset-{name}")
