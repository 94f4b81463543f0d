"""The slides: numbered n/N on every slide, cards in reading order, an end slide with
the brand and the link, the numbered PNG series at the preset's size, and the text
layer's replay of every line the typesetter set."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from sharecard.cards.presets import PRESETS
from sharecard.cards.themes import make_theme
from sharecard.carousel.endslide import shown_link
from sharecard.carousel.slide import counter_text, overlaps
from sharecard.carousel.slides import build_carousel
from sharecard.carousel.textlayer import SetText, text_lines
from sharecard.model import Attribution
from sharecard.paint.display import GlyphRun
from sharecard.paint.svgread import GlyphIndex, read_display_list
from sharecard.pipeline import renderer_for
from sharecard.records import replace

from .carouselkit import (
    CORPUS_NAMES,
    URL,
    briefing,
    bundle_files,
    carousel,
    drawn_boxes,
    settings,
)


@pytest.mark.parametrize("preset", ["square", "portrait", "og"])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_slides_are_the_cards_in_order_then_the_end(name, preset):
    c = carousel(name, preset)
    s = settings(preset)
    specs, _ = renderer_for(s).plan(briefing(name), list(s.cards))
    assert [slide.stem for slide in c.slides] == [spec.stem for spec in specs] + ["end"]
    assert [slide.number for slide in c.slides] == list(range(1, len(c.slides) + 1))
    assert {slide.total for slide in c.slides} == {len(c.slides)}


@pytest.mark.parametrize("preset", ["square", "portrait", "og"])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_every_slide_shows_its_number_clear_of_other_text(name, preset):
    """Each slide draws "n/N" once (the cover too: the carousel adds it on its kicker
    row), and no slide number touches other text."""
    c = carousel(name, preset)
    index = GlyphIndex(renderer_for(settings(preset)).typesetter.fonts)
    total = len(c.slides)
    for slide in c.slides:
        boxes = drawn_boxes(slide, index, c.direction)
        numbers = [b for b in boxes if re.fullmatch(r"\d+/\d+", "".join(b.lines))]
        want = counter_text(slide.number, total, c.language)  # in the card's digits
        assert ["".join(b.lines) for b in numbers] == [want], slide.name
        for other in boxes:
            if other is not numbers[0]:
                assert not overlaps(numbers[0].ink, other.ink), (slide.name, other.label)
        # On its kicker row: read right after the kicker, level with it.
        kicker, number = boxes[0], boxes[1]
        assert number is numbers[0], slide.name
        middle = (number.ink[1] + number.ink[3]) / 2
        assert kicker.ink[1] <= middle <= kicker.ink[3], (slide.name, kicker.ink, number.ink)
    assert not [w for w in c.warnings if w.code == "slide-number-left-off"]


@pytest.mark.parametrize("preset", ["square", "portrait", "og"])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_end_slide_has_the_brand_the_link_and_the_sources(name, preset):
    c = carousel(name, preset)
    end = c.slides[-1]
    b = briefing(name)
    texts = [box.text for box in end.boxes]
    if b.attribution is not None:  # ja-boj-rates has no promo footer: link and sources
        assert b.attribution.brand in texts
    assert shown_link(URL) == "example.com/briefings/today" in texts
    assert end.link == URL
    sources = next(t for t in texts if any(s in t for s in b.sources)) if b.sources else ""
    assert all(s in sources for s in b.sources)
    problems = [w for w in c.warnings if w.detail and w.detail.endswith("-end")]
    assert not [w for w in problems if w.code != "end-slide-dropped"], problems
    # Inside the safe area, nothing overlapping: the end slide keeps the card rules.
    index = GlyphIndex(renderer_for(settings(preset)).typesetter.fonts)
    boxes = drawn_boxes(end, index, c.direction)
    safe = c.preset.safe
    for i, box in enumerate(boxes):
        x0, y0, x1, y1 = box.ink
        assert safe.left - 0.5 <= x0 and x1 <= c.preset.width - safe.right + 0.5, box.label
        assert safe.top - 0.5 <= y0 and y1 <= c.preset.height - safe.bottom + 0.5, box.label
        for other in boxes[i + 1:]:
            assert not overlaps(box.ink, other.ink), (box.label, other.label)


def test_end_slide_text_runs_in_its_own_direction_on_a_persian_slide():
    """"Be the smartest in the room." keeps its full stop on the right on a Persian
    slide, and sits on the right edge (the slide's reading side)."""
    c = carousel("fa-iran-russia")
    end = c.slides[-1]
    tagline = next(b for b in end.boxes if b.text == "Be the smartest in the room.")
    assert tagline.direction == "ltr"
    index = GlyphIndex(renderer_for(settings()).typesetter.fonts)
    drawn = next(b for b in drawn_boxes(end, index, c.direction) if b.label == tagline.label)
    frame_right = c.preset.width - c.preset.frame.right
    assert abs(drawn.ink[2] - frame_right) < 6  # flush right (side bearing aside)


def test_no_end_slide_without_a_brand_or_a_link():
    b = replace(briefing("seed-putin-iran"), attribution=None, url=None)
    s = settings()
    c = build_carousel(b, s.cards, PRESETS["square"], make_theme("light"), renderer_for(s))
    assert c.slides[-1].stem == "section-08"  # the bottom line: the seed quotes no one
    assert {slide.total for slide in c.slides} == {len(c.slides)}
    assert [w.code for w in c.warnings if w.code == "no-end-slide"] == ["no-end-slide"]


def test_end_slide_lists_what_sources_fit_then_counts_the_rest():
    b = replace(briefing("grid-bottleneck"),
                sources=tuple(f"source-{n}.example.org" for n in range(40)))
    s = settings("og")
    c = build_carousel(b, s.cards, PRESETS["og"], make_theme("light"), renderer_for(s))
    line = next(box for box in c.slides[-1].boxes if box.text.startswith("Sources: "))
    shown = re.findall(r"source-\d+\.example\.org", line.text)
    assert 3 <= len(shown) < 40 and line.text.endswith(f" · +{40 - len(shown)}")
    assert not line.clamped and shown == [f"source-{n}.example.org" for n in range(len(shown))]


def test_a_full_end_slide_drops_sources_then_date_then_tagline():
    """On an og slide a two-line brand, a three-line tagline, a two-line link, a date
    and forty sources do not all fit: what leaves goes in order (sources, then date,
    then tagline), each noted; brand and link stay; what is drawn keeps the card rules."""
    long_url = ("https://example.com/briefings/2026/11/29/the-morning-briefing-on-the-"
                "grid-and-the-chips-that-need-it")
    b = replace(briefing("grid-bottleneck"), url=long_url, date="29 November 2026",
                attribution=Attribution("The Morning Briefing Company of the North",
                                        "Everything you need to know before nine. " * 4),
                sources=tuple(f"source-{n}.example.org" for n in range(40)))
    s = settings("og")
    c = build_carousel(b, s.cards, PRESETS["og"], make_theme("light"), renderer_for(s))
    texts = [box.text for box in c.slides[-1].boxes]
    assert b.attribution.brand in texts and shown_link(long_url) in texts
    dropped = [w.message.split("room for the ")[1].split(";")[0]
               for w in c.warnings if w.code == "end-slide-dropped"]
    assert dropped == ["sources", "date"]
    assert not any(t.startswith("Sources") or t == b.date for t in texts)
    problems = [w for w in c.warnings if (w.detail or "").endswith("-end")
                and w.code != "end-slide-dropped"]
    assert not problems, problems


@pytest.mark.parametrize("preset", ["square", "portrait"])
def test_png_series_is_numbered_at_the_preset_size(preset):
    files, rows, _ = bundle_files("seed-putin-iran", preset)
    c = carousel("seed-putin-iran", preset)
    names = sorted(n for n in files if n.endswith(".png"))
    assert names == [f"carousel-{preset}/{s.number:02d}-{s.stem}.png" for s in c.slides]
    for name in names:
        with Image.open(io.BytesIO(files[name])) as image:
            assert image.size == (PRESETS[preset].width, PRESETS[preset].height)
    pdf_row = next(r for r in rows if r["format"] == "pdf")
    assert pdf_row["path"] == f"carousel-{preset}.pdf"
    assert pdf_row["pages"] == pdf_row["text_pages"] == len(c.slides)
    slide_rows = [r for r in rows if r["kind"] == "slide"]
    assert [(r["index"], r["total"]) for r in slide_rows] == [
        (s.number, len(c.slides)) for s in c.slides]


CASES = [(name, preset) for name in CORPUS_NAMES for preset in ("og", "square", "story")]


@pytest.mark.parametrize(("name", "preset"), CASES)
def test_text_layer_replays_every_line(name, preset):
    """For every text box of every card, the replayed lines read as the typesetter's
    lines, and their glyphs sit exactly where the SVG draws them."""
    c = carousel(name, "square") if preset == "square" else None
    s = settings(preset)
    renderer = renderer_for(s)
    b = briefing(name)
    index = GlyphIndex(renderer.typesetter.fonts)
    specs, _ = renderer.plan(b, list(s.cards))
    theme = make_theme("light")
    for spec in specs:
        card = renderer.render(b, spec, PRESETS[preset], theme)
        display = read_display_list(card.svg, index)
        assert display is not None
        boxes = [SetText(r.text, r.lines, r.weight, r.clamped) for r in card.boxes if r.lines]
        for op in display.ops:
            if not isinstance(op, GlyphRun):
                continue
            box = next(x for x in boxes if x.label == op.label)
            lines = text_lines(op, box, renderer.typesetter, language=b.language,
                               direction=(c or carousel(name)).direction)
            assert lines is not None, (card.name, box.label)
            assert [line.text for line in lines] == list(box.lines)
            inked = {(g.face.key, g.gid, g.x, g.y) for g in op.glyphs}
            ours = {(g.face.key, g.gid, g.x, g.y) for line in lines for g in line.glyphs}
            assert inked <= ours  # every drawn glyph, at its place; blanks added


def test_text_layer_refuses_a_run_it_cannot_match():
    """A run whose glyphs are not what the typesetter set for that text gets no text
    (the PDF then shows glyphs without a text map) — never another text."""
    c = carousel("seed-putin-iran")
    slide = c.slides[0]
    renderer = renderer_for(settings())
    display = read_display_list(slide.svg, GlyphIndex(renderer.typesetter.fonts))
    run = next(op for op in display.ops if isinstance(op, GlyphRun) and "Putin" in op.label)
    box = next(b for b in slide.boxes if b.label == run.label)
    tampered = replace(run, lines=(tuple(replace(g, gid=g.gid + 1) if i == 3 else g
                                         for i, g in enumerate(run.glyphs)),))
    assert text_lines(run, box, renderer.typesetter, language="en", direction="ltr")
    assert text_lines(tampered, box, renderer.typesetter, language="en",
                      direction="ltr") is None
    moved = replace(run, lines=(tuple(replace(g, x=g.x + 3) if i == 5 else g
                                      for i, g in enumerate(run.glyphs)),))
    assert text_lines(moved, box, renderer.typesetter, language="en", direction="ltr") is None
    other = SetText("Another headline entirely", box.lines, box.weight)
    assert text_lines(run, other, renderer.typesetter, language="en", direction="ltr") is None
