"""What a card template prints, recorded as it prints: the card's display list and its SVG.

A template draws by printing what the Canvas hands it — ``{{ box }}``, ``{{ stack }}``,
``{{ rect(…) }}``, ``{{ footer() }}`` — and printing goes through ``__html__`` (the
environment autoescapes). While a template renders, a `Printer` is current: each print is
recorded (the object, in paint order) and stands in the output for the object's SVG. So
a card's display list (`sharecard.paint.display`) comes from the very layout the
template produced, in the SVG's paint order by construction: a draft never printed is
never drawn, a box printed twice is drawn twice, as in the SVG.

Two ways to print:

- *lazy* (the built-in templates): a print writes a short token (an XML processing
  instruction, which escaped briefing text can never spell) and the SVG is built only
  if someone asks for it, by putting each object's fragment in place of its token. A
  card drawn straight to pixels (``sharecard.render``, the service's og.png) never
  builds a glyph path string. Only for templates known to print objects as they are:
  a template that filtered or sliced what it printed would see tokens, not SVG;
- *eager* (a user's templates): a print writes the SVG fragment itself, as before.

Either way the card is *paintable* — drawn from its display list rather than from its
SVG by CairoSVG — only when the output is nothing but the root ``<svg>``, a full-card
background ``<rect>``, the printed fragments in the order they were printed, whitespace,
and ``</svg>``. Anything else a template writes (its own paths, gradients, ``<text>``, a
fragment it altered, dropped or repeated) leaves the card to CairoSVG, the reference.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

import msgspec

from sharecard.paint.display import DisplayList, Op

SVG_NS = "http://www.w3.org/2000/svg"
TOKEN = "<?sc "  # a lazy print: "<?sc 3?>" stands for the fourth object printed
_VALUE = r'"(?:[^"<&]|&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)*"'
_ATTRS = rf"((?:\s+[A-Za-z][\w:.-]*={_VALUE})*)"
_PROLOG = re.compile(
    rf"\s*(?:<\?xml\s[^?<>]*\?>\s*)?<svg{_ATTRS}\s*>\s*<rect{_ATTRS}\s*/>\s*")
_ATTR = re.compile(rf"([A-Za-z][\w:.-]*)=({_VALUE})")
_END = re.compile(r"\s*</svg>\s*")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_ROOT_ATTRS = frozenset({"xmlns", "xmlns:xlink", "version", "width", "height", "viewBox",
                         "role", "aria-label"})
_BACKGROUND_ATTRS = frozenset({"x", "y", "width", "height", "fill"})


class Printable(Protocol):
    """What a template may print: its display-list ops and its SVG fragment."""

    def display_ops(self) -> tuple[Op, ...]: ...

    def svg_fragment(self) -> str: ...


class Printer(msgspec.Struct):
    """The record of one template run: every object printed, and what stood for it."""

    lazy: bool
    items: list[Printable] = msgspec.field(default_factory=list)
    tokens: list[str] = msgspec.field(default_factory=list)

    def emit(self, item: Printable) -> str:
        token = f"{TOKEN}{len(self.items)}?>" if self.lazy else item.svg_fragment()
        self.items.append(item)
        self.tokens.append(token)
        return token


_CURRENT: ContextVar[Printer | None] = ContextVar("sharecard_printer", default=None)


def emit(item: Printable) -> str:
    """`item` printed by a template: recorded by the current printer (and its token
    returned), or its SVG fragment when no template is rendering."""
    printer = _CURRENT.get()
    return item.svg_fragment() if printer is None else printer.emit(item)


@contextmanager
def printing(printer: Printer) -> Iterator[Printer]:
    """Make `printer` current while a template renders (per thread and task)."""
    reset = _CURRENT.set(printer)
    try:
        yield printer
    finally:
        _CURRENT.reset(reset)


def split_output(output: str, tokens: Sequence[str]) -> list[str] | None:
    """`output` cut around each token, in order: the text before, between and after
    them; None when a (non-empty) token is missing or out of order."""
    parts: list[str] = []
    pos = 0
    for token in tokens:
        if not token:
            continue
        at = output.find(token, pos)
        if at < 0:
            return None
        parts.append(output[pos:at])
        pos = at + len(token)
    parts.append(output[pos:])
    return parts


def _attrs(text: str) -> dict[str, str] | None:
    found = _ATTR.findall(text)
    names = [n for n, _ in found]
    if len(set(names)) != len(names):
        return None
    return {name: html.unescape(value[1:-1]) for name, value in found}


class Ground(msgspec.Struct, frozen=True):
    """The card's own frame, as the template wrote it: size, background, name."""

    width: int
    height: int
    background: str
    label: str


def skeleton(parts: Sequence[str], width: int, height: int) -> Ground | None:
    """The frame the template wrote around what it printed, when that is all it wrote:
    the root ``<svg>`` (of the card's size) with a full-card background ``<rect>``
    first, whitespace between prints, ``</svg>`` last; None otherwise."""
    head = _PROLOG.match(parts[0])
    if head is None:
        return None
    rest = parts[0][head.end():]
    if len(parts) == 1:
        if _END.fullmatch(rest) is None:
            return None
    elif rest.strip() or any(p.strip() for p in parts[1:-1]) or not _END.fullmatch(parts[-1]):
        return None
    root, ground = _attrs(head.group(1)), _attrs(head.group(2))
    if root is None or ground is None or not set(root) <= _ROOT_ATTRS:
        return None
    if not set(ground) <= _BACKGROUND_ATTRS:
        return None
    size = (str(width), str(height))
    if root.get("xmlns") != SVG_NS or (root.get("width"), root.get("height")) != size:
        return None
    if root.get("viewBox", f"0 0 {width} {height}").split() != ["0", "0", *size]:
        return None
    if (ground.get("x", "0"), ground.get("y", "0")) != ("0", "0"):
        return None
    if (ground.get("width"), ground.get("height")) != size:
        return None
    fill = ground.get("fill", "")
    if not _HEX.fullmatch(fill):
        return None
    return Ground(width, height, fill.lower(), root.get("aria-label", ""))


class Drawing:
    """One template run's result: the card's SVG (built on first use when printed
    lazily) and its display list (None when the card is not paintable)."""

    __slots__ = ("_display", "_ground", "_items", "_output", "_parts", "_svg")

    def __init__(self, output: str, printer: Printer, width: int, height: int) -> None:
        self._output = output
        self._items = tuple(printer.items)
        self._parts = split_output(output, printer.tokens)
        if printer.lazy and output.count(TOKEN) != len(printer.tokens):
            self._parts = None  # a token printed twice: only an eager run says what it meant
        self._ground = None if self._parts is None else skeleton(self._parts, width, height)
        self._svg: str | None = None if printer.lazy else output
        self._display: DisplayList | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Drawing) and self.svg == other.svg

    def __hash__(self) -> int:
        return hash(self.svg)

    @property
    def complete(self) -> bool:
        """Whether the SVG can be had from this run: eager, or every token in place."""
        return self._svg is not None or self._parts is not None

    @property
    def paintable(self) -> bool:
        return self._ground is not None

    @property
    def svg(self) -> str:
        if self._svg is None:
            if self._parts is None:
                raise ValueError("a lazily printed card lost a token: render it eagerly")
            pieces = [self._parts[0]]
            for item, part in zip(self._items, self._parts[1:], strict=True):
                pieces.append(item.svg_fragment())
                pieces.append(part)
            self._svg = "".join(pieces)
        return self._svg

    @property
    def display(self) -> DisplayList | None:
        ground = self._ground
        if ground is None:
            return None
        if self._display is None:
            ops = tuple(op for item in self._items for op in item.display_ops())
            self._display = DisplayList(ground.width, ground.height, ground.background, ops,
                                        ground.label)
        return self._display
