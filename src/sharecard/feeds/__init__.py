"""Feed previews: a bundle as each platform will frame it, before anyone posts it.

X crops a single image in its timeline and draws link cards at 2:1; LinkedIn and
Facebook draw a 1.91:1 card with the title under it; Bluesky and Mastodon have their own
frames. `rules` holds each frame's published size and cut rules with their sources,
and what a frame draws over the image (X's title pill); `plan` works out what each frame
shows of a bundle (which crops cut a headline or a footer, which overlays cover one),
`page` draws it all as one self-contained HTML page.

`bundle_feed` is what `sharecard.pipeline.build_bundle` calls: the feed warnings every
bundle gets (crops and overlays), and ``feed.html`` when asked for (``sharecard preview
INPUT --feed``); `sharecard.pipeline.feed_preview` is the page with its images inlined,
as the service answers it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sharecard.feeds.plan import FeedPlan, crop_warnings, feed_plan, feed_warnings, link_texts
from sharecard.feeds.rules import FRAMES, FeedFrame, Overlay
from sharecard.model import Briefing, Diagnostic

if TYPE_CHECKING:
    from sharecard.blurbs.alt import ImageInfo
    from sharecard.cards.render import RenderedCard
    from sharecard.feeds.page import embed_images, feed_page

FEED_FILE = "feed.html"

__all__ = ["FEED_FILE", "FRAMES", "FeedFrame", "FeedPlan", "Overlay", "bundle_feed",
           "crop_warnings", "embed_images", "feed_page", "feed_plan", "feed_warnings"]


def __getattr__(name: str) -> object:
    """`feed_page` and `embed_images`, imported on first use: every bundle needs the
    crop warnings (`plan`), only ``--feed`` and the service need the page (start-up)."""
    if name in ("feed_page", "embed_images"):
        from sharecard.feeds import page

        return getattr(page, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def bundle_feed(briefing: Briefing, cards: Sequence[RenderedCard], images: Sequence[ImageInfo],
                *, page: bool) -> tuple[dict[str, bytes], tuple[Diagnostic, ...]]:
    """The feed warnings of a bundle (crops, then overlays) and, if `page`, its
    ``feed.html`` (images referenced by their names in the bundle). `images` has one
    entry per card, in order."""
    if not page:
        title, domain = link_texts(briefing)
        return {}, feed_warnings(cards, images, title=title, domain=domain)
    from sharecard.cards.render import text_direction
    from sharecard.feeds.page import feed_page

    plan = feed_plan(briefing, cards, images, direction=text_direction(briefing))
    return {FEED_FILE: feed_page(plan).encode("utf-8")}, plan.warnings()
