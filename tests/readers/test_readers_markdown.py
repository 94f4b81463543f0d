"""The Markdown reader: structure, links as sources, front matter."""

from __future__ import annotations

import json

import pytest

from sharecard.errors import InputError, SchemaError
from sharecard.model import Attribution, Link
from sharecard.readers import read_text
from sharecard.readers.markdown import link_source


def md(text: str):
    return read_text(text, "markdown")


def test_structure_links_and_front_matter() -> None:
    briefing = md(
        "---\nbrand: Acme\ntagline: News that matters\nurl: https://acme.example/b/1\n"
        "date: 2025-10-02\nlanguage: en-GB\n---\n"
        "# Grid & “AI <chips>”\n\n"
        "* First *point*.\n* Second point with [a link](https://www.reuters.com/world/x/).\n\n"
        "The lede goes\non two lines. [ft.com](https://ft.com)\n\n"
        "## What changed?\n\nA lot, says [the agency](https://eia.gov/electricity), really.\n\n"
        "- a listed fact.\n- another one.\n\n"
        "### Bottom line\n\nKept. ([ap.org](https://apnews.com))\n"
    )
    assert briefing.headline == "Grid & “AI <chips>”"
    assert briefing.bullets == ("First point.", "Second point with a link.")
    assert briefing.lede == "The lede goes on two lines."
    assert [(s.heading, s.body, s.sources) for s in briefing.sections] == [
        (
            "What changed?",
            "A lot, says the agency, really. a listed fact. another one.",
            ("eia.gov",),
        ),
        ("Bottom line", "Kept.", ("ap.org",)),
    ]
    # A link in a sentence credits its site; the page it points at is kept in `links`.
    assert briefing.sources == ("reuters.com", "ft.com", "eia.gov", "ap.org")
    assert briefing.links == (
        Link("reuters.com", "https://www.reuters.com/world/x/"),
        Link("eia.gov", "https://eia.gov/electricity"),
    )
    assert briefing.attribution == Attribution("Acme", "News that matters")
    assert (briefing.url, briefing.date, briefing.language) == (
        "https://acme.example/b/1",
        "2025-10-02",
        "en-GB",
    )


def test_front_matter_after_leading_blank_lines() -> None:
    text = "\n  \n---\nbrand: Acme\n---\n# Head\n\nBody.\n"
    briefing = read_text(text)  # detected as Markdown, front matter and all
    assert (briefing.headline, briefing.lede) == ("Head", "Body.")
    assert briefing.attribution == Attribution("Acme", None)


def test_share_text_citations_and_damage_in_markdown_prose_are_handled_too() -> None:
    briefing = md("# Head\n\nKept. Local ec(ft.com)ould reshape it. Also kept. (ap.org)\n")
    assert briefing.lede == "Kept. Also kept."
    assert briefing.sources == ("ft.com", "ap.org")
    assert [w.code for w in briefing.warnings] == ["fragment-dropped"]


def test_a_trailing_share_footer_is_attribution() -> None:
    briefing = md(
        "# Head\n\nBody.\n\nGet your own daily briefing\n\nShared from Scout - Your daily edge.\n"
    )
    assert briefing.lede == "Body."
    assert briefing.attribution == Attribution("Scout", "Your daily edge.")


def test_cjk_soft_breaks_join_without_space() -> None:
    assert md("# 見出し\n\n日本銀行は\n据え置いた。\n").lede == "日本銀行は据え置いた。"


def test_html_and_images_never_pass_through() -> None:
    briefing = md("# Head <script>x</script>\n\nText ![alt](https://x.com/i.png) <b>bold</b>.\n")
    assert briefing.headline == "Head <script>x</script>"  # text, escaped by whoever draws it
    assert briefing.lede == "Text <b>bold</b>."
    assert briefing.sources == ()


@pytest.mark.parametrize(
    ("href", "label", "expected"),
    [
        ("https://www.eia.gov/electricity/", "eia.gov/electricity", ("eia.gov/electricity", True)),
        ("https://iranwatch.org", "(iranwatch.org)", ("iranwatch.org", True)),
        ("https://reuters.com/a?b=1", "a report", ("reuters.com", False)),
        (
            "https://www.reuters.com/world/europe/heatwave-2025-07-01/",
            "Reuters",
            ("reuters.com", False),
        ),
        ("https://news.bbc.co.uk/2/hi/x.stm", "the BBC", ("bbc.co.uk", False)),
        ("https://www3.nhk.or.jp/news/html/x.html", "NHK", ("nhk.or.jp", False)),
        ("https://en.irna.ir", "en.irna.ir", ("en.irna.ir", True)),
        ("mailto:x@y.org", "mail us", (None, False)),
        ("javascript:alert(1)", "x.com", (None, False)),
        ("/relative/path", "here", (None, False)),
        ("http://[::1", "broken", (None, False)),
    ],
)
def test_link_source(href: str, label: str, expected) -> None:
    assert link_source(href, label) == expected


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("Just a paragraph.\n\n## Section\n", InputError, "no recognisable headline"),
        ("## Section first\n\n# Head\n", InputError, "no recognisable headline"),
        ("---\nbrand: Scout\n# Head\n", InputError, "never closed"),
        (
            "---\nbrand: [1, 2]\n---\n# Head\n",
            SchemaError,
            "front matter: brand: expected a string",
        ),
        ("---\nbrnd: Scout\n---\n# Head\n", SchemaError, "front matter: brnd: unknown field"),
        (
            "---\nurl: file:///etc/passwd\n---\n# Head\n",
            SchemaError,
            "front matter: url: expected an http",
        ),
        ("---\nbrand: [\n---\n# Head\n", InputError, "invalid front matter at line"),
    ],
)
def test_markdown_errors(text: str, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        md(text)


def test_a_link_naming_its_site_in_parentheses_is_a_citation() -> None:
    briefing = md(
        "# Heatwave\n\n"
        "- Temperatures passed 40 °C, says [Reuters](https://www.reuters.com/world/heat-1/).\n"
        "- Power use hit records. ([Reuters](https://www.reuters.com/business/power/))\n\n"
        "Markets shrugged. ([FT](https://www.ft.com/content/abc?x=1)) Bonds fell, said "
        "([the Financial Times](https://www.ft.com/content/def)).\n"
    )
    assert briefing.bullets == (
        "Temperatures passed 40 °C, says Reuters.",
        "Power use hit records.",
    )
    # "FT" names ft.com as "Reuters" names reuters.com; "the Financial Times" is words.
    assert briefing.lede == "Markets shrugged. Bonds fell, said (the Financial Times)."
    assert briefing.sources == ("reuters.com", "ft.com")
    assert [link.url for link in briefing.links] == [
        "https://www.reuters.com/world/heat-1/",
        "https://www.reuters.com/business/power/",
        "https://www.ft.com/content/abc?x=1",
        "https://www.ft.com/content/def",
    ]


def test_links_to_a_site_home_are_sources_only() -> None:
    briefing = md("# Head\n\nSaid [the agency](https://www.eia.gov/). [ap.org](https://ap.org/)\n")
    assert briefing.sources == ("eia.gov", "ap.org")
    assert briefing.links == ()


def test_parse_prints_links_and_reads_them_back(tmp_path) -> None:
    from sharecard.readers import read_path
    from support.cli import run_cli

    path = tmp_path / "b.md"
    path.write_text("# Head\n\nKept, says [Reuters](https://www.reuters.com/a/b).\n", "utf-8")
    run = run_cli(["parse", str(path)])
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["links"] == [{"source": "reuters.com", "url": "https://www.reuters.com/a/b"}]
    again = tmp_path / "b.json"
    again.write_bytes(run.stdout)
    assert read_path(again) == read_path(path)
