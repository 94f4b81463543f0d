"""Keep-together runs: a number stays with what it counts, a date stays whole."""

from __future__ import annotations

import pytest

from sharecard.typeset.keep import keep_spans
from sharecard.typeset.linebreak import paragraph_breaks


def _runs(text: str) -> list[str]:
    return [text[a:b] for a, b in keep_spans(text)]


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        (
            "It took effect on October 2, 2025, after it was signed on January 17, 2025.",
            ["October 2, 2025", "January 17, 2025"],
        ),
        ("Signed 2 October 2025, in force Oct. 5 and again in May 2025.",
         ["2 October 2025", "Oct. 5", "May 2025"]),
        (
            "About 2.2 million barrels, $3.5 billion, US$ 40bn, 5 percent, 7 per cent, 12%, "
            "3 GW at 10 a.m. under a 20-year pact",
            ["2.2 million barrels", "$3.5 billion", "US$ 40bn", "5 percent", "7 per cent",
             "12%", "3 GW", "10 a.m.", "20-year"],
        ),
        ("پیمان از مهر ۱۴۰۴ اجرایی شد؛ ۲٫۲ میلیون نفر و ۵ درصد",
         ["مهر ۱۴۰۴", "۲٫۲ میلیون", "۵ درصد"]),
        ("بلغ عدد اللاجئين 2.2 مليون شخص، أي 5 في المئة", ["2.2 مليون", "5 في المئة"]),
        ("资金约1万亿元。2025年10月2日，增长5.2%", ["约1万亿元", "2025年10月2日", "5.2%"]),
        ("2025年10月2日に3億円を", ["2025年10月2日", "3億円"]),
        ("2025년 10월 2일 3억 달러를 5% 늘렸다", ["2025년 10월 2일", "3억 달러", "5%"]),
        ("การลงทุน 2.2 ล้านบาท เมื่อ 2 ตุลาคม 2568 ร้อยละ 5",
         ["2.2 ล้านบาท", "2 ตุลาคม 2568", "ร้อยละ 5"]),
        ("२ अक्टूबर २०२५ को 2.2 करोड़ रुपये", ["२ अक्टूबर २०२५", "2.2 करोड़ रुपये"]),
        ("২ অক্টোবর ২০২৫ তারিখে ৫০০ কোটি টাকা, ৫ শতাংশ",
         ["২ অক্টোবর ২০২৫", "৫০০ কোটি টাকা", "৫ শতাংশ"]),
    ],
)
def test_numbers_units_and_dates_in_every_script(text: str, runs: list[str]) -> None:
    assert _runs(text) == runs


@pytest.mark.parametrize(
    "text",
    [
        "dismay 5 more",  # "may 5" inside a word is no date
        "V2 rockets, 3 of 4 in the 2020s",  # a bare number counts nothing here
        "the 5 most important",
    ],
)
def test_plain_numbers_and_words_are_not_held(text: str) -> None:
    assert _runs(text) == []


def test_kept_runs_break_only_as_a_last_resort() -> None:
    text = "The pact took effect on October 2, 2025, after 2.2 million people"
    breaks = paragraph_breaks(text, "en")
    for run in ("October 2, 2025", "2.2 million"):
        a = text.index(run)
        b = a + len(run)
        assert not any(a < p < b for p in breaks.allowed), run
        assert any(a < p < b for p in breaks.soft), run


def test_no_line_starts_with_a_dash_or_closing_punctuation() -> None:
    text = "steadier — and more important – than it looks (really) ”quoted” here"
    breaks = paragraph_breaks(text, "en")
    for pos in breaks.allowed[:-1]:
        assert text[pos] not in "—–)”", (pos, text[pos:])
    # The break after the dash is there instead: "steadier —" / "and more…".
    assert text.index("and") in breaks.allowed
    assert text.index("—") in breaks.soft


def test_a_kept_run_wider_than_the_line_is_still_set(ts) -> None:
    """Last resort: a date wider than the box breaks inside, never overflows."""
    text = "On 17 September 2025"
    box = ts.text_box(text, x=0, y=0, width=150, height=400, size=(24, 24), max_lines=6)
    assert " ".join(box.lines) == text
    assert all(b[2] <= 150.05 for b in box.line_boxes)
    wide = ts.text_box(text, x=0, y=0, width=900, height=400, size=(24, 24), max_lines=6)
    assert wide.lines == (text,)


@pytest.mark.parametrize("width", range(250, 700, 15))
def test_a_date_is_never_parted_when_it_fits(ts, width: int) -> None:
    text = "That pact took effect on October 2, 2025, after Putin and Masoud Pezeshkian"
    box = ts.text_box(text, x=0, y=0, width=width, height=900, size=(24, 24), max_lines=20)
    assert any("October 2, 2025" in line for line in box.lines), box.lines
