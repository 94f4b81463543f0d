"""Bad input: one line on stderr naming the file and the problem, exit 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import sharecard
from support.cli import run_cli

from .conftest import DATA

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file is empty"),
        (b"\xef\xbb\xbf", "file is empty"),
        (b"  \n\t\r\n  \n", "file contains only whitespace"),
        (PNG, "looks like binary data (NUL byte at offset 8)"),
        (bytes(range(1, 32)) * 10, "looks like binary data (270 control characters)"),
        ("Héadline\n\nBody.".encode("latin-1"), "not valid UTF-8: byte 0xe9 at offset 1"),
        (b"Good line\nthen \xff\xfe bad", "not valid UTF-8: byte 0xff at offset 15"),
        ("Headline".encode("utf-16"), "text is UTF-16 or UTF-32; save it as UTF-8"),
        (b"- just a bullet\n", "no recognisable headline: the first line is a bullet"),
        (
            b'{"headline": "x", "sections": [{"heading": "a", "body": "b"}, {"heading": "c", '
            b'"body": "d"}, {"heading": ["e"], "body": "f"}]}',
            "sections[2].heading: expected a string, got a list",
        ),
    ],
    ids=[
        "empty",
        "bom-only",
        "whitespace",
        "png",
        "controls",
        "latin-1",
        "bad-byte",
        "utf-16",
        "no-headline",
        "schema",
    ],
)
def test_bad_input_through_the_cli(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    run = run_cli(["parse", str(path)])
    assert run.exit_code == 2
    assert run.stdout == b""
    assert run.stderr == f"sharecard: {path}: {problem}\n"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = run_cli(["parse", str(tmp_path / "nope.txt")])
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"sharecard: {tmp_path / 'nope.txt'}: no such file\n",
    )
    folder = run_cli(["parse", str(tmp_path)])
    assert (folder.exit_code, folder.stderr) == (
        2,
        f"sharecard: {tmp_path}: is a directory, not a file\n",
    )


def test_size_cap_is_checked_and_configurable(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes((DATA / "corpus" / "seed-putin-iran.txt").read_bytes())
    small = run_cli(["parse", "--max-bytes", "1000", str(path)])
    assert small.exit_code == 2
    assert small.stderr == (
        f"sharecard: {path}: input is larger than the limit of 1000 bytes"
        " (raise it with --max-bytes)\n"
    )
    assert run_cli(["parse", "--max-bytes", "4000", str(path)]).exit_code == 0


def test_default_size_cap_is_a_few_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Headline\n\n" + b"Words go here. " * 400_000)  # 6 MB
    run = run_cli(["parse", str(path)])
    assert run.exit_code == 2 and "larger than the limit of 5242880 bytes" in run.stderr


def test_stdin_errors_name_stdin() -> None:
    run = run_cli(["parse", "-"], stdin=b"")
    assert (run.exit_code, run.stderr) == (2, "sharecard: <stdin>: file is empty\n")


def test_usage_errors_exit_2() -> None:
    run = run_cli(["parse", "--from", "docx", "x.txt"])
    assert run.exit_code == 2 and "docx" in run.stderr


def _subprocess(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """`python -m sharecard ARGS` in a fresh interpreter that imports this sharecard."""
    package_root = str(Path(sharecard.__file__).resolve().parent.parent)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-m", "sharecard", *args],
        input=stdin,
        capture_output=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    ("stdin", "problem"),
    [
        (b"\x00\x01\x02binary", "looks like binary data (NUL byte at offset 0)"),
        (b"Headline\n\n\xc3\x28 broken", "not valid UTF-8: byte 0xc3 at offset 10"),
        (b'{"headline": 42}', "headline: expected a string, got an integer"),
    ],
)
def test_no_traceback_in_a_real_process(stdin: bytes, problem: str) -> None:
    result = _subprocess("parse", "-", stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode("utf-8") == f"sharecard: <stdin>: {problem}\n"


def test_a_real_process_parses_the_bundled_example() -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "seed-putin-iran.txt"
    result = _subprocess("parse", str(example))
    assert result.returncode == 0, result.stderr
    assert b'"headline": "Putin, Iran deepen military coordination"' in result.stdout
