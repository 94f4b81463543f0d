"""uvicorn's HTTP/1.1 protocol, with the service's own answers to what fails before the
app sees a request: every one is the documented JSON error, never uvicorn's plain text.

Why a protocol of our own (uvicorn's documented extension point, ``Config(http=<class>)``
over its h11 implementation) and not only the app: a request that h11 cannot parse, or
that is too big or too slow to arrive, never becomes an ASGI request, so the app's error
handlers never see it. Here:

- **a deadline for request headers** (slow-loris guard): uvicorn closes an idle
  keep-alive connection after ``timeout_keep_alive`` (5 s) but has no limit on how long a
  client may take to *send* headers, so one that trickles a byte every few seconds holds
  its connection (a file descriptor) for ever. Every connection must deliver complete
  request headers within `header_timeout` seconds of opening (or of the previous
  response): 408 otherwise;
- **a cap on the request line and headers** (`max_header_bytes`, 64 KiB by default,
  ``--max-header-bytes``), counted as the bytes arrive, before they are parsed: 414 when
  the request line alone is over it (a 200,000-character URL), 431 when the headers are.
  h11's own buffer cap applies only to a request that has not arrived whole, so a 100 KB
  header sent at once went through;
- **a malformed request** (raw 0xFF in the request line, a bad header): 400, with
  h11's status hint where it gives one (501 for a transfer coding it does not know).

Each answer is ``{"error": code, "message": text}`` with ``Connection: close``, and the
connection is closed. A reverse proxy in front (nginx's ``client_header_timeout``,
``large_client_header_buffers``) is the first line, this the second.
"""

from __future__ import annotations

import asyncio
import json
from http import HTTPStatus
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

DEFAULT_MAX_HEADER_BYTES = 64 * 1024
_END_OF_HEADERS = b"\r\n\r\n"
ERRORS = {  # status -> (code, message)
    400: ("bad-request", "the request is not valid HTTP/1.1"),
    408: ("request-timeout", "the request headers did not arrive in time"),
    414: ("uri-too-long", "the request line is over the limit of {limit:,} bytes"),
    431: ("headers-too-large", "the request headers are over the limit of {limit:,} bytes"),
    501: ("not-implemented", "the request uses a transfer coding this service does not "
                             "implement"),
}


def error_bytes(status: int, limit: int = 0) -> bytes:
    """A whole HTTP/1.1 response for a protocol-level error: the JSON error body,
    ``Cache-Control: no-store`` and ``Connection: close``."""
    code, message = ERRORS.get(status, ERRORS[400])
    body = json.dumps({"error": code, "message": message.format(limit=limit)}).encode()
    reason = HTTPStatus(status).phrase.encode()
    return (b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncache-control: no-store\r\n"
            b"connection: close\r\ncontent-length: %d\r\n\r\n" % (status, reason, len(body))
            + body)


TIMEOUT_RESPONSE = error_bytes(408)


class GuardedProtocol(H11Protocol):
    """H11Protocol with a header deadline, a header cap and JSON protocol errors."""

    header_timeout: float = 10.0
    max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES

    _deadline: asyncio.TimerHandle | None = None
    _reading_head = True  # between requests: what arrives is a request line and headers
    _head_bytes = 0  # bytes of the current request's head seen so far
    _line_done = False  # the request line has ended (a CRLF was seen)
    _tail = b""  # the last bytes seen, to find CRLF CRLF across two reads
    _error_hint = 400

    # -- the deadline --------------------------------------------------------------------

    def _arm(self) -> None:
        self._disarm()
        if self.header_timeout > 0:
            self._deadline = self.loop.call_later(self.header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        waiting = self.cycle is None or self.cycle.response_complete
        if waiting and not self.transport.is_closing():
            self.transport.write(TIMEOUT_RESPONSE)
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()
        receive = self.conn.next_event

        def next_event() -> Any:  # h11's error, kept for the answer's status
            try:
                return receive()
            except h11.RemoteProtocolError as exc:
                self._error_hint = exc.error_status_hint
                raise

        self.conn.next_event = next_event  # type: ignore[method-assign]

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    # -- the cap -------------------------------------------------------------------------

    def data_received(self, data: bytes) -> None:
        if self._reading_head and not self.transport.is_closing():
            seen = self._tail + data
            end = seen.find(_END_OF_HEADERS)
            if not self._line_done and b"\r\n" in seen:
                first = seen.find(b"\r\n") - len(self._tail) + self._head_bytes
                self._line_done = True
                if first > self.max_header_bytes:
                    return self._refuse(414)
            if end < 0:
                self._head_bytes += len(data)
                self._tail = seen[-(len(_END_OF_HEADERS) - 1):]
                if self._head_bytes > self.max_header_bytes:
                    return self._refuse(431 if self._line_done else 414)
            else:
                head = self._head_bytes + end - len(self._tail) + len(_END_OF_HEADERS)
                if head > self.max_header_bytes:
                    return self._refuse(431)
                self._reading_head = False
        super().data_received(data)

    def _refuse(self, status: int) -> None:
        self.transport.write(error_bytes(status, self.max_header_bytes))
        self.transport.close()

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:  # a request's headers are complete
            self._disarm()

    def on_response_complete(self) -> None:
        self._arm()  # the next request on this connection gets the same deadline
        self._reading_head, self._head_bytes, self._line_done, self._tail = True, 0, False, b""
        super().on_response_complete()

    # -- malformed requests --------------------------------------------------------------

    def send_400_response(self, msg: str) -> None:
        """h11 could not parse the request: the JSON error (uvicorn writes plain text)."""
        status = self._error_hint if self._error_hint in ERRORS else 400
        self.transport.write(error_bytes(status, self.max_header_bytes))
        self.transport.close()


def guarded_protocol(header_timeout: float,
                     max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES) -> type[GuardedProtocol]:
    """The protocol class with these limits (uvicorn instantiates the class itself)."""
    return type("GuardedProtocol", (GuardedProtocol,),
                {"header_timeout": header_timeout, "max_header_bytes": max_header_bytes})
