"""Line breaking: ICU agrees with the Unicode LineBreakTest data; our tailorings on top."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sharecard.typeset.linebreak import grapheme_boundaries, line_breaks, paragraph_breaks

DATA = Path(__file__).resolve().parent.parent / "data" / "unicode" / "LineBreakTest-16.0.0.json"


def _cases() -> list[tuple[str, list[int], str]]:
    out = []
    for case in json.loads(DATA.read_text(encoding="utf-8"))["LineBreakTest"]:
        text, expected = "", []
        for tok in case.split():
            if tok == "÷":
                if text:
                    expected.append(len(text))
            elif tok != "×":
                text += chr(int(tok, 16))
        out.append((text, expected, case))
    return out


def test_every_unicode_16_line_break_case():
    """All 16,672 cases, no exceptions: ICU 77 implements UAX #14 of Unicode 16 untailored
    at the root locale, and line_breaks converts UTF-16 offsets back to code points."""
    cases = _cases()
    assert len(cases) > 16000
    failures = []
    for text, expected, case in cases:
        got = line_breaks(text)[0]
        if got != expected:
            failures.append((case, got, expected))
    assert not failures, f"{len(failures)} disagreements, first: {failures[:3]}"


def test_astral_offsets_are_code_points():
    text = "a 😀 𠀀𠀁 b"
    opps, _ = line_breaks(text)
    assert opps == [2, 4, 5, 7, 8]
    assert grapheme_boundaries("👨‍👩‍👧x") == [5, 6]


def test_mandatory_breaks_are_reported():
    opps, hard = line_breaks("one\ntwo")
    assert hard == [4] and opps == [4, 7]


def test_kinsoku_no_line_starts_with_closing_punctuation():
    text = "日本語、テスト。「引用」です"
    breaks = paragraph_breaks(text, "ja")
    for pos in (*breaks.allowed[:-1], *breaks.soft):
        assert text[pos] not in "、。」", f"a line could start with {text[pos]!r}"
    assert 1 in breaks.soft  # between two ideographs of one phrase: only as a last resort


def test_urls_break_only_as_a_last_resort():
    text = "see https://example.com/a/b?c=d, or news.example.org/x/y today"
    br = paragraph_breaks(text, "en")
    url1 = (text.index("https"), text.index(","))
    url2 = (text.index("news"), text.index(" today"))
    for a, b in (url1, url2):
        assert not any(a < p < b for p in br.allowed)
        assert any(a < p < b for p in br.soft)
    assert text.index("or") in br.allowed


@pytest.mark.parametrize("width", [60, 90, 140])
def test_long_word_is_broken_at_graphemes_and_never_overflows(ts, width):
    word = "Donaudampfschifffahrtsgesellschaftskapitän"
    box = ts.text_box(word, x=0, y=0, width=width, height=400, size=(16, 16), max_lines=20)
    assert "".join(box.lines) == word
    assert len(box.lines) > 1
    assert all(b[2] <= width + 0.05 and b[0] >= -0.05 for b in box.line_boxes)


def test_a_url_that_fits_on_a_line_moves_down_whole(ts):
    url = "https://example.com/news/2025/iran-russia"
    text = f"Read the whole story at {url} today"
    for width in range(420, 900, 40):
        box = ts.text_box(text, x=0, y=0, width=width, height=300, size=(20, 20), max_lines=6)
        if ts.measure(url, size=20) <= width:
            assert any(url in line for line in box.lines), (width, box.lines)
