"""Sentence spans for the share-text reader, in linear time.

Why not `sharecard.text.split_sentences` (UAX #29 via uniseg)? uniseg is pure Python and
costs ~35 µs per character: half a minute for a 1 MB body, and the reader must stay
fast on any input up to the size cap. This scanner keeps the parts of UAX #29 the reader
relies on: a terminator, optional closing marks, then whitespace and no lowercase or
clause continuation ("U.S. states", "etc., and" do not end a sentence); CJK full stops
end a sentence with no space. A test checks it agrees with uniseg on the corpus.
"""

from __future__ import annotations

import regex

from sharecard.text import CLOSERS, TERMINATORS

# Full-width terminators of scripts written without spaces between sentences.
UNSPACED_TERMINATORS = "。！？｡．"
_SPACED = "".join(sorted(TERMINATORS - set(UNSPACED_TERMINATORS)))
_CLOSE = "".join(sorted(CLOSERS))

_END = regex.compile(
    rf"[{regex.escape(UNSPACED_TERMINATORS)}][{regex.escape(_CLOSE)}]*"
    rf"|[{regex.escape(_SPACED)}][{regex.escape(_CLOSE)}]*(?=\s+[^\p{{Ll}},;:\s]|\s*$)"
)

# Scripts written without spaces between words or sentences (no space is put between them).
UNSPACED_SCRIPT = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
    r"\u3000-\u303f\uff00-\uffef]"
)


def sentence_ends(text: str) -> list[int]:
    """Offsets just past each sentence's terminator and closing marks (len(text) last)."""
    ends = [m.end() for m in _END.finditer(text)]
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


def first_sentence_end(text: str) -> int:
    """Offset just past the first sentence of `text` (len(text) if it never ends)."""
    match = _END.search(text)
    return match.end() if match else len(text)


def is_unspaced(char: str) -> bool:
    """True for a character of a script that puts no spaces between words (CJK, Thai…)."""
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
