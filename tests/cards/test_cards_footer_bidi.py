"""The footer of a right-to-left card: Latin URLs, domains, dates and brands run left to
right on their own, so their punctuation stays at their end and the sources read in the
card's order (the first cited rightmost), each name whole.

Checked on the card's SVG, glyph by glyph: each Latin text's glyph outlines, set alone
left to right, must appear in that order, contiguous, in the footer box's outlines
sorted by x; and the sources' positions must follow the reading direction.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from cards.cardkit import DATA, briefing, renderer
from sharecard.cards.plan import plan_cards
from sharecard.cards.presets import PRESETS
from sharecard.cards.render import RenderedCard, text_direction
from sharecard.cards.themes import make_theme
from sharecard.model import Attribution, Briefing
from sharecard.readers import read_path
from sharecard.records import replace
from sharecard.typeset.bidi import LRI, PDI, RLI

URL = "https://www.example.com/wiki/Iran_(country)/today."
SHOWN_URL = "example.com/wiki/Iran_(country)/today."
BRAND = "The Daily."
DATE = "2025-03-14"
SOURCES = ("iranwatch.org", "en.irna.ir", "carnegieendowment.org")


def _card(b: Briefing, preset: str = "og") -> RenderedCard:
    b = replace(b, url=URL, date=DATE, attribution=Attribution(BRAND), sources=SOURCES)
    spec = plan_cards(b, ["cover"], available=renderer().kinds())[0][0]
    return renderer().render(b, spec, PRESETS[preset], make_theme("light"))


def _rtl_briefings() -> dict[str, Briefing]:
    return {"fa": briefing("fa-iran-russia"),
            "ar": read_path(DATA / "scripts" / "ar-talks.md"),
            "he": read_path(DATA / "scripts" / "he-ceasefire.md")}


SVG = "{http://www.w3.org/2000/svg}"
MATRIX = re.compile(r"matrix\(\S+ 0 0 \S+ ([-\d.]+) ([-\d.]+)\)")


def _outlines(group: ElementTree.Element) -> list[str]:
    """A text box's glyph outlines (path data) in visual order: by line, then by x."""
    placed = []
    for path in group.iter(f"{SVG}path"):
        found = MATRIX.fullmatch(path.get("transform", ""))
        assert found, path.get("transform")
        placed.append((round(float(found.group(2))), float(found.group(1)), path.get("d")))
    return [d for _, _, d in sorted(placed)]


def _gids(text: str, weight: str = "regular") -> list[str]:
    """The outlines of `text` set alone, left to right, in visual order."""
    box = renderer().typesetter.text_box(text, x=0, y=0, width=4000, height=200, size=20,
                                         max_lines=1, weight=weight, direction="ltr")
    return _outlines(ElementTree.fromstring(f'<g xmlns="{SVG[1:-1]}">{box.svg}</g>'))


def _where(needle: list[str], line: list[str]) -> int:
    """Index of `needle` as a contiguous run in `line`; -1 when it is not there."""
    for i in range(len(line) - len(needle) + 1):
        if line[i:i + len(needle)] == needle:
            return i
    return -1


def _visual(card: RenderedCard, name: str) -> list[str]:
    """The outlines the card's SVG draws for its box `name`, in visual order."""
    text = next(b.text for b in card.boxes if b.name == name)
    root = ElementTree.fromstring(card.svg)
    (group,) = [g for g in root.iter(f"{SVG}g") if g.get("aria-label") == text]
    return _outlines(group)


@pytest.mark.parametrize("language", ["fa", "ar", "he"])
def test_latin_parts_of_an_rtl_footer_run_left_to_right_whole(language):
    source = _rtl_briefings()[language]
    assert text_direction(source) == "rtl"
    card = _card(source)
    meta = _visual(card, "footer.meta")
    brand = _visual(card, "footer.brand")
    sources = _visual(card, "footer.sources")
    # Each Latin text appears whole, left to right, its full stop or bracket at its end.
    assert _where(_gids(SHOWN_URL), meta) >= 0, "the URL's punctuation moved"
    assert _where(_gids(DATE), meta) >= 0
    assert _where(_gids(BRAND, "bold"), brand) >= 0, "the brand's full stop moved"
    places = [_where(_gids(name), sources) for name in SOURCES]
    assert min(places) >= 0, places
    # Right to left: the first source cited is rightmost, the URL right of the date.
    assert places[0] > places[1] > places[2], places
    assert _where(_gids(SHOWN_URL), meta) > _where(_gids(DATE), meta)


def test_rtl_footer_texts_carry_isolates_and_ltr_footers_none():
    fa = _card(briefing("fa-iran-russia"))
    texts = {b.name: b.text for b in fa.boxes if b.role == "footer"}
    assert f"{LRI}{SHOWN_URL}{PDI}" in texts["footer.meta"]
    assert f"{LRI}{BRAND}{PDI}" in texts["footer.brand"]
    assert f"{LRI}iranwatch.org{PDI}" in texts["footer.sources"]
    assert text_direction(briefing("seed-putin-iran")) == "ltr"
    seed = _card(briefing("seed-putin-iran"))
    for box in seed.boxes:
        if box.role == "footer":
            assert not {LRI, RLI, PDI} & set(box.text), box.name
