"""What a frame draws over the image: X's title pill, placed on the card through the
crop and the scale, read against the card's own text boxes (the footer, its source line,
the headline), warned about in the manifest and drawn on the page.

The geometry is mostly controlled (boxes placed by hand, or an overlay made to cover the
whole lower half), to hold the mechanism; the last test holds the default templates to
keeping the pill's corner clear on every link-preview preset."""

from __future__ import annotations

import functools
import json
from html.parser import HTMLParser

import pytest

from sharecard.blurbs.alt import ImageInfo
from sharecard.cards.render import BoxRecord, RenderedCard
from sharecard.feeds import FRAMES, crop_warnings, feed_page, feed_plan, feed_warnings
from sharecard.feeds import plan as plan_module
from sharecard.feeds.plan import (
    covered_by,
    overlaid,
    overlay_box,
    overlay_width,
    shown_image,
    text_width,
)
from sharecard.feeds.rules import Overlay
from sharecard.records import replace

from .feedkit import CORPUS, URL

FRAME = {f.key: f for f in FRAMES}
X_CARD = FRAME["x-card"]
PILL = X_CARD.overlays[0]
TITLE = "Putin, Iran deepen military coordination"
OG = ImageInfo("og-cover.png", 1200, 630, "og", "cover", TITLE)


@functools.cache
def _og_card() -> RenderedCard:
    from sharecard.pipeline import render_cards, resolve_settings
    from sharecard.readers import read_path

    cards, _ = render_cards(read_path(CORPUS / "seed-putin-iran.txt"),
                            resolve_settings(presets=["og"], url=URL))
    return next(c for c in cards if c.kind == "cover")


def _box(name: str, role: str, rect: tuple[float, float, float, float]) -> BoxRecord:
    """A one-line text box whose ink is `rect` (x0, y0, x1, y1, card px)."""
    x0, y0, x1, y1 = rect
    return BoxRecord(name=name, role=role, text=name, lines=(name,), line_boxes=(rect,),
                     bounds=rect, frame=(x0, y0, x1 - x0, y1 - y0), size=20.0,
                     weight="regular", color="muted", background="", shrunk=False,
                     clamped=False)


def _card(*boxes: BoxRecord) -> RenderedCard:
    """The seed's og cover (1200×630) with its layout record replaced by `boxes`."""
    return replace(_og_card(), boxes=boxes)


# --- rules --------------------------------------------------------------------------------

def test_x_card_draws_its_title_pill_and_no_other_frame_draws_anything():
    assert PILL.corner == "bottom-left" and PILL.shows == "title"
    assert (PILL.inset_x, PILL.inset_y, PILL.height) == (12, 12, 20)
    assert PILL.widest(X_CARD.width) == X_CARD.width - 24 == 482
    assert PILL.source.startswith("observed:")
    assert [f.key for f in FRAMES if f.overlays] == ["x-card"]


# --- geometry -----------------------------------------------------------------------------

def test_overlay_box_on_a_card_cropped_top_and_bottom():
    """og (1200×630) in X's 2:1 card: 15 px cut top and bottom, 1200 card px drawn at
    506 CSS px — each CSS px of the pill is 1200/506 card px, set from y 615 up."""
    s = 1200 / 506
    got = overlay_box(PILL, 200, 506, X_CARD.visible(1200, 630))
    assert got == pytest.approx((12 * s, 615 - 32 * s, 212 * s, 615 - 12 * s))


def test_overlay_box_follows_the_crop_and_the_scale():
    """A square card shown at 2:1: the visible band is y 270–810, so the pill sits above
    810, scaled by 1080/506; a card twice as wide takes a pill twice as large."""
    s = 1080 / 506
    got = overlay_box(PILL, 100, 506, X_CARD.visible(1080, 1080))
    assert got == pytest.approx((12 * s, 810 - 32 * s, 112 * s, 810 - 12 * s))
    small = overlay_box(PILL, 100, 506, (0, 0, 600, 300))
    large = overlay_box(PILL, 100, 506, (0, 0, 1200, 600))
    assert large == pytest.approx(tuple(2 * v for v in small))


def test_overlay_box_in_each_corner_of_a_side_cropped_card():
    """A 3:1 card in a 2:1 frame loses 250 px each side: every corner is measured from
    the visible part's edges, not the card's."""
    visible = X_CARD.visible(1500, 500)
    assert visible == pytest.approx((250, 0, 1250, 500))
    s = 1000 / 506
    w, h, i = 50 * s, 20 * s, 12 * s
    for corner, want in {
        "top-left": (250 + i, i, 250 + i + w, i + h),
        "top-right": (1250 - i - w, i, 1250 - i, i + h),
        "bottom-left": (250 + i, 500 - i - h, 250 + i + w, 500 - i),
        "bottom-right": (1250 - i - w, 500 - i - h, 1250 - i, 500 - i),
    }.items():
        got = overlay_box(replace(PILL, corner=corner), 50, 506, visible)
        assert got == pytest.approx(want), corner


def test_pill_is_as_wide_as_its_text_up_to_the_inset():
    short = overlay_width(PILL, "Rates hold", X_CARD.width)
    assert short == pytest.approx(text_width("Rates hold", 13) + 8) and short < 100
    assert overlay_width(PILL, "x" * 70, X_CARD.width) == 482
    # Wide (CJK) characters are counted a full em, Latin ones 0.6 em: never too narrow.
    assert text_width("日銀", 10) == pytest.approx(20)
    assert text_width("ab", 10) == pytest.approx(12)
    assert text_width("é", 10) == text_width("e\u0301", 10)  # one grapheme either way


# --- what it covers -----------------------------------------------------------------------

def test_covered_reads_each_lines_ink_box():
    area = (100.0, 500.0, 400.0, 560.0)
    source = _box("footer.sources", "footer", (60, 540, 900, 570))
    brand = _box("footer.brand", "footer", (60, 300, 300, 320))
    headline = _box("headline", "title", (380, 550, 800, 600))
    body = _box("bullet1", "text", (60, 500, 900, 560))  # body text is not checked
    assert covered_by(area, [source, brand, headline, body]) == ("headline", "source line")
    # Touching, or overlapping by no more than the half-px tolerance, is not covering.
    edge = _box("footer.brand", "footer", (400.4, 500, 600, 560))
    assert covered_by(area, [edge]) == ()
    # A box whose lines are all clear is clear even when its frame is not.
    two = replace(source, lines=("a", "b"), line_boxes=((500, 540, 900, 552),
                                                        (500, 556, 900, 568)),
                  bounds=(60, 540, 900, 568))
    assert covered_by(area, [two]) == ()


def test_footer_in_the_pills_corner_is_covered():
    """The og card's footer set at the bottom-left, where X lays its pill (y 539–587 on
    a 1200×630 card): the pill covers the source line and the brand line."""
    card = _card(_box("headline", "title", (60, 100, 900, 230)),
                 _box("footer.brand", "footer", (60, 530, 300, 548)),
                 _box("footer.sources", "footer", (60, 556, 880, 576)))
    shown = shown_image(X_CARD, OG, card, title=TITLE)
    (drawn,) = shown.overlays
    assert drawn.text == TITLE and drawn.covers == ("footer", "source line")
    x0, y0, x1, y1 = drawn.box
    assert (round(x0), round(y0), round(y1)) == (28, 539, 587)
    assert x1 == pytest.approx(28.46 + overlay_width(PILL, TITLE, 506) * 1200 / 506, abs=0.05)
    (warning,) = feed_warnings([card], [OG], title=TITLE)
    assert warning.code == "overlay-covers"
    assert warning.message == (
        "X · link card (summary_large_image) draws its title pill over the bottom-left "
        "corner of og-cover.png: it covers the footer and the source line")
    assert warning.detail.startswith("og-cover: the title pill spans x 28–")
    assert warning.detail.endswith("y 539–587 px of the card (observed)")
    assert crop_warnings([card], [OG]) == ()  # the crop itself cuts nothing


def test_clear_corner_gets_no_warning():
    """The same footer moved out of the pill's reach: to the top, or to the right of
    a short title's pill."""
    top = _card(_box("footer.sources", "footer", (60, 40, 880, 60)),
                _box("headline", "title", (60, 100, 900, 230)))
    right = _card(_box("footer.sources", "footer", (700, 556, 1140, 576)))
    for card in (top, right):
        shown = shown_image(X_CARD, OG, card, title="Rates hold")
        assert [d.covers for d in shown.overlays] == [()]
        assert feed_warnings([card], [OG], title="Rates hold") == ()


def test_no_title_no_pill():
    card = _card(_box("footer.sources", "footer", (60, 556, 880, 576)))
    assert overlaid(X_CARD, card) == ()
    assert feed_warnings([card], [OG], title="  ") == ()
    assert overlaid(X_CARD, card, title=TITLE)[0].covers == ("source line",)


def test_pill_on_a_real_og_card_matches_its_footer_boxes():
    """Whatever the template does with the corner, the warning on the rendered og card
    is there exactly when the pill's box (worked out here by hand) meets a footer line."""
    card = _og_card()
    s = 1200 / 506
    width = min(482, text_width(TITLE, 13) + 8)
    pill = (12 * s, 615 - 32 * s, (12 + width) * s, 615 - 12 * s)
    hit = [b.name for b in card.boxes if b.role == "footer"
           for ink in b.line_boxes
           if min(pill[2], ink[2]) - max(pill[0], ink[0]) > 0.5
           and min(pill[3], ink[3]) - max(pill[1], ink[1]) > 0.5]
    warnings = [w for w in feed_warnings([card], [OG], title=TITLE)
                if w.code == "overlay-covers"]
    assert bool(warnings) == bool(hit)
    if "footer.sources" in hit:
        assert "source line" in warnings[0].message


# --- the page and the manifest ------------------------------------------------------------

class _Pill(HTMLParser):
    """The text and attributes of every ``.overlay`` on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.pills: list[dict[str, str | None]] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        if ("class", "overlay") in attrs:
            self.pills.append({**dict(attrs), "text": ""})
            self._open = True

    def handle_endtag(self, tag):
        self._open = False

    def handle_data(self, data):
        if self._open:
            self.pills[-1]["text"] = (self.pills[-1]["text"] or "") + data


def _pills(page: str) -> list[dict[str, str | None]]:
    parser = _Pill()
    parser.feed(page)
    return parser.pills


def _covering_half(monkeypatch: pytest.MonkeyPatch) -> Overlay:
    """X's pill made to cover the whole lower half of the card: any footer is under it."""
    half = replace(PILL, inset_x=0, inset_y=0, height=X_CARD.width / 4)
    frames = tuple(replace(f, overlays=(half,)) if f.key == "x-card" else f for f in FRAMES)
    monkeypatch.setattr(plan_module, "FRAMES", frames)
    return half


def test_page_draws_the_pill_and_its_warning():
    from sharecard.model import Briefing

    card = _card(_box("footer.sources", "footer", (60, 556, 880, 576)))
    briefing = Briefing(headline=TITLE, url=URL)
    page = feed_page(feed_plan(briefing, [card], [OG], direction="ltr"))
    (pill,) = _pills(page)
    assert pill["text"] == TITLE and pill["data-overlay"] == "title pill"
    assert pill["data-corner"] == "bottom-left" and pill["data-covers"] == "source line"
    style = pill["style"] or ""
    assert "left:2.372cqw;bottom:2.372cqw;height:3.953cqw" in style  # 12 and 20 of 506 px
    assert 'class="covered"' in page
    assert '<span class="badge">Title pill covers the source line</span>' in page
    assert "The title pill covers the source line." in page
    assert "1 overlay warning: X · link card (summary_large_image) draws its title pill" in page
    clear = feed_page(feed_plan(briefing, [_card()], [OG], direction="ltr"))
    assert _pills(clear)[0]["data-covers"] == "" and 'class="covered"' not in clear
    assert "no overlay covers one" in clear


def test_bundle_manifest_and_page_carry_the_overlay_warning(monkeypatch):
    from sharecard.pipeline import build_bundle, load_input, resolve_settings

    _covering_half(monkeypatch)
    loaded = load_input(CORPUS / "seed-putin-iran.txt")
    for feed in (True, False):  # the page, or only the warnings every bundle gets
        files, manifest = build_bundle(loaded, resolve_settings(url=URL), feed=feed)
        written = json.loads(manifest.to_json())
        covers = [w for w in written["warnings"] if w["code"] == "overlay-covers"]
        assert len(covers) == 1, written["warnings"]
        assert covers[0]["message"].startswith(
            "X · link card (summary_large_image) draws its title pill over the bottom-left "
            "corner of og-cover.png: it covers the ")
        assert "footer" in covers[0]["message"] or "source line" in covers[0]["message"]
        if feed:
            page = files["feed.html"].decode()
            assert covers[0]["message"] in page
            assert "overlay warning" in page and 'class="covered"' in page


def test_pill_title_is_escaped():
    from sharecard.pipeline import build_bundle, load_input, resolve_settings

    hostile = '# Chips & "AI <b>accelerators</b>" <script>alert(1)</script>\n\n- A bullet.\n'
    loaded = load_input(hostile.encode(), "markdown", name="hostile.md")
    files, _ = build_bundle(loaded, resolve_settings(presets=["og"], url=URL), feed=True)
    page = files["feed.html"].decode()
    (pill,) = _pills(page)
    assert pill["text"] == 'Chips & "AI <b>accelerators</b>" <script>alert(1)</script>'
    assert "<script>" not in page and "<b>accelerators" not in page
    assert "Chips &amp; &quot;AI &lt;b&gt;accelerators&lt;/b&gt;&quot; &lt;script&gt;" in page


@pytest.mark.parametrize("name", ["seed-putin-iran", "fa-iran-russia", "grid-bottleneck",
                                  "ja-boj-rates", "headline-only"])
@pytest.mark.parametrize("preset", ["og", "x-card", "linkedin"])
def test_the_default_templates_keep_the_pills_corner_clear(name, preset):
    """The footer ends above the band X's pill covers (with what its 2:1 frame crops off
    an og card), however long the title: no bundle warns."""
    from .feedkit import feed_bundle

    _, manifest = feed_bundle(name, (preset,))
    assert not [w for w in manifest.warnings if w["code"] == "overlay-covers"]
    # The check can fail: the pill made taller (as a platform might) covers the footer.
    tall = replace(PILL, height=PILL.height * 3)
    frame = replace(X_CARD, overlays=(tall,))
    cards_and_images = _card_and_image(name, preset)
    shown = shown_image(frame, cards_and_images[1], cards_and_images[0], title="T" * 80)
    assert shown.overlays and shown.overlays[0].covers


@functools.cache
def _card_and_image(name: str, preset: str) -> tuple[RenderedCard, ImageInfo]:
    from sharecard.pipeline import render_cards, resolve_settings
    from sharecard.readers import read_path

    cards, _ = render_cards(read_path(CORPUS / f"{name}.txt"),
                            resolve_settings(presets=[preset], url=URL))
    card = next(c for c in cards if c.kind == "cover")
    w, h = card.preset.width, card.preset.height
    return card, ImageInfo(f"{preset}-cover.png", w, h, preset, "cover", "")
