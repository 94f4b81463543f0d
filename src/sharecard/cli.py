"""The `sharecard` command line: thin click commands over the library API.

Every command lives beside the code it drives (``readers/commands.py``…) and is
registered here. `main` turns a `SharecardError` into one line on stderr and exit 2.
"""

from __future__ import annotations

import sys

import click

from sharecard import __version__
from sharecard.errors import SharecardError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sharecard")
def cli() -> None:
    """Turn news briefings into share cards, blurbs and meta tags, ready to post."""


def _register() -> None:
    # Each area registers its own commands; imported here so `cli` stays the one entry.
    from sharecard.blurbs.commands import COMMANDS as blurb_commands
    from sharecard.cards.commands import COMMANDS as card_commands
    from sharecard.export.commands import COMMANDS as export_commands
    from sharecard.readers.commands import COMMANDS as reader_commands

    for command in (*reader_commands, *blurb_commands, *card_commands, *export_commands):
        cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry: run the CLI, reporting input errors as one line, exit 2."""
    try:
        result = cli.main(args=argv, prog_name="sharecard", standalone_mode=False)
    except SharecardError as exc:
        click.echo(f"sharecard: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("sharecard: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(result if isinstance(result, int) else 0)
