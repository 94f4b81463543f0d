"""Every card of every briefing breaks its lines as an editor would.

On every corpus file and every briefing written for the project (Thai, Bengali, Chinese,
Korean), at og, square, portrait and story, for the cover, section and quote cards (from
`sharecard.pipeline.render_cards`), each text box's lines are checked against the text it was
given:
- no line starts with a dash or closing punctuation;
- no number is parted from its unit, and no date is split (the phrases listed per file:
  `keep_together` in the briefings' expected.json, KEEP below for the corpus);
- in Japanese and Chinese every break falls at a BudouX phrase end or a space, in Thai at
  a word end of ICU's dictionary (as Chromium breaks Thai) and never inside a compound of
  the keep list, and in Korean at a space — the checks use BudouX and ICU's word iterator
  directly, not sharecard's line breaker.
"""

from __future__ import annotations

import json
from pathlib import Path

import budoux
import icu
import pytest
import regex

from sharecard.cards.config import Settings
from sharecard.pipeline import render_cards
from sharecard.readers import read_path
from sharecard.typeset.api import paragraphs
from sharecard.typeset.compounds import COMPOUNDS
from support.fonts import require_script_faces

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = sorted((DATA / "corpus").glob("*.txt")) + sorted((DATA / "briefings").glob("*.txt"))
PRESETS = ("og", "square", "portrait", "story")
KEEP = {
    "seed-putin-iran": ["October 2, 2025", "January 17, 2025", "20-year"],
    "fa-iran-russia": ["مهر ۱۴۰۴"],
}
NO_LINE_START = "-‐‑‒–—―)]}”’»,.;:!?%、。，．！？：；）」』】〉》"
PHRASED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
HANGUL = regex.compile(r"\p{Hangul}")
THAI = regex.compile(r"\p{Thai}")
PARSERS = {
    "ja": budoux.load_default_japanese_parser,
    "zh": budoux.load_default_simplified_chinese_parser,
}


def _keep(path: Path) -> list[str]:
    expected = path.with_name(path.stem + ".expected.json")
    data = json.loads(expected.read_text("utf-8"))
    return data.get("keep_together", KEEP.get(path.stem, []))


def _breaks(text: str, lines: tuple[str, ...], clamped: bool) -> list[tuple[str, int, int]]:
    """(paragraph, end of a line, start of the next) for each break inside a paragraph."""
    shown = list(lines)
    if clamped and shown:
        shown[-1] = shown[-1].removesuffix("…")
    out: list[tuple[str, int, int]] = []
    paras = paragraphs(text)
    k, pos, prev_end = 0, 0, None
    for line in shown:
        while True:
            assert k < len(paras), (text, lines)
            para = paras[k]
            start = pos
            while start < len(para) and para[start].isspace():
                start += 1
            if line and para.startswith(line, start):
                break
            k, pos, prev_end = k + 1, 0, None
        if prev_end is not None:
            out.append((para, prev_end, start))
        pos = prev_end = start + len(line)
    return out


def _phrase_ends(para: str, language: str) -> set[int]:
    ends, at = set(), 0
    for chunk in PARSERS[language]().parse(para):
        at += len(chunk)
        ends.add(at)
    return ends


def _thai_word_ends(para: str) -> set[int]:
    """Word boundaries of ICU's dictionary (Thai text here is all in the BMP)."""
    it = icu.BreakIterator.createWordInstance(icu.Locale("th"))
    it.setText(para)
    return set(it)


def _inside_compound(para: str, end: int) -> str | None:
    for word in COMPOUNDS["Thai"]:
        for m in regex.finditer(regex.escape(word), para):
            if m.start() < end < m.end():
                return word
    return None


@pytest.fixture(scope="module")
def fonts() -> tuple[str, ...]:
    """No extra fonts: discovery finds the system's Thai and Bengali faces."""
    require_script_faces()
    return ()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_card_lines_break_where_an_editor_would(path: Path, fonts) -> None:
    briefing = read_path(path)
    language = (briefing.language or "").split("-")[0]
    settings = Settings(presets=PRESETS, cards=("cover", "sections", "quote"), fonts=fonts)
    cards, _ = render_cards(briefing, settings)
    keep = _keep(path)
    checked = {"breaks": 0, "phrase": 0, "thai": 0}
    shown = " ".join(box.text for card in cards for box in card.boxes)
    assert all(phrase in shown for phrase in keep), "a keep_together phrase is on no card"
    problems: list[str] = []
    for card in cards:
        for box in card.boxes:
            for para, end, start in _breaks(box.text, box.lines, box.clamped):
                before, after = para[max(0, end - 12) : end], para[start:][:12]
                where = f"{card.name} {box.name}: …{before}|{after}…"
                checked["breaks"] += 1
                if para[start] in NO_LINE_START:
                    problems.append(f"line starts with {para[start]!r}: {where}")
                for phrase in keep:
                    for m in regex.finditer(regex.escape(phrase), para):
                        if m.start() < start and end < m.end():
                            problems.append(f"{phrase!r} parted: {where}")
                spaced = start > end
                a, b = para[end - 1], para[start]
                if language in PARSERS and PHRASED.match(a) and PHRASED.match(b) and not spaced:
                    checked["phrase"] += 1
                    if end not in _phrase_ends(para, language):
                        problems.append(f"break inside a phrase: {where}")
                if language == "th" and THAI.match(a) and THAI.match(b) and not spaced:
                    checked["thai"] += 1
                    if end not in _thai_word_ends(para):
                        problems.append(f"break inside a dictionary word: {where}")
                    compound = _inside_compound(para, end)
                    if compound:
                        problems.append(f"{compound!r} parted: {where}")
                if language == "ko" and HANGUL.match(a) and HANGUL.match(b) and not spaced:
                    problems.append(f"break inside a Korean word: {where}")
    assert not problems, "\n".join(problems)
    assert checked["breaks"] >= 4, checked  # the cards do break lines: the checks ran
    if language in PARSERS:
        assert checked["phrase"] > 5, checked
    if language == "th":
        assert checked["thai"] > 5, checked
