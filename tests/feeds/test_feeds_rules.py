"""The frames' rules, exactly: what part of an image each frame shows, what a crop cuts
on real cards, how texts are cut; and the page's escaping of untrusted text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from sharecard.blurbs.counting import grapheme_count
from sharecard.feeds import FRAMES, crop_warnings
from sharecard.feeds.plan import Shown, shorten_to
from sharecard.feeds.rules import TextRule
from sharecard.records import replace

from .feedkit import feed_bundle

FRAME = {f.key: f for f in FRAMES}


@pytest.mark.parametrize(("key", "size", "visible"), [
    ("x-timeline", (1600, 900), (0, 0, 1600, 900)),  # 16:9 inside 3:4..2:1: whole
    ("x-timeline", (1080, 1920), (0, 240, 1080, 1680)),  # 9:16 cut to 3:4, centred
    ("x-timeline", (1500, 500), (250, 0, 1250, 500)),  # 3:1 cut to 2:1
    ("x-card", (1200, 630), (0, 15, 1200, 615)),  # og to 2:1
    ("x-card", (1080, 1080), (0, 270, 1080, 810)),
    ("linkedin", (1200, 627), (1.215, 0, 1198.785, 627)),  # 1.9139 > 1.91: 1.2 px a side
    ("facebook", (1080, 1350), (0, 392.25, 1080, 957.75)),
    ("bluesky", (1080, 1920), (0, 0, 1080, 1920)),  # 9:16 is wider than 1:2: whole
    ("bluesky", (400, 1000), (0, 100, 400, 900)),  # 2:5 cut to 1:2
    ("mastodon", (400, 1600), (0, 0, 400, 1600)),  # one image: its own shape
])
def test_visible_part(key, size, visible):
    got = FRAME[key].visible(*size)
    assert got == pytest.approx(visible, abs=0.8)


def test_link_cards_have_one_shape_and_image_posts_a_band():
    assert {f.key for f in FRAMES} == {"x-timeline", "x-card", "linkedin", "facebook",
                                       "bluesky", "mastodon"}
    for frame in FRAMES:
        assert frame.fixed_shape == (frame.kind == "link")
        assert frame.crop_source and frame.published and frame.post.source


def test_default_bundle_crops_cut_nothing():
    """The presets a default render makes are each shaped for a frame: og for link
    cards (1.905:1 in a 2:1 card loses 15 px at top and bottom, inside the margin),
    16:9 for X, portrait for Bluesky."""
    _, manifest = feed_bundle("seed-putin-iran")
    assert not [w for w in manifest.warnings if w["code"] == "crop-cuts"]


def test_story_only_bundle_is_crop_unsafe_in_link_cards():
    """A bundle of story cards only: its og:image is the story cover, which every link
    card crops to a band through the middle — the headline and the footer are cut; X's
    timeline crop to 3:4 keeps both (the story's safe area is 13 % top and bottom)."""
    _, manifest = feed_bundle("seed-putin-iran", ("story",))
    cuts = [w for w in manifest.warnings if w["code"] == "crop-cuts"]
    assert [w["message"] for w in cuts] == [
        "X · link card (summary_large_image) crops story-cover.png to 2:1: it cuts the "
        "headline and the footer",
        "LinkedIn · link card crops story-cover.png to 1.91:1: it cuts the headline and "
        "the footer",
        "Facebook · link card crops story-cover.png to 1.91:1: it cuts the headline and "
        "the footer",
    ]


def test_crop_reads_the_cards_own_boxes():
    """A crop that keeps every box is safe however much it cuts; one that clips a title
    box by a few px is not."""
    from sharecard.blurbs.alt import ImageInfo
    from sharecard.pipeline import render_cards, resolve_settings
    from sharecard.readers import read_path

    from .feedkit import CORPUS

    settings = resolve_settings(presets=["square"])
    cards, _ = render_cards(read_path(CORPUS / "seed-putin-iran.txt"), settings)
    card = cards[0]
    image = ImageInfo("square-cover.png", 1080, 1080, "square", "cover", card.title)
    assert [w.message for w in crop_warnings([card], [image])][:1] == [
        "X · link card (summary_large_image) crops square-cover.png to 2:1: it cuts the "
        "headline and the footer"]
    title = next(b for b in card.boxes if b.role == "title")
    top = title.bounds[1]
    # A frame that shows everything from just below the headline's top edge: cut.
    from sharecard.feeds.plan import shown_image

    frame = replace(FRAME["bluesky"], narrowest=1080 / (1080 - 2 * (top + 2)))
    shown = shown_image(frame, image, card)
    assert isinstance(shown, Shown) and "headline" in shown.cut
    frame = replace(FRAME["bluesky"], narrowest=1080 / (1080 - 2 * (top - 2)))
    assert "headline" not in shown_image(frame, image, card).cut


def test_shorten_to_cuts_at_a_word_and_appends_the_marker():
    rule = TextRule(chars=20, more="…see more")
    got = shorten_to("Putin and Iran deepen military coordination", rule)
    assert got.cut and got.text == "Putin and Iran…see more"
    assert grapheme_count(got.text.removesuffix("…see more")) <= 20
    assert shorten_to("Short enough", rule) == shorten_to("Short enough", None)
    assert not shorten_to("Short enough", rule).cut
    persian = shorten_to("ایران و روسیه همکاری نظامی را گسترش می‌دهند", TextRule(chars=13))
    assert persian.text == "ایران و روسیه…" and persian.cut


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str] = []
        self.scripts = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self._in_title = tag == "title"
        self.scripts += tag == "script"

    def handle_data(self, data):
        if self._in_title:
            self.titles.append(data)
            self._in_title = False


def test_untrusted_text_is_escaped(tmp_path):
    from sharecard.pipeline import build_bundle, load_input, resolve_settings

    hostile = ('# Chipmakers & "AI <accelerators>" </title><script>alert(1)</script>\n\n'
               "- One bullet with <b>tags</b> & 'quotes'.\n")
    loaded = load_input(hostile.encode(), "markdown", name="hostile.md")
    files, _ = build_bundle(loaded, resolve_settings(presets=["og"]), feed=True)
    page = files["feed.html"].decode()
    parser = _Texts()
    parser.feed(page)
    assert parser.scripts == 0
    assert parser.titles == ['Feed preview: Chipmakers & "AI <accelerators>" '
                             "</title><script>alert(1)</script>"]
    assert "<b>tags</b>" not in page and "&lt;b&gt;tags&lt;/b&gt;" in page
