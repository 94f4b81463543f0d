"""``sharecard preview INPUT --feed``: the bundle plus ``feed.html``, or with ``-o
FILE.html`` one page that stands alone (images inlined). Called by the `preview`
command (`sharecard.cards.commands`), which owns the options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from sharecard.errors import ConfigError, WriteError
from sharecard.fileio import write_atomic


def write_feed(target: str, output: str | None, options: dict[str, Any], *,
               max_bytes: int) -> None:
    """Write the feed preview of one briefing (see the module docstring)."""
    from sharecard.api import build_bundle, load_input
    from sharecard.cards.commands import _settings
    from sharecard.export.bundle import write_bundle
    from sharecard.feeds import FEED_FILE, embed_images

    if target != "-" and Path(target).is_dir():
        raise ConfigError("--feed previews one briefing, not a folder", target)
    settings = _settings(options)
    loaded = load_input(target, options["input_format"], max_bytes=max_bytes)
    files, manifest = build_bundle(loaded, settings, feed=True)
    crops = [w for w in manifest.warnings if w.get("code") == "crop-cuts"]
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
    click.echo(f"{path}  {len(crops)} crop warning{'s' if len(crops) != 1 else ''}")
    for warning in crops:
        click.echo(f"  {warning['message']}", err=True)
