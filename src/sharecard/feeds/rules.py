"""How each platform frames a post in its feed: the image's shape, what it cuts, how far
the text runs before "see more" — with where each number comes from.

One table, like `sharecard.blurbs.platforms`: a platform that changes its feed is one
row here, and each rule stays next to its source. Two kinds of number are mixed, and
each row says which it is: *published* (the platform's own documentation or source
code) and *observed* (the platform publishes nothing; the figure is the one its
current apps show and that guides for editors repeat). An observed number is the
preview's best guess of today's feed, not a promise.

Some frames also draw on the image (`Overlay`): X's link card lays the page's title
in a dark pill over the image's lower-left corner. An overlay is laid out in CSS px at
the width the frame draws the image (`FeedFrame.width`), as the apps lay it: its size
does not grow with the image, so on the card it covers a share that depends on the
crop and the scale (`sharecard.feeds.plan`).

Shapes are width ÷ height. An image post shows an image whole while its shape lies in
[`narrowest`, `widest`] and centre-crops it to the nearer bound outside that band; a
link card has one fixed shape (narrowest = widest) and centre-crops every image to it.
"""

from __future__ import annotations

from typing import Literal

import msgspec


class TextRule(msgspec.Struct, frozen=True):
    """How much of a text the feed shows: at most `chars` characters of it (cut at a
    word, then `more` is appended) and/or `lines` lines (the rest hidden, `more` at the
    end of the last). None: no limit."""

    chars: int | None = None
    lines: int | None = None
    more: str = ""
    source: str = ""

    def describe(self, what: str) -> str:
        parts = []
        if self.chars is not None:
            parts.append(f"{self.chars} characters")
        if self.lines is not None:
            parts.append(f"{self.lines} line{'s' if self.lines > 1 else ''}")
        shown = " or ".join(parts) if parts else "in full"
        tail = f', then "{self.more}"' if self.more else ""
        return f"{what}: {shown}{tail}" if parts else f"{what}: shown in full"


Corner = Literal["bottom-left", "bottom-right", "top-left", "top-right"]


class Overlay(msgspec.Struct, frozen=True):
    """Something a frame draws over the image, which hides what the card prints there.

    Sizes are CSS px at the frame's drawn width (`FeedFrame.width`): `inset_x` from the
    side edge of `corner`, `inset_y` from its top or bottom edge. The overlay is one
    line, as wide as its text (`font_size`, `padding_x` each side) up to `max_width`
    (None: the frame's width less both insets, where the text ends in "…"). `shows`
    names the text it carries: the link's ``"title"`` or its ``"domain"``."""

    name: str
    corner: Corner
    inset_x: float
    inset_y: float
    height: float
    shows: Literal["title", "domain"]
    font_size: float
    padding_x: float = 0.0
    max_width: float | None = None
    radius: float = 0.0
    source: str = ""

    def widest(self, frame_width: float) -> float:
        """The overlay's maximum width in CSS px on a frame `frame_width` px wide."""
        room = frame_width - 2 * self.inset_x
        return room if self.max_width is None else min(self.max_width, room)

    def describe(self) -> str:
        return (f"{self.name}: the link's {self.shows} in a {self.height:g} px tall pill, "
                f"{self.inset_x:g} px from the {self.corner.split('-')[1]} and "
                f"{self.inset_y:g} px from the {self.corner.split('-')[0]} edge, "
                "as wide as its text")


class FeedFrame(msgspec.Struct, frozen=True):
    """One platform's feed frame for a post."""

    key: str
    label: str
    platform: str  # the `sharecard.blurbs` platform whose blurb is the post text
    kind: str  # "image": an image attached to the post; "link": a link preview card
    narrowest: float  # shapes shown whole (width / height); outside, centre-cropped
    widest: float
    prefer: tuple[str, ...]  # image posts: presets to attach, best first
    published: str  # the image size the platform asks for
    crop: str  # how it fits the image, as a sentence
    crop_source: str
    post: TextRule
    title: TextRule | None = None
    description: TextRule | None = None
    width: int = 500  # CSS px the frame is drawn at (the platform's desktop column)
    overlays: tuple[Overlay, ...] = ()  # what it draws over the image

    def visible(self, width: float, height: float) -> tuple[float, float, float, float]:
        """The part of a `width` × `height` image the frame shows (x0, y0, x1, y1),
        centre-cropped to the band of shapes it shows whole."""
        shape = width / height
        if shape < self.narrowest:  # too tall: cut top and bottom
            shown = width / self.narrowest
            top = (height - shown) / 2
            return 0.0, top, width, top + shown
        if shape > self.widest:  # too wide: cut both sides
            shown = height * self.widest
            left = (width - shown) / 2
            return left, 0.0, left + shown, height
        return 0.0, 0.0, width, height

    @property
    def fixed_shape(self) -> bool:
        return self.narrowest == self.widest


# X's link card since January 2024 (observed; X documents none of it): the image alone,
# the page's title (twitter:title, else og:title) over its lower-left corner as one line
# of white text (about 13 px on a 16 px line) in a dark translucent pill with 4 px
# rounded corners, 12 px from the left and bottom edges, as wide as the title and cut
# with "…" where it reaches the right inset; "From domain" is written under the card.
# Between October and December 2023 the pill showed the domain instead. The figures are
# the x.com desktop timeline's, where the card's image is 506 px wide, to a px or two
# (the phone apps, on narrower images, are not modelled).
_X_TITLE_PILL = Overlay(
    name="title pill",
    corner="bottom-left",
    inset_x=12,
    inset_y=12,
    height=20,
    shows="title",
    font_size=13,
    padding_x=4,
    radius=4,
    source="observed: x.com timeline since January 2024 (the title over the image's "
           "lower-left corner, 12 px in, 20 px tall, as wide as the title up to the "
           "right inset); X publishes no layout for it",
)

# X: the post text is never cut in the timeline (280 weighted characters fit as posted).
_X_POST = TextRule(source="published: 280 weighted characters, twitter-text config v3")

FRAMES: tuple[FeedFrame, ...] = (
    FeedFrame(
        key="x-timeline",
        label="X · post with one image",
        platform="x",
        kind="image",
        # observed: X publishes no bounds. Its engineering blog (blog.x.com/engineering,
        # "Sharing learnings about our image cropping algorithm", May 2021) says single
        # images of standard shapes appear uncropped and very tall or wide ones are
        # centre-cropped; the band taken here is 3:4 (tallest "standard" photo shape) to
        # 2:1 (X's own widest card shape).
        narrowest=3 / 4,
        widest=2.0,
        prefer=("x", "og", "x-card", "linkedin", "square", "portrait", "story"),
        published="1600×900 (16:9) recommended for one image; ≤ 5 MB",
        crop="shown whole from 3:4 to 2:1, centre-cropped beyond (observed)",
        crop_source="blog.x.com/engineering 2021 'Sharing learnings about our image "
                    "cropping algorithm'",
        post=_X_POST,
        width=506,
    ),
    FeedFrame(
        key="x-card",
        label="X · link card (summary_large_image)",
        platform="x",
        kind="link",
        # published: "Images for this Card support an aspect ratio of 2:1 with minimum
        # dimensions of 300x157 or maximum of 4096x4096 pixels. Images must be less than
        # 5MB" (developer.x.com … cards/overview/summary-card-with-large-image);
        # title max 70 characters, description max 200 (… cards/overview/markup).
        narrowest=2.0,
        widest=2.0,
        prefer=(),
        published="2:1, 300×157 to 4096×4096, < 5 MB (published)",
        crop="centre-cropped to 2:1; the title sits on the image, one line",
        crop_source="developer.x.com/en/docs/x-for-websites/cards/overview/"
                    "summary-card-with-large-image",
        post=_X_POST,
        title=TextRule(chars=70, lines=1, more="…",
                       source="published: twitter:title max 70 characters "
                              "(developer.x.com … cards/overview/markup)"),
        # twitter:description (max 200 characters, published) is not shown in today's
        # timeline (observed), so the frame shows none.
        width=506,
        overlays=(_X_TITLE_PILL,),
    ),
    FeedFrame(
        key="linkedin",
        label="LinkedIn · link card",
        platform="linkedin",
        kind="link",
        # published: LinkedIn Help 46687 "Making your website shareable on LinkedIn":
        # og:image at least 1200 (w) × 627 (h), a 1.91:1 ratio.
        narrowest=1.91,
        widest=1.91,
        prefer=(),
        published="1200×627 (1.91:1) minimum (published)",
        crop="centre-cropped to 1.91:1; title under the image, two lines",
        crop_source="linkedin.com/help/linkedin/answer/46687",
        post=TextRule(chars=210, more="…see more",
                      source="observed: desktop feed folds a post after about 210 "
                             "characters (three lines)"),
        title=TextRule(lines=2, more="…", source="observed: og:title shown on two lines"),
        width=555,
    ),
    FeedFrame(
        key="facebook",
        label="Facebook · link card",
        platform="facebook",
        kind="link",
        # published: Meta's Sharing webmaster guide (developers.facebook.com/docs/
        # sharing/webmasters/images): 1200×630 for the best display, 1.91:1.
        narrowest=1.91,
        widest=1.91,
        prefer=(),
        published="1200×630 (1.91:1) recommended (published)",
        crop="centre-cropped to 1.91:1; domain, title (two lines) and one line of "
             "description under the image",
        crop_source="developers.facebook.com/docs/sharing/webmasters/images",
        post=TextRule(chars=477, more="… See more",
                      source="observed: long posts fold after about 477 characters"),
        title=TextRule(lines=2, more="…", source="observed: og:title on two lines"),
        description=TextRule(lines=1, more="…",
                             source="observed: og:description on one line"),
        width=500,
    ),
    FeedFrame(
        key="bluesky",
        label="Bluesky · post with one image",
        platform="bluesky",
        kind="image",
        # published (source code): bluesky-social/social-app
        # src/view/com/util/images/AutoSizedImage.tsx — "max of 1:2 ratio in feeds":
        # an image taller than 1:2 is cropped to 1:2; any wider shape is shown whole
        # (scaled into a 1:1 box on desktop, 9:16 on phones).
        narrowest=1 / 2,
        widest=float("inf"),
        prefer=("portrait", "square", "og", "x", "linkedin", "story"),
        published="any shape; taller than 1:2 is cropped in feeds (source code)",
        crop="shown whole down to 1:2, centre-cropped when taller",
        crop_source="github.com/bluesky-social/social-app src/view/com/util/images/"
                    "AutoSizedImage.tsx",
        post=TextRule(source="published: 300 graphemes (app.bsky.feed.post lexicon); "
                      "shown in full"),
        width=550,
    ),
    FeedFrame(
        key="mastodon",
        label="Mastodon · post with one image",
        platform="mastodon",
        kind="image",
        # published (source code): mastodon/mastodon app/javascript/mastodon/components/
        # media_gallery.jsx — a single image with known size is shown at its own aspect
        # ratio (isFullSizeEligible), so nothing is cut (servers from 4.3).
        narrowest=0.0,
        widest=float("inf"),
        prefer=("og", "x", "square", "linkedin", "portrait", "story"),
        published="any shape; one image is shown at its own aspect ratio (source code)",
        crop="shown whole (Mastodon 4.3 and later)",
        crop_source="github.com/mastodon/mastodon app/javascript/mastodon/components/"
                    "media_gallery.jsx",
        post=TextRule(source="published: 500 characters (StatusLengthValidator); shown in "
                      "full"),
        width=578,
    ),
)

FRAME_KEYS = tuple(f.key for f in FRAMES)
