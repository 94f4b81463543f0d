"""CLI commands for cards: render, presets, themes, templates. Thin shells: options
become `Settings` (`sharecard.cli.options`), the library does the work, errors are
SharecardErrors."""

from __future__ import annotations

import json
from typing import Any

import click

from sharecard.cards.presets import PRESETS
from sharecard.cards.themes import BUILTIN_THEMES, contrast_ratio, finish_theme
from sharecard.cli.options import (
    max_bytes_option,
    render_options,
    settings_from_options,
    split_list,
    write_input_bundle,
)
from sharecard.errors import ConfigError
from sharecard.readers.limits import InputLimits


@click.command("render")
@click.argument("input", metavar="INPUT")
@click.option("-o", "--out", "out_dir", default="out", show_default=True, metavar="DIR",
              help="Output directory; the bundle goes to DIR/<slug>/.")
@render_options
@click.option("--format", "formats", multiple=True, metavar="FMT",
              help="Image formats: png (default), jpeg, webp; comma-separated.")
@click.option("--scale", type=float, help="Pixel scale, e.g. 2 for retina (default 1).")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
@max_bytes_option
def render_command(input: str, out_dir: str, formats: tuple[str, ...], scale: float | None,
                   as_json: bool, max_bytes: int, limits: InputLimits,
                   **options: Any) -> None:
    """Render INPUT's cards (SVG + PNG…), blurbs and manifest into OUT/<slug>/.

    INPUT is a briefing file (Scout share text, Markdown, JSON or YAML) or - for stdin.
    """
    settings = settings_from_options(options, formats=split_list(formats), scale=scale)
    path, manifest = write_input_bundle(input, options, settings, out_dir, max_bytes, limits)
    if as_json:
        click.echo(manifest.to_json().decode("utf-8"), nl=False)
        return
    images = sum(1 for f in manifest.files if f.get("format") in ("png", "jpeg", "webp"))
    click.echo(f"{path}/  {len(manifest.cards)} cards, {images} images, "
               f"{len(manifest.files) + 1} files, {len(manifest.warnings)} warnings "
               "(see manifest.json)")


@click.command("presets")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def presets_command(as_json: bool) -> None:
    """List the named card sizes, their layout family, platform and file-size cap."""
    if as_json:
        click.echo(json.dumps([p.to_dict() for p in PRESETS.values()], indent=2))
        return
    for p in PRESETS.values():
        cap = f"{p.max_bytes // (1024 * 1024)} MB"
        click.echo(f"{p.name:<10} {p.label:>10}  {p.family:<9}  ≤{cap:>6}  {p.platform}")
    click.echo("custom:    WxH, e.g. --preset 1500x500 (each side 200–4096 px)")


@click.command("themes")
def themes_command() -> None:
    """List the built-in themes with their colours and WCAG contrast ratios."""
    for theme in BUILTIN_THEMES.values():
        t = finish_theme(theme)
        click.echo(f"{t.name}: background {t.background}")
        for role, colour in t.text_colours.items():
            ratio = contrast_ratio(colour, t.background)
            click.echo(f"  {role:<7} {colour}  {ratio:5.2f}:1")
        click.echo(f"  accent  {t.accent}   rule {t.rule}")


@click.command("templates")
@click.option("--templates", metavar="DIR", help="A user template directory to include.")
@click.option("--show", metavar="NAME", help="Print one template's source (e.g. cover.svg.j2).")
def templates_command(templates: str | None, show: str | None) -> None:
    """List card templates (user and built-in), or print one to start your own from."""
    from sharecard.cards.environment import TemplateLibrary

    library = TemplateLibrary(templates)
    if show:
        names = library.names()
        if show not in names:
            raise ConfigError(f"unknown template '{show}'; valid templates: {', '.join(names)}")
        source, _ = library.source(show)
        click.echo(source, nl=False)
        return
    for name in library.names():
        click.echo(f"{name:<28} {library.origin(name)}")


COMMANDS = (render_command, presets_command, themes_command, templates_command)
