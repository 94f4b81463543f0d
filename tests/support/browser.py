"""Draw an SVG in headless Chromium and return the screenshot as PNG bytes.

This is the portability check: a card's SVG must look the same in a browser as in the
PNG CairoSVG made from it. The SVG is loaded as an image (``<img src="data:…">``), the way
a browser shows a standalone ``.svg`` file, inside a white W×H box at 0 margin — white
because the pixel diff composites the CairoSVG PNG over white too.

Chromium is started fresh for every call (its own temporary profile, no network services),
so calls are independent and can run in parallel.  Headless screenshots have been known to
come out smaller than the window (scrollbars, window chrome) or to show the page background
beside the content: the page background is an odd sentinel colour, and the result is
rejected unless it is exactly W×H and no sentinel pixel shows.
"""

from __future__ import annotations

import base64
import functools
import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

from . import unavailable

BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SENTINEL = (3, 254, 7)  # page background; never expected in a card, so it shows leaks
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--mute-audio",
)


class ScreenshotError(RuntimeError):
    """Chromium ran but did not produce a trustworthy W×H screenshot."""


@functools.cache
def chromium_binary() -> str | None:
    """Path of the first Chromium-family browser on PATH, or None."""
    for name in BINARIES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """Return the browser path; fail (or skip if SHARECARD_ALLOW_SKIP=1) when there is none."""
    found = chromium_binary()
    if found is None:
        unavailable(f"Chromium not found (looked for {', '.join(BINARIES)})")
    return found


def page_html(svg: str, width: int, height: int) -> str:
    """The HTML page that shows ``svg`` at 0 margin in a white ``width``×``height`` box."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    r, g, b = SENTINEL
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        f"html,body{{margin:0;padding:0;overflow:hidden;background:rgb({r},{g},{b})}}"
        f"div{{width:{width}px;height:{height}px;background:#fff}}"
        "img{display:block}"
        "</style></head><body><div>"
        f'<img width="{width}" height="{height}" alt="" '
        f'src="data:image/svg+xml;base64,{data}">'
        "</div></body></html>"
    )


def _run(argv: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run Chromium in its own process group so a hang kills all of its helpers too."""
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ScreenshotError(f"Chromium timed out after {timeout:g}s") from None
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def check_screenshot(png: bytes, width: int, height: int) -> Image.Image:
    """Open and validate a screenshot: exact size, and no page background showing."""
    image = Image.open(io.BytesIO(png))
    image.load()
    if image.size != (width, height):
        raise ScreenshotError(f"screenshot is {image.size}, expected {(width, height)}")
    rgb = image.convert("RGB")
    leak = ImageChops.difference(rgb, Image.new("RGB", rgb.size, SENTINEL)).convert("L")
    where = leak.point(lambda v: 255 if v == 0 else 0).getbbox()
    if where is not None:
        raise ScreenshotError(f"page background shows in the screenshot at {where}")
    return image


def chromium_screenshot(svg: str, width: int, height: int, *, timeout: float = 60.0) -> bytes:
    """Render ``svg`` in headless Chromium at ``width``×``height`` CSS px (scale 1); PNG bytes.

    Fails the test (see :func:`support.unavailable`) if Chromium is not installed, and
    raises ScreenshotError if it fails or its output cannot be trusted.
    """
    binary = require_chromium()
    if width <= 0 or height <= 0:
        raise ValueError(f"bad size {width}x{height}")
    with tempfile.TemporaryDirectory(
        prefix="sharecard-chromium-", ignore_cleanup_errors=True
    ) as tmp:
        root = Path(tmp)
        page = root / "page.html"
        page.write_text(page_html(svg, width, height), encoding="utf-8")
        shot = root / "shot.png"
        argv = [
            binary,
            *FLAGS,
            f"--user-data-dir={root / 'profile'}",
            f"--screenshot={shot}",
            f"--window-size={width},{height}",
            page.as_uri(),
        ]
        result = _run(argv, timeout)
        if result.returncode != 0 or not shot.exists():
            tail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
            raise ScreenshotError(
                f"Chromium exited {result.returncode} without a screenshot: " + " | ".join(tail)
            )
        png = shot.read_bytes()
    check_screenshot(png, width, height)
    return png
