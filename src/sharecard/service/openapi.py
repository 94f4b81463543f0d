"""The parts of the OpenAPI document FastAPI cannot derive: the briefing request body (read
raw, so size limits apply first) and the briefing's JSON Schema as components.

The schema is the one `sharecard schema` prints and the JSON/YAML readers enforce, with
its ``$defs`` moved under ``components/schemas`` (a ``#/$defs/…`` reference would point at
the OpenAPI document's root) and its ``$id`` dropped (it would rebase those references).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

PREFIX = "Briefing"


class ErrorBody(BaseModel):
    """Every error: a stable code to branch on and a message for people."""

    error: str
    message: str


ERROR_TEXT = {
    400: "The request is malformed (no body, bad query string, bad form).",
    403: "The URL's signature is missing or wrong.",
    408: "The request body did not arrive in time.",
    413: "The body, its text or its logo is over the service's size limit.",
    414: "The request line is over the service's header limit (--max-header-bytes).",
    431: "The request headers are over the service's limit (--max-header-bytes).",
    415: "The Content-Type is not a briefing format (or not UTF-8).",
    422: "A parameter or the briefing is invalid, or the image would be too large.",
    503: "Every worker is busy and the queue is full; see Retry-After.",
    504: "The render took longer than the service's time limit.",
}


# What the protocol layer can answer to any request (`service.protocol`).
PROTOCOL_ERRORS = (414, 431)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    header = {"X-Sharecard-Error": {"description": "The error's code, as in the body (the "
                                    "answer to HEAD has none).",
                                    "schema": {"type": "string"}}}
    return {s: {"model": ErrorBody, "description": ERROR_TEXT[s], "headers": header}
            for s in sorted({*statuses, *PROTOCOL_ERRORS})}


def _rewrite(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = f"#/components/schemas/{PREFIX}_{value.removeprefix('#/$defs/')}"
            else:
                out[key] = _rewrite(value)
        return out
    if isinstance(node, list):
        return [_rewrite(v) for v in node]
    return node


def briefing_schemas() -> dict[str, Any]:
    """``Briefing`` and its parts, as OpenAPI component schemas."""
    from sharecard.readers import schema_text

    schema = json.loads(schema_text())
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    out = {PREFIX: _rewrite(schema)}
    out.update({f"{PREFIX}_{name}": _rewrite(value) for name, value in defs.items()})
    return out


# What each text format's reader takes, as far as a pattern can say: no control
# characters, and a first line that can be a headline (Scout: words, not a bullet, not a
# "{" that would make the text JSON; Markdown: a "# " heading).
# (The readers strip a few stray control characters from a file; the service takes none.)
_CLEAN = r"[^\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
_SPACE = r"[ \t\r\n\x0c]"
_WORD = r"[A-Za-z0-9\u00c0-\uffff]"
_FIRST = r"[^ \t\r\n\x0c\x00-\x08\x0b\x0e-\x1f\x7f-\x9f#*•{-]"
_LINE = r"[^\n\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
SCOUT_PATTERN = rf"^{_SPACE}*({_WORD}|{_FIRST}{_LINE}*{_WORD}){_CLEAN}*$"
# Markdown: blank lines (spaces and tabs only, as CommonMark has them), then an ATX
# heading indented by at most three spaces.
MARKDOWN_PATTERN = rf"^([ \t]*(\r\n|\r|\n))*[ ]{{0,3}}# +{_WORD}{_CLEAN}*$"


def briefing_request_body(*, logo: bool = True) -> dict[str, Any]:
    scout = {"schema": {"type": "string", "minLength": 1, "pattern": SCOUT_PATTERN}}
    markdown = {"schema": {"type": "string", "minLength": 1, "pattern": MARKDOWN_PATTERN}}
    briefing = {"schema": {"$ref": f"#/components/schemas/{PREFIX}"}}
    form: dict[str, Any] = {
        "type": "object",
        "required": ["briefing"],
        "additionalProperties": False,
        "properties": {"briefing": {"type": "string", "pattern": SCOUT_PATTERN,
                                    "description": "The briefing: Scout share text, or any "
                                    "format as a file part with its Content-Type."}},
    }
    if logo:
        form["properties"]["logo"] = {
            "type": "string", "format": "binary",
            "description": "A self-contained SVG or PNG logo for the footer (size and "
                           "pixel caps apply; no DTDs, no links to other resources)."}
    return {
        "required": True,
        "description": "A briefing: Scout share text (text/plain), Markdown, JSON or YAML "
                       "following the briefing schema; or a form with a `briefing` part"
                       + (" and an optional `logo`." if logo else "."),
        "content": {
            "text/plain": scout,
            "text/markdown": markdown,
            "application/json": briefing,
            "application/yaml": briefing,
            "multipart/form-data": {"schema": form},
        },
    }


BLURB_EXAMPLE = {
    "default": "x",
    "url": "https://example.com/b/1",
    "platforms": {"x": {"text": "Putin, Iran deepen military coordination …",
                        "count": 251, "limit": 280, "counted_as": "weighted characters"}},
    "threads": {"x": ["1/6 Putin, Iran deepen military coordination …"]},
}
