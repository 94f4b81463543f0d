"""A carousel: the briefing's cards at one preset as numbered slides, then a last slide
with the attribution and the link.

Platforms that reward series take them as one document (LinkedIn: a PDF, a page per
slide) or as numbered images (Instagram, Threads). Either way the reader swipes, so
every slide says where it is ("3/10") and the series ends on who made it and where to
read on — the footer of each card is too small to be that ending.

The cards are drawn by their templates with the carousel's length as their total, so a
section card's own counter reads "3/10" (the end slide counts). Templates number every
card but the cover; the cover gets its number here, on its own kicker row, in the style
and place the deck's other counters use (their box records say where), unless it would
touch other text — then it is left off and a warning says so. The end slide is drawn by
this module with the typesetter, in the theme's colours, from the briefing's brand,
tagline, a call to action over the link (shown as a reader would type it, clickable in
the PDF), date and sources — in the order the cards cite them (`deck_sources`), so the
ending does not reshuffle what the reader just swiped through; a briefing with neither
a brand nor a link gets no end slide (a slide with nothing to say is not drawn) and a
note.

Each slide is an SVG (what the PNG series is drawn from, like every card) plus the text
of its boxes (`SetText`), which the PDF's text layer replays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

import msgspec

from sharecard.cards.labels import labels_for
from sharecard.cards.presets import Preset
from sharecard.cards.render import (
    BoxRecord,
    DeckStyle,
    RenderedCard,
    card_view,
    text_direction,
)
from sharecard.cards.themes import Theme
from sharecard.carousel.endslide import end_slide
from sharecard.carousel.slide import CounterStyle, Slide, counter_text, overlaps, set_box
from sharecard.carousel.textlayer import SetText
from sharecard.model import Briefing, Diagnostic
from sharecard.paint.display import DisplayList
from sharecard.records import replace
from sharecard.typeset.svg import xml_text

if TYPE_CHECKING:
    from sharecard.cards.plan import CardSpec
    from sharecard.cards.render import CardRenderer
    from sharecard.paint.svgread import GlyphIndex
    from sharecard.typeset import Typesetter


class Carousel(msgspec.Struct, frozen=True):
    """The slides of one briefing at one preset, and what happened drawing them."""

    preset: Preset
    slides: tuple[Slide, ...]
    language: str | None
    direction: str
    warnings: tuple[Diagnostic, ...] = ()


def _box(records: Sequence[BoxRecord], name: str) -> BoxRecord | None:
    return next((b for b in records if b.name == name and b.lines), None)


def counter_style(cards: Sequence[RenderedCard], preset: Preset, theme: Theme,
                  rtl: bool) -> CounterStyle:
    """The deck's counter: the first card's that has one; else the kicker row's end
    (the right 30 % of the frame, the left on RTL cards) at the top of the frame."""
    for card in cards:
        found = _box(card.boxes, "counter")
        if found is not None:
            x, y, w, h = found.frame
            return CounterStyle(x, w, y, h, found.size, found.weight, found.color)
    f = preset.frame
    width = preset.width - f.left - f.right
    size = round(preset.short_side * 0.03, 2)
    x = f.left if rtl else f.left + width * 0.7
    return CounterStyle(x, width * 0.3, f.top, size * 1.3 + 1, size, "bold", theme.muted)


def _numbered(card: RenderedCard, style: CounterStyle, number: int, total: int,
              typesetter: Typesetter, direction: str
              ) -> tuple[str, tuple[SetText, ...], Diagnostic | None]:
    """The SVG of a card its template did not number (the cover) with its slide number
    on its kicker row; or as it is, with a warning, when the number would touch text."""
    kicker = _box(card.boxes, "kicker")
    y, height = (kicker.frame[1], kicker.frame[3]) if kicker else (style.y, style.height)
    size = kicker.size if kicker else style.size
    text = counter_text(number, total, card.language)
    box = set_box(typesetter, text, (style.x, y, style.width, height), size=(size, size),
                  max_lines=1, weight=style.weight, colour=style.colour, align="end",
                  line_height=1.3, language=card.language, direction=direction)
    drawn = [b for b in card.boxes if b.lines]
    if not box.lines or box.clamped or any(overlaps(box.bounds, b.bounds) for b in drawn):
        return card.svg, (), Diagnostic(
            "slide-number-left-off", "the slide number would touch other text on this "
            "card; it is left off", card.name)
    return _after_kicker(card.svg, kicker, box.svg), (
        SetText(text, box.lines, style.weight, box.clamped),), None


_WRAPPER = re.compile(r'<g transform="translate\([^)"]*\)">$')


def _after_kicker(svg: str, kicker: BoxRecord | None, fragment: str) -> str:
    """`svg` with `fragment` painted right after the kicker's text group (so the number
    is read after the kicker, as on the other cards), else just before ``</svg>``. The
    fragment goes after the whole element holding the kicker — a moved box is wrapped in
    a ``translate`` group, which must not move the number too."""
    if kicker is not None:
        head = f'<g role="img" aria-label="{xml_text(SetText(kicker.text, ()).label)}"'
        start = svg.find(head)
        if start >= 0:
            wrapper = _WRAPPER.search(svg, 0, start)
            if wrapper is not None:
                start = wrapper.start()
            end = _element_end(svg, start)
            if end is not None:
                return svg[:end] + "\n" + fragment + svg[end:]
    body = svg.rstrip()
    end = body.rindex("</svg>")
    return body[:end] + fragment + "\n" + body[end:] + "\n"


def _element_end(svg: str, start: int) -> int | None:
    """The end of the ``<g>`` element starting at `start` (text groups hold no other
    ``<g>``; attribute values are escaped, so tags are tags)."""
    depth, at = 0, start
    for tag in re.finditer(r"<g[\s>]|</g>", svg[start:]):
        depth += -1 if tag.group(0) == "</g>" else 1
        at = start + tag.end()
        if depth == 0:
            return at
    return None


def deck_sources(briefing: Briefing, specs: Sequence[CardSpec]) -> tuple[str, ...]:
    """Every cited source once, in the order the deck's cards list them in their footers
    (a card's own sources, as `card_view` gives its template), then any the cards do not
    show: the end slide sums the deck up in the order it was read."""
    labels = labels_for(briefing.language)
    direction = text_direction(briefing)
    cited = chain.from_iterable(card_view(briefing, spec, labels, None, direction).sources
                                for spec in specs)
    return tuple(dict.fromkeys(s for s in chain(cited, briefing.sources) if s))


def deck_cards(briefing: Briefing, specs: Sequence[CardSpec], preset: Preset, theme: Theme,
               renderer: CardRenderer) -> list[RenderedCard]:
    """The deck's cards drawn as slides of one design (`DeckStyle`): every stack at the
    top of the frame, so the kicker row is at one place on every slide, and every
    section heading at one size — the largest all of them take, found by drawing the
    deck once, then its sections again at that size."""
    drawn = [renderer.render(briefing, spec, preset, theme, DeckStyle()) for spec in specs]
    sizes = [box.size for card in drawn if card.kind == "section"
             for box in card.boxes if box.name == "heading" and box.lines]
    if len(set(sizes)) > 1:
        style = DeckStyle(heading_size=min(sizes))
        drawn = [renderer.render(briefing, spec, preset, theme, style)
                 if card.kind == "section" else card for spec, card in zip(specs, drawn,
                                                                           strict=True)]
    return drawn


def build_carousel(briefing: Briefing, cards: Sequence[str], preset: Preset, theme: Theme,
                   renderer: CardRenderer) -> Carousel:
    """The slides of `briefing` at `preset`: the `cards` asked for (cover, sections,
    quote… in the plan's reading order), numbered, then the end slide."""
    typesetter = renderer.typesetter
    direction = text_direction(briefing)
    specs, notes = renderer.plan(briefing, list(cards))
    attribution = briefing.attribution
    has_end = bool(briefing.url or (attribution is not None and attribution.brand))
    total = len(specs) + (1 if has_end else 0)
    drawn = deck_cards(briefing, [replace(spec, index=n, total=total)
                                  for n, spec in enumerate(specs, start=1)],
                       preset, theme, renderer)
    style = counter_style(drawn, preset, theme, direction == "rtl")
    warnings: list[Diagnostic] = list(notes)
    slides: list[Slide] = []
    for n, card in enumerate(drawn, start=1):
        warnings.extend(card.warnings)
        boxes = tuple(SetText(b.text, b.lines, b.weight, b.clamped) for b in card.boxes
                      if b.lines)
        svg, display = card.svg, card.display
        if total > 1 and _box(card.boxes, "counter") is None:
            svg, extra, note = _numbered(card, style, n, total, typesetter, direction)
            boxes += extra
            if note is not None:
                warnings.append(note)
            if svg != card.svg:
                display = None  # the number was written into the SVG: read it back
        slides.append(Slide(n, total, card.stem, card.title, svg, boxes, display=display))
    kickers = [k for k in (_box(card.boxes, "kicker") for card in drawn) if k is not None]
    kicker = (kickers[-1].text, kickers[-1].color) if kickers else None
    end, end_notes = end_slide(briefing, preset, theme, style, total, typesetter, kicker,
                               deck_sources(briefing, specs))
    warnings.extend(end_notes)
    if end is not None:
        slides.append(end)
    return Carousel(preset, tuple(slides), briefing.language, direction,
                    tuple(dict.fromkeys(warnings)))


def slide_display(slide: Slide, index: GlyphIndex) -> DisplayList | None:
    """The display list of a slide — THE one place its PNG and PDF page get their
    drawing from: the one recorded as it was drawn, else (a cover whose number was
    written into its SVG) read back from the slide's SVG (`sharecard.paint.svgread`),
    which gives None for SVG a display list cannot express (a user template's own; the
    PNG is then CairoSVG's, the PDF page outlines)."""
    if slide.display is not None:
        return slide.display
    from sharecard.paint.svgread import read_display_list

    return read_display_list(slide.svg, index)
