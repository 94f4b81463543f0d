"""Shared helpers for the reader tests: the data folder and the real CLI entry point."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from support.cli import Run, run_cli

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli
