"""Length of a text as each platform counts it.

Every platform counts differently and rejects a post one unit over, so each rule here
follows the platform's own published rule or reference code (cited per function):

- X: twitter-text's weighted length (config v3, see ``WeightConfig``);
- Bluesky: extended grapheme clusters (the ``maxGraphemes`` of ``app.bsky.feed.post``);
- Mastodon: grapheme clusters after URLs become 23 characters and ``@user@domain``
  becomes ``@user`` (``StatusLengthValidator``);
- Threads (Meta): characters, but an emoji counts its UTF-8 bytes (Threads API docs);
- LinkedIn, Facebook: the JavaScript string length of their web composers (UTF-16
  code units; never less than the characters a user sees);
- generic: grapheme clusters (what a reader perceives as characters).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache

import msgspec
import regex

from sharecard.blurbs.urls import find_urls
from sharecard.blurbs.words import grapheme_count
from sharecard.compiled import cached_regex


class WeightConfig(msgspec.Struct, frozen=True):
    """A twitter-text configuration (github.com/twitter/twitter-text, config/*.json)."""

    max_weighted_length: int
    scale: int
    default_weight: int
    transformed_url_length: int
    ranges: tuple[tuple[int, int, int], ...]
    emoji_parsing: bool


_RANGES = ((0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100), (8242, 8247, 100))
# config/v2.json: weighted code point ranges, URLs 23, no emoji parsing.
TWITTER_V2 = WeightConfig(280, 100, 200, 23, _RANGES, emoji_parsing=False)
# config/v3.json (what X uses today): v2 plus every emoji sequence weighing 200.
TWITTER_V3 = WeightConfig(280, 100, 200, 23, _RANGES, emoji_parsing=True)


def _code_point_weight(ch: str, config: WeightConfig) -> int:
    cp = ord(ch)
    for start, end, weight in config.ranges:
        if start <= cp <= end:
            return weight
    return config.default_weight


@cache
def _range_classes(config: WeightConfig) -> tuple[tuple[re.Pattern[str], int], ...] | None:
    """A character class per range weight, so text is weighed by counting matches (a
    loop in C) rather than character by character; None if ranges of different weights
    overlap (the first would win, which counting cannot tell)."""
    pairs = itertools.combinations(config.ranges, 2)
    if any(a[0] <= b[1] and b[0] <= a[1] and a[2] != b[2] for a, b in pairs):
        return None
    parts: dict[int, str] = {}
    for start, end, weight in config.ranges:
        parts[weight] = parts.get(weight, "") + f"\\U{start:08x}-\\U{end:08x}"
    return tuple((re.compile(f"[{chars}]"), weight) for weight, chars in parts.items())


def _plain_weight(text: str, config: WeightConfig) -> int:
    """The weight of text holding no URL and no emoji sequence: each code point its
    range's weight, or the default."""
    classes = _range_classes(config)
    if classes is None:
        return sum(_code_point_weight(ch, config) for ch in text)
    total = counted = 0
    for pattern, weight in classes:
        n = len(pattern.findall(text))
        total += n * weight
        counted += n
    return total + (len(text) - counted) * config.default_weight


# Every emoji sequence the `emoji` package knows holds the keycap mark or a non-ASCII
# character with an emoji property (or one this Unicode version does not have yet): a
# text without one holds no emoji, and needs neither the package (a tenth of a cold
# start to load) nor its scan (tests check every sequence of the package's table).
_MAYBE_EMOJI = cached_regex(
    r"\u20e3|(?![\x00-\x7f])[\p{Emoji}\p{Emoji_Component}\p{Extended_Pictographic}\p{Cn}]"
)


def _emoji_starts(text: str) -> dict[int, int]:
    """Start -> end of each emoji sequence twitter-text (twemoji-parser) would see.

    A lone text-style ©/® (no VS16) is not an emoji for twemoji, so it keeps its code
    point weight; everything else the `emoji` package recognises (ZWJ sequences, flags,
    keycaps, skin tones, tag sequences) is one emoji.
    """
    starts: dict[int, int] = {}
    if not _MAYBE_EMOJI.search(text):
        return starts
    import emoji

    for found in emoji.emoji_list(text):
        start, end = found["match_start"], found["match_end"]
        if end - start == 1 and ord(text[start]) <= 0xFF:
            continue
        starts[start] = end
    return starts


def x_weighted_length(text: str, config: WeightConfig = TWITTER_V3) -> int:
    """twitter-text ``parseTweet(text).weightedLength``.

    NFC first; a URL weighs ``transformedURLLength``; with emoji parsing an emoji
    sequence weighs ``defaultWeight`` whatever its length; any other code point weighs
    its range's weight (astral code points fall outside every range).
    """
    normalized = unicodedata.normalize("NFC", text)
    urls = {u.start: u.end for u in find_urls(normalized)}
    emojis = _emoji_starts(normalized) if config.emoji_parsing else {}
    weighted = 0
    i = 0
    for start in sorted({*urls, *emojis}):
        if start < i:
            continue  # inside a URL or an emoji sequence already counted
        weighted += _plain_weight(normalized[i:start], config)
        if start in urls:
            weighted += config.transformed_url_length * config.scale
            i = urls[start]
        else:
            weighted += config.default_weight
            i = emojis[start]
    weighted += _plain_weight(normalized[i:], config)
    return weighted // config.scale


# Account::MENTION_RE (app/models/account.rb): a remote mention, not after = / or a word.
_MENTION = cached_regex(
    r"(?<![=/\w])@([a-z0-9_]+(?:[a-z0-9_.\-]+[a-z0-9_]+)?)@[\w.\-]+\w", regex.IGNORECASE
)
MASTODON_URL_LENGTH = 23


def mastodon_countable_text(text: str) -> str:
    """``StatusLengthValidator#countable_text``: URLs with a scheme become 23 x's,
    ``@user@domain`` becomes ``@user``."""
    urls = find_urls(text, without_protocol=False)
    out: list[str] = []
    last = 0
    for url in urls:
        out.append(_strip_remote_mentions(text[last : url.start]))
        out.append("x" * MASTODON_URL_LENGTH)
        last = url.end
    out.append(_strip_remote_mentions(text[last:]))
    return "".join(out)


# Twitter::Regex[:end_mention_match]: what may not follow a mention (checked after the
# match, as Mastodon's Extractor does, so no shorter match is tried instead).
_NOT_AFTER_MENTION = cached_regex(r"[@＠\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f]|://")


def _strip_remote_mentions(text: str) -> str:
    def user_only(match: regex.Match[str]) -> str:
        if _NOT_AFTER_MENTION.match(text, match.end()):
            return match.group(0)
        return "@" + match.group(1)

    return _MENTION.sub(user_only, text)


def mastodon_length(text: str) -> int:
    """Mastodon server count: grapheme clusters of the countable text.

    The server decides (a status over the limit is rejected there). The web composer
    shortens URLs and mentions the same way and counts with `stringz`, which also treats
    emoji sequences and combining marks as one character.
    """
    return grapheme_count(mastodon_countable_text(text))


def threads_length(text: str) -> int:
    """Threads API: "Text posts are limited to 500 characters. Emojis are counted as the
    number of UTF-8 bytes." Other characters count one per code point."""
    emojis = _emoji_starts(text)
    total = 0
    i = 0
    while i < len(text):
        if i in emojis:
            total += len(text[i : emojis[i]].encode("utf-8"))
            i = emojis[i]
        else:
            total += 1
            i += 1
    return total

