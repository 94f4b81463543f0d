"""The attribution footer every card carries: brand, cited sources, date and URL.

It is laid out first, from the bottom edge of the safe area upward, and tells the
template where it starts (``top``): content gets only the space above it, so the two
cannot collide by construction. The sources line is fitted by measuring — as many
domains as fit, then "+N" — never clipped mid-name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sharecard.cards.canvas import Box, Canvas, Group
from sharecard.cards.labels import Labels


@dataclass(frozen=True, slots=True)
class FooterInfo:
    """What the footer says. Any part may be absent; an absent part takes no room."""

    brand: str | None
    sources: tuple[str, ...]
    labels: Labels
    date: str | None = None
    url: str | None = None


def display_url(url: str) -> str:
    """A URL as a reader would type it: no scheme, no ``www.``, no trailing slash."""
    out = url.strip()
    for prefix in ("https://", "http://"):
        if out.lower().startswith(prefix):
            out = out[len(prefix):]
    if out.lower().startswith("www."):
        out = out[4:]
    return out.rstrip("/")


def sources_line(sources: Sequence[str], labels: Labels, fits: Callable[[str], bool]) -> str:
    """"Sources: a · b · +N" with as many names as `fits(text) -> bool` allows."""
    names = list(dict.fromkeys(s for s in sources if s))
    if not names:
        return ""
    head = f"{labels.sources}: "
    for k in range(len(names), 0, -1):
        rest = len(names) - k
        more = f"{labels.separator}+{rest}" if rest else ""
        text = head + labels.separator.join(names[:k]) + more
        if fits(text):
            return text
    # Not even one name fits: give the first and let the text box clamp it.
    rest = len(names) - 1
    return head + names[0] + (f"{labels.separator}+{rest}" if rest else "")


def draw_footer(
    canvas: Canvas,
    info: FooterInfo,
    *,
    size: float,
    gap: float | None = None,
    rule: bool = True,
) -> Group:
    """Lay the footer out at the bottom of the content frame; records its boxes on `canvas`."""
    preset = canvas.preset
    frame = preset.frame
    left, right = frame.left, preset.width - frame.right
    width = right - left
    row = round(size * 1.3 + 1, 2)
    gap = round(size * 0.9, 2) if gap is None else gap
    bottom = preset.height - frame.bottom
    decor: list[str] = []
    boxes: list[Box] = []

    brand_text = info.labels.shared_from.format(brand=info.brand) if info.brand else ""
    meta = info.labels.separator.join(
        p for p in (display_url(info.url) if info.url else "", info.date or "") if p
    )
    logo = canvas.theme.logo
    logo_h = round(size * 1.25, 2)
    logo_w = logo.size_for_height(logo_h)[0] if logo else 0.0
    lead = logo_w + (size * 0.5 if logo and brand_text else 0.0)

    def fits(text: str) -> bool:
        return canvas.measure(text, size=size) <= width

    srcs = sources_line(info.sources, info.labels, fits)
    brand_w = canvas.measure(brand_text, size=size, weight="bold") if brand_text else 0.0
    meta_w = canvas.measure(meta, size=size) if meta else 0.0
    # Rows, bottom first: sources; brand (+ meta on the same row when both fit).
    rows: list[list[tuple[str, str, str]]] = []  # (name, text, align)
    if srcs:
        rows.append([("footer.sources", srcs, "start")])
    if brand_text or logo:
        top_row = [("footer.brand", brand_text, "start")]
        if meta and lead + brand_w + size * 2 + meta_w <= width:
            top_row.append(("footer.meta", meta, "end"))
            meta = ""
        if meta:
            rows.insert(0, [("footer.meta", meta, "start")])
        rows.append(top_row)
    elif meta:
        rows.append([("footer.meta", meta, "start")])

    y = bottom
    for row_items in rows:
        y -= row
        for name, text, align in row_items:
            if not text:
                continue
            x0, w0 = left, width
            if name == "footer.brand" and lead:
                w0 = width - lead
                x0 = left if canvas.rtl else left + lead
            if name == "footer.brand" and len(row_items) > 1:
                w0 = min(w0, brand_w + size)  # leave the rest of the row to the meta box
                x0 = (right - lead - w0) if canvas.rtl else x0
            if name == "footer.meta" and len(row_items) > 1:
                w0 = meta_w + size
                x0 = left if canvas.rtl else right - w0
            box = canvas.text_box(
                text, x=x0, y=y, width=w0, height=row, size=(size, size), max_lines=1,
                weight="bold" if name == "footer.brand" else "regular",
                color="muted", align=align, line_height=1.3, name=name, role="footer",
            )
            boxes.append(box)
        if logo and any(n == "footer.brand" for n, _, _ in row_items):
            lx = right - logo_w if canvas.rtl else left
            ly = y + (row - logo_h) / 2
            decor.append(
                f'<image x="{lx:.2f}" y="{ly:.2f}" width="{logo_w:.2f}" height="{logo_h:.2f}" '
                f'href="{logo.data_uri}" preserveAspectRatio="xMidYMid meet"/>'  # type: ignore[union-attr]
            )
    top = y if rows else bottom
    if rule and rows:
        top = round(y - gap * 0.6, 2)
        decor.append(
            f'<rect x="{left:.2f}" y="{top:.2f}" width="{width:.2f}" '
            f'height="{max(1.0, size * 0.08):.2f}" fill="{canvas.theme.rule}"/>'
        )
    canvas.footer_top = top
    return Group(tuple(boxes), "".join(decor), top, bottom)
