"""CLI commands for the service: ``sharecard serve`` and ``sharecard sign-url``.

Thin shells: options become a `ServiceConfig`; FastAPI and uvicorn are imported only when
`serve` runs, so every other command starts as fast as before.
"""

from __future__ import annotations

import os
from dataclasses import fields
from pathlib import Path
from typing import Any

import click

from sharecard.errors import ConfigError
from sharecard.ogurl.signing import KEY_VARIABLE
from sharecard.service.limits import Limits

DEFAULTS = Limits()


def _limit_options(func: Any) -> Any:
    options = [
        click.option("--max-bytes", "max_body_bytes", type=click.IntRange(1),
                     default=DEFAULTS.max_body_bytes, show_default=True,
                     help="Largest request body (413 above)."),
        click.option("--max-text", "max_text_chars", type=click.IntRange(1),
                     default=DEFAULTS.max_text_chars, show_default=True,
                     help="Most characters of text in one briefing (413 above)."),
        click.option("--max-pixels", type=click.IntRange(1), default=DEFAULTS.max_pixels,
                     show_default=True, help="Most pixels in one image, width × height × "
                     "scale² (422 above)."),
        click.option("--max-images", type=click.IntRange(1), default=DEFAULTS.max_images,
                     show_default=True, help="Most images in one bundle (422 above)."),
        click.option("--max-logo-bytes", type=click.IntRange(1),
                     default=DEFAULTS.max_logo_bytes, show_default=True,
                     help="Largest logo sent with a request."),
        click.option("--max-logo-pixels", type=click.IntRange(1),
                     default=DEFAULTS.max_logo_pixels, show_default=True,
                     help="Most pixels in a PNG logo sent with a request."),
        click.option("--timeout", "render_timeout", type=click.FloatRange(0.1),
                     default=DEFAULTS.render_timeout, show_default=True,
                     help="Seconds one render may take; past it the request gets 504 and "
                     "the worker is replaced."),
        click.option("--body-timeout", type=click.FloatRange(0.1),
                     default=DEFAULTS.body_timeout, show_default=True,
                     help="Seconds a client has to send a request body (408)."),
        click.option("--header-timeout", type=click.FloatRange(0.1),
                     default=DEFAULTS.header_timeout, show_default=True,
                     help="Seconds a client has to send request headers (408, closed)."),
        click.option("--max-header-bytes", type=click.IntRange(1024),
                     default=DEFAULTS.max_header_bytes, show_default=True,
                     help="Largest request line and headers together (414 for a longer "
                     "request line, 431 for longer headers; closed)."),
        click.option("--queue", "queue_size", type=click.IntRange(0),
                     default=DEFAULTS.queue_size, show_default=True,
                     help="Requests that may wait for a worker; more get 503."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _settings(config: str | None, templates: str | None, fonts: tuple[str, ...],
              missing_glyphs: str) -> Any:
    from sharecard.cards.config import settings_for

    if templates is not None and not Path(templates).is_dir():
        raise ConfigError("template directory not found", templates)
    for font in fonts:
        if not Path(font).exists():
            raise ConfigError("font file or directory not found", font)
    settings = settings_for(config).merge(templates=templates, fonts=fonts or None,
                                          allow_missing_glyphs=missing_glyphs == "draw")
    if isinstance(settings.logo, Path) and not settings.logo.is_file():
        raise ConfigError("logo file not found", str(settings.logo))
    return settings


def _usable_cpus() -> int:
    """CPUs this process may run on (a container's cpuset, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface, e.g. in a container).")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True,
              help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              envvar="SHARECARD_WORKERS", show_envvar=True,
              help="Render worker processes (default: one per CPU this process may use).")
@click.option("--config", metavar="FILE",
              help="Config file with the house look: brand, colours, logo, presets, cards "
              "(default: ./sharecard.toml or [tool.sharecard] in ./pyproject.toml).")
@click.option("--templates", metavar="DIR",
              help="Template directory whose cards requests may name.")
@click.option("--font", "fonts", multiple=True, metavar="PATH",
              help="Extra font file or directory. Repeatable.")
@_limit_options
@click.option("--forwarded-allow-ips", metavar="IPS",
              help="Proxies whose X-Forwarded-For/-Proto to trust (comma-separated); "
              "default: none.")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]),
              default="info", show_default=True, help="Server log level.")
@click.option("--no-access-log", is_flag=True, help="Do not log each request.")
@click.option("--missing-glyphs", type=click.Choice(["draw", "refuse"]), default="draw",
              show_default=True,
              help="A character no font on the server covers: draw the card without it "
              "(an og:image must not break for one character), or refuse the request (422).")
def serve_command(host: str, port: int, workers: int | None, config: str | None,
                  templates: str | None, fonts: tuple[str, ...],
                  forwarded_allow_ips: str | None, log_level: str, no_access_log: bool,
                  missing_glyphs: str, **limits: Any) -> None:
    """Serve cards, bundles and blurbs over HTTP (see docs/service.md).

    POST /v1/card, /v1/bundle, /v1/blurb take a briefing; GET /v1/og.png?headline=…
    draws a cover from its URL. With SHARECARD_SIGNING_KEY set, og.png renders only
    URLs signed with it (`sharecard sign-url`). Docs at /docs, schema at /openapi.json.
    """
    try:
        from sharecard.service.app import ServiceConfig
        from sharecard.service.server import run
    except ImportError as exc:  # installed without the [serve] extra
        raise click.ClickException(
            f"sharecard serve needs {exc.name or 'its dependencies'}: "
            "install sharecard with its serve extra (README: Installing)") from None

    known = {f.name for f in fields(Limits)}
    config_ = ServiceConfig(
        settings=_settings(config, templates, fonts, missing_glyphs),
        limits=Limits(**{k: v for k, v in limits.items() if k in known}),
        workers=workers or _usable_cpus(),
        signing_key=os.environ.get(KEY_VARIABLE, "").encode("utf-8") or None,
    )
    if config_.signing_key is None:
        click.echo(f"sharecard: {KEY_VARIABLE} is not set: /v1/og.png renders any URL",
                   err=True)
    run(config_, host=host, port=port, forwarded_allow_ips=forwarded_allow_ips,
        log_level=log_level, access_log=not no_access_log)


@click.command("sign-url")
@click.argument("url")
def sign_url_command(url: str) -> None:
    """Print URL with &sig=… appended, signed with SHARECARD_SIGNING_KEY.

    URL is an og:image path such as '/v1/og.png?headline=Rates+hold&preset=og' (or a full
    URL); the service started with the same key renders it, and refuses any change to it.
    """
    from sharecard.ogurl.signing import sign_url

    click.echo(sign_url(url))


COMMANDS = (serve_command, sign_url_command)
