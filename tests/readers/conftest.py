"""Shared helpers for the reader tests: the data folder and the real CLI entry point."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from sharecard.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: bytes
    stderr: str


def run_cli(args: Sequence[str], stdin: bytes | None = None) -> Run:
    """Run `sharecard ARGS` through `cli.main` (the console script's entry, which turns
    errors into one stderr line) inside click's CliRunner isolation."""
    runner = CliRunner()
    with runner.isolation(input=stdin) as streams:
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        stdout, stderr = streams[0].getvalue(), streams[1].getvalue()
    return Run(code, stdout, stderr.decode("utf-8"))


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli
