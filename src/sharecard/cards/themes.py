"""Colour themes (built-in light and dark, or brand colours) and WCAG contrast.

Every colour a theme uses for text is checked against its background: WCAG 2.x AA asks
4.5:1 for normal text. A brand colour that misses it is not refused — brands pick colours
for logos, not for 20 px type — it is darkened or lightened just enough for text, and the
change is reported. The raw brand colour stays for decoration (bars, rules).
"""

from __future__ import annotations

import base64
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from sharecard.colours import hex_colour
from sharecard.errors import ConfigError
from sharecard.fileio import read_regular
from sharecard.images import ImageRefused, check_image, svg_problem
from sharecard.model import Diagnostic
from sharecard.records import replace

AA_NORMAL = 4.5
AA_LARGE = 3.0
LOGO_MAX_BYTES = 1024 * 1024

# The number an SVG length or viewBox entry starts with: "120" of width="120px".
_NUMBER = re.compile(r"\s*((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def parse_colour(value: str, *, what: str = "colour") -> str:
    """Normalise ``#abc`` / ``abc`` / ``#aabbcc`` to ``#AABBCC``; anything else is a ConfigError."""
    hex_value = hex_colour(str(value))
    if hex_value is None:
        raise ConfigError(f"{what} '{value}' is not a hex colour like #1A2B3C")
    return hex_value.upper()


def _rgb(colour: str) -> tuple[int, int, int]:
    c = parse_colour(colour)
    return int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(v))):02X}" for v in rgb)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, 1.0 to 21.0."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def ensure_contrast(fg: str, bg: str, minimum: float = AA_NORMAL) -> str:
    """`fg`, mixed toward black or white (whichever the background contrasts with) in
    small steps until it reaches `minimum` against `bg`. Unchanged when it already does."""
    if contrast_ratio(fg, bg) >= minimum:
        return parse_colour(fg)
    target = (0, 0, 0) if relative_luminance(bg) > 0.18 else (255, 255, 255)
    r, g, b = _rgb(fg)
    for step in range(1, 101):
        t = step / 100
        tr, tg, tb = target
        mixed = _hex((r + (tr - r) * t, g + (tg - g) * t, b + (tb - b) * t))
        if contrast_ratio(mixed, bg) >= minimum:
            return mixed
    return _hex(target)


class Logo(msgspec.Struct, frozen=True):
    """A user's logo, embedded as a data URI so the SVG never refers to a file."""

    data_uri: str
    aspect: float  # width / height
    source: str

    def size_for_height(self, height: float) -> tuple[float, float]:
        return round(height * self.aspect, 2), height


def _number(text: str) -> float | None:
    """The finite, non-negative number `text` starts with; None when there is none (a
    logo's "auto" or "1e999" is a ConfigError, never a ValueError)."""
    match = _NUMBER.match(text)
    value = float(match.group(1)) if match else math.inf
    return value if math.isfinite(value) else None


def _svg_aspect(data: bytes, source: str) -> float:
    from xml.etree import ElementTree  # only for an SVG logo (start-up)

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ConfigError(f"logo is not valid SVG: {exc}", source) from None
    parts = re.split(r"[\s,]+", root.get("viewBox", "").strip())
    if len(parts) == 4:
        w, h = _number(parts[2]), _number(parts[3])
        if w and h:
            return w / h
    w, h = _number(root.get("width", "")), _number(root.get("height", ""))
    if w is not None and h:
        return w / h
    raise ConfigError("logo SVG has neither a viewBox nor width and height", source)


def load_logo(path: str | Path) -> Logo:
    """Read a local SVG or PNG logo into a `Logo` (ConfigError when missing or unusable).

    The file's size is checked (fstat) before it is read, then it is checked as
    `logo_from_bytes` checks any logo, so a 3 GB file or a 48 KB PNG of 20000×20000
    pixels is refused at once, in one line (see `sharecard.images`)."""
    p = Path(path)
    data = read_regular(p, max_bytes=LOGO_MAX_BYTES, what="logo", shown=str(path))
    return _logo(data, shown=str(path), source=p.name)


def logo_from_bytes(data: bytes, name: str = "logo", *,
                    max_bytes: int = LOGO_MAX_BYTES) -> Logo:
    """A `Logo` from its bytes — an upload, an asset a CMS holds — with no file between:
    SVG or PNG, at most `max_bytes`, a PNG sized from its header by the shared
    `sharecard.images.check_image` (its pixel cap) before anything decodes it. `name`
    is what errors and the theme call it. ConfigError when it is unusable."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ConfigError(f"a logo must be bytes or a path, not {type(data).__name__}", name)
    data = bytes(data)
    if len(data) > max_bytes:
        raise ConfigError(f"logo is {len(data):,} bytes, over the limit of {max_bytes:,}", name)
    return _logo(data, shown=name, source=name)


def _logo(data: bytes, *, shown: str, source: str) -> Logo:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        try:
            header = check_image(data)
        except ImageRefused as exc:
            raise ConfigError(f"logo {exc}", shown) from None
        mime, aspect = "image/png", header.width / header.height
    elif b"<svg" in data[:4096]:
        problem = svg_problem(data)
        if problem is not None:
            raise ConfigError(f"logo {problem}", shown)
        mime, aspect = "image/svg+xml", _svg_aspect(data, shown)
    else:
        raise ConfigError("logo must be an SVG or PNG file", shown)
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return Logo(uri, round(aspect, 4), source)


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours (hex) and weights a template draws with. `accent` is decorative;
    `kicker` is the accent made readable as text."""

    name: str
    background: str
    text: str  # headlines
    body: str  # bullets and body copy
    muted: str  # footer, captions
    accent: str  # bars, quotation marks, index numbers
    rule: str  # hairlines
    kicker: str = ""  # accent-coloured text; derived when empty
    headline_weight: str = "bold"
    body_weight: str = "regular"
    logo: Logo | None = None
    notes: tuple[Diagnostic, ...] = field(default=(), compare=False)

    @property
    def text_colours(self) -> dict[str, str]:
        """Every colour used for text, by role (what the contrast check covers)."""
        return {"text": self.text, "body": self.body, "muted": self.muted, "kicker": self.kicker}

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "background": self.background,
            "text": self.text,
            "body": self.body,
            "muted": self.muted,
            "accent": self.accent,
            "kicker": self.kicker,
            "rule": self.rule,
            "logo": None if self.logo is None else self.logo.source,
        }


BUILTIN_THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light",
        background="#FAF8F4",
        text="#121417",
        body="#2A2E35",
        muted="#5B616B",
        accent="#B4232A",
        rule="#D9D4CA",
    ),
    "dark": Theme(
        name="dark",
        background="#11161C",
        text="#F4F2EE",
        body="#D3D7DD",
        muted="#9AA3AE",
        accent="#FF6B57",
        rule="#323A44",
    ),
}

COLOUR_KEYS = ("background", "text", "body", "muted", "accent", "rule")


def finish_theme(theme: Theme) -> Theme:
    """Make every text colour meet WCAG AA on the background, noting each adjustment."""
    notes = list(theme.notes)
    fixed: dict[str, str] = {}
    for role in ("text", "body", "muted"):
        colour = getattr(theme, role)
        ok = ensure_contrast(colour, theme.background)
        if ok != colour:
            notes.append(
                Diagnostic(
                    "contrast-adjusted",
                    f"theme {role} colour {colour} adjusted to {ok} for WCAG AA on "
                    f"{theme.background}",
                )
            )
            fixed[role] = ok
    kicker = ensure_contrast(theme.kicker or theme.accent, theme.background)
    if theme.kicker and kicker != theme.kicker:
        notes.append(
            Diagnostic("contrast-adjusted", f"kicker colour adjusted to {kicker} for WCAG AA")
        )
    elif not theme.kicker and kicker != theme.accent:
        notes.append(
            Diagnostic(
                "contrast-adjusted",
                f"accent {theme.accent} is used for text as {kicker} (WCAG AA on "
                f"{theme.background})",
            )
        )
    return replace(theme, kicker=kicker, notes=tuple(notes), **fixed)


def make_theme(
    name: str = "light",
    *,
    colours: dict[str, str] | None = None,
    logo: str | Path | Logo | None = None,
) -> Theme:
    """A built-in theme by name, with brand colour overrides and a logo (a path, or a
    `Logo` already read, e.g. by `logo_from_bytes`), made AA-safe."""
    key = (name or "light").strip().lower()
    if key not in BUILTIN_THEMES:
        raise ConfigError(f"unknown theme '{name}'; valid themes: {', '.join(BUILTIN_THEMES)}")
    theme = BUILTIN_THEMES[key]
    overrides: dict[str, str] = {}
    for role, value in sorted((colours or {}).items()):
        if role not in COLOUR_KEYS:
            raise ConfigError(
                f"unknown theme colour '{role}'; valid colours: {', '.join(COLOUR_KEYS)}"
            )
        overrides[role] = parse_colour(value, what=f"theme colour {role}")
    if overrides:
        theme = replace(theme, **overrides)
    if logo is not None:
        theme = replace(theme, logo=logo if isinstance(logo, Logo) else load_logo(logo))
    return finish_theme(theme)
