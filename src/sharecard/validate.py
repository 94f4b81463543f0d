"""Checks of values that come from outside, shared by every way in (the CLI, the API,
batch and the service), so all of them refuse the same things with the same words.

Only checks that need nothing above the ground live here; each raises `ConfigError`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sharecard.errors import ConfigError


def check_url(url: str, source: str | None = None) -> str:
    """`url` if it is an absolute http(s) URL without spaces; ConfigError otherwise.
    (A ``javascript:`` or ``file:`` link must never be printed on a card or put in a
    blurb's link.)"""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"not an http(s) URL: {url!r}", source)
    if any(ch.isspace() or ord(ch) < 0x20 for ch in url):
        raise ConfigError(f"URL contains spaces or control characters: {url!r}", source)
    return url
