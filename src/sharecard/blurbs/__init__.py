"""Share blurbs, threads, alt text and meta tags, counted exactly as each platform counts.

Public API (the contract other stages build on): `count`, `limit`, `fits`, `compose`,
`thread`, `alt_text`, `meta_html`, `blurb_files` and `ImageInfo`.
"""

from sharecard.blurbs.alt import ImageInfo, alt_text
from sharecard.blurbs.compose import compose
from sharecard.blurbs.files import blurb_files
from sharecard.blurbs.meta import meta_html
from sharecard.blurbs.platforms import (
    DEFAULT_PLATFORM,
    PLATFORMS,
    THREAD_PLATFORMS,
    Platform,
    count,
    fits,
    limit,
)
from sharecard.blurbs.threads import thread

__all__ = [
    "DEFAULT_PLATFORM",
    "PLATFORMS",
    "THREAD_PLATFORMS",
    "ImageInfo",
    "Platform",
    "alt_text",
    "blurb_files",
    "compose",
    "count",
    "fits",
    "limit",
    "meta_html",
    "thread",
]
