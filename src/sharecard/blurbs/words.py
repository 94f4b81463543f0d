"""Where text may be cut: word boundaries that are also grapheme boundaries.

A shortened blurb ends on a whole word (on a grapheme boundary only when not even its
first word fits) and never inside a grapheme cluster (an emoji sequence, a letter with
its marks). Cut points are UAX #14 line-break
opportunities (ICU's, as the cards use: `sharecard.typeset.linebreak`) that fall after
a space, or next to a character of a script written without spaces (Han, kana, Thai…),
where ICU breaks only between words (by dictionary for Thai, Lao, Khmer and Myanmar).
"U.S.-led" offers a line break after the hyphen; we do not cut there.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate

from sharecard.compiled import cached_regex

ELLIPSIS = "…"
_GRAPHEME = cached_regex(r"\X")
_UNSPACED = cached_regex(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
    r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u30fc]"
)
# Trailing marks that would dangle before an ellipsis: commas, colons, dashes, openers.
_DANGLING = ",;:、，；：-–—(\"'“‘«[{（「『【 \u200c\u200d"


_BREAKS = cached_regex(r"[ \t\r\n\v\f\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """`text` on one line: runs of ASCII spaces and line breaks become one space.

    Unlike `sharecard.text.squash_spaces` (`str.split`), this keeps the ideographic space
    (U+3000) and other spaces that carry meaning ("日銀、追加利上げを見送り　円相場は…").
    """
    return _BREAKS.sub(" ", text).strip(" ")


def grapheme_boundaries(text: str) -> list[int]:
    """Offsets (code points) between extended grapheme clusters, 0 and len included."""
    if text.isascii() and "\r" not in text:  # every ASCII character but CR LF stands alone
        return list(range(len(text) + 1))
    return list(accumulate(map(len, _GRAPHEME.findall(text)), initial=0))  # in C, not a loop


def grapheme_count(text: str) -> int:
    """Extended grapheme clusters (UAX #29), as ``Intl.Segmenter`` and Ruby count them."""
    if text.isascii():  # each character is a cluster, but CR LF is one (UAX #29, GB3)
        return len(text) - text.count("\r\n")
    return len(_GRAPHEME.findall(text))


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
    """The longest prefix of `text` plus "…" that `fits`: cut at a word boundary when a
    first word fits, else (a first "word" longer than the limit: a URL-like string, a
    language written without spaces that ICU does not segment) at a grapheme boundary.
    None only when not even one grapheme and "…" fit: the rest of the post leaves no room.

    Used only where a sentence has to be shortened; whole text that fits is returned as is.
    """
    window = _window(text, fits)
    if window == text and fits(text):
        return text
    for cuts in (word_boundaries, grapheme_boundaries):
        best = _longest_prefix(window, cuts(window), fits)
        if best is not None:
            return best
    return None


def _window(text: str, fits: Callable[[str], bool]) -> str:
    """A leading piece of `text` that holds every prefix that can fit: twice the first
    length (256, 512, … code points) that does not fit, or all of `text`. So shortening
    a 5 MB headline counts and segments a few hundred characters, not 5 MB."""
    size = 256
    while size < len(text) and fits(text[:size]):
        size *= 2
    return text if 2 * size >= len(text) else text[: 2 * size]


def _longest_prefix(text: str, cuts: list[int], fits: Callable[[str], bool]) -> str | None:
    """The longest ``text[:cut]`` + "…" that fits, by bisection over `cuts`: a platform's
    count grows with the prefix, so O(log n) counts, not one per word, even for a
    Facebook-length limit. (A URL cut short can count less than whole; the cut found
    then still fits, it may just not be the longest.)"""
    heads = [c for c in cuts if 0 < c < len(text)]

    def candidate(k: int) -> str:
        head = trim_for_ellipsis(text[: heads[k]])
        return head + ELLIPSIS if head else ""

    lo, hi = -1, len(heads)  # heads[lo] fits (-1: none tried), heads[hi] does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        text_mid = candidate(mid)
        if not text_mid or fits(text_mid):  # an empty head is shorter than any that fits
            lo = mid
        else:
            hi = mid
    return (candidate(lo) or None) if lo >= 0 else None
