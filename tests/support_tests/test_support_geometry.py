"""Geometry helpers on known boxes."""

from __future__ import annotations

import pytest

from support.geometry import assert_inside, assert_no_overlap, inside, overlaps, spill

CARD = (0, 0, 1200, 630)
SAFE = (60, 60, 1140, 570)


def test_inside_plain_and_edges() -> None:
    assert inside((100, 100, 200, 150), SAFE)
    assert inside(SAFE, SAFE)
    assert not inside(CARD, SAFE)


def test_inside_tolerance_is_per_side() -> None:
    assert inside((59.6, 100, 200, 150), SAFE)  # 0.4 px spill, default tol 0.5
    assert not inside((59.4, 100, 200, 150), SAFE)
    assert inside((59.4, 100, 200, 150), SAFE, tol=1)
    assert not inside((100, 100, 1140.6, 570), SAFE, tol=0.5)
    assert not inside((100, 100, 200, 570.51), SAFE)


def test_overlaps() -> None:
    a = (0, 0, 10, 10)
    assert overlaps(a, (5, 5, 15, 15))
    assert overlaps(a, (2, 2, 3, 3))  # contained
    assert not overlaps(a, (10, 0, 20, 10))  # touching edge
    assert not overlaps(a, (0, 10, 10, 20))
    assert not overlaps(a, (11, 11, 12, 12))
    assert not overlaps(a, (5, 5, 5, 5))  # empty box draws nothing


def test_spill_names_sides() -> None:
    assert spill((50, 100, 1150, 200), SAFE) == {"left": 10.0, "right": 10.0}
    assert spill((100, 100, 200, 200), SAFE) == {}


def test_assert_inside_message() -> None:
    assert_inside((100, 100, 200, 150), SAFE)
    with pytest.raises(AssertionError, match=r"headline .* spills \{'bottom': 30\.0\}"):
        assert_inside((100, 500, 200, 600), SAFE, what="headline")


def test_assert_no_overlap_lists_pairs() -> None:
    assert_no_overlap([(0, 0, 10, 10), (10, 0, 20, 10), (0, 10, 10, 20)])
    with pytest.raises(AssertionError) as info:
        assert_no_overlap(
            [(0, 0, 10, 10), (5, 5, 15, 15), (100, 100, 110, 110), (8, 8, 9, 9)],
            names=["title", "body", "brand", "dot"],
        )
    message = str(info.value)
    assert "title" in message and "body" in message and "dot" in message
    assert "brand" not in message


def test_bad_boxes_rejected() -> None:
    with pytest.raises(ValueError):
        inside((10, 10, 0, 0), SAFE)
    with pytest.raises(ValueError):
        overlaps((0, 0, 1), (0, 0, 1, 1))
    with pytest.raises(ValueError):
        assert_no_overlap([(0, 0, 1, 1)], names=["a", "b"])
