"""Joining cleaned text pieces: one space, or none between CJK-like scripts.

(Sentence scanning lives in `sharecard.text`, shared with cards and blurbs.)
"""

from __future__ import annotations

from sharecard.compiled import cached_regex

# Scripts written without spaces between words or sentences (no space is put between them).
# Thai, Lao, Khmer and Myanmar put none between words but do between sentences, so a space
# that joins two of their pieces stays (see sharecard.text).
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
