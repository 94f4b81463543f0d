"""Contact sheets: every card of every preset on one page, so a person can review them.

Two forms from the same rendered cards: a PNG (one SVG document holding each card as an
embedded ``data:`` image, labelled with typeset text, drawn by CairoSVG) and a
self-contained HTML page (each card inline as a data: URI, captions as HTML text).

A row is one input at one preset, labelled "name · preset": its cards left to right,
wrapping when wider than the sheet. Rows of one preset flow side by side and wrap like
words in a line, so a folder of one-card briefings is a compact grid, not a column of
lone cards (39 og covers: ten lines, not 39 rows); a new preset starts a new line. A
label wraps within its row's width (two lines at most) and the cards of a line start
below the tallest label, level with each other.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

from sharecard.cards.render import RenderedCard
from sharecard.cards.themes import BUILTIN_THEMES

if TYPE_CHECKING:
    from sharecard.typeset import Typesetter

THUMB_HEIGHT = {"landscape": 240, "square": 300, "portrait": 340, "story": 420}
SHEET_WIDTH = 2400
PAD = 32
GAP = 20  # between two cards of a row, and under a row's wrapped line of cards
ROW_GAP = 40  # between two rows side by side, and between lines of the sheet
LABEL = 22
LABEL_LINES = 2  # a label longer than its row's width wraps once, then is cut
LABEL_PITCH = 1.3
LABEL_GAP = 10  # between a line's labels and its cards


class Row(msgspec.Struct, frozen=True):
    """One input at one preset: its label and cards, in carousel order."""

    label: str
    cards: tuple[RenderedCard, ...]

    @property
    def preset(self) -> str:
        return self.cards[0].preset.name


class Tile(msgspec.Struct, frozen=True):
    """A row laid out within the sheet: its size and where each card's thumbnail goes
    (x, y, width, height), from the top left corner of its cards (under its label)."""

    row: Row
    width: float
    height: float
    thumbs: tuple[tuple[float, float, float, float], ...]


def rows_of(named: Sequence[tuple[str, Sequence[RenderedCard]]]) -> list[Row]:
    """Each input's cards by preset, in the order they were rendered; the rows of one
    preset together (presets in the order first drawn, inputs in theirs), so that they
    can flow into one grid."""
    by_preset: dict[str, list[Row]] = {}
    for name, cards in named:
        groups: dict[str, list[RenderedCard]] = {}
        for card in cards:
            groups.setdefault(card.preset.name, []).append(card)
        for preset_name, group in groups.items():
            label = f"{name} · {preset_name} {group[0].preset.label}"
            by_preset.setdefault(preset_name, []).append(Row(label, tuple(group)))
    return [row for rows in by_preset.values() for row in rows]


def thumb_size(card: RenderedCard) -> tuple[float, int]:
    """A card's thumbnail: the height of its layout family, its own aspect ratio."""
    th = THUMB_HEIGHT[card.preset.family]
    return round(card.preset.width * th / card.preset.height, 2), th


def tile_of(row: Row, room: float) -> Tile:
    """`row`'s cards left to right, wrapping at `room` (a card wider than it alone)."""
    x = y = width = height = 0.0
    thumbs: list[tuple[float, float, float, float]] = []
    for card in row.cards:
        tw, th = thumb_size(card)
        if x > 0 and x + tw > room:
            x, y = 0.0, height + GAP
        thumbs.append((x, y, tw, th))
        width, height = max(width, x + tw), max(height, y + th)
        x += tw + GAP
    return Tile(row, width, height, tuple(thumbs))


def lines_of(tiles: Sequence[Tile], room: float) -> list[list[Tile]]:
    """`tiles` flowed into lines `room` wide: each on the current line if it fits there
    and shows the same preset, else first on a new one."""
    lines: list[list[Tile]] = []
    x = 0.0
    for tile in tiles:
        last = lines[-1] if lines else None
        if last and last[-1].row.preset == tile.row.preset and x + tile.width <= room:
            last.append(tile)
        else:
            lines.append([tile])
            x = 0.0
        x += tile.width + ROW_GAP
    return lines


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def sheet_svg(rows: Sequence[Row], typesetter: Typesetter) -> tuple[str, int, int]:
    """The contact sheet as one SVG (and its width and height)."""
    theme = BUILTIN_THEMES["light"]
    room = SHEET_WIDTH - 2 * PAD
    parts: list[str] = []
    y: float = PAD  # an int until a float is added: the SVG prints it as it is
    for line in lines_of([tile_of(row, room) for row in rows], room):
        x: float = PAD
        band = 0.0  # the tallest label of the line
        for tile in line:
            label = typesetter.text_box(
                tile.row.label, x=x, y=y, width=tile.width,
                height=LABEL * LABEL_PITCH * LABEL_LINES + 1, size=(LABEL, LABEL),
                max_lines=LABEL_LINES, weight="bold", color=theme.text,
                line_height=LABEL_PITCH, direction="ltr",
            )
            parts.append(label.svg)
            band = max(band, LABEL * LABEL_PITCH * max(1, len(label.lines)) + 1)
            x += tile.width + ROW_GAP
        y += band + LABEL_GAP
        x = PAD
        for tile in line:
            for card, (tx, ty, tw, th) in zip(tile.row.cards, tile.thumbs, strict=True):
                parts.append(_thumb(card, x + tx, y + ty, tw, th, theme.rule))
            x += tile.width + ROW_GAP
        y += max(tile.height for tile in line) + ROW_GAP
    height = int(y - ROW_GAP + PAD) if rows else 2 * PAD
    body = "".join(parts)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SHEET_WIDTH}" height="{height}" '
        f'viewBox="0 0 {SHEET_WIDTH} {height}"><rect width="{SHEET_WIDTH}" height="{height}" '
        f'fill="#E9E6E0"/>{body}</svg>'
    )
    return svg, SHEET_WIDTH, height


def _thumb(card: RenderedCard, x: float, y: float, tw: float, th: float, rule: str) -> str:
    """One card, drawn at thumbnail size over a one-pixel frame."""
    return (f'<rect x="{x - 1:.2f}" y="{y - 1:.2f}" width="{tw + 2:.2f}" '
            f'height="{th + 2}" fill="{rule}"/>'
            f'<image x="{x:.2f}" y="{y:.2f}" width="{tw:.2f}" height="{th}" '
            f'href="{_data_uri(card.svg)}"/>')


def sheet_html(rows: Sequence[Row], title: str = "sharecard preview") -> str:
    """The contact sheet as a self-contained HTML page (no external resources). The
    browser flows it: a ``.sheet`` per preset wraps its rows, a ``.row`` its cards; a
    label takes no width of its own (it wraps within its row's cards)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        "<style>body{margin:24px;background:#e9e6e0;font:15px/1.4 system-ui,sans-serif;"
        "color:#121417}"
        ".sheet{display:flex;flex-wrap:wrap;gap:8px 32px;align-items:flex-start;"
        "margin-bottom:20px}"
        "section{max-width:100%}"
        "h2{font-size:17px;margin:20px 0 10px;width:0;min-width:100%;"
        "overflow-wrap:anywhere}"
        ".row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}"
        "figure{margin:0}figcaption{font-size:13px;color:#5b616b;margin-top:4px}"
        "img{display:block;outline:1px solid #d9d4ca}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    for n, row in enumerate(rows):
        if n == 0 or rows[n - 1].preset != row.preset:
            out.append(("</div>" if n else "") + '<div class="sheet">')
        out.append(f"<section><h2>{html.escape(row.label)}</h2><div class=\"row\">")
        for card in row.cards:
            tw, th = thumb_size(card)
            alt = html.escape(card.title, quote=True)
            warn = f" · {len(card.warnings)} warning(s)" if card.warnings else ""
            out.append(
                f'<figure><img width="{round(tw)}" height="{th}" alt="{alt}" '
                f'src="{_data_uri(card.svg)}"><figcaption>{html.escape(card.name)}'
                f"{html.escape(warn)}</figcaption></figure>"
            )
        out.append("</div></section>")
    if rows:
        out.append("</div>")
    out.append("</body></html>\n")
    return "\n".join(out)
