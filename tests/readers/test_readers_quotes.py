"""Quotations: words in quotation marks with a named speaker, in every language the
readers know, and nothing else (issue 22). A quote card is made only of these."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sharecard.model import Quotation
from sharecard.readers import read_path, read_text
from sharecard.readers.quotes import find_quotations

QUOTES = Path(__file__).resolve().parents[1] / "data" / "quotes"
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"

FOUND = {
    # English: the verb after the quotation, before it, "according to"; a title.
    "“We will not move rates until inflation is back at target,” said Ana Ruiz, the "
    "finance minister.": ("Ana Ruiz", "finance minister"),
    "Finance Minister Ana Ruiz said: “We will not move rates until inflation is back at "
    "target.”": ("Ana Ruiz", "Finance Minister"),
    "According to Ana Ruiz, “rates will stay exactly where they are for now.”":
        ("Ana Ruiz", ""),
    "“Rates will stay exactly where they are for now,” Ruiz told reporters on Tuesday.":
        ("Ruiz", ""),
    # French, German: « … », a déclaré …; „…“, sagte …
    "« Nous ne changerons pas les taux avant le retour de l’inflation à la cible », a "
    "déclaré Christine Lagarde.": ("Christine Lagarde", ""),
    "„Wir werden die Zinsen vorerst nicht senken“, sagte Joachim Nagel, der Präsident "
    "der Bundesbank.": ("Joachim Nagel", "Präsident der Bundesbank"),
    # Persian, Arabic, Hindi, Japanese, Chinese, Korean, Thai.
    "وزیر خارجه ایران عباس عراقچی گفت: «ما به دنبال تنش با همسایگان خود نیستیم».":
        ("وزیر خارجه ایران عباس عراقچی", ""),
    "قال وزير الخارجية أيمن الصفدي: «نحن ملتزمون بالعمل من أجل وقف إطلاق النار».":
        ("وزير الخارجية أيمن الصفدي", ""),
    "गवर्नर अनिल शर्मा ने कहा, \"महंगाई पर हमारी नज़र बनी रहेगी और हम सतर्क रहेंगे।\"":
        ("गवर्नर अनिल शर्मा", ""),
    "植田和男総裁は記者会見で「物価目標の実現にはなお時間がかかる」と述べた。":
        ("植田和男総裁", ""),
    "易纲表示：“我们将继续实施稳健的货币政策，保持流动性合理充裕。”": ("易纲", ""),
    "한국은행 총재는 \"물가 안정이 최우선 과제로 남아 있다\"라고 말했다.":
        ("한국은행 총재", ""),
    "ผู้ว่าการธนาคารแห่งประเทศไทยกล่าวว่า \"เศรษฐกิจไทยยังคงฟื้นตัวอย่างต่อเนื่องในปีนี้\"":
        ("ผู้ว่าการธนาคารแห่งประเทศไทย", ""),
}


@pytest.mark.parametrize("text", list(FOUND))
def test_a_quotation_and_its_named_speaker_are_found(text):
    (quote,) = find_quotations(text)
    assert (quote.speaker, quote.role) == FOUND[text]
    assert quote.text and quote.text[0] not in "“«„「\""


NOT_QUOTATIONS = [
    "“We will not move rates until inflation is back at target,” he said.",  # no name
    "“We will not move rates until inflation is back at target,” officials said.",
    "Analysts frame the deal in “multipolar” terms.",  # a scare quote
    "“This is a new era of strategic partnership,” according to iranwatch.org.",  # a site
    "The report called it “a new era of strategic partnership between the two”.",
    "«این دوره تازه‌ای از همکاری راهبردی است» به گزارش Scout.",  # "according to Scout"
]


@pytest.mark.parametrize("text", NOT_QUOTATIONS)
def test_no_name_no_quotation(text):
    assert find_quotations(text, {"iranwatch.org", "scout"}) == []


def test_the_brand_and_the_cited_sites_are_never_speakers():
    text = "“The treaty changes the balance in the region for good,” said Scout."
    assert find_quotations(text, {"Scout"}) == []
    assert [q.speaker for q in find_quotations(text)] == ["Scout"]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_the_corpus_quotes_no_one(path):
    """Its quotation marks hold scare quotes and clipped fragments: no quote card."""
    assert read_path(path).quotes == ()


def test_every_test_briefing_with_quotations_yields_them():
    found = {p.name: read_path(p).quotes for p in QUOTES.iterdir() if p.name != "README.md"}
    assert all(found.values()), [name for name, quotes in found.items() if not quotes]
    (first, second) = found["en-rates.txt"]
    assert (first.speaker, first.role, first.section) == ("Ana Ruiz", "bank’s governor", 0)
    assert (second.speaker, second.role, second.section) == (
        "Jonas Berg", "Finance Minister", 2)


def test_a_structured_briefing_states_its_quotations():
    data = {"headline": "Rates hold", "quotes": [
        {"text": "We will hold.", "speaker": "Ana Ruiz", "role": "Governor"}],
        "sections": [{"heading": "Why?", "body": "“Prices are sticky in services,” said "
                                                 "Jonas Berg, the finance minister."}]}
    briefing = read_text(json.dumps(data), "json")
    assert briefing.quotes == (Quotation("We will hold.", "Ana Ruiz", "Governor"),)
    del data["quotes"]
    found = read_text(json.dumps(data), "json").quotes
    assert [(q.speaker, q.section) for q in found] == [("Jonas Berg", 0)]
    assert json.loads(json.dumps(briefing.to_dict()))["quotes"] == [
        {"text": "We will hold.", "speaker": "Ana Ruiz", "role": "Governor"}]


def test_the_schema_refuses_a_quotation_without_a_speaker():
    from sharecard.errors import SchemaError

    data = {"headline": "Rates hold", "quotes": [{"text": "We will hold."}]}
    with pytest.raises(SchemaError, match=r"quotes\[0\]\.speaker: required field is missing"):
        read_text(json.dumps(data), "json")


def test_a_markdown_blockquote_with_a_credit_line_is_a_quotation():
    quote = read_path(QUOTES / "en-rates.md").quotes[0]
    assert quote == Quotation(
        "We will not cut until we are confident that inflation is back at target for good.",
        "Ana Ruiz", "Governor of the Bank of Westmark", 0)
    plain = "# H\n\n## Why?\n\n> A blockquote of the briefing's own words, with no credit.\n"
    assert read_text(plain, "markdown").quotes == ()
