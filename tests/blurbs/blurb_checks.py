"""Checks that a blurb or post is made only of whole words of the clean source text.

Independent of `sharecard.blurbs.words` on purpose: a cut is accepted when the source
continues with a space or punctuation after it, or (for CJK) when it falls between two
grapheme clusters of a script written without spaces.
"""

from __future__ import annotations

import re
import unicodedata

import regex

from sharecard.model import Briefing
from sharecard.text import is_terminated

NUMBERING = re.compile(r"^\d+/\d+ ")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}、。，！？]")


def source_texts(briefing: Briefing) -> list[str]:
    """Every clean text a post may quote from."""
    texts = [briefing.headline, *briefing.bullets, briefing.lede]
    for section in briefing.sections:
        texts += [section.heading, section.body]
    return [t for t in texts if t]


def _cluster_starts(text: str) -> set[int]:
    return {m.start() for m in regex.finditer(r"\X", text)} | {len(text)}


def _whole_prefix(line: str, source: str, shortened: bool) -> bool:
    """`line` is `source` up to a word boundary (a shortened one ends with "…")."""
    if not source.startswith(line):
        return False
    if len(line) == len(source):
        return True
    if len(line) not in _cluster_starts(source):
        return False
    after = source[len(line)]
    last = line[-1]
    if after.isspace() and not last.isspace():
        # A whole-sentence prefix must end like a sentence unless it was shortened.
        return shortened or unicodedata.category(last)[0] in "P"
    if shortened and (_CJK.match(last) or _CJK.match(after)):
        return True
    if shortened and unicodedata.category(after)[0] == "P" and last.isalnum():
        return True
    return not shortened and _CJK.match(last) is not None and last in "。！？"


def content_lines(post: str) -> list[str]:
    """The lines of `post` that quote the briefing (no link, attribution or hashtags)."""
    out = []
    for line in post.split("\n"):
        line = NUMBERING.sub("", line, count=1).removeprefix("• ")
        if not line or line.startswith(("http://", "https://", "via ", "#")):
            continue
        out.append(line)
    return out


def _sentence_starts(source: str) -> list[int]:
    """0 and every offset where a new sentence begins in `source`."""
    starts = [0]
    for i in range(1, len(source)):
        before = source[:i]
        if (before.endswith(" ") and is_terminated(before)) or (
            before[-1] in "。！？" and not source[i].isspace()
        ):
            starts.append(i)
    return starts


def _quotes(line: str, source: str, shortened: bool) -> bool:
    """`line` is whole words of `source`, starting where a sentence of it starts."""
    return any(
        _whole_prefix(line, source[start:], shortened)
        for start in _sentence_starts(source)
        if source.startswith(line[:1], start)
    )


def unquoted_lines(post: str, briefing: Briefing) -> list[str]:
    """Lines of `post` that are not whole words of a clean source text, from a sentence
    start up to a word boundary."""
    sources = source_texts(briefing)
    bad = []
    for line in content_lines(post):
        shortened = line.endswith("…")
        head = line[:-1] if shortened else line
        if not head or not any(_quotes(head, source, shortened) for source in sources):
            bad.append(line)
    return bad
