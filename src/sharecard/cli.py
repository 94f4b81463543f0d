"""The `sharecard` command line: thin click commands over the library API.

Every command lives beside the code it drives (``readers/commands.py``…) and is
registered here. `main` turns a `SharecardError` into one line on stderr and exit 2.

Start-up: the command modules import their whole area (readers, blurbs, cards…), which
costs far more than the 150 ms `sharecard --help` may take. So they are imported when a
command runs, not when the CLI loads: `LazyGroup` lists the commands for ``--help`` from
`COMMAND_HELP` (checked against the commands themselves by tests/test_cli_startup.py).
"""

from __future__ import annotations

import sys

import click

from sharecard.errors import SharecardError

# Each command's help, first paragraph: what `sharecard --help` shows without importing it.
COMMAND_HELP = {
    "carousel": "Write INPUT as a carousel: one PDF and numbered PNG slides, in "
                "OUT/<slug>/.",
    "fonts": "List the fonts sharecard uses, where each came from and which scripts it "
             "serves.",
    "blurb": "Print the share blurb of INPUT for a platform, counted as that platform counts.",
    "parse": 'Print the briefing read from INPUT ("-" for stdin) as JSON.',
    "presets": "List the named card sizes, their layout family, platform and file-size cap.",
    "preview": "Write a contact sheet of every card at every preset, for one briefing or a "
               "folder.",
    "render": "Render INPUT's cards (SVG + PNG…), blurbs and manifest into OUT/<slug>/.",
    "schema": "Print the JSON Schema that JSON and YAML briefings must follow.",
    "templates": "List card templates (user and built-in), or print one to start your own "
                 "from.",
    "themes": "List the built-in themes with their colours and WCAG contrast ratios.",
}


class LazyGroup(click.Group):
    """A click group that registers its commands (`_register`) on first use of one."""

    _registered = False

    def _load(self) -> None:
        if not LazyGroup._registered:
            LazyGroup._registered = True
            _register()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_HELP})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            self._load()
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
        from sharecard import __version__  # looked up only when asked for

        click.echo(f"sharecard, version {__version__}")
        ctx.exit()


def _register() -> None:
    # Each area registers its own commands; imported here so `cli` stays the one entry.
    from sharecard.blurbs.commands import COMMANDS as blurb_commands
    from sharecard.cards.commands import COMMANDS as card_commands
    from sharecard.carousel.commands import COMMANDS as carousel_commands
    from sharecard.readers.commands import COMMANDS as reader_commands
    from sharecard.typeset.commands import COMMANDS as font_commands

    for command in (*reader_commands, *blurb_commands, *card_commands, *font_commands,
                    *carousel_commands):
        cli.add_command(command)


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
