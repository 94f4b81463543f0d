"""A briefing's cost grows at most linearly with what it holds (issue 21): 10, 100 and
1,000 bullets, with the caps raised, cost the fit policy the same number of measurements
(only what fits is set), and a bundle's work and peak memory grow no faster than the
count. Work is counted, not timed: the function calls a bundle makes (Python and C,
through sys.setprofile) are the same on every machine, busy or idle, where seconds are
not. A quadratic step (as the fit's one-item-at-a-time drop and the blurbs'
one-bullet-at-a-time fill were) multiplies the ratio by ten at each step, far past the
bounds below. (Speed itself is measured by bench/bench_speed.py.)"""

from __future__ import annotations

import json
import sys
import tracemalloc

import pytest

import sharecard
from sharecard.typeset import Typesetter

LIMITS = sharecard.InputLimits(max_bullets=10_000)
COUNTS = (10, 100, 1000)


def _briefing(n: int, words: int) -> bytes:
    bullets = [" ".join(f"word{i}x{j}" for j in range(words)) for i in range(n)]
    return json.dumps({"headline": "Rates hold as inflation cools",
                       "bullets": bullets}).encode()


def _bundle(data: bytes) -> None:
    sharecard.bundle_files(data, presets="og", limits=LIMITS)


def _calls(data: bytes) -> int:
    """The function calls (Python and C) one bundle of `data` makes."""
    count = 0

    def profile(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        _bundle(data)
    finally:
        sys.setprofile(None)
    return count


def _peak_bytes(data: bytes) -> int:
    tracemalloc.start()
    try:
        _bundle(data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("words", [1, 10])
def test_the_fit_sets_only_what_fits(monkeypatch, words):
    calls = {"n": 0}
    original = Typesetter.text_box

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Typesetter, "text_box", counted)
    measured = []
    for n in COUNTS:
        calls["n"] = 0
        _bundle(_briefing(n, words))
        measured.append(calls["n"])
    assert measured[1] <= measured[0] * 3 and measured[2] <= measured[1] * 1.2, measured


@pytest.mark.parametrize("words", [1, 10])
def test_work_and_memory_grow_at_most_linearly(words):
    _bundle(_briefing(10, words))  # warm: fonts, templates, caches
    data = {n: _briefing(n, words) for n in COUNTS}
    work = {n: _calls(data[n]) for n in COUNTS}
    peak = {n: _peak_bytes(data[n]) for n in COUNTS}
    # Linear growth allows 10x per step (less, with the fixed cost of a bundle); a
    # quadratic step would be ~100x.
    for small, large in ((10, 100), (100, 1000)):
        assert work[large] <= 12 * work[small], work
        assert peak[large] <= 12 * peak[small], peak
