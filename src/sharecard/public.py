"""sharecard's stable top-level API: what ``import sharecard`` offers a publishing system.

    import sharecard
    briefing = sharecard.read("briefing.md")                       # -> Briefing
    png = sharecard.render(briefing, preset="square", theme="dark")  # -> bytes, nothing written
    svg = sharecard.render_svg(text)                                 # -> str
    manifest = sharecard.bundle(data, "out", presets="og,x")        # -> Manifest (written)
    post = sharecard.blurb(briefing, "bluesky")                      # -> str
    url = sharecard.sign_url("/v1/og.png?headline=Rates+hold")       # for the HTTP service

Why a layer above `sharecard.pipeline`: that module speaks in internal types (`Settings`,
`CardRenderer`) a CMS should not have to know, and shares one renderer per process. Here
every function takes plain values, a ``source`` in any form, and raises only
`SharecardError` subclasses for anything a caller can fix.

``source`` is a `Briefing`, ``bytes`` (the raw body of an upload), a path (``pathlib.Path``
or a ``str`` naming a file, e.g. ``"briefing.md"``), or the briefing's text. A ``str`` is
taken as a path when it is one line that names an existing file or ends in a briefing
suffix (.txt .md .markdown .json .yaml .yml); anything else is text. Pass ``bytes`` or a
``Path`` to leave no doubt.

Thread safety: each thread renders with its own `CardRenderer` (its own shaping cache and
template environment over the process's shared, read-only fonts), made on first use, so
the functions may be called from many threads at once. Every argument and result pickles,
so they also run in a process pool (``executor.submit(sharecard.render, data)``).
"""

from __future__ import annotations

import io
import os
import threading
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sharecard.cards.config import Settings
from sharecard.cards.presets import get_preset
from sharecard.cards.render import CardRenderer
from sharecard.errors import ConfigError, InputError, InputTooLarge, SharecardError
from sharecard.export.bundle import MANIFEST, Manifest, sha256
from sharecard.model import Briefing
from sharecard.pipeline import Input, build_bundle, load_input, resolve_settings, theme_for
from sharecard.readers.detect import BRIEFING_SUFFIXES
from sharecard.readers.source import DEFAULT_MAX_BYTES
from sharecard.records import replace

__all__ = [
    "Briefing",
    "Manifest",
    "Source",
    "blurb",
    "bundle",
    "bundle_files",
    "bundle_zip",
    "read",
    "render",
    "render_svg",
    "sign_url",
]

Source = Briefing | bytes | str | os.PathLike[str]

IMAGE_FORMATS = ("png", "jpeg", "jpg", "webp")
MAX_PATH_CHARS = 4096
# Fixed timestamp for zip members: the same bundle gives a byte-identical archive.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

# Keyword options every function takes, as `Settings` fields (plus the input's format).
LOOK_OPTIONS = ("brand", "url", "date", "colours", "logo", "templates", "fonts", "config",
                "allow_missing_glyphs", "system_fonts", "template_timeout")
BUNDLE_OPTIONS = ("presets", "cards", "theme", "fmt", "scale", *LOOK_OPTIONS)


# -- the source ------------------------------------------------------------------------


def _looks_like_path(text: str) -> bool:
    if "\n" in text or not text.strip() or len(text) > MAX_PATH_CHARS:
        return False
    if Path(text).suffix.lower() in BRIEFING_SUFFIXES:
        return True
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a name the OS cannot even look up is not a path
        return False


def _load(source: Source, input_format: str | None = None,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Input:
    """The source as a loaded input (briefing, display name, digest), never stdin; bytes,
    text or a file over `max_bytes` is refused (InputTooLarge)."""
    if isinstance(source, Briefing):
        return load_input(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return load_input(bytes(source), input_format, max_bytes=max_bytes)
    if isinstance(source, os.PathLike):
        return load_input(Path(source), input_format, max_bytes=max_bytes)
    if not isinstance(source, str):
        raise InputError(f"a briefing source must be a path, bytes, text or a Briefing, "
                         f"not {type(source).__name__}")
    if _looks_like_path(source) and source != "-":
        return load_input(Path(source), input_format, max_bytes=max_bytes)
    from sharecard.readers import read_text

    data = source.encode("utf-8", "surrogatepass")
    if len(data) > max_bytes:
        raise InputTooLarge(max_bytes, "<text>")
    return Input(read_text(source, input_format, source="<text>"), "<text>", sha256(data),
                 len(data))


def read(source: Source, fmt: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
         ) -> Briefing:
    """The briefing in `source`; `fmt` (scout | markdown | json | yaml) skips detection.
    `max_bytes` (every function takes it) caps the input's size: 5 MB unless raised."""
    return _load(source, fmt, max_bytes).briefing


# -- settings and renderers ----------------------------------------------------------------


def _settings(options: dict[str, Any], allowed: Sequence[str], fixed: dict[str, Any]
              ) -> Settings:
    """Settings from keyword options (names checked, so a typo is a ConfigError, not a
    silently ignored argument) and the function's own parameters (`fixed`)."""
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise ConfigError(f"unknown option '{unknown[0]}'; valid options: {', '.join(allowed)}")
    values = {**options, **fixed}
    config = values.pop("config", None)
    if "fmt" in values:
        values["formats"] = values.pop("fmt")
    if "colors" in values:
        values["colours"] = values.pop("colors")
    try:
        return resolve_settings(config, **values)
    except SharecardError:
        raise
    except (TypeError, ValueError) as exc:  # e.g. colours={"accent": 3}
        raise ConfigError(f"invalid option value: {exc}") from None


_local = threading.local()


def thread_renderer(settings: Settings) -> CardRenderer:
    """This thread's renderer for the settings' templates and fonts (made on first use):
    what every function here draws with, and what a caller of the lower layer
    (`sharecard.pipeline`, `sharecard.feeds`) in the same thread passes to share it.

    The fonts themselves are parsed once per process and shared: they are read-only
    apart from caches whose content the fonts fix. What is per thread is the mutable
    part, the Typesetter's shaping cache and the template environment."""
    from sharecard.typeset import FontLibrary, Typesetter

    renderers: dict[tuple[str | None, tuple[str, ...], bool], CardRenderer]
    renderers = getattr(_local, "renderers", None) or {}
    _local.renderers = renderers
    templates = None if settings.templates is None else str(settings.templates)
    fonts = tuple(str(f) for f in settings.fonts)
    key = (templates, fonts, settings.system_fonts)
    renderer = renderers.get(key)
    if renderer is None:
        typesetter = Typesetter(FontLibrary.default(fonts, system=settings.system_fonts))
        renderer = CardRenderer(templates=templates, typesetter=typesetter)
        renderers[key] = renderer
    return renderer


# -- one card --------------------------------------------------------------------------


def _card(source: Source, card: str, preset: str, theme: str, index: int,
          input_format: str | None, max_bytes: int, options: dict[str, Any], **fixed: Any
          ) -> tuple[Any, Settings]:
    from sharecard.pipeline import render_card

    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise ConfigError(f"index must be a whole number ≥ 0, not {index!r}")
    settings = _settings(options, LOOK_OPTIONS, {"presets": preset, "theme": theme, **fixed})
    loaded = _load(source, input_format, max_bytes)
    chosen = get_preset(preset)
    drawn = render_card(loaded.briefing, card, chosen, theme_for(settings), index=index,
                        settings=settings, renderer=thread_renderer(settings))
    return drawn, settings


def render_svg(
    source: Source,
    *,
    card: str = "cover",
    preset: str = "og",
    theme: str = "light",
    index: int = 0,
    input_format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **options: Any,
) -> str:
    """One card as SVG text (the text as glyph outlines): `card` is cover | section |
    quote | a user template's kind, `index` the section (0-based) for a section card.

    `options`: brand, url, date, colours (role -> #hex), logo (a path, or the logo's
    bytes: an SVG or PNG), templates,
    fonts, config (a sharecard.toml / pyproject.toml path or a Settings),
    allow_missing_glyphs (True: draw without characters no font covers, instead of a
    MissingGlyphsError), system_fonts (False: shipped and user fonts only)."""
    drawn, _ = _card(source, card, preset, theme, index, input_format, max_bytes, options)
    return str(drawn.svg)


def render(
    source: Source,
    *,
    card: str = "cover",
    preset: str = "og",
    theme: str = "light",
    fmt: str = "png",
    scale: float = 1,
    index: int = 0,
    input_format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **options: Any,
) -> bytes:
    """One card as an encoded image (png | jpeg | webp), nothing written.

    The bytes are those `sharecard render` writes for the same input and options (the
    same drawing, the same encoder, the same platform size cap); the card's SVG is not
    built for it. Options as for `render_svg`; `scale` multiplies the pixel size (0.25–4)."""
    from sharecard.raster import rasterize_card

    if not isinstance(fmt, str) or fmt.lower() not in IMAGE_FORMATS:
        raise ConfigError(f"unknown image format {fmt!r}; valid formats: png, jpeg, webp")
    drawn, settings = _card(source, card, preset, theme, index, input_format, max_bytes,
                            options, fmt=fmt, scale=scale)
    raster = rasterize_card(drawn, scale=settings.scale, formats=settings.formats,
                            max_bytes=drawn.preset.max_bytes)
    return bytes(raster[0].data)


# -- bundles -----------------------------------------------------------------------------


def bundle_files(
    source: Source, *, input_format: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    **options: Any
) -> tuple[dict[str, bytes], Manifest]:
    """A bundle in memory: file name -> bytes (manifest.json not among them) and the
    manifest. Options: presets, cards, theme, fmt, scale and those of `render_svg`."""
    settings = _settings(options, BUNDLE_OPTIONS, {})
    loaded = _load(source, input_format, max_bytes)
    return build_bundle(loaded, settings, renderer=thread_renderer(settings))


def bundle(
    source: Source, out_dir: str | os.PathLike[str] = "out", *,
    input_format: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, **options: Any
) -> Manifest:
    """Render the whole bundle (cards at every preset, blurbs, threads, alt text, meta
    tags, manifest.json) into ``out_dir/<slug>/`` atomically; returns the manifest with
    its `path` set. Options as for `bundle_files`."""
    from sharecard.export.bundle import write_bundle

    files, manifest = bundle_files(source, input_format=input_format, max_bytes=max_bytes,
                                   **options)
    try:
        path = write_bundle(out_dir, manifest.slug, files, manifest)
    except OSError as exc:
        raise ConfigError(f"cannot write the bundle: {exc.strerror or exc}",
                          str(out_dir)) from None
    return replace(manifest, path=path)


def zip_bundle(files: dict[str, bytes], manifest: Manifest) -> bytes:
    """The bundle as a zip of ``<slug>/…`` with manifest.json, byte-identical for the
    same files (sorted members, fixed timestamps and permissions)."""
    members = {**files, MANIFEST: manifest.to_json()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(f"{manifest.slug}/{name}", date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the permissions below mean what they say
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


def bundle_zip(source: Source, *, input_format: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, **options: Any) -> bytes:
    """The bundle as one zip archive (for an HTTP response or object storage)."""
    return zip_bundle(*bundle_files(source, input_format=input_format, max_bytes=max_bytes,
                                    **options))


# -- blurbs and URLs -----------------------------------------------------------------------


def blurb(
    source: Source,
    platform: str,
    *,
    thread: bool = False,
    url: str | None = None,
    utm: str | None = None,
    hashtags: Iterable[str] = (),
    input_format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> str | list[str]:
    """The share text for `platform` (x, bluesky, mastodon, threads, linkedin, facebook,
    generic), counted as it counts; with `thread`, the posts of a thread."""
    from sharecard import blurbs

    if platform not in blurbs.PLATFORMS:
        raise ConfigError(f"unknown platform {platform!r}; valid platforms: "
                          f"{', '.join(blurbs.PLATFORMS)}")
    briefing = _load(source, input_format, max_bytes).briefing
    if thread:
        if utm or tuple(hashtags):
            raise ConfigError("utm and hashtags apply to blurbs, not to threads")
        return list(blurbs.thread(briefing, platform, url=url))
    return str(blurbs.compose(briefing, platform, url=url, utm=utm, hashtags=tuple(hashtags)))


def sign_url(url: str, *, key: str | bytes | None = None) -> str:
    """`url` (a ``/v1/og.png?…`` path, or a full URL) with ``&sig=…`` appended: the
    HMAC-SHA256 of its canonical query under `key`, by default the
    ``SHARECARD_SIGNING_KEY`` environment variable the service is started with."""
    from sharecard.ogurl.signing import sign_url as _sign

    return _sign(url, key=key)
