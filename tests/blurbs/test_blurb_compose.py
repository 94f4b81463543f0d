"""Blurbs and threads: within every limit, whole words only, nothing but clean text."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from blurb_checks import content_lines, unquoted_lines
from blurb_fixtures import ALL, GRID, HEADLINE_ONLY, JAPANESE, PERSIAN, SEED

from sharecard.blurbs import PLATFORMS, THREAD_PLATFORMS, compose, count, fits, limit, thread
from sharecard.blurbs.links import with_utm
from sharecard.errors import ConfigError, SharecardError
from sharecard.model import Briefing, Section
from sharecard.records import replace

URL = "https://scout.news/b/putin-iran?ref=app"
BRIEFINGS = [pytest.param(b, id=name) for name, b in ALL.items()]


@pytest.mark.parametrize("platform", list(PLATFORMS))
@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_blurb_fits_and_quotes_only_whole_words(briefing: Briefing, platform: str) -> None:
    text = compose(briefing, platform, url=URL, utm="daily", hashtags=("Iran", "news"))
    assert fits(text, platform)
    assert count(text, platform) <= limit(platform)
    assert unquoted_lines(text, briefing) == []
    assert text.splitlines()[0].startswith(briefing.headline[:10])


@pytest.mark.parametrize("platform", THREAD_PLATFORMS)
@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_thread_posts_fit_and_are_numbered(briefing: Briefing, platform: str) -> None:
    posts = thread(briefing, platform, url=URL)
    assert len(posts) == (1 + len(briefing.sections) if briefing.sections else 1)
    for index, post in enumerate(posts, start=1):
        assert fits(post, platform), post
        assert unquoted_lines(post, briefing) == []
        if len(posts) > 1:
            assert post.startswith(f"{index}/{len(posts)} ")
    assert URL in posts[0]


def test_x_blurb_keeps_whole_bullets_and_sentences() -> None:
    text = compose(SEED, "x", url=URL)
    # Headline 40 + bullet 141 + link 23 (any URL weighs 23) + "via Scout" + breaks = 219;
    # the second bullet (118 more) would pass 280, so it stops there, whole.
    assert text == (
        "Putin, Iran deepen military coordination\n\n"
        "• Putin and Iran’s leadership aren’t unveiling a new alliance this week. The real "
        "shift is that their 20-year strategic treaty is now active.\n\n"
        f"{URL}\nvia Scout"
    )
    assert count(text, "x") == 219


def test_a_bullet_that_does_not_fit_whole_gives_its_first_sentences() -> None:
    tags = ("Iran", "Russia", "Putin", "Tehran", "Moscow", "Geopolitics", "Ukraine",
            "Diplomacy", "Security", "Treaty")
    text = compose(SEED, "x", url=URL, hashtags=tags)
    assert text.endswith("via Scout " + " ".join("#" + t for t in tags))
    # The tags take the room of the bullet's second sentence; its first one still fits.
    assert "• Putin and Iran’s leadership aren’t unveiling a new alliance this week.\n" in text
    assert "The real shift" not in text
    assert count(text, "x") <= 280


def test_larger_limits_take_more_bullets_in_order() -> None:
    x, mastodon = compose(SEED, "x", url=URL), compose(SEED, "mastodon", url=URL)
    assert mastodon.count("• ") == 3
    assert 1 <= x.count("• ") < 3
    assert mastodon.index(SEED.bullets[0]) < mastodon.index(SEED.bullets[2])


def test_only_a_headline_too_long_is_shortened_with_ellipsis() -> None:
    long = replace(SEED, headline=" ".join(["Extraordinarily"] * 30) + " ends here")
    text = compose(long, "x", url=URL)
    head = text.split("\n")[0]
    assert head.endswith("Extraordinarily…")
    assert "•" not in text
    assert count(text, "x") <= 280
    assert unquoted_lines(text, long) == []
    for name in PLATFORMS:
        assert "…" not in compose(SEED, name, url=URL)


def test_shortening_never_splits_a_grapheme_or_a_cjk_cluster() -> None:
    family = "👨\u200d👩\u200d👧\u200d👦"
    emoji_head = replace(SEED, headline=(family + " ") * 200)
    text = compose(emoji_head, "bluesky")
    head = text.split("\n")[0]
    assert head.endswith(family + "…")
    cjk = replace(JAPANESE, headline="日本銀行" * 100)
    for platform in ("x", "bluesky"):
        head = compose(cjk, platform).split("\n")[0]
        assert head.endswith("…") and fits(head, platform)
        assert unquoted_lines(head, cjk) == []


def test_thai_without_spaces_is_shortened_between_words() -> None:
    # Thai writes no spaces between words: the cut must fall between dictionary words
    # (it used to find no cut at all and report the link as over the limit).
    words = ["ประเทศไทย", "เป็น", "ประเทศ", "ที่", "ตั้ง", "อยู่", "ใน", "ภูมิภาค", "เอเชีย",
             "ตะวัน", "ออก", "เฉียง", "ใต้"]
    phrase = "".join(words)
    thai = replace(SEED, headline=phrase * 6)
    head = compose(thai, "x", url=URL).split("\n")[0]
    assert head.endswith("…") and fits(head, "x")
    kept = head.removesuffix("…")
    rest = kept[len(phrase) * (len(kept) // len(phrase)):]
    assert kept.startswith(phrase) and rest in {"".join(words[:n]) for n in range(len(words))}


def test_utm_parameters_are_added_and_existing_ones_kept() -> None:
    text = compose(SEED, "x", url="https://scout.news/b/1?ref=app&utm_source=old#top",
                   utm="spring launch")
    link = next(line for line in text.splitlines() if line.startswith("https://"))
    parts = urlsplit(link)
    assert parse_qsl(parts.query) == [("ref", "app"), ("utm_source", "x"),
                                      ("utm_medium", "social"),
                                      ("utm_campaign", "spring launch")]
    assert parts.fragment == "top"
    assert with_utm("https://a.com/?q=a%20b", source="x", campaign="c").startswith(
        "https://a.com/?q=a%20b&")


def test_hashtags_are_added_when_they_fit_and_validated() -> None:
    text = compose(SEED, "mastodon", url=URL, hashtags=("#Iran", "Russia", "Iran"))
    assert text.endswith("via Scout #Iran #Russia")
    with pytest.raises(ConfigError):
        compose(SEED, "x", hashtags=("two words",))
    with pytest.raises(ConfigError):
        compose(SEED, "x", hashtags=("2025",))


def test_bad_urls_and_platforms_are_user_errors() -> None:
    with pytest.raises(ConfigError):
        compose(SEED, "x", url="javascript:alert(1)")
    with pytest.raises(ConfigError):
        compose(SEED, "x", url="https://a.com/x y")
    with pytest.raises(ConfigError, match="unknown platform"):
        compose(SEED, "myspace")
    with pytest.raises(ConfigError, match="threads are made for"):
        thread(SEED, "linkedin")
    with pytest.raises(SharecardError):
        compose(replace(SEED, headline="  "), "x")


def test_without_bullets_the_lede_sentences_are_used() -> None:
    plain = replace(GRID, bullets=())
    text = compose(plain, "generic")
    assert "•" not in text
    assert GRID.lede.split(". ")[0] in text
    assert unquoted_lines(text, plain) == []


def test_headline_only_blurb_and_thread() -> None:
    text = compose(HEADLINE_ONLY, "x", url=URL)
    assert text == f"City council approves 2027 transit budget\n\n{URL}\nvia Scout"
    assert thread(HEADLINE_ONLY, "x") == ["City council approves 2027 transit budget\n\nvia Scout"]


def test_rtl_and_cjk_text_is_kept_intact() -> None:
    fa = compose(PERSIAN, "x", url=URL)
    assert fa.startswith(PERSIAN.headline)
    assert "\u200c" in fa  # the ZWNJ of می‌دهند survives
    ja = compose(JAPANESE, "bluesky")
    assert ja.startswith("日銀、追加利上げを見送り　円相場は小幅に反発")  # ideographic space kept


def test_thread_keeps_whole_sentences_and_drops_the_rest() -> None:
    posts = thread(SEED, "x", url=URL)
    moscow = posts[5]
    assert moscow.startswith("6/9 What does Moscow get?\n\n")
    body = moscow.split("\n\n", 1)[1]
    assert SEED.sections[4].body.startswith(body)
    assert body.endswith(".") and "…" not in body


def test_thread_shortens_a_sentence_only_when_none_fits_whole() -> None:
    long_sentence = " ".join(["word"] * 120) + "."
    b = replace(SEED, sections=(Section("Heading", long_sentence),))
    posts = thread(b, "x")
    assert posts[1].startswith("2/2 Heading\n\n")
    assert posts[1].endswith("word…")
    assert count(posts[1], "x") <= 280


def test_thread_without_sections_runs_the_lede_over_posts() -> None:
    b = replace(GRID, sections=(), lede=" ".join([GRID.lede] * 6))
    posts = thread(b, "x")
    assert len(posts) > 2
    assert all(fits(p, "x") for p in posts)
    assert all(p.startswith(f"{i}/{len(posts)} ") for i, p in enumerate(posts, start=1))
    assert unquoted_lines("\n".join(posts), b) == []


def test_content_lines_ignore_link_and_attribution() -> None:
    text = compose(SEED, "mastodon", url=URL, hashtags=("Iran",))
    lines = content_lines(text)
    assert lines[0] == SEED.headline
    assert not any(line.startswith(("http", "via", "#")) for line in lines)
