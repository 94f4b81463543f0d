"""The Scout share-text reader: what a news app writes when a reader shares a briefing.

Layout (see tests/data/corpus): line 1 the headline; key bullets, one per line or inline
("- a. - b. - c."); the body, one long line: lede, then " ### Heading text…" sections,
citing sources as "(domain)"; then an optional promo footer. Everything here is pure: the
text in, a Briefing out, or an InputError naming what is missing.
"""

from __future__ import annotations

import regex

from sharecard.errors import InputError
from sharecard.model import Briefing, Section
from sharecard.readers.assemble import assemble
from sharecard.readers.citations import Cleaned, clean_prose
from sharecard.readers.footer import attribution, footer_start, is_footer_line
from sharecard.readers.headings import split_heading
from sharecard.text import is_terminated, starts_lowercase

# A first line longer than this is a paragraph, not a headline.
MAX_HEADLINE_CHARS = 300
_BULLET = regex.compile(r"[-•*]\s+(?=\S)")
# " - " between inline bullets; only a split where the text before ends a sentence.
_INLINE_BULLET = regex.compile(r"\s+[-•]\s+(?=\S)")
_HEADING = regex.compile(r"(?:^|(?<=\s))#{2,6}(?:\s+|$)")
_SPACES = regex.compile(r"[ \t]+")


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
    """Bullets of one "- " line: "- a. - b." holds two; "- a - b" (no sentence end) and
    "- in the U.S. - the…" (lowercase after the dash) hold one."""
    body = _BULLET.sub("", line, count=1)
    bullets: list[str] = []
    start = 0
    for match in _INLINE_BULLET.finditer(body):
        ends_sentence = is_terminated(body[max(start, match.start() - 64) : match.start()])
        if ends_sentence and not starts_lowercase(body[match.end() : match.end() + 64]):
            bullets.append(body[start : match.start()].strip())
            start = match.end()
    bullets.append(body[start:].strip())
    return [bullet for bullet in bullets if bullet]


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
