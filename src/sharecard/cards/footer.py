"""The attribution footer every card carries: brand, cited sources, date and URL.

It is laid out first, from the bottom edge of the safe area upward, and tells the
template where it starts (``top``): content gets only the space above it, so the two
cannot collide by construction. The sources take up to two lines, fitted by setting them
— as many domains as fit, then "+N" (with a warning naming the ones left out) — never
clipped mid-name. Every word is in the briefing's language (labels.py).

On a card whose direction differs from a part's own — a Latin URL, domain, date or brand
on a Persian, Arabic or Hebrew card — that part is a bidi isolate (`typeset.bidi.isolate`),
as the end slide sets each of its texts in its own direction: the URL keeps its
punctuation at its end and the sources read in the card's order, each name left to right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import msgspec

from sharecard.cards.canvas import Box, Canvas, Group, Image, Mark, Rect
from sharecard.cards.labels import Labels
from sharecard.model import Diagnostic
from sharecard.typeset.bidi import isolate

SOURCE_LINES = 2  # the sources may wrap once before names give way to "+N"
WORD_JOINER = "\u2060"  # after a hyphen inside a name: "source-/number.org" never splits


class FooterInfo(msgspec.Struct, frozen=True):
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


def sources_line(
    sources: Sequence[str], labels: Labels, fits: Callable[[str], bool],
    direction: str = "ltr",
) -> tuple[str, tuple[str, ...]]:
    """("Sources: a · b · +N", the names left out) with as many names as `fits` allows;
    on a card of `direction`, each name runs in its own (see the module docstring)."""
    names = list(dict.fromkeys(s for s in sources if s))
    if not names:
        return "", ()
    whole = {n: isolate(n.replace("-", "-" + WORD_JOINER), direction) for n in names}
    # The separator stays at the end of a line, never starts the next: "a ·/b", not "a/· b".
    sep = labels.separator
    sep = "\u00a0" + sep[1:] if sep.startswith(" ") else sep
    head = f"{labels.source if len(names) == 1 else labels.sources}{labels.colon}"
    for k in range(len(names), 0, -1):
        rest = len(names) - k
        more = f"{sep}+{labels.number(rest)}" if rest else ""
        text = head + sep.join(whole[n] for n in names[:k]) + more
        if fits(text):
            return text, tuple(names[k:])
    # Not even one name fits: give the first and let the text box clamp it.
    rest = len(names) - 1
    more = f"{sep}+{labels.number(rest)}" if rest else ""
    return head + whole[names[0]] + more, tuple(names[1:])


def draw_footer(
    canvas: Canvas,
    info: FooterInfo,
    *,
    size: float,
    gap: float | None = None,
    rule: bool = True,
    measure: float | None = None,
    brand_size: float | None = None,
    clear: float = 0.0,
) -> Group:
    """Lay the footer out at the bottom of the content frame; records its boxes on `canvas`.

    The sources wrap at `measure` (default: the frame's width), the deck's text measure,
    so presets of one family list the same sources in the same lines. The brand is a
    lockup at `brand_size` (default `size`): the logo as tall as the brand's line, so
    both still read where a feed shows the card small. The footer ends above a bottom
    band `clear` px tall (a landscape card's: where X lays its title pill over a link
    card, `TextSizes.clear`)."""
    preset = canvas.preset
    frame = preset.frame
    left, right = frame.left, preset.width - frame.right
    width = right - left
    src_width = width if measure is None else max(1.0, min(width, measure))
    row = round(size * 1.3 + 1, 2)
    bsize = size if brand_size is None else brand_size
    brand_row = round(bsize * 1.3 + 1, 2)
    pitch = 1.3
    gap = round(size * 0.9, 2) if gap is None else gap
    bottom = preset.height - max(frame.bottom, clear)
    marks: list[Mark] = []
    boxes: list[Box] = []

    direction = canvas.direction
    brand_text = (info.labels.shared_from.format(brand=isolate(info.brand, direction))
                  if info.brand else "")
    link = isolate(display_url(info.url), direction, own="ltr") if info.url else ""
    meta = info.labels.separator.join(
        p for p in (link, isolate(info.date or "", direction)) if p
    )
    logo = canvas.theme.logo
    logo_h = round(bsize * 1.25, 2)
    logo_w = logo.size_for_height(logo_h)[0] if logo else 0.0
    lead = logo_w + (bsize * 0.5 if logo and brand_text else 0.0)

    def fits(text: str) -> bool:
        if canvas.measure(text, size=size) <= src_width:
            return True
        box = canvas.text_box(text, x=left, y=0, width=src_width, height=row * SOURCE_LINES,
                              size=size, max_lines=SOURCE_LINES, line_height=pitch,
                              draft=True)
        return not box.clamped

    srcs, missing = sources_line(info.sources, info.labels, fits, direction)
    brand_w = canvas.measure(brand_text, size=bsize, weight="bold") if brand_text else 0.0
    meta_w = canvas.measure(meta, size=size) if meta else 0.0
    src_lines = 1 if not srcs or fits_one(canvas, srcs, size, src_width) else SOURCE_LINES
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
        tall = src_lines if row_items[0][0] == "footer.sources" else 1
        branded = any(n == "footer.brand" for n, _, _ in row_items)
        height = brand_row if branded else (
            row if tall == 1 else round(size * pitch * tall + 1, 2))
        y -= height
        for name, text, align in row_items:
            if not text:
                continue
            x0, w0 = left, width
            if name == "footer.sources":
                w0 = src_width
                x0 = right - w0 if canvas.rtl else left
            if name == "footer.brand" and lead:
                w0 = width - lead
                x0 = left if canvas.rtl else left + lead
            if name == "footer.brand" and len(row_items) > 1:
                w0 = min(w0, brand_w + bsize)  # leave the rest of the row to the meta box
                x0 = (right - lead - w0) if canvas.rtl else x0
            if name == "footer.meta" and len(row_items) > 1:
                w0 = meta_w + size
                x0 = left if canvas.rtl else right - w0
            at = bsize if name == "footer.brand" else size
            box = canvas.text_box(
                text, x=x0, y=y, width=w0, height=height, size=(at, at), max_lines=tall,
                weight="bold" if name == "footer.brand" else "regular",
                color="muted", align=align, line_height=pitch, name=name, role="footer",
                draft=True,
            )
            if branded and name == "footer.meta" and boxes and boxes[-1].layout.baselines \
                    and box.layout.baselines:  # on the brand's baseline
                box = box.moved(0, boxes[-1].layout.baselines[0] - box.layout.baselines[0])
            boxes.append(box)
        if logo and branded:
            lx = right - logo_w if canvas.rtl else left
            ly = y + (brand_row - logo_h) / 2
            marks.append(Image(round(lx, 2), round(ly, 2), logo_w, logo_h, logo.data_uri))
    top = y if rows else bottom
    if rule and rows:
        top = round(y - gap * 0.6, 2)
        marks.append(Rect(round(left, 2), top, round(width, 2), round(max(1.0, size * 0.08), 2),
                          canvas.theme.rule))
    notes: tuple[Diagnostic, ...] = ()
    if missing:
        notes = (Diagnostic("left-out", f"{len(missing)} source(s) shown as a count for lack "
                            f"of room: {', '.join(missing)}", "footer.sources"),)
    group = Group(tuple(boxes), tuple(marks), top, bottom, notes=notes)
    canvas.record(group)
    canvas.footer_top = top
    return group


def fits_one(canvas: Canvas, text: str, size: float, width: float) -> bool:
    """Whether `text` sets on one line at `size` within `width`."""
    return canvas.measure(text, size=size) <= width
