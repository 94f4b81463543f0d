"""Each platform's length rules: the limit, how it counts, and where that comes from.

One table, so a rule change (a new limit, a new way of counting) is one line here and
the sources stay next to the numbers they justify.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from sharecard.blurbs.counting import (
    grapheme_count,
    mastodon_length,
    threads_length,
    x_weighted_length,
)
from sharecard.blurbs.urls import utf16_length
from sharecard.errors import ConfigError


class Platform(msgspec.Struct, frozen=True):
    """A platform's post and alt-text rules (limits in the platform's own units).

    Alt text is counted apart from posts: graphemes on Bluesky, code points on Mastodon
    (Ruby ``String#length``), UTF-16 units elsewhere (never fewer than a JS client sees).
    """

    name: str
    label: str
    limit: int
    count: Callable[[str], int]
    counted_as: str
    source: str
    alt_limit: int
    alt_source: str
    alt_count: Callable[[str], int] = utf16_length
    threads: bool = False
    max_utf8_bytes: int | None = None


PLATFORMS: dict[str, Platform] = {
    p.name: p
    for p in (
        Platform(
            "x", "X", 280, x_weighted_length,
            "twitter-text weighted length, config v3: NFC; code points in 0-4351, "
            "8192-8205, 8208-8223, 8242-8247 weigh 1, others 2; each emoji sequence 2; "
            "each URL 23",
            "github.com/twitter/twitter-text config/v3.json and js/src/parseTweet.js",
            1000, "X API POST /2/media/metadata/create: alt_text.text maxLength 1000",
            threads=True,
        ),
        Platform(
            "bluesky", "Bluesky", 300, grapheme_count,
            "extended grapheme clusters (UAX #29); also at most 3000 UTF-8 bytes",
            "bluesky-social/atproto lexicons/app/bsky/feed/post.json "
            "(text: maxLength 3000, maxGraphemes 300)",
            2000, "bluesky-social/social-app src/lib/constants.ts MAX_ALT_TEXT = 2000",
            alt_count=grapheme_count, threads=True, max_utf8_bytes=3000,
        ),
        Platform(
            "mastodon", "Mastodon", 500, mastodon_length,
            "grapheme clusters after each http(s) URL counts 23 and @user@domain "
            "counts as @user",
            "mastodon/mastodon app/validators/status_length_validator.rb "
            "(MAX_CHARS = 500, countable_text, each_grapheme_cluster)",
            1500, "mastodon/mastodon app/models/media_attachment.rb "
            "MAX_DESCRIPTION_LENGTH = 1_500",
            alt_count=len, threads=True,
        ),
        Platform(
            "threads", "Threads", 500, threads_length,
            "characters (code points); an emoji counts its UTF-8 bytes",
            "Meta Threads API, Posts: 'Text posts are limited to 500 characters. "
            "Emojis are counted as the number of UTF-8 bytes.'",
            1000, "no published limit (Threads API alt_text); capped at X's 1000",
        ),
        Platform(
            "linkedin", "LinkedIn", 3000, utf16_length,
            "JavaScript string length (UTF-16 code units)",
            "LinkedIn posts accept up to 3,000 characters (Posts API commentary)",
            1000, "no verified published limit; capped at X's 1000",
        ),
        Platform(
            "facebook", "Facebook", 63206, utf16_length,
            "JavaScript string length (UTF-16 code units)",
            "63,206 characters: Facebook's long-standing post limit, widely documented "
            "by third parties (Meta publishes none)",
            1000, "no published limit; capped at X's 1000",
        ),
        Platform(
            "generic", "Plain blurb", 500, grapheme_count,
            "extended grapheme clusters (what a reader sees as characters)",
            "sharecard's own target for a plain share text",
            1000, "sharecard's own cap, equal to X's",
        ),
    )
}

DEFAULT_PLATFORM = "generic"
THREAD_PLATFORMS = tuple(name for name, p in PLATFORMS.items() if p.threads)


def get(platform: str) -> Platform:
    """The platform called `platform`, or a ConfigError naming the valid ones."""
    try:
        return PLATFORMS[platform]
    except KeyError:
        valid = ", ".join(PLATFORMS)
        raise ConfigError(f"unknown platform {platform!r} (choose from {valid})") from None


def count(text: str, platform: str) -> int:
    """Length of `text` as `platform` counts it."""
    return get(platform).count(text)


def limit(platform: str) -> int:
    """The longest post `platform` accepts, in its own units."""
    return get(platform).limit


def fits(text: str, platform: str) -> bool:
    """True when `platform` accepts `text` as one post (every limit it applies)."""
    spec = get(platform)
    if spec.count(text) > spec.limit:
        return False
    return spec.max_utf8_bytes is None or len(text.encode("utf-8")) <= spec.max_utf8_bytes
