"""`sharecard parse` and `sharecard schema`: thin shells over sharecard.readers."""

from __future__ import annotations

import json
import sys

import click

from sharecard.cli.options import max_bytes_option
from sharecard.readers import FORMATS, InputLimits, read_path, schema_text


def _write(text: str) -> None:
    # Bytes, not click.echo: the output is UTF-8 whatever the terminal's locale says.
    stream = sys.stdout.buffer
    stream.write(text.encode("utf-8"))
    stream.flush()


@click.command("parse")
@click.argument("input_path", metavar="INPUT")
@click.option(
    "--from",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Input format; by default detected from the file name and content.",
)
@max_bytes_option
def parse(input_path: str, fmt: str | None, max_bytes: int, limits: InputLimits) -> None:
    """Print the briefing read from INPUT ("-" for stdin) as JSON.

    Citations become `sources`, clipped fragments are dropped (each drop is a warning),
    the share footer becomes `attribution`.
    """
    briefing = read_path(input_path, fmt, max_bytes=max_bytes, limits=limits)
    _write(json.dumps(briefing.to_dict(), ensure_ascii=False, indent=2) + "\n")


@click.command("schema")
@click.argument("which", required=False, default="briefing",
                type=click.Choice(["briefing", "manifest", "index"]))
def schema(which: str) -> None:
    """Print a JSON Schema: the one JSON and YAML briefings must follow (default), a
    bundle's manifest.json, or a batch's index.json."""
    if which == "briefing":
        _write(schema_text())
        return
    from sharecard.export.schema import schema_text as output_schema

    _write(output_schema(which))


COMMANDS = (parse, schema)
