"""Where an inline heading ends and its body begins."""

from __future__ import annotations

import pytest

from sharecard.readers.headings import split_heading


@pytest.mark.parametrize(
    ("chunk", "heading", "body"),
    [
        # questions end at their question mark, in any script
        ("What actually changed? The big change…", "What actually changed?", "The big change…"),
        ("Why does the U.S. care? Because it does.", "Why does the U.S. care?", "Because it does."),
        ("Is it “real?” Not quite.", "Is it “real?”", "Not quite."),
        ("چه چیزی تغییر کرد؟ پیمان جامع اجرایی شد.", "چه چیزی تغییر کرد؟", "پیمان جامع اجرایی شد."),
        ("なぜ据え置いたのか？ 植田総裁は述べた。", "なぜ据え置いたのか？", "植田総裁は述べた。"),
        # no question: the body starts at a capitalised word after a lowercase one
        ("Bottom line The headline is not that.", "Bottom line", "The headline is not that."),
        (
            "The numbers Utilities in several U.S. states",
            "The numbers",
            "Utilities in several U.S. states",
        ),
        (
            "What regulators want Grid operators argue.",
            "What regulators want",
            "Grid operators argue.",
        ),
        (
            "What to watch The next year of decisions.",
            "What to watch",
            "The next year of decisions.",
        ),
        # proper nouns inside the heading do not end it
        ("What Putin wants The Kremlin needs cash.", "What Putin wants", "The Kremlin needs cash."),
        ("Talks with Iran stall The envoy left.", "Talks with Iran stall", "The envoy left."),
        # nor do acronyms after a function word
        ("Why the EU matters Brussels sets rules.", "Why the EU matters", "Brussels sets rules."),
        ("What the U.S. wants Iran to stop.", "What the U.S. wants", "Iran to stop."),
        # a sentence opener wins over an earlier capitalised word
        ("How markets saw Powell The Fed held.", "How markets saw Powell", "The Fed held."),
        # uncased scripts: the first word
        ("今後の焦点 次回会合までに判断する。", "今後の焦点", "次回会合までに判断する。"),
        ("جمع‌بندی این چارچوب پایدار است.", "جمع‌بندی", "این چارچوب پایدار است."),
        # title case gives no hint: the opener after the first word is not taken
        ("Why This Matters", "Why This Matters", ""),
        # a heading alone
        ("Bottom line", "Bottom line", ""),
        ("", "", ""),
    ],
)
def test_split_heading(chunk: str, heading: str, body: str) -> None:
    assert split_heading(chunk) == (heading, body)


def test_a_question_far_into_the_text_is_not_the_heading() -> None:
    chunk = "Bottom line The story is long. " + "More words here. " * 10 + "Really?"
    assert split_heading(chunk)[0] == "Bottom line"
