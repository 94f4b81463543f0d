"""Planning: no card with nothing to say. A section left empty by repair gets no card
(with a note), the pull quote always quotes and credits the domain its section cites."""

from __future__ import annotations

from sharecard.cards.plan import pick_quote, plan_cards
from sharecard.model import Briefing, Section

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
        ("cover", None), ("section", 0), ("section", 2), ("quote", 3)]
    assert [s.index for s in specs] == [1, 2, 3, 4] and {s.total for s in specs} == {4}
    (note,) = notes
    assert note.code == "empty-section" and note.detail == "section-02"
    assert "What was clipped?" in note.message


def test_the_quote_comes_from_a_section_with_text_and_credits_its_first_source():
    quote = pick_quote(Briefing("Headline", sections=SECTIONS))
    assert quote is not None
    assert quote.heading == "Bottom line" and quote.source == "e.org"
    assert quote.sentences == ("It is closer, not an alliance.", "Watch the drones.")
    # No conclusion heading: the last section with text, never the empty one.
    empty_last = (SECTIONS[0], Section("Bottom line", ""))
    quote = pick_quote(Briefing("Headline", sections=empty_last))
    assert quote is not None and quote.heading == "What changed?" and quote.source == "a.org"


def test_a_quote_never_stands_without_words():
    b = Briefing("Headline", lede="  ", sections=(Section("Bottom line", " "),))
    assert pick_quote(b) is None
    specs, notes = plan_cards(b, ["cover", "quote", "sections"])
    assert [s.kind for s in specs] == ["cover"]
    assert {n.code for n in notes} == {"no-quote", "empty-section"}
    lede = pick_quote(Briefing("Headline", lede="The lede says it. Twice."))
    assert lede is not None and lede.sentences[0] == "The lede says it." and lede.source == ""


def test_conclusions_are_found_in_other_languages():
    for heading in ("สรุป", "সারসংক্ষেপ", "결론", "总结", "Fazit", "En bref", "Conclusión"):
        sections = (Section(heading, "Last words here."), Section("Later", "Other words."))
        quote = pick_quote(Briefing("H", sections=sections))
        assert quote is not None and quote.heading == heading, heading
