"""Start `sharecard serve` as a user would (a subprocess on 127.0.0.1) and talk to it.

Every service test goes over a real socket to a real server with real worker processes:
nothing is mocked. A server is stopped with SIGTERM (uvicorn's graceful shutdown, which
also stops the render workers) and killed only if it does not stop.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = DATA / "corpus" / "seed-putin-iran.txt"
START_TIMEOUT = 120.0  # a loaded CI machine starts Python, uvicorn and a forkserver slowly


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def client(self, timeout: float = 120.0) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def metric(self, name: str, **labels: str) -> float:
        """The value of one Prometheus sample from /metrics (0 when absent)."""
        text = httpx.get(f"{self.url}/metrics", timeout=30).text
        want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
        for line in text.splitlines():
            if line.startswith("#") or " " not in line:
                continue
            key, value = line.rsplit(" ", 1)
            metric, _, rest = key.partition("{")
            found = ",".join(sorted(rest.rstrip("}").split(","))) if rest else ""
            if metric == name and found == want:
                return float(value)
        return 0.0

    def descendants(self) -> set[int]:
        """Process ids under the server (forkserver, render workers, resource tracker)."""
        children = _children()
        found: set[int] = set()
        todo = [self.process.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def render_workers(self) -> set[int]:
        """The render worker processes: the forkserver's children, the server's
        grandchildren."""
        children = _children()
        return {w for c in children.get(self.process.pid, []) for w in children.get(c, [])}


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":  # a zombie is already gone, only not yet reaped
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return children


def start_server(tmp: Path, args: Sequence[str] = (), env: dict[str, str] | None = None
                 ) -> Server:
    """`sharecard serve --port P ARGS` with `env` added; returns once /healthz answers."""
    port = free_port()
    log = tmp / f"server-{port}.log"
    environment = {k: v for k, v in os.environ.items() if k != "SHARECARD_SIGNING_KEY"}
    environment.update(env or {})
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "sharecard", "serve", "--host", "127.0.0.1",
             "--port", str(port), "--no-access-log", *args],
            stdout=out, stderr=subprocess.STDOUT, env=environment, cwd=tmp,
        )
    server = Server(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{server.url}/healthz", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"the server did not answer in {START_TIMEOUT:g} s: "
                       f"{log.read_text()[-2000:]}")
