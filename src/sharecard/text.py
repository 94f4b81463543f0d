"""Small, pure text helpers shared by readers, cards and blurbs.

Sentence segmentation follows Unicode UAX #29 (via `uniseg`), which already knows that
"U.S.-led" does not end a sentence and that "。" and "؟" do.
"""

from __future__ import annotations

import unicodedata

from uniseg.sentencebreak import sentences as _uax29_sentences

# Sentence-final punctuation across the scripts we serve (Latin, Arabic, Devanagari, CJK…).
TERMINATORS = frozenset(".!?…‼⁇⁈⁉。．！？｡؟۔।॥")
# Closing marks that may follow a terminator and still end the sentence: ”  ’  »  )  」 …
CLOSERS = frozenset("\"'”’»›)]}」』）】〉》〕")


def squash_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space and trim the ends."""
    return " ".join(text.split())


def is_terminated(text: str) -> bool:
    """True when `text` ends like a complete sentence (terminator, then only closers)."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in CLOSERS:
        stripped = stripped[:-1].rstrip()
    return bool(stripped) and stripped[-1] in TERMINATORS


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` (UAX #29), each trimmed; empty ones dropped."""
    return [s.strip() for s in _uax29_sentences(text) if s.strip()]


def starts_lowercase(text: str) -> bool:
    """True when the first letter of `text` is a lowercase letter (a clipped continuation)."""
    for char in text:
        if char.isalpha():
            return unicodedata.category(char) == "Ll"
        if not char.isspace() and char not in "\"'“‘«(":
            return False
    return False
