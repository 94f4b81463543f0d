"""The Scout share-text reader: what a news app writes when a reader shares a briefing.

Layout (see tests/data/corpus): line 1 the headline; key bullets, one per line or inline
("- a. - b. - c."); the body, one long line: lede, then " ### Heading text…" sections,
citing sources as "(domain)"; then an optional promo footer. Everything here is pure: the
text in, a Briefing out, or an InputError naming what is missing.
"""

from __future__ import annotations

import regex

from sharecard.compiled import cached_regex
from sharecard.errors import InputError
from sharecard.model import Briefing, Section
from sharecard.readers.assemble import assemble
from sharecard.readers.citations import Cleaned, clean_prose
from sharecard.readers.footer import attribution, footer_start, is_footer_line
from sharecard.readers.headings import split_heading
from sharecard.text import (
    CLOSERS,
    TERMINATORS,
    is_terminated,
    is_unpunctuated,
    is_unspaced,
    starts_lowercase,
)

# A first line longer than this is a paragraph, not a headline.
MAX_HEADLINE_CHARS = 300
_BULLET = cached_regex(r"[-•*]\s+(?=\S)")
# " - " between inline bullets; only a split where the text before ends a sentence.
_INLINE_BULLET = cached_regex(r"\s+[-•]\s+(?=\S)")
_HEADING = cached_regex(r"(?:^|(?<=\s))#{2,6}(?:\s+|$)")
_SPACES = cached_regex(r"[ \t]+")


def parse_scout(text: str) -> Briefing:
    """Read a share text; raises InputError when it has no recognisable headline."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is None:
        raise InputError("no text to read")
    headline = lines[first]
    _check_headline(headline)
    end = footer_start(lines, first + 1)
    content = [line for line in lines[first + 1 : end] if line]
    bullet_count = next(
        (i for i, line in enumerate(content) if not _BULLET.match(line)), len(content)
    )

    pieces: list[tuple[str, Cleaned]] = []
    bullets: list[str] = []
    for raw in (b for line in content[:bullet_count] for b in split_inline_bullets(line)):
        cleaned = clean_prose(raw, require_terminated=False)
        pieces.append((f"bullet {len(bullets) + 1}", cleaned))
        if cleaned.text:
            bullets.append(cleaned.text)

    lede_raw, *chunks = _HEADING.split(" ".join(content[bullet_count:]))
    lede = clean_prose(lede_raw)
    pieces.append(("the lede", lede))
    sections: list[Section] = []
    for chunk in chunks:
        heading, body_raw = split_heading(chunk)
        if not heading:
            continue
        body = clean_prose(body_raw)
        pieces.append((f"section “{heading}”", body))
        sections.append(Section(heading, body.text, body.sources))

    return assemble(
        headline=headline,
        bullets=bullets,
        lede=lede.text,
        sections=sections,
        pieces=pieces,
        attribution=attribution(lines[end:]),
    )


def split_inline_bullets(line: str) -> list[str]:
    """Bullets of one "- " line: "- a. - b." holds two; "- in the U.S. - the…" (lowercase
    after the dash) holds one.

    Bullets written without final punctuation ("- Oil up 2% - Stocks fall - Gold flat",
    or Thai and Japanese ones) split where the next starts with a capital or a letter of
    a caseless script and the text before holds more than one word; a dash between
    lowercase words ("- Oil up - stocks down") or after one word ("- Biden - Trump…")
    stays inside the bullet. When the line's bullets do end their sentences, only a dash
    after a sentence end splits.
    """
    body = _BULLET.sub("", line, count=1)
    dashes = list(_INLINE_BULLET.finditer(body))
    punctuated = any(_ends_with_mark(body[: m.start()]) for m in dashes) or _ends_with_mark(body)
    bullets: list[str] = []
    start = 0
    for match in dashes:
        before = body[start : match.start()]
        after = body[match.end() : match.end() + 64]
        if punctuated:
            split = is_terminated(before[-64:]) and not starts_lowercase(after)
        else:
            split = _opens_bullet(after) and _more_than_a_word(before)
        if split:
            bullets.append(before.strip())
            start = match.end()
    bullets.append(body[start:].strip())
    return [bullet for bullet in bullets if bullet]


def _ends_with_mark(text: str) -> bool:
    """Ends with sentence-final punctuation (then only closing marks)."""
    stripped = text.rstrip().rstrip("".join(CLOSERS)).rstrip()
    return bool(stripped) and stripped[-1] in TERMINATORS


def _opens_bullet(text: str) -> bool:
    """Starts with a capital or a letter of a caseless script (Thai, Han, Arabic…)."""
    first = regex.search(r"\p{L}", text[:8])
    if first is None:
        return False
    letter = first.group()
    return letter.isupper() or letter.lower() == letter.upper()


def _more_than_a_word(text: str) -> bool:
    text = text.strip()
    return " " in text or (len(text) > 2 and (is_unspaced(text[-1]) or is_unpunctuated(text[-1])))


def _check_headline(line: str) -> None:
    """Raise unless the first line can be a headline."""
    problem = None
    if _BULLET.match(line):
        problem = "the first line is a bullet"
    elif _HEADING.match(line):
        problem = "the first line is a section heading"
    elif is_footer_line(line):
        problem = "the text starts with the share footer"
    elif not regex.search(r"[\p{L}\p{N}]", line):
        problem = "the first line has no words"
    elif len(line) > MAX_HEADLINE_CHARS:
        problem = f"the first line is {len(line)} characters long, not a headline"
    if problem:
        raise InputError(f"no recognisable headline: {problem}")
