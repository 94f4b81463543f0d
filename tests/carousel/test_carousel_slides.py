"""The slides: numbered n/N on every slide, cards in reading order, an end slide with
the brand and the link, the numbered PNG series at the preset's size, and the text
layer's replay of every line the typesetter set."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import pytest
from PIL import Image

from sharecard.cards.presets import PRESETS
from sharecard.cards.themes import make_theme
from sharecard.carousel.endslide import end_slide, shown_link
from sharecard.carousel.slide import CounterStyle, Slide, counter_text, overlaps
from sharecard.carousel.slides import build_carousel, slide_display
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
        # On its kicker row, level with the kicker (the first text a slide draws).
        kicker, number = boxes[0], numbers[0]
        assert kicker is not number, slide.name
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
    # The briefing cites forty sources, its section cards none of their own: the cards
    # list the forty in the briefing's order, and so does the end slide.
    b = replace(briefing("grid-bottleneck"),
                sources=tuple(f"source-{n}.example.org" for n in range(40)))
    b = replace(b, sections=tuple(replace(sec, sources=()) for sec in b.sections))
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


def _cited(text: str, names: Sequence[str]) -> list[str]:
    """The names of `names` that `text` lists, in the order it lists them."""
    return sorted((n for n in names if n in text), key=text.index)


def _footer_sources(slide: Slide, names: Sequence[str]) -> list[str]:
    """The sources a card's footer lists, in its order (none when it shows none)."""
    return next((_cited(b.text, names) for b in slide.boxes if _cited(b.text, names)), [])


@pytest.mark.parametrize(("name", "cards"), [("grid-bottleneck", ("sections",)),
                                             ("grid-bottleneck", ("cover", "sections")),
                                             ("seed-putin-iran", ("sections", "quote"))])
def test_end_slide_lists_the_sources_in_the_order_the_cards_cite_them(name, cards):
    """The sources, first cited first, as the deck's footers list them slide by slide
    (grid-bottleneck's sections cite eia.gov first, its cover reuters.com)."""
    b = briefing(name)
    assert len(b.sources) >= 3
    s = settings()
    c = build_carousel(b, cards, PRESETS["square"], make_theme("light"), renderer_for(s))
    in_cards = list(dict.fromkeys(
        n for slide in c.slides[:-1] for n in _footer_sources(slide, b.sources)))
    assert sorted(in_cards) == sorted(b.sources)  # every source is on some card
    assert _footer_sources(c.slides[-1], b.sources) == in_cards
    if cards == ("sections",) and name == "grid-bottleneck":
        assert in_cards[0] == "eia.gov/electricity" != b.sources[0]  # not the briefing's


def _visual_names(run: GlyphRun, names: Sequence[str], typesetter) -> list[str]:
    """`names` in the order a line of `run` shows them, left to right: each found as
    its glyphs set alone left to right, contiguous among the run's glyphs by x."""
    line = [g.gid for g in sorted(run.glyphs, key=lambda g: g.x)]
    found = {}
    for n in names:
        box = typesetter.text_box(n, x=0, y=0, width=4000, height=200, size=20,
                                  max_lines=1, direction="ltr")
        gids = [g.gid for g in sorted((g for ln in box.glyphs for g in ln),
                                      key=lambda g: g.x)]
        found[n] = next(i for i in range(len(line)) if line[i:i + len(gids)] == gids)
    return sorted(names, key=found.__getitem__)


def test_end_slide_sources_read_in_the_cards_order_on_a_persian_slide():
    """Latin names on a right-to-left slide: the first cited is rightmost, as in the
    cover's footer — not one left-to-right run read backwards."""
    c = carousel("fa-iran-russia")
    b = briefing("fa-iran-russia")
    typesetter = renderer_for(settings()).typesetter
    index = GlyphIndex(typesetter.fonts)

    def shown(slide: Slide) -> list[str]:
        display = slide_display(slide, index)
        run = next(op for op in display.ops if isinstance(op, GlyphRun)
                   and len(_cited(op.label, b.sources)) == len(b.sources))
        return _visual_names(run, b.sources, typesetter)

    cover, end = shown(c.slides[0]), shown(c.slides[-1])
    assert end == cover == list(reversed(_footer_sources(c.slides[0], b.sources)))


READ_MORE = {"seed-putin-iran": "Read the full briefing",
             "fa-iran-russia": "متن کامل خلاصه خبر را بخوانید",
             "ja-boj-rates": "ブリーフィングの全文を読む"}


@pytest.mark.parametrize("name", sorted(READ_MORE))
def test_end_slide_calls_to_read_on_in_the_briefings_language(name):
    """"Read the full briefing" in the briefing's language, in its own direction, right
    above the link: in the slide's text layer and in its SVG."""
    c = carousel(name)
    end = c.slides[-1]
    texts = [box.text for box in end.boxes]
    cta = READ_MORE[name]
    assert texts.index(cta) + 1 == texts.index(shown_link(URL))
    assert f'aria-label="{cta}"' in end.svg
    box = end.boxes[texts.index(cta)]
    assert box.direction is None  # the slide's own direction: Persian on a Persian slide
    index = GlyphIndex(renderer_for(settings()).typesetter.fonts)
    drawn = {b.label: b for b in drawn_boxes(end, index, c.direction)}
    above, link = drawn[box.label], drawn[shown_link(URL)]
    assert above.ink[3] < link.ink[1] < above.ink[3] + 0.1 * c.preset.short_side


@pytest.mark.parametrize("preset", ["square", "og", "story"])
def test_end_slide_without_a_brand_calls_to_read_on_over_the_link(preset):
    """A link and no brand: the call to action, then the link — not a bare URL."""
    b = replace(briefing("grid-bottleneck"), attribution=None)
    s = settings(preset)
    c = build_carousel(b, s.cards, PRESETS[preset], make_theme("light"), renderer_for(s))
    end = c.slides[-1]
    texts = [box.text for box in end.boxes]
    assert texts[2:4] == ["Read the full briefing", shown_link(URL)]
    assert end.link == URL and end.title == shown_link(URL)
    assert not [w for w in c.warnings if (w.detail or "").endswith("-end")]
    index = GlyphIndex(renderer_for(s).typesetter.fonts)
    boxes = drawn_boxes(end, index, c.direction)
    for i, box in enumerate(boxes):
        for other in boxes[i + 1:]:
            assert not overlaps(box.ink, other.ink), (box.label, other.label)


def test_a_full_end_slide_drops_the_call_to_action_after_the_tagline(tmp_path):
    """The full case, with a logo, on an og slide whose kicker row sits lower (less room
    under it): after the sources, the date and the tagline, the call to action leaves
    too; brand and link stay."""
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
        '<rect width="120" height="40" fill="#1a5fb4"/></svg>', encoding="utf-8")
    long_url = ("https://example.com/briefings/2026/11/29/the-morning-briefing-on-the-"
                "grid-and-the-chips-that-need-it")
    b = replace(briefing("grid-bottleneck"), url=long_url, date="29 November 2026",
                attribution=Attribution("The Morning Briefing Company of the North",
                                        "Everything you need to know before nine. " * 4),
                sources=tuple(f"source-{n}.example.org" for n in range(40)))
    preset = PRESETS["og"]
    theme = make_theme("light", logo=tmp_path / "logo.svg")
    style = CounterStyle(900.0, 250.0, 140.0, 25.0, 19.0, "bold", theme.muted)
    end, notes = end_slide(b, preset, theme, style, 6, renderer_for(settings("og")).typesetter)
    dropped = [w.message.split("room for the ")[1].split(";")[0]
               for w in notes if w.code == "end-slide-dropped"]
    assert dropped == ["sources", "date", "tagline", "cta"]
    texts = [box.text for box in end.boxes]
    assert "Read the full briefing" not in texts
    assert b.attribution.brand in texts and shown_link(long_url) in texts
    assert not [w for w in notes if w.code in ("overlap", "outside-safe-area")]
