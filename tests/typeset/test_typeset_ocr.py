"""Tesseract reads back what we set: shaping, bidi and fallback are right in every script.

One line per language at a generous size, dark on white, drawn by CairoSVG (the renderer
cards go through); the character error rate must be at most 5 %.

Tesseract's reading of one line depends on where the glyphs fall within a pixel: the same
64 px Arabic line reads perfectly at one vertical phase and as nothing a quarter pixel
lower, and 深 reads as 帝 at some phases. A shaping, bidi or fallback error is wrong at
every phase, so each sample is drawn at a few sub-pixel phases and the best reading counts.
"""

from __future__ import annotations

import pytest

from support.ocr import assert_reads_as

SAMPLES = {
    "en": "Putin and Iran deepen military coordination",
    "fa": "ایران و روسیه همکاری نظامی را گسترش می‌دهند",
    "ar": "روسيا وإيران تعمقان التنسيق العسكري",
    "he": "רוסיה ואיראן מעמיקות את התיאום הצבאי",
    "hi": "रूस और ईरान ने सैन्य समन्वय को गहरा किया",
    "ja": "日銀は追加利上げを見送り円相場は反発",
    "zh": "俄罗斯与伊朗深化军事协调条约已经生效",
}


PHASES = (0.0, 0.25, 0.5, 0.75)  # sub-pixel vertical offsets tried, best reading counts


@pytest.mark.parametrize("lang", sorted(SAMPLES))
@pytest.mark.parametrize("weight", ["regular", "bold"])
def test_line_reads_back(lang, weight, ts, document, cairo_png, artifacts):
    text = SAMPLES[lang]
    failures = []
    for phase in PHASES:
        box = ts.text_box(
            text,
            x=20,
            y=20 + phase,
            width=1560,
            height=120,
            size=(40, 64),
            max_lines=1,
            weight=weight,
            color="#111111",
            language=lang,
        )
        assert box.lines == (text,), "the sample must fit on one line at a readable size"
        assert not box.warnings
        png = cairo_png(document([box.svg], 1600, 160))
        if artifacts is not None:
            (artifacts / f"{lang}-{weight}.png").write_bytes(png)
        try:
            assert_reads_as(png, box.lines, lang, boxes=box.line_boxes)
            return
        except AssertionError as exc:
            failures.append(f"phase {phase}: {exc}")
    raise AssertionError("\n".join(failures))


def test_mixed_direction_line_reads_back(ts, document, cairo_png):
    """A Latin brand and digits inside Persian stay in logical reading order."""
    text = "گزارش Scout درباره پیمان ۲۰ ساله"
    box = ts.text_box(text, x=20, y=20, width=1560, height=120, size=64, max_lines=1, language="fa")
    png = cairo_png(document([box.svg], 1600, 160))
    assert_reads_as(png, box.lines, "fas+eng", boxes=box.line_boxes, max_cer=0.1)


def test_emoji_line_draws_colour_pixels(ts, document, cairo_png):
    """Emoji come out as colour images in the PNG, not as empty or tofu boxes."""
    import io

    from PIL import Image

    box = ts.text_box("📈 😀 🇮🇷", x=20, y=20, width=600, height=120, size=64, max_lines=1)
    assert not box.warnings
    png = Image.open(io.BytesIO(cairo_png(document([box.svg], 640, 160)))).convert("RGB")
    drawn = 0
    for g in box.glyphs[0]:
        x0, y0, x1, y1 = g.face.extents(g.gid)
        if x1 <= x0:
            continue  # a space
        k = g.size
        crop = png.crop(
            (round(g.x + x0 * k), round(g.y - y1 * k), round(g.x + x1 * k), round(g.y - y0 * k))
        )
        raw = crop.tobytes()
        pixels = [tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)]
        colourful = sum(1 for r, gg, b in pixels if max(r, gg, b) - min(r, gg, b) > 60)
        inked = sum(1 for r, gg, b in pixels if min(r, gg, b) < 200)
        assert colourful > len(pixels) // 50 and inked > len(pixels) // 8, f"glyph {g.gid} is blank"
        drawn += 1
    assert drawn == 3
