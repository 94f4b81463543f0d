"""Small, pure text helpers shared by readers, cards and blurbs.

Sentences are found by a linear scanner that keeps the parts of Unicode UAX #29 that
briefings need: a terminator, optional closing marks, then whitespace and no lowercase or
clause continuation ("U.S. states", "etc., and" do not end a sentence); CJK full stops end
a sentence with no space. Why not uniseg's UAX #29 itself? It is pure Python at ~35 µs per
character (half a minute for a 1 MB body, and the slow part of a bundle); a test holds this
scanner to uniseg on every corpus text. Thai and Lao, which UAX #29 does not split (they
end sentences with a space), are split at spaces between two of their letters.
"""

from __future__ import annotations

import unicodedata

import regex

from sharecard.compiled import cached_regex

# Sentence-final punctuation across the scripts we serve (Latin, Arabic, Devanagari, CJK,
# Khmer khan, Myanmar section mark…).
TERMINATORS = frozenset(".!?…‼⁇⁈⁉。．！？｡؟۔।॥។៕။")
# Closing marks that may follow a terminator and still end the sentence: ”  ’  »  )  」 …
CLOSERS = frozenset("\"'”’»›)]}」』）】〉》〕")


# Scripts written without spaces between words or sentences (no space is put between them).
# Thai, Lao, Khmer and Myanmar put none between words but do between sentences, so a space
# that joins two of their pieces stays (see split_sentences).
UNSPACED_SCRIPT = cached_regex(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]")


def is_unspaced(char: str) -> bool:
    """True for a character of a script that puts no spaces between sentences (CJK)."""
    return bool(char) and UNSPACED_SCRIPT.match(char) is not None


def join_spaced(parts: list[str]) -> str:
    """Join text pieces with one space, or none where either side is CJK-like script."""
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if out and not (is_unspaced(out[-1][-1]) or is_unspaced(part[0])):
            out.append(" ")
        out.append(part)
    return "".join(out)


def squash_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space and trim the ends."""
    return " ".join(text.split())


# Thai and Lao end a sentence with a space, not a mark (Khmer and Myanmar have marks but
# often write a space instead): a letter of theirs, spaces, then another letter of theirs is
# a sentence end, and text ending in one of their letters ends complete. ๆ/ໆ (repeat the
# word) sits between spaces inside a sentence ("ช้า ๆ ลง"), so it neither ends nor opens one.
_UNPUNCTUATED = r"[[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]&&[\p{L}\p{M}]--[ๆໆ]]"
_SPACE_END = cached_regex(rf"(?<={_UNPUNCTUATED})(?=[ \t\u3000]+{_UNPUNCTUATED})", regex.V1)
_UNPUNCTUATED_CHAR = cached_regex(_UNPUNCTUATED, regex.V1)


def is_unpunctuated(char: str) -> bool:
    """True for a letter of a script that ends sentences with a space (Thai, Lao…)."""
    return bool(char) and _UNPUNCTUATED_CHAR.fullmatch(char) is not None


def is_terminated(text: str) -> bool:
    """True when `text` ends like a complete sentence: a terminator, then only closers; or,
    in a script that ends sentences with a space (Thai…), one of its letters."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in CLOSERS:
        stripped = stripped[:-1].rstrip()
    return bool(stripped) and (stripped[-1] in TERMINATORS or is_unpunctuated(stripped[-1]))


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, each trimmed; empty ones dropped."""
    return [text[a:b].strip() for a, b in sentence_spans(text) if text[a:b].strip()]


def starts_lowercase(text: str) -> bool:
    """True when the first letter of `text` is a lowercase letter (a clipped continuation)."""
    for char in text:
        if char.isalpha():
            return unicodedata.category(char) == "Ll"
        if not char.isspace() and char not in "\"'“‘«(":
            return False
    return False


# Full-width terminators of scripts written without spaces between sentences.
UNSPACED_TERMINATORS = "。！？｡．"
_SPACED = "".join(sorted(TERMINATORS - set(UNSPACED_TERMINATORS)))
_CLOSE = "".join(sorted(CLOSERS))

# Thai and Lao write "." only in abbreviations (กนง., พ.ศ.): after one of their letters it
# ends no sentence.
_END = cached_regex(
    rf"[{regex.escape(UNSPACED_TERMINATORS)}][{regex.escape(_CLOSE)}]*"
    rf"|(?!(?<={_UNPUNCTUATED})\.)"
    rf"[{regex.escape(_SPACED)}][{regex.escape(_CLOSE)}]*(?=\s+[^\p{{Ll}},;:\s]|\s*$)",
    regex.V1,
)


def sentence_ends(text: str) -> list[int]:
    """Offsets just past each sentence's terminator and closing marks, or its last letter
    in Thai, Lao… (len(text) last)."""
    ends = [m.end() for m in _END.finditer(text)]
    if _UNPUNCTUATED_CHAR.search(text) is not None:
        ends = sorted({*ends, *(m.start() for m in _SPACE_END.finditer(text))})
    if not ends or ends[-1] < len(text.rstrip()):
        ends.append(len(text))
    return ends


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`; whitespace between them opens the next."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in sentence_ends(text):
        if end > start:
            spans.append((start, end))
            start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def first_sentence_end(text: str, *, spaces: bool = True) -> int:
    """Offset just past the first sentence of `text` (len(text) if it never ends).
    `spaces=False` ignores the space ends of Thai and Lao (only marks count)."""
    match = _END.search(text)
    space = _SPACE_END.search(text) if spaces else None
    ends = [m.end() if m is match else m.start() for m in (match, space) if m is not None]
    return min(ends, default=len(text))
