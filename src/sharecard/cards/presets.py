"""Named card sizes (presets) and custom ``W×H`` sizes, with each platform's limits.

A preset carries more than a size: the layout family its aspect ratio calls for (a story
is a different composition from an og card, not the same one stretched), the safe area
the platform's UI leaves free, and the file-size cap an upload must stay under.
"""

from __future__ import annotations

import re
from typing import Literal

import msgspec

from sharecard.errors import ConfigError, SizeError

Family = Literal["landscape", "square", "portrait", "story"]

MB = 1024 * 1024
MIN_SIDE = 200  # below this no headline is legible
MAX_SIDE = 4096  # X's card limit; larger buys nothing and costs memory
MAX_ASPECT = 4.0  # wider/taller than 4:1 leaves no room for a composition

# How wide a feed shows a card (CSS px), per layout family: a link preview is drawn about
# 480 px wide (Facebook and LinkedIn desktop ~500–550, X ~506, phones ~360–400); a square,
# portrait or story post fills a phone's width (~390–430 px), so about 400.
FEED_WIDTH = {"landscape": 480, "square": 400, "portrait": 400, "story": 400}
# The smallest text that reads there: 12 CSS px, the size iOS and Android use for
# captions and footnotes, the least they ask a reader to read.
READABLE_CSS_PX = 12
# A label (the kicker, the brand) must read there too: capitals at least 9 CSS px tall,
# in a face whose capitals are 0.7 em (Inter 0.727, Noto Sans 0.714: a little under both).
MIN_CAP_CSS_PX = 9
CAP_HEIGHT = 0.7
# X draws a link card's title in a pill over the image's bottom-left corner, 12 CSS px
# in, 20 tall, on a 506 px wide image (feeds.rules, observed), up to nearly its full
# width: a landscape card (what a link preview shows) keeps that band, and 4 px more,
# clear of its footer.
LINK_OVERLAY_CSS = (12 + 20 + 4) / 506
LINK_PREVIEWS = frozenset({"og", "x-card", "linkedin"})  # what a link card shows


class Insets(msgspec.Struct, frozen=True):
    """Distances from each edge that text must keep clear of (px)."""

    top: float
    right: float
    bottom: float
    left: float


class Preset(msgspec.Struct, frozen=True):
    """A card size: where it is posted, its layout family, safe area and size cap."""

    name: str
    width: int
    height: int
    platform: str
    max_bytes: int

    @property
    def family(self) -> Family:
        """landscape | square | portrait | story, chosen from the aspect ratio."""
        return family_for(self.width, self.height)

    @property
    def short_side(self) -> int:
        return min(self.width, self.height)

    @property
    def margin(self) -> float:
        """The safe margin: 6 % of the short side, the minimum clear space at every edge."""
        return round(0.06 * self.short_side, 2)

    @property
    def safe(self) -> Insets:
        """Safe insets. Stories keep ~13 % clear top and bottom, where the app's UI sits."""
        m = self.margin
        if self.family == "story":
            v = round(max(m, 0.13 * self.height), 2)
            return Insets(v, m, v, m)
        return Insets(m, m, m, m)

    @property
    def frame(self) -> Insets:
        """The design's content frame: 8 % of the short side (never inside the safe area).
        Text sits within it; only decoration (bars, backgrounds) goes beyond."""
        pad = round(0.08 * self.short_side, 2)
        s = self.safe
        return Insets(max(pad, s.top), max(pad, s.right), max(pad, s.bottom), max(pad, s.left))

    @property
    def min_body(self) -> float:
        """Smallest body text (px) for this card: what reads at 12 CSS px in a feed that
        shows it at its usual width (og: 30 px; square, portrait, story: 32.4 px). Capped
        at 6 % of the short side so a banner (1500×500) still has room for a headline."""
        raw = READABLE_CSS_PX * self.width / FEED_WIDTH[self.family]
        return round(min(raw, 0.06 * self.short_side), 1)

    @property
    def min_label(self) -> float:
        """Smallest label text (px): capitals MIN_CAP_CSS_PX tall at the feed's width
        (og: 32.1 px, where a 3-unit kicker was 18.9 px and 7 px tall in the feed)."""
        return round(MIN_CAP_CSS_PX / CAP_HEIGHT * self.width / FEED_WIDTH[self.family], 1)

    @property
    def overlay_band(self) -> float:
        """Height (px) at the bottom a link-preview card keeps clear of text: where X's
        title pill lies (LINK_OVERLAY_CSS), plus what X's 2:1 frame crops off the bottom
        of a taller card (og: 15 px); 0 for the others. (Cards use their family's
        largest share of it: `typescale.TextSizes.clear`.)"""
        if self.name not in LINK_PREVIEWS:
            return 0.0
        cropped = max(0.0, (self.height - self.width / 2) / 2)
        return round(LINK_OVERLAY_CSS * self.width + cropped, 1)

    @property
    def label(self) -> str:
        return f"{self.width}×{self.height}"

    def to_dict(self) -> dict[str, object]:
        s = self.safe
        return {
            "name": self.name,
            "width": self.width,
            "height": self.height,
            "family": self.family,
            "platform": self.platform,
            "max_bytes": self.max_bytes,
            "safe": [s.top, s.right, s.bottom, s.left],
            "frame": [self.frame.top, self.frame.right, self.frame.bottom, self.frame.left],
            "min_body": self.min_body,
        }


def family_for(width: int, height: int) -> Family:
    """Layout family from the aspect ratio (height / width)."""
    ratio = height / width
    if ratio < 0.8:
        return "landscape"
    if ratio <= 1.15:
        return "square"
    if ratio <= 1.6:
        return "portrait"
    return "story"


# Sizes and caps as the platforms document them (image upload / link-preview specs).
PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("og", 1200, 630, "Open Graph link preview (Facebook, WhatsApp, Slack…)", 8 * MB),
        Preset("x", 1600, 900, "X post image, 16:9", 5 * MB),
        Preset("x-card", 1200, 600, "X summary_large_image card, 2:1", 5 * MB),
        Preset("linkedin", 1200, 627, "LinkedIn link share / feed image", 5 * MB),
        Preset("square", 1080, 1080, "Instagram / LinkedIn / Threads square post", 8 * MB),
        Preset("portrait", 1080, 1350, "Instagram 4:5 portrait post", 8 * MB),
        Preset("story", 1080, 1920, "Instagram / Facebook story, 9:16", 8 * MB),
        Preset("pinterest", 1000, 1500, "Pinterest standard pin, 2:3", 20 * MB),
    )
}

_CUSTOM = re.compile(r"^\s*(\d{1,6})\s*[x×X*]\s*(\d{1,6})\s*$")


def custom_preset(width: int, height: int) -> Preset:
    """A preset for an arbitrary size, refused (ConfigError) when absurd."""
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise ConfigError(
            f"preset size {width}×{height} is out of range: "
            f"each side must be {MIN_SIDE}–{MAX_SIDE} px"
        )
    if max(width / height, height / width) > MAX_ASPECT:
        raise SizeError(f"preset size {width}×{height} is too narrow: aspect ratio over 4:1")
    return Preset(f"{width}x{height}", width, height, "custom size", 5 * MB)


def get_preset(spec: str) -> Preset:
    """A named preset or a ``W×H`` / ``WxH`` size; unknown names list the valid ones."""
    key = spec.strip().lower()
    if key in PRESETS:
        return PRESETS[key]
    match = _CUSTOM.match(key)
    if match:
        return custom_preset(int(match.group(1)), int(match.group(2)))
    raise ConfigError(
        f"unknown preset '{spec}'; valid presets: {', '.join(PRESETS)} or a size like 1500x500"
    )


def parse_presets(specs: str | list[str] | tuple[str, ...]) -> tuple[Preset, ...]:
    """Presets from a comma list or list of names/sizes, in order, duplicates dropped;
    ``all`` means every named preset."""
    items = specs.split(",") if isinstance(specs, str) else [x for s in specs for x in s.split(",")]
    out: dict[str, Preset] = {}
    for item in (i.strip() for i in items):
        if not item:
            continue
        if item.lower() == "all":
            out.update(PRESETS)
            continue
        preset = get_preset(item)
        out.setdefault(preset.name, preset)
    if not out:
        raise ConfigError(f"no preset given; valid presets: {', '.join(PRESETS)}")
    return tuple(out.values())
