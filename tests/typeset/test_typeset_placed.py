"""A placed glyph is plain, immutable data: a named tuple (made fast, a card places
thousands) that keeps the dataclass protocol code written against it uses."""

from __future__ import annotations

import dataclasses

import pytest

from sharecard.typeset.layout import Placed


def test_placed_glyphs_keep_the_dataclass_protocol():
    g = Placed("face", 7, 1.5, 20.0, 16.0)
    assert dataclasses.is_dataclass(g)
    assert dataclasses.replace(g, gid=8, x=3.0) == Placed("face", 8, 3.0, 20.0, 16.0)
    assert [f.name for f in dataclasses.fields(g)] == ["face", "gid", "x", "y", "size"]
    assert g == Placed(face="face", gid=7, x=1.5, y=20.0, size=16.0)
    assert hash(g) == hash(Placed("face", 7, 1.5, 20.0, 16.0))
    with pytest.raises(AttributeError):
        g.x = 2.0  # type: ignore[misc]
