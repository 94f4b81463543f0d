"""Load test of `sharecard serve` on loopback: requests/s and p50/p99 latency for the og
cover, at each worker count asked for.

    python scripts/load_service.py                         # 1 and 2 workers, 16 × 60 s
    python scripts/load_service.py --workers 4 --seconds 30
    python scripts/load_service.py --url http://127.0.0.1:8080   # a server already running

For each worker count it starts `sharecard serve --workers N` on 127.0.0.1 (a free port),
warms it with one request, then keeps `--concurrency` requests in flight for `--seconds`
(and at most `--max-requests`), each a GET of the og:image URL of the seed briefing's
cover (``/v1/og.png?headline=…&bullets=…&brand=Scout``, rendered anew every time: the
service keeps no image cache), and stops the server. It prints one line per run and
exits 1 if any request failed (a transport error or any status but 200).

Only loopback: the client talks to the server it started (or to --url, which must be a
127.0.0.0/8 address). Numbers from a shared or busy machine are not comparable with a
quiet one's: re-run it there before quoting them.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
OG_PARAMS = [
    ("headline", "Putin, Iran deepen military coordination"),
    ("bullets", "Putin and Iran’s leadership aren’t unveiling a new alliance this week. "
                "The real shift is that their 20-year strategic treaty is now active."),
    ("bullets", "That pact took effect on October 2, 2025, after Putin and Masoud "
                "Pezeshkian signed it in Moscow on January 17, 2025."),
    ("bullets", "It matters because Russia and Iran can coordinate more deeply without "
                "triggering a formal mutual-defense obligation."),
    ("brand", "Scout"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise SystemExit(f"refusing to load-test {host!r}: only loopback addresses")


def _start(workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "SHARECARD_SIGNING_KEY"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "sharecard", "serve", "--host", "127.0.0.1", "--port",
             str(port), "--workers", str(workers), "--no-access-log"],
            stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start within 120 s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def _load(url: str, concurrency: int, seconds: float, max_requests: int
                ) -> tuple[list[float], dict[str, int], float]:
    latencies: list[float] = []
    outcomes: dict[str, int] = {}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        warm = await client.get("/v1/og.png", params=OG_PARAMS)
        warm.raise_for_status()
        started = time.perf_counter()
        stop_at = started + seconds
        issued = 0

        async def user() -> None:
            nonlocal issued
            while time.perf_counter() < stop_at and issued < max_requests:
                issued += 1
                t0 = time.perf_counter()
                try:
                    response = await client.get("/v1/og.png", params=OG_PARAMS)
                    key = str(response.status_code)
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                latencies.append(time.perf_counter() - t0)
                outcomes[key] = outcomes.get(key, 0) + 1

        await asyncio.gather(*(user() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return latencies, outcomes, elapsed


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--url", help="Test a server already running here instead.")
    parser.add_argument("--log", type=Path, default=ROOT / "out" / "load-service.log")
    args = parser.parse_args()
    args.log.parent.mkdir(parents=True, exist_ok=True)
    failed = False
    runs = [None] if args.url else args.workers
    for workers in runs:
        process = None
        if args.url:
            _check_loopback(args.url)
            url = args.url
        else:
            process, url = _start(workers, args.log)
        try:
            latencies, outcomes, elapsed = asyncio.run(
                _load(url, args.concurrency, args.seconds, args.max_requests))
        finally:
            if process is not None:
                _stop(process)
        errors = sum(n for key, n in outcomes.items() if key != "200")
        failed = failed or errors > 0
        print(json.dumps({
            "workers": workers, "concurrency": args.concurrency,
            "seconds": round(elapsed, 1), "requests": len(latencies), "errors": errors,
            "outcomes": outcomes, "requests_per_s": round(len(latencies) / elapsed, 2),
            "p50_ms": round(statistics.median(latencies) * 1000),
            "p99_ms": round(_percentile(latencies, 99) * 1000),
        }), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
