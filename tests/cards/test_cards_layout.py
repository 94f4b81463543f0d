"""Every corpus file, every preset, every card kind: the layout holds.

Asserted from the recorded text-box geometry (not from the renderer's own verdict):
every box's ink inside the safe margin, no two boxes overlapping, all content above
the footer, the footer present, text colours meeting WCAG AA, RTL mirrored.
"""

from __future__ import annotations

import pytest

from cards.cardkit import CORPUS_NAMES, briefing, cards_for, cover, quote_cards, renderer
from sharecard.cards.plan import plan_cards
from sharecard.cards.presets import PRESETS
from sharecard.cards.render import text_direction
from sharecard.cards.themes import AA_LARGE, AA_NORMAL, contrast_ratio, make_theme
from sharecard.model import Briefing
from sharecard.records import replace
from support.geometry import assert_inside, assert_no_overlap

LAYOUT_CODES = {"outside-safe-area", "overlap", "footer-collision", "low-contrast", "no-footer"}
# The corpus is ordinary news: nothing on its cards should need an ellipsis, lack a glyph
# or lack room (long text may shrink within its range; that is design, not damage).
DAMAGE_CODES = {"clamped", "missing-glyphs", "no-room"}


def _plain(text: str) -> str:
    """Footer text without the no-break space and word joiner that keep names whole."""
    return text.replace("\u00a0", " ").replace("\u2060", "")


def _safe_rect(preset):
    s = preset.safe
    return (s.left, s.top, preset.width - s.right, preset.height - s.bottom)


@pytest.mark.parametrize("preset", list(PRESETS))
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_layout_geometry(name, preset):
    cards = cards_for(name, preset)
    assert cards[0].kind == "cover"
    for card in cards:
        drawn = [b for b in card.boxes if not b.empty]
        assert drawn, f"{card.name} drew no text"
        for box in drawn:
            assert_inside(box.bounds, _safe_rect(card.preset), what=f"{card.name}:{box.name}")
        assert_no_overlap([b.bounds for b in drawn], names=[b.name for b in drawn])
        assert card.footer_top is not None, f"{card.name} has no footer"
        content = [b for b in drawn if b.role != "footer"]
        footer = [b for b in drawn if b.role == "footer"]
        for box in content:
            assert box.bounds[3] <= card.footer_top + 0.5, f"{card.name}:{box.name} in footer"
        for box in footer:
            assert box.bounds[1] >= card.footer_top, f"{card.name}:{box.name} above its rule"
        assert not {w.code for w in card.warnings} & (LAYOUT_CODES | DAMAGE_CODES), card.warnings
        # Text is glyph outlines: no renderer ever needs a font to draw the card.
        assert "<text" not in card.svg and "font-family" not in card.svg


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_box_meets_wcag_aa(theme):
    for name in CORPUS_NAMES:
        for card in cards_for(name, "og", theme):
            for box in card.boxes:
                large = box.size >= 24 or (box.weight == "bold" and box.size >= 18.66)
                need = AA_LARGE if large else AA_NORMAL
                assert contrast_ratio(box.color, box.background) >= need, (card.name, box.name)


def test_carousel_plan_for_the_seed():
    """The seed quotes no one: no quote card; its "Bottom line" is the last section card."""
    cards = cards_for("seed-putin-iran", "og")
    kinds = [c.kind for c in cards]
    assert kinds == ["cover"] + ["section"] * 8
    assert [c.index for c in cards] == list(range(1, 10))
    assert cards[-1].title == "Bottom line"


def test_carousel_plan_with_a_quotation():
    """The quote card quotes; the section the words are in is not repeated."""
    cards = quote_cards("en-rates.txt", "og")
    assert [c.kind for c in cards] == ["cover", "section", "section", "section", "quote"]
    quote = cards[-1]
    assert quote.title.startswith("We will not cut until we are confident")
    assert "Why did the bank wait?" not in [c.title for c in cards if c.kind == "section"]


def test_cover_shows_headline_kicker_and_bullets():
    card = cover("seed-putin-iran", "og")
    boxes = {b.name: b for b in card.boxes}
    assert boxes["kicker"].lines == ("BRIEFING",)
    assert " ".join(boxes["headline"].lines) == briefing("seed-putin-iran").headline
    assert boxes["bullet1"].text == briefing("seed-putin-iran").bullets[0]
    footer = _plain(" ".join(line for b in card.boxes if b.role == "footer" for line in b.lines))
    assert "Shared from Scout" in footer
    assert "Sources: iranwatch.org · en.irna.ir" in footer


def test_section_card_shows_complete_sentences_and_counter():
    for card in cards_for("seed-putin-iran", "square"):
        if card.kind != "section":
            continue
        boxes = {b.name: b for b in card.boxes}
        body = boxes["body"]
        assert not body.clamped, f"{card.name}: body cut mid-sentence"
        assert body.text.rstrip().endswith((".", "?", "!", "”", "’")), body.text
        assert boxes["counter"].lines == (f"{card.index}/{card.total}",)


def test_footer_sources_wrap_then_count_the_rest_with_a_warning():
    seed = briefing("seed-putin-iran")
    for preset in ("og", "story"):  # six sources: all named, on one line or two
        card = cover("seed-putin-iran", preset)
        sources = next(b for b in card.boxes if b.name == "footer.sources")
        assert not sources.clamped and 1 <= len(sources.lines) <= 2
        assert _plain(" ".join(sources.lines)) == "Sources: " + " · ".join(seed.sources)
        assert not any(line.startswith("·") for line in sources.lines)
    many = replace(seed, sources=tuple(f"source-number-{n}.example.org" for n in range(20)))
    card = renderer().render(many, plan_cards(many, ["cover"])[0][0], PRESETS["square"],
                             make_theme("light"))
    sources = next(b for b in card.boxes if b.name == "footer.sources")
    assert len(sources.lines) == 2 and not sources.clamped
    shown = " ".join(sources.lines)
    rest = int(shown.rsplit("+", 1)[1])
    assert shown.count(".example.org") == 20 - rest
    assert all(line.count("source-") == line.count("example.org") for line in sources.lines)
    (note,) = [w for w in card.warnings if w.detail == "square-cover: footer.sources"]
    assert note.code == "left-out" and f"source-number-{19}.example.org" in note.message


def test_rtl_card_mirrors_the_composition():
    card = cover("fa-iran-russia", "og")
    boxes = {b.name: b for b in card.boxes}
    right = card.preset.width - card.preset.frame.right
    left = card.preset.frame.left
    for name in ("kicker", "headline", "bullet1", "footer.sources"):
        box = boxes[name]
        x0, _, x1, _ = box.bounds
        indent = 1.05 * box.size if name.startswith("bullet") else 0.0  # the hanging marker
        bearing = 0.08 * box.size  # a glyph's ink starts a side bearing inside
        assert right - indent - x1 < bearing, f"{name} is not right-aligned on an RTL card"
        assert x0 - left > 20, f"{name} should not reach the left edge"
    # The section counter moves to the left edge.
    section = next(c for c in cards_for("fa-iran-russia", "og") if c.kind == "section")
    counter = next(b for b in section.boxes if b.name == "counter")
    assert counter.bounds[0] - left < 0.08 * counter.size


@pytest.mark.parametrize(
    ("language", "direction"),
    [("fa-IR", "rtl"), ("fa_IR", "rtl"), ("iw", "rtl"), ("ku-Arab", "rtl"), ("en", "ltr"),
     ("ja", "ltr"), (None, "rtl")],
)
def test_card_direction_is_the_typesetters(language, direction):
    """The card mirrors exactly when the typesetter sets its text right-to-left."""
    headline = "מלחמה ושלום"  # Hebrew: decides only when there is no language tag
    assert text_direction(Briefing(headline, language=language)) == direction


def test_briefing_text_is_escaped_in_the_svg():
    card = cover("grid-bottleneck", "og")
    assert "<accelerators>" not in card.svg
    assert "&lt;accelerators&gt;" in card.svg


def test_clipped_fragments_never_reach_a_card():
    import json

    from cards.cardkit import CORPUS

    for name in CORPUS_NAMES:
        expected = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
        text = " ".join(
            line for card in cards_for(name, "story") for b in card.boxes for line in b.lines
        )
        for fragment in expected["clipped_fragments"]:
            assert fragment not in text, (name, fragment)


def test_headline_only_briefing_gets_a_cover_and_notes():
    from cards.cardkit import renderer
    from sharecard.cards.plan import plan_cards

    specs, notes = plan_cards(briefing("headline-only"), ["cover", "sections", "quote"],
                              available=renderer().kinds())
    assert [s.kind for s in specs] == ["cover"]
    assert {n.code for n in notes} == {"no-sections", "no-quote"}
