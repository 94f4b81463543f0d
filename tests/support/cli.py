"""Run `sharecard` as the console script does, inside click's CliRunner isolation.

`cli.main` is the entry that turns errors into one stderr line and exit codes; a plain
`CliRunner().invoke(cli)` would skip it, so tests of errors and exit codes go through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from click.testing import CliRunner

from sharecard.cli import main


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: bytes
    stderr: str

    @property
    def text(self) -> str:
        """stdout decoded as UTF-8."""
        return self.stdout.decode("utf-8")


def run_cli(args: Sequence[str], stdin: bytes | None = None) -> Run:
    """`sharecard ARGS` through `cli.main`; returns exit code, stdout bytes, stderr text."""
    runner = CliRunner()
    with runner.isolation(input=stdin) as streams:
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        stdout, stderr = streams[0].getvalue(), streams[1].getvalue()
    return Run(code, stdout, stderr.decode("utf-8"))
