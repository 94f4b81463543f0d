"""Where an inline heading ends: "### Bottom line The headline is…" → "Bottom line".

Scout writes each section as one run of text, "### heading body…", with no mark where the
heading stops. Most headings are questions and end at their "?"; the rest are short
phrases ("Bottom line", "What to watch"), and the body starts with a capitalised word
right after a lowercase one. Scripts without case (Arabic, CJK…) give no such hint: there
the heading is taken to be the first word.
"""

from __future__ import annotations

import itertools

import regex

from sharecard.compiled import cached_regex
from sharecard.text import CLOSERS, first_sentence_end

MAX_HEADING_WORDS = 15
MAX_HEADING_CHARS = 160
_QUESTION = cached_regex(r"[?？؟⁇⁈]")
_WORD = cached_regex(r"\S+")
_LEADING_MARKS = "\"'“‘«¿¡(["
_CLOSING_MARKS = "".join(sorted(CLOSERS))

# Words that open a sentence far more often than they continue a heading: when one
# follows a lowercase word, the body most likely starts there.
# fmt: off
SENTENCE_OPENERS = frozenset((
    "The", "A", "An", "It", "Its", "This", "That", "These", "Those", "There", "Here", "In",
    "On", "At", "As", "For", "But", "And", "If", "When", "While", "After", "Before", "Since",
    "Some", "Many", "Most", "Each", "Every", "All", "Both", "One", "We", "They", "He", "She",
    "I", "You", "Our", "Their", "His", "Her", "Now", "Today", "Still", "Yet", "Even", "Only",
    "So", "Because", "According", "By", "With", "From", "Over", "Under",
))
# fmt: on
# Words a heading cannot end on ("Why the | EU matters"): no split right after them.
# fmt: off
_FUNCTION_WORDS = frozenset((
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "nor", "as", "into", "onto", "over", "under", "about", "than", "via", "vs", "its",
    "their", "his", "her", "our", "my", "your", "this", "that", "these", "those", "is", "are",
    "was", "were", "be", "has", "have", "had", "will", "would", "can", "could", "should",
    "may", "might", "must", "not",
))
# fmt: on


def split_heading(chunk: str) -> tuple[str, str]:
    """Split the text after a "### " marker into (heading, body)."""
    chunk = chunk.strip()
    if not chunk:
        return "", ""
    question = _question_end(chunk)
    if question is not None:
        return chunk[:question].strip(), chunk[question:].strip()
    first = _first_letter(chunk)
    if first is None or first.lower() == first.upper():
        match = regex.search(r"\s", chunk)
        return (chunk, "") if match is None else (chunk[: match.start()], chunk[match.end() :])
    cut = _case_split(chunk)
    return chunk[:cut].strip(), chunk[cut:].strip()


def _question_end(chunk: str) -> int | None:
    """End of a leading question ("What actually changed?"), if the chunk opens with one."""
    mark = _QUESTION.search(chunk, 0, MAX_HEADING_CHARS)
    if mark is None:
        return None
    # Marks only: a Thai question heading has spaces inside ("อะไรทำให้ กนง. ตัดสินใจ?").
    end = first_sentence_end(chunk, spaces=False)
    if chunk[mark.end() : end].strip(_CLOSING_MARKS):  # the first sentence ends elsewhere
        return None
    if end <= mark.start() or len(_WORD.findall(chunk[:end])) > MAX_HEADING_WORDS:
        return None
    return end


def _case_split(chunk: str) -> int:
    """Offset where the body starts in a cased-script chunk with no question mark."""
    sentence_end = first_sentence_end(chunk)
    words = list(_WORD.finditer(chunk, 0, sentence_end))[: MAX_HEADING_WORDS + 1]
    candidates = [
        word
        for position, (prev, word) in enumerate(itertools.pairwise(words))
        if _initial_is(word.group(), "Lu")
        and prev.group().lower() not in _FUNCTION_WORDS
        and (
            _initial_is(prev.group(), "Ll")
            # "How markets saw Powell The Fed…": an opener may follow a proper noun, but
            # not the first word (title case: "Why This Matters").
            or (position > 0 and _is_opener(word.group()))
        )
    ]
    if not candidates:
        return sentence_end
    for word in candidates:
        if _is_opener(word.group()):
            return word.start()
    return candidates[0].start()


def _is_opener(word: str) -> bool:
    return word.lstrip(_LEADING_MARKS) in SENTENCE_OPENERS


def _first_letter(text: str) -> str | None:
    match = regex.search(r"\p{L}", text)
    return None if match is None else match.group()


def _initial_is(word: str, category: str) -> bool:
    """Is the first letter of `word` (after opening quotes) of Unicode category `category`?"""
    stripped = word.lstrip(_LEADING_MARKS)
    return bool(stripped) and regex.match(rf"\p{{{category}}}", stripped[0]) is not None
