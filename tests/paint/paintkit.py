"""Display lists for the paint tests: from real cards (recorded as the built-in templates
print, `sharecard.cards.printing`) and straight from the typesetter (text boxes, rects,
images)."""

from __future__ import annotations

import functools
import io
from typing import Any

from PIL import Image

from cards.cardkit import cards_for, cover, quote_cards, renderer
from sharecard.cards.render import RenderedCard
from sharecard.paint.display import DisplayList, GlyphRun, Picture, Rect
from sharecard.paint.native import png_data_uri
from sharecard.paint.svgread import GlyphIndex
from sharecard.raster import draw
from sharecard.typeset import TextBox, Typesetter

PRESETS_UNDER_TEST = ("og", "square", "story")


@functools.cache
def glyph_index() -> GlyphIndex:
    return GlyphIndex(renderer().typesetter.fonts)


def card_display(name: str, preset: str) -> tuple[str, DisplayList]:
    """A corpus cover's SVG and the display list it recorded as its template printed."""
    return recorded(cover(name, preset))


def recorded(card: RenderedCard) -> tuple[str, DisplayList]:
    display = card.display
    assert display is not None, f"{card.name}: a built-in card without a display list"
    return card.svg, display


def other_card(name: str, preset: str, kind: str) -> RenderedCard:
    """The first section card of a corpus file at a preset, or the quote card of its
    namesake among the quotation briefings (the corpus quotes no one by name)."""
    if kind == "quote":
        return next(c for c in quote_cards(QUOTE_FOR[name], preset) if c.kind == kind)
    return next(c for c in cards_for(name, preset) if c.kind == kind)


QUOTE_FOR = {"seed-putin-iran": "en-rates.txt", "fa-iran-russia": "fa-talks.txt",
             "ja-boj-rates": "ja-boj.txt"}


def run(box: TextBox, fill: str, label: str) -> GlyphRun:
    """A text box as a display-list op, as the Canvas will record it: its glyphs, the
    colour it was set in, and its text (one paragraph) as the label."""
    return GlyphRun(box.glyphs, fill, label)


def set_run(ts: Typesetter, text: str, fill: str, **options: Any) -> tuple[TextBox, GlyphRun]:
    box = ts.text_box(text, color=fill, **options)
    return box, run(box, fill, text)


def cairo_pixels(svg: str, width: int, height: int, scale: float = 1.0) -> Image.Image:
    image, _ = draw(svg, width=width, height=height, scale=scale)
    return image.convert("RGB")


def logo_uri(width: int = 40, height: int = 20) -> str:
    """A small two-colour PNG logo as a data: URI."""
    image = Image.new("RGB", (width, height), (20, 90, 200))
    image.paste((240, 200, 30), (0, 0, width // 2, height))
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return png_data_uri(buf.getvalue())


def typeset_card(ts: Typesetter, *, emoji: bool = False, logo: bool = False) -> DisplayList:
    """A 600×320 card built from typesetter boxes directly: a headline, body, a rule,
    bullet-style markers, and optionally an emoji line and a logo picture."""
    _, head = set_run(ts, "Markets rally after the decision", "#121417", x=30, y=30,
                      width=540, height=110, size=(30, 44), max_lines=2, weight="bold",
                      balance=True)
    _, body = set_run(ts, "Долгий путь — وزیر خارجه — 日本銀行は利上げを決めた", "#2a2e35",
                      x=50, y=150, width=520, height=60, size=18, max_lines=2)
    ops: list = [Rect(0, 0, 600, 8, "#b4232a"), head, Rect(30, 158, 8, 8, "#b4232a"), body,
                 Rect(30, 250, 540, 1.5, "#d9d4ca")]
    if emoji:
        _, line = set_run(ts, "Breaking 📰 markets 📈 👍🏽", "#5b616b", x=30, y=258,
                          width=400, height=40, size=22, max_lines=1)
        ops.append(line)
    if logo:
        ops.append(Picture(500, 262, 70, 35, logo_uri()))
    return DisplayList(600, 320, "#faf8f4", tuple(ops), "a test card")
