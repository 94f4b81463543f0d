"""sharecard's public face: what ``import sharecard`` offers a publishing system.

    import sharecard
    briefing = sharecard.read("briefing.md")                        # -> Briefing
    png = sharecard.render(briefing, preset="square", theme="dark")   # -> bytes, nothing written
    card = sharecard.card(briefing, strict=False)                    # -> Card: bytes + warnings
    svg = sharecard.render_svg(text)                                  # -> str
    manifest = sharecard.bundle(data, "out", presets="og,x")         # -> Manifest (written)
    post = sharecard.blurb(briefing, "bluesky")                       # -> str
    url = sharecard.sign_url("/v1/og.png?headline=Rates+hold")        # for the HTTP service

Why a layer above `sharecard.pipeline`: that module speaks in internal types (`Settings`,
`CardRenderer`) a CMS should not have to know, and shares one renderer per process. Here
every function takes plain values as explicit keyword arguments (so ``help()`` and a type
checker list them), a ``source`` in any form, and raises only `SharecardError`
subclasses for anything a caller can fix. An option is spelled the same here, in the
config file and on the command line (``colors``, ``[colors]``, ``--color``), and checked
by the same code (`Settings.merge`).

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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from sharecard.cards.config import Settings
from sharecard.cards.presets import get_preset
from sharecard.cards.render import CardRenderer, RenderedCard
from sharecard.errors import (
    ConfigError,
    FitError,
    InputError,
    InputTooLarge,
    SharecardError,
)
from sharecard.export.bundle import MANIFEST, Manifest, sha256
from sharecard.model import Briefing, Diagnostic
from sharecard.pipeline import Input, build_bundle, load_input, resolve_settings, theme_for
from sharecard.readers.detect import BRIEFING_SUFFIXES
from sharecard.readers.limits import DEFAULT_LIMITS, BriefingTooLarge, InputLimits
from sharecard.readers.source import DEFAULT_MAX_BYTES

__all__ = [
    "LOST_TEXT",
    "Briefing",
    "BriefingTooLarge",
    "Card",
    "Diagnostic",
    "InputLimits",
    "Manifest",
    "Source",
    "blurb",
    "bundle",
    "bundle_files",
    "bundle_zip",
    "card",
    "read",
    "render",
    "render_svg",
    "sign_url",
]

Source = Briefing | bytes | str | os.PathLike[str]
StrPath = str | os.PathLike[str]
Names = str | Sequence[str]  # "og,square" or ["og", "square"]

IMAGE_FORMATS = ("png", "jpeg", "jpg", "webp")
MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp",
               "svg": "image/svg+xml"}
MAX_PATH_CHARS = 4096
# Fixed timestamp for zip members: the same bundle gives a byte-identical archive.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# Warning codes that mean some of a card's text is not on it whole: a bullet or sentence
# left out for lack of room, text cut with an ellipsis, characters no font covers. What
# ``strict=True`` refuses. (A headline set smaller within its range, "shrunk", is the fit
# policy at work: it is in `Card.warnings`, and does not fail a strict render.)
LOST_TEXT = ("left-out", "clamped", "missing-glyphs")

# The parameters every function documents alike; `_documented` puts them into the
# docstrings, so ``help(sharecard.render)`` lists each one where the function is.
_PARAMETERS = {
    "source": """source: The briefing: a `Briefing`, ``bytes`` (an upload's body), a path
            (``pathlib.Path``, or a one-line ``str`` naming a file or ending in .txt .md
            .markdown .json .yaml .yml), or the briefing's text (any other ``str``).""",
    "input": """input_format: scout | markdown | json | yaml, instead of detecting it.
        max_bytes: Refuse a source larger than this many bytes (default 5 MB).
        limits: An `InputLimits`: the most bullets (default 50), sections (100),
            characters in one field (20,000) and in all (200,000) a briefing may hold;
            one over them is refused before anything is laid out.""",
    "look": """brand: The brand in the footer, instead of the briefing's ("" hides it).
        url: The link in the footer and the blurbs: an http(s) URL.
        date: The date in the footer.
        colors: Theme colours by role (background, text, body, muted, accent, rule),
            e.g. ``{"accent": "#0055AA"}``; the config file's ``[colors]``, the CLI's
            ``--color``.
        logo: The footer's logo: a path to an SVG or PNG file, or its bytes.
        templates: A folder of templates that add to or override the built-ins.
        fonts: Extra font files or folders (`sharecard fonts` lists what draws what).
        config: A sharecard.toml / pyproject.toml path, or a `Settings`, that these
            arguments override (nothing is read unless it is given).
        allow_missing_glyphs: True: draw without the characters no font covers (each a
            "missing-glyphs" warning) instead of raising MissingGlyphsError.
        system_fonts: False: the shipped faces and `fonts` only, the same on every
            machine.
        template_timeout: Seconds a card's template may run (default 20).""",
    "strict": """strict: Raise FitError instead of returning a card that lost text: a
            bullet or sentence left out, text cut with an ellipsis, a character no font
            covers (`LOST_TEXT`). Without it, those are warnings.""",
    "bundle": """presets: Sizes to draw: names (og, x, linkedin, square, portrait, story,
            pinterest, x-card…) or WxH, as a list or "og,square"; "all" for every one.
            Default: the config's, else og, x, linkedin, square, portrait, story.
        cards: Card kinds: cover, sections, quote (or a user template's kind).
            Default: cover.
        theme: light | dark (default: the config's, else light).
        fmt: Image formats: png, jpeg, webp, pdf (a carousel document).
        scale: Pixel scale of every image, 0.25-4 (default 1).""",
    "one": """card: cover | section | quote, or a user template's kind.
        preset: The size: a preset name or WxH (default og, 1200x630).
        theme: light | dark (default: the config's, else light).
        index: Which section a section card shows (0-based).""",
}

F = TypeVar("F", bound=Callable[..., Any])


def _documented(func: F) -> F:
    """`func` with ``{name}`` in its docstring replaced by `_PARAMETERS`' entry."""
    if func.__doc__:
        func.__doc__ = func.__doc__.format(**_PARAMETERS)
    return func


@dataclass(frozen=True, slots=True)
class Card:
    """One rendered card: its encoded bytes, and what the fit policy and the encoder
    did to it (`warnings`, each a `Diagnostic` with code, message and detail), so a CMS
    can tell an editor that a headline was cut."""

    data: bytes
    format: str  # png | jpeg | webp | svg
    width: int  # pixels (the card's CSS size for svg)
    height: int
    warnings: tuple[Diagnostic, ...] = ()

    @property
    def media_type(self) -> str:
        """The HTTP Content-Type of `data`."""
        return MEDIA_TYPES[self.format]

    @property
    def lost(self) -> tuple[Diagnostic, ...]:
        """The warnings that mean some text is not on the card whole (`LOST_TEXT`)."""
        return tuple(w for w in self.warnings if w.code in LOST_TEXT)


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
          max_bytes: int = DEFAULT_MAX_BYTES, limits: InputLimits | None = None) -> Input:
    """The source as a loaded input (briefing, display name, digest), never stdin; bytes,
    text or a file over `max_bytes` is refused (InputTooLarge), a briefing over `limits`
    (BriefingTooLarge)."""
    if limits is not None and not isinstance(limits, InputLimits):
        raise ConfigError(f"limits must be an InputLimits, not {type(limits).__name__}")
    caps = limits or DEFAULT_LIMITS
    if isinstance(source, Briefing):
        return load_input(source, limits=caps)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return load_input(bytes(source), input_format, max_bytes=max_bytes, limits=caps)
    if isinstance(source, os.PathLike):
        return load_input(Path(source), input_format, max_bytes=max_bytes, limits=caps)
    if not isinstance(source, str):
        raise InputError(f"a briefing source must be a path, bytes, text or a Briefing, "
                         f"not {type(source).__name__}")
    if _looks_like_path(source) and source != "-":
        return load_input(Path(source), input_format, max_bytes=max_bytes, limits=caps)
    from sharecard.readers import read_text

    data = source.encode("utf-8", "surrogatepass")
    if len(data) > max_bytes:
        raise InputTooLarge(max_bytes, "<text>")
    return Input(read_text(source, input_format, source="<text>", limits=caps), "<text>",
                 sha256(data), len(data))


@_documented
def read(source: Source, input_format: str | None = None, *,
         max_bytes: int = DEFAULT_MAX_BYTES, limits: InputLimits | None = None) -> Briefing:
    """The briefing in `source`, read and cleaned (citations lifted into sources,
    clipped fragments dropped with a warning each).

    Args:
        {source}
        {input}
    """
    return _load(source, input_format, max_bytes, limits).briefing


# -- settings and renderers ----------------------------------------------------------------


def _settings(config: StrPath | Settings | None, **values: Any) -> Settings:
    """Settings from `config` and the arguments given (None: not given), checked by
    `Settings.merge` as the config file's and the CLI's are."""
    if config is not None and not isinstance(config, (str, os.PathLike, Settings)):
        raise ConfigError(f"config must be a path or a Settings, not {type(config).__name__}")
    given = {key: value for key, value in values.items() if value is not None}
    if "colors" in given:
        colors = given.pop("colors")
        if not isinstance(colors, Mapping):
            raise ConfigError("colors must be a mapping of role to #hex, e.g. "
                              '{"accent": "#0055AA"}')
        given["colours"] = dict(colors)
    if "fmt" in given:
        given["formats"] = given.pop("fmt")
    if "config" in given:
        raise ConfigError("config is given once")
    try:
        return resolve_settings(None if config is None else
                                config if isinstance(config, Settings) else Path(config),
                                **given)
    except SharecardError:
        raise
    except (TypeError, ValueError) as exc:  # e.g. colors={"accent": 3}
        raise ConfigError(f"invalid option value: {exc}") from None


_local = threading.local()


def thread_renderer(settings: Settings) -> CardRenderer:
    """This thread's renderer for the settings' templates and fonts (made on first use):
    what every function here draws with, and what a caller of the lower layer
    (`sharecard.pipeline`) in the same thread passes to share it.

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


def _check_fit(what: str, warnings: Iterable[Diagnostic]) -> None:
    """Raise FitError naming what `what` lost, if any warning says it lost text."""
    lost = [w for w in warnings if w.code in LOST_TEXT]
    if lost:
        more = f" (and {len(lost) - 1} more)" if len(lost) > 1 else ""
        raise FitError(f"{what} lost text: {lost[0].message}{more}", warnings=tuple(lost))


# -- one card --------------------------------------------------------------------------

# `card`'s defaults, which `render` and `render_svg` share (a test holds all three to it).
CARD_DEFAULTS: dict[str, Any] = {
    "card": "cover", "preset": "og", "theme": None, "fmt": "png", "scale": None, "index": 0,
    "brand": None, "url": None, "date": None, "colors": None, "logo": None,
    "templates": None, "fonts": None, "config": None, "allow_missing_glyphs": None,
    "system_fonts": None, "template_timeout": None, "input_format": None,
    "max_bytes": DEFAULT_MAX_BYTES, "limits": None, "strict": False,
}


def _one_card(card: str, preset: str, index: int, loaded: Input,
              settings: Settings) -> RenderedCard:
    from sharecard.pipeline import render_card

    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise ConfigError(f"index must be a whole number ≥ 0, not {index!r}")
    if not isinstance(card, str):
        raise ConfigError(f"card must be a card kind, not {card!r}")
    return render_card(loaded.briefing, card, get_preset(preset), theme_for(settings),
                       index=index, settings=settings, renderer=thread_renderer(settings))


def _card(source: Source, arguments: dict[str, Any]) -> Card:
    """`card` with its keyword arguments in a dict (`render` and `render_svg` pass theirs)."""
    options = {**CARD_DEFAULTS, **arguments}
    options.pop("source", None)
    fmt = options.pop("fmt")
    if not isinstance(fmt, str) or fmt.lower() not in (*IMAGE_FORMATS, "svg"):
        raise ConfigError(f"unknown image format {fmt!r}; valid formats: png, jpeg, webp, "
                          "svg")
    fmt = fmt.lower()
    kind, preset, index = options.pop("card"), options.pop("preset"), options.pop("index")
    input_format, max_bytes = options.pop("input_format"), options.pop("max_bytes")
    limits = options.pop("limits")
    strict, config = options.pop("strict"), options.pop("config")
    settings = _settings(config, presets=preset, fmt=None if fmt == "svg" else fmt, **options)
    drawn = _one_card(kind, preset, index, _load(source, input_format, max_bytes, limits),
                      settings)
    if strict:
        _check_fit(f"the {drawn.preset.name} {drawn.kind} card", drawn.warnings)
    if fmt == "svg":
        return Card(drawn.svg.encode("utf-8"), "svg", drawn.width, drawn.height,
                    tuple(drawn.warnings))
    from sharecard.raster import rasterize_card

    (raster,) = rasterize_card(drawn, scale=settings.scale, formats=settings.formats,
                               max_bytes=drawn.preset.max_bytes)
    return Card(bytes(raster.data), raster.format, raster.width, raster.height,
                (*drawn.warnings, *raster.warnings))


@_documented
def card(
    source: Source,
    *,
    card: str = "cover",
    preset: str = "og",
    theme: str | None = None,
    fmt: str = "png",
    scale: float | None = None,
    index: int = 0,
    brand: str | None = None,
    url: str | None = None,
    date: str | None = None,
    colors: Mapping[str, str] | None = None,
    logo: StrPath | bytes | None = None,
    templates: StrPath | None = None,
    fonts: Sequence[StrPath] | None = None,
    config: StrPath | Settings | None = None,
    allow_missing_glyphs: bool | None = None,
    system_fonts: bool | None = None,
    template_timeout: float | None = None,
    input_format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: InputLimits | None = None,
    strict: bool = False,
) -> Card:
    """One card, rendered in memory, with what the fit policy did to it.

    The bytes are those `sharecard render` writes for the same input and options (the
    same drawing, the same encoder, the same platform size cap); `Card.warnings` says
    what was left out, shrunk or cut, `Card.lost` what of it lost text.

    Args:
        {source}
        {one}
        fmt: png | jpeg | webp, or svg (the SVG text, UTF-8, with the text as outlines).
        scale: Pixel scale, 0.25-4 (default 1); not for svg.
        {look}
        {input}
        {strict}

    Raises:
        SharecardError: InputError for a source that is no briefing, ConfigError for an
            option, FitError (with `strict`), MissingGlyphsError for text no font covers.
    """
    return _card(source, dict(locals()))


@_documented
def render(
    source: Source,
    *,
    card: str = "cover",
    preset: str = "og",
    theme: str | None = None,
    fmt: str = "png",
    scale: float | None = None,
    index: int = 0,
    brand: str | None = None,
    url: str | None = None,
    date: str | None = None,
    colors: Mapping[str, str] | None = None,
    logo: StrPath | bytes | None = None,
    templates: StrPath | None = None,
    fonts: Sequence[StrPath] | None = None,
    config: StrPath | Settings | None = None,
    allow_missing_glyphs: bool | None = None,
    system_fonts: bool | None = None,
    template_timeout: float | None = None,
    input_format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: InputLimits | None = None,
    strict: bool = False,
) -> bytes:
    """One card as an encoded image (png | jpeg | webp), nothing written.

    `card` (which has the same arguments) returns the bytes with the card's warnings.

    Args:
        {source}
        {one}
        fmt: png | jpeg | webp.
        scale: Pixel scale, 0.25-4 (default 1).
        {look}
        {input}
        {strict}
    """
    if not isinstance(fmt, str) or fmt.lower() not in IMAGE_FORMATS:
        raise ConfigError(f"unknown image format {fmt!r}; valid formats: png, jpeg, webp")
    return _card(source, dict(locals())).data


@_documented
def render_svg(
    source: Source,
    *,
    card: str = "cover",
    preset: str = "og",
    theme: str | None = None,
    index: int = 0,
    brand: str | None = None,
    url: str | None = None,
    date: str | None = None,
    colors: Mapping[str, str] | None = None,
    logo: StrPath | bytes | None = None,
    templates: StrPath | None = None,
    fonts: Sequence[StrPath] | None = None,
    config: StrPath | Settings | None = None,
    allow_missing_glyphs: bool | None = None,
    system_fonts: bool | None = None,
    template_timeout: float | None = None,
    input_format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: InputLimits | None = None,
    strict: bool = False,
) -> str:
    """One card as SVG text: the text as glyph outlines (and as ``<title>`` and
    ``aria-label``), so any renderer draws it the same.

    Args:
        {source}
        {one}
        {look}
        {input}
        {strict}
    """
    return _card(source, {**locals(), "fmt": "svg"}).data.decode("utf-8")


# -- bundles -----------------------------------------------------------------------------


@_documented
def bundle_files(
    source: Source,
    *,
    presets: Names | None = None,
    cards: Names | None = None,
    theme: str | None = None,
    fmt: Names | None = None,
    scale: float | None = None,
    brand: str | None = None,
    url: str | None = None,
    date: str | None = None,
    colors: Mapping[str, str] | None = None,
    logo: StrPath | bytes | None = None,
    templates: StrPath | None = None,
    fonts: Sequence[StrPath] | None = None,
    config: StrPath | Settings | None = None,
    allow_missing_glyphs: bool | None = None,
    system_fonts: bool | None = None,
    template_timeout: float | None = None,
    input_format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: InputLimits | None = None,
    strict: bool = False,
) -> tuple[dict[str, bytes], Manifest]:
    """A bundle in memory: file name -> bytes (manifest.json not among them), and the
    manifest, which lists every file and every warning.

    Args:
        {source}
        {bundle}
        {look}
        {input}
        {strict}
    """
    options = dict(locals())
    for name in ("source", "config", "input_format", "max_bytes", "limits", "strict"):
        del options[name]
    settings = _settings(config, **options)
    loaded = _load(source, input_format, max_bytes, limits)
    files, manifest = build_bundle(loaded, settings, renderer=thread_renderer(settings))
    if strict:
        _check_fit("the bundle", (Diagnostic.from_dict(w) for w in manifest.warnings))
    return files, manifest


@_documented
def bundle(
    source: Source,
    out_dir: StrPath = "out",
    *,
    presets: Names | None = None,
    cards: Names | None = None,
    theme: str | None = None,
    fmt: Names | None = None,
    scale: float | None = None,
    brand: str | None = None,
    url: str | None = None,
    date: str | None = None,
    colors: Mapping[str, str] | None = None,
    logo: StrPath | bytes | None = None,
    templates: StrPath | None = None,
    fonts: Sequence[StrPath] | None = None,
    config: StrPath | Settings | None = None,
    allow_missing_glyphs: bool | None = None,
    system_fonts: bool | None = None,
    template_timeout: float | None = None,
    input_format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: InputLimits | None = None,
    strict: bool = False,
) -> Manifest:
    """Write the whole bundle (cards at every preset, blurbs, threads, alt text, meta
    tags, manifest.json) into ``out_dir/<slug>/`` atomically, as `sharecard render`
    does; return its manifest, with `path` set.

    Args:
        {source}
        out_dir: The folder the bundle's folder goes into (default "out").
        {bundle}
        {look}
        {input}
        {strict}

    Raises:
        WriteError: The bundle could not be written (a full disk, a read-only folder);
            whatever was there before is left as it was.
    """
    options = dict(locals())  # first: the arguments, and nothing else
    del options["out_dir"]
    from sharecard.export.bundle import save_bundle

    return save_bundle(out_dir, *bundle_files(**options))


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


@_documented
def bundle_zip(
    source: Source,
    *,
    presets: Names | None = None,
    cards: Names | None = None,
    theme: str | None = None,
    fmt: Names | None = None,
    scale: float | None = None,
    brand: str | None = None,
    url: str | None = None,
    date: str | None = None,
    colors: Mapping[str, str] | None = None,
    logo: StrPath | bytes | None = None,
    templates: StrPath | None = None,
    fonts: Sequence[StrPath] | None = None,
    config: StrPath | Settings | None = None,
    allow_missing_glyphs: bool | None = None,
    system_fonts: bool | None = None,
    template_timeout: float | None = None,
    input_format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: InputLimits | None = None,
    strict: bool = False,
) -> bytes:
    """The bundle as one zip archive of ``<slug>/…`` (for an HTTP response or object
    storage), byte-identical for the same input.

    Args:
        {source}
        {bundle}
        {look}
        {input}
        {strict}
    """
    return zip_bundle(*bundle_files(**locals()))


# -- blurbs and URLs -----------------------------------------------------------------------


@overload
def blurb(source: Source, platform: str, *, thread: Literal[False] = False,
          url: str | None = None, utm: str | None = None, hashtags: Iterable[str] = (),
          input_format: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
          limits: InputLimits | None = None) -> str: ...


@overload
def blurb(source: Source, platform: str, *, thread: Literal[True],
          url: str | None = None, utm: str | None = None, hashtags: Iterable[str] = (),
          input_format: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
          limits: InputLimits | None = None) -> list[str]: ...


@_documented
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
    limits: InputLimits | None = None,
) -> str | list[str]:
    """The share text for `platform`, counted as that platform counts it and ended at a
    word; with `thread`, the posts of a thread (each numbered "n/N").

    Args:
        {source}
        platform: x, bluesky, mastodon, threads, linkedin, facebook or generic.
        thread: Return the posts of a thread instead of one blurb.
        url: The link the blurb carries: an http(s) URL.
        utm: A campaign name: utm_source, utm_medium and utm_campaign added to `url`.
        hashtags: Hashtags to end the blurb with (without "#").
        {input}
    """
    from sharecard import blurbs

    if platform not in blurbs.PLATFORMS:
        raise ConfigError(f"unknown platform {platform!r}; valid platforms: "
                          f"{', '.join(blurbs.PLATFORMS)}")
    briefing = _load(source, input_format, max_bytes, limits).briefing
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
