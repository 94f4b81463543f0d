"""What fails before the app sees a request is answered in the service's JSON too
(issue 21): a request h11 cannot parse, a request line or headers over the cap, a query
that is not UTF-8 — each with its documented status, ``{"error", "message"}`` and the
connection closed, never uvicorn's plain text, never a 200."""

from __future__ import annotations

import json
import socket

import pytest

from service.serverkit import Server


def _exchange(server: Server, request: bytes, chunk: int = 0
              ) -> tuple[int, dict[str, str], bytes]:
    """Send `request` (in pieces of `chunk` bytes, each its own write, when given) and
    read the whole answer."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            for start in range(0, len(request), chunk or len(request)):
                conn.sendall(request[start:start + (chunk or len(request))])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before taking all of it
        chunks = []
        try:
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:
            pass
    answer = b"".join(chunks)
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


def _assert_json_error(answer: tuple[int, dict[str, str], bytes], status: int,
                       code: str) -> str:
    got, headers, body = answer
    assert got == status, body
    assert headers["content-type"] == "application/json"
    assert headers["connection"] == "close"
    error = json.loads(body)
    assert set(error) == {"error", "message"} and error["error"] == code
    return str(error["message"])


def test_a_request_h11_cannot_parse_gets_a_json_400(server: Server):
    for request in (b"GET /healthz\xff HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                    b"NOT HTTP AT ALL\r\n\r\n"):
        message = _assert_json_error(_exchange(server, request), 400, "bad-request")
        assert message == "the request is not valid HTTP/1.1"


def test_an_unknown_transfer_coding_gets_501(server: Server):
    request = (b"POST /v1/card HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nab")
    _assert_json_error(_exchange(server, request), 501, "not-implemented")


@pytest.mark.parametrize("chunk", [0, 1000, 61])
def test_a_long_request_line_gets_414(server: Server, chunk: int):
    target = b"/v1/og.png?headline=" + b"x" * (200_000 if chunk != 61 else 66_000)
    request = b"GET " + target + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    message = _assert_json_error(_exchange(server, request, chunk), 414, "uri-too-long")
    assert message == "the request line is over the limit of 65,536 bytes"


@pytest.mark.parametrize(("size", "chunk"), [(100 * 1024, 0), (1024 * 1024, 0),
                                            (66_000, 50), (100 * 1024, 4096)])
def test_headers_over_the_cap_get_431_however_they_arrive(server: Server, size: int,
                                                          chunk: int):
    request = (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"y" * size + b"\r\n\r\n")
    message = _assert_json_error(_exchange(server, request, chunk), 431, "headers-too-large")
    assert message == "the request headers are over the limit of 65,536 bytes"


@pytest.mark.parametrize("chunk", [0, 37])
def test_headers_just_under_the_cap_are_served(server: Server, chunk: int):
    request = (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"y" * 64_000 + b"\r\n"
               b"Connection: close\r\n\r\n")
    status, _, body = _exchange(server, request, chunk)
    assert status == 200 and json.loads(body)["status"] == "ok"


def test_a_body_does_not_count_against_the_header_cap(server: Server):
    section = b"## Why?\n\n" + b"Rates held. " * 1500 + b"\n\n"  # 18 KB each
    body = b"# Rates hold\n\n- Inflation cools\n\n" + section * 3
    request = (b"POST /v1/blurb HTTP/1.1\r\nHost: x\r\nContent-Type: text/markdown\r\n"
               b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    status, _, answer = _exchange(server, request)
    assert status == 200, answer  # 54 KB in the first packets: a body, not headers


@pytest.mark.parametrize("query", ["/v1/blurb?utm=%FF%FE", "/v1/blurb?url=https://a.b/%FF",
                                   "/v1/preview?brand=%FF", "/v1/card?theme=%FF",
                                   "/v1/card?from=%FF", "/v1/og.png?headline=%C3"])
def test_a_query_that_is_not_utf8_gets_400(server: Server, query: str):
    method = b"GET" if "og.png" in query else b"POST"
    request = (method + b" " + query.encode() + b" HTTP/1.1\r\nHost: x\r\n"
               b"Content-Type: text/markdown\r\nContent-Length: 8\r\nConnection: close\r\n"
               b"\r\n# Rates\n")
    status, _, body = _exchange(server, request)
    assert status == 400, body
    error = json.loads(body)
    assert error["error"] == "bad-request"
    assert error["message"].startswith("the query string is not valid percent-encoded UTF-8")
