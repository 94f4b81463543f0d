"""Shared paths for the reader tests: the data folder and the share-text corpus."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS_FILES = sorted((DATA / "corpus").glob("*.txt"))
