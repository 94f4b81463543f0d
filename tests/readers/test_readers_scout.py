"""The Scout share-text reader on the variations the corpus covers, and a few more."""

from __future__ import annotations

import pytest

from sharecard.errors import InputError
from sharecard.readers import read_bytes, read_text
from sharecard.readers.scout import split_inline_bullets

FOOTER = (
    "\n\nGet your own daily briefing\n\nScout delivers personalized news, insights, and "
    "conversations tailored to your role and industry.\n\nDownload on the App Store\n\n"
    "Shared from Scout - Be the smartest in the room."
)


def scout(text: str):
    return read_text(text, "scout")


# --- bullets -------------------------------------------------------------------------


def test_inline_bullets_split_only_after_a_sentence_end() -> None:
    line = (
        "- The 20-year treaty is active. - Shared from Scout - Be smart is not a split. "
        "- A dash — inside a bullet stays."
    )
    assert split_inline_bullets(line) == [
        "The 20-year treaty is active.",
        "Shared from Scout - Be smart is not a split.",
        "A dash — inside a bullet stays.",
    ]


def test_inline_bullet_dash_after_an_abbreviation_with_lowercase_next_is_no_split() -> None:
    assert split_inline_bullets("- Prices rose in the U.S. - the biggest jump in years.") == [
        "Prices rose in the U.S. - the biggest jump in years."
    ]


def test_unterminated_bullets_with_spaced_hyphens_stay_whole() -> None:
    assert split_inline_bullets("- Oil up - stocks down") == ["Oil up - stocks down"]


@pytest.mark.parametrize(
    ("block", "bullets"),
    [
        ("- One.\n- Two.\n- Three.", ["One.", "Two.", "Three."]),
        ("- One. - Two. - Three.", ["One.", "Two.", "Three."]),
        (
            "- Only one bullet, with a well-known hyphen.",
            ["Only one bullet, with a well-known hyphen."],
        ),
        ("", []),
    ],
)
def test_bullet_layouts(block: str, bullets: list[str]) -> None:
    text = f"Headline\n\n{block}\n\nBody sentence here. (a.com)" + FOOTER
    assert list(scout(text).bullets) == bullets


# --- headings ------------------------------------------------------------------------


def test_headings_with_and_without_question_marks() -> None:
    text = (
        "Headline\n\nLede. ### What changed? Something did. ### Bottom line The story is "
        "steady. ### What to watch The next vote. ### The numbers Utilities in several U.S. "
        "states report more. ### 今後の焦点 次回会合までに判断する。"
    )
    briefing = scout(text)
    assert [(s.heading, s.body) for s in briefing.sections] == [
        ("What changed?", "Something did."),
        ("Bottom line", "The story is steady."),
        ("What to watch", "The next vote."),
        ("The numbers", "Utilities in several U.S. states report more."),
        ("今後の焦点", "次回会合までに判断する。"),
    ]
    assert briefing.lede == "Lede."


# --- citations -----------------------------------------------------------------------


def test_citations_become_sources_with_paths_and_adjacent_ones() -> None:
    text = (
        "Headline\n\nIt takes years. (reuters.com) (ft.com) ### Data? Demand rises. "
        "(eia.gov/electricity) More demand. (Reuters.com)"
    )
    briefing = scout(text)
    assert briefing.lede == "It takes years."
    assert briefing.sections[0].body == "Demand rises. More demand."
    assert briefing.sources == ("reuters.com", "ft.com", "eia.gov/electricity", "Reuters.com")


def test_mid_sentence_citation_before_punctuation_is_kept_text() -> None:
    text = "Headline\n\nA report (reuters.com), the agency said, was wrong (ap.org). It was."
    briefing = scout(text)
    assert briefing.lede == "A report, the agency said, was wrong. It was."
    assert briefing.warnings == ()


def test_parentheses_that_are_not_domains_stay_text() -> None:
    text = "Headline\n\nThe U.S. (and the E.U.) agreed (on Friday) to talk (version 2.0)."
    assert scout(text).lede == "The U.S. (and the E.U.) agreed (on Friday) to talk (version 2.0)."


# --- damage --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        # the seed's damage patterns
        (
            "It is real. It was signed in Moscow (iranwatch.org)e “how far can they go?” "
            "(iranwatch.org) Next one stays.",
            "It is real. Next one stays.",
        ),
        (
            "It is real. It expands cooperation(iranwatch.org)still avoiding costs. Kept too.",
            "It is real. Kept too.",
        ),
        (
            "It is real. That does not mean Russia and Iran (c.org) and harder to peel. Kept.",
            "It is real. Kept.",
        ),
        ("It is real. Investment to local ec(ft.com)ould reshape it. Kept.", "It is real. Kept."),
        # a complete sentence before, a lowercase fragment after
        ("It is real. (ft.com)ould reshape it. Kept.", "It is real. Kept."),
        ("It is real. (ft.com) and then it was. Kept.", "It is real. Kept."),
        # scripts without case: Persian and Japanese
        (
            "این واقعی است. به گفته تحلیلگران، شبکه‌های (c.org)ی تأمین مبهم است. این می‌ماند.",
            "این واقعی است. این می‌ماند.",
        ),
        (
            "円相場は低下した。一方で輸出関連株は(nikkei.com)したとの見方もある。",
            "円相場は低下した。",
        ),
    ],
)
def test_damaged_citations_drop_the_broken_sentence_only(body: str, kept: str) -> None:
    briefing = scout(f"Headline\n\n{body}")
    assert briefing.lede == kept
    assert len(briefing.warnings) == 1
    warning = briefing.warnings[0]
    assert warning.code == "fragment-dropped"
    assert "characters" in warning.detail


def test_drop_warnings_name_the_citation_but_never_the_fragment() -> None:
    briefing = scout("Headline\n\nIt is real. ### Why? Kept. Local ec(ft.com)ould reshape it.")
    (warning,) = briefing.warnings
    assert "(ft.com)" in warning.message and "“Why?”" in warning.message
    assert "ould" not in warning.message + warning.detail


def test_cjk_citation_leaves_no_space_behind() -> None:
    briefing = scout("見出し\n\n決めた。(nikkei.com)市場は反発した。(boj.or.jp)")
    assert briefing.lede == "決めた。市場は反発した。"
    assert briefing.warnings == ()


# --- footer and attribution ------------------------------------------------------------


@pytest.mark.parametrize(
    ("footer", "brand", "tagline"),
    [
        (FOOTER, "Scout", "Be the smartest in the room."),
        (
            "\n\nGet your own daily briefing\n\nShared from Scout - Your daily edge.",
            "Scout",
            "Your daily edge.",
        ),
        (
            "\n\nGet it on Google Play\n\nShared from Acme – News that matters",
            "Acme",
            "News that matters",
        ),
        ("\n\nShared from Scout", "Scout", None),
        ("\n\nDownload on the App Store", None, None),
        ("", None, None),
    ],
)
def test_footer_becomes_attribution_never_content(footer: str, brand, tagline) -> None:
    briefing = scout("Headline\n\n- A bullet.\n\nBody text here. (a.com)" + footer)
    assert briefing.lede == "Body text here."
    assert briefing.bullets == ("A bullet.",)
    if brand is None:
        assert briefing.attribution is None
    else:
        assert (briefing.attribution.brand, briefing.attribution.tagline) == (brand, tagline)


def test_shared_from_inside_the_body_is_not_a_footer() -> None:
    briefing = scout("Headline\n\nShared from the start, the plan held.\n\nThe end came later.")
    assert briefing.attribution is None
    assert briefing.lede == "Shared from the start, the plan held. The end came later."


# --- encodings, whitespace, scripts ----------------------------------------------------


def test_bom_crlf_trailing_spaces_and_blank_lines() -> None:
    raw = "\ufeffHeadline  \r\n\r\n\r\n-  One.  \r\n- Two.\t\r\n\r\n\r\nBody   here.  \r\n" + FOOTER
    briefing = read_bytes(raw.replace("\n", "\r\n").encode("utf-8"), source="x.txt")
    assert briefing.headline == "Headline"
    assert briefing.bullets == ("One.", "Two.")
    assert briefing.lede == "Body here."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "नई दिल्ली में बारिश 🌧️\n\nदिल्ली में रिकॉर्ड बारिश हुई। (imd.gov.in)"
            " ### आगे क्या? बारिश जारी रहेगी।",
            "hi",
        ),
        ("שלום עולם חדשות\n\nגוף הטקסט כאן. (ynet.co.il) ### מה הלאה? עוד טקסט.", "he"),
        ("الأخبار اليوم\n\nهذا نص الخبر. (aljazeera.net) ### ماذا بعد؟ نص آخر.", "ar"),
        ("中国经济新闻\n\n经济增长放缓。(xinhua.cn) ### 接下来？ 继续观察。", "zh"),
        (
            "🚀 Launch day for the new rocket 🚀\n\n"
            "The rocket flew, and the crew is safe. (nasa.gov)",
            "en",
        ),
    ],
)
def test_any_script(text: str, language: str) -> None:
    briefing = scout(text)
    assert briefing.language == language
    assert briefing.sources and all(f"({s})" not in briefing.lede for s in briefing.sources)
    assert briefing.headline == text.split("\n", 1)[0]


def test_emoji_and_joiners_survive_untouched() -> None:
    headline = "Family 👨‍👩‍👧 and flags 🇮🇷🇷🇺 می‌دهند"
    assert scout(headline + "\n\nBody.").headline == headline


# --- no headline -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("- a bullet first\n\nBody.", "bullet"),
        ("### What changed? Body.", "section heading"),
        ("Get your own daily briefing\n\nShared from Scout", "footer"),
        ("----\n\nBody.", "no words"),
        ("Word " * 100 + "\n", "characters long"),
    ],
)
def test_no_recognisable_headline(text: str, why: str) -> None:
    with pytest.raises(InputError, match=f"no recognisable headline.*{why}"):
        scout(text)
