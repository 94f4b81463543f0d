"""The text sizes and measure every card of one preset shares: one body size per deck.

A carousel whose bullets are 43 px on the cover and whose section bodies are 47 and
50 px reads as three designs. So the body size is not fitted card by card: it is
decided here, per preset, and every built-in template sets body text (bullets, section
bodies) at exactly this size — the fit policy then shortens or leaves out text rather
than shrink it. It is never below the feed-thumbnail minimum (`Preset.min_body`: 12 CSS
px at the width a feed shows the card).

Sizes are in units of 1 % of the short side, so a layout family (og, x, x-card and
linkedin are all `landscape`) scales as one design. Two things would still make its
members differ: a thumbnail minimum that is a larger share on one of them (x-card's
30 px is 5 % of its 600 px height, og's 4.8 %), and a wider card setting lines longer.
So a family's body size is the largest share any named preset of it needs, and its
text measure (`measure`) the narrowest any of them has: the same briefing then breaks
the same lines and keeps the same bullets on every preset of the family where they fit.
"""

from __future__ import annotations

import functools

import msgspec

from sharecard.cards.presets import PRESETS, Preset

# Per layout family, in units: (body, kicker and counter, footer). Landscape cards are
# seen smallest (a link preview), so their body is the largest share of the card.
SCALE = {
    "landscape": (4.8, 3.0, 2.8),
    "square": (3.7, 3.0, 2.6),
    "portrait": (3.7, 3.0, 2.6),
    "story": (4.3, 3.4, 2.8),
}


class TextSizes(msgspec.Struct, frozen=True):
    """Text sizes (px) and measure for one preset. Templates see it as ``sizes``."""

    unit: float  # 1 % of the short side
    body: float  # bullets and section bodies, on every card of the deck
    min_body: float  # the feed-thumbnail minimum for body text
    label: float  # kicker, counter, quote credit, the footer's brand (Preset.min_label)
    footer: float
    measure: float  # the longest text line: the family's narrowest column
    clear: float = 0.0  # the band at the bottom no text enters (X's title pill)


def _units(preset: Preset) -> float:
    return preset.short_side / 100


def _column(preset: Preset) -> float:
    """The width of `preset`'s content frame, in units."""
    frame = preset.frame
    return (preset.width - frame.left - frame.right) / _units(preset)


@functools.cache
def family_units(family: str) -> tuple[float, float]:
    """(body, measure) in units shared by the named presets of `family`."""
    members = [p for p in PRESETS.values() if p.family == family]
    body = max([SCALE[family][0], *(p.min_body / _units(p) for p in members)])
    measure = min(_column(p) for p in members)
    return round(body, 2), round(measure, 2)


@functools.cache
def family_label_units(family: str) -> tuple[float, float]:
    """(label, clear band at the bottom) in units shared by the named presets of
    `family`: the largest share any of them needs (`Preset.min_label`,
    `Preset.overlay_band`), so the family keeps one design."""
    members = [p for p in PRESETS.values() if p.family == family]
    label = max([SCALE[family][1], *(p.min_label / _units(p) for p in members)])
    clear = max(p.overlay_band / _units(p) for p in members)
    return round(label, 2), round(clear, 2)


def text_sizes(preset: Preset) -> TextSizes:
    """The deck's sizes at `preset`."""
    u = _units(preset)
    footer = SCALE[preset.family][2]
    body, measure = family_units(preset.family)
    label, clear = family_label_units(preset.family)
    return TextSizes(
        unit=u,
        body=round(max(preset.min_body, body * u), 1),
        min_body=preset.min_body,
        label=max(round(label * u, 1), preset.min_label),
        clear=max(round(clear * u, 1), preset.overlay_band),
        footer=round(footer * u, 1),
        measure=round(min(_column(preset), measure) * u, 1),
    )
