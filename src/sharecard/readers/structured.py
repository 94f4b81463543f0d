"""JSON and YAML briefings from publishing systems, checked against the published schema.

The schema (`briefing.schema.json`, printed by `sharecard schema`) is the contract with
those systems; a document that breaks it is refused with the field named
("sections[2].heading: expected a string"), never half-read.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sharecard.compiled import cached_regex
from sharecard.errors import InputError, SchemaError
from sharecard.model import Briefing, Diagnostic, Link, Quotation, Section
from sharecard.readers.citations import dedupe
from sharecard.readers.footer import make_attribution
from sharecard.readers.language import briefing_language
from sharecard.text import squash_spaces

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILE = "briefing.schema.json"
_SURROGATE = cached_regex(r"[\ud800-\udfff]")
_IDENTIFIER = cached_regex(r"[A-Za-z_$][\w$-]*")
_TYPE_NAMES = {
    "string": "a string",
    "array": "a list",
    "object": "an object",
    "null": "null",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
}
# What a pattern failure means, by the field it guards.
_PATTERN_MEANING = {
    "url": "expected an http:// or https:// URL",
    "date": "expected an ISO 8601 date such as 2025-10-02",
    "language": "expected a language tag such as en or pt-BR",
    "sources": "expected a cited domain without spaces",
    "source": "expected a cited domain without spaces",
}


@cache
def schema_text() -> str:
    """The published JSON Schema for structured briefings, as shipped."""
    return Path(__file__).with_name(SCHEMA_FILE).read_text("utf-8")


def compile_schema(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator for `schema`. jsonschema is imported here, on first use: it is a fifth
    of the command line's start-up (~35 ms), and share text, the usual input, never needs it."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema)


@cache
def _validator() -> Draft202012Validator:
    return compile_schema(json.loads(schema_text()))


@cache
def _yaml_loader() -> type:
    """Safe YAML that keeps dates as text (the schema wants strings) and refuses aliases,
    so no document can expand into more data than it holds. PyYAML is imported here, on
    first use: share text and JSON (the service's) never need it."""
    import yaml

    class _YamlLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(None, None, "aliases are not supported",
                                                  mark)
            return super().compose_node(parent, index)

    _YamlLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _YamlLoader


def load_yaml(text: str, what: str = "YAML") -> Any:
    """Parse YAML safely, turning every failure into one InputError line."""
    import yaml

    try:
        return yaml.load(text, Loader=_yaml_loader())  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise InputError(
            f"invalid {what}{where}: {squash_spaces(exc.problem or exc.context or '')}"
        ) from None
    except yaml.YAMLError as exc:  # e.g. a character YAML does not allow
        raise InputError(f"invalid {what}: {squash_spaces(str(exc))}") from None
    except RecursionError:
        raise InputError(f"invalid {what}: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer too long to convert
        raise InputError(f"invalid {what}: {squash_spaces(str(exc))}") from None


def parse_json(text: str) -> Briefing:
    """A briefing from a JSON document."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise InputError(f"invalid JSON at {where}: {exc.msg}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    except ValueError as exc:
        raise InputError(f"invalid JSON: {squash_spaces(str(exc))}") from None
    return from_data(data)


def parse_yaml(text: str) -> Briefing:
    """A briefing from a YAML document."""
    return from_data(load_yaml(text))


def validate(data: Any, validator: Draft202012Validator | None = None) -> None:
    """Raise SchemaError naming the first field that breaks the briefing schema (or the
    schema of `validator`, from compile_schema)."""
    from jsonschema.exceptions import best_match

    error = best_match((validator or _validator()).iter_errors(data))
    if error is not None:
        raise SchemaError(describe(error))


def describe(error: ValidationError) -> str:
    """One line for a schema error: the field's path, then what was expected."""
    path = list(error.absolute_path)
    kind = error.validator
    # jsonschema types these as "maybe unset"; a reported error has them all set.
    instance: Any = error.instance
    value: Any = error.validator_value
    schema: Any = error.schema
    if kind == "required":
        missing = next(k for k in value if k not in instance)
        return f"{field_path([*path, missing])}: required field is missing"
    if kind == "additionalProperties":
        known = schema.get("properties", {})
        extra = sorted(str(key) for key in instance if key not in known)
        return f"{field_path([*path, extra[0]])}: unknown field"
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        expected = " or ".join(_TYPE_NAMES.get(str(name), str(name)) for name in wanted)
        return f"{field_path(path)}: expected {expected}, got {_kind(instance)}"
    if kind == "pattern":
        names = [part for part in path if isinstance(part, str)]
        meaning = _PATTERN_MEANING.get(names[-1] if names else "", "must not be blank")
        return f"{field_path(path)}: {meaning}"
    return f"{field_path(path)}: {error.message[:120]}"


def field_path(parts: Sequence[Any]) -> str:
    """`sections[2].heading` for ["sections", 2, "heading"]; "briefing" for the top level."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.fullmatch(str(part)):
            out += f".{part}" if out else str(part)
        else:
            out += f"[{json.dumps(str(part), ensure_ascii=False)}]"
    return out or "briefing"


def _kind(value: Any) -> str:
    for name, types in (
        ("null", type(None)),
        ("boolean", bool),
        ("integer", int),
        ("number", float),
        ("string", str),
        ("array", list),
        ("object", dict),
    ):
        if isinstance(value, types):
            return _TYPE_NAMES[name]
    return type(value).__name__


def from_data(data: Any) -> Briefing:
    """A Briefing from parsed JSON/YAML: validated, NFC text, sources filled in if omitted."""
    validate(data)
    data = _normalise(data, [])
    headline = data["headline"].strip()
    bullets = tuple(b.strip() for b in data.get("bullets", ()))
    lede = data.get("lede", "").strip()
    sections = tuple(
        Section(s["heading"].strip(), s["body"].strip(), dedupe(s.get("sources", ())))
        for s in data.get("sections", ())
    )
    if "sources" in data:
        sources = dedupe(data["sources"])
    else:
        sources = dedupe(source for section in sections for source in section.sources)
    attribution = data.get("attribution")
    return Briefing(
        headline=headline,
        bullets=bullets,
        lede=lede,
        sections=sections,
        sources=sources,
        attribution=None
        if attribution is None
        else make_attribution(attribution["brand"], attribution.get("tagline")),
        url=data.get("url"),
        date=data.get("date"),
        language=data.get("language") or briefing_language(headline, bullets, lede, sections),
        warnings=tuple(Diagnostic.from_dict(w) for w in data.get("warnings", ())),
        links=tuple(Link.from_dict(link) for link in data.get("links", ())),
        quotes=tuple(Quotation(q["text"].strip(), q["speaker"].strip(),
                               (q.get("role") or "").strip(), q.get("section"))
                     for q in data.get("quotes", ())),
    )


def _normalise(value: Any, path: list[Any]) -> Any:
    """Validated data with every string NFC; an unpaired surrogate escape is refused."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise SchemaError(f"{field_path(path)}: contains an unpaired surrogate (\\ud800…)")
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_normalise(item, [*path, i]) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {key: _normalise(item, [*path, key]) for key, item in value.items()}
    return value
