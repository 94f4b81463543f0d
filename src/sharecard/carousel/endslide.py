"""The carousel's last slide: who made the briefing and where to read on.

A swipe-through ends on the brand, not on the last section: the footer of each card
is too small to be that ending. Composition, in the theme's colours and the deck's
frame: the kicker row on top (with the slide number where the deck prints it), a centre
block — the logo, the brand large, its tagline, an accent rule, then a call to action
("Read the full briefing", in the briefing's language: `Labels.read_more`) over the link
as a reader would type it (clickable in the PDF) — and a bottom block above the frame's
edge with the date and every cited source, under a hairline, where the cards keep their
footer. Without a brand the centre block is the call to action and the link: a bare URL
does not say why to follow it.

The sources are listed in the order the deck's cards cite them (`slides.deck_sources`),
each name a bidi isolate on a right-to-left slide as in the cards' footers: a run of
Latin names in a Persian line is otherwise one left-to-right run, read backwards.

When the slide is full, the sources go first, then the date, then the tagline, then the
call to action (each noted): the tagline says least about where to read on, and without
the call to action the link still says where; brand and link are never dropped. Heights
are measured as the blocks are laid out. Each text runs in its own direction (an English
tagline keeps its full stop on the right on a Persian slide) and sits on the card's
reading side. A briefing with neither a brand nor a link gets no end slide.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import msgspec

from sharecard.cards.footer import display_url
from sharecard.cards.labels import labels_for
from sharecard.cards.presets import Preset
from sharecard.cards.render import text_direction
from sharecard.cards.themes import Theme
from sharecard.carousel.slide import (
    TOLERANCE,
    CounterStyle,
    Frame,
    Slide,
    counter_text,
    overlaps,
    set_box,
    text_direction_of,
)
from sharecard.carousel.textlayer import SetText
from sharecard.model import Briefing, Diagnostic
from sharecard.paint.display import DisplayList, GlyphRun, Op, Picture, Rect, to_svg
from sharecard.records import replace
from sharecard.typeset.bidi import isolate

if TYPE_CHECKING:
    from sharecard.typeset import TextBox, Typesetter

LINE_HEIGHT = 1.18
LINK_BLOCK = ("cta", "link")  # the call to action sits with the link it points to


class _Item(msgspec.Struct, frozen=True):
    """One text of the end slide."""

    name: str
    text: str
    size: tuple[float, float]  # in units of u (1 % of the short side)
    max_lines: int
    weight: str
    colour: str
    gap: float  # space above it, in u
    drop: int = 0  # leaves when the slide is full, lowest first; 0 = never


def shown_link(url: str) -> str:
    """The link as the slide prints it: what a reader would type — no scheme, no
    ``www.``, no query or fragment (tracking parameters stay in the PDF's link)."""
    parts = urlsplit(url)
    return display_url(urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")))


def _items(briefing: Briefing, theme: Theme, sources: Sequence[str]
           ) -> tuple[list[_Item], list[_Item]]:
    """(centre block, bottom block) of what the briefing has to say; `drop` is the
    order they leave a full slide in (see the module docstring)."""
    centre: list[_Item] = []
    attribution = briefing.attribution
    accent_text = theme.kicker or theme.accent
    if attribution is not None and attribution.brand:
        centre.append(_Item("brand", attribution.brand, (7.0, 12.0), 2, "bold", theme.text, 0))
        if attribution.tagline:
            centre.append(_Item("tagline", attribution.tagline, (3.8, 4.6), 3, "regular",
                                theme.body, 2.4, drop=3))
    if briefing.url:
        # Under a brand, the call to action is a line over the link; alone, it is the
        # slide's heading (a bare link says where, not why).
        branded = bool(centre)
        centre.append(_Item("cta", labels_for(briefing.language).read_more,
                            (3.6, 4.8) if branded else (5.0, 8.0), 2,
                            "regular" if branded else "bold", theme.text, 0, drop=4))
        centre.append(_Item("link", shown_link(briefing.url), (3.6, 4.8), 2, "bold",
                            accent_text, 1.2 if branded else 2.4))
    bottom: list[_Item] = []
    if briefing.date:
        bottom.append(_Item("date", briefing.date, (2.8, 2.8), 1, "regular", theme.muted, 0,
                            drop=2))
    if any(sources):
        # The text is decided by the composer: as many sources as fit, then "+N".
        bottom.append(_Item("sources", "", (2.7, 2.7), 3, "regular", theme.muted, 1.2,
                            drop=1))
    return centre, bottom


def _blocks(centre: list[_Item]) -> tuple[list[_Item], list[_Item]]:
    """(brand and tagline, call to action and link): the accent rule goes between."""
    return ([i for i in centre if i.name not in LINK_BLOCK],
            [i for i in centre if i.name in LINK_BLOCK])


def _sources_text(sources: Sequence[str], item: _Item, c: _Composer) -> str:
    """"Sources: a · b · +N" with as many of `sources` (in the cards' order) as the
    item's lines hold, as the cards' footer does it: never a name cut in the middle,
    each name in its own direction, so they read in the slide's order."""
    labels = labels_for(c.language)
    names = list(dict.fromkeys(s for s in sources if s))
    head = (labels.source if len(names) == 1 else labels.sources) + labels.colon
    sep = labels.separator
    shown = [isolate(name, c.direction) for name in names]
    text = ""
    for k in range(len(names), 0, -1):
        rest = len(names) - k
        text = head + sep.join(shown[:k]) + (f"{sep}+{labels.number(rest)}" if rest else "")
        if not c.set(replace(item, text=text), 0.0).clamped:
            break
    return text


class _Composer:
    """Sets the slide's texts on the card's reading side, each in its own direction."""

    def __init__(self, typesetter: Typesetter, briefing: Briefing, preset: Preset) -> None:
        self.typesetter = typesetter
        self.language = briefing.language
        self.direction = text_direction(briefing)
        self.u = preset.short_side / 100
        f = preset.frame
        self.x, self.width = f.left, preset.width - f.left - f.right
        self.placed: list[tuple[str, SetText, TextBox, str]] = []

    def own_direction(self, text: str) -> str:
        return text_direction_of(text) or self.direction

    def limit(self, item: _Item) -> float:
        return item.max_lines * item.size[1] * self.u * LINE_HEIGHT + 1

    def set(self, item: _Item, y: float, height: float | None = None) -> TextBox:
        direction = self.own_direction(item.text)
        align = "start" if direction == self.direction else "end"
        return set_box(self.typesetter, item.text,
                       (self.x, y, self.width, height or self.limit(item)),
                       size=(item.size[0] * self.u, item.size[1] * self.u),
                       max_lines=item.max_lines, weight=item.weight, colour=item.colour,
                       align=align, line_height=LINE_HEIGHT, language=self.language,
                       direction=direction, balance=item.name == "brand")

    def height(self, items: list[_Item]) -> float:
        """Height of `items` stacked with their gaps (measured at y = 0)."""
        return sum(self.set(item, 0.0).bottom + (item.gap * self.u if n else 0.0)
                   for n, item in enumerate(items))

    def keep(self, name: str, item_text: str, box: TextBox, colour: str, weight: str) -> None:
        direction = self.own_direction(item_text)
        own = direction if direction != self.direction else None
        self.placed.append((name, SetText(item_text, box.lines, weight, box.clamped, own),
                            box, colour))


def end_slide(briefing: Briefing, preset: Preset, theme: Theme, style: CounterStyle,
              number: int, typesetter: Typesetter, kicker: tuple[str, str] | None = None,
              sources: Sequence[str] | None = None,
              ) -> tuple[Slide | None, tuple[Diagnostic, ...]]:
    """The last slide (slide `number` of `number`), or None with a note when the briefing
    has neither a brand nor a link. `kicker` is the (text, colour) the deck's cards print
    on their kicker row; by default the "Briefing" label in the accent colour. `sources`
    are the cited sources in the order the deck's cards list them (by default the
    briefing's)."""
    attribution = briefing.attribution
    if not briefing.url and (attribution is None or not attribution.brand):
        return None, (Diagnostic("no-end-slide", "the briefing has neither a brand nor a "
                                 "link: the carousel ends with its last card"),)
    c = _Composer(typesetter, briefing, preset)
    u, x, width = c.u, c.x, c.width
    rtl = c.direction == "rtl"
    labels = labels_for(briefing.language)
    ops: list[Op] = [Rect(0, 0, preset.width, round(u * 1.1, 2), theme.accent)]
    notes: list[Diagnostic] = []

    # Kicker row, as the deck's section cards draw it.
    kicker_text, kicker_colour = kicker or (labels.briefing.upper(),
                                            theme.kicker or theme.accent)
    kicker_frame: Frame = (x + width * 0.3 if rtl else x, style.y, width * 0.7, style.height)
    kicker_box = set_box(typesetter, kicker_text, kicker_frame, size=(style.size, style.size),
                         max_lines=1, weight="bold", colour=kicker_colour, align="start",
                         line_height=1.3, language=c.language, direction=c.direction)
    c.keep("kicker", kicker_text, kicker_box, kicker_colour, "bold")
    count = counter_text(number, number, c.language)
    counter = set_box(typesetter, count, (style.x, style.y, style.width, style.height),
                      size=(style.size, style.size), max_lines=1, weight=style.weight,
                      colour=style.colour, align="end", line_height=1.3,
                      language=c.language, direction=c.direction)
    c.keep("counter", count, counter, style.colour, style.weight)

    cited = tuple(briefing.sources if sources is None else sources)
    centre, bottom_items = _items(briefing, theme, cited)
    for n, item in enumerate(bottom_items):
        if item.name == "sources":
            bottom_items[n] = replace(item, text=_sources_text(cited, item, c))
    top = max(kicker_box.bottom, counter.bottom) + 5.0 * u
    floor = preset.height - preset.frame.bottom
    logo = theme.logo
    logo_room = 11.0 * u if logo is not None else 0.0  # 8u of logo, 3u under it
    rule_room = 7.0 * u  # the accent rule between the brand block and the link

    def centre_height() -> float:  # logo, brand block, rule, link block: as laid out
        brand_block, link_block = _blocks(centre)
        return (logo_room + c.height(brand_block) + c.height(link_block)
                + (rule_room if brand_block and link_block else 0.0))

    def fits() -> bool:
        below = c.height(bottom_items) + 4.0 * u if bottom_items else 0.0
        return centre_height() + below <= floor - top

    while not fits():
        droppable = [i for i in (*centre, *bottom_items) if i.drop]
        if not droppable:
            break
        gone = min(droppable, key=lambda i: i.drop)
        (centre if gone in centre else bottom_items).remove(gone)
        notes.append(Diagnostic("end-slide-dropped", f"the end slide has no room for the "
                                f"{gone.name}; it is left out", f"{preset.name}-end"))

    # Bottom block: its last line on the frame's bottom edge, a hairline above it.
    limit = floor
    if bottom_items:
        y = floor - c.height(bottom_items)
        block_top = y
        for n, item in enumerate(bottom_items):
            y += item.gap * u if n else 0.0
            box = c.set(item, y)
            c.keep(item.name, item.text, box, item.colour, item.weight)
            y = box.bottom
        rule_y = round(block_top - 2.4 * u, 2)
        ops.append(Rect(x, rule_y, width, max(1.0, round(0.2 * u, 2)), theme.rule))
        limit = rule_y - 2.0 * u

    # Centre block, a little above the middle of what is left.
    brand_block, link_block = _blocks(centre)
    y = top + max(0.0, (limit - top - centre_height()) * 0.42)
    if logo is not None:
        logo_h = 8.0 * u
        logo_w = logo.size_for_height(logo_h)[0]
        ops.append(Picture(x + width - logo_w if rtl else x, y, logo_w, logo_h, logo.data_uri))
        y += logo_room
    for n, item in enumerate(brand_block):
        y += item.gap * u if n else 0.0
        box = c.set(item, y, max(1.0, min(c.limit(item), limit - y)))
        c.keep(item.name, item.text, box, item.colour, item.weight)
        y = box.bottom
    if brand_block and link_block:
        rule_w = 10.0 * u
        ops.append(Rect(x + width - rule_w if rtl else x, round(y + 3.2 * u, 2), rule_w,
                        round(0.6 * u, 2), theme.accent))
        y += rule_room
    link: tuple[str, str] | None = None
    for n, item in enumerate(link_block):
        y += item.gap * u if n else 0.0
        box = c.set(item, y, max(1.0, min(c.limit(item), limit - y)))
        c.keep(item.name, item.text, box, item.colour, item.weight)
        if item.name == "link" and box.lines and briefing.url:
            link = (briefing.url, c.placed[-1][1].label)
        y = box.bottom

    notes.extend(_problems(c.placed, preset))
    # Painted in reading order (top to bottom; the kicker row as placed): the order a
    # PDF's text comes out in.
    drawn = sorted(((text, box, colour) for _, text, box, colour in c.placed if box.lines),
                   key=lambda item: item[1].y if item[1].y > style.y + style.height else 0.0)
    ops.extend(GlyphRun(box.glyphs, colour, text.label) for text, box, colour in drawn)
    title = attribution.brand if attribution is not None and attribution.brand else (
        shown_link(briefing.url or ""))
    display = DisplayList(preset.width, preset.height, theme.background, tuple(ops), title)
    slide = Slide(number, number, "end", title, to_svg(display),
                  tuple(text for text, _, _ in drawn),
                  link=link[0] if link else None, link_label=link[1] if link else None,
                  display=display)
    return slide, tuple(notes)


def _problems(placed: list[tuple[str, SetText, TextBox, str]], preset: Preset
              ) -> list[Diagnostic]:
    """The card checks, for the end slide: inside the safe area, no overlap, no cut."""
    where = f"{preset.name}-end"
    drawn = [(name, box) for name, _, box, _ in placed if box.lines]
    safe = preset.safe
    notes: list[Diagnostic] = []
    for i, (name, box) in enumerate(drawn):
        x0, y0, x1, y1 = box.bounds
        if (x0 < safe.left - TOLERANCE or y0 < safe.top - TOLERANCE
                or x1 > preset.width - safe.right + TOLERANCE
                or y1 > preset.height - safe.bottom + TOLERANCE):
            notes.append(Diagnostic("outside-safe-area", f"end slide text '{name}' leaves "
                                    "the safe margin", where))
        notes.extend(Diagnostic("overlap", f"end slide texts '{name}' and '{other}' overlap",
                                where)
                     for other, box2 in drawn[i + 1:] if overlaps(box.bounds, box2.bounds))
        if box.clamped:
            notes.append(Diagnostic("clamped", f"end slide text '{name}' is cut with an "
                                    "ellipsis", where))
    return notes
