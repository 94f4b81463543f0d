"""Card chrome in the briefing's language: kicker, "Shared from", "Sources", the quote's
credit, and the counter in the digits that are the norm — checked on the table and on
drawn cards."""

from __future__ import annotations

import pytest

from cards.cardkit import cards_for, own_cards, quote_cards
from sharecard.cards.labels import LABELS, Labels, labels_for, locale_digits, text_digits

REQUIRED = ("en", "fa", "ja", "ar", "he", "hi", "bn", "zh", "ko", "th", "es", "fr", "de",
            "pt")


@pytest.mark.parametrize("language", REQUIRED)
def test_every_required_language_has_its_own_words(language):
    row = LABELS[language]
    assert "{brand}" in row.shared_from and "{source}" in row.quote_source
    if language != "en":
        english = LABELS["en"]
        assert row.briefing != english.briefing
        assert row.shared_from != english.shared_from
        assert row.sources != english.sources or language == "fr"


@pytest.mark.parametrize("language", sorted(LABELS))
def test_every_language_calls_to_read_the_full_briefing_in_its_own_words(language):
    """The end slide's call to action: translated in every row, not left in English."""
    row = LABELS[language]
    assert row.read_more.strip() == row.read_more and row.read_more
    if language != "en":
        assert row.read_more != LABELS["en"].read_more
    assert labels_for("zh-TW").read_more == "閱讀完整簡報"
    assert labels_for("pt-PT").read_more != labels_for("pt-BR").read_more


@pytest.mark.parametrize(
    ("language", "counter"),
    [("fa", "۲/۹"), ("fa-IR", "۲/۹"), ("ar", "٢/٩"), ("ar-EG", "٢/٩"), ("ar-MA", "2/9"),
     ("bn", "২/৯"), ("ne", "२/९"), ("my", "၂/၉"), ("ps", "۲/۹"), ("hi", "2/9"),
     ("th", "2/9"), ("ja", "2/9"), ("he", "2/9"), ("en", "2/9"), (None, "2/9"),
     ("x-nonsense", "2/9")],
)
def test_the_counter_uses_the_locales_digits(language, counter):
    assert labels_for(language).counter(2, 9) == counter


def test_the_briefings_own_digits_win():
    # A Persian briefing that writes its numbers in Latin digits counts in them too.
    assert labels_for("fa", ["سال 2025", "مهر"]).counter(3, 4) == "3/4"
    assert labels_for("hi", ["२०२५ में"]).counter(3, 4) == "३/४"
    assert labels_for("ja", ["２０２５年"]).counter(3, 4) == "3/4"  # full-width: Latin
    assert text_digits(["no numbers"]) is None
    assert labels_for("fa").counter(1, 1) == ""  # a single card has no counter


def test_regional_rows():
    assert labels_for("zh-Hant").briefing == labels_for("zh-TW").briefing == "簡報"
    assert labels_for("zh-CN").briefing == "简报"
    assert labels_for("pt-PT").shared_from.startswith("Partilhado")
    assert labels_for("pt-BR").shared_from.startswith("Compartilhado")
    assert locale_digits("ar-AE") == "0123456789"


def test_labels_number_and_counter_are_plain_text():
    row = Labels("K", "S", "from {brand}", "— {source}", digits="٠١٢٣٤٥٦٧٨٩")
    assert row.number(1204) == "١٢٠٤" and row.counter(10, 12) == "١٠/١٢"


def _box(card, name):
    return next(b for b in card.boxes if b.name == name)


def _footer(card) -> str:
    """The footer's words as read: without the (invisible) bidi isolates an RTL card
    puts around its Latin names (see test_cards_footer_bidi)."""
    text = " ".join(line for b in card.boxes if b.role == "footer" for line in b.lines)
    return text.translate(dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069")))


def test_a_persian_deck_speaks_persian():
    cards = cards_for("fa-iran-russia", "og")
    for card in cards:
        assert _box(card, "kicker").lines == ("خلاصه خبر",)
        assert "اشتراک‌گذاری‌شده از Scout" in _footer(card)
        footer = _footer(card)  # "Sources" or, for one source, "Source", in Persian
        assert ("منابع: " in footer or "منبع: " in footer) and "Source" not in footer
    section = next(c for c in cards if c.kind == "section")
    assert _box(section, "counter").lines == (f"{'۲۳'[section.index - 2]}/۴",)


@pytest.mark.parametrize(
    ("name", "kicker", "digits", "shared"),
    [("ar-oil-output", "موجز", "٢/٤", "تمت المشاركة من Scout"),
     ("bn-bb-rates", "ব্রিফিং", "২/৪", "Scout থেকে শেয়ার করা"),
     ("th-bot-rates", "สรุปข่าว", "2/4", "แชร์จาก Scout"),
     ("zh-pboc-rates", "简报", "2/4", "分享自 Scout"),
     ("ko-bok-rates", "브리핑", "2/4", "Scout에서 공유")],
)
def test_own_briefings_get_their_languages_chrome(name, kicker, digits, shared):
    cards = own_cards(name, "square")
    section = cards[1]
    assert _box(section, "kicker").lines == (kicker,)
    assert _box(section, "counter").lines == (digits,)
    assert shared in _footer(section)


def test_the_quote_credits_the_person_who_said_it():
    """Never a website: the speaker the briefing names, with the role it gives."""
    quote = next(c for c in quote_cards("en-rates.txt", "og") if c.kind == "quote")
    assert _box(quote, "attribution").lines == ("— Ana Ruiz, bank’s governor",)
    assert _box(quote, "quote").text.startswith("We will not cut until we are confident")
    assert all("westmark-news.com" not in line for b in quote.boxes if b.role != "footer"
               for line in b.lines)
    ja = next(c for c in quote_cards("ja-boj.txt", "square") if c.kind == "quote")
    assert _box(ja, "attribution").lines == ("— 山田太郎総裁",)
    ar = next(c for c in quote_cards("ar-talks.json", "square") if c.kind == "quote")
    assert _box(ar, "attribution").text == "— سامي حداد، وزير الخارجية"


@pytest.mark.parametrize("name", ["seed-putin-iran", "grid-bottleneck", "ja-boj-rates"])
def test_a_briefing_that_quotes_no_one_gets_no_quote_card(name):
    """The corpus holds scare quotes and clipped fragments, no one's words: its bottom line
    is a section card with its own heading, sources credited as sources."""
    cards = cards_for(name, "og")
    assert [c.kind for c in cards if c.kind == "quote"] == []
    last = cards[-1]
    assert last.kind == "section"
    assert not [b for b in last.boxes if b.name == "attribution"]  # no one is credited
    footer = _footer(last)
    assert footer.startswith(("Source: ", "Sources: ", "出典：")), footer
