"""CLI commands for cards: render, preview, presets, themes, templates. Thin shells:
options become `Settings`, the library does the work, errors are SharecardErrors."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sharecard.cards.config import Settings, settings_for
from sharecard.cards.presets import PRESETS
from sharecard.cards.themes import BUILTIN_THEMES, contrast_ratio, finish_theme
from sharecard.cli_options import max_bytes_option, template_timeout_option
from sharecard.errors import ConfigError, SharecardError, WriteError
from sharecard.fileio import write_atomic
from sharecard.images import MAX_OUTPUT_PIXELS

if TYPE_CHECKING:
    from sharecard.export.bundle import Manifest

BRIEFING_SUFFIXES = (".txt", ".md", ".markdown", ".json", ".yaml", ".yml")
NOT_BRIEFINGS = ("readme", "licence", "license", "copying", "changelog", "sources")


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    items = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    return items or None


def _colours(pairs: tuple[str, ...], accent: str | None) -> dict[str, str] | None:
    out: dict[str, str] = {}
    for pair in pairs:
        role, sep, value = pair.partition("=")
        if not sep:
            raise ConfigError(f"--color takes ROLE=#HEX (e.g. accent=#B4232A), not '{pair}'")
        out[role.strip()] = value.strip()
    if accent:
        out["accent"] = accent
    return out or None



def write_input_bundle(input: str, options: dict[str, Any], settings: Settings, out_dir: str,
                       max_bytes: int) -> tuple[Path, Manifest]:
    """Read INPUT, build its bundle with `settings` and write it into OUT/<slug>/:
    (that folder, the manifest). What `render` and `carousel` share. Cards are drawn by
    the console script's drawing helper when it started one (`cli.main`)."""
    from sharecard.api import build_bundle, load_input
    from sharecard.export.bundle import write_bundle
    from sharecard.raster import rasterize_cards

    ctx = click.get_current_context(silent=True)
    rasterize = getattr(ctx.obj if ctx else None, "rasterize_cards", rasterize_cards)
    loaded = load_input(input, options["input_format"], max_bytes=max_bytes)
    files, manifest = build_bundle(loaded, settings, rasterize=rasterize)
    try:
        path = write_bundle(out_dir, manifest.slug, files, manifest)
    except OSError as exc:
        raise WriteError(f"cannot write the bundle: {exc.strerror or exc}", out_dir) from None
    return path, manifest

def _settings(
    options: dict[str, Any],
    *,
    presets: tuple[str, ...] | None = None,
    cards: tuple[str, ...] | None = None,
    **extra: Any,
) -> Settings:
    """The config file's settings overridden by the `render_options` flags given.

    `presets` and `cards` are what the command draws when their flag is not given (None:
    the config's); `extra` holds the command's own settings (None: not given)."""
    base = settings_for(options["config"])
    colours = _colours(options["color_pairs"], options["accent"])
    return base.merge(
        presets=_split(options["presets"]) or presets,
        cards=_split(options["cards"]) or cards,
        theme=options["theme"],
        colours=None if colours is None else {**dict(base.colours), **colours},
        logo=options["logo"],
        brand=options["brand"],
        url=options["url"],
        date=options["date"],
        templates=options["templates"],
        fonts=options["fonts"] or None,
        allow_missing_glyphs=options["allow_missing_glyphs"] or None,
        system_fonts=False if options["no_system_fonts"] else None,
        template_timeout=options["template_timeout"],
        **extra,
    )


def render_options(func: Any) -> Any:
    """Options shared by `render` and `preview`."""
    options = [
        click.option("--preset", "presets", multiple=True, metavar="NAMES",
                     help="Presets, comma-separated or repeated: og, x, linkedin, square, "
                     "portrait, story… or WxH (e.g. 1500x500); 'all' for every preset."),
        click.option("--cards", "cards", multiple=True, metavar="KINDS",
                     help="Cards to draw: cover, sections, quote (or a user template's "
                     "kind), comma-separated. Default: cover."),
        click.option("--theme", help="Theme: light or dark."),
        click.option("--color", "color_pairs", multiple=True, metavar="ROLE=#HEX",
                     help="Brand colour for a theme role: background, text, body, muted, "
                     "accent, rule. Repeatable."),
        click.option("--accent", metavar="#HEX", help="Shortcut for --color accent=#HEX."),
        click.option("--logo", metavar="FILE", help="Local SVG or PNG logo for the footer."),
        click.option("--brand", help="Brand shown in the footer (overrides the "
                     "briefing's; '' hides it)."),
        click.option("--url", help="Link shown in the footer and used in blurbs."),
        click.option("--date", help="Date shown in the footer."),
        click.option("--templates", metavar="DIR",
                     help="Directory of templates that add to or override the built-ins."),
        click.option("--font", "fonts", multiple=True, metavar="PATH",
                     help="Extra font file or directory. Repeatable."),
        click.option("--allow-missing-glyphs", is_flag=True, default=False,
                     help="Render even if no font covers some characters (they are left "
                     "out and listed as warnings); by default that is an error."),
        click.option("--no-system-fonts", is_flag=True, default=False,
                     help="Use only the shipped fonts and --font: the same output on "
                     "every machine."),
        click.option("--config", metavar="FILE",
                     help="Config file (default: ./sharecard.toml, or [tool.sharecard] in "
                     "./pyproject.toml)."),
        click.option("--from", "--input-format", "input_format",
                     type=click.Choice(["scout", "markdown", "json", "yaml"]),
                     help="Input format (as for `parse`); by default detected from the "
                     "file name and content."),
    ]
    for option in reversed(options):
        func = option(func)
    return template_timeout_option(func)


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
                   as_json: bool, max_bytes: int, **options: Any) -> None:
    """Render INPUT's cards (SVG + PNG…), blurbs and manifest into OUT/<slug>/.

    INPUT is a briefing file (Scout share text, Markdown, JSON or YAML) or - for stdin.
    """
    settings = _settings(options, formats=_split(formats), scale=scale)
    path, manifest = write_input_bundle(input, options, settings, out_dir, max_bytes)
    if as_json:
        click.echo(manifest.to_json().decode("utf-8"), nl=False)
        return
    images = sum(1 for f in manifest.files if f.get("format") in ("png", "jpeg", "webp"))
    click.echo(f"{path}/  {len(manifest.cards)} cards, {images} images, "
               f"{len(manifest.files) + 1} files, {len(manifest.warnings)} warnings "
               "(see manifest.json)")


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
def preview_command(target: str, output: str | None, max_bytes: int, **options: Any) -> None:
    """Write a contact sheet of every card at every preset, for one briefing or a folder.

    Defaults to all presets and cover, sections, quote. A file that cannot be read is
    reported and skipped (exit 1). --feed previews one briefing in feed frames instead.
    """
    if options.pop("feed"):
        from sharecard.feeds.commands import write_feed

        write_feed(target, output, options, max_bytes=max_bytes)
        return
    from sharecard.api import load_input, render_cards, renderer_for
    from sharecard.cards.contact import rows_of, sheet_html, sheet_svg
    from sharecard.raster import draw, encode

    settings = _settings(options, presets=("all",), cards=("cover", "sections", "quote"))
    out = Path(output or "out/preview.png")
    if out.suffix.lower() not in (".png", ".html"):
        raise ConfigError("the contact sheet must be a .png or .html file", str(out))
    renderer = renderer_for(settings)
    named = []
    failed = 0
    inputs = _inputs(target)
    for item in inputs:
        try:
            loaded = load_input(item, options["input_format"], max_bytes=max_bytes)
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


COMMANDS = (render_command, preview_command, presets_command, themes_command,
            templates_command)
