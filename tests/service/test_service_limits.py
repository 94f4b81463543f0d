"""Limits that need a server of their own: the render time limit (504, the worker
replaced), the bounded queue (503 + Retry-After), the body and header deadlines (408),
and slow-loris clients that must not stop others from being served.

No assertion here is about speed: each waits (with generous bounds) for a state the
server reports (/metrics) or for the server's answer, then checks what happened.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from service.serverkit import SEED, Server, start_server

# A bundle whose render never ends, on any machine: the server's workers spin at the start
# of every bundle (`sharecard.faults`), as a runaway render would. A real render
# chosen to be slow would finish within the limit on a fast enough machine.
SLOW = {"presets": "og"}
WAIT = 120.0


@pytest.fixture(scope="module")
def tight(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One worker, no queue, 10 s per render, 2 s for headers, 2 s for a body; bodies up
    to 8 MB (above the readers' own 5 MB default); every bundle a runaway render."""
    running = start_server(tmp_path_factory.mktemp("tight"), [
        "--workers", "1", "--queue", "0", "--timeout", "10", "--header-timeout", "2",
        "--body-timeout", "2", "--max-images", "1000", "--max-bytes", str(8 * 1024 * 1024)],
        env={"SHARECARD_FAULTS": "service:bundle=spin"})
    yield running
    running.stop()


def wait_for(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def test_a_render_over_the_time_limit_gets_504_and_a_new_worker(tight: Server):
    workers_before = tight.descendants()
    timeouts = tight.metric("sharecard_rejections_total", reason="render-timeout")
    with tight.client(timeout=WAIT) as http:
        slow = http.post("/v1/bundle", params=SLOW, content=SEED.read_bytes())
        assert slow.status_code == 504, slow.text
        assert slow.json() == {"error": "render-timeout",
                               "message": "the render took longer than 10 s"}
        wait_for(lambda: tight.descendants() - workers_before, "a replacement worker")
        after = http.post("/v1/card", content=SEED.read_bytes())
    assert after.status_code == 200, after.text
    assert tight.metric("sharecard_rejections_total", reason="render-timeout") == timeouts + 1
    replaced = workers_before - tight.descendants()
    assert len(replaced) == 1  # the timed-out worker is gone, the forkserver is not


@contextmanager
def busy_worker(server: Server) -> Iterator[list[httpx.Response]]:
    """The one worker busy with a slow bundle for the block; the bundle's response is in
    the list once the block is left."""
    results: list[httpx.Response] = []

    def occupy() -> None:
        with server.client(timeout=WAIT) as http:
            results.append(http.post("/v1/bundle", params=SLOW, content=SEED.read_bytes()))

    busy = threading.Thread(target=occupy)
    busy.start()
    try:
        wait_for(lambda: server.metric("sharecard_renders_in_flight") == 1, "a busy worker")
        yield results
    finally:
        busy.join(WAIT)


def test_a_full_queue_gets_503_with_retry_after(tight: Server):
    with busy_worker(tight) as results, tight.client() as http:
        refused = http.post("/v1/card", content=SEED.read_bytes())
        health = http.get("/healthz")
    assert refused.status_code == 503, refused.text
    assert refused.json()["error"] == "overloaded"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert health.status_code == 200 and health.json()["in_flight"] == 1
    assert tight.metric("sharecard_rejections_total", reason="overloaded") >= 1
    assert results[0].status_code == 504


def _cpu_ticks(pid: int) -> int:
    """User + system CPU time of a process, in clock ticks (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def test_a_worker_killed_mid_render_gets_503_worker_lost_and_is_replaced(tight: Server):
    """What the OOM killer would do: the request fails cleanly with 503 worker-lost and a
    Retry-After (it is not the client's fault, nor a bug), the next one is served."""
    with tight.client(timeout=WAIT) as http:  # a warm worker: its CPU below is the render's
        assert http.post("/v1/card", content=SEED.read_bytes()).status_code == 200
    with busy_worker(tight) as results:
        (worker,) = tight.render_workers()
        idle = _cpu_ticks(worker)
        wait_for(lambda: _cpu_ticks(worker) > idle + 20, "the worker to start rendering")
        os.kill(worker, signal.SIGKILL)
    lost = results[0]
    assert lost.status_code == 503, lost.text
    assert lost.json()["error"] == "worker-lost"
    assert 1 <= int(lost.headers["retry-after"]) <= 60
    assert "Traceback" not in lost.text
    with tight.client(timeout=WAIT) as http:
        assert http.post("/v1/card", content=SEED.read_bytes()).status_code == 200
        assert worker not in tight.render_workers()
        (idle,) = tight.render_workers()  # a worker killed between requests: no harm
        os.kill(idle, signal.SIGKILL)
        wait_for(lambda: idle not in tight.render_workers(), "the idle worker's end")
        assert http.post("/v1/card", content=SEED.read_bytes()).status_code == 200
    assert tight.metric("sharecard_pool_restarts") >= 1


def _connect(server: Server) -> socket.socket:
    host, port = server.url.removeprefix("http://").split(":")
    conn = socket.create_connection((host, int(port)), timeout=WAIT)
    return conn


def _read_all(conn: socket.socket) -> bytes:
    chunks = []
    while chunk := conn.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_body_that_does_not_arrive_gets_408(tight: Server):
    with _connect(tight) as conn:
        conn.sendall(b"POST /v1/card HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                     b"Content-Length: 1000\r\n\r\nPutin, Iran")
        answer = _read_all(conn)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b'{"error": "request-timeout"' in answer


def test_slow_loris_clients_do_not_stop_others_being_served(tight: Server):
    """Forty connections trickle header bytes; meanwhile real requests are answered, and
    the server closes every trickling connection with a 408 once its deadline passes."""
    loris = [_connect(tight) for _ in range(40)]
    stop = threading.Event()
    answers: dict[int, bytes] = {}

    def trickle(index: int, conn: socket.socket) -> None:
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        # One header line every half second, never the blank line that ends them, until
        # the server answers (no more sending then: writing to a closed socket would
        # reset the connection and lose the answer).
        while not stop.is_set() and not select.select([conn], [], [], 0.5)[0]:
            conn.sendall(b"X-Slow: y\r\n")
        answers[index] = _read_all(conn)

    threads = [threading.Thread(target=trickle, args=(i, c)) for i, c in enumerate(loris)]
    for thread in threads:
        thread.start()
    try:
        with tight.client() as http:
            served = [http.get("/healthz").status_code for _ in range(5)]
            card = http.post("/v1/card", content=SEED.read_bytes())
        for thread in threads:
            thread.join(WAIT)
    finally:
        stop.set()
        for conn in loris:
            conn.close()
    assert served == [200] * 5
    assert card.status_code == 200, card.text
    assert len(answers) == 40
    assert all(a.startswith(b"HTTP/1.1 408 Request Timeout") for a in answers.values())


def test_a_raised_body_limit_reaches_the_readers(tight: Server):
    """A deployment that raises --max-bytes above the readers' 5 MB default gets it: the
    cap is handed down to the reader, which would otherwise refuse the body itself."""
    briefing = {"headline": "Rates hold as inflation cools", "bullets": ["Core prices rose"]}
    big = json.dumps(briefing).encode() + b" " * (6 * 1024 * 1024)  # 6 MB, mostly padding
    with tight.client(timeout=WAIT) as http:
        blurbs = http.post("/v1/blurb", content=big,
                           headers={"Content-Type": "application/json"})
        card = http.post("/v1/card", params={"format": "svg"}, content=big,
                         headers={"Content-Type": "application/json"})
        over = http.post("/v1/blurb", content=big + b" " * (3 * 1024 * 1024),
                         headers={"Content-Type": "application/json"})
    assert blurbs.status_code == 200, blurbs.text
    assert blurbs.json()["platforms"]["x"]["text"].startswith("Rates hold as inflation cools")
    assert card.status_code == 200 and "Rates hold as inflation cools" in card.text
    assert over.status_code == 413 and over.json()["error"] == "too-large"


@pytest.fixture(scope="module")
def fragile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose render worker is SIGKILLed (as by the OOM killer) at the first and
    second card it starts, counted over its workers (`sharecard.faults`): the moment is
    the work done, not the clock."""
    tmp = tmp_path_factory.mktemp("fragile")
    tally = tmp / "tally"
    tally.mkdir()
    running = start_server(tmp, ["--workers", "1"], env={
        "SHARECARD_FAULTS": "service:card@1=kill,service:card@2=kill",
        "SHARECARD_FAULTS_TALLY": str(tally)})
    yield running
    running.stop()


def test_a_lost_worker_is_retried_once_for_an_idempotent_get(fragile: Server):
    with fragile.client(timeout=WAIT) as http:
        posted = http.post("/v1/card", content=SEED.read_bytes())  # card 1: killed
        assert posted.status_code == 503, posted.text
        assert posted.json()["error"] == "worker-lost"
        assert "retry-after" in posted.headers
        got = http.get("/v1/og.png", params={"headline": "Rates hold"})  # 2 killed, 3 drawn
        assert got.status_code == 200, got.text
        assert got.content[:8] == b"\x89PNG\r\n\x1a\n"
        again = http.get("/v1/og.png", params={"headline": "Rates hold"})
    assert again.content == got.content
    assert fragile.metric("sharecard_rejections_total", reason="worker-lost") == 1
