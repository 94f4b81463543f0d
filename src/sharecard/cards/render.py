"""A card is a pure function of (briefing, card spec, preset, theme): SVG + layout record.

`render_card` fills a template with the briefing and a fresh `Canvas`, then checks what
the template drew — every text box inside the safe area, none overlapping another, all
content above the footer, text colours meeting WCAG AA — and returns the drawing (its
SVG and display list, see `printing`) with the geometry and warnings (among them every
text left out or cut, named). The heavy, shared parts (fonts, Typesetter, Jinja
environment) are passed in; `CardRenderer` bundles them for callers that render many
cards.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from sharecard.cards.canvas import Box, Canvas, quoted
from sharecard.cards.environment import TemplateLibrary
from sharecard.cards.fit import template_functions
from sharecard.cards.footer import FooterInfo, draw_footer
from sharecard.cards.labels import Labels, labels_for
from sharecard.cards.plan import CardSpec, plan_cards
from sharecard.cards.presets import Preset
from sharecard.cards.printing import Drawing, Printer, printing
from sharecard.cards.themes import AA_LARGE, AA_NORMAL, Theme, contrast_ratio
from sharecard.cards.typescale import text_sizes
from sharecard.errors import ConfigError
from sharecard.model import Briefing, Diagnostic
from sharecard.text import join_spaced, split_sentences
from sharecard.typeset.api import ELLIPSIS

if TYPE_CHECKING:
    from sharecard.paint.display import DisplayList
    from sharecard.typeset import Typesetter

TOLERANCE = 0.5  # px of anti-aliasing slack in geometry checks
MAX_QUOTE_SENTENCES = 2  # a pull quote stays short: its first two sentences at most


class BoxRecord(msgspec.Struct, frozen=True):
    """Where a text box landed and what it says: plain data for checks, tests and alt text."""

    name: str
    role: str
    text: str
    lines: tuple[str, ...]
    line_boxes: tuple[tuple[float, float, float, float], ...]  # tight ink box of each line
    bounds: tuple[float, float, float, float]
    frame: tuple[float, float, float, float]  # the box asked for: x, y, width, height
    size: float
    weight: str
    color: str
    background: str
    shrunk: bool
    clamped: bool
    baselines: tuple[float, ...] = ()  # of each line, y down

    @property
    def empty(self) -> bool:
        return not self.lines


class DeckStyle(msgspec.Struct, frozen=True):
    """What the slides of one carousel share, so a swipe reads as one design: templates
    see it as ``deck`` (none on a card of its own). The stack starts at the top of the
    frame on every slide, so the kicker row never moves; `heading_size` (px), when set,
    is the one size of every section heading of the deck."""

    heading_size: float | None = None


class RenderedCard(msgspec.Struct, frozen=True):
    """One drawn card: its SVG (the artifact) and display list, its layout record and
    its warnings."""

    kind: str
    stem: str
    index: int
    total: int
    preset: Preset
    theme: str
    drawing: Drawing
    boxes: tuple[BoxRecord, ...]
    footer_top: float | None
    warnings: tuple[Diagnostic, ...]
    title: str  # the card's main text as drawn (headline, section heading, pull quote)
    lines: tuple[str, ...]  # the other content it shows, one entry per text box (alt text)
    language: str | None

    @property
    def name(self) -> str:
        """``og-cover``, ``story-section-03``…: unique within a bundle."""
        return f"{self.preset.name}-{self.stem}"

    @property
    def svg(self) -> str:
        """The card as an SVG document (built on first use)."""
        return self.drawing.svg

    @property
    def display(self) -> DisplayList | None:
        """What the card draws as a display list (`sharecard.paint.display`), or None
        when its template writes SVG a display list cannot say (drawn by CairoSVG)."""
        return self.drawing.display

    @property
    def width(self) -> int:
        return self.preset.width

    @property
    def height(self) -> int:
        return self.preset.height


class CardView(msgspec.Struct, frozen=True):
    """What a template sees as ``card``: the content of this one card, ready to set."""

    kind: str
    index: int
    total: int
    counter: str  # "2/9" in a carousel (in the card's digits), "" for a single card
    kicker: str  # what the card is ("Briefing"), in the briefing's language
    brand: str  # who shares it ("Scout"), "" when nobody does
    headline: str
    bullets: tuple[str, ...]
    heading: str  # the section's heading (section card; the quote's section on a quote)
    sentences: tuple[str, ...]
    body_options: tuple[str, ...]  # all sentences, then one fewer… one: most complete first
    quote_options: tuple[str, ...]  # the first 2, 1 sentences: a pull quote stays short
    attribution: str  # "— iranwatch.org": the source a quote comes from
    sources: tuple[str, ...]
    language: str | None
    direction: str
    rtl: bool


def text_direction(briefing: Briefing) -> str:
    """``rtl`` for Arabic-script/Hebrew briefings (by language tag, decided as the
    typesetter decides it, else the headline's first strong character), otherwise ``ltr``."""
    from sharecard.typeset.bidi import language_is_rtl  # typeset loads on first render

    if briefing.language:
        return "rtl" if language_is_rtl(briefing.language) else "ltr"
    for char in briefing.headline:
        bidi = unicodedata.bidirectional(char)
        if bidi in ("R", "AL"):
            return "rtl"
        if bidi == "L":
            return "ltr"
    return "ltr"


def _options(sentences: tuple[str, ...], most: int | None = None) -> tuple[str, ...]:
    """The body with all its sentences, then one fewer, down to one: what a box tries.
    A space joins two sentences in every script but between CJK ones (a Thai space
    separates phrases and sentences, so it stays)."""
    n = len(sentences) if most is None else min(len(sentences), most)
    return tuple(join_spaced(list(sentences[:k])) for k in range(n, 0, -1)) or ("",)


def card_view(
    briefing: Briefing, spec: CardSpec, labels: Labels, brand: str | None, direction: str
) -> CardView:
    """The template's ``card`` for `spec`: its texts, counter, kicker and sources."""
    heading, attribution = "", ""
    sentences: tuple[str, ...] = ()
    sources = briefing.sources
    if spec.section is not None:
        heading = spec.section.heading
        sentences = tuple(split_sentences(spec.section.body))
        sources = spec.section.sources or briefing.sources
    elif spec.quote is not None:
        sentences = spec.quote.sentences
        credit = spec.quote.speaker + (labels.comma + spec.quote.role if spec.quote.role
                                       else "")
        attribution = labels.quote_source.format(source=credit)
        if spec.quote.section_index is not None:
            sources = briefing.sections[spec.quote.section_index].sources or briefing.sources
    return CardView(
        kind=spec.kind,
        index=spec.index,
        total=spec.total,
        counter=labels.counter(spec.index, spec.total),
        kicker=labels.briefing,
        brand=brand or "",
        headline=briefing.headline,
        bullets=briefing.bullets,
        heading=heading,
        sentences=sentences,
        body_options=_options(sentences),
        quote_options=_options(sentences, MAX_QUOTE_SENTENCES),
        attribution=attribution,
        sources=tuple(sources),
        language=briefing.language,
        direction=direction,
        rtl=direction == "rtl",
    )


def _record(box: Box) -> BoxRecord:
    lay = box.layout
    return BoxRecord(
        name=box.name,
        role=box.role,
        text=box.text,
        lines=tuple(lay.lines),
        line_boxes=tuple(tuple(round(v, 2) for v in b) for b in lay.line_boxes),  # type: ignore[misc]
        bounds=tuple(round(v, 2) for v in lay.bounds),  # type: ignore[arg-type]
        frame=(lay.x, lay.y, lay.width, lay.height),
        size=lay.size,
        weight=box.weight,
        color=box.color,
        background=box.background,
        shrunk=lay.shrunk,
        clamped=lay.clamped,
        baselines=tuple(round(b, 2) for b in lay.baselines),
    )


def layout_problems(
    boxes: tuple[BoxRecord, ...], preset: Preset, footer_top: float | None
) -> list[Diagnostic]:
    """What is wrong with a drawn layout: boxes outside the safe area, overlapping each
    other, content below the footer's top, text colours under WCAG AA."""
    problems: list[Diagnostic] = []
    safe = preset.safe
    x_min, y_min = safe.left - TOLERANCE, safe.top - TOLERANCE
    x_max = preset.width - safe.right + TOLERANCE
    y_max = preset.height - safe.bottom + TOLERANCE
    drawn = [b for b in boxes if not b.empty]
    for b in drawn:
        x0, y0, x1, y1 = b.bounds
        if x0 < x_min or y0 < y_min or x1 > x_max or y1 > y_max:
            problems.append(
                Diagnostic("outside-safe-area", f"text box '{b.name}' leaves the safe margin",
                           f"bounds {b.bounds}")
            )
        if footer_top is not None and b.role != "footer" and y1 > footer_top + TOLERANCE:
            problems.append(
                Diagnostic("footer-collision", f"text box '{b.name}' runs into the footer")
            )
        large = b.size >= 24 or (b.weight == "bold" and b.size >= 18.66)  # WCAG "large"
        need = AA_LARGE if large else AA_NORMAL
        if contrast_ratio(b.color, b.background) < need:
            problems.append(
                Diagnostic("low-contrast", f"text box '{b.name}' colour {b.color} is under "
                           f"WCAG AA ({need}:1) on {b.background}")
            )
    for i, a in enumerate(drawn):
        for b in drawn[i + 1:]:
            ax0, ay0, ax1, ay1 = a.bounds
            bx0, by0, bx1, by1 = b.bounds
            wide = min(ax1, bx1) - max(ax0, bx0)
            tall = min(ay1, by1) - max(ay0, by0)
            if wide > TOLERANCE and tall > TOLERANCE:
                problems.append(
                    Diagnostic("overlap", f"text boxes '{a.name}' and '{b.name}' overlap")
                )
    return problems


def _check_svg(svg: str, where: str) -> None:
    from xml.etree import ElementTree  # only for a template that writes SVG (start-up)

    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as exc:
        raise ConfigError(f"template output is not well-formed SVG: {exc}", where) from None
    if root.tag != "{http://www.w3.org/2000/svg}svg":
        raise ConfigError("template output's root element is not an SVG <svg>", where)


def render_card(
    briefing: Briefing,
    spec: CardSpec,
    preset: Preset,
    theme: Theme,
    *,
    typesetter: Typesetter,
    env: TemplateLibrary,
    deck: DeckStyle | None = None,
) -> RenderedCard:
    """Draw one card. Brand, URL and date come from the briefing (`sharecard.pipeline` applies
    the settings' overrides to it first). A slide of a carousel gets its `deck` style.
    Raises ConfigError for a broken template."""
    brand = (briefing.attribution.brand if briefing.attribution else None) or None
    direction = text_direction(briefing)
    labels = labels_for(briefing.language, _briefing_texts(briefing))
    view = card_view(briefing, spec, labels, brand, direction)
    info = FooterInfo(
        brand=brand,
        sources=view.sources,
        labels=labels,
        date=briefing.date,
        url=briefing.url,
    )
    sizes = text_sizes(preset)
    template = env.lookup(spec.kind, preset.family)

    def run(lazy: bool) -> tuple[Canvas, Drawing]:
        """One template run on a fresh canvas: what it drew and printed."""
        canvas = Canvas(typesetter, preset, theme, language=briefing.language,
                        direction=direction)

        def footer(size: float | None = None, rule: bool = True) -> Any:
            fsize = float(size) if size is not None else sizes.footer
            return draw_footer(canvas, info, size=fsize, rule=rule, measure=sizes.measure,
                               brand_size=max(fsize, sizes.label), clear=sizes.clear)

        context = {
            "briefing": briefing,
            "card": view,
            "preset": preset,
            "safe": preset.safe,
            "theme": theme,
            "labels": labels,
            "sizes": sizes,
            "text_box": canvas.text_box,
            "bullets": canvas.bullets,
            "rect": canvas.rect,
            "measure": canvas.measure,
            "mirror": canvas.mirror,
            "place": canvas.place,
            "footer": footer,
            "rtl": view.rtl,
            "deck": deck,
            **template_functions(canvas),
        }
        with printing(Printer(lazy=lazy)) as printer:
            output = env.render(template, context)
        return canvas, Drawing(output, printer, preset.width, preset.height)

    # Built-in templates print lazily (no SVG is built until asked for); should a
    # print go astray, the eager run says what the template meant.
    canvas, drawing = run(lazy=env.builtin_only)
    if not drawing.complete:
        canvas, drawing = run(lazy=False)
    where = template.filename or template.name or spec.kind
    if not drawing.paintable:  # a paintable drawing is well-formed by construction
        _check_svg(drawing.svg, _display(where))
    records = tuple(_record(b) for b in canvas.boxes)
    warnings: list[Diagnostic] = []
    context_name = f"{preset.name}-{spec.stem}"
    for box in canvas.boxes:
        for w in box.layout.warnings:
            message = _clamp_message(box, briefing.language) if w.code == "clamped" else w.message
            warnings.append(Diagnostic(w.code, message, f"{context_name}: {box.name}"))
    for note in canvas.notes:
        warnings.append(Diagnostic(note.code, note.message, f"{context_name}: {note.detail}"))
    if canvas.footer_top is None:
        warnings.append(Diagnostic("no-footer", "the template drew no attribution footer",
                                   context_name))
    if spec.kind == "section" and not any(b.role == "text" and not b.empty for b in records):
        warnings.append(Diagnostic("no-body", f"section '{view.heading}' is drawn without "
                                   "its text", context_name))
    for p in layout_problems(records, preset, canvas.footer_top):
        warnings.append(Diagnostic(p.code, p.message, f"{context_name}: {p.detail}".rstrip(": ")))
    title, lines = _alt_parts(records, view)
    return RenderedCard(
        kind=spec.kind,
        stem=spec.stem,
        index=spec.index,
        total=spec.total,
        preset=preset,
        theme=theme.name,
        drawing=drawing,
        boxes=records,
        footer_top=canvas.footer_top,
        warnings=tuple(warnings),
        title=title,
        lines=lines,
        language=briefing.language,
    )


def _briefing_texts(briefing: Briefing) -> tuple[str, ...]:
    """The briefing's own words: their digits are the ones its cards count in."""
    return (briefing.headline, *briefing.bullets, briefing.lede,
            *(f"{s.heading} {s.body}" for s in briefing.sections))


def _clamp_message(box: Box, language: str | None) -> str:
    """A clamp warning that names what the ellipsis hides."""
    lines = box.layout.lines
    shown = "".join(line.removesuffix("…") for line in lines)
    count = len("".join(shown.split()))
    text, seen, cut = box.text, 0, len(box.text)
    for i, char in enumerate(text):
        if seen >= count:
            cut = i
            break
        if not char.isspace():
            seen += 1
    rest = text[cut:].strip()
    return (f"text cut to {len(lines)} line(s) with an ellipsis; left out: "
            f"{quoted(rest) if rest else '(the end of a word)'}")


def _shown(box: BoxRecord) -> str:
    """The text a box shows: all of it, or, when clamped, the text up to where its last
    line ends and the ellipsis. Cut from the text itself rather than joining the lines:
    a line may end at a space (which the join must put back) or between two Thai or
    Japanese words (where it must not)."""
    if not box.clamped:
        return box.text
    end = 0
    for line in box.lines:
        piece = line.removesuffix(ELLIPSIS)
        found = box.text.find(piece, end)
        if found < 0:  # a line re-shaped at its cut: fall back to the lines as drawn
            return join_spaced(list(box.lines))
        end = found + len(piece)
    return box.text[:end] + (ELLIPSIS if box.lines and box.lines[-1].endswith(ELLIPSIS) else "")


def _alt_parts(records: tuple[BoxRecord, ...], view: CardView) -> tuple[str, tuple[str, ...]]:
    """(title, lines) for alt text: the role="title" box, then each content box, in
    drawing order; labels, ornaments and the footer are left out."""
    drawn = [b for b in records if not b.empty]
    titles = [b for b in drawn if b.role == "title"]
    fallback = {"cover": view.headline, "section": view.heading}.get(
        view.kind, view.sentences[0] if view.sentences else view.headline
    )
    title = _shown(titles[0]) if titles else fallback
    lines = tuple(_shown(b) for b in drawn if b.role == "text")
    return title, lines


def _display(filename: str) -> str:
    return filename if not Path(filename).is_absolute() else Path(filename).name


class CardRenderer:
    """Fonts, Typesetter and templates loaded once per process; renders any number of
    cards. Holds no per-card state, so one instance can serve a whole batch."""

    def __init__(
        self,
        *,
        templates: str | Path | None = None,
        fonts: tuple[str | Path, ...] = (),
        typesetter: Typesetter | None = None,
    ) -> None:
        from sharecard.typeset import FontLibrary, Typesetter

        self.env = TemplateLibrary(templates)
        self.typesetter = typesetter or Typesetter(FontLibrary.default(fonts))
        self._kinds: list[str] | None = None

    def kinds(self) -> list[str]:
        """Card kinds there is a template for: listed once, as the templates are loaded
        once (a renderer serves many cards)."""
        if self._kinds is None:
            self._kinds = self.env.kinds()
        return list(self._kinds)

    def plan(
        self, briefing: Briefing, cards: tuple[str, ...] | list[str]
    ) -> tuple[tuple[CardSpec, ...], tuple[Diagnostic, ...]]:
        return plan_cards(briefing, cards, available=self.kinds())

    def render(
        self, briefing: Briefing, spec: CardSpec, preset: Preset, theme: Theme,
        deck: DeckStyle | None = None,
    ) -> RenderedCard:
        return render_card(briefing, spec, preset, theme, typesetter=self.typesetter,
                           env=self.env, deck=deck)
