"""What a news designer signs off, on every corpus file and on our own Thai, Bengali,
Chinese, Korean and Arabic briefings, at og, square, portrait and story, for the cover,
every section and the quote: no title cut while there is room, no section card without
its text, every bullet either shown or named in a warning, no empty band over a quarter
of the card (but around a lone kicker and title), one body size per deck no smaller
than a feed thumbnail needs, and the same bullets on every landscape preset. Asserted
from the recorded layout."""

from __future__ import annotations

import pytest

from cards.cardkit import (
    CORPUS_NAMES,
    OWN_NAMES,
    briefing,
    cards_for,
    own_briefing,
    own_cards,
    renderer,
)
from sharecard.cards.plan import plan_cards
from sharecard.cards.presets import PRESETS
from sharecard.cards.themes import make_theme
from sharecard.cards.typescale import text_sizes
from sharecard.records import replace
from support.geometry import assert_inside, assert_no_overlap

PRESET_NAMES = ("og", "square", "portrait", "story")
LANDSCAPE = tuple(p for p in PRESETS if PRESETS[p].family == "landscape")
DECKS = [("corpus", n) for n in CORPUS_NAMES] + [("own", n) for n in OWN_NAMES]
MAX_BAND = 0.25  # of the card's height
# 28 words: the headline the issue saw shrunk *and* clamped on every preset.
LONG_HEADLINE = (
    "Putin and Iran quietly turn a twenty-year strategic treaty into working military "
    "cooperation, from drones and air defence to sanctions evasion, without the "
    "mutual-defence pledge Western officials feared"
)


def _deck(source: str, name: str, preset: str):
    return cards_for(name, preset) if source == "corpus" else own_cards(name, preset)


def _briefing(source: str, name: str):
    return briefing(name) if source == "corpus" else own_briefing(name)


def _title(card):
    return next(b for b in card.boxes if b.role == "title" and not b.empty)


def bands(card) -> list[float]:
    """Empty vertical bands inside the card's frame, between the ink of its text."""
    frame = card.preset.frame
    spans = sorted((b.bounds[1], b.bounds[3]) for b in card.boxes if not b.empty)
    out, reached = [], frame.top
    for top, bottom in spans:
        if top > reached:
            out.append(top - reached)
        reached = max(reached, bottom)
    out.append(max(0.0, card.preset.height - frame.bottom - reached))
    return out


@pytest.mark.parametrize("preset", PRESET_NAMES)
@pytest.mark.parametrize(("source", "name"), DECKS)
def test_a_deck_a_designer_signs_off(source, name, preset):
    b = _briefing(source, name)
    cards = _deck(source, name, preset)
    sizes = text_sizes(PRESETS[preset])
    body_sizes = set()
    for card in cards:
        codes = {w.code for w in card.warnings}
        assert not codes & {"no-body", "missing-glyphs", "no-room", "overlap",
                            "outside-safe-area", "footer-collision"}, card.warnings
        # The title (headline, heading, pull quote) is never cut.
        title = _title(card)
        assert not title.clamped, f"{card.name}: {title.name} clamped"
        assert not [w for w in card.warnings if w.code == "clamped"], card.warnings
        # No band of empty card over a quarter of its height — but a card that shows
        # only its kicker and title (nothing else to show, nothing left out) keeps the
        # kicker on the title and the pair in the middle, however much room is left.
        worst = max(bands(card))
        content = [x for x in card.boxes if not x.empty and x.role not in ("label", "footer")]
        lone_title = len(content) == 1 and content[0].role == "title" and not [
            w for w in card.warnings if w.code == "left-out"]
        assert lone_title or worst <= MAX_BAND * card.preset.height, (
            f"{card.name}: an empty band of {worst / card.preset.height:.0%}")
        drawn = [x for x in card.boxes if not x.empty]
        assert_no_overlap([x.bounds for x in drawn], names=[x.name for x in drawn])
        safe = card.preset.safe
        for x in drawn:
            assert_inside(x.bounds, (safe.left, safe.top, card.preset.width - safe.right,
                                     card.preset.height - safe.bottom), what=x.name)
        body = [x for x in drawn if x.role == "text" and x.name != "attribution"]
        body_sizes |= {x.size for x in body}
        if card.kind == "section":
            assert any(x.name == "body" for x in body), f"{card.name} has no body"
        if card.kind == "cover":
            shown = [x.text for x in drawn if x.name.startswith("bullet")]
            assert shown == list(b.bullets[: len(shown)]), "bullets kept are a prefix"
            warned = [w for w in card.warnings
                      if w.code == "left-out" and w.detail.startswith(f"{card.name}: bullet")]
            assert len(shown) + len(warned) == len(b.bullets), card.warnings
            for n, w in enumerate(warned, start=len(shown) + 1):
                assert w.detail == f"{card.name}: bullet{n}"
                assert w.message.startswith(f"bullet {n} of {len(b.bullets)} left out")
    # One body size for the whole deck, never under the feed-thumbnail minimum.
    assert body_sizes <= {sizes.body}, body_sizes
    assert sizes.body >= PRESETS[preset].min_body


@pytest.mark.parametrize(("source", "name"), DECKS)
def test_landscape_presets_keep_the_same_bullets_and_sentences(source, name):
    shown = {}
    for preset in LANDSCAPE:
        cards = _deck(source, name, preset) if preset in PRESET_NAMES else _render(
            source, name, preset)
        shown[preset] = [tuple(x.text for x in c.boxes if x.role == "text" and not x.empty)
                         for c in cards]
    assert len({tuple(v) for v in shown.values()}) == 1, shown


def _render(source, name, preset):
    b = _briefing(source, name)
    from cards.cardkit import own_renderer

    r = renderer() if source == "corpus" else own_renderer()
    specs, _ = plan_cards(b, ("cover", "sections", "quote"), available=r.kinds())
    return [r.render(b, s, PRESETS[preset], make_theme("light")) for s in specs]


@pytest.mark.parametrize("preset", list(PRESETS))
def test_a_28_word_headline_is_set_whole_on_every_preset(preset):
    assert len(LONG_HEADLINE.split()) == 28
    b = replace(briefing("seed-putin-iran"), headline=LONG_HEADLINE)
    spec = plan_cards(b, ["cover"])[0][0]
    card = renderer().render(b, spec, PRESETS[preset], make_theme("light"))
    head = next(x for x in card.boxes if x.name == "headline")
    # A line may end after a hyphen ("twenty-/year"): no space is lost there.
    joined = "".join(line if line.endswith("-") else line + " " for line in head.lines)
    assert not head.clamped and joined.strip() == LONG_HEADLINE
    assert head.size >= 0.05 * card.preset.short_side  # not shrunk to a caption
    left = [w for w in card.warnings if w.code == "left-out"]
    shown = sum(1 for x in card.boxes if x.name.startswith("bullet"))
    assert shown + len(left) == len(b.bullets)
    assert max(bands(card)) <= MAX_BAND * card.preset.height
