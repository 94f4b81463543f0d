"""Fixtures for the paint tests: the card renderer's Typesetter (one per session)."""

from __future__ import annotations

import pytest

from cards.cardkit import renderer
from sharecard.typeset import Typesetter


@pytest.fixture(scope="session")
def ts() -> Typesetter:
    return renderer().typesetter
