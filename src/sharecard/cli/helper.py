"""A drawing process forked when `sharecard render` starts, so Skia loads on another core.

A cold render spends ~70 ms importing Skia (skia-python builds its thousands of
bindings at import) and ~25 ms drawing its first card, on one core, while the machine's
other cores idle. So the console script forks this helper before it loads anything
heavy (`DrawHelper.start`, from `cli.main`); the helper imports the painter
(`sharecard.raster.painter`: Skia, Pillow, zlib-ng) while the CLI reads the briefing and
lays the cards out, then turns each card it is sent into image bytes with
`sharecard.raster.rasterize_card`, the very function the CLI would have called, so the
bytes are the same (the tests hold them to each other). `DrawHelper.rasterize_cards`
keeps one card in flight: the helper draws it while the bundle's builder writes the
blurbs and the previous card's files (`api.build_bundle`).

What crosses the pipe is a card's display list, pickled (faces by reference: the helper
loads the same face from the same file, `typeset.fonts.face_at`), and its `Raster`s
back. Anything unusual (no ``fork``, as on Windows; macOS, where forking is unsafe; a
process allowed one core only; a helper that died, failed a card or took longer than
`REPLY_TIMEOUT`) and the card is drawn in the CLI's own process as before: the helper
only ever saves time. It writes no file and prints nothing, ignores Ctrl-C (the CLI
handles it), and exits when the CLI closes its pipe, exits or is killed. Only the
console script starts one: a library caller's process (a test, a server, a batch
worker) is never forked behind its back.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import struct
import sys
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from sharecard.paint.display import DisplayList
    from sharecard.raster import Drawable, Raster

REPLY_TIMEOUT = 60.0  # s for one card: far beyond any card's drawing; then draw in-process
_HEADER = struct.Struct(">Q")


class _Card:
    """A card as `rasterize_card` reads it, and no more (its SVG is never needed: only
    cards with a display list are sent). A plain class: this module loads before the
    fork, so it imports nothing the helper does not need yet."""

    __slots__ = ("display", "height", "width")

    def __init__(self, display: DisplayList, width: int, height: int) -> None:
        self.display = display
        self.width = width
        self.height = height

    @property
    def svg(self) -> str:
        raise RuntimeError("the drawing helper draws display lists only")


class DrawHelper:
    """The CLI's end of a drawing helper process (see the module)."""

    def __init__(self, pid: int, requests: int, replies: int) -> None:
        self.pid = pid
        self._requests = requests
        self._replies = replies
        self._alive = True
        self._in_flight = 0  # cards sent whose rasters have not been read

    @classmethod
    def start(cls, *, min_cores: int = 2) -> DrawHelper | None:
        """Fork the helper; None where processes cannot fork (or the fork fails), or
        where this process may run on fewer than `min_cores` cores: on one, the helper's
        imports would take turns with the CLI's, for nothing. (The tests pass 1: what the
        helper draws must not depend on the machine the suite runs on.)"""
        if not hasattr(os, "fork") or sys.platform == "darwin":  # macOS: fork is unsafe
            return None
        if _usable_cores() < min_cores:
            return None
        try:
            from_parent, to_child = os.pipe()  # (read end, write end)
            from_child, to_parent = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            for fd in (to_child, from_parent, from_child, to_parent):
                os.close(fd)
            return None
        if pid == 0:
            os.close(to_child)
            os.close(from_child)
            _serve(from_parent, to_parent)
        os.close(from_parent)
        os.close(to_parent)
        return cls(pid, to_child, from_child)

    def rasterize_cards(self, cards: Sequence[Drawable], *, scale: float = 1.0,
                        formats: tuple[str, ...] = ("png",),
                        max_bytes: Sequence[int | None] | None = None
                        ) -> Iterator[tuple[Raster, ...]]:
        """`sharecard.raster.rasterize_cards`, drawn by the helper when it can: the
        first card is sent now, each next one when the one before comes back, so the
        helper draws while the caller does other work (one card in flight: a pipe
        holds 64 KB, and neither side then waits on the other's full pipe)."""
        caps = [None] * len(cards) if max_bytes is None else list(max_bytes)
        if self._in_flight:  # a caller stopped reading: its replies would answer ours
            self._fail()
        first = self._submit(cards[0], scale, formats, caps[0]) if cards else False
        return self._collect(cards, scale, formats, caps, first)

    def _collect(self, cards: Sequence[Drawable], scale: float, formats: tuple[str, ...],
                 caps: Sequence[int | None], sent: bool) -> Iterator[tuple[Raster, ...]]:
        from sharecard.raster import rasterize_card

        for index, (card, cap) in enumerate(zip(cards, caps, strict=True)):
            reply = self._reply() if sent else None
            sent = index + 1 < len(cards) and self._submit(
                cards[index + 1], scale, formats, caps[index + 1])
            if reply is None:  # not sent, or the helper failed it: draw it here
                reply = rasterize_card(card, scale=scale, formats=formats, max_bytes=cap)
            yield reply

    def _submit(self, card: Drawable, scale: float, formats: tuple[str, ...],
                cap: int | None) -> bool:
        """Send one card to draw; False (draw it here) when it has no display list or
        the helper is gone."""
        display = card.display
        if display is None or not self._alive:
            return False
        request = (_Card(display, card.width, card.height), scale, formats, cap)
        try:
            payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a card that does not pickle is drawn here
            return False
        try:
            _send(self._requests, payload)
        except OSError:  # a dead helper (EPIPE)
            self._fail()
            return False
        self._in_flight += 1
        return True

    def _reply(self) -> tuple[Raster, ...] | None:
        """The helper's rasters for the card sent last, or None (and no more asking
        if the helper itself failed)."""
        try:
            status, rasters = pickle.loads(_receive(self._replies, REPLY_TIMEOUT))
            self._in_flight -= 1
        except Exception:  # a dead, stuck or confused helper: draw here from now on
            self._fail()
            return None
        if status != "ok":  # the card failed there: drawing it here says why
            return None
        return tuple(rasters)

    def close(self) -> None:
        """End the helper now (it holds nothing a kill could lose: no file, no output;
        one still loading the painter, after an error, would finish that first), and
        reap it if it is gone already; else the system does, as the CLI exits next."""
        if not self._alive:
            return
        self._alive = False
        for fd in (self._requests, self._replies):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, os.WNOHANG)

    def _fail(self) -> None:
        """Stop using a helper that failed, and wait for its end (`close` kills it)."""
        alive = self._alive
        self.close()
        if alive:
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)


def _usable_cores() -> int:
    """The cores this process may run on (its affinity mask, where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _serve(requests: int, replies: int) -> NoReturn:
    """The helper process: load the painter, then answer requests until EOF."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the CLI's to handle
        with contextlib.suppress(OSError):  # never write on the terminal or a pipe
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.close(devnull)
        from sharecard.raster import painter, rasterize_card

        painter()
        gc.enable()  # the CLI forked with it off, for its own start-up
        while True:
            try:
                request = _receive(requests, None)
            except EOFError:
                break
            try:
                card, scale, formats, max_bytes = pickle.loads(request)
                reply: tuple[str, Any] = ("ok", rasterize_card(
                    card, scale=scale, formats=formats, max_bytes=max_bytes))
            except Exception:
                reply = ("error", None)
            _send(replies, pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _send(fd: int, payload: bytes) -> None:
    data = memoryview(_HEADER.pack(len(payload)) + payload)
    while data:
        data = data[os.write(fd, data):]


def _receive(fd: int, timeout: float | None) -> bytes:
    """One framed message; EOFError when the other end closed, TimeoutError when
    `timeout` seconds pass first."""
    deadline = None if timeout is None else time.monotonic() + timeout
    header = _read_exactly(fd, _HEADER.size, deadline)
    (size,) = _HEADER.unpack(header)
    return _read_exactly(fd, size, deadline)


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise TimeoutError("the drawing helper did not answer")
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the drawing helper's pipe closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)

