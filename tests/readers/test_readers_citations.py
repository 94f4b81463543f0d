"""The prose cleaner: citations lifted, clipped fragments dropped, pieces joined."""

from __future__ import annotations

from sharecard.readers.citations import clean_prose
from sharecard.text import join_spaced


def test_join_spaced_puts_no_space_between_cjk() -> None:
    assert join_spaced(["決めた。", "市場は", "", "Then."]) == "決めた。市場はThen."
    assert join_spaced(["One.", "Two."]) == "One. Two."


def test_clean_prose_reports_sources_in_reading_order_with_links() -> None:
    cleaned = clean_prose("First (b.com). Second (a.com). Third.", links=[(0, "z.com")])
    assert cleaned.text == "First. Second. Third."
    assert cleaned.sources == ("z.com", "b.com", "a.com")


def test_damaged_citation_sources_still_count() -> None:
    cleaned = clean_prose("Kept. Broken fragm(only.org)ent here.")
    assert cleaned.text == "Kept."
    assert cleaned.sources == ("only.org",)
    assert [(d.citation, d.chars) for d in cleaned.drops] == [("only.org", 22)]


def test_unterminated_text_ending_in_a_citation() -> None:
    # in prose every sentence ends; in a bullet it need not
    assert clean_prose("Kept. Russia and Iran (c.org)").text == "Kept."
    assert (
        clean_prose("Oil jumps 5% (reuters.com)", require_terminated=False).text == "Oil jumps 5%"
    )
