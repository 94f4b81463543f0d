"""Where a line likes to end: after a clause, not one to three characters before it.

Every break opportunity may end a line, but a reader takes a line that ends with its
clause in one go, and stumbles on "…资金约1万亿 / 元，…" (the clause's last character
alone on the next line) or "why the grid is the new / bottleneck: AI…" (the colon's
clause split where the colon offered a clean break). So each break carries a weight the
line filler adds to a layout's score (lines.py):

- STRONG after a full stop, question or exclamation mark (。！？ . ! ? । ۔ ؟), a colon (： :),
  and at the ideographic space a Japanese headline puts between its two statements
  ("追加利上げを見送り　円相場は…");
- CLAUSE after a clause mark: 、，；؛; and a Latin semicolon or a spaced dash;
- LATE, a penalty, one to three characters before a CJK clause mark that more text
  follows (the clause would end at the start of the next line).
Everything else weighs 0. The weights are in the filler's units: the squared share of
the measure a line leaves empty, so STRONG outweighs a line about a third shorter.
"""

from __future__ import annotations

from collections.abc import Sequence

from sharecard.compiled import cached_regex

STRONG = 0.14
CLAUSE = 0.07
LATE = -0.10

_STRONG_MARKS = frozenset("。！？．.!?:：।॥؟۔")
_CLAUSE_MARKS = frozenset("、，；;—–؛")
_CJK_CLAUSE = frozenset("、，。：；！？")
_IDEOGRAPHIC_SPACE = "\u3000"
# Closing marks that may stand between a clause's last mark and the break: 」 ” ) …
_CLOSERS = frozenset("\"'”’»›)]}」』）】〉》〕")
_CJK = cached_regex(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


def _mark_before(text: str, pos: int) -> tuple[str, bool]:
    """The last character before `pos` that is neither a space nor a closing mark, and
    whether a space (any, the ideographic one included) stands between it and `pos`."""
    i = pos
    spaced = False
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in _CLOSERS):
        spaced = spaced or text[i - 1].isspace()
        i -= 1
    return (text[i - 1] if i > 0 else ""), spaced


def _weight(text: str, pos: int) -> float:
    if pos >= len(text):
        return 0.0
    if text[pos - 1] == _IDEOGRAPHIC_SPACE:
        return STRONG
    mark, spaced = _mark_before(text, pos)
    if mark in _STRONG_MARKS:
        # A Latin "." or ":" ends a clause only before a space ("3.5", "U.S." do not).
        if mark in ".!?:" and not spaced:
            return 0.0
        if mark == "." and _abbreviation(text, pos):
            return 0.0
        return STRONG
    if mark in _CLAUSE_MARKS:
        if mark in ";—–" and not spaced:
            return 0.0
        return CLAUSE
    ahead = text[pos : pos + 4]
    for k, char in enumerate(ahead):
        if char.isspace():
            break
        if char in _CJK_CLAUSE and k >= 1 and _CJK.match(text[pos - 1]):
            # Late only if text goes on after the mark: the paragraph's own last clause
            # ("市場の / 反応は？") ends where it should.
            rest = text[pos + k + 1 :].strip()
            return LATE if rest and any(c not in _CLOSERS for c in rest) else 0.0
    return 0.0


def _abbreviation(text: str, pos: int) -> bool:
    """"U.S. officials", "Dr. Ruiz": a one-letter or capitalised short word before "."."""
    end = text.rfind(".", 0, pos)
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:end]
    return len(word) <= 1 or (len(word) <= 3 and word[:1].isupper() and word in _TITLES)


_TITLES = frozenset({"Dr", "Mr", "Mrs", "Ms", "St", "Sen", "Rep", "Gen", "Gov", "Jr", "Sr"})


def break_weights(text: str, allowed: Sequence[int]) -> tuple[float, ...]:
    """The weight of each allowed break of `text` (aligned with `allowed`)."""
    return tuple(_weight(text, pos) for pos in allowed)
