"""No ink leaves its box, for every corpus text at every width, height and size range.

Ink is measured independently of the layout: each drawn glyph's outline bounds come from
fontTools (BoundsPen over the font's own glyph set), not from the HarfBuzz extents the
layout used, then are placed where the layout put the glyph.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sharecard.typeset import Face, Placed, TextBox

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
WIDTHS = (300, 500, 700, 900, 1100)
# (height, size range, max lines): a headline slot, a bullet block, a tall body box.
SLOTS = (
    (56, (14, 40), 1),
    (170, (24, 72), 3),
    (420, (12, 28), 14),
)
TOL = 0.05  # px: SVG numbers are written with two decimals


def _language(name: str) -> str | None:
    return {"fa": "fa", "ja": "ja"}.get(name.split("-", 1)[0])


def corpus_texts() -> list[tuple[str, str, str | None]]:
    """(id, text, language): every line of every corpus file, its headline, bullets, headings
    and the whole file as one multi-paragraph text."""
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        lang = _language(path.stem)
        raw = path.read_text(encoding="utf-8-sig")
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        texts = [expected["headline"], *expected["bullets"], *expected["section_headings"]]
        texts += [line for line in raw.splitlines() if line.strip()]
        texts.append(raw)
        for i, text in enumerate(dict.fromkeys(texts)):
            out.append((f"{path.stem}-{i}", text, lang))
    return out


TEXTS = corpus_texts()


@cache
def _glyph_set(face: Face):
    tt = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    return tt.getGlyphOrder(), tt.getGlyphSet()


@cache
def outline_bounds(face: Face, gid: int) -> tuple[float, float, float, float] | None:
    """Glyph outline bounds in font units (y up) by fontTools; None for blank glyphs."""
    if face.color:  # a bitmap: the layout draws the image exactly over these extents
        x0, y0, x1, y1 = face.extents(gid)
        return (x0 * face.upem, y0 * face.upem, x1 * face.upem, y1 * face.upem)
    order, glyphs = _glyph_set(face)
    pen = BoundsPen(glyphs)
    glyphs[order[gid]].draw(pen)
    return pen.bounds


def glyph_ink(g: Placed) -> tuple[float, float, float, float] | None:
    b = outline_bounds(g.face, g.gid)
    if b is None:
        return None
    k = g.size / g.face.upem
    return (g.x + b[0] * k, g.y - b[3] * k, g.x + b[2] * k, g.y - b[1] * k)


def assert_ink_inside(box: TextBox) -> int:
    x0, y0, x1, y1 = box.x, box.y, box.x + box.width, box.y + box.height
    count = 0
    for n, line in enumerate(box.glyphs):
        for g in line:
            ink = glyph_ink(g)
            if ink is None:
                continue
            count += 1
            ok = (
                ink[0] >= x0 - TOL
                and ink[1] >= y0 - TOL
                and ink[2] <= x1 + TOL
                and ink[3] <= y1 + TOL
            )
            assert ok, (
                f"glyph {g.gid} of {g.face.key} on line {n} ({box.lines[n]!r}) has ink {ink} "
                f"outside the box {(x0, y0, x1, y1)} at size {box.size}"
            )
    return count


_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


@pytest.mark.parametrize(("tid", "text", "lang"), TEXTS, ids=[t[0] for t in TEXTS])
def test_corpus_text_stays_in_every_box(tid, text, lang, ts):
    for width in WIDTHS:
        for height, size, max_lines in SLOTS:
            for balance in (False, True):
                box = ts.text_box(
                    text,
                    x=37,
                    y=23,
                    width=width,
                    height=height,
                    size=size,
                    max_lines=max_lines,
                    language=lang,
                    balance=balance,
                    weight="bold" if balance else "regular",
                )
                where = f"{tid} w={width} h={height} size={size} lines={max_lines}"
                assert box.lines, where
                assert len(box.lines) <= max_lines, where
                assert size[0] <= box.size <= size[1], where
                drawn = assert_ink_inside(box)
                assert drawn > 0, where
                if box.clamped:
                    assert box.lines[-1].endswith("…"), where
                    kept = _squash("".join(box.lines))[:-1]
                    assert _squash(text).startswith(kept), where
                    assert any(w.code == "clamped" for w in box.warnings), where
                else:
                    assert _squash("".join(box.lines)) == _squash(text), where
                    assert not any(ln.endswith("…") for ln in box.lines) or text.count("…")
                assert box.shrunk == (box.size < size[1]), where
                bx0, by0, bx1, by1 = box.bounds
                assert box.x - TOL <= bx0 <= bx1 <= box.x + width + TOL, where
                assert box.y - TOL <= by0 <= by1 <= box.y + height + TOL, where


# -- any text, any box ---------------------------------------------------------------------

_PIECES = [
    "Putin",
    "Iran",
    "coordination",
    "20-year",
    "(iranwatch.org)",
    "https://example.com/a/b",
    "ایران",
    "روسیه",
    "می‌دهند",
    "۱۴۰۴",
    "שלום",
    "हिंदी",
    "日銀",
    "円相場は",
    "、",
    "。",
    "「引用」",
    "😀",
    "👍🏽",
    "🇮🇷",
    "—",
    "…",
    ",",
    "Donaudampfschifffahrtsgesellschaft",
    "fi",
    "Ꭰ",
]
_SEPARATORS = [" ", " ", " ", "", "\n"]

texts = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS)), min_size=1, max_size=40
).map(lambda parts: "".join(p + s for p, s in parts))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=texts,
    width=st.integers(30, 1200),
    height=st.integers(8, 600),
    lo=st.integers(8, 40),
    extra=st.integers(0, 60),
    max_lines=st.integers(1, 8),
    balance=st.booleans(),
    align=st.sampled_from(["start", "center", "end"]),
    lang=st.sampled_from([None, "fa", "ja", "he"]),
)
def test_any_text_in_any_box_stays_inside(
    ts, text, width, height, lo, extra, max_lines, balance, align, lang
):
    box = ts.text_box(
        text,
        x=5,
        y=7,
        width=width,
        height=height,
        size=(lo, lo + extra),
        max_lines=max_lines,
        balance=balance,
        align=align,
        language=lang,
    )
    codes = {w.code for w in box.warnings}
    if "no-room" in codes:
        assert box.lines == () and box.svg == "" and box.bottom == 7
        return
    assert 1 <= len(box.lines) <= max_lines
    assert_ink_inside(box)
    if box.clamped:
        assert box.lines[-1].endswith("…")
