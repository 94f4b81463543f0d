"""The `sharecard` command line: thin click commands over the library API.

Every command lives in this package, one module per group of commands (``render``,
``preview``, ``parse``, ``blurb``, ``fonts``, ``carousel``, ``batch``, ``serve``), and
is registered here; nothing below this package imports click (the import-linter
contract in pyproject.toml). `helper` is the console script's drawing helper.

`main` turns a `SharecardError` into one line on stderr and its exit code (2 bad input,
1 environment), and a failed write on stdout into the same: a closed pipe (``sharecard
parse x | head -1``) ends quietly, as Unix tools do; a full disk (``> /dev/full``) or
any other write error is one line and exit 1, never a traceback.

Start-up: the command modules import their whole area (readers, blurbs, cards…), which
costs far more than the 150 ms `sharecard --help` may take. So they are imported when a
command runs, not when the CLI loads, and only the module of the command that runs
(`COMMAND_MODULES`): `LazyGroup` lists the commands for ``--help`` from `COMMAND_HELP`
(both checked against the commands themselves by tests/test_cli_startup.py).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import os
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

import click

from sharecard.errors import SharecardError, WriteError

# Each command's help, first paragraph: what `sharecard --help` shows without importing it.
COMMAND_HELP = {
    "carousel": "Write INPUT as a carousel: one PDF and numbered PNG slides, in "
                "OUT/<slug>/.",
    "fonts": "List the fonts sharecard uses, where each came from and which scripts it "
             "serves.",
    "batch": "Render many briefings into bundles: in parallel, skipping unchanged ones.",
    "blurb": "Print the share blurb of INPUT for a platform, counted as that platform counts.",
    "parse": 'Print the briefing read from INPUT ("-" for stdin) as JSON.',
    "presets": "List the named card sizes, their layout family, platform and file-size cap.",
    "preview": "Write a contact sheet of every card at every preset, for one briefing or a "
               "folder.",
    "render": "Render INPUT's cards (SVG + PNG…), blurbs and manifest into OUT/<slug>/.",
    "serve": "Serve cards, bundles and blurbs over HTTP (see docs/service.md).",
    "sign-url": "Print URL with &sig=… appended, signed with SHARECARD_SIGNING_KEY.",
    "schema": "Print a JSON Schema: the one JSON and YAML briefings must follow (default), a "
              "bundle's manifest.json, or a batch's index.json.",
    "templates": "List card templates (user and built-in), or print one to start your own "
                 "from.",
    "themes": "List the built-in themes with their colours and WCAG contrast ratios.",
}


# Where each command lives: running one imports its module only (`render` need not load
# the HTTP service's or the batch's).
COMMAND_MODULES = {
    "carousel": "sharecard.cli.carousel",
    "fonts": "sharecard.cli.fonts",
    "batch": "sharecard.cli.batch",
    "blurb": "sharecard.cli.blurb",
    "parse": "sharecard.cli.parse",
    "presets": "sharecard.cli.render",
    "preview": "sharecard.cli.preview",
    "render": "sharecard.cli.render",
    "serve": "sharecard.cli.serve",
    "sign-url": "sharecard.cli.serve",
    "schema": "sharecard.cli.parse",
    "templates": "sharecard.cli.render",
    "themes": "sharecard.cli.render",
}


class LazyGroup(click.Group):
    """A click group that registers a command's module (`_register`) on first use of
    one of its commands; an unknown name registers them all, for click's suggestions."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_HELP})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            module = COMMAND_MODULES.get(cmd_name)
            for name in [module] if module else dict.fromkeys(COMMAND_MODULES.values()):
                _register(name)
        _settle()
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, but from `COMMAND_HELP` for commands not imported yet."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            command = self.commands.get(name)
            if command is None:
                stand_in = click.Command(name, help=COMMAND_HELP[name])
                rows.append((name, stand_in.get_short_help_str(limit)))
            elif not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, _param, value: _print_version(ctx, value),
              help="Show the version and exit.")
def cli() -> None:
    """Turn news briefings into share cards, blurbs and meta tags, ready to post."""


def _print_version(ctx: click.Context, asked: bool) -> None:
    if asked and not ctx.resilient_parsing:
        from sharecard._version import __version__  # looked up only when asked for

        click.echo(f"sharecard, version {__version__}")
        ctx.exit()


# Young objects allocated before the cyclic collector runs (Python's default: 700). A
# render allocates some 40,000 in bursts that mostly die by reference counting; at 700 the
# collector ran 60 times and moved survivors on to be traversed again (about 20 ms). A
# command's cyclic garbage is small, so waiting longer costs little memory.
GC_YOUNG_THRESHOLD = 20_000


def _settle() -> None:
    """The cyclic garbage collector back on, once the command's modules are loaded:
    `main` turns it off for start-up, whose objects (modules, classes, compiled patterns)
    live as long as the process, and `gc.freeze` keeps them out of every later
    collection; then it runs every `GC_YOUNG_THRESHOLD` allocations."""
    if not gc.isenabled():
        gc.freeze()
        gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        gc.enable()


def _register(module: str) -> None:
    # Each area registers its own commands; imported here so `cli` stays the one entry.
    from importlib import import_module

    for command in import_module(module).COMMANDS:
        if command.name not in cli.commands:
            cli.add_command(command)


class StdoutError(WriteError):
    """Writing to stdout failed; `errno` tells a closed pipe from a full disk."""

    def __init__(self, error: OSError) -> None:
        super().__init__(f"cannot write: {error.strerror or error}", "<stdout>")
        self.errno = error.errno


class _GuardedStdout(io.BufferedIOBase):
    """stdout's binary stream, written through, with a failed write raised as
    StdoutError: so `main` can tell it from any other OSError. After one failure every
    further write is dropped (nothing more can reach the reader anyway)."""

    def __init__(self, target: BinaryIO) -> None:
        super().__init__()
        self._target = target
        self.broken = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = len(memoryview(data))
        if self.broken or not size:  # an empty write can fail on /dev/full: skip it
            return size
        try:
            self._target.write(data)
            self._target.flush()
        except OSError as exc:
            self.broken = True
            raise StdoutError(exc) from None
        return size

    def flush(self) -> None:
        if self.broken:
            return
        try:
            self._target.flush()
        except OSError as exc:
            self.broken = True
            raise StdoutError(exc) from None

    def fileno(self) -> int:
        return self._target.fileno()

    def isatty(self) -> bool:
        return self._target.isatty()


@contextlib.contextmanager
def _guarded_stdout() -> Iterator[_GuardedStdout | None]:
    """sys.stdout replaced, for one command, by the same stream behind `_GuardedStdout`."""
    original = sys.stdout
    buffer = getattr(original, "buffer", None)
    if buffer is None:
        yield None
        return
    guard = _GuardedStdout(buffer)
    sys.stdout = io.TextIOWrapper(
        guard,
        encoding=getattr(original, "encoding", None) or "utf-8",
        errors=getattr(original, "errors", None) or "strict",
        write_through=True,
    )
    try:
        yield guard
    finally:
        replacement = sys.stdout
        sys.stdout = original
        with contextlib.suppress(Exception):
            replacement.detach()
        if guard.broken:
            _silence_stdout(original)


def _silence_stdout(stream: Any) -> None:
    """Point stdout's descriptor at the null device, so the flush at interpreter exit
    does not fail (and print) a second time."""
    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry: run the CLI, reporting errors as one line with their exit
    code (2 for input errors, 1 for the environment's)."""
    own = argv is None  # the process's own command line: start-up and exit are ours
    helper = None
    if own:
        gc.disable()  # until the command's modules are loaded: see `_settle`
        if _draws_cards(sys.argv[1:]):
            from sharecard.cli.helper import DrawHelper

            helper = DrawHelper.start()  # Skia loads there while this process lays out
    code = _run(argv, helper)
    if helper is not None:
        helper.close()
    if own:
        _leave(code)
    sys.exit(code)


def _draws_cards(args: list[str]) -> bool:
    """Whether this command line renders cards (`render INPUT …`, not its --help): the
    one command whose cold start a drawing helper shortens (`sharecard.cli.helper`)."""
    return bool(args) and args[0] == "render" and not {"-h", "--help"} & set(args)


def _run(argv: list[str] | None, helper: object = None) -> int:
    """Run one command; its exit status, with any error said in one line on stderr.
    `helper` is the drawing helper, handed to the command as click's context object."""
    try:
        with _guarded_stdout():
            result = cli.main(args=argv, prog_name="sharecard", standalone_mode=False,
                              obj=helper)
            sys.stdout.flush()
    except StdoutError as exc:
        if exc.errno == errno.EPIPE:
            return 1  # the reader went away: nothing to say, and no one to say it to
        click.echo(f"sharecard: {exc}", err=True)
        return exc.exit_code
    except SharecardError as exc:
        click.echo(f"sharecard: {exc}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("sharecard: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:  # a command's own exit status (an interrupted batch: 130)
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    finally:
        _settle()
    return result if isinstance(result, int) else 0


def _leave(code: int) -> None:
    """End the process now that the command is done: stdout and stderr flushed, then
    `os._exit`, skipping the interpreter's teardown, which frees every object and module
    one by one (about 70 ms after a render, a tenth of it) only for the system to
    reclaim the memory at once. Nothing is lost: every file sharecard writes is closed
    and renamed into place before its command returns, worker processes are joined, and
    sharecard registers no exit handlers."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: said in `_run`
            stream.flush()
    os._exit(code)
