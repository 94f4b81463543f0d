"""Lines, size and position: fit the box, balance, clamp, place glyphs (lines.py fills).

Everything before placement works in em on shaped paragraphs (see shaping.py), so a
fit is a binary search over sizes where each probe is a cheap greedy line fill. The
final placement measures real glyph ink; if ink overhangs the box (a swash, a tall mark)
the fit is redone with the box narrowed by the overhang, so no ink ever leaves the box.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import msgspec

from sharecard.typeset.bidi import visual_order
from sharecard.typeset.fonts import Face
from sharecard.typeset.lines import EPS, Span, clause_first, fill, one_word, prefer_clauses
from sharecard.typeset.shaping import HANGING, Glyph, Paragraph, shape_item

# Dropped before an ellipsis: "word,…" and "end.…" read worse than "word…".
_BEFORE_ELLIPSIS = HANGING | frozenset(",;:.!?、，；：。．！？،؛۔-‐–—")

Box = tuple[float, float, float, float]


class Placed(NamedTuple):
    """A glyph ready to draw: origin (x, y) in px, y down, baseline at y; size in px.

    A named tuple rather than a frozen dataclass: a card places a few thousand while
    fitting, and a tuple is made three times faster (plain, immutable data all the same).
    It keeps the dataclass protocol it had (`dataclasses.replace`, `fields`, `asdict`),
    for code written against that (see `_PlacedFields`)."""

    face: Face
    gid: int
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class _PlacedFields:
    """Placed's fields as a dataclass declares them: lent to Placed below."""

    face: Face
    gid: int
    x: float
    y: float
    size: float


Placed.__dataclass_fields__ = _PlacedFields.__dataclass_fields__  # type: ignore[attr-defined]
Placed.__dataclass_params__ = _PlacedFields.__dataclass_params__  # type: ignore[attr-defined]


class Ellipsis(msgspec.Struct, frozen=True):
    """The shaped "…" for a paragraph direction."""

    glyphs: tuple[Glyph, ...]
    width: float
    top: float
    bottom: float


class Frame(msgspec.Struct, frozen=True):
    """What a layout must fit in, and the reference face's vertical metrics (em).

    `line_height` is the template's, written for Latin; each line adds the room its
    scripts need beyond that (Run.room), so tall scripts never touch the next line.
    """

    x: float
    y: float
    width: float
    height: float
    min_size: float
    max_size: float
    max_lines: int
    line_height: float
    ascent: float
    descent: float
    balance: bool
    align: str  # "start" | "center" | "end"


class Result(msgspec.Struct, frozen=True):
    size: float
    spans: tuple[Span, ...]
    lines: tuple[tuple[Placed, ...], ...]
    line_boxes: tuple[Box, ...]
    baselines: tuple[float, ...]
    shrunk: bool
    clamped: bool
    dropped: bool  # not even one line fits the box at the smallest size
    rooms: tuple[tuple[float, float], ...] = ()  # per line, px its scripts need above/below


# -- vertical fit ------------------------------------------------------------------------


EllipsisFor = Callable[[int, Face | None], Ellipsis]
Fit = tuple[list[Span], int, float]  # lines, forced cuts, vertical offset (px)


def face_at(p: Paragraph, pos: int) -> Face | None:
    """The face drawing text[pos] (the ellipsis after it should match it)."""
    for run in p.runs:
        if run.item.start <= pos < run.item.end:
            return run.item.face
    return None


def _ink_rows(paras: Sequence[Paragraph], spans: Sequence[Span], ell: EllipsisFor):
    rows = []
    for sp in spans:
        p = paras[sp.para]
        top = max(p.top[sp.start : sp.end], default=0.0)
        bottom = min(p.bottom[sp.start : sp.end], default=0.0)
        if sp.ellipsis:
            e = ell(p.level, face_at(p, sp.end - 1))
            top, bottom = max(top, e.top), min(bottom, e.bottom)
        rows.append((top, bottom))
    return rows


def _first_baseline(frame: Frame, size: float) -> float:
    """Baseline of a Latin line 0 (px): the reference ascent + descent centred in the line
    height."""
    lh = frame.line_height * size
    return frame.y + (lh - (frame.ascent + frame.descent) * size) / 2 + frame.ascent * size


def line_rooms(
    paras: Sequence[Paragraph], spans: Sequence[Span]
) -> list[tuple[float, float]]:
    """Per line, the room (em above, em below) its tallest script needs beyond Latin."""
    rooms = []
    for sp in spans:
        above = below = 0.0
        for run in paras[sp.para].runs:
            if run.item.start < sp.end and sp.start < run.item.end:
                above, below = max(above, run.room[0]), max(below, run.room[1])
        rooms.append((above, below))
    return rooms


def line_baselines(frame: Frame, size: float, rooms: Sequence[tuple[float, float]]) -> list[float]:
    """Baseline of each line (px, before any shift): one line height apart for Latin, plus
    the room below a line and above the next where their scripts need it.

    Room is added only between lines: above the first and below the last line the box's
    edge is what counts, and the fit keeps every line's real ink inside it anyway.
    """
    lh = frame.line_height * size
    out: list[float] = []
    y = _first_baseline(frame, size)
    below = 0.0
    for i, (above, under) in enumerate(rooms):
        if i:
            y += lh + (below + above) * size
        out.append(y)
        below = under
    return out


def _leading(frame: Frame, size: float, rooms: Sequence[tuple[float, float]]) -> float:
    """Height (px) the lines' pitch takes: n line heights plus the room between lines."""
    between = sum(a[1] + b[0] for a, b in itertools.pairwise(rooms))
    return len(rooms) * frame.line_height * size + between * size


def _vertical_offset(
    frame: Frame,
    height: float,
    size: float,
    rows: Sequence[tuple[float, float]],
    rooms: Sequence[tuple[float, float]],
) -> float | None:
    """Shift (px) that keeps the lines' ink inside the box, or None if they cannot fit."""
    if _leading(frame, size, rooms) > height + EPS:
        return None
    base = line_baselines(frame, size, rooms)
    top = min(y - t * size for y, (t, _) in zip(base, rows, strict=True))
    bottom = max(y - b * size for y, (_, b) in zip(base, rows, strict=True))
    if bottom - top > height + EPS:
        return None
    off = 0.0
    if top < frame.y:
        off = frame.y - top
    if bottom + off > frame.y + height:
        off = frame.y + height - bottom
    return off


# -- clamping ----------------------------------------------------------------------------


def _ellipsize(p: Paragraph, sp: Span, limit: float, ell: EllipsisFor) -> Span:
    """Cut line `sp` at the last word (or, failing that, grapheme) where "…" still fits."""

    def fits(c: int) -> int | None:
        e = c
        while e > sp.start and p.text[e - 1] in _BEFORE_ELLIPSIS:
            e -= 1
        if e <= sp.start:
            return None
        ell_w = ell(p.level, face_at(p, e - 1)).width
        return e if p.width(sp.start, e) + ell_w <= limit + EPS else None

    for cands in (p.breaks.allowed, p.breaks.graphemes):
        for c in reversed(cands):
            if c <= sp.start:
                break
            if c > sp.next:
                continue
            e = fits(c)
            if e is not None:
                return Span(sp.para, sp.start, e, sp.next, True)
    return Span(sp.para, sp.start, sp.start, sp.next, True)


def _clamp(
    paras: Sequence[Paragraph],
    spans: Sequence[Span],
    frame: Frame,
    width: float,
    height: float,
    ell: EllipsisFor,
) -> tuple[list[Span], float] | None:
    size = frame.min_size
    limit = width / size
    for k in range(min(frame.max_lines, len(spans)), 0, -1):
        last = spans[k - 1]
        p = paras[last.para]
        cut = _ellipsize(p, last, limit, ell)
        kept = [*spans[: k - 1], cut]
        if _too_wide(paras, kept, limit, ell):
            continue
        rows = _ink_rows(paras, kept, ell)
        off = _vertical_offset(frame, height, size, rows, line_rooms(paras, kept))
        if off is not None:
            return kept, off
    return None


# -- fitting -----------------------------------------------------------------------------


def _sizes(lo: float, hi: float) -> list[float]:
    """Candidate sizes: whole pixels between the bounds, and the bounds themselves."""
    ints = range(math.ceil(lo), math.floor(hi) + 1)
    return sorted({lo, hi, *(float(i) for i in ints)})


def _too_wide(
    paras: Sequence[Paragraph], spans: Sequence[Span], limit: float, ell: EllipsisFor
) -> bool:
    """True if a line is wider than `limit` em: only a lone grapheme wider than the box."""
    for sp in spans:
        p = paras[sp.para]
        w = p.width(sp.start, sp.end)
        if sp.ellipsis:
            w += ell(p.level, face_at(p, sp.end - 1)).width
        if w > limit + EPS:
            return True
    return False


def _try(
    paras: Sequence[Paragraph],
    frame: Frame,
    size: float,
    width: float,
    height: float,
    ell: EllipsisFor,
    allow_cuts: bool = True,
) -> Fit | None:
    spans, forced = fill(paras, width / size)
    if forced and (not allow_cuts or _too_wide(paras, spans, width / size, ell)):
        return None
    if len(spans) > frame.max_lines:
        return None
    rows = _ink_rows(paras, spans, ell)
    off = _vertical_offset(frame, height, size, rows, line_rooms(paras, spans))
    if off is None:
        return None
    return spans, forced, off


def _lone_words(paras: Sequence[Paragraph], spans: Sequence[Span]) -> int:
    """How many lines of a multi-line layout hold a single word (no break inside)."""
    if len(spans) < 2:
        return 0
    return sum(one_word(paras[sp.para], sp) for sp in spans)


def _balance(
    paras: Sequence[Paragraph],
    frame: Frame,
    size: float,
    width: float,
    height: float,
    spans: list[Span],
    forced: int,
    ell: EllipsisFor,
) -> tuple[list[Span], float] | None:
    """Narrowest width giving the same number of lines: lines of even length.

    A narrower width is only taken if it strands no more lone words on a line than the
    greedy layout did ("why the grid is / the / new bottleneck" is not balanced).
    """
    n = len(spans)
    lone = _lone_words(paras, spans)
    total = sum(paras[s.para].width(s.start, s.end) for s in spans) * size
    lo, hi = max(total / n, 1.0), width
    best: tuple[list[Span], float] | None = None
    for _ in range(14):
        if hi - lo < 0.5:
            break
        mid = (lo + hi) / 2
        got = _try(paras, frame, size, mid, height, ell)
        if (
            got is not None
            and len(got[0]) == n
            and got[1] <= forced
            and _lone_words(paras, got[0]) <= lone
        ):
            hi = mid
            best = (got[0], got[2])
        else:
            lo = mid
    return best


def _largest_fit(
    paras: Sequence[Paragraph],
    frame: Frame,
    sizes: Sequence[float],
    width: float,
    height: float,
    ell: EllipsisFor,
    allow_cuts: bool,
) -> tuple[float, Fit] | None:
    """The largest of `sizes` (ascending) that fits, by binary search, with its fill."""
    top = _try(paras, frame, sizes[-1], width, height, ell, allow_cuts)
    if top is not None:
        return sizes[-1], top
    if len(sizes) == 1:
        return None
    low = _try(paras, frame, sizes[0], width, height, ell, allow_cuts)
    if low is None:
        return None
    lo, hi = 0, len(sizes) - 1  # invariant: sizes[lo] fits, sizes[hi] does not
    got, chosen = low, sizes[0]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        probe = _try(paras, frame, sizes[mid], width, height, ell, allow_cuts)
        if probe is None:
            hi = mid
        else:
            lo, got, chosen = mid, probe, sizes[mid]
    return chosen, got


# A balanced box (a headline) breaks at its clause ends (a full-width space, a colon, a
# sentence end) first: at the largest size down to CLAUSE_FIRST_CLEAN of the size it gets
# without that sets every clause with no lone word, or else down to CLAUSE_FIRST_SHARE
# with no more lone words than without.
CLAUSE_FIRST_CLEAN = 0.6
CLAUSE_FIRST_SHARE = 0.8


def _clause_first(
    paras: Sequence[Paragraph],
    frame: Frame,
    sizes: Sequence[float],
    width: float,
    height: float,
    ell: EllipsisFor,
    found: tuple[float, Fit],
) -> tuple[Sequence[Paragraph], tuple[float, Fit]]:
    """The paragraphs and fit to go on with: set clause by clause (every line ending at
    a STRONG break it reaches) when that costs little size and strands no lone words;
    otherwise `paras` and `found` as they are."""
    split = clause_first(paras)
    if split is None:
        return paras, found
    lone = _lone_words(paras, found[1][0])
    # Largest first, one size at a time: a lone word may come and go as the size falls
    # ("日銀、追加利上げを / 見送り / 円相場は…" at 93 px, two whole clauses at 70).
    for share, most in ((CLAUSE_FIRST_CLEAN, 0), (CLAUSE_FIRST_SHARE, lone)):
        for size in reversed([s for s in sizes if s >= share * found[0]]):
            got = _try(split, frame, size, width, height, ell, allow_cuts=False)
            if got is not None and _lone_words(split, got[0]) <= most:
                return split, (size, got)
    return paras, found


def decide(
    paras: Sequence[Paragraph],
    frame: Frame,
    width: float,
    height: float,
    ell: EllipsisFor,
) -> tuple[float, list[Span], float, bool]:
    """(size, spans, vertical offset, clamped) for a box of `width` x `height` px."""
    sizes = _sizes(frame.min_size, frame.max_size)
    # Words are cut inside only as a last resort: first the largest size needing no cut,
    # and only if even the smallest size needs one, the largest size with cuts.
    found = _largest_fit(paras, frame, sizes, width, height, ell, allow_cuts=False)
    if found is None:
        found = _largest_fit(paras, frame, sizes, width, height, ell, allow_cuts=True)
    if found is None:
        spans, _ = fill(paras, width / frame.min_size)
        clamped = _clamp(paras, spans, frame, width, height, ell)
        if clamped is None:
            return frame.min_size, [], 0.0, True
        return frame.min_size, clamped[0], clamped[1], True
    chosen, (spans, forced, off) = found
    if frame.balance and not forced:
        paras, (chosen, (spans, forced, off)) = _clause_first(
            paras, frame, sizes, width, height, ell, (chosen, (spans, forced, off))
        )
    if frame.balance and len(spans) > 1:
        bal = _balance(paras, frame, chosen, width, height, spans, forced, ell)
        if bal is not None:
            spans, off = bal
    preferred = prefer_clauses(paras, spans, width / chosen, frame.balance,
                               frame.max_lines - len(spans))
    if preferred != spans:
        rows = _ink_rows(paras, preferred, ell)
        moved = _vertical_offset(frame, height, chosen, rows, line_rooms(paras, preferred))
        if moved is not None:
            spans, off = preferred, moved
    return chosen, spans, off, False


# -- placement ---------------------------------------------------------------------------


def _safe_at(p: Paragraph, run_start: int, run_end: int, pos: int) -> bool:
    if pos <= run_start or pos >= run_end:
        return True
    return p.cluster_start[pos] and not p.unsafe[pos]


def line_pieces(p: Paragraph, sp: Span) -> list[tuple[int, tuple[Glyph, ...]]]:
    """Glyph runs of one line in logical order, re-shaped where a cut was unsafe."""
    out: list[tuple[int, tuple[Glyph, ...]]] = []
    for run in p.runs:
        it = run.item
        a, b = max(sp.start, it.start), min(sp.end, it.end)
        if a >= b or it.face is None:
            continue
        if a == it.start and b == it.end:
            glyphs = run.glyphs
        elif _safe_at(p, it.start, it.end, a) and _safe_at(p, it.start, it.end, b):
            glyphs = tuple(g for g in run.glyphs if a <= g.cluster < b)
        else:
            glyphs = shape_item(p.text, it, a, b, p.language, context=False)
        out.append((it.level, glyphs))
    return out


def place(
    paras: Sequence[Paragraph],
    spans: Sequence[Span],
    frame: Frame,
    size: float,
    offset: float,
    ell: EllipsisFor,
) -> tuple[list[list[Placed]], list[Box], list[float]]:
    """Glyphs of every line at their final positions, each line's ink box and baseline."""
    base = line_baselines(frame, size, line_rooms(paras, spans))
    lines: list[list[Placed]] = []
    boxes: list[Box] = []
    baselines: list[float] = []
    for i, sp in enumerate(spans):
        p = paras[sp.para]
        baseline = base[i] + offset
        pieces = line_pieces(p, sp)
        if sp.ellipsis:
            pieces.append((p.level, ell(p.level, face_at(p, sp.end - 1)).glyphs))
        ordered = visual_order(pieces, [lv for lv, _ in pieces])
        pen = 0.0
        row: list[tuple[Glyph, float]] = []
        for level, glyphs in ordered:
            for g in reversed(glyphs) if level % 2 else glyphs:
                row.append((g, pen))
                pen += g.advance
        rtl = p.level % 2 == 1
        align = frame.align
        side = "center" if align == "center" else ("right" if (align == "end") != rtl else "left")
        line_w = pen * size
        if side == "left":
            x0 = frame.x
        elif side == "right":
            x0 = frame.x + frame.width - line_w
        else:
            x0 = frame.x + (frame.width - line_w) / 2
        placed: list[Placed] = []
        # The line's ink box; comparisons rather than min()/max() calls: this loop runs
        # for every glyph of every draft a fit tries.
        left = top = math.inf
        right = bottom = -math.inf
        for g, gx in row:
            px = x0 + (gx + g.dx) * size
            py = baseline - g.dy * size
            face, gid = g.face, g.gid
            placed.append(Placed(face, gid, px, py, size))
            ex0, ey0, ex1, ey1 = face.extents(gid)
            if ex1 > ex0 or ey1 > ey0:
                v = px + ex0 * size
                if v < left:
                    left = v
                v = px + ex1 * size
                if v > right:
                    right = v
                v = py - ey1 * size
                if v < top:
                    top = v
                v = py - ey0 * size
                if v > bottom:
                    bottom = v
        if left == math.inf:
            box: Box = (x0, baseline, x0, baseline)
        else:
            shift = 0.0
            if left < frame.x:
                shift = frame.x - left
            elif right > frame.x + frame.width:
                shift = frame.x + frame.width - right
            if shift:
                placed = [Placed(q.face, q.gid, q.x + shift, q.y, q.size) for q in placed]
            box = (left + shift, top, right + shift, bottom)
        lines.append(placed)
        boxes.append(box)
        baselines.append(baseline)
    return lines, boxes, baselines


def layout(
    paras: Sequence[Paragraph],
    frame: Frame,
    ell: EllipsisFor,
) -> Result:
    """Fit, then place; re-fit in a box narrowed by any ink overhang until none is left."""
    width, height = frame.width, frame.height
    size, clamped = frame.min_size, False
    spans: list[Span] = []
    lines: list[list[Placed]] = []
    boxes: list[Box] = []
    baselines: list[float] = []
    for _ in range(6):
        if width <= 0 or height <= 0:
            spans = []
            break
        size, spans, off, clamped = decide(paras, frame, width, height, ell)
        lines, boxes, baselines = place(paras, spans, frame, size, off, ell)
        over_w = max((b[2] - b[0] - frame.width for b in boxes), default=0.0)
        top = min((b[1] for b in boxes), default=frame.y)
        bottom = max((b[3] for b in boxes), default=frame.y)
        over_h = max(frame.y - top, bottom - (frame.y + frame.height), 0.0)
        if over_w <= 0.01 and over_h <= 0.01:
            break
        if over_w > 0.01:
            width -= over_w + 0.25
        if over_h > 0.01:
            height -= over_h + 0.25
    else:
        spans = []  # still overflowing: draw nothing rather than ink outside the box
    dropped = not spans and any(p.text for p in paras)
    if not spans:
        size, spans, lines, boxes, baselines = frame.min_size, [], [], [], []
    return Result(
        size=size,
        spans=tuple(spans),
        lines=tuple(tuple(line) for line in lines),
        line_boxes=tuple(boxes),
        baselines=tuple(baselines),
        rooms=tuple((a * size, b * size) for a, b in line_rooms(paras, spans)),
        shrunk=size < frame.max_size,
        clamped=clamped or dropped,
        dropped=dropped,
    )
