"""``sharecard preview``: a contact sheet of every card at every preset (PNG or HTML),
for one briefing or a folder; with ``--feed``, the bundle plus ``feed.html`` (each
platform's feed frames), or with ``-o FILE.html`` one page that stands alone (images
inlined)."""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from sharecard.cli.options import max_bytes_option, render_options, settings_from_options
from sharecard.errors import ConfigError, SharecardError, WriteError
from sharecard.fileio import write_atomic
from sharecard.images import MAX_OUTPUT_PIXELS
from sharecard.readers.detect import BRIEFING_SUFFIXES, NOT_BRIEFINGS
from sharecard.readers.limits import InputLimits


def _inputs(target: str) -> list[Path | str]:
    if target == "-":
        return ["-"]
    path = Path(target)
    if path.is_dir():
        found = sorted(
            p for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in BRIEFING_SUFFIXES
            and not p.name.endswith(".expected.json")
            and p.stem.lower() not in NOT_BRIEFINGS
        )
        if not found:
            raise ConfigError("no briefing files (.txt .md .json .yaml) in directory", target)
        return list(found)
    return [path]


@click.command("preview")
@click.argument("target", metavar="INPUT|DIR")
@click.option("-o", "--out", "output", metavar="FILE",
              help="Contact sheet to write: .png (default out/preview.png) or .html. "
              "With --feed: the bundle's folder (default out), or a .html file that "
              "stands alone.")
@render_options
@click.option("--feed", is_flag=True, default=False,
              help="Show the bundle as each platform's feed frames it (X, LinkedIn, "
              "Facebook, Bluesky, Mastodon): writes the bundle with feed.html.")
@max_bytes_option
def preview_command(target: str, output: str | None, max_bytes: int, limits: InputLimits,
                    **options: Any) -> None:
    """Write a contact sheet of every card at every preset, for one briefing or a folder.

    Defaults to all presets and cover, sections, quote. A file that cannot be read is
    reported and skipped (exit 1). --feed previews one briefing in feed frames instead.
    """
    if options.pop("feed"):
        write_feed(target, output, options, max_bytes=max_bytes, limits=limits)
        return
    from sharecard.cards.contact import rows_of, sheet_html, sheet_svg
    from sharecard.pipeline import load_input, render_cards, renderer_for
    from sharecard.raster import draw, encode

    settings = settings_from_options(options, presets=("all",),
                                     cards=("cover", "sections", "quote"))
    out = Path(output or "out/preview.png")
    if out.suffix.lower() not in (".png", ".html"):
        raise ConfigError("the contact sheet must be a .png or .html file", str(out))
    renderer = renderer_for(settings)
    named = []
    failed = 0
    inputs = _inputs(target)
    for item in inputs:
        try:
            loaded = load_input(item, options["input_format"], max_bytes=max_bytes,
                                limits=limits)
            try:
                drawn, _ = render_cards(loaded.briefing, settings, renderer=renderer)
            except SharecardError as exc:  # e.g. no font for its script: name the file
                raise exc.with_source(loaded.name) from None
        except SharecardError as exc:
            if len(inputs) == 1:
                raise
            click.echo(f"sharecard: {exc}", err=True)
            failed += 1
            continue
        named.append((Path(loaded.name).stem or loaded.name, drawn))
    rows = rows_of(named)
    note = ""
    if out.suffix.lower() == ".html":
        data = sheet_html(rows).encode("utf-8")
    else:
        svg, width, height = sheet_svg(rows, renderer.typesetter)
        # A tall sheet (many files) is drawn smaller rather than past the pixel limit.
        scale = min(1.0, 0.999 * math.sqrt(MAX_OUTPUT_PIXELS / (width * height)))
        if scale < 1.0:
            note = f" (drawn at {scale:.0%}: a PNG sheet stays within {MAX_OUTPUT_PIXELS:,} " \
                   "pixels; write .html for full size)"
        image, _ = draw(svg, width=width, height=height, scale=scale)
        data, _ = encode(image, "png")
    write_atomic(out, data)  # a failed write leaves the previous sheet as it was
    cards_n = sum(len(r.cards) for r in rows)
    click.echo(f"{out}  {cards_n} cards in {len(rows)} rows{note}")
    if failed:
        sys.exit(1)


def write_feed(target: str, output: str | None, options: dict[str, Any], *,
               max_bytes: int, limits: InputLimits) -> None:
    """Write the feed preview of one briefing (see the module docstring)."""
    from sharecard.export.bundle import write_bundle
    from sharecard.feeds import FEED_FILE, embed_images
    from sharecard.pipeline import build_bundle, load_input

    if target != "-" and Path(target).is_dir():
        raise ConfigError("--feed previews one briefing, not a folder", target)
    settings = settings_from_options(options)
    loaded = load_input(target, options["input_format"], max_bytes=max_bytes, limits=limits)
    files, manifest = build_bundle(loaded, settings, feed=True)
    crops = [w for w in manifest.warnings if w.get("code") == "crop-cuts"]
    covers = [w for w in manifest.warnings if w.get("code") == "overlay-covers"]
    try:
        if output is not None and output.lower().endswith(".html"):
            page = embed_images(files[FEED_FILE].decode("utf-8"), files)
            path = Path(output)
            write_atomic(path, page.encode("utf-8"))
        else:
            bundle = write_bundle(output or "out", manifest.slug, files, manifest)
            path = bundle / FEED_FILE
    except OSError as exc:
        raise WriteError(f"cannot write the feed preview: {exc.strerror or exc}",
                          output or "out") from None
    click.echo(f"{path}  {_count(crops, 'crop warning')}, {_count(covers, 'overlay warning')}")
    for warning in (*crops, *covers):
        click.echo(f"  {warning['message']}", err=True)


def _count(items: Sequence[object], what: str) -> str:
    return f"{len(items)} {what}{'' if len(items) == 1 else 's'}"


COMMANDS = (preview_command,)
