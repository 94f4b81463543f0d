"""The text of each glyph a card draws: what a PDF needs to be searchable and read aloud.

A display list's glyph run says which glyphs go where, not which characters they stand
for — and glyphs are not characters: "fi" may be one glyph, a Persian letter has four
shapes, a Devanagari vowel sign is drawn before the consonant it follows. A PDF's text
layer wants, per run of glyphs, the text and the *clusters* that tie them together
(cairo's ``show_text_glyphs``: the PDF gets a ToUnicode map for one-to-one clusters and
an ``ActualText`` span for the others).

The typesetter knows this — HarfBuzz gives each glyph the index of its characters — but
the display list is rebuilt from the SVG for now (`sharecard.paint.svgread`), which
keeps only outlines. So the lines of each box are *replayed*: the box's text is shaped
again through the same Typesetter (`Typesetter.shaped`, from its cache: the very
paragraphs the layout used), each drawn line is located in it, and its glyphs are put in
visual order exactly as `sharecard.typeset.layout.place` does. The replay is then held
to the SVG: same faces and glyph IDs in the same order, every glyph on one line offset
(a box moved by ``place()`` and an ink shift are one offset per line). Any mismatch
gives None and the PDF falls back to glyphs without a text map for that box, never to
wrong text. Blank glyphs (spaces), which draw nothing and so are not in the SVG, get
their positions from the same offset: a space is a real glyph in the PDF, so extracted
text has its word breaks.

Once the Canvas records glyph runs straight from the layout, a run can carry each
glyph's cluster and this replay is no longer needed.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from sharecard.paint.display import GlyphRun
from sharecard.typeset.api import ELLIPSIS, Typesetter, paragraphs
from sharecard.typeset.bidi import visual_order
from sharecard.typeset.layout import Placed, face_at, line_pieces
from sharecard.typeset.lines import Span
from sharecard.typeset.outlines import glyph_path, glyph_png
from sharecard.typeset.shaping import HANGING, Glyph, Paragraph

POSITION_TOLERANCE = 0.02  # px: SVG coordinates carry two decimals
BITMAP_TOLERANCE = 0.1  # px: an emoji image's origin is read back from its rounded box
BITMAP_SIZE_TOLERANCE = 0.002  # and its size from the box's rounded width


class SetText(msgspec.Struct, frozen=True):
    """What one text box says, as the typesetter set it (a card's `BoxRecord` has it)."""

    text: str
    lines: tuple[str, ...]
    weight: str = "regular"
    clamped: bool = False
    direction: str | None = None  # set apart from the card's direction ("ltr"/"rtl")

    @property
    def label(self) -> str:
        """The box's ``aria-label`` in the SVG: its paragraphs, one per line."""
        return "\n".join(paragraphs(self.text))


class TextLine(msgspec.Struct, frozen=True):
    """One drawn line in logical (reading) order: its glyphs, blanks included, and its
    text cut into clusters, each (characters, number of glyphs, right-to-left), in the
    same order."""

    glyphs: tuple[Placed, ...]
    clusters: tuple[tuple[str, int, bool], ...]

    @property
    def text(self) -> str:
        return "".join(chars for chars, _, _ in self.clusters)


def _inked(g: Glyph | Placed) -> bool:
    """Whether the SVG holds this glyph (a blank glyph writes no element)."""
    return bool(glyph_png(g.face, g.gid)) if g.face.color else bool(glyph_path(g.face, g.gid))


def _spans(paras: Sequence[Paragraph], lines: Sequence[str], clamped: bool) -> list[Span] | None:
    """Where each drawn line lies in the paragraphs (lines are cut at hanging spaces)."""
    spans: list[Span] = []
    k, pos = 0, 0
    for i, line in enumerate(lines):
        ellipsis = clamped and i == len(lines) - 1 and line.endswith(ELLIPSIS)
        body = line[: -len(ELLIPSIS)] if ellipsis else line
        while k < len(paras):
            text = paras[k].text
            start = pos
            while start < len(text) and text[start] in HANGING:
                start += 1
            if (body or ellipsis) and text.startswith(body, start) and start < len(text):
                end = start + len(body)
                spans.append(Span(k, start, end, end, ellipsis))
                pos = end
                break
            k, pos = k + 1, 0
        else:
            return None
    return spans


def _line(
    p: Paragraph,
    sp: Span,
    ellipsis: tuple[Glyph, ...],
    drawn: Sequence[Placed],
) -> TextLine | None:
    """The line's glyphs in reading order with positions taken from `drawn` (the SVG's
    inked glyphs of this line, in visual order), or None if they do not match."""
    pieces = [list(glyphs) for _, glyphs in line_pieces(p, sp)]
    levels = [lv for lv, _ in line_pieces(p, sp)]
    if sp.ellipsis:
        pieces.append(list(ellipsis))
        levels.append(p.level)
    keyed = list(enumerate(pieces))
    pen = 0.0
    at: dict[tuple[int, int], float] = {}
    visual: list[tuple[int, int]] = []
    for (n, run), level in zip(visual_order(keyed, levels),
                               visual_order(levels, levels), strict=True):
        order = range(len(run) - 1, -1, -1) if level % 2 else range(len(run))
        for i in order:
            at[(n, i)] = pen
            visual.append((n, i))
            pen += run[i].advance
    inked = [key for key in visual if _inked(pieces[key[0]][key[1]])]
    if len(inked) != len(drawn) or not inked:
        return None
    # The line's offset from an outline glyph: its SVG position is exact to 0.01 px,
    # where an emoji image's origin and size are read back from a rounded box.
    anchor = next((n for n, svg in enumerate(drawn) if not svg.face.color), 0)
    size = drawn[anchor].size
    first = pieces[inked[anchor][0]][inked[anchor][1]]
    x0 = drawn[anchor].x - (at[inked[anchor]] + first.dx) * size
    baseline = drawn[anchor].y + first.dy * size
    placed: dict[tuple[int, int], Placed] = {}
    for key, svg in zip(inked, drawn, strict=True):
        g = pieces[key[0]][key[1]]
        bitmap = g.face.color
        tol = BITMAP_TOLERANCE if bitmap else POSITION_TOLERANCE
        if (svg.face is not g.face or svg.gid != g.gid
                or abs(svg.size - size) > (BITMAP_SIZE_TOLERANCE * size if bitmap else 1e-3)
                or abs(svg.x - (x0 + (at[key] + g.dx) * size)) > tol
                or abs(svg.y - (baseline - g.dy * size)) > tol):
            return None
        placed[key] = svg
    glyphs: list[Placed] = []
    clusters: list[tuple[str, int, bool]] = []
    in_text = len(pieces) - (1 if sp.ellipsis else 0)
    starts = sorted({g.cluster for piece in pieces[:in_text] for g in piece})
    ends = {c: nxt for c, nxt in zip(starts, [*starts[1:], sp.end], strict=True)}
    last: tuple[int, int] | None = None
    for n, piece in enumerate(pieces):
        for i, g in enumerate(piece):
            key = (n, i)
            glyphs.append(placed.get(key) or Placed(
                g.face, g.gid, x0 + (at[key] + g.dx) * size, baseline - g.dy * size, size))
            token = (n if n >= in_text else -1, g.cluster if n < in_text else 0)
            if token == last:
                chars, count, rtl = clusters[-1]
                clusters[-1] = (chars, count + 1, rtl)
                continue
            chars = ELLIPSIS if n >= in_text else p.text[g.cluster:ends[g.cluster]]
            clusters.append((chars, 1, levels[n] % 2 == 1))
            last = token
    return TextLine(tuple(glyphs), tuple(clusters))


def text_lines(
    run: GlyphRun,
    box: SetText,
    typesetter: Typesetter,
    *,
    language: str | None,
    direction: str | None,
) -> tuple[TextLine, ...] | None:
    """Every line of `run` with its text, or None when the replay does not match the run
    exactly (see the module docstring). `language` and `direction` are the card's, as
    the Canvas passed them to the typesetter (a box's own `direction` wins)."""
    chain, paras = typesetter.shaped(box.text, weight=box.weight, language=language,
                                     direction=box.direction or direction)
    spans = _spans(paras, box.lines, box.clamped)
    if spans is None or not paras:
        return None
    # Blank glyphs (spaces) are in a recorded run, not in one read back from SVG.
    drawn = [g for g in run.glyphs if _inked(g)]
    out: list[TextLine] = []
    used = 0
    for sp in spans:
        p = paras[sp.para]
        ellipsis = (typesetter.ellipsis(p.level, face_at(p, sp.end - 1), chain, language).glyphs
                    if sp.ellipsis else ())
        pieces = [g for _, glyphs in line_pieces(p, sp) for g in glyphs] + list(ellipsis)
        count = sum(1 for g in pieces if _inked(g))
        line = _line(p, sp, ellipsis, drawn[used:used + count])
        if line is None:
            return None
        out.append(line)
        used += count
    return tuple(out) if used == len(drawn) else None
