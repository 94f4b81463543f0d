"""Shared visual-check helpers for sharecard's tests: OCR, Chromium, pixel diff, geometry.

    from support.ocr import assert_reads_as        # Tesseract read-back, CER
    from support.browser import chromium_screenshot  # the SVG drawn by headless Chromium
    from support.pixeldiff import assert_similar     # ≤ 1 % of pixels off by > 64/255
    from support.geometry import assert_inside, assert_no_overlap

    png = render(svg)                               # CairoSVG, W×H
    assert_similar(png, chromium_screenshot(svg, W, H), name="cover")
    assert_reads_as(png, box.lines, "fa", boxes=box.line_boxes, max_cer=0.05)

The tests that use these checks must not pass by skipping on a machine that lacks a tool:
`scripts/test.sh` installs Tesseract and Chromium, so a missing tool is a broken setup and
fails loudly. Only a developer who says so (``SHARECARD_ALLOW_SKIP=1``) gets a skip instead.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NoReturn

import pytest

ALLOW_SKIP_ENV = "SHARECARD_ALLOW_SKIP"
ARTIFACTS_ENV = "SHARECARD_TEST_ARTIFACTS"


def unavailable(message: str) -> NoReturn:
    """Fail (default) or skip (only with SHARECARD_ALLOW_SKIP=1) because a tool is missing."""
    if os.environ.get(ALLOW_SKIP_ENV) == "1":
        pytest.skip(message)
    pytest.fail(
        f"{message}\nscripts/test.sh installs it; set {ALLOW_SKIP_ENV}=1 to skip instead.",
        pytrace=False,
    )


def artifacts_dir() -> Path | None:
    """Directory for debugging images, or None: they are written only when asked for.

    Set SHARECARD_TEST_ARTIFACTS=DIR to keep renders and diff images of failing checks.
    """
    value = os.environ.get(ARTIFACTS_ENV)
    if not value:
        return None
    path = Path(value)
    path.mkdir(parents=True, exist_ok=True)
    return path


def artifact_path(name: str, suffix: str) -> Path | None:
    """Where to keep a debugging file called ``name`` (made filename-safe), or None."""
    folder = artifacts_dir()
    if folder is None:
        return None
    return folder / (re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") + suffix)
