"""Rhythm a news designer checks with a ruler (issue 22, composition and feed legibility):

- the accent rule sits a fixed gap under the heading's last baseline;
- a card's largest type is its title (headline, heading, pull quote);
- the kicker stays attached to the title, at most one kicker line-height above it;
- a tall card shows every bullet whenever a headline size within its range allows;
- the space between bullets is the same whether an item wraps or not, and clearly larger
  than the leading inside an item;
- a long headline on og keeps its size, on up to six lines over the full measure;
- a carousel deck keeps one kicker row and one section heading size;
- at a feed's width an og card's kicker and brand have capitals at least 9 px tall.

Every rule runs over the corpus, the project's own briefings and the quotation
briefings, at every preset, from the recorded layout and display list.
"""

from __future__ import annotations

import functools
import itertools

import pytest

from cards.cardkit import (
    CORPUS_NAMES,
    OWN_NAMES,
    QUOTE_NAMES,
    briefing,
    own_briefing,
    own_renderer,
    quote_briefing,
    renderer,
)
from sharecard.cards.plan import plan_cards
from sharecard.cards.presets import PRESETS
from sharecard.cards.render import RenderedCard
from sharecard.cards.themes import make_theme
from sharecard.cards.typescale import text_sizes
from sharecard.carousel.slides import deck_cards
from sharecard.paint.display import Rect
from sharecard.records import replace
from sharecard.typeset import Typesetter

KINDS = ("cover", "sections", "quote")
SOURCES = ([("corpus", n) for n in CORPUS_NAMES] + [("own", n) for n in OWN_NAMES]
           + [("quotes", n) for n in QUOTE_NAMES])
ALL = tuple(PRESETS)
TALL = tuple(p for p in PRESETS if PRESETS[p].family in ("portrait", "story"))
RULE_GAP = 4.0  # units: the templates' gap between a heading's baseline and its rule
RULE_CLEAR = 0.35  # fit.RULE_CLEAR: the least share of it kept clear of descenders


def _briefing(source: str, name: str):
    return {"corpus": briefing, "own": own_briefing, "quotes": quote_briefing}[source](name)


@functools.cache
def _cards(source: str, name: str, preset: str) -> tuple[RenderedCard, ...]:
    b = _briefing(source, name)
    r = own_renderer() if source == "own" else renderer()
    specs, _ = plan_cards(b, KINDS, available=r.kinds())
    return tuple(r.render(b, s, PRESETS[preset], make_theme("light")) for s in specs)


def _box(card: RenderedCard, name: str):
    return next((b for b in card.boxes if b.name == name and not b.empty), None)


def _rules(card: RenderedCard) -> list[Rect]:
    """The accent rules a card draws: 10 units wide, 0.6 units thick."""
    u = card.preset.short_side / 100
    assert card.display is not None
    return [op for op in card.display.ops if isinstance(op, Rect)
            and abs(op.width - 10 * u) < 0.01 and abs(op.height - 0.6 * u) < 0.01]


@pytest.mark.parametrize("preset", ALL)
@pytest.mark.parametrize(("source", "name"), SOURCES)
def test_the_accent_rule_sits_a_fixed_gap_under_the_last_baseline(source, name, preset):
    checked = 0
    cards = _cards(source, name, preset)
    for card in cards:
        title = next((b for b in card.boxes if b.role == "title" and not b.empty), None)
        for rule in _rules(card):
            assert title is not None and title.baselines
            u = card.preset.short_side / 100
            under = rule.y - title.baselines[-1]
            clear = rule.y - title.bounds[3]
            # The gap from the baseline, unless descenders need more: then the rule keeps
            # its share of clear space under the deepest ink.
            assert under == pytest.approx(RULE_GAP * u, abs=0.6) or (
                under > RULE_GAP * u and clear == pytest.approx(
                    RULE_CLEAR * RULE_GAP * u, abs=0.6)), (card.name, under, clear)
            assert clear >= RULE_CLEAR * RULE_GAP * u - 0.6, card.name
            checked += 1
    if PRESETS[preset].family != "landscape" and any(c.kind == "section" for c in cards):
        assert checked, "no rule drawn"


@pytest.mark.parametrize("preset", ALL)
@pytest.mark.parametrize(("source", "name"), SOURCES)
def test_the_title_is_the_largest_type_and_the_kicker_stays_on_it(source, name, preset):
    for card in _cards(source, name, preset):
        title = next(b for b in card.boxes if b.role == "title" and not b.empty)
        for box in card.boxes:
            if box is not title and not box.empty and box.role != "ornament":
                assert box.size <= title.size + 0.01, (card.name, box.name, box.size,
                                                         title.size)
        kicker = _box(card, "kicker")
        assert kicker is not None, card.name
        below = [b for b in card.boxes if not b.empty and b.role in ("title", "ornament")]
        first = min(below, key=lambda b: b.bounds[1])
        gap = first.bounds[1] - kicker.bounds[3]
        assert 0 < gap <= kicker.size * 1.3, (card.name, gap, kicker.size)


@pytest.mark.parametrize("preset", TALL)
@pytest.mark.parametrize(("source", "name"), SOURCES)
def test_a_tall_cover_shows_every_bullet_a_headline_size_in_range_allows(source, name, preset):
    cover = next(c for c in _cards(source, name, preset) if c.kind == "cover")
    b = _briefing(source, name)
    shown = [x for x in cover.boxes if x.name.startswith("bullet") and not x.empty]
    if len(shown) < len(b.bullets):  # then even the headline's smallest size left no room
        head = _box(cover, "headline")
        u = cover.preset.short_side / 100
        assert head is not None and head.size == pytest.approx(6.0 * u, abs=0.05), cover.name


def test_the_seed_story_cover_shows_all_three_bullets():
    for preset in TALL:
        cover = next(c for c in _cards("corpus", "seed-putin-iran", preset) if c.kind == "cover")
        assert sum(1 for x in cover.boxes if x.name.startswith("bullet")) == 3, preset


@pytest.mark.parametrize("preset", ALL)
@pytest.mark.parametrize(("source", "name"), SOURCES)
def test_bullets_are_spaced_alike_and_apart(source, name, preset):
    cover = next(c for c in _cards(source, name, preset) if c.kind == "cover")
    items = [x for x in cover.boxes if x.name.startswith("bullet") and not x.empty]
    steps = [b.baselines[0] - a.baselines[-1] for a, b in itertools.pairwise(items)]
    if not steps:
        return
    assert max(steps) - min(steps) <= 0.5, (cover.name, steps)  # wrapped or not
    size = items[0].size
    inside = [b - a for x in items for a, b in itertools.pairwise(x.baselines)]
    pitch = min(inside) if inside else size * 1.3
    assert min(steps) >= pitch + 0.4 * size, (cover.name, steps, pitch)


LONG_HEADLINE = (
    "Putin and Iran quietly turn a twenty-year strategic treaty into working military "
    "cooperation, from drones and air defence to sanctions evasion, without the "
    "mutual-defence pledge Western officials feared"
)


def test_a_long_og_headline_keeps_its_size_on_up_to_six_lines() -> None:
    """The issue's case: 34 px (its range's floor) on three lines of 75 % of the card."""
    b = replace(briefing("seed-putin-iran"), headline=LONG_HEADLINE)
    spec = plan_cards(b, ["cover"])[0][0]
    card = renderer().render(b, spec, PRESETS["og"], make_theme("light"))
    head = _box(card, "headline")
    u = card.preset.short_side / 100
    sizes = text_sizes(card.preset)
    assert head is not None and not head.clamped
    assert 4 <= len(head.lines) <= 6
    assert head.size >= 8.0 * u  # 50 px, not 34
    widest = max(x1 - x0 for x0, _, x1, _ in head.line_boxes)
    assert widest >= 0.85 * sizes.measure


@pytest.mark.parametrize("preset", ["square", "portrait", "og"])
@pytest.mark.parametrize("name", ["seed-putin-iran", "ja-boj-rates", "fa-iran-russia"])
def test_a_carousel_deck_keeps_one_kicker_row_and_one_heading_size(name, preset):
    b = briefing(name)
    specs, _ = plan_cards(b, KINDS, available=renderer().kinds())
    deck = deck_cards(b, specs, PRESETS[preset], make_theme("light"), renderer())
    kickers = {round(_box(card, "kicker").bounds[1], 1) for card in deck}
    assert len(kickers) == 1, kickers
    headings = {_box(card, "heading").size for card in deck if card.kind == "section"}
    assert len(headings) == 1, headings
    # Alone, the seed's sections take sizes of their own (the check can fail).
    if name == "seed-putin-iran":
        alone = {_box(card, "heading").size for card in _cards("corpus", name, preset)
                 if card.kind == "section"}
        assert len(alone) > 1


@pytest.mark.parametrize("preset", [p for p in PRESETS if PRESETS[p].family == "landscape"])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_kicker_and_brand_read_at_a_feeds_width(name, preset):
    """Capitals of 9 px at least where a feed shows a link card (480–500 px wide)."""
    ts = Typesetter()
    cap = ts.text_box("H", x=0, y=0, width=500, height=200, size=(100, 100), weight="bold")
    cap_ratio = (cap.line_boxes[0][3] - cap.line_boxes[0][1]) / 100
    card = next(c for c in _cards("corpus", name, preset) if c.kind == "cover")
    scale = 500 / card.preset.width
    kicker = _box(card, "kicker")
    assert kicker is not None
    assert (kicker.line_boxes[0][3] - kicker.line_boxes[0][1]) * scale >= 9  # all capitals
    brand = _box(card, "footer.brand")
    if brand is not None:
        assert brand.size * cap_ratio * scale >= 9, (brand.size, cap_ratio)
