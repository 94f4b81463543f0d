"""Typesetting: fonts and fallback, shaping, bidi, line breaking, fitting, glyph outlines.

Text is set here, not by the SVG renderer, so every renderer draws the same glyphs:
see `Typesetter.text_box`.
"""

from sharecard.typeset.api import TextBox, Typesetter, normalize_color
from sharecard.typeset.fonts import Face, FontLibrary
from sharecard.typeset.layout import Placed

__all__ = ["Face", "FontLibrary", "Placed", "TextBox", "Typesetter", "normalize_color"]
