"""Every failure a client can see, as ``{"error": code, "message": …}`` with its status.

One table maps exceptions to (status, code), so the same problem always gets the same
answer: what the client sent is wrong → 4xx naming the problem; the service is busy or
the render too slow → 503/504; only a bug in sharecard is a 500, and its message says so
without a traceback (the traceback goes to the server's log).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.responses import Response

from sharecard.errors import (
    ConfigError,
    InputError,
    NoSuchCard,
    SchemaError,
    SharecardError,
    SizeError,
)
from sharecard.readers.limits import BriefingTooLarge
from sharecard.service.limits import LimitExceeded, LogoRefused
from sharecard.service.pool import Overloaded, RenderTimeout, WorkerCrashed, WorkerLost

NO_STORE = "no-store"
ERROR_HEADER = "X-Sharecard-Error"
MAX_MESSAGE = 500


class HTTPProblem(Exception):
    """A request the service answers with an error status."""

    def __init__(self, status: int, code: str, message: str,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def _message(exc: SharecardError) -> str:
    # "<bytes>: …" names the request body, which the client knows it sent.
    text = exc.problem if (exc.source or "").startswith("<") else str(exc)
    return text[:MAX_MESSAGE]


def problem_for(exc: BaseException) -> HTTPProblem | None:
    """The HTTP answer to an exception from a render, or None for a bug."""
    if isinstance(exc, HTTPProblem):
        return exc
    if isinstance(exc, LimitExceeded):
        return HTTPProblem(exc.status, exc.code, _message(exc))
    if isinstance(exc, LogoRefused):
        return HTTPProblem(422, "bad-logo", _message(exc))
    if isinstance(exc, NoSuchCard):
        return HTTPProblem(422, "no-such-card", _message(exc))
    if isinstance(exc, SizeError):
        return HTTPProblem(422, exc.code, _message(exc))
    if isinstance(exc, BriefingTooLarge):
        return HTTPProblem(413, "too-much-text", _message(exc))
    if isinstance(exc, SchemaError):
        return HTTPProblem(422, "bad-schema", _message(exc))
    if isinstance(exc, InputError):
        return HTTPProblem(422, "bad-input", _message(exc))
    if isinstance(exc, ConfigError):
        return HTTPProblem(422, "bad-option", _message(exc))
    if isinstance(exc, SharecardError):
        return HTTPProblem(422, "unprocessable", _message(exc))
    if isinstance(exc, Overloaded):
        return HTTPProblem(503, "overloaded", "every render worker is busy and the queue is "
                           "full; retry later", {"Retry-After": str(exc.retry_after)})
    if isinstance(exc, RenderTimeout):
        return HTTPProblem(504, "render-timeout", str(exc))
    if isinstance(exc, WorkerLost):
        return HTTPProblem(503, "worker-lost", "the render worker was stopped from outside "
                           "(out of memory, or the server shutting down); retry later",
                           {"Retry-After": str(exc.retry_after)})
    if isinstance(exc, WorkerCrashed):
        return HTTPProblem(500, "render-crashed", "the render worker stopped unexpectedly; "
                           "this is a bug in sharecard and has been logged")
    return None


def error_response(problem: HTTPProblem) -> Response:
    body = json.dumps({"error": problem.code, "message": problem.message},
                      ensure_ascii=False).encode("utf-8")
    # The code as a header too: the answer to a HEAD request has no body to read it from.
    headers = {"Cache-Control": NO_STORE, ERROR_HEADER: problem.code, **problem.headers}
    return Response(body, status_code=problem.status, headers=headers,
                    media_type="application/json")


INTERNAL = HTTPProblem(500, "internal", "the service failed on this request; this is a bug "
                       "in sharecard and has been logged")

STATUS_CODES = {400: "bad-request", 403: "forbidden", 404: "not-found",
                405: "method-not-allowed", 406: "not-acceptable", 408: "request-timeout",
                413: "too-large", 415: "unsupported-media-type", 422: "bad-parameter"}
