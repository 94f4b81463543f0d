"""The template API: what a card template can call, and the record of what it drew.

A `Canvas` is made per card. Templates call `text_box`, `bullets`, `rect`, `measure`,
`footer` and `mirror` on it (and `compose`, see fit.py); each text box is typeset by the
shared Typesetter (text becomes glyph outlines) and recorded with its name, colour and
geometry, so the renderer can check the layout (inside the safe margin, no overlaps,
content above the footer, WCAG contrast) and report every shrink, clamp and left-out
item — without trusting the template to do so. Non-text marks (rules, bullet markers,
the logo) are recorded too, as plain data (`Rect`, `Image`).

What a template *prints* (``{{ box }}``, a list, a rect) goes through `printing.emit`:
each printable object knows its display-list ops and its SVG fragment, so the card's
display list is recorded in paint order as the template prints, and its SVG is built
only when asked for (see `sharecard.cards.printing`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import msgspec
from markupsafe import Markup

from sharecard.cards.presets import Preset
from sharecard.cards.printing import emit
from sharecard.cards.sandbox import tick
from sharecard.cards.themes import COLOUR_KEYS, Theme, parse_colour
from sharecard.errors import ConfigError
from sharecard.model import Diagnostic
from sharecard.paint import display
from sharecard.records import replace

if TYPE_CHECKING:
    from sharecard.typeset import TextBox, Typesetter

WEIGHTS = ("regular", "bold")
ALIGNS = ("start", "center", "end")
ROLES = (*COLOUR_KEYS, "kicker")  # theme colours a template may name instead of a hex
QUOTE_CHARS = 60  # how much of a left-out text a warning quotes


def quoted(text: str, limit: int = QUOTE_CHARS) -> str:
    """`text` in quotation marks for a warning, shortened to about `limit` characters."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


class _Printable:
    """What a mark a template prints shares: its SVG is its fragment, and printing it
    records it (`emit`) where the Canvas keeps a display list."""

    __slots__ = ()

    @property
    def svg(self) -> str:
        raise NotImplementedError

    def svg_fragment(self) -> str:
        return self.svg

    def __html__(self) -> str:
        return emit(self)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.svg


class Rect(msgspec.Struct, _Printable, frozen=True):
    """A filled rectangle (a bar, a rule, a bullet marker)."""

    x: float
    y: float
    width: float
    height: float
    fill: str

    @property
    def svg(self) -> str:
        return (f'<rect x="{self.x:.2f}" y="{self.y:.2f}" width="{self.width:.2f}" '
                f'height="{self.height:.2f}" fill="{self.fill}"/>')

    def moved(self, dx: float, dy: float) -> Rect:
        return replace(self, x=self.x + dx, y=self.y + dy)

    def display_ops(self) -> tuple[display.Op, ...]:
        return (display.Rect(self.x, self.y, self.width, self.height, self.fill),)


class Image(msgspec.Struct, _Printable, frozen=True):
    """An embedded image (the logo): a ``data:`` URI only, fitted inside its box."""

    x: float
    y: float
    width: float
    height: float
    href: str

    @property
    def svg(self) -> str:
        return (f'<image x="{self.x:.2f}" y="{self.y:.2f}" width="{self.width:.2f}" '
                f'height="{self.height:.2f}" href="{self.href}" '
                'preserveAspectRatio="xMidYMid meet"/>')

    def moved(self, dx: float, dy: float) -> Image:
        return replace(self, x=self.x + dx, y=self.y + dy)

    def display_ops(self) -> tuple[display.Op, ...]:
        return (display.Picture(self.x, self.y, self.width, self.height, self.href),)


Mark = Rect | Image


class Box(msgspec.Struct, frozen=True):
    """One typeset text box as a template sees it: prints as its SVG, and exposes the
    geometry for placing the next box (``bottom``, ``bounds``, ``lines``…)."""

    name: str
    role: str
    text: str
    color: str
    background: str
    weight: str
    layout: TextBox
    notes: tuple[Diagnostic, ...] = ()  # what the box left out (a later alternative…)

    def __html__(self) -> str:
        return emit(self)

    def __str__(self) -> str:
        return self.layout.svg

    @property
    def svg(self) -> Markup:
        """The box's SVG fragment. Printing ``{{ box }}`` records it for drawing;
        printing ``{{ box.svg }}`` writes SVG the display list does not know."""
        return Markup(self.layout.svg)

    def display_ops(self) -> tuple[display.Op, ...]:
        lay = self.layout
        if not lay.placed:
            return ()
        return (display.GlyphRun(lay.glyphs, lay.fill, lay.label),)

    def svg_fragment(self) -> str:
        return self.layout.svg

    @property
    def x(self) -> float:
        return self.layout.x

    @property
    def y(self) -> float:
        return self.layout.y

    @property
    def width(self) -> float:
        return self.layout.width

    @property
    def height(self) -> float:
        return self.layout.height

    @property
    def right(self) -> float:
        return self.layout.x + self.layout.width

    @property
    def size(self) -> float:
        return self.layout.size

    @property
    def lines(self) -> tuple[str, ...]:
        return self.layout.lines

    @property
    def line_boxes(self) -> tuple[tuple[float, float, float, float], ...]:
        return self.layout.line_boxes

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """Tight ink bounds (x0, y0, x1, y1) of everything drawn."""
        return self.layout.bounds

    @property
    def top(self) -> float:
        """Ink top; the asked-for ``y`` when nothing was drawn."""
        return self.layout.bounds[1] if self.lines else self.layout.y

    @property
    def bottom(self) -> float:
        """Bottom of the last line box: where the next box may start (plus a gap)."""
        return self.layout.bottom

    @property
    def empty(self) -> bool:
        return not self.lines

    @property
    def shrunk(self) -> bool:
        return self.layout.shrunk

    @property
    def clamped(self) -> bool:
        return self.layout.clamped

    @property
    def direction(self) -> str:
        return self.layout.direction

    def moved(self, dx: float, dy: float) -> Box:
        """The same box, translated: identical lines, so a draft can be measured first
        and then placed where the composition wants it."""
        return replace(self, layout=self.layout.moved(dx, dy))


class Group(msgspec.Struct, frozen=True):
    """Several boxes drawn together (a bullet list, the footer) plus their marks."""

    boxes: tuple[Box, ...]
    marks: tuple[Mark, ...]  # non-text marks (bullet markers, rules, a logo)
    top: float
    bottom: float
    dropped: int = 0  # items that did not fit and were left out
    notes: tuple[Diagnostic, ...] = ()  # one per item left out

    def __html__(self) -> str:
        return emit(self)

    def __str__(self) -> str:
        return self.svg_fragment()

    def display_ops(self) -> tuple[display.Op, ...]:
        """Marks first (markers, rule, logo), then the boxes: the SVG's order."""
        return (*(op for m in self.marks for op in m.display_ops()),
                *(op for b in self.boxes for op in b.display_ops()))

    def svg_fragment(self) -> str:
        return "".join(m.svg for m in self.marks) + "".join(b.layout.svg for b in self.boxes)

    @property
    def y(self) -> float:
        return self.top

    @property
    def count(self) -> int:
        return len(self.boxes)

    def moved(self, dx: float, dy: float) -> Group:
        if not (dx or dy):
            return self
        return replace(self, boxes=tuple(b.moved(dx, dy) for b in self.boxes),
                       marks=tuple(m.moved(dx, dy) for m in self.marks),
                       top=self.top + dy, bottom=self.bottom + dy)

    @property
    def empty(self) -> bool:
        return not self.boxes


def _sizes(size: Any) -> tuple[float, float]:
    if isinstance(size, (int, float)):
        return float(size), float(size)
    if isinstance(size, (list, tuple)) and len(size) == 2:
        lo, hi = float(size[0]), float(size[1])
        return min(lo, hi), max(lo, hi)
    raise ConfigError(f"size must be a number or (min, max), not {size!r}")


def _num(value: Any, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{what} must be a number, not {value!r}") from None
    if not math.isfinite(number):
        raise ConfigError(f"{what} must be a finite number")
    return number


class Canvas(msgspec.Struct):
    """Per-card template API over the shared Typesetter; records every box drawn."""

    typesetter: Typesetter
    preset: Preset
    theme: Theme
    language: str | None = None
    direction: str = "ltr"
    boxes: list[Box] = msgspec.field(default_factory=list)
    marks: list[Mark] = msgspec.field(default_factory=list)
    notes: list[Diagnostic] = msgspec.field(default_factory=list)  # left-out content, per box name
    footer_top: float | None = None
    _probe: dict[tuple[float, str], float] = msgspec.field(default_factory=dict)
    # Text set so far, by everything that decides it: a fit tries a list with one item
    # fewer, or a footer measures its sources, and gets the very boxes it set before.
    _set: dict[tuple[Any, ...], TextBox] = msgspec.field(default_factory=dict)

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    # ---- colours -------------------------------------------------------------------
    def colour(self, value: str | None, default: str = "text") -> str:
        """A theme role (text, body, muted, kicker, accent, rule, background) or a hex."""
        value = value or default
        if value in ROLES:
            return getattr(self.theme, value)
        return parse_colour(value)

    # ---- text ----------------------------------------------------------------------
    def text_box(
        self,
        text: str | Sequence[str],
        *,
        x: float,
        y: float,
        width: float,
        height: float,
        size: Any = (16, 16),
        max_lines: int | None = None,
        weight: str = "regular",
        color: str | None = None,
        align: str = "start",
        balance: bool = False,
        line_height: float = 1.2,
        name: str | None = None,
        role: str = "text",
        background: str | None = None,
        draft: bool = False,
    ) -> Box:
        """Typeset `text` into the box and record it.

        `text` may be a list of alternatives, best first (e.g. three sentences, then two,
        then one): the first that fits without an ellipsis wins, else the last, clamped.
        `align` is relative to the card's direction: ``start`` is the right edge on an
        RTL card. `color` is a theme role or a hex colour. A `draft` box is not drawn
        or checked until it is passed to `place` (measure first, then position).
        """
        if weight not in WEIGHTS:
            raise ConfigError(f"weight must be one of {', '.join(WEIGHTS)}, not {weight!r}")
        if align not in ALIGNS:
            raise ConfigError(f"align must be one of {', '.join(ALIGNS)}, not {align!r}")
        geometry = {
            "x": _num(x, "x"),
            "y": _num(y, "y"),
            "width": max(1.0, _num(width, "width")),
            "height": max(1.0, _num(height, "height")),
        }
        options = [text] if isinstance(text, str) else [str(t) for t in text] or [""]
        fill = self.colour(color, "text")
        sizes = _sizes(size)
        pitch = _num(line_height, "line_height")
        if max_lines is None:  # as many lines as fit at the smallest size
            max_lines = max(1, int(geometry["height"] // (sizes[0] * pitch)))
        chosen, layout, shorter = "", None, False
        most = int(max_lines)
        for n, option in enumerate(options):
            chosen, shorter = option, n > 0
            key = (option, *geometry.values(), sizes, most, weight, fill, align, pitch,
                   bool(balance))
            layout = self._set.get(key)
            if layout is None:
                tick()  # the render's deadline, between two measurements
                layout = self.typesetter.text_box(
                    option, x=geometry["x"], y=geometry["y"], width=geometry["width"],
                    height=geometry["height"], size=sizes, max_lines=most, weight=weight,
                    color=fill, align=align, line_height=pitch, balance=bool(balance),
                    language=self.language, direction=self.direction,
                )
                self._set[key] = layout
            if not layout.clamped:
                break
        assert layout is not None
        label = name or f"box{len(self.boxes) + 1}"
        notes = (shortened(label, options[0], chosen),) if shorter else ()
        box = Box(label, role, chosen, fill, self.colour(background, "background"), weight,
                  layout, notes)
        if not draft:
            self.record(box)
        return box

    def record(self, item: Box | Group | Mark) -> None:
        """Keep `item` as drawn: its boxes are checked, its marks and notes kept."""
        if isinstance(item, Box):
            self.boxes.append(item)
            self.notes.extend(item.notes)
        elif isinstance(item, Group):
            self.marks.extend(item.marks)
            for box in item.boxes:
                self.record(box)
            self.notes.extend(item.notes)
        else:
            self.marks.append(item)

    def place(self, item: Box | Group, dx: float = 0, dy: float = 0) -> Box | Group:
        """Draw a draft box or list, moved by (dx, dy); it is then recorded and checked."""
        if not isinstance(item, (Box, Group)):
            raise ConfigError("place() takes a text box or a list made with draft=true")
        moved = item.moved(_num(dx, "dx"), _num(dy, "dy"))
        self.record(moved)
        return moved

    def rect(
        self, *, x: float, y: float, width: float, height: float, color: str | None = "accent",
        draft: bool = False,
    ) -> Rect:
        """A filled rectangle in a theme role or hex colour (default: the accent)."""
        mark = Rect(round(_num(x, "x"), 2), round(_num(y, "y"), 2),
                    round(max(0.0, _num(width, "width")), 2),
                    round(max(0.0, _num(height, "height")), 2), self.colour(color, "accent"))
        if not draft:
            self.record(mark)
        return mark

    def measure(self, text: str, *, size: float, weight: str = "regular") -> float:
        """Advance width of `text` on one line at `size` (px)."""
        return float(
            self.typesetter.measure(
                str(text), size=_num(size, "size"), weight=weight, language=self.language
            )
        )

    def mirror(self, x: float, width: float = 0) -> float:
        """`x` of a thing `width` wide, mirrored across the card on an RTL card."""
        x, width = _num(x, "x"), _num(width, "width")
        return round(self.preset.width - x - width, 2) if self.rtl else x

    def _x_height(self, size: float, weight: str) -> float:
        """Ink height of "x" at `size`: bullet markers sit centred on the x-height."""
        key = (size, weight)
        if key not in self._probe:
            probe = self.typesetter.text_box(
                "x", x=0, y=0, width=size * 4, height=size * 3, size=(size, size),
                max_lines=1, weight=weight, direction="ltr",
            )
            self._probe[key] = probe.bounds[3] - probe.bounds[1]
        return self._probe[key]

    def bullets(
        self,
        items: Sequence[str],
        *,
        x: float,
        y: float,
        width: float,
        height: float,
        size: float = 24,
        gap: float | None = None,
        line_height: float = 1.3,
        max_items: int | None = None,
        max_lines: int | None = None,
        color: str | None = "body",
        marker_color: str | None = "accent",
        weight: str = "regular",
        name: str = "bullet",
        draft: bool = False,
    ) -> Group:
        """A list with hanging square markers: as many whole items as fit the box.

        Items are spaced baseline to baseline: an item's first line sits one line pitch
        plus `gap` under the last line of the item before, whether that item wrapped or
        not and whatever its descenders, so the space between items is the same
        everywhere and larger than the leading inside one. The first item is always
        drawn (clamped if it must be); a later item that would need an ellipsis is left
        out with the rest, and the count is reported.
        """
        size = _num(size, "size")
        x, y = _num(x, "x"), _num(y, "y")
        width, height = _num(width, "width"), _num(height, "height")
        gap = size * 0.7 if gap is None else _num(gap, "gap")
        indent = round(size * 1.05, 2)
        mark = round(size * 0.32, 2)
        limit = y + height
        texts = [str(t) for t in items if str(t).strip()]
        if max_items is not None:
            texts = texts[: int(max_items)]
        boxes: list[Box] = []
        marks: list[Mark] = []
        cursor = y
        fill = self.colour(marker_color, "accent")
        pitch = size * line_height
        for n, text in enumerate(texts):
            tick()
            if boxes and boxes[-1].layout.baselines:
                # Baseline to baseline: the next item's first baseline is one line pitch
                # (with the room its scripts need, as between two lines of one item) plus
                # the gap under the last one; its box starts `lead` above its baseline.
                last, first = boxes[-1].layout, boxes[0].layout
                lead = first.baselines[0] - first.y if first.baselines else size
                room = (last.rooms[-1][1] if last.rooms else 0.0) + (
                    first.rooms[0][0] if first.rooms else 0.0)
                cursor = last.baselines[-1] + pitch + room + gap - lead
            room = limit - cursor
            lines_room = int(room // (size * line_height))
            if lines_room < 1:
                break
            lines = lines_room if max_lines is None else min(lines_room, int(max_lines))
            tx = x if self.rtl else x + indent
            box = self.text_box(
                text, x=tx, y=cursor, width=width - indent, height=room, size=(size, size),
                max_lines=lines, weight=weight, color=color, line_height=line_height,
                name=f"{name}{n + 1}", draft=True,
            )
            if box.clamped and n > 0:
                break  # it does not fit whole: leave it and the rest out
            boxes.append(box)
            mid = (box.layout.baselines[0] if box.layout.baselines else cursor + size) - (
                self._x_height(size, weight) / 2)
            mx = x + width - mark if self.rtl else x
            marks.append(Rect(round(mx, 2), round(mid - mark / 2, 2), mark, mark, fill))
            cursor = box.bottom + gap  # no baseline (nothing drawn): below its ink
        dropped = len(texts) - len(boxes)
        notes = tuple(
            left_out(f"{name}{n + 1}", f"{name} {n + 1} of {len(texts)}", texts[n])
            for n in range(len(boxes), len(texts))
        )
        bottom = boxes[-1].bottom if boxes else y
        group = Group(tuple(boxes), tuple(marks), y, bottom, dropped, notes)
        if not draft:
            self.record(group)
        return group


def left_out(where: str, what: str, text: str) -> Diagnostic:
    """The warning for content a card does not show: what it was, quoted, and where."""
    return Diagnostic("left-out", f"{what} left out for lack of room: {quoted(text)}", where)


def shortened(where: str, full: str, shown: str) -> Diagnostic:
    """The warning for a text set shorter than given (fewer sentences): what is missing."""
    rest = full[len(shown):].strip() if full.startswith(shown) else full
    return Diagnostic("left-out", f"text shortened to fit; left out: {quoted(rest)}", where)
