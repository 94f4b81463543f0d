"""uvicorn's HTTP/1.1 protocol with a deadline for request headers (slow-loris guard).

Why: uvicorn closes an idle keep-alive connection after ``timeout_keep_alive`` (5 s by
default), but has no limit on how long a client may take to *send* a request's headers:
a client that opens a connection and trickles one header byte every few seconds holds
it for ever. The event loop keeps serving others, but each such connection costs a file
descriptor, and a few thousand of them exhaust the process's limit. Here every
connection must deliver complete request headers within `header_timeout` seconds of
opening (or of the previous response); otherwise it gets a 408 and is closed. Bodies are
held to the app's own `body_timeout`; a reverse proxy in front (nginx's
``client_header_timeout``/``client_body_timeout``) is the first line, this the second.

This uses uvicorn's documented extension point (``Config(http=<protocol class>)``) over
its h11 implementation, which also caps a request's headers at h11's 16 KiB.
"""

from __future__ import annotations

import asyncio
import json

from uvicorn.protocols.http.h11_impl import H11Protocol

_BODY = json.dumps({"error": "request-timeout",
                    "message": "the request headers did not arrive in time"}).encode()
TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
    b"cache-control: no-store\r\nconnection: close\r\ncontent-length: "
    + str(len(_BODY)).encode() + b"\r\n\r\n" + _BODY
)


class HeaderDeadlineProtocol(H11Protocol):
    """H11Protocol that closes connections whose request headers arrive too slowly."""

    header_timeout: float = 10.0

    _deadline: asyncio.TimerHandle | None = None

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

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:  # a request's headers are complete
            self._disarm()

    def on_response_complete(self) -> None:
        self._arm()  # the next request on this connection gets the same deadline
        super().on_response_complete()


def guarded_protocol(header_timeout: float) -> type[HeaderDeadlineProtocol]:
    """The protocol class with this deadline (uvicorn instantiates the class itself)."""
    return type("HeaderDeadlineProtocol", (HeaderDeadlineProtocol,),
                {"header_timeout": header_timeout})
