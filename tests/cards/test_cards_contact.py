"""The contact sheet of a folder is a grid: one-card rows of one preset flow side by
side and wrap, each labelled with its input; one input's many cards keep a row per
preset, wrapping; PNG and HTML alike."""

from __future__ import annotations

import math
import re
import shutil

from PIL import Image

from cards.cardkit import CORPUS, CORPUS_NAMES, cards_for, cover, renderer
from sharecard.cards.contact import (
    LABEL,
    LABEL_GAP,
    LABEL_LINES,
    LABEL_PITCH,
    PAD,
    ROW_GAP,
    SHEET_WIDTH,
    lines_of,
    rows_of,
    sheet_html,
    sheet_svg,
    thumb_size,
    tile_of,
)
from support.cli import run_cli

ROOM = SHEET_WIDTH - 2 * PAD
GLYPH = re.compile(r'<path transform="matrix\(\S+ 0 0 \S+ ([-\d.]+) ([-\d.]+)\)"')
NAMES = [f"brief-{k:02d}" for k in range(12)]


def _folder(tmp_path):
    """Twelve briefings, the corpus files over and over under names of their own."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    for k, name in enumerate(NAMES):
        shutil.copy(CORPUS / f"{CORPUS_NAMES[k % len(CORPUS_NAMES)]}.txt",
                    folder / f"{name}.txt")
    return folder


def _per_line(width: float) -> int:
    """How many rows `width` wide a line holds."""
    return int((ROOM + ROW_GAP) // (width + ROW_GAP))


def _line_height(thumb: float) -> float:
    """The most a line of one-card rows takes: two label lines, the gap, the cards."""
    return LABEL * LABEL_PITCH * LABEL_LINES + 1 + LABEL_GAP + thumb


def test_a_folder_at_one_preset_is_a_grid_png_and_html(tmp_path):
    folder = _folder(tmp_path)
    sheet = tmp_path / "sheet.png"
    run = run_cli(["preview", str(folder), "--preset", "og", "--cards", "cover", "-o",
                   str(sheet)])
    assert run.exit_code == 0, run.stderr
    assert "12 cards in 12 rows" in run.text and "drawn at" not in run.text
    tw, th = thumb_size(cover("seed-putin-iran", "og"))
    per_line = _per_line(tw)
    lines = math.ceil(len(NAMES) / per_line)
    assert per_line >= 4 and lines == 3
    with Image.open(sheet) as image:
        width, height = image.size
        ink = image.convert("L")
    assert width == SHEET_WIDTH
    assert height <= 2 * PAD + lines * _line_height(th) + (lines - 1) * ROW_GAP
    assert height < len(NAMES) * th / 2  # a row each: over 12 × th
    # Each row of the first line has its label, dark ink above its card.
    for k in range(per_line):
        x = PAD + k * (tw + ROW_GAP)
        band = ink.crop((round(x), PAD, round(x + tw), PAD + LABEL * LABEL_PITCH))
        assert sum(band.point(lambda v: 255 if v < 80 else 0).histogram()[255:]) > 200, k

    page = tmp_path / "sheet.html"
    run = run_cli(["preview", str(folder), "--preset", "og", "--cards", "cover", "-o",
                   str(page)])
    assert run.exit_code == 0, run.stderr
    html = page.read_text(encoding="utf-8")
    assert html.count('<div class="sheet">') == 1  # one grid: every row flows in it
    assert re.findall(r"<h2>(brief-\d+) · og 1200×630</h2>", html) == NAMES
    assert html.count("<img ") == len(NAMES)


def test_the_grid_labels_each_card_above_it():
    """In the sheet's SVG, each input's label sits above its card, in its column."""
    named = [(name, [cover(CORPUS_NAMES[k % len(CORPUS_NAMES)], "square")])
             for k, name in enumerate(NAMES)]
    svg, width, height = sheet_svg(rows_of(named), renderer().typesetter)
    tw, _ = thumb_size(named[0][1][0])
    found = list(re.finditer(r'<g role="img" aria-label="(brief-\d+) · square 1080×1080"',
                             svg))
    assert [m.group(1) for m in found] == NAMES
    # Where each label's first glyph is drawn (its baseline), in the order written.
    firsts = [GLYPH.search(svg, m.end()) for m in found]
    images = [(float(x), float(y)) for x, y in re.findall(r'<image x="([\d.]+)" y="([\d.]+)"',
                                                          svg)]
    per_line = _per_line(tw)
    assert len(images) == len(NAMES) and len({y for _, y in images}) == math.ceil(
        len(NAMES) / per_line)
    assert [x for x, _ in images[:per_line]] == [
        round(PAD + k * (tw + ROW_GAP), 2) for k in range(per_line)]
    for glyph, (x, y) in zip(firsts, images, strict=True):
        gx, gy = float(glyph.group(1)), float(glyph.group(2))
        assert abs(gx - x) < LABEL / 2 and y - 3 * LABEL * LABEL_PITCH < gy < y
    assert width == SHEET_WIDTH and height < 3 * (tw + 3 * LABEL + ROW_GAP) + 2 * PAD


def test_one_input_keeps_a_row_per_preset_wrapping():
    """Nine og cards of the seed wrap within the sheet; the next preset starts a line."""
    named = [("seed-putin-iran", [*cards_for("seed-putin-iran", "og"),
                                  *cards_for("seed-putin-iran", "story")])]
    rows = rows_of(named)
    assert [r.label for r in rows] == ["seed-putin-iran · og 1200×630",
                                       "seed-putin-iran · story 1080×1920"]
    lines = lines_of([tile_of(row, ROOM) for row in rows], ROOM)
    assert [[t.row.label for t in line] for line in lines] == [[r.label] for r in rows]
    og = lines[0][0]
    th = thumb_size(og.row.cards[0])[1]
    assert og.width <= ROOM and og.height > 2 * th  # wrapped onto three lines of cards
    html = sheet_html(rows)
    assert html.count('<div class="sheet">') == 2 and html.count("<h2>") == 2


def test_rows_of_one_preset_flow_together_whatever_the_inputs_order():
    """A folder at two presets: all og rows, then all square rows, each a grid."""
    named = [(name, [cover("headline-only", "og"), cover("headline-only", "square")])
             for name in NAMES[:6]]
    rows = rows_of(named)
    assert [r.preset for r in rows] == ["og"] * 6 + ["square"] * 6
    lines = lines_of([tile_of(row, ROOM) for row in rows], ROOM)
    assert all(len({t.row.preset for t in line}) == 1 for line in lines)
    assert len(lines) == math.ceil(6 / _per_line(lines[0][0].width)) + math.ceil(
        6 / _per_line(lines[-1][0].width))
