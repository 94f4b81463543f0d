"""``sharecard carousel``: the briefing as a carousel — one PDF for document posts and
a numbered PNG series for image carousels — in a bundle. A thin shell over `render`'s
machinery: it is ``render --cards cover,sections,quote --preset square --format
png,pdf`` with the carousel's defaults and a report of what it wrote."""

from __future__ import annotations

from typing import Any

import click

from sharecard.cli.options import (
    max_bytes_option,
    render_options,
    settings_from_options,
    write_input_bundle,
)
from sharecard.readers.limits import InputLimits


@click.command("carousel")
@click.argument("input", metavar="INPUT")
@click.option("-o", "--out", "out_dir", default="out", show_default=True, metavar="DIR",
              help="Output directory; the bundle goes to DIR/<slug>/.")
@render_options
@click.option("--scale", type=float, help="Pixel scale of the PNG series (default 1).")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
@max_bytes_option
def carousel_command(input: str, out_dir: str, scale: float | None, as_json: bool,
                     max_bytes: int, limits: InputLimits, **options: Any) -> None:
    """Write INPUT as a carousel: one PDF and numbered PNG slides, in OUT/<slug>/.

    A slide per card in reading order (cover, sections, quote), each numbered "n/N",
    then a last slide with the brand and the link (--url). --preset square (default)
    or portrait for Instagram, Threads and LinkedIn; the PDF, carousel-<preset>.pdf, is
    what LinkedIn's document posts take; carousel-<preset>/01-cover.png … are the images.
    """
    settings = settings_from_options(options, presets=("square",),
                                     cards=("cover", "sections", "quote"),
                                     formats=("png", "pdf"), scale=scale)
    path, manifest = write_input_bundle(input, options, settings, out_dir, max_bytes, limits)
    if as_json:
        click.echo(manifest.to_json().decode("utf-8"), nl=False)
        return
    for row in manifest.files:
        if row.get("kind") == "carousel":
            slides = sum(1 for r in manifest.files
                         if r.get("kind") == "slide" and r.get("preset") == row["preset"])
            click.echo(f"{path}/{row['path']}  {row['pages']} pages "
                       f"({row['text_pages']} with text), "
                       f"{row['path'].removesuffix('.pdf')}/ {slides} PNG slides")
    click.echo(f"{len(manifest.warnings)} warnings (see manifest.json)")


COMMANDS = (carousel_command,)

