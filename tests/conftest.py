"""Fixtures shared by every test suite.

`tests/` is on sys.path (``pythonpath`` in pyproject), so suites import the visual-check
helpers as ``support`` (``from support.ocr import assert_reads_as``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from support import artifacts_dir
from support.browser import require_chromium
from support.ocr import require_tesseract


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of the Chromium binary; fails the test when missing (see support.unavailable)."""
    return require_chromium()


@pytest.fixture
def tesseract() -> Callable[[str], None]:
    """``tesseract("fa")`` fails the test unless Tesseract and that language pack exist."""
    return require_tesseract


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Path | None:
    """Per-test folder for debug images, or None unless SHARECARD_TEST_ARTIFACTS is set."""
    root = artifacts_dir()
    if root is None:
        return None
    folder = root / request.node.name.replace("/", "_").replace("[", "-").rstrip("]")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
