"""Filling lines: where each line of a paragraph ends, at a given measure (em).

The greedy fill takes as much as fits on each line, then pulls a lone last word down
with the one before it. `prefer_clauses` then re-chooses the same number of lines to end
where a reader's clause ends (the weights of clauses.py): a short dynamic programme over
the paragraph's breaks, scored by how much of the measure each line leaves empty (or, in
a balanced box, how far it is from the mean line), minus the weight of where it ends.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import msgspec

from sharecard.records import replace
from sharecard.typeset.clauses import STRONG
from sharecard.typeset.shaping import Paragraph

EPS = 1e-6
# A line of one word (a lone phrase, in CJK) costs as much as a line left almost empty.
LONE_WORD = 0.5


class Span(msgspec.Struct, frozen=True):
    """One line: text[start:end] of paragraph `para` (no hanging space); next line at `next`."""

    para: int
    start: int
    end: int
    next: int
    ellipsis: bool = False



def _emergency_cut(p: Paragraph, start: int, stop: int, limit: float) -> int:
    """Where to cut a piece wider than the line: inside-URL breaks, then graphemes.

    Candidates are found by bisection from `start` and scanned only as far as the line
    reaches, so cutting a long unbreakable word into lines costs time linear in its length.
    """
    for cands in (p.breaks.soft, p.breaks.graphemes):
        best = None
        for k in range(bisect_right(cands, start), len(cands)):
            c = cands[k]
            if c >= stop:
                break
            if p.width(start, p.trim(start, c)) <= limit + EPS:
                best = c
            else:
                break
        if best is not None:
            return best
    # Not even one grapheme fits: take one anyway (the fit loop then narrows or clamps).
    graphemes = p.breaks.graphemes
    k = bisect_right(graphemes, start)
    return graphemes[k] if k < len(graphemes) else stop


def fill_paragraph(p: Paragraph, index: int, limit: float) -> tuple[list[Span], int]:
    """Greedy lines no wider than `limit` em; returns spans and the count of forced cuts.
    A line always ends at a break of `p.breaks.must` it reaches."""
    spans: list[Span] = []
    forced = 0
    allowed = p.breaks.allowed
    must = p.breaks.must
    n = len(p.text)
    start = 0
    i = 0
    while start < n:
        while i < len(allowed) and allowed[i] <= start:
            i += 1
        best = None
        j = i
        while j < len(allowed):
            b = allowed[j]
            e = p.trim(start, b)
            if p.width(start, e) <= limit + EPS:
                best = (b, e)
                j += 1
                if b in must:
                    break
            else:
                break
        if best is None:
            cut = _emergency_cut(p, start, allowed[i] if i < len(allowed) else n, limit)
            spans.append(Span(index, start, p.trim(start, cut), cut))
            forced += 1
            start = cut
        else:
            spans.append(Span(index, start, best[1], best[0]))
            start = best[0]
    if len(spans) >= 2 and not forced and not must:
        spans = _pull_down(p, spans, limit) or spans
    return spans, forced


def one_word(p: Paragraph, sp: Span) -> bool:
    """Whether line `sp` holds a single word: no break opportunity inside it."""
    return not any(sp.start < b < sp.end for b in p.breaks.allowed)


def _pull_down(p: Paragraph, spans: list[Span], limit: float) -> list[Span] | None:
    """`spans` with no lone word on its last line, or None when that cannot be had.

    If pulling a word down leaves the line above with a lone word, that line pulls from
    the one above it in turn ("… deepen / their / military cooperation" becomes
    "… / deepen their / military cooperation"); if the cascade fails, nothing changes.
    """
    if len(spans) < 2:
        return spans
    last, prev = spans[-1], spans[-2]
    if not one_word(p, last):
        return spans
    inner = [b for b in p.breaks.allowed if prev.start < b < prev.next]
    if not inner:
        return None
    cut = inner[-1]
    if p.width(cut, last.end) > limit + EPS:
        return None
    moved = [
        *spans[:-2],
        Span(prev.para, prev.start, p.trim(prev.start, cut), cut),
        Span(last.para, cut, last.end, last.next),
    ]
    if len(inner) >= 2:
        return moved
    head = _pull_down(p, moved[:-1], limit)
    return None if head is None else [*head, moved[-1]]


def fill(paras: Sequence[Paragraph], limit: float) -> tuple[list[Span], int]:
    spans: list[Span] = []
    forced = 0
    for k, p in enumerate(paras):
        s, f = fill_paragraph(p, k, limit)
        spans.extend(s)
        forced += f
    return spans, forced



# -- ending lines at clauses -------------------------------------------------------------


def _line_cost(p: Paragraph, a: int, b: int, limit: float, target: float | None,
               last: bool, lines: int) -> float:
    """Score of the line text[a:b] (lower is better); see the module docstring."""
    w = p.width(a, p.trim(a, b))
    if target is not None:
        cost = ((w - target) / limit) ** 2
    else:
        cost = 0.0 if last else ((limit - w) / limit) ** 2
    if lines >= 2 and not _between(p.breaks.allowed, a, b):
        cost += LONE_WORD
    return cost


def _between(allowed: Sequence[int], a: int, b: int) -> Sequence[int]:
    return allowed[bisect_right(allowed, a) : bisect_right(allowed, b - 1)]


def _weight_at(p: Paragraph, b: int) -> float:
    weights = p.breaks.weights
    if not weights:
        return 0.0
    k = bisect_right(p.breaks.allowed, b) - 1
    return weights[k] if 0 <= k < len(weights) and p.breaks.allowed[k] == b else 0.0


def _ends_weight(p: Paragraph, ends: Sequence[int]) -> float:
    return sum(_weight_at(p, b) for b in ends[:-1])


def _best_lines(p: Paragraph, n: int, limit: float, target: float | None) -> list[int] | None:
    """The ends of `n` lines no wider than `limit` with the lowest total score, or None."""
    allowed = p.breaks.allowed
    starts = [0, *allowed[:-1]]
    inf = float("inf")
    # best[j][i]: (score, index in `allowed` of the previous line's end) of lines 0..j
    # with line j ending at allowed[i].
    best: list[dict[int, tuple[float, int]]] = [{} for _ in range(n)]
    for si, a in enumerate(starts):
        if si == 0:
            entries = [(0, 0.0)]  # (index of the line starting here, score before it)
        else:
            entries = [(j, best[j - 1][si - 1][0]) for j in range(1, n)
                       if si - 1 in best[j - 1]]
        if not entries:
            continue
        for ei in range(si, len(allowed)):
            b = allowed[ei]
            if p.width(a, p.trim(a, b)) > limit + EPS:
                break
            for j, base in entries:
                last = j == n - 1
                if last and b != len(p.text):
                    continue
                score = base + _line_cost(p, a, b, limit, target, last, n)
                if not last:
                    score -= _weight_at(p, b)
                if score < best[j].get(ei, (inf, 0))[0]:
                    best[j][ei] = (score, si - 1)
    end = len(allowed) - 1
    if end not in best[n - 1]:
        return None
    ends = []
    ei = end
    for j in range(n - 1, -1, -1):
        ends.append(allowed[ei])
        ei = best[j][ei][1]
    return ends[::-1]


def clause_first(paras: Sequence[Paragraph]) -> list[Paragraph] | None:
    """`paras` with every STRONG break (clauses.py) made a break each line must end at, or
    None when no paragraph has one inside it: a headline set clause by clause."""
    changed = False
    out = []
    for p in paras:
        must = frozenset(b for b, w in zip(p.breaks.allowed, p.breaks.weights, strict=False)
                         if w >= STRONG and b < len(p.text))
        if must:
            changed = True
            p = replace(p, breaks=replace(p.breaks, must=must))
        out.append(p)
    return out if changed else None


def prefer_clauses(paras: Sequence[Paragraph], spans: Sequence[Span], limit: float,
                   balance: bool, spare: int = 0) -> list[Span]:
    """`spans` with each paragraph's lines re-chosen to end at clauses where that weighs
    more than the lines' evenness (the same number of lines, none wider than `limit`).
    When a paragraph's lines can only end a clause late ("…稳定外贸 / 基本盘。…"), one
    more line is tried, if the box has `spare` lines to give.

    A paragraph whose lines already end at breaks weighing as much keeps them, so text
    without clause marks is laid out as before; a cut or clamped paragraph, and one set
    clause first, is left alone.
    """
    out: list[Span] = []
    by_para: dict[int, list[Span]] = {}
    for sp in spans:
        by_para.setdefault(sp.para, []).append(sp)
    for k, lines in by_para.items():
        p = paras[k]
        current = [sp.next for sp in lines]
        chosen = lines
        if (len(lines) >= 2 and not p.breaks.must and not any(sp.ellipsis for sp in lines)
                and current[-1] == len(p.text)
                and any(p.breaks.weights) and set(current[:-1]) <= set(p.breaks.allowed)):
            ends = _rechosen(p, lines, limit, balance, spare)
            if ends is not None:
                starts = [0, *ends[:-1]]
                chosen = [Span(k, a, p.trim(a, b), b) for a, b in zip(starts, ends, strict=True)]
                spare -= len(chosen) - len(lines)
        out.extend(chosen)
    return out


def _rechosen(p: Paragraph, lines: Sequence[Span], limit: float, balance: bool,
              spare: int) -> list[int] | None:
    """Better line ends for one paragraph (see prefer_clauses), or None to keep them."""
    n = len(lines)
    current = [sp.next for sp in lines]
    have = _ends_weight(p, current)
    total = sum(p.width(sp.start, sp.end) for sp in lines)
    ends = _best_lines(p, n, limit, total / n if balance else None)
    if ends is not None and _ends_weight(p, ends) > have + EPS:
        have, best = _ends_weight(p, ends), ends
    else:
        best = None
    if spare > 0 and any(_weight_at(p, b) < 0 for b in (best or current)[:-1]):
        more = _best_lines(p, n + 1, limit, total / (n + 1) if balance else None)
        if more is not None and not any(_weight_at(p, b) < 0 for b in more[:-1]):
            best = more
    return best
