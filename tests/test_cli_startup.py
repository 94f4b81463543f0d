"""`sharecard --help` lists every command without importing any command's area, and
lists them exactly as a plain click group holding the real commands would."""

from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest

from sharecard.cli import COMMAND_HELP, COMMAND_MODULES, cli
from support.cli import run_cli

HEAVY = ("sharecard.readers", "sharecard.blurbs", "sharecard.cards", "sharecard.typeset",
         "sharecard.paint", "sharecard.pipeline", "cairosvg", "PIL", "jinja2", "uharfbuzz", "skia",
         "numpy", "yaml", "markdown_it", "regex", "emoji", "fontTools", "icu",
         "importlib.metadata")


def _commands() -> dict[str, click.Command]:
    ctx = click.Context(cli)
    return {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}


def test_every_command_is_in_the_help_table():
    commands = _commands()
    assert all(commands.values())
    assert set(cli.commands) == set(COMMAND_HELP) == set(COMMAND_MODULES)
    for name, command in commands.items():  # each where COMMAND_MODULES says it is
        assert command.callback.__module__ == COMMAND_MODULES[name], name


def test_a_command_imports_its_own_module_only():
    """`sharecard render` loads the cards area's commands, not the service's or the
    batch's (whose imports it would pay for nothing)."""
    code = ("import sys\nfrom sharecard.cli import main\ntry:\n    main(['render', '--help'])\n"
            "except SystemExit:\n    pass\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    imported = set(done.stderr.split())
    assert "sharecard.cli.render" in imported
    assert not imported & {"sharecard.cli.serve", "sharecard.cli.batch",
                           "sharecard.cli.fonts", "sharecard.cli.blurb",
                           "sharecard.cli.parse"}
    assert "Render INPUT's cards" in done.stdout


@pytest.mark.parametrize("limit", [30, 45, 74, 200])
def test_help_table_says_what_each_command_says(limit):
    for name, command in _commands().items():
        short = click.Command(name, help=COMMAND_HELP[name]).get_short_help_str(limit)
        assert short == command.get_short_help_str(limit), name


def test_help_lists_commands_as_a_plain_group_would(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")  # both widths from the same (non-)terminal
    plain = click.Group("sharecard", commands=_commands(), help=cli.help,
                        params=cli.params, context_settings=cli.context_settings)
    lazy = subprocess.run([sys.executable, "-m", "sharecard", "--help"], capture_output=True,
                          text=True, check=True, env={**os.environ, "COLUMNS": "80"}).stdout
    with click.Context(plain, info_name="sharecard") as ctx:
        assert lazy.split("Commands:")[1] == plain.get_help(ctx).split("Commands:")[1] + "\n"


def test_help_imports_no_command_area():
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "sharecard", "--help"],
                          capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:") and "|" in line}
    assert "click" in imported and "sharecard.cli" in imported
    loaded = sorted(m for m in imported if m.split(".")[0] in {h.split(".")[0] for h in HEAVY}
                    and any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert loaded == []
    for name in COMMAND_HELP:
        assert f"\n  {name} " in done.stdout


def test_version_is_looked_up_when_asked():
    done = subprocess.run([sys.executable, "-m", "sharecard", "--version"], capture_output=True,
                          text=True, check=True)
    from importlib.metadata import version

    from sharecard import __version__

    assert done.stdout == f"sharecard, version {__version__}\n"
    assert __version__[0].isdigit()
    assert version("sharecard") == __version__  # pyproject reads it from _version.py


def test_a_plain_render_imports_only_what_it_draws_with(tmp_path):
    """A one-card render of share text, start to finish: what only other inputs,
    templates, logos or commands need stays unloaded (each is start-up time a plain
    render would pay for nothing)."""
    from pathlib import Path

    seed = Path(__file__).resolve().parents[1] / "examples" / "seed-putin-iran.txt"
    code = ("import sys\nfrom sharecard.cli import main\ntry:\n    main(sys.argv[1:])\n"
            "except SystemExit:\n    pass\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)")
    done = subprocess.run(
        [sys.executable, "-c", code, "render", str(seed), "--preset", "og", "--cards",
         "cover", "-o", str(tmp_path)], capture_output=True, text=True, check=True,
        env={**os.environ, "SHARECARD_CACHE_DIR": str(tmp_path / "cache")})
    imported = set(done.stderr.split())
    assert "skia" in imported and "sharecard.feeds.plan" in imported  # it did draw
    assert (tmp_path / "seed-putin-iran" / "og-cover.png").is_file()
    not_needed = {
        "sharecard.service", "sharecard.batch.run", "sharecard.carousel.pdf",
        "sharecard.feeds.page",  # feed.html: --feed and the service only
        "sharecard.readers.markdown", "markdown_it", "yaml", "jsonschema",  # other inputs
        "budoux", "html.parser",  # phrasing: Japanese, Chinese, Thai text only
        "cairosvg", "cairocffi",  # the reference drawer: user templates, logos
        "xml.etree.ElementTree",  # parsing SVG: logos, user templates
        "numpy",
        "PIL.ImageFile", "logging",  # only Pillow's tobytes (paint.png.pixel_bytes)
    }
    assert not imported & not_needed, sorted(imported & not_needed)


@pytest.mark.parametrize("args", [["presets"], ["--help"], ["render", "missing.txt"]])
def test_the_collector_is_back_on_after_start_up(args):
    """The console script runs start-up with the cyclic collector off and then freezes
    what start-up made; whatever the command does, the collector is on again after, at
    the CLI's threshold, when the process ends through `os._exit` (`cli._leave`)."""
    probe = ("import gc, os, sys\n"
             "real_exit = os._exit\n"
             "def leave(code):\n"
             "    sys.stderr.write(f'\\nGC {gc.isenabled()} {gc.get_freeze_count() > 0} '\n"
             "                     f'{gc.get_threshold()[0]} exit {code}\\n')\n"
             "    sys.stderr.flush()\n"
             "    real_exit(code)\n"
             "os._exit = leave\n"
             "from sharecard.cli import main\n"
             f"sys.argv = ['sharecard', *{args!r}]\n"
             "main()\n")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=120, check=False)
    from sharecard.cli import GC_YOUNG_THRESHOLD

    assert run.stderr.splitlines()[-1] == f"GC True True {GC_YOUNG_THRESHOLD} exit " \
        f"{run.returncode}", run.stderr
    assert run.returncode == (2 if args[0] == "render" else 0)


def test_the_console_script_flushes_everything_before_it_ends():
    """`_leave` skips the interpreter's teardown, not the output: a long stdout through
    a pipe arrives whole, and the status is the command's."""
    probe = "import sys; from sharecard.cli import main; sys.argv = ['sharecard', 'schema']; main()"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=120,
                         check=False)
    in_process = run_cli(["schema"])
    assert in_process.exit_code == 0 and run.returncode == 0
    assert len(run.stdout) > 1000
    assert run.stdout == in_process.stdout


def test_an_in_process_call_leaves_the_collector_alone():
    """`main(argv)` from a caller's process (tests, embedding) never turns it off."""
    import gc

    from sharecard.cli import main

    frozen = gc.get_freeze_count()
    with pytest.raises(SystemExit):
        main(["presets"])
    assert gc.isenabled() and gc.get_freeze_count() == frozen
