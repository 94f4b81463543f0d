"""Breaks a reader does not stumble on (docs/line-breaking.md): clause first, clause ends,
postpositions tied, short quotations whole, compounds and names whole.

Each rule is checked on every card (cover, sections, quote) at every preset of the
briefings written for it (tests/data/editorial) and the corpus and own briefings that
hold the case, and on small texts where the rule alone decides.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import regex

from sharecard.cards.config import Settings
from sharecard.cards.presets import PRESETS
from sharecard.cards.render import RenderedCard
from sharecard.pipeline import render_cards
from sharecard.readers import read_path
from sharecard.typeset import Typesetter
from sharecard.typeset.clauses import CLAUSE, LATE, STRONG, break_weights
from sharecard.typeset.compounds import COMPOUNDS, compound_spans
from sharecard.typeset.linebreak import paragraph_breaks
from sharecard.typeset.ties import POSTPOSITIONS, quoted_spans, tied_breaks
from support.fonts import require_script_faces

DATA = Path(__file__).resolve().parents[1] / "data"
EDITORIAL = DATA / "editorial"
ALL_PRESETS = tuple(PRESETS)


@functools.cache
def _cards(path: Path) -> tuple[RenderedCard, ...]:
    require_script_faces()
    settings = Settings(presets=ALL_PRESETS, cards=("cover", "sections", "quote"))
    cards, _ = render_cards(read_path(path), settings)
    return tuple(cards)


def _lines(path: Path, role: str | None = None):
    """(card, box, line index, line) of every drawn text line of the briefing's cards."""
    for card in _cards(path):
        for box in card.boxes:
            if box.role not in ("title", "text") or (role and box.role != role):
                continue
            for i, line in enumerate(box.lines):
                yield card, box, i, line


# -- clause first ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "clause_end"),
    [
        (DATA / "corpus" / "ja-boj-rates.txt", "見送り"),
        (EDITORIAL / "en-colons.md", "warn:"),
        (DATA / "corpus" / "grid-bottleneck.txt", "”:"),
    ],
    ids=["ja-fullwidth-space", "en-colon", "en-colon-quoted"],
)
def test_a_headline_breaks_at_its_clause_end_first(path: Path, clause_end: str) -> None:
    covers = [c for c in _cards(path) if c.kind == "cover"]
    assert len(covers) == len(ALL_PRESETS)
    for card in covers:
        headline = next(b for b in card.boxes if b.name == "headline")
        assert len(headline.lines) >= 2, (card.name, headline.lines)
        ends = [line.rstrip("\u3000 ") for line in headline.lines]
        assert any(e.endswith(clause_end) for e in ends[:-1]), (card.name, headline.lines)
        for line in headline.lines:  # nothing runs on past the clause end on one line
            assert "\u3000" not in line.rstrip("\u3000"), (card.name, line)


def test_clause_first_costs_little_size_and_keeps_the_headline_large() -> None:
    """The Japanese cover headline at square was 3 lines with the full-width space
    inside line 2; clause first it is 2 lines at no less than 60 % of that size."""
    ts = Typesetter()
    text = "日銀、追加利上げを見送り\u3000円相場は小幅に反発"
    box = ts.text_box(text, x=0, y=0, width=907.2, height=811, size=(40, 82.08), max_lines=3,
                      balance=True, weight="bold", line_height=1.06, language="ja")
    assert box.lines == ("日銀、追加利上げを見送り\u3000", "円相場は小幅に反発") or box.lines == (
        "日銀、追加利上げを見送り", "円相場は小幅に反発")
    assert box.size >= 0.6 * 82.08


# -- clause ends -----------------------------------------------------------------------


CJK_CLAUSE = "、，。：；！？"
_HAN_OR_KANA = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


@pytest.mark.parametrize(
    "path",
    [DATA / "briefings" / "zh-pboc-rrr.txt", EDITORIAL / "zh-exports.md",
     DATA / "quotes" / "zh-pboc.txt", DATA / "corpus" / "ja-boj-rates.txt",
     DATA / "quotes" / "ja-boj.txt"],
    ids=lambda p: p.stem,
)
def test_no_cjk_line_starts_with_the_tail_of_the_clause_before(path: Path) -> None:
    """"…约1万亿 / 元，…" is the clause's last character alone on the next line: a line
    that does not start a clause must not end one within its first three characters
    when more text follows ("市場の / 反応は？" ends the heading where it should)."""
    checked = 0
    for card, box, i, line in _lines(path):
        if i == 0:
            continue
        before = box.lines[i - 1].rstrip("\u3000 ")
        if not before or before[-1] in CJK_CLAUSE or before[-1] in "」』）”":
            continue
        head = line[:4]
        for k, char in enumerate(head[1:4], start=1):
            last = i == len(box.lines) - 1 and not line[k + 1 :].strip("」』）”…")
            if char in CJK_CLAUSE and all(_HAN_OR_KANA.match(c) for c in head[:k]) and not last:
                pytest.fail(f"{card.name} {box.name}: {before} / {line}")
        checked += 1
    assert checked >= 5


def test_break_weights_name_clause_ends_and_late_breaks() -> None:
    text = "中国央行宣布下调存款准备金率，释放资金约1万亿元。"
    allowed = paragraph_breaks(text, "zh").allowed
    weights = dict(zip(allowed, break_weights(text, allowed), strict=True))
    assert weights[text.index("，") + 1] == CLAUSE
    assert weights.get(len(text)) == 0.0  # the paragraph's end is no line end to prefer
    english = "Why the grid is the new bottleneck: power. U.S. states wait; Dr. Ruiz said"
    allowed = paragraph_breaks(english, "en").allowed
    weights = dict(zip(allowed, break_weights(english, allowed), strict=True))
    assert weights[english.index(": ") + 2] == STRONG
    assert weights[english.index("power. ") + 7] == STRONG
    assert weights[english.index("U.S. ") + 5] == 0.0  # an abbreviation ends nothing
    assert weights[english.index("Dr. ") + 4] == 0.0
    assert weights[english.index("wait; ") + 6] == CLAUSE
    late = "资金约1万亿元，释放"
    weights = break_weights(late, [late.index("元")])
    assert weights == (LATE,) or late.index("元") not in paragraph_breaks(late, "zh").allowed


# -- ties ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", [EDITORIAL / "hi-monsoon.md", DATA / "quotes" / "hi-rbi.txt"], ids=lambda p: p.stem)
def test_no_hindi_line_starts_with_a_postposition(path: Path) -> None:
    words = set(POSTPOSITIONS["Devanagari"])
    starts = 0
    for card, box, i, line in _lines(path):
        if i:
            starts += 1
            first = line.split()[0].strip(",।")
            assert first not in words, (card.name, box.name, box.lines[i - 1], line)
    assert starts >= 20


def test_a_postposition_stays_with_the_word_before_it() -> None:
    text = "भारतीय रिज़र्व बैंक ने रेपो दर 6.5% पर बरकरार रखी"
    held = tied_breaks(text, "hi")
    assert text.index("ने") in held and text.index("पर") in held
    assert text.index("रेपो") not in held
    pieces = paragraph_breaks(text, "hi").allowed
    assert text.index("ने") not in pieces and text.index("रेपो") in pieces


def test_urdu_postpositions_that_persian_spells_alike_are_urdu_only() -> None:
    text = "حکومت نے قیمتوں پر پابندی لگائی"
    assert text.index("پر") in tied_breaks(text, "ur")
    assert text.index("پر") not in tied_breaks(text, "fa")
    assert text.index("نے") in tied_breaks(text, "fa")  # ے is Urdu's own letter


@pytest.mark.parametrize(
    "path", [DATA / "corpus" / "grid-bottleneck.txt", EDITORIAL / "en-colons.md"],
    ids=lambda p: p.stem)
def test_no_line_ends_inside_a_short_quoted_phrase(path: Path) -> None:
    quoted = 0
    for card in _cards(path):
        for box in card.boxes:
            spans = quoted_spans(box.text)
            quoted += len(spans)
            for a, b in spans:
                phrase = box.text[a:b]
                assert any(phrase in line for line in box.lines) or box.clamped, (
                    card.name, box.name, phrase, box.lines)
    assert quoted >= 5


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("the “AI accelerators” need power", ["“AI accelerators”"]),
        ("« prix plancher » et « un prix de référence durable »", ["« prix plancher »"]),
        ('he said "three words here" and "four words are here now"', ['"three words here"']),
        ("it’s the ‘new normal’, they say", ["‘new normal’"]),
    ],
)
def test_short_quotations_are_found_and_long_ones_left_to_break(text, spans) -> None:
    assert [text[a:b] for a, b in quoted_spans(text)] == spans


# -- compounds and names ---------------------------------------------------------------


def test_thai_cards_keep_compounds_and_names_whole() -> None:
    path = EDITORIAL / "th-tourism.md"
    names = ["นางสาวสุดารัตน์", "วงศ์ทองคำ"]
    kept = [*COMPOUNDS["Thai"], *names]
    checked = 0
    for card in _cards(path):
        for box in card.boxes:
            if len(box.lines) < 2 or box.clamped:
                continue
            for word in kept:
                if word in box.text:
                    checked += 1
                    assert any(word in line for line in box.lines), (card.name, word, box.lines)
    assert checked >= 20


def test_the_thai_quote_card_credits_the_name_and_the_role_apart() -> None:
    quote = next(c for c in _cards(EDITORIAL / "th-tourism.md") if c.kind == "quote")
    credit = next(b for b in quote.boxes if b.name == "attribution")
    assert "นางสาวสุดารัตน์ วงศ์ทองคำ" in credit.text
    assert "ผู้ว่าการการท่องเที่ยวแห่งประเทศไทย" in credit.text


def test_chinese_terms_stay_whole() -> None:
    text = "美联储维持利率不变，人民币汇率小幅下跌，央行下调存款准备金率"
    spans = [text[a:b] for a, b in compound_spans(text)]
    assert {"美联储", "人民币", "存款准备金率"} <= set(spans)
    allowed = paragraph_breaks(text, "zh").allowed
    for word in ("美联储", "人民币", "存款准备金率", "不变"):
        a = text.index(word)
        assert not [b for b in allowed if a < b < a + len(word)], word
