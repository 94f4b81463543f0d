"""What each feed frame would show for a bundle: which image, which part of it, and
which texts, cut as the platform cuts them — plain data, for the page and the manifest.

Images: a link card shows the bundle's og:image (`blurbs.files.preview_image`, the one
``meta.html`` names); an image post attaches the first cover among the frame's
preferred presets that the bundle has. What a crop cuts is read from the card's own
layout record: a title box (the headline, a section heading, a pull quote) or a footer
box not wholly inside the visible part is cut, and that is a warning.

What a frame draws over the image (`rules.Overlay`: X's title pill) is read against the
same record. The overlay keeps its CSS size whatever the image, so its rectangle on the
card is its CSS box scaled by (visible width ÷ the frame's drawn width) and set in the
visible part's corner; its width follows its text, which is estimated generously
(`text_width`: the platform's font is not ours). Any line of a headline or footer whose
ink box it overlaps is covered, and that is a warning too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

import msgspec

from sharecard.blurbs.alt import ImageInfo
from sharecard.blurbs.counting import grapheme_count
from sharecard.blurbs.files import preview_image
from sharecard.blurbs.words import ELLIPSIS, one_line, shorten
from sharecard.cards.render import BoxRecord, RenderedCard
from sharecard.compiled import cached_regex
from sharecard.feeds.rules import FRAMES, FeedFrame, Overlay, TextRule
from sharecard.model import Briefing, Diagnostic

TOLERANCE = 0.5  # px, as the card checks
CUT_ROLES = {"title": "headline", "footer": "footer"}
COVERED = ("headline", "footer", "source line")  # what an overlay can cover, in order
SOURCE_BOX = "footer.sources"  # the footer's source line (`cards.footer`)
EM_NARROW, EM_WIDE = 0.6, 1.0  # estimated advance of a character, in em
_GRAPHEME = cached_regex(r"\X")

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


class Overlaid(msgspec.Struct, frozen=True):
    """An overlay as a frame draws it on one card: the text it shows, its rectangle in
    the card's px (`box`, x0, y0, x1, y1) and what of the card it covers (`COVERED`)."""

    overlay: Overlay
    text: str
    box: Box
    covers: tuple[str, ...] = ()


class Shown(msgspec.Struct, frozen=True):
    """An image as a frame shows it: the file, and the visible part as fractions of its
    width and height (x0, y0, x1, y1); `cut` names what the crop cuts."""

    path: str
    width: int
    height: int
    card: str
    visible: tuple[float, float, float, float]
    cut: tuple[str, ...] = ()
    overlays: tuple[Overlaid, ...] = ()

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
        """One warning per frame whose crop cuts a headline or a footer, then one per
        overlay that covers one."""
        return _warnings((p.frame, p.image) for p in self.frames)


def _ratio(shape: float) -> str:
    for label, value in (("2:1", 2.0), ("1.91:1", 1.91), ("16:9", 16 / 9), ("3:4", 0.75),
                         ("1:2", 0.5), ("1:1", 1.0), ("4:5", 0.8), ("9:16", 9 / 16)):
        if abs(shape - value) < 0.005:
            return label
    return f"{shape:.2f}:1"


def _percent(visible: tuple[float, float, float, float]) -> str:
    x0, y0, x1, y1 = visible
    return f"{(x1 - x0) * 100:.0f} % of the width, {(y1 - y0) * 100:.0f} % of the height"


def text_width(text: str, size: float) -> float:
    """The width of `text` in CSS px at `size` px, estimated: the platform sets it in its
    own UI font, which we do not have. 0.6 em a character (most Latin text runs nearer
    0.5), 1 em a wide one (CJK): generous, so the overlay checked is never narrower than
    the one drawn."""
    ems = sum(EM_WIDE if unicodedata.east_asian_width(g[0]) in "WF" else EM_NARROW
              for g in _GRAPHEME.findall(text))
    return ems * size


def overlay_width(overlay: Overlay, text: str, frame_width: float) -> float:
    """The overlay's width in CSS px: its text and padding, up to its widest."""
    return min(overlay.widest(frame_width), text_width(text, overlay.font_size)
               + 2 * overlay.padding_x)


def overlay_box(overlay: Overlay, width: float, frame_width: float, visible: Box) -> Box:
    """Where an overlay `width` CSS px wide lies on the card (card px), when the frame
    draws the card's `visible` part `frame_width` CSS px wide: the overlay keeps its CSS
    size, so it is scaled by the visible width ÷ `frame_width` and placed from the
    visible part's corner — a crop moves it onto the card, a wide card shrinks it."""
    vx0, vy0, vx1, vy1 = visible
    scale = (vx1 - vx0) / frame_width
    w, h = width * scale, overlay.height * scale
    vertical, side = overlay.corner.split("-")
    x0 = vx0 + overlay.inset_x * scale if side == "left" else vx1 - overlay.inset_x * scale - w
    y0 = vy0 + overlay.inset_y * scale if vertical == "top" else vy1 - overlay.inset_y * scale - h
    return (x0, y0, x0 + w, y0 + h)


def _overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share more than `TOLERANCE` px each way."""
    return (min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE
            and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE)


def _covered_name(box: BoxRecord) -> str | None:
    if box.name == SOURCE_BOX:
        return "source line"
    return CUT_ROLES.get(box.role)


def covered_by(area: Box, boxes: Iterable[BoxRecord]) -> tuple[str, ...]:
    """What of a card's headline, footer and source line lies under `area` (card px):
    any line whose ink box it overlaps, read from the card's layout record."""
    found: set[str] = set()
    for box in boxes:
        what = _covered_name(box)
        if what is None or not box.lines or what in found:
            continue
        if any(_overlaps(area, ink) for ink in box.line_boxes or (box.bounds,)):
            found.add(what)
    return tuple(w for w in COVERED if w in found)


def _overlay_text(frame: FeedFrame, overlay: Overlay, title: str, domain: str | None) -> str:
    """What the overlay writes: the title cut as the frame cuts it, or the domain."""
    if overlay.shows == "domain":
        return domain or ""
    return shorten_to(title, frame.title).text if title.strip() else ""


def overlaid(frame: FeedFrame, card: RenderedCard, *, title: str = "",
             domain: str | None = None) -> tuple[Overlaid, ...]:
    """The overlays `frame` draws on `card` and what each covers; an overlay with no
    text to show is not drawn."""
    visible = frame.visible(card.preset.width, card.preset.height)
    out = []
    for overlay in frame.overlays:
        text = _overlay_text(frame, overlay, title, domain)
        if not text:
            continue
        width = overlay_width(overlay, text, frame.width)
        box = overlay_box(overlay, width, frame.width, visible)
        x0, y0, x1, y1 = (round(v, 2) for v in box)
        out.append(Overlaid(overlay, text, (x0, y0, x1, y1), covered_by(box, card.boxes)))
    return tuple(out)


def shown_image(frame: FeedFrame, image: ImageInfo, card: RenderedCard, *, title: str = "",
                domain: str | None = None) -> Shown:
    """The part of `image` the frame shows, the headline/footer boxes it cuts, and its
    overlays (given the link's `title` and `domain` they show)."""
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
                 tuple(sorted(cut, key=order.index)),
                 overlaid(frame, card, title=title, domain=domain))


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


def shown_images(cards: Sequence[RenderedCard], images: Sequence[ImageInfo], *,
                 title: str = "", domain: str | None = None
                 ) -> tuple[tuple[FeedFrame, Shown | None], ...]:
    """What image each frame shows, what its crop cuts and what its overlays cover (no
    post texts: cheap enough for every bundle's warnings). Without a `title` (or
    `domain`) the overlays that show it are not drawn."""
    pairs = list(zip(cards, images, strict=True))
    og = preview_image(images)
    out = []
    for frame in FRAMES:
        picked = _pick(frame, pairs, og)
        out.append((frame, shown_image(frame, picked[1], picked[0], title=title, domain=domain)
                    if picked else None))
    return tuple(out)


def crop_warnings(cards: Sequence[RenderedCard], images: Sequence[ImageInfo]
                  ) -> tuple[Diagnostic, ...]:
    """One warning per frame whose crop would cut a headline or a footer."""
    return tuple(_crop_warning(frame, shown) for frame, shown in shown_images(cards, images)
                 if shown is not None and shown.cut)


def feed_warnings(cards: Sequence[RenderedCard], images: Sequence[ImageInfo], *,
                  title: str, domain: str | None = None) -> tuple[Diagnostic, ...]:
    """Every feed warning of a bundle, as `FeedPlan.warnings` gives them: the crop
    warnings, then one per overlay that covers a headline, a footer or a source line
    (the link's `title` and `domain` are what the overlays show, `link_texts`)."""
    return _warnings(shown_images(cards, images, title=title, domain=domain))


def _warnings(shown: Iterable[tuple[FeedFrame, Shown | None]]) -> tuple[Diagnostic, ...]:
    pairs = [(frame, s) for frame, s in shown if s is not None]
    crops = [_crop_warning(frame, s) for frame, s in pairs if s.cut]
    covers = [_overlay_warning(frame, s, o) for frame, s in pairs for o in s.overlays
              if o.covers]
    return (*crops, *covers)


def _crop_warning(frame: FeedFrame, shown: Shown) -> Diagnostic:
    what = " and the ".join(shown.cut)
    return Diagnostic("crop-cuts", f"{frame.label} crops {shown.path} to "
                      f"{_ratio(shown.shape)}: it cuts the {what}",
                      f"{shown.card}: shows {_percent(shown.visible)} of the image")


def _overlay_warning(frame: FeedFrame, shown: Shown, drawn: Overlaid) -> Diagnostic:
    x0, y0, x1, y1 = drawn.box
    kind = drawn.overlay.source.split(":", 1)[0] or "observed"
    return Diagnostic("overlay-covers", f"{frame.label} draws its {drawn.overlay.name} over "
                      f"the {drawn.overlay.corner} corner of {shown.path}: it covers the "
                      f"{' and the '.join(drawn.covers)}",
                      f"{shown.card}: the {drawn.overlay.name} spans x {x0:.0f}–{x1:.0f}, "
                      f"y {y0:.0f}–{y1:.0f} px of the card ({kind})")


def link_texts(briefing: Briefing, link: str | None = None) -> tuple[str, str | None]:
    """The link's title (og:title, one line) and domain (no ``www.``), as a link card
    shows them; `link` defaults to the briefing's own URL."""
    link = link if link is not None else briefing.url
    domain = None
    if link:
        host = urlsplit(link).hostname or ""
        domain = host.removeprefix("www.") or None
    return one_line(briefing.headline), domain


def feed_plan(briefing: Briefing, cards: Sequence[RenderedCard], images: Sequence[ImageInfo],
              *, direction: str, link: str | None = None) -> FeedPlan:
    """The preview of every frame for a bundle's `cards` and their `images` (one per
    card, same order); `briefing` as the bundle presents it."""
    from sharecard.blurbs.compose import compose
    from sharecard.blurbs.meta import description

    link = link if link is not None else briefing.url
    title, domain = link_texts(briefing, link)
    summary = description(briefing)
    frames = []
    for frame, shown in shown_images(cards, images, title=title, domain=domain):
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
