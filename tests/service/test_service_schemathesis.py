"""schemathesis against the running service's own /openapi.json with every check
(``--checks all``): no 5xx; every response (status, content type, headers, body) as the
document declares it; every schema-valid request accepted and every schema-violating
one refused — so the document states what the code enforces.

One widening, made in schemathesis.toml and judged by schemathesis_hooks.py: a
schema-valid request may get 413/422 only from a limit no schema can state (pixels =
size × scale, images, the whole text, a card the body has nothing for, a logo's bytes),
each named by its error code.

Bounded: the coverage phase (each parameter's boundary and invalid values) and a fuzzing
phase of a few examples per operation, with a fixed seed, so the run is the same each
time (~2,500 requests). Real renders happen: valid briefings reach the workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from service.serverkit import Server

# Every operation in the document, each of which schemathesis must have exercised.
OPERATIONS = {"POST /v1/card", "POST /v1/bundle", "POST /v1/preview", "POST /v1/blurb",
              "GET /v1/og.png", "HEAD /v1/og.png", "GET /healthz", "GET /metrics"}
HERE = Path(__file__).resolve().parent


def test_schemathesis_finds_no_server_error_and_no_schema_violation(server: Server,
                                                                     tmp_path: Path):
    tool = Path(sys.executable).with_name("schemathesis")
    command = [
        str(tool), "--config-file", str(HERE / "schemathesis.toml"),
        "run", f"{server.url}/openapi.json",
        "--checks", "all",
        "--phases", "coverage,fuzzing",
        "--max-examples", "20",
        "--seed", "20261129",
        # One worker: CPython 3.11.7 can fail parsing in threads ("AST constructor
        # recursion depth mismatch") inside hypothesis, which would be a false alarm.
        "--workers", "1",
        "--request-timeout", "120",
        "--suppress-health-check", "too_slow",
        "--report", "junit", "--report-dir", str(tmp_path),
    ]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "schemathesis_hooks",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE),
                                                       os.environ.get("PYTHONPATH")]))}
    run = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=1800,
                         env=env)
    summary = run.stdout[-6000:]
    assert run.returncode == 0, summary + run.stderr[-2000:]
    assert "No issues found" in run.stdout, summary
    report = next(tmp_path.glob("junit-*.xml"))
    tested = {case.get("name") for case in ElementTree.parse(report).iter("testcase")}
    assert tested == OPERATIONS, summary
