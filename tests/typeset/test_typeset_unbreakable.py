"""A headline that is one unbreakable "word" (issue 9, item 3): cut into lines at grapheme
boundaries in linear work, and still set inside its box.

Work is counted, not timed: the emergency cut reads the paragraph's grapheme boundaries,
and the number of reads must grow linearly with the text (it grew quadratically when each
line rescanned every boundary from the paragraph start). Time is measured by
scripts/bench_unbreakable.py.
"""

from __future__ import annotations

from sharecard.records import replace
from sharecard.typeset.linebreak import url_spans
from sharecard.typeset.lines import fill_paragraph
from sharecard.typeset.shaping import Paragraph, shape_paragraph

WORD = "Unbreakable"


def _word(length: int) -> str:
    return (WORD * (length // len(WORD) + 1))[:length]


class _CountingTuple(tuple):
    """A tuple that counts how many of its items are read."""

    reads = 0

    def __getitem__(self, index):  # type: ignore[override]
        _CountingTuple.reads += 1
        return super().__getitem__(index)

    def __iter__(self):
        for item in super().__iter__():
            _CountingTuple.reads += 1
            yield item


def _counted(p: Paragraph) -> Paragraph:
    breaks = replace(p.breaks, graphemes=_CountingTuple(p.breaks.graphemes),
                     soft=_CountingTuple(p.breaks.soft))
    return replace(p, breaks=breaks)


def _reads_to_fill(fonts, length: int) -> tuple[int, int]:
    chain = fonts.chain(weight=700)
    p = _counted(shape_paragraph(_word(length), chain, base_level=None, language="en"))
    _CountingTuple.reads = 0
    spans, forced = fill_paragraph(p, 0, limit=12.0)  # about 20 graphemes a line
    assert len(spans) - 1 <= forced <= len(spans) and len(spans) > length // 40
    assert "".join(p.text[s.start:s.next] for s in spans) == p.text
    return _CountingTuple.reads, len(spans)


def test_the_emergency_cut_reads_each_boundary_a_bounded_number_of_times(fonts):
    short, lines_short = _reads_to_fill(fonts, 2_000)
    long, lines_long = _reads_to_fill(fonts, 8_000)
    assert lines_long >= 3.9 * lines_short
    # Linear: 4x the text, about 4x the reads (plus a log factor from bisection); the
    # quadratic rescan read ~16x as many (and about 800,000 for 8,000 characters).
    assert long <= 5 * short, (short, long)
    assert long <= 4 * 8_000, long


def test_a_40k_character_word_is_set_clamped_inside_its_box(ts):
    box = ts.text_box(_word(40_000), x=64, y=64, width=1072, height=200, size=(40, 72),
                      max_lines=3, weight="bold", balance=True)
    assert 1 <= len(box.lines) <= 3
    assert box.clamped and box.lines[-1].endswith("…")
    assert "".join(box.lines).rstrip("…") == _word(40_000)[: sum(map(len, box.lines)) - 1]
    x0, y0, x1, y1 = box.bounds
    assert x0 >= 63.5 and x1 <= 1136.5 and y0 >= 63.5 and y1 <= 264.5


def test_addresses_are_still_found_whole_and_long_words_have_none():
    text = "Mail a.b+c@d-e.example.org, read news.example.co.uk/2025/iran or www.x.org today"
    assert [text[a:b] for a, b in url_spans(text)] == [
        "a.b+c@d-e.example.org", "news.example.co.uk/2025/iran", "www.x.org"]
    for hostile in (_word(40_000), "a." * 20_000, "a-" * 20_000, "a%b+" * 10_000):
        assert url_spans(hostile) == []
    assert url_spans("a.." * 10 + "b.example.com/x") == [(30, 45)]
