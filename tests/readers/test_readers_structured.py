"""JSON/YAML briefings: the published schema, its error messages, safe YAML."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from sharecard.errors import InputError, SchemaError
from sharecard.readers import read_path, read_text, schema_text

from .conftest import DATA


def test_schema_is_valid_draft_2020_12_and_accepts_parse_output() -> None:
    schema = json.loads(schema_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for name in ("seed-putin-iran.txt", "ja-boj-rates.txt", "headline-only.txt"):
        output = read_path(DATA / "corpus" / name).to_dict()
        Draft202012Validator(schema).validate(output)
        # parse output reads back as the same briefing, warnings included
        again = read_text(json.dumps(output), "json")
        assert again.to_dict() == output


def _minimal(**extra) -> str:
    return json.dumps({"headline": "A headline", **extra})


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            _minimal(
                sections=[
                    {"heading": "a", "body": ""},
                    {"heading": "b", "body": ""},
                    {"heading": 3, "body": ""},
                ]
            ),
            r"sections\[2\]\.heading: expected a string, got an integer",
        ),
        (json.dumps({"bullets": []}), "headline: required field is missing"),
        (_minimal(sections=[{"body": "x"}]), r"sections\[0\].heading: required field is missing"),
        (_minimal(headline="   "), "headline: must not be blank"),
        (_minimal(bullets=["ok", None]), r"bullets\[1\]: expected a string, got null"),
        (_minimal(colour="red"), "colour: unknown field"),
        (_minimal(url="ftp://x.org/a"), "url: expected an http:// or https:// URL"),
        (_minimal(date="October 2"), "date: expected an ISO 8601 date"),
        (_minimal(language="english!"), "language: expected a language tag"),
        (_minimal(attribution={"tagline": "x"}), "attribution.brand: required field is missing"),
        (_minimal(sources=["two words"]), r"sources\[0\]: expected a cited domain"),
        (
            _minimal(links=[{"source": "x.com", "url": "ftp://x.com/a"}]),
            r"links\[0\]\.url: expected an http:// or https:// URL",
        ),
        (
            _minimal(links=[{"source": "two words", "url": "https://x.com/a"}]),
            r"links\[0\]\.source: expected a cited domain",
        ),
        (_minimal(links=[{"url": "https://x.com/a"}]), r"links\[0\]\.source: required field"),
        ("[1, 2]", "briefing: expected an object, got a list"),
        (_minimal(lede="\ud800"), "lede: contains an unpaired surrogate"),
    ],
)
def test_schema_errors_name_the_field(document: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        read_text(document, "json")


def test_sources_are_collected_from_sections_when_omitted() -> None:
    document = _minimal(
        sections=[
            {"heading": "A", "body": "x", "sources": ["b.com", "a.com"]},
            {"heading": "B", "body": "y", "sources": ["a.com", "c.com"]},
        ]
    )
    assert read_text(document, "json").sources == ("b.com", "a.com", "c.com")
    assert read_text(_minimal(sources=[]), "json").sources == ()


def test_language_is_guessed_when_omitted() -> None:
    assert read_text(json.dumps({"headline": "ایران و روسیه همکاری می‌کنند"})).language == "fa"
    assert read_text(_minimal(language="pt-BR")).language == "pt-BR"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('{"headline": "x",}', "invalid JSON at line 1, column 18"),
        ('{"headline": ' * 100_000, "invalid JSON"),
        ("{" + '"a":' * 3 + "1" * 5000 + "}" * 3, "invalid JSON"),
    ],
)
def test_broken_json(document: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_text(document, "json")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("headline: [unclosed\n", "invalid YAML at line 2"),
        ("base: &a [1, 2]\nheadline: *a\n", "aliases are not supported"),
        ("headline: !!python/object:os.system x\n", "invalid YAML"),
        ("headline: x\n---\nheadline: y\n", "invalid YAML"),
        ("[" * 5000, "invalid YAML"),
        ("headline: 2025-10-02\n", None),
    ],
)
def test_yaml_is_read_safely(document: str, message: str | None) -> None:
    if message is None:  # dates stay text
        assert read_text(document, "yaml").headline == "2025-10-02"
        return
    with pytest.raises(InputError, match=message):
        read_text(document, "yaml")


def test_links_are_read_and_kept() -> None:
    link = {"source": "reuters.com", "url": "https://www.reuters.com/world/a-1/"}
    briefing = read_text(_minimal(links=[link]), "json")
    assert [x.to_dict() for x in briefing.links] == [link]
    assert read_text(_minimal(), "json").links == ()
