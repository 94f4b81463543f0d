"""Which reader a text needs, from its first lines (or the file name when it says).

JSON is an object; Markdown opens with YAML front matter followed by Markdown, or with a
"# " headline; a structured YAML briefing is a mapping with a top-level `headline` key;
everything else is a Scout share text, the format users paste most.
"""

from __future__ import annotations

from pathlib import PurePath

import regex

from sharecard.compiled import cached_regex

FORMATS = ("scout", "markdown", "json", "yaml")
# What a file named as a briefing ends in, and the stems of files beside briefings that are
# not briefings (a folder of them often holds a README or a licence).
BRIEFING_SUFFIXES = (".txt", ".md", ".markdown", ".json", ".yaml", ".yml")
NOT_BRIEFINGS = ("readme", "licence", "license", "copying", "changelog", "sources")
_SUFFIXES = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".md": "markdown",
    ".markdown": "markdown",
}
_FENCE = cached_regex(r"^(?:---|\.\.\.)[ \t]*$", regex.MULTILINE)
_YAML_HEADLINE = cached_regex(r"^[\"']?headline[\"']?[ \t]*:", regex.MULTILINE)
_KEY = cached_regex(r"[\"']?[\w$-]+[\"']?[ \t]*:(?:\s|$)")


def format_from_name(path: str | PurePath) -> str | None:
    """The format a file name's suffix promises (".md", ".json", ".yaml"…), if any."""
    return _SUFFIXES.get(PurePath(path).suffix.lower())


def detect_format(text: str) -> str:
    """One of FORMATS for `text` (already decoded, BOM removed)."""
    body = text.lstrip()
    if body.startswith("{"):
        return "json"
    first_line = body.split("\n", 1)[0].rstrip()
    if first_line == "---":
        closing = _FENCE.search(body, len(first_line))
        after = body[closing.end() :] if closing else ""
        return "markdown" if after.strip() else "yaml"
    if _YAML_HEADLINE.search(body) and _KEY.match(_first_yaml_line(body)):
        return "yaml"
    if regex.match(r"#[ \t]", first_line):
        return "markdown"
    return "scout"


def _first_yaml_line(body: str) -> str:
    """The first line that is neither blank nor a "#" comment."""
    for line in body.split("\n"):
        if line.strip() and not line.startswith("#"):
            return line
    return ""
