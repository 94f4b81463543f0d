"""Phrase-aware breaking for Japanese, Chinese, Thai (BudouX) and Korean (keep-all)."""

from __future__ import annotations

import budoux
import pytest

from sharecard.typeset.linebreak import paragraph_breaks
from sharecard.typeset.phrases import KEEP_ALL, phrase_model


def _pieces(text: str, language: str | None) -> list[str]:
    allowed = paragraph_breaks(text, language).allowed
    return [text[a:b] for a, b in zip((0, *allowed), allowed, strict=False)]


@pytest.mark.parametrize(
    ("language", "text", "model"),
    [
        ("ja", "日銀", "ja"),
        ("zh", "中国", "zh-hans"),
        ("zh-Hant", "中國", "zh-hant"),
        ("zh-TW", "中國", "zh-hant"),
        ("th", "ไทย", "th"),
        ("ko", "한국", KEEP_ALL),
        (None, "円相場は", "ja"),
        (None, "한국은행", KEEP_ALL),
        (None, "中国央行", "zh-hans"),
        ("en", "Putin", None),
        ("en", "says Ueda (植田)", "zh-hans"),
    ],
)
def test_phrase_model(language, text, model) -> None:
    assert phrase_model(language, text) == model


def test_japanese_breaks_at_budoux_phrases_only() -> None:
    text = "日銀、追加利上げを見送り　円相場は小幅に反発"
    assert _pieces(text, "ja") == [
        "日銀、", "追加利上げを", "見送り\u3000", "円相場は", "小幅に", "反発"
    ]


def test_every_allowed_break_is_a_phrase_end_or_follows_a_space() -> None:
    parser = budoux.load_default_simplified_chinese_parser()
    text = "中国央行宣布下调存款准备金率0.5个百分点，释放长期资金约1万亿元。"
    ends, pos = set(), 0
    for chunk in parser.parse(text):
        pos += len(chunk)
        ends.add(pos)
    for b in paragraph_breaks(text, "zh").allowed:
        assert b in ends or text[b - 1].isspace(), (b, text[:b])


def test_thai_breaks_between_phrases_that_are_also_words() -> None:
    """BudouX's Thai phrases, but only where ICU's dictionary also sees a word end:
    มาตรการ ("measure") stays whole though the model splits it."""
    text = "รัฐบาลไทยประกาศมาตรการใหม่เพื่อกระตุ้นเศรษฐกิจ"
    pieces = _pieces(text, "th")
    assert "".join(pieces) == text
    assert not any(p.endswith("มาตร") for p in pieces)
    assert len(pieces) >= 4


def test_korean_keeps_words_whole() -> None:
    text = "한국은행이 기준금리를 동결했다"
    assert _pieces(text, "ko") == ["한국은행이 ", "기준금리를 ", "동결했다"]


def test_latin_words_in_a_japanese_line_break_as_usual() -> None:
    text = "生成AIの規制 mutual defense pact"
    pieces = _pieces(text, "ja")
    assert pieces[-3:] == ["mutual ", "defense ", "pact"]


@pytest.mark.parametrize("width", range(200, 900, 50))
def test_a_japanese_line_ends_at_a_phrase_when_one_fits(ts, width: int) -> None:
    parser = budoux.load_default_japanese_parser()
    text = "植田総裁は、中小企業の賃上げがどこまで広がるかを確認したいと述べた。"
    chunks = parser.parse(text)
    ends, pos = set(), 0
    for chunk in chunks:
        pos += len(chunk)
        ends.add(pos)
    box = ts.text_box(text, x=0, y=0, width=width, height=2000, size=(40, 40), max_lines=40,
                      language="ja")
    assert "".join(box.lines) == text
    at = 0
    for line in box.lines[:-1]:
        at += len(line)
        widest = max(ts.measure(c, size=40, language="ja") for c in chunks)
        if widest <= width:
            assert at in ends, (width, box.lines)
