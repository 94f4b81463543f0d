"""`sharecard blurb`: print a platform's blurb or thread, or count text as it counts.

A thin shell over `sharecard.blurbs`; input errors become `SharecardError`s.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sharecard.blurbs.compose import compose
from sharecard.blurbs.files import THREAD_SEPARATOR
from sharecard.blurbs.platforms import DEFAULT_PLATFORM, PLATFORMS, count
from sharecard.blurbs.threads import thread
from sharecard.cli.options import max_bytes_option
from sharecard.errors import InputError, InputTooLarge
from sharecard.readers.limits import InputLimits


def _read_plain(path: str | None, max_bytes: int) -> str:
    """Text to count: a file, or stdin; one trailing newline (as `echo` adds) is dropped."""
    source = path or "<stdin>"
    if path is None or path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            with Path(path).open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(exc.strerror or "cannot read the file", source) from None
    if len(data) > max_bytes:
        raise InputTooLarge(max_bytes, source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", source) from None
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text


@click.command("blurb")
@click.argument("input_path", metavar="[INPUT]", required=False)
@click.option("--platform", "-p", type=click.Choice(list(PLATFORMS)), default=DEFAULT_PLATFORM,
              show_default=True, help="Platform whose limit and way of counting apply.")
@click.option("--thread", "as_thread", is_flag=True,
              help="Print a thread (cover post, then one post per section) instead.")
@click.option("--url", help="Link to share (default: the briefing's own URL).")
@click.option("--utm", metavar="CAMPAIGN",
              help="Tag the link with utm_source=PLATFORM, utm_medium=social and this campaign.")
@click.option("--hashtag", "hashtags", multiple=True, metavar="TAG",
              help="Hashtag to add when it fits (repeatable).")
@click.option("--count", "count_only", is_flag=True,
              help="Print the length of INPUT (a plain text file) or of stdin as PLATFORM "
                   "counts it.")
@max_bytes_option
def blurb_command(
    input_path: str | None,
    platform: str,
    as_thread: bool,
    url: str | None,
    utm: str | None,
    hashtags: tuple[str, ...],
    count_only: bool,
    max_bytes: int,
    limits: InputLimits,
) -> None:
    """Print the share blurb of INPUT for a platform, counted as that platform counts.

    INPUT is a briefing (Scout share text, Markdown, JSON or YAML); '-' or none reads
    stdin.
    """
    if count_only:
        click.echo(count(_read_plain(input_path, max_bytes), platform))
        return
    from sharecard.readers import read_path

    briefing = read_path(input_path or "-", max_bytes=max_bytes, limits=limits)
    if as_thread:
        if utm or hashtags:
            raise click.UsageError("--utm and --hashtag apply to blurbs, not to --thread")
        click.echo(THREAD_SEPARATOR.join(thread(briefing, platform, url=url)))
    else:
        click.echo(compose(briefing, platform, url=url, utm=utm, hashtags=hashtags))


COMMANDS = (blurb_command,)
