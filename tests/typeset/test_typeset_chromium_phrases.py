"""Our phrase breaks against Chromium's: `word-break: auto-phrase` (ja) and `keep-all` (ko).

The same texts are laid out in headless Chromium in the same faces (Noto Sans CJK via
fontconfig) at many widths, and the line breaks read back with Range.getClientRects. Only
widths where every phrase fits are used: below that both fall back to breaking inside a
phrase, each in its own way.

Chromium 156 applies auto-phrase to Japanese only: Chinese comes out broken between any
two characters, and Thai between the words of ICU's dictionary. So Thai is held to
Chromium's breaks (ours hold a few more: compounds, names, numbers with their units), and
Chinese to the rule that every Chromium break is ours or inside a phrase we keep whole.
Japanese: the `budoux` package is pinned to 0.10.0, whose model is the one Chromium 156
compiles in (0.10.1 retrained it: "据え|置いた"); the agreement is measured, not demanded
to be total, since a line start Chromium takes inside a first phrase too wide for the
narrowest widths counts against us.
"""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

import budoux
import pytest

from sharecard.readers import read_path
from sharecard.typeset.keep import keep_spans
from sharecard.typeset.linebreak import paragraph_breaks
from support.browser import chromium_evaluate

DATA = Path(__file__).resolve().parents[1] / "data"
SIZE = 40
# Per text: the character offsets where Chromium starts a new line.
LINE_STARTS = """
(async () => {
  await document.fonts.ready;
  return Array.from(document.querySelectorAll('div'), (div) => {
    const node = div.firstChild, text = node.data, range = document.createRange();
    const starts = [];
    let top = null;
    for (let i = 0; i < text.length; i++) {
      if (/\\s/.test(text[i])) continue;
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rects = range.getClientRects();
      if (!rects.length) continue;
      if (top !== null && rects[0].top > top + 1) starts.push(i);
      top = rects[0].top;
    }
    return starts;
  });
})()
"""


def _page(items: list[tuple[str, int]], family: str, lang: str, word_break: str) -> str:
    divs = "".join(
        f'<div lang="{lang}" style="width:{w}px">{html.escape(t)}</div>' for t, w in items
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>body{margin:0}"
        f"div{{font-family:'{family}';font-size:{SIZE}px;line-height:1.5;"
        f"word-break:{word_break};margin-bottom:20px}}</style></head><body>{divs}</body></html>"
    )


def _texts(path: Path) -> list[str]:
    b = read_path(path)
    return [b.headline, *b.bullets, b.lede, *(s.heading for s in b.sections),
            *(s.body for s in b.sections)]


def _agreement(ts, texts, phrases, family, lang, word_break, excused=lambda text, x: False):
    """(Chromium breaks that are ours, all Chromium breaks, ours Chromium used, all ours).
    A Chromium break that `excused(text, offset)` explains counts as ours."""
    theirs_in = theirs = 0
    ours_used = ours = 0
    for text in texts:
        widest = max(ts.measure(p, size=SIZE, language=lang) for p in phrases(text))
        widths = [w for w in range(100, 1400, 9) if w >= widest + 2]
        got = chromium_evaluate(_page([(text, w) for w in widths], family, lang, word_break),
                                LINE_STARTS)
        allowed = set(paragraph_breaks(text, lang).allowed) - {len(text)}
        # A line starts after the break and any space the break left hanging.
        starts = {b + (text[b] == " ") if b < len(text) else b for b in allowed}
        used = {x for line_starts in got for x in line_starts}
        theirs += sum(len(s) for s in got)
        theirs_in += sum(x in starts or excused(text, x) for s in got for x in s)
        ours += len(starts)
        ours_used += len(starts & used)
    return theirs_in, theirs, ours_used, ours


def test_japanese_breaks_agree_with_chromium_auto_phrase(ts, chromium) -> None:
    parser = budoux.load_default_japanese_parser()
    texts = _texts(DATA / "corpus" / "ja-boj-rates.txt")
    theirs_in, theirs, ours_used, ours = _agreement(
        ts, texts, parser.parse, "Noto Sans CJK JP", "ja", "auto-phrase"
    )
    assert theirs > 500 and ours > 30
    assert theirs_in >= 0.95 * theirs, (theirs_in, theirs)
    assert ours_used >= 0.9 * ours, (ours_used, ours)


def _kept_together(text: str, x: int) -> bool:
    """Chromium breaks inside "11월 27일", "2.5%로" and after "원·": we keep those whole
    on purpose (a date, a number with its unit, a compound word)."""
    inside = any(a < x < b for a, b in keep_spans(text))
    punctuation = any(unicodedata.category(c).startswith("P") for c in text[x - 1 : x + 1])
    return inside or punctuation or text[x - 1] == "%"


def test_korean_breaks_agree_with_chromium_keep_all(ts, chromium) -> None:
    texts = _texts(DATA / "briefings" / "ko-bok-rates.txt")
    theirs_in, theirs, ours_used, ours = _agreement(
        ts, texts, str.split, "Noto Sans CJK KR", "ko", "keep-all", _kept_together
    )
    assert theirs > 200
    assert theirs_in == theirs, (theirs_in, theirs)
    assert ours_used >= 0.9 * ours, (ours_used, ours)


@pytest.mark.parametrize("word_break", ["normal"])
def test_without_phrases_chromium_breaks_inside_words(ts, chromium, word_break) -> None:
    """The check can fail: plain `word-break: normal` breaks where we do not."""
    parser = budoux.load_default_japanese_parser()
    texts = _texts(DATA / "corpus" / "ja-boj-rates.txt")
    theirs_in, theirs, _, _ = _agreement(
        ts, texts, parser.parse, "Noto Sans CJK JP", "ja", word_break
    )
    assert theirs_in < 0.8 * theirs, (theirs_in, theirs)


def _our_pieces(language: str):
    """The runs between our allowed breaks: the widths tried are those they all fit."""
    def pieces(text: str) -> list[str]:
        allowed = paragraph_breaks(text, language).allowed
        return [text[a:b] for a, b in zip((0, *allowed), allowed, strict=False)]
    return pieces


def _held(language: str):
    """A Chromium break we hold back on purpose: inside a phrase, a dictionary word's
    compound, a name, or a number with its unit (`Breaks.soft`)."""
    def excused(text: str, x: int) -> bool:
        return x in paragraph_breaks(text, language).soft
    return excused


def _measured(ts, path: Path, family: str, language: str) -> tuple[int, int, int, int, int]:
    texts = _texts(path)
    pieces = _our_pieces(language)
    theirs_in, theirs, ours_used, ours = _agreement(ts, texts, pieces, family, language, "normal")
    with_held = _agreement(ts, texts, pieces, family, language, "normal", _held(language))[0]
    return theirs_in, with_held, theirs, ours_used, ours


def test_thai_breaks_agree_with_chromium(ts, chromium) -> None:
    """Chromium breaks Thai between the words of ICU's dictionary, as we do: every one of
    its breaks is ours or one we hold on purpose (a compound of the keep list, a name, a
    number with its unit). Measured (line starts over 144 widths): 1191 of 1557 Chromium
    breaks are ours, the other 366 are held; 115 of our 123 breaks are ones Chromium
    uses."""
    theirs_in, with_held, theirs, ours_used, ours = _measured(
        ts, DATA / "briefings" / "th-bot-rates.txt", "Noto Sans Thai", "th")
    assert theirs > 200 and ours > 30
    assert with_held == theirs, (with_held, theirs)
    assert theirs_in >= 0.7 * theirs, (theirs_in, theirs)
    assert ours_used >= 0.9 * ours, (ours_used, ours)


def test_chinese_breaks_where_chromium_may_and_keeps_its_words(ts, chromium) -> None:
    """Chromium (even with auto-phrase) breaks Chinese between any two characters, so
    most of its breaks part a word ("上|涨"); ours are phrase ends that are also word ends.
    Every Chromium break is ours or one inside a phrase we keep. Measured: 440 of 1062
    Chromium breaks are ours, 622 part a phrase; Chromium, filling every line to the
    last character, ends a line at 54 of our 69 breaks."""
    theirs_in, with_held, theirs, ours_used, ours = _measured(
        ts, DATA / "briefings" / "zh-pboc-rrr.txt", "Noto Sans CJK SC", "zh")
    assert theirs > 300 and ours > 20
    assert with_held == theirs, (with_held, theirs)
    assert theirs_in < 0.6 * theirs, (theirs_in, theirs)  # Chromium parts words; we do not
    assert ours_used >= 0.7 * ours, (ours_used, ours)
