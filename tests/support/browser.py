"""Draw an SVG in headless Chromium and return the screenshot as PNG bytes.

This is the portability check: a card's SVG must look the same in a browser as in the PNG
CairoSVG made from it. The SVG is loaded as an image (``<img src="data:…">``), the way a
browser shows a standalone ``.svg`` file, inside a white W×H box at 0 margin — white because
the pixel diff composites the CairoSVG PNG over white too.

Chromium is driven over ``--remote-debugging-pipe`` (the DevTools protocol on fds 3/4, no
port, no extra library) instead of ``--screenshot --window-size``: that command-line mode
returns a W×H image whose content is shifted by the window chrome height for short windows
(seen at 600×100 with Chromium 156), and it costs a browser start per image. Over the pipe
the viewport is set exactly (Emulation.setDeviceMetricsOverride) and one browser per test
process serves every screenshot. Each result is still checked: exactly W×H, and no pixel of
the page's sentinel background colour showing beside the SVG box.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import functools
import io
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops

from . import unavailable

BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SENTINEL = (3, 254, 7)  # page background; never expected in a card, so it shows leaks
# Resolves once the <img> is decoded and rejects if the SVG cannot be drawn, so a broken
# SVG is an error rather than a blank white screenshot.
DECODE_IMAGES = "Promise.all(Array.from(document.images, (img) => img.decode()))"
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
    "--remote-debugging-pipe",
)


class ScreenshotError(RuntimeError):
    """Chromium failed, hung, or produced a screenshot that cannot be trusted."""


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
    """The HTML page that shows ``svg`` at 0 margin in a white ``width``×``height`` box.

    The SVG travels base64-encoded in a data: URL, so no text inside it can end the
    ``<img>`` tag or reach the page as markup.
    """
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


class Chromium:
    """One headless Chromium, driven over the DevTools pipe, for many screenshots.

    Use as a context manager, or call :meth:`close`. Not thread-safe by itself; the module
    function :func:`chromium_screenshot` wraps a shared instance in a lock.
    """

    def __init__(self, *, timeout: float = 60.0) -> None:
        binary = require_chromium()
        self.timeout = timeout
        self._tmp = tempfile.TemporaryDirectory(prefix="sharecard-chromium-")
        self._root = Path(self._tmp.name)
        self._pages = 0
        self._closed = False
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()

        def wire_pipe_fds() -> None:  # runs in the child: DevTools reads fd 3, writes fd 4
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        argv = [binary, *FLAGS, f"--user-data-dir={self._root / 'profile'}", "about:blank"]
        self._proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipe_fds,  # puts the pipe on fds 3/4
            pass_fds=(3, 4),
            start_new_session=True,  # own process group: close() ends every helper process
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._out, self._in = to_child_w, from_child_r
        try:
            self._session = self._attach_page()
        except BaseException:
            self.close()
            raise

    # -- DevTools protocol over the pipe: NUL-terminated JSON messages ----------------
    def _send(self, method: str, params: dict[str, Any] | None = None, **extra: Any) -> Any:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}, **extra}
        os.write(self._out, json.dumps(message).encode("utf-8") + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise ScreenshotError(f"{method} failed: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise ScreenshotError(f"Chromium did not answer within {self.timeout:g}s")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise ScreenshotError(f"Chromium exited (code {self._proc.poll()})")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def _wait_event(self, method: str) -> dict[str, Any]:
        while True:
            for i, event in enumerate(self._events):
                if event["method"] == method and event.get("sessionId") == self._session:
                    return self._events.pop(i)
            self._events.append(self._receive())

    def _attach_page(self) -> str:
        targets = self._send("Target.getTargets")["targetInfos"]
        page = next((t for t in targets if t["type"] == "page"), None)
        if page is None:
            page = {
                "targetId": self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
            }
        attached = self._send(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}
        )
        session = attached["sessionId"]
        self._send("Page.enable", sessionId=session)
        return session

    # -- public ---------------------------------------------------------------------
    def screenshot(self, svg: str, width: int, height: int) -> bytes:
        """PNG of ``svg`` drawn at ``width``×``height`` CSS px, device scale 1."""
        if width <= 0 or height <= 0:
            raise ValueError(f"bad size {width}x{height}")
        self._pages += 1
        page = self._root / f"page-{self._pages}.html"
        page.write_text(page_html(svg, width, height), encoding="utf-8")
        self._visit(page.as_uri(), width, height)
        try:
            self._run(DECODE_IMAGES)
        except ScreenshotError:
            raise ScreenshotError("Chromium could not draw the SVG (not a valid SVG image?)"
                                  ) from None
        s = self._session
        clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        shot = self._send(
            "Page.captureScreenshot",
            {"format": "png", "clip": clip, "captureBeyondViewport": False},
            sessionId=s,
        )
        page.unlink()
        png = base64.b64decode(shot["data"])
        check_screenshot(png, width, height)
        return png

    def evaluate(self, html: str, expression: str, *, width: int = 1600, height: int = 1200) -> Any:
        """Load `html` as a page, then the value of the JS `expression` (awaited if a promise).

        Used to read back how Chromium lays text out (line boxes via Range.getClientRects),
        to hold our line breaking to the browser's.
        """
        self._pages += 1
        page = self._root / f"page-{self._pages}.html"
        page.write_text(html, encoding="utf-8")
        self._visit(page.as_uri(), width, height)
        try:
            return self._run(expression)
        finally:
            page.unlink()

    def _visit(self, url: str, width: int, height: int) -> None:
        s = self._session
        self._send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            sessionId=s,
        )
        self._events.clear()
        self._send("Page.navigate", {"url": url}, sessionId=s)
        self._wait_event("Page.loadEventFired")

    def _run(self, expression: str) -> Any:
        result = self._send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            sessionId=self._session,
        )
        if "exceptionDetails" in result:
            raise ScreenshotError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def evaluate_url(self, url: str, expression: str, *, width: int = 1280,
                     height: int = 900) -> Any:
        """Open `url` (e.g. a bundle's page, so its relative images load from the bundle),
        then the value of the JS `expression` (awaited if a promise)."""
        self._visit(url, width, height)
        return self._run(expression)

    def screenshot_url(self, url: str, *, width: int = 1280) -> bytes:
        """PNG of the whole page at `url`, `width` CSS px wide (as tall as the page)."""
        self._visit(url, width, 900)
        self._run("Promise.all(Array.from(document.images, (i) => i.decode()))")
        height = int(self._run("document.documentElement.scrollHeight"))
        self._visit(url, width, height)
        self._run("Promise.all(Array.from(document.images, (i) => i.decode()))")
        clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        shot = self._send("Page.captureScreenshot", {"format": "png", "clip": clip},
                          sessionId=self._session)
        return base64.b64decode(shot["data"])

    @property
    def alive(self) -> bool:
        return self._proc.poll() is None

    def close(self) -> None:
        """End the browser and all its helper processes; remove the temporary profile."""
        if self._closed:
            return
        self._closed = True
        for fd in (self._out, self._in):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._proc.pid, signal.SIGKILL)  # the group of the browser we started
        self._proc.wait()
        self._tmp.cleanup()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_shared: Chromium | None = None
_lock = threading.Lock()


def _close_shared() -> None:
    global _shared
    if _shared is not None:
        _shared.close()
        _shared = None


atexit.register(_close_shared)


def _running() -> Chromium:
    """The shared browser, started or restarted if it died (the caller holds `_lock`)."""
    global _shared
    if _shared is None or not _shared.alive:
        _close_shared()
        _shared = Chromium()
    return _shared


def chromium_evaluate(html: str, expression: str) -> Any:
    """The value of `expression` on the page `html`, in the shared headless Chromium."""
    with _lock:
        try:
            return _running().evaluate(html, expression)
        except ScreenshotError:
            _close_shared()
            raise


def shared_chromium() -> Chromium:
    """The test process's shared headless Chromium (started, or restarted, on demand).
    Callers hold no lock: use it from one thread."""
    with _lock:
        return _running()


def chromium_screenshot(svg: str, width: int, height: int) -> bytes:
    """Render ``svg`` in headless Chromium at ``width``×``height`` CSS px (scale 1); PNG bytes.

    Uses one browser per test process, started on first use and restarted if it died.
    Fails the test (see :func:`support.unavailable`) if Chromium is not installed, and
    raises ScreenshotError if it fails or its output cannot be trusted.
    """
    with _lock:
        try:
            return _running().screenshot(svg, width, height)
        except ScreenshotError:
            _close_shared()  # a confused browser is not reused; the next call starts fresh
            raise
