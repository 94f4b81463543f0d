"""Shape a paragraph once, at font-unit scale, into glyphs measured in em.

Widths at any font size are then a multiplication: fitting tries many sizes and widths
without shaping again (no hinting, so shaping is size-independent). A line is re-shaped
only where HarfBuzz says a break is unsafe (a ligature or Arabic joining across it).
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
import uharfbuzz as hb

from sharecard.errors import InputError
from sharecard.typeset.bidi import paragraph_levels
from sharecard.typeset.fonts import Face
from sharecard.typeset.itemize import COMMON, INHERITED, Item, itemize
from sharecard.typeset.linebreak import Breaks, paragraph_breaks
from sharecard.typeset.metrics import extra_room

_UNSAFE = int(hb.GlyphFlags.UNSAFE_TO_BREAK)  # compared on the int value: enum ops are slow
# Whitespace that hangs at the end of a line: it takes no room and draws nothing there.
HANGING = frozenset(
    " \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u200b\u205f\u3000"
)


class Glyph(msgspec.Struct, frozen=True):
    """One shaped glyph: advance and offsets in em; `cluster` indexes the paragraph text."""

    face: Face
    gid: int
    cluster: int
    advance: float
    dx: float
    dy: float
    unsafe: bool


class Run(msgspec.Struct, frozen=True):
    """An item with its glyphs in logical order (RTL output reversed back), and the room
    (em above, em below) its script needs beyond a Latin line (see metrics.py)."""

    item: Item
    glyphs: tuple[Glyph, ...]
    room: tuple[float, float] = (0.0, 0.0)


class Paragraph(msgspec.Struct, frozen=True):
    """A shaped paragraph with everything line filling needs, all in em."""

    text: str
    level: int  # paragraph embedding level: 0 LTR, 1 RTL
    runs: tuple[Run, ...]
    cum: tuple[float, ...]  # cum[i] = advance of text[:i]
    top: tuple[float, ...]  # highest ink (em above baseline) of the cluster starting at i
    bottom: tuple[float, ...]  # lowest ink (em, negative below baseline)
    cluster_start: tuple[bool, ...]  # True where a glyph cluster starts (len(text)+1)
    unsafe: tuple[bool, ...]  # True where HarfBuzz says cutting before i needs re-shaping
    breaks: Breaks
    missing: tuple[str, ...]
    language: str | None

    def width(self, a: int, b: int) -> float:
        return self.cum[b] - self.cum[a]

    def trim(self, a: int, b: int) -> int:
        """End of [a, b) without hanging whitespace."""
        text = self.text
        while b > a and text[b - 1] in HANGING:
            b -= 1
        return b


def shape_item(
    text: str,
    item: Item,
    start: int,
    end: int,
    language: str | None,
    *,
    context: bool = True,
) -> tuple[Glyph, ...]:
    """Shape text[start:end] of `item`; with context, neighbours outside inform joining."""
    face = item.face
    if face is None or start >= end:
        return ()
    buf = hb.Buffer()
    if context:
        buf.add_str(text, start, end - start)
        offset = 0
        flags = 0
        if start == 0:
            flags |= hb.BufferFlags.BOT
        if end == len(text):
            flags |= hb.BufferFlags.EOT
    else:
        buf.add_str(text[start:end])
        offset = start
        flags = hb.BufferFlags.BOT | hb.BufferFlags.EOT
    buf.flags = hb.BufferFlags(flags)
    buf.direction = "rtl" if item.level % 2 else "ltr"
    if item.script not in (COMMON, INHERITED):
        buf.script = item.script
    if language:
        buf.language = language
    buf.guess_segment_properties()
    try:
        hb.shape(face.hb_font, buf, {})
    except MemoryError:  # HarfBuzz's own cap on a buffer's work, not the machine's memory
        raise InputError(f"a text of {end - start:,} characters in one run is too long to "
                         "set (keep a field to the readers' limit of characters)") from None
    u = float(face.upem)
    glyphs = [
        Glyph(
            face,
            info.codepoint,
            info.cluster + offset,
            pos.x_advance / u,
            pos.x_offset / u,
            pos.y_offset / u,
            bool(info.flags._value_ & _UNSAFE),
        )
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
    ]
    if item.level % 2:
        glyphs.reverse()
    return tuple(glyphs)


def shape_paragraph(
    text: str,
    chain: Sequence[Face],
    *,
    base_level: int | None,
    language: str | None,
) -> Paragraph:
    """Levels, breaks, items and glyphs of one paragraph (no mandatory breaks inside).

    `chain[0]` is the template's face: the reference each run's script room is taken from.
    """
    level, levels = paragraph_levels(text, base_level)
    breaks = paragraph_breaks(text, language)
    items, missing = itemize(text, levels, breaks.graphemes, chain)
    reference = chain[0] if chain else None
    runs = tuple(
        Run(
            it,
            shape_item(text, it, it.start, it.end, language),
            extra_room(it.face, it.script, reference),
        )
        for it in items
    )
    n = len(text)
    adv = [0.0] * (n + 1)
    top = [0.0] * (n + 1)
    bottom = [0.0] * (n + 1)
    starts = [False] * (n + 1)
    starts[n] = True
    unsafe = [False] * (n + 1)
    for run in runs:
        starts[run.item.start] = True
        for g in run.glyphs:
            c = g.cluster
            starts[c] = True
            unsafe[c] = unsafe[c] or g.unsafe
            adv[c] += g.advance
            x0, y0, x1, y1 = g.face.extents(g.gid)
            if x1 > x0:
                top[c] = max(top[c], y1 + g.dy)
                bottom[c] = min(bottom[c], y0 + g.dy)
    cum = [0.0] * (n + 1)
    total = 0.0
    for i in range(n):
        cum[i] = total
        total += adv[i]
    cum[n] = total
    return Paragraph(
        text=text,
        level=level,
        runs=runs,
        cum=tuple(cum),
        top=tuple(top),
        bottom=tuple(bottom),
        cluster_start=tuple(starts),
        unsafe=tuple(unsafe),
        breaks=breaks,
        missing=tuple(dict.fromkeys(missing)),
        language=language,
    )
