"""What each feed frame would show for a bundle: which image, which part of it, and
which texts, cut as the platform cuts them — plain data, for the page and the manifest.

Images: a link card shows the bundle's og:image (`blurbs.files.preview_image`, the one
``meta.html`` names); an image post attaches the first cover among the frame's
preferred presets that the bundle has. What a crop cuts is read from the card's own
layout record: a title box (the headline, a section heading, a pull quote) or a footer
box not wholly inside the visible part is cut, and that is a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

import msgspec

from sharecard.blurbs.alt import ImageInfo
from sharecard.blurbs.counting import grapheme_count
from sharecard.blurbs.files import preview_image
from sharecard.blurbs.words import ELLIPSIS, one_line, shorten
from sharecard.cards.render import RenderedCard
from sharecard.feeds.rules import FRAMES, FeedFrame, TextRule
from sharecard.model import Briefing, Diagnostic

TOLERANCE = 0.5  # px, as the card checks
CUT_ROLES = {"title": "headline", "footer": "footer"}


class Shown(msgspec.Struct, frozen=True):
    """An image as a frame shows it: the file, and the visible part as fractions of its
    width and height (x0, y0, x1, y1); `cut` names what the crop cuts."""

    path: str
    width: int
    height: int
    card: str
    visible: tuple[float, float, float, float]
    cut: tuple[str, ...] = ()

    @property
    def cropped(self) -> bool:
        return self.visible != (0.0, 0.0, 1.0, 1.0)

    @property
    def shape(self) -> float:
        x0, y0, x1, y1 = self.visible
        return (x1 - x0) * self.width / ((y1 - y0) * self.height)


class Shortened(msgspec.Struct, frozen=True):
    """A text as the feed shows it, and whether the feed cut it."""

    text: str
    full: str
    cut: bool


class FramePlan(msgspec.Struct, frozen=True):
    frame: FeedFrame
    image: Shown | None
    post: Shortened
    title: Shortened | None = None
    description: Shortened | None = None
    domain: str | None = None


class FeedPlan(msgspec.Struct, frozen=True):
    """Every frame of the preview, and who posts (the brand)."""

    headline: str
    language: str | None
    direction: str
    brand: str
    link: str | None
    frames: tuple[FramePlan, ...]

    def warnings(self) -> tuple[Diagnostic, ...]:
        """One warning per frame whose crop cuts a headline or a footer."""
        return tuple(_crop_warning(p.frame, p.image) for p in self.frames
                     if p.image is not None and p.image.cut)


def _ratio(shape: float) -> str:
    for label, value in (("2:1", 2.0), ("1.91:1", 1.91), ("16:9", 16 / 9), ("3:4", 0.75),
                         ("1:2", 0.5), ("1:1", 1.0), ("4:5", 0.8), ("9:16", 9 / 16)):
        if abs(shape - value) < 0.005:
            return label
    return f"{shape:.2f}:1"


def _percent(visible: tuple[float, float, float, float]) -> str:
    x0, y0, x1, y1 = visible
    return f"{(x1 - x0) * 100:.0f} % of the width, {(y1 - y0) * 100:.0f} % of the height"


def shown_image(frame: FeedFrame, image: ImageInfo, card: RenderedCard) -> Shown:
    """The part of `image` the frame shows, and the headline/footer boxes it cuts."""
    w, h = card.preset.width, card.preset.height
    x0, y0, x1, y1 = frame.visible(w, h)
    cut: list[str] = []
    for box in card.boxes:
        what = CUT_ROLES.get(box.role)
        if what is None or not box.lines or what in cut:
            continue
        bx0, by0, bx1, by1 = box.bounds
        if (bx0 < x0 - TOLERANCE or by0 < y0 - TOLERANCE or bx1 > x1 + TOLERANCE
                or by1 > y1 + TOLERANCE):
            cut.append(what)
    visible = (round(x0 / w, 4), round(y0 / h, 4), round(x1 / w, 4), round(y1 / h, 4))
    order = list(CUT_ROLES.values())
    return Shown(image.path, image.width, image.height, card.name, visible,
                 tuple(sorted(cut, key=order.index)))


def shorten_to(text: str, rule: TextRule | None) -> Shortened:
    """`text` cut as `rule` cuts it: at most `rule.chars` characters of it, ending on a
    word, then `rule.more`. (Line limits are the page's to clamp, as the feed does.)"""
    text = text.strip()
    if rule is None or rule.chars is None or grapheme_count(text) <= rule.chars:
        return Shortened(text, text, False)
    limit = rule.chars
    head = shorten(text, lambda s: grapheme_count(s.removesuffix(ELLIPSIS)) <= limit)
    kept = (head or "").removesuffix(ELLIPSIS)
    more = rule.more or ELLIPSIS
    return Shortened(kept + more if kept else more, text, True)


def _pick(frame: FeedFrame, pairs: Sequence[tuple[RenderedCard, ImageInfo]],
          og: ImageInfo | None) -> tuple[RenderedCard, ImageInfo] | None:
    if frame.kind == "link":
        return next(((c, i) for c, i in pairs if og is not None and i.path == og.path), None)
    covers = [(c, i) for c, i in pairs if c.kind == "cover"] or list(pairs)
    for preset in frame.prefer:
        for card, image in covers:
            if card.preset.name == preset:
                return card, image
    if not covers:
        return None
    middle = (frame.narrowest + min(frame.widest, 4.0)) / 2
    return min(covers, key=lambda p: abs(p[0].preset.width / p[0].preset.height - middle))


def shown_images(cards: Sequence[RenderedCard], images: Sequence[ImageInfo]
                 ) -> tuple[tuple[FeedFrame, Shown | None], ...]:
    """What image each frame shows, and what its crop cuts (no texts: cheap enough for
    every bundle's warnings)."""
    pairs = list(zip(cards, images, strict=True))
    og = preview_image(images)
    out = []
    for frame in FRAMES:
        picked = _pick(frame, pairs, og)
        out.append((frame, shown_image(frame, picked[1], picked[0]) if picked else None))
    return tuple(out)


def crop_warnings(cards: Sequence[RenderedCard], images: Sequence[ImageInfo]
                  ) -> tuple[Diagnostic, ...]:
    """One warning per frame whose crop would cut a headline or a footer."""
    return tuple(_crop_warning(frame, shown) for frame, shown in shown_images(cards, images)
                 if shown is not None and shown.cut)


def _crop_warning(frame: FeedFrame, shown: Shown) -> Diagnostic:
    what = " and the ".join(shown.cut)
    return Diagnostic("crop-cuts", f"{frame.label} crops {shown.path} to "
                      f"{_ratio(shown.shape)}: it cuts the {what}",
                      f"{shown.card}: shows {_percent(shown.visible)} of the image")


def feed_plan(briefing: Briefing, cards: Sequence[RenderedCard], images: Sequence[ImageInfo],
              *, direction: str, link: str | None = None) -> FeedPlan:
    """The preview of every frame for a bundle's `cards` and their `images` (one per
    card, same order); `briefing` as the bundle presents it."""
    from sharecard.blurbs.compose import compose
    from sharecard.blurbs.meta import description

    link = link if link is not None else briefing.url
    domain = None
    if link:
        host = urlsplit(link).hostname or ""
        domain = host.removeprefix("www.") or None
    title = one_line(briefing.headline)
    summary = description(briefing)
    frames = []
    for frame, shown in shown_images(cards, images):
        post = shorten_to(compose(briefing, frame.platform, url=link), frame.post)
        frames.append(FramePlan(
            frame, shown, post,
            title=shorten_to(title, frame.title) if frame.kind == "link" else None,
            description=(shorten_to(summary, frame.description)
                         if frame.description is not None and summary else None),
            domain=domain if frame.kind == "link" else None,
        ))
    brand = briefing.attribution.brand if briefing.attribution else ""
    return FeedPlan(title, briefing.language, direction, brand, link, tuple(frames))
