"""X counting held to twitter-text's own conformance vectors (tests/data/twitter-text).

Every weighted-length case of validate.yml: the v3 (discounted emoji) and directional
marker cases through `sharecard blurb --count --platform x`, the v2 cases through the
counter with the v2 configuration. The configurations themselves are pinned to
config/v2.json and config/v3.json.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sharecard.blurbs import urls
from sharecard.blurbs.counting import TWITTER_V2, TWITTER_V3, WeightConfig, x_weighted_length
from sharecard.cli.blurb import blurb_command

DATA = Path(__file__).resolve().parent.parent / "data" / "twitter-text"
CASES = yaml.safe_load((DATA / "validate.yml").read_text(encoding="utf-8"))["tests"]


def _cases(group: str) -> list:
    return [pytest.param(c["text"], c["expected"]["weightedLength"], id=c["description"][:60])
            for c in CASES[group]]


def _count_cli(text: str, platform: str = "x") -> int:
    result = CliRunner().invoke(blurb_command, ["--count", "--platform", platform],
                                input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    return int(result.output)


def test_every_weighted_group_is_here() -> None:
    assert len(CASES["WeightedTweetsCounterTest"]) == 20
    assert len(CASES["WeightedTweetsWithDiscountedEmojiCounterTest"]) == 22
    assert len(CASES["UnicodeDirectionalMarkerCounterTest"]) == 2


@pytest.mark.parametrize(
    ("text", "weighted"), _cases("WeightedTweetsWithDiscountedEmojiCounterTest")
)
def test_v3_weighted_length_through_cli(text: str, weighted: int) -> None:
    assert _count_cli(text) == weighted


@pytest.mark.parametrize(("text", "weighted"), _cases("UnicodeDirectionalMarkerCounterTest"))
def test_directional_marker_cases_through_cli(text: str, weighted: int) -> None:
    assert _count_cli(text) == weighted


@pytest.mark.parametrize(("text", "weighted"), _cases("WeightedTweetsCounterTest"))
def test_v2_weighted_length(text: str, weighted: int) -> None:
    assert x_weighted_length(text, TWITTER_V2) == weighted


@pytest.mark.parametrize(("name", "config"), [("v2.json", TWITTER_V2), ("v3.json", TWITTER_V3)])
def test_configs_equal_twitter_text_files(name: str, config: WeightConfig) -> None:
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    assert config.max_weighted_length == data["maxWeightedTweetLength"]
    assert config.scale == data["scale"]
    assert config.default_weight == data["defaultWeight"]
    assert config.transformed_url_length == data["transformedURLLength"]
    assert config.emoji_parsing == data.get("emojiParsingEnabled", False)
    assert config.ranges == tuple((r["start"], r["end"], r["weight"]) for r in data["ranges"])


def test_emoji_parsing_is_what_separates_v2_from_v3() -> None:
    family = "👨\u200d👩\u200d👧\u200d👦"  # 7 code points, 4 emoji joined by ZWJ
    assert x_weighted_length(family, TWITTER_V3) == 2
    assert x_weighted_length(family, TWITTER_V2) == 4 * 2 + 3 * 1


def test_a_trailing_newline_from_echo_is_not_counted() -> None:
    assert _count_cli("Hi http://test.co\n") == 26


# --- URL finding: the search shortcut must give exactly what a full regex scan gives ---

_PIECES = ["a", "b", ".", "-", "_", ":", "/", " ", "com", "co", "de", "jp", "http://",
           "https://", "t.co/", "é", "日本", "(", ")", "?", "=", "@", "#", "xn--", "\u202a"]


def _full_scan(text: str) -> list[tuple[int, int]]:
    pats = urls._patterns()
    return [m.span() for m in pats.extract.finditer(text)]


def _shortcut(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in urls._matches(text, urls._patterns())]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=24).map("".join))
def test_candidate_search_equals_full_scan(text: str) -> None:
    assert _shortcut(text) == _full_scan(text)


def test_candidate_search_equals_full_scan_on_the_vectors() -> None:
    for group in CASES.values():
        for case in group:
            text = case.get("text") if isinstance(case, dict) else None
            if isinstance(text, str) and len(text) < 2000:
                assert _shortcut(text) == _full_scan(text), case["description"]


def test_dotted_runs_without_a_tld_are_counted_per_character() -> None:
    # A plain scan of this is quadratic (minutes); the shortcut keeps it linear.
    text = "a." * 20000
    assert x_weighted_length(text) == len(text)


def test_urls_follow_twitter_text_rules() -> None:
    def found(text: str) -> list[str]:
        return [text[u.start:u.end] for u in urls.find_urls(text)]

    assert found("see example.com/path, then") == ["example.com/path"]
    assert found("example.de") == []  # a bare ccTLD domain needs a path
    assert found("example.de/x") == ["example.de/x"]
    assert found("t.co is short") == ["t.co"]  # co and tv are allowed bare
    assert found("http://t.co/abc123xyz/more") == ["http://t.co/abc123xyz"]
    assert found("mail me@example.com") == []  # "@" may not precede a URL
    assert found("https://en.wikipedia.org/wiki/Primer_(film).") == [
        "https://en.wikipedia.org/wiki/Primer_(film)"
    ]
    assert found("version 10.0 of it") == []


def test_tld_list_keeps_longer_tlds_before_their_prefixes() -> None:
    # The regex tries longer TLDs first; twitter-text's order must agree for this to
    # be the same alternation (e.g. "嘉里大酒店" before "嘉里").
    country, generic = urls._tlds()
    for tlds in (country, generic):
        position = {tld: i for i, tld in enumerate(tlds)}
        for tld in tlds:
            for other in tlds:
                if other != tld and other.startswith(tld):
                    assert position[other] < position[tld], (other, tld)


def test_random_text_with_urls_counts_the_same_as_known_sum() -> None:
    rng = random.Random(5)
    words = ["alpha", "beta", "https://example.com/a", "example.org", "gamma"]
    for _ in range(50):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 12))]
        text = " ".join(picked)
        expected = sum(23 if re.search(r"\.(com|org)", w) else len(w) for w in picked)
        assert x_weighted_length(text) == expected + len(picked) - 1


@pytest.mark.parametrize("ranges", [
    ((0, 4351, 100), (8192, 8205, 100)),
    ((0, 127, 100), (64, 300, 300), (0x1F600, 0x1F64F, 50)),  # overlapping: the first wins
])
def test_weighing_by_character_classes_matches_weighing_each_code_point(ranges):
    """`x_weighted_length` counts matches of a class per range weight instead of
    weighing code points one by one; the sums agree (and with overlapping ranges of
    different weights it weighs one by one, the first range winning)."""
    config = WeightConfig(280, 100, 200, 23, ranges, emoji_parsing=False)
    text = "Rates hold: ŝ Ω 日銀 ‐ 𝒳 see example.com/x and ok"

    def each(chunk: str) -> int:
        return sum(next((w for a, b, w in ranges if a <= ord(c) <= b), 200) for c in chunk)

    url = "example.com/x"
    start = text.index(url)
    expected = each(text[:start]) + 23 * 100 + each(text[start + len(url):])
    assert x_weighted_length(text, config) == expected // 100
