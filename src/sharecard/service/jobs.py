"""What a worker process does for one request: bytes in, bytes out, through `sharecard`'s
top-level API, with the service's limits checked on the way.

Everything here runs in a render worker (see `pool`), never in the process that serves
HTTP, so a slow or runaway render costs one worker for at most the time limit. Requests
and results are small frozen dataclasses: they cross the process boundary by pickle.
Errors are `SharecardError`s (and `LimitExceeded`); the HTTP layer maps them to statuses.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sharecard import faults, public
from sharecard.cards.config import Settings
from sharecard.cards.presets import get_preset, parse_presets
from sharecard.cards.themes import Logo, logo_from_bytes
from sharecard.errors import ConfigError
from sharecard.model import Briefing
from sharecard.pipeline import resolve_settings, with_overrides
from sharecard.service.limits import (
    Limits,
    LogoRefused,
    check_images,
    check_logo,
    check_pixels,
)

MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp",
               "svg": "image/svg+xml"}
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True, slots=True)
class CardRequest:
    """One card: the briefing's bytes and how to draw it."""

    body: bytes
    input_format: str | None = None
    card: str = "cover"
    index: int = 0
    preset: str = "og"
    theme: str = "light"
    fmt: str = "png"  # png | jpeg | webp | svg
    scale: float = 1.0
    logo: bytes | None = None


@dataclass(frozen=True, slots=True)
class BundleRequest:
    """A whole bundle; None means the server's configured (or built-in) default."""

    body: bytes
    input_format: str | None = None
    presets: str | None = None
    cards: str | None = None
    theme: str | None = None
    formats: str | None = None
    scale: float | None = None
    logo: bytes | None = None


@dataclass(frozen=True, slots=True)
class PreviewRequest:
    """The feed preview of a briefing; None means the server's configured default (url,
    brand and date: the briefing's own)."""

    body: bytes
    input_format: str | None = None
    presets: str | None = None
    cards: str | None = None
    theme: str | None = None
    scale: float | None = None
    url: str | None = None
    brand: str | None = None
    date: str | None = None
    logo: bytes | None = None


@dataclass(frozen=True, slots=True)
class BlurbRequest:
    body: bytes
    input_format: str | None = None
    url: str | None = None
    utm: str | None = None


@dataclass(frozen=True, slots=True)
class Output:
    """A finished render: the response body, its media type and the worker's seconds."""

    data: bytes
    media_type: str
    seconds: float
    filename: str | None = None


def _briefing(body: bytes, input_format: str | None, limits: Limits) -> Briefing:
    """The briefing, read under the service's own body cap (which may be above the
    readers' default) and then held to its text limit."""
    return public.read(body, input_format, max_bytes=limits.max_body_bytes,
                       limits=limits.input_limits)


def _logo(logo: bytes | None, limits: Limits) -> Logo | None:
    """The request's logo, checked against the service's caps and rules, then read as
    any logo is (`logo_from_bytes`): no file is written for it."""
    if logo is None:
        return None
    check_logo(logo, limits)
    try:
        return logo_from_bytes(logo, "logo", max_bytes=limits.max_logo_bytes)
    except ConfigError as exc:
        raise LogoRefused(exc.problem, "logo") from None


def _with_logo(settings: Settings, logo: Logo | None) -> Settings:
    """The server's settings with the request's logo, already checked and read."""
    return settings if logo is None else settings.merge(logo=logo)


def _bundle_briefing(chosen: Settings, body: bytes, input_format: str | None,
                     limits: Limits) -> Briefing:
    """The briefing of a bundle, refused before anything is drawn when an image would
    be over the pixel limit (checked first: it needs no reading) or the bundle over the
    image-count limit."""
    presets = parse_presets(chosen.presets)
    for preset in presets:
        check_pixels(preset.width, preset.height, chosen.scale, limits)
    briefing = _briefing(body, input_format, limits)
    per_preset = sum(len(briefing.sections) if kind.strip().lower() in ("sections", "section")
                     else 1 for kind in chosen.cards)
    check_images(len(presets) * per_preset * len(chosen.formats), limits)
    return briefing


def render_card(settings: Settings, limits: Limits, request: CardRequest) -> Output:
    """One card as PNG/JPEG/WebP bytes (identical to `sharecard render`'s) or SVG."""
    started = time.perf_counter()
    faults.hit("service:card")
    preset = get_preset(request.preset)
    check_pixels(preset.width, preset.height, request.scale, limits)
    briefing = _briefing(request.body, request.input_format, limits)
    options: dict[str, Any] = {"card": request.card, "preset": request.preset,
                               "theme": request.theme, "index": request.index,
                               "config": _with_logo(settings, _logo(request.logo, limits))}
    if request.fmt == "svg":
        data = public.render_svg(briefing, **options).encode("utf-8")
    else:
        data = public.render(briefing, fmt=request.fmt, scale=request.scale, **options)
    return Output(data, MEDIA_TYPES[request.fmt], time.perf_counter() - started)


def render_bundle(settings: Settings, limits: Limits, request: BundleRequest) -> Output:
    """The bundle as a zip (cards, blurbs, threads, alt text, meta tags, manifest)."""
    started = time.perf_counter()
    faults.hit("service:bundle")
    chosen = resolve_settings(settings, presets=request.presets, cards=request.cards,
                              theme=request.theme, formats=request.formats,
                              scale=request.scale)
    _bundle_briefing(chosen, request.body, request.input_format, limits)
    # From the bytes again (the reader takes milliseconds) so that the manifest
    # records the sha256 and size of what was sent, as `sharecard render` does.
    files, manifest = public.bundle_files(
        request.body, input_format=request.input_format, max_bytes=limits.max_body_bytes,
        limits=limits.input_limits,
        config=_with_logo(chosen, _logo(request.logo, limits)))
    data = public.zip_bundle(files, manifest)
    return Output(data, "application/zip", time.perf_counter() - started,
                  filename=f"{manifest.slug}.zip")


def render_preview(settings: Settings, limits: Limits, request: PreviewRequest) -> Output:
    """The feed preview: one HTML page, every platform's frame with the bundle's images
    inlined as ``data:`` URIs (`sharecard.pipeline.feed_preview`). Its images are PNG
    whatever the server's formats: that is what the frames show."""
    from sharecard.pipeline import feed_preview

    started = time.perf_counter()
    chosen = resolve_settings(_with_logo(settings, _logo(request.logo, limits)),
                              presets=request.presets, cards=request.cards,
                              theme=request.theme, scale=request.scale, url=request.url,
                              brand=request.brand, date=request.date, formats=("png",))
    _bundle_briefing(chosen, request.body, request.input_format, limits)
    page = feed_preview(request.body, chosen, input_format=request.input_format,
                        max_bytes=limits.max_body_bytes, limits=limits.input_limits,
                        renderer=public.thread_renderer(chosen))
    return Output(page.encode("utf-8"), HTML, time.perf_counter() - started)


def render_blurbs(settings: Settings, limits: Limits, request: BlurbRequest) -> Output:
    """Every platform's blurb and thread as JSON, counted as each platform counts."""
    import json

    from sharecard import blurbs

    started = time.perf_counter()
    # The server's brand/url/date apply as in a bundle, so its blurbs.json says the same.
    briefing = with_overrides(_briefing(request.body, request.input_format, limits), settings)
    link = request.url if request.url is not None else briefing.url
    platforms: dict[str, Any] = {}
    for name, spec in blurbs.PLATFORMS.items():
        text = public.blurb(briefing, name, url=link, utm=request.utm)
        assert isinstance(text, str)
        platforms[name] = {"text": text, "count": spec.count(text), "limit": spec.limit,
                           "counted_as": spec.counted_as}
    threads = {name: public.blurb(briefing, name, thread=True, url=link)
               for name in blurbs.THREAD_PLATFORMS}
    body = {"default": blurbs.DEFAULT_PLATFORM, "url": link, "platforms": platforms,
            "threads": threads}
    data = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return Output(data, "application/json", time.perf_counter() - started)


WARM_UP = b"# Warm-up\n\n- Loads fonts, templates and the line breaker before a request does.\n"


def warm_up(settings: Settings) -> None:
    """Pay a worker's one-off costs (fonts, templates, ICU, cairo) before it serves."""
    public.render(WARM_UP, preset="og", config=settings, input_format="markdown")
