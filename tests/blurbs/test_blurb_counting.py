"""Bluesky, Mastodon and Threads counting on cases derived from their published rules.

Each case names the rule it checks:
- [BSKY-LEX] bluesky-social/atproto lexicons/app/bsky/feed/post.json: the text has
  ``maxGraphemes: 300`` and ``maxLength: 3000`` (UTF-8 bytes); graphemes are counted
  with ``Intl.Segmenter`` / graphemer (packages/common-web `graphemeLen`), i.e. UAX #29
  extended grapheme clusters.
- [MSTDN-LEN] mastodon/mastodon app/validators/status_length_validator.rb: the length
  is ``countable_text(...).each_grapheme_cluster.size`` (older: ``mb_chars.grapheme_length``).
- [MSTDN-URL] same file: every URL with a scheme (``extract_url_without_protocol: false``)
  is replaced by ``URL_PLACEHOLDER = 'x' * 23``.
- [MSTDN-MENTION] same file and app/lib/extractor.rb (Account::MENTION_RE): a remote
  mention ``@user@domain`` counts as ``"@#{screen_name.split('@').first}"``.
- [THREADS-API] Meta Threads API, Posts: "Text posts are limited to 500 characters.
  Emojis are counted as the number of UTF-8 bytes."
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sharecard.blurbs import PLATFORMS, count, fits, limit
from sharecard.blurbs.counting import mastodon_countable_text
from sharecard.cli.blurb import blurb_command

FAMILY = "👨\u200d👩\u200d👧\u200d👦"  # ZWJ sequence of four people
FLAG_FR = "\U0001f1eb\U0001f1f7"  # regional indicators F + R
FLAG_ENGLAND = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"  # tag sequence
WAVE_DARK = "👋🏿"  # emoji + skin tone modifier
E_ACUTE = "e\u0301"  # e + combining acute accent (not NFC-composed)
HANGUL_JAMO = "\u1112\u1161\u11ab"  # 한 written as conjoining jamo L V T
HANGUL_SYLLABLES = "한국어"  # precomposed syllables
DEVANAGARI = "नमस्ते"  # consonant clusters with virama and vowel signs
PERSIAN_ZWNJ = "می\u200cدهند"  # ZWNJ joins into the preceding cluster


def _cli(text: str, platform: str) -> int:
    result = CliRunner().invoke(blurb_command, ["--count", "-p", platform],
                                input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    return int(result.output)


BLUESKY = [
    ("plain ASCII, one cluster per character [BSKY-LEX]", "hello world", 11),
    ("ZWJ family is one grapheme [BSKY-LEX]", FAMILY, 1),
    ("a flag is one grapheme: two regional indicators [BSKY-LEX]", FLAG_FR, 1),
    ("two flags side by side are two graphemes [BSKY-LEX]", FLAG_FR * 2, 2),
    ("subdivision flag tag sequence is one grapheme [BSKY-LEX]", FLAG_ENGLAND, 1),
    ("skin tone modifier joins its emoji [BSKY-LEX]", WAVE_DARK, 1),
    ("combining mark joins its base [BSKY-LEX]", E_ACUTE * 3, 3),
    ("conjoining Hangul jamo L+V+T form one syllable [BSKY-LEX]", HANGUL_JAMO, 1),
    ("precomposed Hangul syllables [BSKY-LEX]", HANGUL_SYLLABLES, 3),
    ("Devanagari conjunct joined by virama is one cluster (GB9c) [BSKY-LEX]",
     DEVANAGARI, 3),
    ("ZWNJ extends the preceding cluster [BSKY-LEX]", PERSIAN_ZWNJ, 6),
    ("a URL counts in full: the record text holds it [BSKY-LEX]",
     "read https://example.com/a/b", 28),
    ("CRLF is one grapheme [BSKY-LEX]", "a\r\nb", 3),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=d) for d, t, e in BLUESKY])
def test_bluesky_counts_graphemes(text: str, expected: int) -> None:
    assert count(text, "bluesky") == expected
    assert _cli(text, "bluesky") == expected


def test_bluesky_also_limits_utf8_bytes() -> None:
    # [BSKY-LEX] maxLength 3000: 300 family emoji are 300 graphemes but 7,500 bytes.
    text = FAMILY * 300
    assert count(text, "bluesky") == 300 == limit("bluesky")
    assert not fits(text, "bluesky")
    assert fits("a" * 300, "bluesky")
    assert not fits("a" * 301, "bluesky")


MASTODON = [
    ("graphemes, like Bluesky [MSTDN-LEN]", FAMILY + FLAG_FR + WAVE_DARK, 3),
    ("combining marks join their base [MSTDN-LEN]", E_ACUTE * 4, 4),
    ("conjoining jamo are one grapheme [MSTDN-LEN]", HANGUL_JAMO * 2, 2),
    ("a URL with a scheme counts 23 [MSTDN-URL]", "https://example.com/a/very/long/path", 23),
    ("a short URL still counts 23 [MSTDN-URL]", "see http://a.co", 4 + 23),
    ("a bare domain is not shortened [MSTDN-URL]", "see example.com", 15),
    ("an IDN URL counts 23 [MSTDN-URL]", "参观 https://慕田峪长城.网址/ 今天", 3 + 23 + 3),
    ("@user@domain counts the user part [MSTDN-MENTION]", "hi @bob@example.com", 7),
    ("a local mention is unchanged [MSTDN-MENTION]", "hi @bob", 7),
    ("an IDN remote mention keeps @user [MSTDN-MENTION]", "hi @user@慕田峪长城.网址", 8),
    ("an e-mail address is not a mention [MSTDN-MENTION]", "mail arnt@example.org", 21),
    ("a mention followed by @ is not a mention (end_mention_match) [MSTDN-MENTION]",
     "@bob@example.com@x", 18),
    ("mention and URL together [MSTDN-MENTION][MSTDN-URL]",
     "@bob@example.com look https://example.com", 4 + 6 + 23),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=d) for d, t, e in MASTODON])
def test_mastodon_counts_like_its_status_length_validator(text: str, expected: int) -> None:
    assert count(text, "mastodon") == expected
    assert _cli(text, "mastodon") == expected


def test_mastodon_countable_text_rewrites_entities() -> None:
    assert mastodon_countable_text("@bob@example.com look https://example.com") == (
        "@bob look " + "x" * 23
    )
    # A mention inside a URL path is part of the URL, not a mention. [MSTDN-MENTION]
    assert mastodon_countable_text("https://example.com/@arnt@example.org") == "x" * 23


THREADS = [
    ("plain characters count one each [THREADS-API]", "hello", 5),
    ("an emoji counts its UTF-8 bytes [THREADS-API]", "😷", 4),
    ("a ZWJ family counts all 25 bytes [THREADS-API]", FAMILY, 25),
    ("a flag counts 8 bytes [THREADS-API]", FLAG_FR, 8),
    ("non-emoji non-ASCII counts one per character [THREADS-API]", "日本語", 3),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=d) for d, t, e in THREADS])
def test_threads_counts_emoji_as_utf8_bytes(text: str, expected: int) -> None:
    assert count(text, "threads") == expected


def test_linkedin_and_facebook_count_utf16_units() -> None:
    # Their web composers measure JavaScript strings: an astral emoji is two units.
    for platform in ("linkedin", "facebook"):
        assert count("abc", platform) == 3
        assert count("😷", platform) == 2
        assert count(FAMILY, platform) == 11


def test_every_platform_names_its_rule_and_source() -> None:
    assert set(PLATFORMS) == {"x", "bluesky", "mastodon", "threads", "linkedin", "facebook",
                              "generic"}
    for spec in PLATFORMS.values():
        assert spec.limit > 0 and spec.alt_limit > 0
        assert spec.counted_as and spec.source and spec.alt_source
    assert [limit(p) for p in ("x", "bluesky", "mastodon", "threads", "linkedin")] == [
        280, 300, 500, 500, 3000]


def test_x_counts_cjk_double_and_emoji_sequences_once() -> None:
    assert count("日本語", "x") == 6
    assert count(FAMILY + FLAG_FR + WAVE_DARK, "x") == 6
    assert count(E_ACUTE, "x") == 1  # NFC composes é first


@pytest.mark.parametrize("text", ["", "Rates hold.", "two\r\nlines\rand\n\r", "a\r\n\r\nb",
                                  "tab\tand\x00nul", "café ☕", "e\u0301\r\n👩‍👩‍👧 🇯🇵"])
def test_the_ascii_shortcuts_count_graphemes_as_the_pattern_does(text: str) -> None:
    """grapheme_count and grapheme_boundaries skip the UAX #29 pattern for ASCII (every
    character a cluster but CR LF): the same answers as the pattern gives."""
    import itertools

    from sharecard.blurbs.words import _GRAPHEME, grapheme_boundaries, grapheme_count

    clusters = _GRAPHEME.findall(text)
    assert grapheme_count(text) == len(clusters)
    assert grapheme_boundaries(text) == list(itertools.accumulate(map(len, clusters),
                                                                  initial=0))
