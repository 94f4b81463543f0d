"""Painting a card without the SVG round trip: a display list, its emitters, fast PNGs.

`display` holds the plain data a card draws (rects, glyph runs, images) and its SVG
emitter; `native` draws a display list straight to pixels with Skia; `png` encodes those
pixels as a small indexed PNG when the card's colours allow it. A card's display list is
recorded as its template prints (`sharecard.cards.printing`); `svgread` rebuilds one
from SVG text (SVG edited after drawing, and the tests' oracle). `reference` draws SVG
with CairoSVG, the reference renderer these are tested against, reading only ``data:``
URIs. `sharecard.raster`, above, chooses the drawer for each card and encodes the image.
"""
