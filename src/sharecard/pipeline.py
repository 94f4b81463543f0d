"""sharecard's Python API: render a briefing's cards, or a whole bundle, in one call.

    from sharecard.pipeline import render_bundle, render_card
    manifest = render_bundle("briefing.txt", "out", presets=["og", "square"],
                             cards=["cover", "sections", "quote"], theme="dark")
    card = render_card(briefing, "cover", "og")          # -> RenderedCard (svg, boxes…)

Settings come from keyword arguments over an optional config (a path to a
``sharecard.toml``/``pyproject.toml`` or a `Settings`); nothing is read implicitly.
Fonts, the Typesetter and templates load once per process per (templates, fonts) and
are reused, so a long-running service pays for them once. Every user-facing problem
raises a `SharecardError` subclass naming the file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import msgspec

from sharecard._version import __version__
from sharecard.cards.config import Settings, load_config
from sharecard.cards.plan import CardSpec
from sharecard.cards.presets import Preset, parse_presets
from sharecard.cards.render import CardRenderer, RenderedCard
from sharecard.cards.sandbox import template_limits
from sharecard.cards.themes import Theme, make_theme
from sharecard.errors import ConfigError, NoSuchCard, SharecardError
from sharecard.export.bundle import Manifest, bundle_slug, file_entry, save_bundle, sha256
from sharecard.model import Attribution, Briefing, Diagnostic
from sharecard.raster import CardsRasterizer, rasterize_cards
from sharecard.readers.limits import DEFAULT_LIMITS, InputLimits, check_limits
from sharecard.readers.source import DEFAULT_MAX_BYTES
from sharecard.records import replace

EXTENSIONS = {"png": "png", "jpeg": "jpg", "webp": "webp"}

__all__ = [
    "CardRenderer",
    "Manifest",
    "RenderedCard",
    "Settings",
    "build_bundle",
    "feed_preview",
    "load_input",
    "render_bundle",
    "render_card",
    "render_cards",
    "renderer_for",
    "resolve_settings",
    "with_overrides",
]


@lru_cache(maxsize=4)
def _typesetter(fonts: tuple[str, ...], system: bool = True) -> Any:
    from sharecard.typeset import FontLibrary, Typesetter

    return Typesetter(FontLibrary.default(fonts, system=system))


@lru_cache(maxsize=8)
def _renderer(templates: str | None, fonts: tuple[str, ...], system: bool = True
              ) -> CardRenderer:
    return CardRenderer(templates=templates, typesetter=_typesetter(fonts, system))


def renderer_for(settings: Settings) -> CardRenderer:
    """The process-wide renderer for these templates and fonts (loaded on first use)."""
    templates = None if settings.templates is None else str(settings.templates)
    return _renderer(templates, tuple(str(f) for f in settings.fonts), settings.system_fonts)


def check_glyphs(cards: Sequence[RenderedCard], settings: Settings, renderer: CardRenderer
                 ) -> None:
    """Fail (MissingGlyphsError, before anything is written) if a card would lose text
    for want of a font, unless `settings.allow_missing_glyphs`."""
    if settings.allow_missing_glyphs or not cards:
        return
    if not any(w.code == "missing-glyphs" for c in cards for w in c.warnings):
        return  # the typesetter found a face for every character it set
    from sharecard.typeset.coverage import require_glyphs

    texts = ((b.text, b.weight, c.language) for c in cards for b in c.boxes)
    require_glyphs(renderer.typesetter.fonts, texts, cards[0].language)


def resolve_settings(config: str | Path | Settings | None = None, **overrides: Any) -> Settings:
    """Settings from `config` (a file, a Settings, or None for defaults) plus overrides
    (keyword names as `Settings` fields; None values are ignored)."""
    if isinstance(config, Settings):
        base = config
    elif config is None:
        base = Settings()
    else:
        base = load_config(config)
    return base.merge(**overrides)


def theme_for(settings: Settings) -> Theme:
    return make_theme(settings.theme, colours=dict(settings.colours), logo=settings.logo)


class Input(msgspec.Struct, frozen=True):
    """A loaded input: the briefing, its display name, and its bytes' sha256."""

    briefing: Briefing
    name: str
    digest: str
    size: int


def load_input(source: str | Path | bytes | Briefing, fmt: str | None = None,
               *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               limits: InputLimits = DEFAULT_LIMITS) -> Input:
    """Read a briefing from a path ("-" = stdin), raw bytes, or take a Briefing as is;
    input over `max_bytes` is refused (InputTooLarge) without being read whole, a
    briefing over `limits` (bullets, sections, characters) before it is laid out."""
    from sharecard.readers import read_bytes, read_file

    if isinstance(source, Briefing):
        label = name or "<briefing>"
        try:
            check_limits(source, limits)
        except SharecardError as exc:
            raise exc.with_source(label) from None
        data = json.dumps(source.to_dict(), sort_keys=True, ensure_ascii=False).encode()
        return Input(source, label, sha256(data), len(data))
    if isinstance(source, bytes):
        label = name or "<bytes>"
        briefing = read_bytes(source, fmt, source=label, max_bytes=max_bytes, limits=limits)
        return Input(briefing, label, sha256(source), len(source))
    briefing, data = read_file(source, fmt, max_bytes=max_bytes, limits=limits)
    shown = name or ("<stdin>" if str(source) == "-" else Path(source).name)
    return Input(briefing, shown, sha256(data), len(data))


def with_overrides(briefing: Briefing, settings: Settings) -> Briefing:
    """The briefing as this render presents it: `brand`, `url` and `date` from settings
    replace the briefing's own (brand "" removes the attribution). Applied once, here, so
    the cards, blurbs, alt text and meta tags of one bundle all name the same brand."""
    changes: dict[str, Any] = {}
    if settings.brand is not None:
        own = briefing.attribution
        tagline = own.tagline if own is not None and own.brand == settings.brand else None
        changes["attribution"] = Attribution(settings.brand, tagline) if settings.brand else None
    if settings.url is not None:
        changes["url"] = settings.url
    if settings.date is not None:
        changes["date"] = settings.date
    return replace(briefing, **changes) if changes else briefing


def render_cards(
    briefing: Briefing, settings: Settings | None = None, *, renderer: CardRenderer | None = None
) -> tuple[tuple[RenderedCard, ...], tuple[Diagnostic, ...]]:
    """Every planned card at every preset of `settings`, and the planning notes."""
    settings = settings or Settings()
    renderer = renderer or renderer_for(settings)
    briefing = with_overrides(briefing, settings)
    theme = theme_for(settings)
    presets = parse_presets(settings.presets)
    specs, notes = renderer.plan(briefing, settings.cards)
    with template_limits(timeout=settings.template_timeout):
        cards = tuple(
            renderer.render(briefing, spec, preset, theme) for preset in presets for spec in specs
        )
    check_glyphs(cards, settings, renderer)
    return cards, notes + theme.notes


def render_card(
    briefing: Briefing,
    kind: str = "cover",
    preset: str | Preset = "og",
    theme: str | Theme = "light",
    *,
    index: int = 0,
    settings: Settings | None = None,
    renderer: CardRenderer | None = None,
) -> RenderedCard:
    """One card: `kind` is cover | section | quote | a user template's kind; `index`
    picks the section (0-based) for a section card."""
    settings = settings or Settings()
    renderer = renderer or renderer_for(settings)
    briefing = with_overrides(briefing, settings)
    chosen = parse_presets(preset)[0] if isinstance(preset, str) else preset
    look = make_theme(theme) if isinstance(theme, str) else theme
    request = "sections" if kind == "section" else kind
    specs, _ = renderer.plan(briefing, [request])
    if kind == "section":
        matches = [s for s in specs if s.section_index == index]
        if not matches:
            count = len(briefing.sections)
            raise NoSuchCard(f"section {index} does not exist; the briefing has {count}")
        spec = matches[0]
    elif kind == "quote" and not any(s.kind == "quote" for s in specs):
        raise NoSuchCard("the briefing quotes no one it names, so there is no quote card")
    elif specs:
        spec = specs[0]
    else:
        raise NoSuchCard(f"the briefing has nothing to draw on a {kind} card")
    spec = CardSpec(spec.kind, 1, 1, spec.section, spec.section_index, spec.quote)
    with template_limits(timeout=settings.template_timeout):
        card = renderer.render(briefing, spec, chosen, look)
    check_glyphs([card], settings, renderer)
    return card


def _image_info(card: RenderedCard, path: str, width: int, height: int, brand: str | None
                ) -> Any:
    from sharecard.blurbs import ImageInfo
    from sharecard.blurbs.alt import KINDS

    return ImageInfo(
        path=path, width=width, height=height, preset=card.preset.name,
        kind=card.kind if card.kind in KINDS else "cover", title=card.title,
        lines=card.lines, brand=brand,
    )


def build_bundle(
    loaded: Input, settings: Settings, *, renderer: CardRenderer | None = None,
    feed: bool = False, rasterize: CardsRasterizer = rasterize_cards,
) -> tuple[dict[str, bytes], Manifest]:
    """Everything a bundle holds, in memory: file name -> bytes, and the manifest. Pure.
    `feed` adds ``feed.html``, the bundle as each platform's feed frames it; `rasterize`
    draws the cards (`raster.rasterize_cards`, or the CLI's drawing helper's, which
    draws a card while this builds the blurbs and the previous card's files)."""
    from sharecard.blurbs.alt import image_alt
    from sharecard.blurbs.files import image_files, text_files
    from sharecard.carousel.formats import image_formats, wants_carousel

    briefing = with_overrides(loaded.briefing, settings)
    try:
        cards, notes = render_cards(briefing, settings, renderer=renderer)
    except SharecardError as exc:  # name the input: "ja.txt: no font for 96 Han…"
        raise exc.with_source(loaded.name) from None
    brand = briefing.attribution.brand if briefing.attribution else None
    files: dict[str, bytes] = {}
    entries: list[dict[str, Any]] = []
    card_rows: list[dict[str, Any]] = []
    warnings: list[dict[str, str]] = [w.to_dict() for w in (*briefing.warnings, *notes)]
    images = []
    drawn = rasterize(cards, scale=settings.scale, formats=image_formats(settings.formats),
                      max_bytes=[card.preset.max_bytes for card in cards])
    texts = text_files(briefing)
    for card in cards:
        preset = card.preset
        common = {"kind": card.kind, "card": card.name, "preset": preset.name,
                  "platform": preset.platform}
        svg_name = f"{card.name}.svg"
        svg = card.svg.encode("utf-8")
        files[svg_name] = svg
        entries.append(file_entry(svg_name, svg, **common, format="svg", width=preset.width,
                                  height=preset.height, scale=1))
        paths = [svg_name]
        try:
            rasters = next(drawn)
        except ConfigError as exc:
            raise exc.with_source(svg_name) from None
        for raster in rasters:
            name = f"{card.name}.{EXTENSIONS[raster.format]}"
            files[name] = raster.data
            paths.append(name)
            entries.append(file_entry(name, raster.data, **common, format=raster.format,
                                      width=raster.width, height=raster.height,
                                      scale=settings.scale))
            for w in raster.warnings:
                warnings.append(Diagnostic(w.code, w.message, f"{name}: {w.detail}".rstrip(": "))
                                .to_dict())
        first = rasters[0]
        images.append(_image_info(card, paths[1], first.width, first.height, brand))
        warnings.extend(w.to_dict() for w in card.warnings)
        card_rows.append({
            "name": card.name, "kind": card.kind, "preset": preset.name,
            "index": card.index, "total": card.total, "title": card.title,
            "alt": image_alt(images[-1]),
            "files": paths,
        })
    from sharecard.feeds import bundle_feed  # crops that cut a headline; feed.html

    page, crop_notes = bundle_feed(briefing, cards, images, page=feed)
    warnings.extend(w.to_dict() for w in crop_notes)
    for name, data in page.items():
        files[name] = data
        entries.append(file_entry(name, data, kind="preview", format="html"))
    if wants_carousel(settings.formats):  # --format pdf: the carousel PDF and numbered PNGs
        from sharecard.carousel.bundle import carousel_files

        extra, rows, slide_notes = carousel_files(briefing, settings,
                                                  renderer or renderer_for(settings))
        files.update(extra)
        entries.extend(rows)
        warnings.extend(w.to_dict() for w in slide_notes)
    for name, data in sorted({**texts, **image_files(briefing, images=images)}.items()):
        if name in files:
            raise ConfigError(f"bundle file {name} would be written twice")
        files[name] = data
        entries.append(file_entry(name, data, kind="text", format=Path(name).suffix.lstrip(".")))
    slug = bundle_slug(loaded.name, briefing.headline, loaded.digest)
    manifest = Manifest(
        version=__version__,
        slug=slug,
        input={"name": loaded.name, "sha256": loaded.digest, "bytes": loaded.size,
               "language": briefing.language},
        files=tuple(sorted(entries, key=lambda e: e["path"])),
        cards=tuple(card_rows),
        warnings=_unique(warnings),
        settings={
            "presets": [p.name for p in parse_presets(settings.presets)],
            "cards": list(settings.cards),
            "theme": settings.theme,
            "formats": list(settings.formats),
            "scale": settings.scale,
            "templates": "custom" if settings.templates is not None else "built-in",
        },
    )
    return files, manifest


def _unique(rows: list[dict[str, str]]) -> tuple[dict[str, str], ...]:
    """`rows` without repeats (the same note from several presets), first-seen order."""
    return tuple(dict(t) for t in dict.fromkeys(tuple(sorted(r.items())) for r in rows))


def render_bundle(
    input: str | Path | bytes | Briefing,
    out_dir: str | Path = "out",
    *,
    presets: Sequence[str] | str | None = None,
    cards: Sequence[str] | str | None = None,
    theme: str | None = None,
    fmt: Sequence[str] | str | None = None,
    scale: float | None = None,
    templates: str | Path | None = None,
    config: str | Path | Settings | None = None,
    input_format: str | None = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: InputLimits = DEFAULT_LIMITS,
    **more: Any,
) -> Manifest:
    """Render a briefing's cards (SVG + PNG/JPEG/WebP), blurbs and alt text into
    ``out_dir/<slug>/`` atomically, with manifest.json; returns the manifest.

    `more` takes the other `Settings` fields: brand, url, date, logo, colours, fonts,
    allow_missing_glyphs (render text no font covers, with warnings, instead of raising
    MissingGlyphsError), system_fonts (False: shipped and user fonts only).
    """
    settings = resolve_settings(
        config, presets=presets, cards=cards, theme=theme, formats=fmt, scale=scale,
        templates=templates, **more,
    )
    loaded = load_input(input, input_format, name=name, max_bytes=max_bytes, limits=limits)
    files, manifest = build_bundle(loaded, settings)
    return save_bundle(out_dir, files, manifest)


def feed_preview(source: str | Path | bytes | Briefing, settings: Settings | None = None,
                 *, input_format: str | None = None, max_bytes: int | None = None,
                 limits: InputLimits = DEFAULT_LIMITS, renderer: CardRenderer | None = None,
                 **overrides: Any) -> str:
    """The feed preview of a briefing as one HTML page with its images inlined: what the
    service returns at ``/v1/preview``. `source`, `input_format` and `max_bytes` are
    what `load_input` takes (None: the readers' default cap); `overrides`
    are `Settings` fields (presets, theme, url…); `renderer` shares one already warm."""
    from sharecard.feeds import FEED_FILE
    from sharecard.feeds.page import embed_images

    resolved = resolve_settings(settings, **overrides)
    loaded = load_input(source, input_format, limits=limits,
                        max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    files, _manifest = build_bundle(loaded, resolved, renderer=renderer, feed=True)
    return embed_images(files[FEED_FILE].decode("utf-8"), files)
