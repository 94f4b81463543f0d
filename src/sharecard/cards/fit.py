"""One fit policy for every card: templates declare a composition, this module decides it.

A template lists its content blocks top to bottom — kicker, headline, bullets, heading,
body, quote, attribution… — each with a size range, the lines it would like to stay
within and a priority, and hands them to `compose` with the room it has (between the
kicker row and the footer). What a news designer decides is decided here, once, for every
template, the way Satori hands a declarative tree to a flexbox engine:

1. Each block first takes its own best fit: the largest size in its range that sets it
   within its preferred `lines`. A text that needs more lines even at its smallest size
   takes them: a headline is never cut while the card has room.
2. When the blocks do not fit together, room is made in this order, lowest priority
   first at every step (ornament 0 < list 1 < text 2 < title 3 < label 4):
   a. leave out list items, last first (bullets);
   b. shrink within the size ranges;
   c. shorten text that offers shorter alternatives (a body's later sentences);
   d. leave out ornaments (a big quotation mark), then clamp with an ellipsis: body
      text first, the title only then. Labels (kicker, credit) never yield.
   Every item left out, every shortening and every clamp is a warning naming the text
   that is missing; a shrink is reported by the typesetter ("set at 52px instead of 75px").
3. When the blocks leave more room than the bands can take (below), a block that may
   `grow` (a short headline, a one-line heading) is set larger than its range, up to
   `grow` × its largest size, one more line than it had and no more one-word lines,
   until they do: short content fills the card with type, not with empty bands.
4. The space left over is distributed: the stack sits a little above the middle
   (`align`); no empty band above, below, or in a gap a block lets `stretch` grows past
   `band` of the card's height while another band can still take space.

Blocks are plain data (`Block`); measuring goes through the card's Canvas, so every text
is set by the same typesetter that draws it, and the result (`Stack`) holds the very
boxes that are drawn — measured once, then moved into place.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import msgspec
from markupsafe import Markup

from sharecard.cards.canvas import Box, Canvas, Group, Rect, left_out, shortened
from sharecard.cards.printing import emit
from sharecard.cards.sandbox import tick
from sharecard.errors import ConfigError
from sharecard.model import Diagnostic
from sharecard.paint.display import Op
from sharecard.records import replace

KINDS = ("text", "list", "rule")
PRIORITY = {"ornament": 0, "list": 1, "text": 2, "title": 3, "label": 4}
EPS = 0.01  # px: heights are sums of floats
SLACK = 0.002  # of the room: what rounding sizes to 0.1 px can add up to
BAND = 0.18  # most of the card's height one band may take (the template's own margins add ~5 %)
GROW_BAND = 0.6  # growing blocks grow until no band needs more than this share of `band`
ALIGN = 0.4  # share of the spare room above the stack: a little above the middle


class Block(msgspec.Struct, frozen=True):
    """One box of a composition, as a template declares it."""

    name: str
    kind: str  # text | list | rule
    texts: tuple[str, ...]  # text: alternatives, most complete first; list: the items
    role: str = "text"
    size: tuple[float, float] = (16.0, 16.0)
    lines: int | None = None  # preferred most lines: shrink to stay within (text)
    max_lines: int | None = None  # hard most lines: clamp beyond (kicker, credit)
    line_height: float = 1.2
    weight: str = "regular"
    color: str | None = None
    align: str = "start"
    balance: bool = False
    gap: float = 0.0  # space above the block (not above the first block drawn)
    stretch: bool = True  # whether that space may grow to share out spare room
    priority: int = 2
    x: float | None = None  # default: the composition's x and width
    width: float | None = None
    item_gap: float | None = None  # list: between items
    thickness: float = 0.0  # rule: its height
    keep: int = 0  # list: items never left out
    item: str = ""  # list: what one item is called; items are drawn as item1, item2…
    grow: float = 1.0  # may be set up to grow × its largest size when room would be empty
    snug: bool = False  # its gap runs to its ink top, not its line box (a title under a kicker)

    @property
    def ornament(self) -> bool:
        return self.kind == "text" and self.role == "ornament"

    @property
    def clampable(self) -> bool:
        return self.kind == "text" and self.role not in ("label", "ornament")


def _size(value: Any) -> tuple[float, float]:
    if isinstance(value, (int, float)):
        return _positive(value, "size"), _positive(value, "size")
    if isinstance(value, (list, tuple)) and len(value) == 2:
        lo, hi = _positive(value[0], "size"), _positive(value[1], "size")
        return min(lo, hi), max(lo, hi)
    raise ConfigError(f"size must be a number or (min, max), not {value!r}")


def _positive(value: Any, what: str, *, zero: bool = False) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{what} must be a number, not {value!r}") from None
    if not math.isfinite(number) or number < 0 or (number == 0 and not zero):
        raise ConfigError(f"{what} must be a {'' if zero else 'positive '}finite number")
    return number


def _count(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{what} must be a positive whole number, not {value!r}")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if str(v).strip())
    raise ConfigError(f"a block's text must be a string or a list, not {type(value).__name__}")


def text_block(
    name: str,
    text: str | Sequence[str],
    *,
    size: Any = 16,
    role: str = "text",
    lines: int | None = None,
    max_lines: int | None = None,
    line_height: float = 1.2,
    weight: str = "regular",
    color: str | None = None,
    align: str = "start",
    balance: bool = False,
    gap: float = 0,
    priority: int | None = None,
    x: float | None = None,
    width: float | None = None,
    grow: float = 1.0,
    stretch: bool = True,
    snug: bool = False,
) -> Block:
    """A text block: `text` or a list of alternatives, most complete first (the policy
    takes a later one only to make room, and says what it left out). A `snug` block's
    gap is measured to its first ink, not to the top of its line."""
    grow = _positive(grow, "grow")
    if grow < 1:
        raise ConfigError(f"grow must be 1 or more, not {grow}")
    return Block(
        str(name), "text", _texts(text), role=str(role), size=_size(size),
        lines=_count(lines, "lines"), max_lines=_count(max_lines, "max_lines"),
        line_height=_positive(line_height, "line_height"), weight=str(weight), color=color,
        align=str(align), balance=bool(balance), gap=_positive(gap, "gap", zero=True),
        priority=PRIORITY.get(str(role), 2) if priority is None else int(priority),
        x=None if x is None else float(x), width=None if width is None else float(width),
        grow=grow, stretch=bool(stretch), snug=bool(snug),
    )


def list_block(
    name: str,
    items: Sequence[str],
    *,
    size: Any = 24,
    line_height: float = 1.3,
    item_gap: float | None = None,
    color: str | None = "body",
    weight: str = "regular",
    gap: float = 0,
    keep: int = 0,
    priority: int | None = None,
    x: float | None = None,
    width: float | None = None,
    stretch: bool = True,
    item: str | None = None,
) -> Block:
    """A bulleted list: the policy leaves items out last first, each with a warning.
    Its items are drawn (and named in warnings) as `item`1, `item`2… (default: `name`)."""
    return Block(
        str(name), "list", _texts(list(items)), role="text", size=_size(size),
        line_height=_positive(line_height, "line_height"), weight=str(weight), color=color,
        gap=_positive(gap, "gap", zero=True),
        item_gap=None if item_gap is None else _positive(item_gap, "item_gap", zero=True),
        keep=max(0, int(keep)), priority=PRIORITY["list"] if priority is None else int(priority),
        x=None if x is None else float(x), width=None if width is None else float(width),
        stretch=bool(stretch), item=str(name if item is None else item),
    )


def rule_block(
    name: str, *, width: float, thickness: float, gap: float = 0, color: str | None = "accent",
    x: float | None = None, stretch: bool = False,
) -> Block:
    """A short rule (an accent line): drawn only when a block after it is drawn. It sits
    `gap` under the last baseline of the text above it (descenders or not), and that gap
    does not stretch: the rule belongs to its heading."""
    return Block(str(name), "rule", (), role="ornament", color=color,
                 gap=_positive(gap, "gap", zero=True), x=None if x is None else float(x),
                 width=_positive(width, "width"), thickness=_positive(thickness, "thickness"),
                 stretch=bool(stretch))


Item = Box | Group | Rect


class Stack(msgspec.Struct, frozen=True):
    """A decided composition: the drawn blocks, in order, at their places. Prints as SVG;
    ``stack.headline`` (or ``stack["headline"]``) is that block's box, list or rule, or
    none when it was declared but not drawn."""

    placed: tuple[tuple[str, Item], ...]
    declared: frozenset[str]
    top: float
    bottom: float
    notes: tuple[Diagnostic, ...] = ()

    def __html__(self) -> str:
        return emit(self)

    def __str__(self) -> str:
        return self.svg_fragment()

    @property
    def svg(self) -> Markup:
        return Markup(self.svg_fragment())

    def display_ops(self) -> tuple[Op, ...]:
        return tuple(op for _, item in self.placed for op in item.display_ops())

    def svg_fragment(self) -> str:
        return "".join(item.svg_fragment() for _, item in self.placed)

    def __getitem__(self, name: str) -> Item | None:
        if name not in self.declared:
            raise KeyError(name)
        return next((item for n, item in self.placed if n == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n, _ in self.placed)

    @property
    def empty(self) -> bool:
        return not self.placed


class _State(msgspec.Struct):
    """What the policy has decided for one block so far."""

    count: int  # list: items kept; others: 1 drawn, 0 left out
    cap: float  # largest size allowed
    option: int = 0  # text: which alternative
    clamp: float | None = None  # text: height it must clamp into


class _Fitter(msgspec.Struct):
    canvas: Canvas
    blocks: tuple[Block, ...]
    x: float
    width: float
    room: float
    states: dict[str, _State] = msgspec.field(default_factory=dict)
    _memo: dict[tuple[Any, ...], Item | None] = msgspec.field(default_factory=dict)

    # -- measuring ---------------------------------------------------------------------

    def item(self, b: Block) -> Item | None:
        """The block set as its state says, at y = 0 (None: not drawn)."""
        s = self.states[b.name]
        if s.count == 0 or (b.kind != "rule" and not b.texts):
            return None
        key = (b.name, s.count, s.cap, s.option, s.clamp)
        if key not in self._memo:
            self._memo[key] = self._set(b, s)
        return self._memo[key]

    def _set(self, b: Block, s: _State) -> Item | None:
        tick()  # the render's deadline holds for the fit too
        x = self.x if b.x is None else b.x
        width = self.width if b.width is None else b.width
        lo = b.size[0]
        if b.kind == "rule":
            return self.canvas.rect(x=x, y=0, width=width, height=b.thickness, color=b.color,
                                    draft=True)
        if b.kind == "list":
            group = self.canvas.bullets(
                b.texts[: s.count], x=x, y=0, width=width, height=self.room, size=s.cap,
                gap=b.item_gap, line_height=b.line_height, color=b.color, weight=b.weight,
                name=b.item or b.name, draft=True,
            )
            return None if group.empty else group
        common: dict[str, Any] = {
            "x": x, "y": 0, "width": width, "weight": b.weight, "color": b.color,
            "align": b.align, "balance": b.balance, "line_height": b.line_height,
            "name": b.name, "role": b.role, "draft": True,
        }
        text = b.texts[s.option]
        pitch = lo * b.line_height
        if s.clamp is not None:
            most = int(s.clamp // pitch) if s.clamp >= pitch else 1
            box = self.canvas.text_box(text, height=max(1.0, s.clamp), size=(lo, lo),
                                       max_lines=max(1, most), **common)
            return None if box.empty else box
        most = max(1, int(self.room // pitch))
        if b.max_lines is not None:
            most = min(most, b.max_lines)
        prefer = min(most, b.lines) if b.lines is not None else most
        box = self.canvas.text_box(text, height=self.room, size=(lo, s.cap), max_lines=prefer,
                                   **common)
        if box.clamped and prefer < most:  # more lines at the smallest size, not an ellipsis
            box = self.canvas.text_box(text, height=self.room, size=(lo, lo), max_lines=most,
                                       **common)
        return None if box.empty else box

    def drawn(self) -> list[tuple[Block, Item]]:
        """The blocks drawn in the current state, in order; a rule only before a drawn
        block."""
        out: list[tuple[Block, Item]] = []
        pending: tuple[Block, Item] | None = None
        for b in self.blocks:
            got = self.item(b)
            if got is None:
                continue
            if b.kind == "rule":
                pending = (b, got)
                continue
            if pending is not None:
                out.append(pending)
                pending = None
            out.append((b, got))
        return out

    def total(self) -> float:
        """Height the drawn blocks need with their gaps; infinite when a text is cut
        although nothing asked for it (it does not fit the room even alone)."""
        drawn = self.drawn()
        height = 0.0
        for n, (b, got) in enumerate(drawn):
            if self._overflows(b, got):
                return math.inf
            height += _reach(got, drawn[n + 1][0] if n + 1 < len(drawn) else None) + (
                b.gap - _inset(b, got) if n else 0.0)
        return height

    def _overflows(self, b: Block, got: Item) -> bool:
        s = self.states[b.name]
        if isinstance(got, Group):
            return got.dropped > 0
        if isinstance(got, Box) and s.clamp is None:
            return got.clamped and b.max_lines is None
        return False

    def fits(self) -> bool:
        """Whether the drawn blocks fit the room, to within SLACK of it: sizes are rounded
        to 0.1 px, so a family's presets (og, x, linkedin) differ by a fraction of a pixel
        that must not decide whether a bullet is shown (the gap to the footer takes it)."""
        return self.total() <= self.room * (1 + SLACK) + EPS

    # -- the policy --------------------------------------------------------------------

    def decide(self, keep_items: bool = False) -> list[Diagnostic]:
        """Apply steps a–d until the blocks fit; the warnings for what was left out.
        With `keep_items` (a tall card), the other blocks first shrink within their
        ranges to make room for every list item; only if that is not enough are items
        left out (and the sizes start again from the top of their ranges)."""
        for b in self.blocks:
            full = len(b.texts) if b.kind == "list" else 1
            self.states[b.name] = _State(count=full, cap=b.size[1])
        by_priority = sorted(self.blocks, key=lambda b: b.priority)  # stable: top first
        if self.fits():
            return []
        if keep_items and any(b.kind == "list" and len(b.texts) > 1 for b in self.blocks):
            for b in by_priority:
                if self.fits():
                    break
                if b.kind == "text" and b.size[0] < b.size[1]:
                    self._shrink(b)
            if self.fits():
                return self._notes()
            for b in self.blocks:
                self.states[b.name].cap = b.size[1]
        for b in by_priority:  # a. leave out list items, last first
            if b.kind != "list":
                continue
            s = self.states[b.name]
            floor = min(b.keep, s.count)
            whole = self.item(b)  # as many whole items as the room holds, with nothing else
            if isinstance(whole, Group) and whole.dropped and all(
                    t.strip() for t in b.texts[:s.count]):
                # Items past the room never fit beside other blocks either: out at once,
                # so the list is measured a few times, not once per item (linear).
                s.count = max(floor, s.count - whole.dropped)
            while s.count > floor and not self.fits():
                s.count -= 1
            if self.fits():
                break
        for b in by_priority:  # b. shrink within the ranges
            if self.fits():
                break
            if b.size[0] < b.size[1] and b.kind != "rule":
                self._shrink(b)
        for b in by_priority:  # c. shorter alternatives
            if self.fits():
                break
            if b.kind == "text" and len(b.texts) > 1:
                self._shorten(b)
        for b in by_priority:  # d. ornaments out, then clamp: body text first, title last
            if self.fits():
                break
            if b.ornament:
                self.states[b.name].count = 0
            elif b.clampable and self.item(b) is not None:
                self._clamp(b)
        return self._notes()

    def grow(self, capacity: Callable[[], float]) -> None:
        """Set growable blocks larger (highest priority first) while the spare room is
        more than `capacity()`: the smallest growth that brings it within, else the most
        that fits."""
        for b in sorted(self.blocks, key=lambda b: -b.priority):
            if b.grow <= 1 or b.kind != "text" or self.item(b) is None:
                continue
            s = self.states[b.name]
            if s.cap < b.size[1] or s.option or s.clamp is not None:
                continue  # it already gave up room: it does not grow back
            if self.room - self.total() <= capacity() + EPS:
                return
            self._grow_one(b, s, capacity)

    def _grow_one(self, b: Block, s: _State, capacity: Callable[[], float]) -> None:
        """Grow `b`: no more than one line more than it had, and no more lines holding a
        single word (a poster headline, not a word list)."""
        start = s.cap
        before = self.item(b)
        assert isinstance(before, Box)
        most, lone = len(before.lines) + 1, _lone_words(before)
        sizes = [v for v in (float(n) for n in range(math.ceil(start),
                                                     math.floor(start * b.grow) + 1))
                 if v > start]

        def fits_at(i: int) -> bool:
            s.cap = sizes[i]
            got = self.item(b)
            return (self.fits() and isinstance(got, Box) and len(got.lines) <= most
                    and _lone_words(got) <= lone)

        def enough_at(i: int) -> bool:
            s.cap = sizes[i]
            return self.room - self.total() <= capacity() + EPS

        largest = _last_true(len(sizes), fits_at)  # larger sizes only get taller
        if largest < 0:
            s.cap = start
        elif enough_at(largest):
            s.cap = sizes[_first_true(largest + 1, enough_at)]
        else:
            s.cap = sizes[largest]

    def _shrink(self, b: Block) -> None:
        """The largest size at or under the current cap that lets everything fit; the
        smallest when none does."""
        s = self.states[b.name]
        lo, top = b.size[0], s.cap
        sizes = sorted({lo, top, *(float(v) for v in range(math.ceil(lo), math.floor(top) + 1))})

        def fits_at(i: int) -> bool:
            s.cap = sizes[i]
            return self.fits()

        s.cap = sizes[max(0, _last_true(len(sizes), fits_at))]

    def _shorten(self, b: Block) -> None:
        """The most complete alternative that lets everything fit; the shortest if none."""
        s = self.states[b.name]
        count = len(b.texts)

        def fits_at(i: int) -> bool:
            s.option = i
            return self.fits()

        s.option = min(count - 1, _first_true(count, fits_at))

    def _clamp(self, b: Block) -> None:
        """Give `b` the height the other drawn blocks leave; it is set into that."""
        used = 0.0
        for n, (blk, got) in enumerate(self.drawn()):
            used += (blk.gap if n else 0.0) + (0.0 if blk is b else _extent(got))
        self.states[b.name].clamp = max(0.0, self.room - used)

    def _notes(self) -> list[Diagnostic]:
        notes: list[Diagnostic] = []
        for b in self.blocks:
            s = self.states[b.name]
            if not b.texts:
                continue
            if b.kind == "list":
                n = len(b.texts)
                notes.extend(left_out(f"{b.item}{i + 1}", f"{b.item} {i + 1} of {n}", b.texts[i])
                             for i in range(s.count, n))
            elif s.count == 0 or self.item(b) is None:
                notes.append(left_out(b.name, b.role, b.texts[0]))
            elif s.option:
                notes.append(shortened(b.name, b.texts[0], b.texts[s.option]))
        return notes


def _last_true(n: int, test: Callable[[int], bool]) -> int:
    """The last i in range(n) where `test` holds, for a test true then false; -1 if none."""
    lo, hi = -1, n
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if test(mid):
            lo = mid
        else:
            hi = mid
    return lo


def _first_true(n: int, test: Callable[[int], bool]) -> int:
    """The first i in range(n) where `test` holds, for a test false then true; n if none."""
    lo, hi = -1, n
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if test(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _lone_words(box: Box) -> int:
    """Lines of a several-line box that hold one word of a text written with spaces."""
    if len(box.lines) < 2 or " " not in box.text.strip():
        return 0
    return sum(1 for line in box.lines if " " not in line.strip())


def _extent(item: Item) -> float:
    """How far below its y a block reaches: the ink bottom of its last line."""
    if isinstance(item, Rect):
        return item.y + item.height
    return item.bottom


# Before a rule, the least share of its gap kept between the rule and the text's deepest
# ink (a Persian heading's descenders reach far below the baseline).
RULE_CLEAR = 0.35


def _inset(b: Block, item: Item) -> float:
    """How far below its y a `snug` block's ink starts: its gap is measured to its ink,
    so a title sits the same distance under the kicker in every script and size (a Thai
    or Persian heading's first ink is lower in its line than a Latin capital's)."""
    if b.snug and isinstance(item, Box) and item.lines:
        return item.top - item.y
    return 0.0


def _reach(item: Item, after: Block | None) -> float:
    """Where the next block's gap starts, below `item`'s y: its ink bottom, or, before a
    rule, the last baseline of its text (a rule sits a fixed gap under the words, be
    there descenders or not) — unless descenders reach so deep that the rule would come
    within RULE_CLEAR of its gap of them."""
    if (after is not None and after.kind == "rule" and isinstance(item, Box)
            and item.layout.baselines):
        return max(item.layout.baselines[-1], _extent(item) - after.gap * (1 - RULE_CLEAR))
    return _extent(item)


def spread(
    free: float, gaps: Sequence[float], band: float, align: float,
    stretch: Sequence[bool] | None = None,
) -> list[float]:
    """Spare room `free` shared out as extra space: above the stack, after each inner gap
    (whose base sizes are `gaps`), below it. Bands above and below take up to `band` each
    (split by `align`), then the inner gaps that may `stretch` up to `band` each (evenly),
    then whatever is left goes above and below evenly. Returns [above, *extras, below]."""
    if free <= 0:
        return [0.0] * (len(gaps) + 2)
    above = min(free * align, band)
    below = min(free * (1 - align), band)
    extra = [0.0] * len(gaps)
    rest = free - above - below
    flex = [True] * len(gaps) if stretch is None else list(stretch)
    room = [max(0.0, band - g) if f else 0.0 for g, f in zip(gaps, flex, strict=True)]
    while rest > EPS and any(r > EPS for r in room):
        open_ = [i for i, r in enumerate(room) if r > EPS]
        share = rest / len(open_)
        for i in open_:
            take = min(share, room[i])
            extra[i] += take
            room[i] -= take
            rest -= take
    if rest > EPS:
        above += rest * align
        below += rest * (1 - align)
    return [above, *extra, below]


def compose(
    canvas: Canvas,
    blocks: Sequence[Block | None],
    *,
    x: float,
    y: float,
    width: float,
    bottom: float,
    align: float = ALIGN,
    band: float | None = BAND,
    keep_items: bool = False,
) -> Stack:
    """Decide and draw a vertical composition of `blocks` between `y` and `bottom`.

    `align` places the stack in the spare room (0 top, 0.5 centred, 1 bottom); `band` is
    the share of the card's height past which no empty band grows while another can
    (``none``: the stack keeps its declared gaps and only `align` places it);
    `keep_items` shrinks the other blocks within their ranges before it leaves a list
    item out (a tall card shows every bullet when a headline size allows).
    """
    for b in blocks:
        if b is not None and not isinstance(b, Block):
            raise ConfigError("compose() takes blocks made with block(), items() or rule()")
    chosen = tuple(b for b in blocks if b is not None)
    names = [b.name for b in chosen]
    if len(set(names)) != len(names):
        raise ConfigError(f"compose(): block names must be unique, got {names}")
    top, limit = float(y), float(bottom)
    room = limit - top
    if room <= 0:
        raise ConfigError(f"compose(): no room between y={top:.1f} and bottom={limit:.1f}")
    fitter = _Fitter(canvas, chosen, float(x), float(width), room)
    notes = fitter.decide(bool(keep_items))
    limit_band = math.inf if band is None else float(band) * canvas.preset.height

    def capacity() -> float:
        """Spare room the bands can take without one passing GROW_BAND × `band`."""
        most = limit_band * GROW_BAND
        inner = [b.gap for b, _ in fitter.drawn()[1:] if b.stretch]
        return 2 * most + sum(max(0.0, most - g) for g in inner)

    if band is not None:
        fitter.grow(capacity)
    drawn = fitter.drawn()
    heights = [_reach(item, drawn[n + 1][0] if n + 1 < len(drawn) else None)
               - (_inset(b, item) if n else 0.0) for n, (b, item) in enumerate(drawn)]
    gaps = [b.gap for b, _ in drawn[1:]]
    free = max(0.0, room - sum(heights) - sum(gaps))
    align = min(1.0, max(0.0, float(align)))
    flex = [b.stretch for b, _ in drawn[1:]]
    extra = spread(free, gaps, limit_band, align, flex) if band is not None else [
        free * align, *([0.0] * len(gaps)), free * (1 - align)]
    cursor = top + extra[0]
    placed: list[tuple[str, Item]] = []
    for n, ((b, item), height) in enumerate(zip(drawn, heights, strict=True)):
        if n:
            cursor += gaps[n - 1] + extra[n]
        item, shrunk = _own_shrink(b, item)
        notes.extend(shrunk)
        moved = item.moved(0, round(cursor - (_inset(b, item) if n else 0.0), 2))
        canvas.record(moved)
        placed.append((b.name, moved))
        cursor += height
    canvas.notes.extend(notes)
    first = placed[0][1] if placed else None
    start = top + extra[0] if first is not None else top
    return Stack(tuple(placed), frozenset(names), start, cursor if placed else top,
                 tuple(notes))


def _own_shrink(b: Block, item: Item) -> tuple[Item, list[Diagnostic]]:
    """`item` with the typesetter's shrink warning replaced by the policy's: the size is
    measured against the block's declared largest size, not the cap a step set."""
    if isinstance(item, Rect):
        return item, []
    size = item.size if isinstance(item, Box) else (item.boxes[0].size if item.boxes else 0)
    if isinstance(item, Box):
        kept = tuple(w for w in item.layout.warnings if w.code != "shrunk")
        item = replace(item, layout=replace(item.layout, warnings=kept))
    if size and size < b.size[1] - EPS:
        return item, [Diagnostic("shrunk", f"text set at {size:.1f}px instead of "
                                 f"{b.size[1]:.1f}px", b.name)]
    return item, []


def template_functions(canvas: Canvas) -> dict[str, Callable[..., Any]]:
    """What templates call to compose: ``block``, ``items``, ``rule``, ``compose``."""

    def bound_compose(blocks: Sequence[Block | None], **kwargs: Any) -> Stack:
        return compose(canvas, blocks, **kwargs)

    return {"block": text_block, "items": list_block, "rule": rule_block,
            "compose": bound_compose}


__all__ = ["Block", "Stack", "compose", "list_block", "rule_block", "spread",
           "template_functions", "text_block"]
