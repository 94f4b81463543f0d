"""Where text may be cut: word boundaries that are also grapheme boundaries.

A shortened blurb must end on a whole word and never inside a grapheme cluster (an
emoji sequence, a letter with its marks). Cut points are UAX #14 line-break
opportunities (ICU's, as the cards use: `sharecard.typeset.linebreak`) that fall after
a space, or next to a character of a script written without spaces (Han, kana, Thai…),
where ICU breaks only between words (by dictionary for Thai, Lao, Khmer and Myanmar).
"U.S.-led" offers a line break after the hyphen; we do not cut there.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

ELLIPSIS = "…"
_GRAPHEME = regex.compile(r"\X")
_UNSPACED = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
    r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u30fc]"
)
# Trailing marks that would dangle before an ellipsis: commas, colons, dashes, openers.
_DANGLING = ",;:、，；：-–—(\"'“‘«[{（「『【 \u200c\u200d"


_BREAKS = regex.compile(r"[ \t\r\n\v\f\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """`text` on one line: runs of ASCII spaces and line breaks become one space.

    Unlike `sharecard.text.squash_spaces` (`str.split`), this keeps the ideographic space
    (U+3000) and other spaces that carry meaning ("日銀、追加利上げを見送り　円相場は…").
    """
    return _BREAKS.sub(" ", text).strip(" ")


def grapheme_boundaries(text: str) -> list[int]:
    """Offsets (code points) between extended grapheme clusters, 0 and len included."""
    return [0, *(match.end() for match in _GRAPHEME.finditer(text))]


def word_boundaries(text: str) -> list[int]:
    """Offsets where `text` may be cut so that it ends on a whole word (ascending)."""
    # Imported here: the typeset package (fonts, shaping) is only needed to shorten.
    from sharecard.typeset.linebreak import line_breaks

    clusters = set(grapheme_boundaries(text))
    out: list[int] = []
    for i in line_breaks(text)[0]:
        if i not in clusters:
            continue
        after_space = i == len(text) or text[i - 1].isspace()
        if after_space or _UNSPACED.match(text[i - 1]) or _UNSPACED.match(text[i]):
            out.append(i)
    return out


def trim_for_ellipsis(prefix: str) -> str:
    """`prefix` without trailing spaces and marks that would dangle before "…"."""
    return prefix.rstrip().rstrip(_DANGLING).rstrip()


def shorten(text: str, fits: Callable[[str], bool]) -> str | None:
    """The longest word-boundary prefix of `text` plus "…" that `fits`; None if no word does.

    Used only where a sentence has to be shortened; whole text that fits is returned as is.
    """
    if fits(text):
        return text
    best: str | None = None
    for cut in word_boundaries(text):
        if cut >= len(text):
            break
        head = trim_for_ellipsis(text[:cut])
        if not head:
            continue
        candidate = head + ELLIPSIS
        if not fits(candidate):
            break
        best = candidate
    return best
