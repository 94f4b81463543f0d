"""The link a blurb carries (with optional UTM tags) and the hashtags it ends with.

UTM parameters are appended without re-encoding the query the publisher gave us: their
own parameters (and their encoding) reach the analytics untouched; only our three
``utm_*`` keys are replaced if already present.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote, unquote_plus, urlsplit, urlunsplit

from sharecard.compiled import cached_regex
from sharecard.errors import ConfigError
from sharecard.validate import check_url

UTM_MEDIUM = "social"
_UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign")
_HASHTAG = cached_regex(r"[\p{L}\p{M}\p{Nd}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{Nd}_]*")


def with_utm(url: str, *, source: str, campaign: str) -> str:
    """`url` with utm_source/utm_medium/utm_campaign set, other parameters kept verbatim."""
    parts = urlsplit(check_url(url))
    kept = [
        pair
        for pair in parts.query.split("&")
        if pair and unquote_plus(pair.split("=", 1)[0]) not in _UTM_KEYS
    ]
    values = (source, UTM_MEDIUM, campaign)
    ours = [f"{key}={quote(value, safe='')}" for key, value in zip(_UTM_KEYS, values, strict=True)]
    return urlunsplit(parts._replace(query="&".join(kept + ours)))


def share_link(url: str | None, platform: str, campaign: str | None) -> str | None:
    """The link for `platform`: `url`, UTM-tagged when a `campaign` is given."""
    if url is None:
        return None
    if campaign is None:
        return check_url(url)
    return with_utm(url, source=platform, campaign=campaign)


def hashtags(tags: Iterable[str]) -> tuple[str, ...]:
    """Normalized ``#tag`` strings (a leading # is optional); ConfigError for an invalid tag.

    A tag is letters, marks, digits and underscores with at least one non-digit, the
    common ground of X, Mastodon and Bluesky hashtag rules.
    """
    out: list[str] = []
    for tag in tags:
        bare = tag.strip().lstrip("#＃")
        if not _HASHTAG.fullmatch(bare):
            raise ConfigError(f"not a usable hashtag: {tag!r}")
        if f"#{bare}" not in out:
            out.append(f"#{bare}")
    return tuple(out)
