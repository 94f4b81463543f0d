"""A request body, read within the service's limits, as (briefing bytes, format, logo).

Size: a Content-Length over the cap is refused before a byte is read, a chunked body as
soon as it passes the cap. The rest of an oversized body is then read and thrown away
(up to `DRAIN_BYTES`, within the body time limit) so the client reads the 413 rather than
a connection reset, unless it sent ``Expect: 100-continue`` and so waits for our answer.
Time: the whole body must arrive within `body_timeout` (408): a client trickling bytes
holds a connection, never a worker.

Format: from ``?from=``, else the Content-Type (``text/markdown``, ``application/json``,
``application/yaml``…; ``text/plain`` means detect), else detection. A
``multipart/form-data`` body carries the briefing in a ``briefing`` part (its own
Content-Type names the format) and an optional ``logo`` part (SVG or PNG bytes).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.types import Message

from sharecard.service.errors import HTTPProblem
from sharecard.service.limits import Limits

DRAIN_BYTES = 64 * 1024 * 1024

MEDIA_FORMATS: dict[str, str | None] = {
    "text/plain": None,
    "application/octet-stream": None,
    # What `curl --data-binary @file` sends unless told otherwise: the body is raw text.
    "application/x-www-form-urlencoded": None,
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/json": "json",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
}
MULTIPART = "multipart/form-data"


@dataclass(frozen=True, slots=True)
class Upload:
    """What a request sent: the briefing's bytes, its format if known, a logo if any."""

    briefing: bytes
    input_format: str | None
    logo: bytes | None = None


def media_format(content_type: str | None) -> str | None:
    """The reader format a Content-Type names (None: detect); 415 for anything else."""
    if not content_type:
        return None
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in (
            "utf-8", "utf8", "us-ascii"
        ):
            raise HTTPProblem(415, "unsupported-media-type",
                              "briefings must be UTF-8 (charset=utf-8)")
    if media in MEDIA_FORMATS:
        return MEDIA_FORMATS[media]
    if media.endswith("+json"):
        return "json"
    if media.endswith("+yaml"):
        return "yaml"
    raise HTTPProblem(415, "unsupported-media-type",
                      f"cannot read a briefing from {media[:60]!r}; send text/plain, "
                      "text/markdown, application/json, application/yaml or multipart/form-data")


def _too_large(limits: Limits) -> HTTPProblem:
    return HTTPProblem(413, "too-large", f"the request body is over this service's limit of "
                       f"{limits.max_body_bytes} bytes")


async def _drain(request: Request, seen: int) -> None:
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > DRAIN_BYTES:
            return


async def read_body(request: Request, limits: Limits) -> bytes:
    """The raw body, or HTTPProblem 400/408/413."""
    declared = request.headers.get("content-length")
    if declared is not None and not declared.strip().isdigit():
        raise HTTPProblem(400, "bad-request", "Content-Length is not a number")
    waits = request.headers.get("expect", "").lower() == "100-continue"
    over = declared is not None and int(declared) > limits.max_body_bytes
    chunks: list[bytes] = []
    size = 0

    async def collect() -> None:
        nonlocal size, over
        if over:
            if not waits:
                await _drain(request, 0)
            return
        async for chunk in request.stream():
            size += len(chunk)
            if size > limits.max_body_bytes:
                over = True
                await _drain(request, size)
                return
            chunks.append(chunk)

    try:
        await asyncio.wait_for(collect(), timeout=limits.body_timeout or None)
    except TimeoutError:
        if over:
            raise _too_large(limits) from None
        raise HTTPProblem(408, "request-timeout", f"the request body did not arrive within "
                          f"{limits.body_timeout:g} s") from None
    if over:
        raise _too_large(limits)
    return b"".join(chunks)


async def read_upload(request: Request, limits: Limits, input_format: str | None) -> Upload:
    """The briefing (and logo) a request sent; `input_format` is ``?from=``."""
    content_type = request.headers.get("content-type")
    data = await read_body(request, limits)
    if (content_type or "").split(";")[0].strip().lower() != MULTIPART:
        fmt = media_format(content_type)
        if not data:
            raise HTTPProblem(400, "bad-request", "the request has no body; send a briefing")
        if (input_format or fmt) != "json":
            _no_controls(data)
        return Upload(data, input_format or fmt)
    return await _multipart(request, data, limits, input_format)


_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]|\xc2[\x80-\x9f]")


def _no_controls(data: bytes) -> None:
    """A text briefing sent to the service has no control characters: the readers strip
    a few stray ones from a file, but the service's contract (its OpenAPI document) is
    exact, and a body is made by a program, not pasted."""
    found = _CONTROLS.search(data)
    if found is not None:
        code = found.group().decode("utf-8", "replace")
        raise HTTPProblem(422, "bad-input", f"the briefing holds a control character "
                          f"(U+{ord(code):04X} at byte {found.start()}); send text without "
                          "them")


async def _multipart(request: Request, data: bytes, limits: Limits,
                     input_format: str | None) -> Upload:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": data, "more_body": False}

    form = await Request(request.scope, replay).form(
        max_files=2, max_fields=2, max_part_size=limits.max_body_bytes)
    try:
        unknown = sorted(set(form.keys()) - {"briefing", "logo"})
        if unknown:
            raise HTTPProblem(400, "bad-request", f"unknown form field {unknown[0][:40]!r}; "
                              "send 'briefing' and optionally 'logo'")
        briefing = form.get("briefing")
        if briefing is None:
            raise HTTPProblem(400, "bad-request", "the form has no 'briefing' field")
        if isinstance(briefing, UploadFile):
            text = await briefing.read()
            fmt = media_format(briefing.content_type)
        else:
            text, fmt = briefing.encode("utf-8", "surrogatepass"), None
        logo_part = form.get("logo")
        logo: bytes | None = None
        if isinstance(logo_part, UploadFile):
            logo = await logo_part.read()
        elif isinstance(logo_part, str):
            logo = logo_part.encode("utf-8", "surrogatepass")
        return Upload(text, input_format or fmt, logo or None)
    finally:
        await form.close()
