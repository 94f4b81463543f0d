"""Alt text within each platform's limit; meta tags that parse back to what was written."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from blurb_fixtures import GRID, PERSIAN, SEED

from sharecard.blurbs import PLATFORMS, ImageInfo, alt_text, blurb_files, meta_html
from sharecard.blurbs.meta import DESCRIPTION_MAX, IMAGE_ALT_MAX
from sharecard.errors import ConfigError
from sharecard.records import replace

COVER = ImageInfo("cover-og.png", 1200, 630, "og", "cover", SEED.headline, SEED.bullets,
                  "Scout")
SQUARE = ImageInfo("cover-square.png", 1080, 1080, "square", "cover", SEED.headline,
                   SEED.bullets[:1], "Scout")
SECTION = ImageInfo("section-1-og.png", 1200, 630, "og", "section",
                    SEED.sections[0].heading, (SEED.sections[0].body,), "Scout")


class MetaReader(HTMLParser):
    """Collects <meta> tags and the <title> text, with entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False
        self.elements: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(tag)
        values = dict(attrs)
        key = values.get("property") or values.get("name")
        if tag == "meta" and key:
            assert key not in self.meta, f"duplicate {key}"
            self.meta[key] = values.get("content") or ""
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _parse(page: str) -> MetaReader:
    reader = MetaReader()
    reader.feed(page)
    reader.close()
    return reader


def test_cover_alt_says_what_the_card_shows() -> None:
    alt = alt_text(kind="cover", title=SEED.headline, lines=SEED.bullets, brand="Scout")
    assert alt.startswith("Share card: “Putin, Iran deepen military coordination”.")
    for bullet in SEED.bullets:
        assert bullet in alt
    assert alt.endswith("From Scout.")


@pytest.mark.parametrize("platform", list(PLATFORMS))
def test_alt_text_stays_within_each_platform_limit(platform: str) -> None:
    spec = PLATFORMS[platform]
    many = [f"{bullet} ({i})" for i in range(40) for bullet in SEED.bullets]
    alt = alt_text(kind="cover", title=SEED.headline, lines=many, brand="Scout",
                   platform=platform)
    assert spec.alt_count(alt) <= spec.alt_limit
    assert SEED.headline in alt and alt.endswith("From Scout.")
    assert "…" not in alt  # whole lines were dropped, none was cut


def test_an_overlong_title_alone_is_shortened_at_a_word() -> None:
    title = " ".join(["headline"] * 400)
    alt = alt_text(kind="quote", title=title, lines=["x"], brand=None, platform="x")
    assert len(alt) <= 1000
    assert alt.startswith("Quote card: “headline headline")
    assert alt.endswith("headline…”.")


def test_section_and_rtl_alt_text() -> None:
    alt = alt_text(kind="section", title=PERSIAN.sections[0].heading,
                   lines=[PERSIAN.sections[0].body], brand="Scout", platform="bluesky")
    assert alt == (f"Section card: “{PERSIAN.sections[0].heading}”. "
                   f"{PERSIAN.sections[0].body} From Scout.")
    with pytest.raises(ConfigError):
        alt_text(kind="poster", title="t", lines=[], brand=None)


HOSTILE = [
    "Quotes \"double\" and 'single' & <script>alert(1)</script>",
    "Already escaped &amp; &lt;b&gt; stays literal",
    "\u200fایران و روسیه «همکاری» را گسترش می‌دهند\u200e & <RTL>",
    "Chipmakers & “AI <accelerators>”: why the grid is the new bottleneck",
    "End with a backslash \\ and a `tick` and </head>",
]


@pytest.mark.parametrize("headline", HOSTILE)
def test_meta_tags_parse_back_to_the_values_written(headline: str) -> None:
    briefing = replace(SEED, headline=headline, bullets=(headline + " bullet.",))
    alt = f"Share card: “{headline}”."
    page = meta_html(briefing, image="cover-og.png", width=1200, height=630, alt=alt,
                     url="https://scout.news/b/1?x=1&y=\"2\"")
    parsed = _parse(page)
    assert parsed.title == headline
    assert parsed.meta["og:title"] == headline
    assert parsed.meta["twitter:title"] == headline
    assert parsed.meta["og:description"] == headline + " bullet."
    assert parsed.meta["og:image"] == "https://scout.news/b/cover-og.png"
    assert parsed.meta["og:image:width"] == "1200"
    assert parsed.meta["og:image:height"] == "630"
    assert parsed.meta["og:image:alt"] == alt == parsed.meta["twitter:image:alt"]
    assert parsed.meta["twitter:card"] == "summary_large_image"
    assert parsed.meta["og:url"] == "https://scout.news/b/1?x=1&y=\"2\""
    assert parsed.meta["og:site_name"] == "Scout"
    assert "script" not in parsed.elements  # nothing in the text became markup
    assert parsed.elements.count("meta") == len(parsed.meta) + 1  # + <meta charset>


def test_meta_description_and_alt_are_bounded() -> None:
    long_alt = " ".join(["word"] * 200)
    page = meta_html(GRID, image="https://cdn.example.org/c.png", width=1080, height=1080,
                     alt=long_alt, url=None)
    parsed = _parse(page)
    assert parsed.meta["og:image"] == "https://cdn.example.org/c.png"
    assert len(parsed.meta["og:image:alt"]) <= IMAGE_ALT_MAX
    assert parsed.meta["og:image:alt"].endswith("word…")
    assert len(parsed.meta["og:description"]) <= DESCRIPTION_MAX
    assert parsed.meta["og:description"] == GRID.bullets[0] + " " + GRID.bullets[1]
    assert "og:url" not in parsed.meta


def test_blurb_files_are_complete_and_deterministic() -> None:
    images = [COVER, SQUARE, SECTION]
    files = blurb_files(SEED, url="https://scout.news/b/1", images=images)
    assert set(files) == {
        "blurb.txt", "blurbs.json", "alt.json", "meta.html",
        "thread-x.txt", "thread-x.json", "thread-bluesky.txt", "thread-bluesky.json",
        "thread-mastodon.txt", "thread-mastodon.json",
    }
    assert files == blurb_files(SEED, url="https://scout.news/b/1", images=images)
    assert all(content.endswith(b"\n") for content in files.values())

    blurbs = json.loads(files["blurbs.json"])
    assert blurbs["default"] == "generic"
    assert files["blurb.txt"].decode() == blurbs["platforms"]["generic"]["text"] + "\n"
    for name, entry in blurbs["platforms"].items():
        assert entry["count"] <= entry["limit"] == PLATFORMS[name].limit

    x_thread = json.loads(files["thread-x.json"])
    assert len(x_thread["posts"]) == 9
    assert all(p["count"] <= 280 for p in x_thread["posts"])
    assert files["thread-x.txt"].decode().count("\n---\n") == 8

    alt = json.loads(files["alt.json"])
    assert [i["path"] for i in alt["images"]] == [i.path for i in images]
    assert set(alt["images"][0]["alt"]) == set(PLATFORMS)

    meta = _parse(files["meta.html"].decode())
    assert meta.meta["og:image"] == "https://scout.news/b/cover-og.png"  # the 1.91:1 cover
    # The page's image alt drops whole bullets to stay within 420, it does not cut one.
    image_alt = meta.meta["twitter:image:alt"]
    assert len(image_alt) <= 420 and "…" not in image_alt
    assert image_alt.endswith("From Scout.") and SEED.bullets[0] in image_alt
    assert "\\u" not in files["blurbs.json"].decode()  # UTF-8, not escapes


def test_blurb_files_without_images_skip_meta() -> None:
    files = blurb_files(PERSIAN, images=[])
    assert "meta.html" not in files
    assert json.loads(files["alt.json"]) == {"images": []}
    assert PERSIAN.headline in files["blurb.txt"].decode()
