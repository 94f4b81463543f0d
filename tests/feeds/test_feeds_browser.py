"""The feed preview in a real browser (headless Chromium over DevTools): every frame is
there, its images load from the bundle (nothing from anywhere else), the texts are cut
as the rules cited on the page say, each image shows the part its frame's crop keeps,
and a crop-unsafe card carries its warning."""

from __future__ import annotations

import json

import pytest

from sharecard.blurbs.counting import grapheme_count
from sharecard.feeds import FRAMES
from sharecard.feeds.page import LINE
from sharecard.pipeline import feed_preview
from support.browser import require_chromium, shared_chromium

from .feedkit import CORPUS, URL, feed_bundle, write

READ_PAGE = """(async () => {
  await Promise.all(Array.from(document.images, (i) => i.decode().catch(() => null)));
  const frames = Array.from(document.querySelectorAll("section.frame"), (s) => {
    const fig = s.querySelector(".mock figure");
    const img = fig && fig.querySelector("img");
    const box = fig && fig.getBoundingClientRect();
    const style = img && getComputedStyle(img);
    const texts = Array.from(s.querySelectorAll("[data-cut]"), (el) => {
      const more = el.querySelector(".more");
      const r = el.getBoundingClientRect();
      return {cls: el.className, text: el.textContent, more: more ? more.textContent : null,
              full: el.getAttribute("title"), chars: el.dataset.chars || null,
              lines: el.dataset.lines || null, marker: el.dataset.more || null,
              cut: el.dataset.cut, height: r.height, lang: el.lang,
              dir: getComputedStyle(el).direction,
              overflowing: el.scrollHeight > el.clientHeight + 1 ||
                           el.scrollWidth > el.clientWidth + 1};
    });
    const win = s.querySelector(".whole .window");
    return {key: s.dataset.frame, kind: s.dataset.kind,
            cls: fig ? fig.className : null, shape: fig ? Number(fig.dataset.shape) : null,
            visible: fig ? fig.dataset.visible : null, cuts: fig ? fig.dataset.cuts : null,
            badge: fig && fig.querySelector(".badge") ? fig.querySelector(".badge").textContent
                                                       : null,
            shown: box ? box.width / box.height : null,
            fit: style ? style.objectFit : null, position: style ? style.objectPosition : null,
            window: win ? win.getAttribute("style") : null, texts};
  });
  const images = Array.from(document.images, (i) => ({src: i.getAttribute("src"),
    url: i.currentSrc, ok: i.complete && i.naturalWidth > 0, width: i.naturalWidth}));
  const loaded = performance.getEntriesByType("resource").map((e) => e.name);
  return JSON.stringify({frames, images, loaded, page: location.href,
                         summary: document.getElementById("summary").textContent});
})()"""


def _read(files, folder):
    require_chromium()
    page = write(files, folder)
    return json.loads(shared_chromium().evaluate_url(page.as_uri(), READ_PAGE)), page


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    files, manifest = feed_bundle("seed-putin-iran")
    return _read(files, tmp_path_factory.mktemp("seed")), files, manifest


def test_every_frame_is_there(seed):
    (got, _), _, _ = seed
    assert [f["key"] for f in got["frames"]] == [f.key for f in FRAMES]
    assert [f["kind"] for f in got["frames"]] == [f.kind for f in FRAMES]


def test_images_load_from_the_bundle_and_nothing_else_loads(seed):
    (got, page), files, _ = seed
    folder = page.parent.as_uri() + "/"
    assert got["images"]
    for image in got["images"]:
        assert image["src"] in files and image["ok"], image
        assert image["url"] == folder + image["src"]
    assert all(url.startswith(folder) for url in got["loaded"]), got["loaded"]


def test_texts_are_cut_as_the_rules_say(seed):
    (got, _), _, _ = seed
    by_key = {f["key"]: f for f in got["frames"]}
    rules = {f.key: f for f in FRAMES}
    for key, frame in by_key.items():
        for text in frame["texts"]:
            shown = text["text"]
            if text["chars"] is not None:
                kept = shown.removesuffix(text["more"] or "")
                assert grapheme_count(kept) <= int(text["chars"]), (key, text)
            if text["cut"] == "true":
                assert text["more"] == text["marker"] and shown.endswith(text["marker"])
                assert text["full"] and text["full"] != shown
            else:
                assert text["more"] is None and not text["full"]
            if text["lines"] is not None:  # the browser shows no more lines than allowed
                assert text["height"] <= int(text["lines"]) * LINE + 1, (key, text)
    linkedin = next(t for t in by_key["linkedin"]["texts"] if t["cls"] == "post")
    assert linkedin["cut"] == "true" and linkedin["text"].endswith("…see more")
    assert rules["linkedin"].post.chars == int(linkedin["chars"]) == 210
    x_post = next(t for t in by_key["x-timeline"]["texts"] if t["cls"] == "post")
    assert x_post["cut"] == "false" and x_post["chars"] is None
    overlay = next(t for t in by_key["x-card"]["texts"] if t["cls"] == "overlay")
    assert overlay["lines"] == "1" and overlay["height"] <= LINE + 1


def test_long_titles_are_clamped_by_lines(tmp_path):
    """A 40-word headline: LinkedIn and Facebook show two lines of it (the rest hidden
    by the browser), X's card title is cut to 70 characters and one line."""
    from sharecard.pipeline import build_bundle, load_input, resolve_settings

    headline = " ".join(["Grid operators warn the chip boom needs new transmission"] * 5)
    loaded = load_input(f"# {headline}\n\n- A bullet.\n".encode(), "markdown", name="long.md")
    files, _ = build_bundle(loaded, resolve_settings(presets=["og"], url=URL), feed=True)
    got, _ = _read(files, tmp_path)
    by_key = {f["key"]: f for f in got["frames"]}
    for key in ("linkedin", "facebook"):
        title = next(t for t in by_key[key]["texts"] if t["cls"] == "title")
        assert title["lines"] == "2" and title["overflowing"]
        assert abs(title["height"] - 2 * LINE) <= 1
    x_title = next(t for t in by_key["x-card"]["texts"] if t["cls"] == "overlay")
    assert x_title["cut"] == "true" and grapheme_count(x_title["text"][:-1]) <= 70


def test_each_image_shows_what_its_crop_keeps(seed):
    (got, _), _, _ = seed
    for frame in got["frames"]:
        assert frame["fit"] == "cover" and frame["position"] == "50% 50%"
        assert frame["shown"] == pytest.approx(frame["shape"], rel=0.01), frame["key"]


def test_a_crop_unsafe_card_gets_its_warning(tmp_path):
    """Only story cards in the bundle: the link cards crop the story cover through its
    middle; the page marks those three frames, and the manifest warns."""
    files, manifest = feed_bundle("seed-putin-iran", ("story",))
    got, _ = _read(files, tmp_path)
    marked = {f["key"]: f for f in got["frames"] if "cut" in f["cls"].split()}
    assert set(marked) == {"x-card", "linkedin", "facebook"}
    for frame in marked.values():
        assert frame["badge"] == "Crop cuts the headline and the footer"
        assert frame["cuts"] == "headline footer"
        _, y0, _, y1 = map(float, frame["visible"].split())
        assert f"top:{y0 * 100:.2f}%" in frame["window"]
        assert f"height:{(y1 - y0) * 100:.2f}%" in frame["window"]
    assert got["summary"].startswith("3 crop warnings")
    assert len([w for w in manifest.warnings if w["code"] == "crop-cuts"]) == 3


def test_persian_posts_read_right_to_left(tmp_path):
    files, _ = feed_bundle("fa-iran-russia")
    got, _ = _read(files, tmp_path)
    posts = [t for f in got["frames"] for t in f["texts"] if t["cls"] == "post"]
    assert posts and all(t["lang"] == "fa" and t["dir"] == "rtl" for t in posts)


def test_standalone_page_inlines_its_images(tmp_path):
    """`feed_preview` (what /v1/preview returns) is one page: every image a data: URI."""
    page = feed_preview(CORPUS / "headline-only.txt", presets=["og", "square"], url=URL)
    path = tmp_path / "alone.html"
    path.write_text(page, encoding="utf-8")
    got = json.loads(shared_chromium().evaluate_url(path.as_uri(), READ_PAGE))
    assert got["images"] and all(i["src"].startswith("data:image/png;base64,") and i["ok"]
                                 for i in got["images"])
    assert got["loaded"] == []


READ_PILL = """(() => {
  const fig = document.querySelector("#frame-x-card figure");
  const pill = fig.querySelector(".overlay");
  const f = fig.getBoundingClientRect(), p = pill.getBoundingClientRect();
  const style = getComputedStyle(pill);
  return JSON.stringify({inner: fig.clientWidth,
    box: pill.dataset.box, width: p.width, height: p.height,
    left: p.left - f.left - fig.clientLeft, bottom: f.bottom - p.bottom - fig.clientTop,
    background: style.backgroundColor, ellipsis: style.textOverflow});
})()"""


def test_x_card_pill_is_drawn_where_the_rule_puts_it(seed):
    """The title pill in a real browser: 12 px in from the left and bottom and 20 px tall
    at X's 506 px (scaled to the mock's image), dark, and no wider than the generous
    estimate the warning uses (`data-box`, card px)."""
    from sharecard.feeds.rules import FRAMES as RULES

    (_, page), _, _ = seed
    got = json.loads(shared_chromium().evaluate_url(page.as_uri(), READ_PILL))
    frame = next(f for f in RULES if f.key == "x-card")
    pill = frame.overlays[0]
    unit = got["inner"] / frame.width  # mock px per X px (inside the figure's border)
    assert got["left"] == pytest.approx(pill.inset_x * unit, abs=0.5)
    assert got["bottom"] == pytest.approx(pill.inset_y * unit, abs=0.5)
    assert got["height"] == pytest.approx(pill.height * unit, abs=0.5)
    assert got["background"] == "rgba(0, 0, 0, 0.77)" and got["ellipsis"] == "ellipsis"
    x0, _, x1, _ = map(float, got["box"].split())
    card_px = 1200 / got["inner"]  # the og card's visible width over the drawn image's
    assert got["width"] * card_px <= x1 - x0 + 1
