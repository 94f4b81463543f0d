"""Command-line options several commands share, defined once so they mean the same
everywhere: `max_bytes_option` on every command that reads a briefing (parse, render,
blurb, preview, and any command added later), `template_timeout_option` on every
command that renders cards, and `render_options`, the look of the cards (presets,
theme, colours, brand…) that render, preview, carousel and batch take, turned into
`Settings` by `settings_from_options`.

Each option is also *offered* while its command runs (`offering`), so an error about
that limit says how to raise it on the command line: "(raise it with --max-bytes)".
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from sharecard.cards.config import Settings, settings_for
from sharecard.errors import OFFERED_OPTIONS, ConfigError
from sharecard.readers.limits import DEFAULT_LIMITS, InputLimits
from sharecard.readers.source import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from sharecard.export.bundle import Manifest

F = TypeVar("F", bound=Callable[..., Any])


def offering(option: str) -> Callable[[F], F]:
    """Run the command with `option` named in the errors of the limit it raises."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            token = OFFERED_OPTIONS.set(OFFERED_OPTIONS.get() | {option})
            try:
                return func(*args, **kwargs)
            finally:
                OFFERED_OPTIONS.reset(token)

        return run  # type: ignore[return-value]

    return decorate


def max_bytes_option(func: F) -> F:
    """``--max-bytes N`` (default 5 MB), passed to the command as `max_bytes`, and the
    caps on what a briefing may hold once read (``--max-bullets``, ``--max-sections``,
    ``--max-field-chars``, ``--max-text-chars``), passed as `limits` (an InputLimits)."""
    caps = [
        ("--max-bullets", "max_bullets", "Refuse briefings with more bullets than this."),
        ("--max-sections", "max_sections", "Refuse briefings with more sections than this."),
        ("--max-field-chars", "max_field_chars",
         "Refuse briefings with a headline, bullet, heading or section body longer than "
         "this many characters."),
        ("--max-text-chars", "max_text_chars",
         "Refuse briefings with more characters of text than this, all fields together."),
    ]

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        given = {name: kwargs.pop(name) for _, name, _ in caps}
        kwargs["limits"] = InputLimits(**given)
        return func(*args, **kwargs)

    wrapped: Any = run
    for flag in [flag for flag, _, _ in caps] + ["--max-bytes"]:
        wrapped = offering(flag)(wrapped)
    for flag, name, text in reversed(caps):
        wrapped = click.option(flag, name, type=click.IntRange(min=1),
                               default=getattr(DEFAULT_LIMITS, name), show_default=True,
                               help=text)(wrapped)
    max_bytes = click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Refuse inputs larger than this many bytes.",
    )
    return max_bytes(wrapped)


def template_timeout_option(func: F) -> F:
    """``--template-timeout SECONDS``, passed to the command as `template_timeout`
    (None when not given: the config file's, else 20 s)."""
    option = click.option(
        "--template-timeout",
        type=click.FloatRange(min=0, min_open=True),
        metavar="SECONDS",
        help="Stop a card template that runs longer than this (default 20).",
    )
    return option(offering("--template-timeout")(func))


def split_list(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """Repeated, comma-separated values as one tuple; None when none was given."""
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


def settings_from_options(
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
        presets=split_list(options["presets"]) or presets,
        cards=split_list(options["cards"]) or cards,
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


def write_input_bundle(input: str, options: dict[str, Any], settings: Settings, out_dir: str,
                       max_bytes: int, limits: InputLimits) -> tuple[Path, Manifest]:
    """Read INPUT, build its bundle with `settings` and write it into OUT/<slug>/:
    (that folder, the manifest). What `render` and `carousel` share. Cards are drawn by
    the console script's drawing helper when it started one (`cli.main`)."""
    from sharecard.export.bundle import save_bundle
    from sharecard.pipeline import build_bundle, load_input
    from sharecard.raster import rasterize_cards

    ctx = click.get_current_context(silent=True)
    rasterize = getattr(ctx.obj if ctx else None, "rasterize_cards", rasterize_cards)
    loaded = load_input(input, options["input_format"], max_bytes=max_bytes, limits=limits)
    files, manifest = build_bundle(loaded, settings, rasterize=rasterize)
    saved = save_bundle(out_dir, files, manifest)
    assert saved.path is not None
    return saved.path, manifest
