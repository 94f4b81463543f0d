"""Contact sheets: every card of every preset on one page, so a person can review them.

Two forms from the same rendered cards: a PNG (one SVG document holding each card as an
embedded ``data:`` image, labelled with typeset text, drawn by CairoSVG) and a
self-contained HTML page (each card inline as a data: URI, captions as HTML text).
Rows are one input at one preset; a row wraps when it gets wider than the sheet.
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
GAP = 20
LABEL = 22


class Row(msgspec.Struct, frozen=True):
    """One input at one preset: its label and cards, in carousel order."""

    label: str
    cards: tuple[RenderedCard, ...]


def rows_of(named: Sequence[tuple[str, Sequence[RenderedCard]]]) -> list[Row]:
    """Group each input's cards by preset, keeping the order they were rendered in."""
    rows: list[Row] = []
    for name, cards in named:
        by_preset: dict[str, list[RenderedCard]] = {}
        for card in cards:
            by_preset.setdefault(card.preset.name, []).append(card)
        for preset_name, group in by_preset.items():
            p = group[0].preset
            rows.append(Row(f"{name} · {preset_name} {p.label}", tuple(group)))
    return rows


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def sheet_svg(rows: Sequence[Row], typesetter: Typesetter) -> tuple[str, int, int]:
    """The contact sheet as one SVG (and its width and height)."""
    theme = BUILTIN_THEMES["light"]
    parts: list[str] = []
    y: float = PAD  # an int until a float is added: the SVG prints it as it is
    for row in rows:
        label = typesetter.text_box(
            row.label, x=PAD, y=y, width=SHEET_WIDTH - 2 * PAD, height=LABEL * 1.3 + 1,
            size=(LABEL, LABEL), max_lines=1, weight="bold", color=theme.text,
            line_height=1.3, direction="ltr",
        )
        parts.append(label.svg)
        y += LABEL * 1.3 + 1 + 10
        x: float = PAD
        th = THUMB_HEIGHT[row.cards[0].preset.family]
        for card in row.cards:
            tw = round(card.preset.width * th / card.preset.height, 2)
            if x + tw > SHEET_WIDTH - PAD and x > PAD:
                x, y = PAD, y + th + GAP
            parts.append(
                f'<rect x="{x - 1:.2f}" y="{y - 1:.2f}" width="{tw + 2:.2f}" '
                f'height="{th + 2}" fill="{theme.rule}"/>'
                f'<image x="{x:.2f}" y="{y}" width="{tw:.2f}" height="{th}" '
                f'href="{_data_uri(card.svg)}"/>'
            )
            x += tw + GAP
        y += th + GAP * 2
    height = int(y + PAD - GAP)
    body = "".join(parts)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SHEET_WIDTH}" height="{height}" '
        f'viewBox="0 0 {SHEET_WIDTH} {height}"><rect width="{SHEET_WIDTH}" height="{height}" '
        f'fill="#E9E6E0"/>{body}</svg>'
    )
    return svg, SHEET_WIDTH, height


def sheet_html(rows: Sequence[Row], title: str = "sharecard preview") -> str:
    """The contact sheet as a self-contained HTML page (no external resources)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        "<style>body{margin:24px;background:#e9e6e0;font:15px/1.4 system-ui,sans-serif;"
        "color:#121417}h2{font-size:17px;margin:28px 0 10px}"
        ".row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}"
        "figure{margin:0}figcaption{font-size:13px;color:#5b616b;margin-top:4px}"
        "img{display:block;outline:1px solid #d9d4ca}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    for row in rows:
        out.append(f"<h2>{html.escape(row.label)}</h2><div class=\"row\">")
        th = THUMB_HEIGHT[row.cards[0].preset.family]
        for card in row.cards:
            tw = round(card.preset.width * th / card.preset.height)
            alt = html.escape(card.title, quote=True)
            warn = f" · {len(card.warnings)} warning(s)" if card.warnings else ""
            out.append(
                f'<figure><img width="{tw}" height="{th}" alt="{alt}" '
                f'src="{_data_uri(card.svg)}"><figcaption>{html.escape(card.name)}'
                f"{html.escape(warn)}</figcaption></figure>"
            )
        out.append("</div>")
    out.append("</body></html>\n")
    return "\n".join(out)
