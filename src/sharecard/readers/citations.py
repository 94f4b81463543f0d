"""Citations out, clipped fragments out: turn share-text prose into clean text + sources.

Scout cites sources as bare domains in parentheses, "(iranwatch.org)". When its text was
clipped, a citation is left glued to the pieces: "…signed it in Moscow (iranwatch.org)e
“how far can they use this framework?”". A fragment is never shown to anyone, so the
sentence holding a damaged citation is dropped whole: the unterminated text before the
citation back to the previous sentence end, and the partial text after it up to its
terminator. Only its length is reported (`Drop`), never its text.

Thai and Lao have no sentence-final mark: a sentence ends at a space between two of their
letters (see sharecard.text), text ending in one of their letters is complete, and since
they put spaces around a citation, one glued to their letters on either side is damage
("ฟื้นตั(bot.or.th)วอย่าง").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import msgspec
import regex

from sharecard.compiled import cached_regex
from sharecard.text import (
    CLOSERS,
    is_terminated,
    is_unpunctuated,
    is_unspaced,
    join_spaced,
    sentence_spans,
    starts_lowercase,
)

_DOMAIN = r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s()]*)?"
CITATION = cached_regex(rf"\(({_DOMAIN})\)", regex.IGNORECASE)
# A run of adjacent citations with the spaces around it: "… years. (reuters.com) (ft.com) ".
_RUN = cached_regex(rf"[ \t]*\({_DOMAIN}\)(?:[ \t]*\({_DOMAIN}\))*[ \t]*", regex.IGNORECASE)
# Whitespace and further citations after a citation: skipped to see what text follows.
_SKIP = cached_regex(rf"(?:\s*\({_DOMAIN}\))*\s*", regex.IGNORECASE)
_SPACES = cached_regex(r"[ \t]{2,}")
# Enough of the text around a citation to judge it (the test reads only its edges).
_CONTEXT = 64

# What may follow a citation placed mid-sentence, "a report (reuters.com), the…": the
# sentence goes on or ends, so the text around it is whole.
CONTINUERS = frozenset(",;:.!?…、，。；：！？—–") | CLOSERS


class Drop(msgspec.Struct, frozen=True):
    """A sentence dropped because clipping broke it: where, and how much (never the text)."""

    citation: str
    chars: int


class Cleaned(msgspec.Struct, frozen=True):
    """Prose with its citations lifted out and its damaged sentences dropped."""

    text: str
    sources: tuple[str, ...]
    drops: tuple[Drop, ...]


def dedupe(items: Iterable[str]) -> tuple[str, ...]:
    """Distinct items in first-appearance order."""
    return tuple(dict.fromkeys(items))


def clean_prose(
    raw: str, *, links: Sequence[tuple[int, str]] = (), require_terminated: bool = True
) -> Cleaned:
    """Lift citations out of `raw`, dropping each sentence a citation shows to be clipped.

    `links` are extra sources at offsets of `raw` (Markdown links whose text stays), merged
    with the citations in reading order. With `require_terminated`, a citation that ends
    the text after an unterminated sentence counts as damage (prose always ends its
    sentences; a bullet may not).
    """
    found: list[tuple[int, str]] = list(links)
    kept: list[str] = []
    drops: list[Drop] = []
    for start, end in _sentence_spans(raw):
        span = raw[start:end]
        runs = list(_RUN.finditer(span))
        for run in runs:
            at = start + run.start()
            found.extend((at + m.start(), m.group(1)) for m in CITATION.finditer(run.group()))
        damaged = next((run for run in runs if _is_damaged(span, run, require_terminated)), None)
        if damaged is None:
            kept.append(_lift(span, runs))
        else:
            citation = CITATION.search(damaged.group())
            assert citation is not None  # a run is made of citations
            drops.append(Drop(citation.group(1), len(_lift(span, runs))))
    found.sort(key=lambda item: item[0])
    return Cleaned(
        text=_SPACES.sub(" ", join_spaced(kept)),
        sources=dedupe(source for _, source in found),
        drops=tuple(drops),
    )


def _sentence_spans(raw: str) -> list[tuple[int, int]]:
    """Sentences of `raw`; in Thai and Lao a citation set off by a space after one of
    their letters also ends one ("…เป้าหมาย (bot.or.th) ขณะเดียวกัน…"), as a full stop
    before a citation does in English."""
    out: list[tuple[int, int]] = []
    for start, end in sentence_spans(raw):
        cut = start
        for run in _RUN.finditer(raw, start, end):
            after_letter = run.start() > 0 and is_unpunctuated(raw[run.start() - 1])
            if after_letter and run.group()[0].isspace() and run.end() < end:
                out.append((cut, run.end()))
                cut = run.end()
        out.append((cut, end))
    return out


def _is_damaged(span: str, run: regex.Match[str], require_terminated: bool) -> bool:
    """Does this citation sit on clipped text (the rule is in the module docstring)?"""
    # Runs are maximal, so the text right before one is plain text (or nothing).
    before = span[max(0, run.start() - _CONTEXT) : run.start()]
    skip = _SKIP.match(span, run.end())
    assert skip is not None  # the pattern matches the empty string
    following = span[skip.end() : skip.end() + _CONTEXT]
    if before.strip() and not is_terminated(before):
        if not following:
            return require_terminated
        return following[0] not in CONTINUERS
    # Thai, Lao… end sentences with a space, and so write one around a citation: a
    # citation glued to one of their letters sits where text was cut out.
    prev = span[run.start() - 1 : run.start()] if run.start() else ""
    if is_unpunctuated(prev) and not run.group()[0].isspace():
        return True
    nxt = span[run.end() : run.end() + 1]
    glued = not run.group()[-1].isspace() and nxt.isalnum() and not is_unspaced(nxt)
    return glued or starts_lowercase(following)


def _lift(span: str, runs: list[regex.Match[str]]) -> str:
    """`span` without its citations: one space where they sat between words, none before
    punctuation or between CJK characters."""
    pieces: list[str] = []
    pos = 0
    for run in runs:
        pieces.append(span[pos : run.start()])
        prev = span[run.start() - 1] if run.start() > 0 else ""
        nxt = span[run.end()] if run.end() < len(span) else ""
        if prev and nxt and nxt not in CONTINUERS and not (is_unspaced(prev) or is_unspaced(nxt)):
            pieces.append(" ")
        pos = run.end()
    pieces.append(span[pos:])
    return "".join(pieces).strip()
