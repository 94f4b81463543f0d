"""Planning: no card with nothing to say. A section left empty by repair gets no card
(with a note); a quote card quotes someone the briefing names, or there is none."""

from __future__ import annotations

from sharecard.cards.plan import bottom_line, pick_quote, plan_cards
from sharecard.model import Briefing, Quotation, Section

SECTIONS = (
    Section("What changed?", "The treaty took effect. It has no defence clause.", ("a.org",)),
    Section("What was clipped?", "   ", ("b.org",)),
    Section("Why now?", "Both sides want a framework.", ("c.org", "d.org")),
    Section("Bottom line", "It is closer, not an alliance. Watch the drones.", ("e.org",)),
)


def test_an_empty_section_gets_no_card_and_a_note():
    b = Briefing("Headline", sections=SECTIONS)
    specs, notes = plan_cards(b, ["cover", "sections", "quote"])
    assert [(s.kind, s.section_index) for s in specs] == [
        ("cover", None), ("section", 0), ("section", 2), ("section", 3)]
    assert [s.index for s in specs] == [1, 2, 3, 4] and {s.total for s in specs} == {4}
    assert [n.code for n in notes] == ["empty-section", "no-quote"]
    assert notes[0].detail == "section-02" and "What was clipped?" in notes[0].message
    assert notes[1].message == "the briefing quotes no one it names, so there is no quote card"


QUOTED = Briefing("Headline", sections=SECTIONS, quotes=(
    Quotation("We are closer than ever before, but this is no alliance.", "Ana Ruiz",
              "Foreign Minister", 3),
    Quotation("Short.", "Someone Else"),
))


def test_the_quote_card_shows_a_quotation_and_its_speaker():
    quote = pick_quote(QUOTED)
    assert quote is not None
    assert (quote.speaker, quote.role, quote.section_index) == (
        "Ana Ruiz", "Foreign Minister", 3)
    assert quote.sentences == ("We are closer than ever before, but this is no alliance.",)
    specs, notes = plan_cards(QUOTED, ["cover", "sections", "quote"])
    assert [(s.kind, s.section_index) for s in specs] == [
        ("cover", None), ("section", 0), ("section", 2), ("quote", 3)]  # 3 not repeated
    assert [n.code for n in notes] == ["empty-section"]


def test_a_quote_card_is_never_a_briefings_own_words():
    """No quotation: no quote card, whatever text there is; the bottom line stands in as
    a section card when the sections are not drawn anyway."""
    b = Briefing("Headline", lede="The lede says it. Twice.", sections=SECTIONS)
    assert pick_quote(b) is None
    specs, notes = plan_cards(b, ["cover", "quote"])
    assert [(s.kind, s.section_index) for s in specs] == [("cover", None), ("section", 3)]
    (note,) = notes
    assert (note.code, note.detail) == ("no-quote", "quote")
    assert note.message.endswith("its bottom line (section 4) is a section card instead")
    bare = Briefing("Headline", lede="  ", sections=(Section("Bottom line", " "),))
    specs, notes = plan_cards(bare, ["cover", "quote", "sections"])
    assert [s.kind for s in specs] == ["cover"]
    assert {n.code for n in notes} == {"no-quote", "empty-section"}


def test_conclusions_are_found_in_other_languages():
    for heading in ("สรุป", "সারসংক্ষেপ", "결론", "总结", "Fazit", "En bref", "Conclusión"):
        sections = (Section("Earlier", "First words."), Section(heading, "Last words here."),
                    Section("Later", "Other words."))
        assert bottom_line(Briefing("H", sections=sections)) == 1, heading
