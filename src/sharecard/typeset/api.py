"""The typesetting API templates call: `Typesetter.text_box` and `Typesetter.measure`.

It validates what it is given (colours reach SVG, so only known forms pass), splits the
text into paragraphs, shapes each once (cached on the Typesetter), lets layout decide
size and lines, and returns the placed glyphs (drawn as SVG or straight to pixels) with
the geometry needed to place the next box. Every decision that changes what the reader
sees is reported as a Diagnostic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import msgspec

from sharecard.colours import hex_colour
from sharecard.errors import ConfigError
from sharecard.model import Diagnostic
from sharecard.records import replace
from sharecard.typeset.bidi import language_is_rtl
from sharecard.typeset.fonts import WEIGHTS, Face, FontLibrary, cjk_region
from sharecard.typeset.layout import Box, Ellipsis, Frame, Placed, layout
from sharecard.typeset.shaping import Paragraph, shape_paragraph
from sharecard.typeset.svg import fmt, text_group

ELLIPSIS = "…"
_NAMED = {
    "black": "#000000",
    "white": "#ffffff",
    "red": "#ff0000",
    "green": "#008000",
    "blue": "#0000ff",
    "gray": "#808080",
    "grey": "#808080",
}
_PARAGRAPH_SEP = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SPACES = re.compile(r"[ \t]+")
_ALIGN = {"start": "start", "center": "center", "centre": "center", "end": "end"}
_CACHE_LIMIT = 512


def normalize_color(color: str) -> str:
    """'#rgb', '#rrggbb' or a basic name, as lowercase '#rrggbb'; anything else is refused."""
    c = color.strip().lower() if isinstance(color, str) else ""
    if c in _NAMED:
        return _NAMED[c]
    hex_value = hex_colour(c, require_hash=True)
    if hex_value is not None:
        return hex_value
    raise ConfigError(f"invalid colour {color!r}: use #rgb, #rrggbb or one of {sorted(_NAMED)}")


def paragraphs(text: str) -> list[str]:
    """Paragraphs of `text`: split at line separators, controls dropped, spaces collapsed."""
    out = []
    for part in _PARAGRAPH_SEP.split(text):
        clean = _SPACES.sub(" ", _CONTROL.sub("", part)).strip()
        if clean:
            out.append(clean)
    return out


class TextBox(msgspec.Struct, frozen=True):
    """A set text box: its geometry (px, y down) and its glyphs, drawn on demand.

    The SVG fragment is built only when asked for (`svg`): a fit tries many drafts of a
    box and draws one, and a card drawn straight to pixels never needs it. A box moved
    after setting (`moved`) keeps its glyphs where they were set and the moves beside
    them, so a move copies no glyph; `glyphs` gives them where they are drawn."""

    x: float
    y: float
    width: float
    height: float
    size: float
    lines: tuple[str, ...]
    line_boxes: tuple[Box, ...]
    bounds: Box
    bottom: float
    shrunk: bool
    clamped: bool
    direction: str
    warnings: tuple[Diagnostic, ...]
    baselines: tuple[float, ...] = ()
    rooms: tuple[tuple[float, float], ...] = ()  # per line: px above/below beyond Latin's
    placed: tuple[tuple[Placed, ...], ...] = ()  # per line, where they were set
    fill: str = "#000000"  # '#rrggbb'
    label: str = ""  # the text (paragraphs joined by newlines): aria-label and <title>
    moves: tuple[tuple[float, float], ...] = ()  # (dx, dy) applied since, in order

    @property
    def glyphs(self) -> tuple[tuple[Placed, ...], ...]:
        """The glyphs per line at their drawn origins (the moves applied)."""
        if not self.moves:
            return self.placed
        lines = self.placed
        for dx, dy in self.moves:  # one move at a time: the same floats as a copy per move
            lines = tuple(tuple(Placed(g.face, g.gid, g.x + dx, g.y + dy, g.size)
                                for g in line) for line in lines)
        return lines

    @property
    def svg(self) -> str:
        """The SVG fragment: a ``<g role="img">`` of glyph outlines (see `typeset.svg`),
        wrapped in a ``translate`` per move; '' when nothing is drawn."""
        if not self.placed:
            return ""
        svg = text_group(self.placed, label=self.label, color=self.fill)
        for dx, dy in self.moves:
            if dx or dy:
                svg = f'<g transform="translate({dx:.2f} {dy:.2f})">{svg}</g>'
        return svg

    def moved(self, dx: float, dy: float) -> TextBox:
        """The box translated by (dx, dy): geometry shifted now, glyphs when drawn."""
        if not dx and not dy:
            return self

        def shift(b: Box) -> Box:
            return (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy)

        return replace(
            self,
            x=self.x + dx,
            y=self.y + dy,
            line_boxes=tuple(shift(b) for b in self.line_boxes),
            bounds=shift(self.bounds),
            bottom=self.bottom + dy,
            baselines=tuple(b + dy for b in self.baselines),
            moves=(*self.moves, (dx, dy)),
        )


def _check_number(name: str, value: float, *, positive: bool = False) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(v) or (positive and v <= 0):
        raise ConfigError(f"{name} must be a finite{' positive' if positive else ''} number")
    return v


class Typesetter:
    """Sets text boxes with one FontLibrary; caches shaped paragraphs between calls."""

    def __init__(self, fonts: FontLibrary | None = None) -> None:
        self.fonts = fonts if fonts is not None else FontLibrary.default()
        self._shaped: dict[tuple[object, ...], Paragraph] = {}

    # -- shaping with a cache ------------------------------------------------------------

    def _shape(
        self, text: str, chain: tuple[Face, ...], level: int | None, language: str | None
    ) -> Paragraph:
        key = (text, tuple(f.key for f in chain), level, language)
        hit = self._shaped.get(key)
        if hit is None:
            if len(self._shaped) >= _CACHE_LIMIT:
                self._shaped.clear()
            hit = shape_paragraph(text, chain, base_level=level, language=language)
            self._shaped[key] = hit
        return hit

    def _chain(
        self, text: str, weight: str, language: str | None, family: str | None
    ) -> tuple[Face, ...]:
        if weight not in WEIGHTS:
            raise ConfigError(f"weight must be one of {sorted(WEIGHTS)}, got {weight!r}")
        return self.fonts.chain(
            weight=WEIGHTS[weight],
            family=family,
            region=cjk_region(language, text),
            text=text,
            language=language,
        )

    # -- shaping as text_box does it (also for emitters that need the text of each glyph) --

    def shaped(
        self,
        text: str,
        *,
        weight: str = "regular",
        language: str | None = None,
        direction: str | None = None,
        family: str | None = None,
    ) -> tuple[tuple[Face, ...], list[Paragraph]]:
        """The fallback chain and the shaped paragraphs `text_box` sets for these
        arguments (cached): an emitter that needs each glyph's characters (a PDF text
        layer) replays a box's lines from them instead of guessing text from glyphs."""
        chain = self._chain(text, weight, language, family)
        level = {"ltr": 0, "rtl": 1}.get(direction or "")
        if level is None and language_is_rtl(language):
            level = 1
        return chain, [self._shape(p, chain, level, language) for p in paragraphs(text)]

    def ellipsis(
        self, level: int, face: Face | None, chain: tuple[Face, ...], language: str | None
    ) -> Ellipsis:
        """ "…" in the face of the text it follows when that face has one, else the
        first face of `chain` that has it: the glyphs a clamped line ends with."""
        own = face if face is not None and face.covers(0x2026) and not face.color else None
        order = (own, *(f for f in chain if f is not own)) if own else chain
        p = self._shape(ELLIPSIS, order, level, language)
        glyphs = tuple(g for r in p.runs for g in r.glyphs)
        return Ellipsis(glyphs, p.cum[-1], max(p.top), min(p.bottom))

    # -- public API ----------------------------------------------------------------------

    def measure(
        self,
        text: str,
        *,
        size: float,
        weight: str = "regular",
        language: str | None = None,
        family: str | None = None,
    ) -> float:
        """Advance width (px) of `text` set on one line (the widest paragraph if several)."""
        size = _check_number("size", size, positive=True)
        paras = paragraphs(text)
        chain = self._chain(text, weight, language, family)
        level = 1 if language_is_rtl(language) else None
        return max(
            (self._shape(p, chain, level, language).cum[-1] * size for p in paras), default=0.0
        )

    def text_box(
        self,
        text: str,
        *,
        x: float,
        y: float,
        width: float,
        height: float,
        size: tuple[float, float] | float = (16, 48),
        max_lines: int = 3,
        weight: str = "regular",
        color: str = "#000000",
        align: str = "start",
        line_height: float = 1.2,
        balance: bool = False,
        language: str | None = None,
        direction: str | None = None,
        family: str | None = None,
    ) -> TextBox:
        """Set `text` in the box at the largest size in `size` that fits, else clamp it.

        `align` start/center/end follows each paragraph's direction (start = right for
        RTL); `direction` forces the base direction, otherwise an RTL `language` or the
        text's first strong character decides. `balance` evens out line lengths
        (headlines); a lone last word is always joined by the one before it when both
        fit. Never draws ink outside the box: if even one line cannot fit at the
        smallest size, nothing is drawn and a "no-room" warning says so.
        """
        x = _check_number("x", x)
        y = _check_number("y", y)
        width = _check_number("width", width, positive=True)
        height = _check_number("height", height, positive=True)
        lo, hi = (size, size) if isinstance(size, int | float) else tuple(size)
        lo = _check_number("size", lo, positive=True)
        hi = _check_number("size", hi, positive=True)
        if lo > hi:
            raise ConfigError(f"size range is reversed: ({lo}, {hi})")
        if not isinstance(max_lines, int) or max_lines < 1:
            raise ConfigError(f"max_lines must be a positive integer, got {max_lines!r}")
        line_height = _check_number("line_height", line_height, positive=True)
        if align not in _ALIGN:
            raise ConfigError(f"align must be start, center or end, got {align!r}")
        if direction not in (None, "ltr", "rtl"):
            raise ConfigError(f"direction must be 'ltr', 'rtl' or None, got {direction!r}")
        fill = normalize_color(color)
        chain, paras = self.shaped(text, weight=weight, language=language,
                                   direction=direction, family=family)
        if not paras:
            return TextBox(
                x=x,
                y=y,
                width=width,
                height=height,
                size=hi,
                lines=(),
                line_boxes=(),
                bounds=(x, y, x, y),
                bottom=y,
                shrunk=False,
                clamped=False,
                direction="rtl" if direction == "rtl" or (
                    direction is None and language_is_rtl(language)) else "ltr",
                warnings=(),
                fill=fill,
            )
        reference = chain[0]  # the template's face: its line height is written for it

        ellipses: dict[tuple[int, str], Ellipsis] = {}

        def ellipsis(lv: int, face: Face | None) -> Ellipsis:
            key = (lv, face.key if face is not None else "")
            if key not in ellipses:
                ellipses[key] = self.ellipsis(lv, face, chain, language)
            return ellipses[key]

        frame = Frame(
            x=x,
            y=y,
            width=width,
            height=height,
            min_size=lo,
            max_size=hi,
            max_lines=max_lines,
            line_height=line_height,
            ascent=reference.metrics.ascent,
            descent=reference.metrics.descent,
            balance=balance,
            align=_ALIGN[align],
        )
        res = layout(paras, frame, ellipsis)
        lines = tuple(
            paras[s.para].text[s.start : s.end] + (ELLIPSIS if s.ellipsis else "")
            for s in res.spans
        )
        if res.line_boxes:
            bounds: Box = (
                min(b[0] for b in res.line_boxes),
                min(b[1] for b in res.line_boxes),
                max(b[2] for b in res.line_boxes),
                max(b[3] for b in res.line_boxes),
            )
        else:
            bounds = (x, y, x, y)
        label = "\n".join(p.text for p in paras)
        warnings = _warnings(paras, res.size, hi, res.shrunk, res.clamped, res.dropped, lines)
        return TextBox(
            x=x,
            y=y,
            width=width,
            height=height,
            size=res.size,
            lines=lines,
            line_boxes=res.line_boxes,
            bounds=bounds,
            bottom=bounds[3] if res.lines else y,
            shrunk=res.shrunk,
            clamped=res.clamped,
            direction="rtl" if paras[0].level % 2 else "ltr",
            warnings=warnings,
            baselines=res.baselines,
            rooms=res.rooms,
            placed=res.lines,
            fill=fill,
            label=label,
        )


def _warnings(
    paras: Sequence[Paragraph],
    used: float,
    wanted: float,
    shrunk: bool,
    clamped: bool,
    dropped: bool,
    lines: Sequence[str],
) -> tuple[Diagnostic, ...]:
    out: list[Diagnostic] = []
    missing = list(dict.fromkeys(ch for p in paras for ch in p.missing))
    if missing:
        out.append(
            Diagnostic(
                "missing-glyphs",
                "no font covers some characters; they are left out",
                " ".join(f"U+{ord(ch):04X}" for ch in missing),
            )
        )
    if dropped:
        out.append(Diagnostic("no-room", "the box cannot hold one line at the smallest size"))
    if shrunk:
        out.append(Diagnostic("shrunk", f"text set at {fmt(used)}px instead of {fmt(wanted)}px"))
    if clamped and not dropped:
        out.append(
            Diagnostic(
                "clamped",
                f"text cut to {len(lines)} line(s) with an ellipsis",
                lines[-1] if lines else "",
            )
        )
    return tuple(out)
