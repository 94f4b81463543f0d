"""What a bundle depends on, reduced to one sha256, so a batch can skip unchanged bundles.

A bundle is a function of its briefing's bytes, the resolved settings (presets, cards,
theme, colours, brand, url, date, formats, scale, logo), the template files it is drawn
with, the font files, and sharecard's version. `environment` hashes everything but the
briefing once per run; `bundle_fingerprint` adds one input. Files are hashed by content,
never by path or date, so moving the output, touching a file without changing it, or
another checkout of the same version changes nothing.

Templates are followed as precisely as they can be known before drawing: for each card
kind the run draws and each layout family its presets need, the template that wins (the
user's folder first) and every template it extends, includes or imports. So editing
``quote.svg.j2`` re-renders nothing in a batch of covers, and editing ``cover.svg.j2``
re-renders every bundle with a cover. A template whose includes are computed at run
time makes the whole template folder count.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sharecard._version import __version__
from sharecard.cards.config import Settings
from sharecard.errors import ConfigError


def file_digest(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def canonical(data: Any) -> str:
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    ).hexdigest()


def card_kinds(cards: Iterable[str]) -> list[str]:
    """Template kinds a `--cards` request draws ("sections" is drawn by ``section``)."""
    kinds = ("section" if c in ("sections", "section") else c for c in cards)
    return sorted(dict.fromkeys(kinds))


def template_files(templates: Path | None, cards: Iterable[str], families: Iterable[str]
                   ) -> dict[str, str]:
    """{template name as shown ("templates/cover.svg.j2", "my/cover.svg.j2"): sha256} for
    every template the kinds × families of a run draw with, and what they pull in."""
    import jinja2
    from jinja2 import meta

    from sharecard.cards.environment import TemplateLibrary

    library = TemplateLibrary(templates)
    found: dict[str, str] = {}
    todo: list[str] = []
    for kind in card_kinds(cards):
        for family in sorted(set(families)):
            try:
                todo.append(library.lookup(kind, family).name or "")
            except ConfigError:
                found[f"missing:{kind}.{family}"] = ""  # the render will fail and say why
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        source, shown = library.source(name)
        found[shown] = hashlib.sha256(source.encode("utf-8")).hexdigest()
        try:
            refs = list(meta.find_referenced_templates(library.env.parse(source)))
        except jinja2.TemplateSyntaxError:
            continue  # the render reports it, at file:line
        if any(ref is None for ref in refs):  # computed names: count every template
            return {n: hashlib.sha256(library.source(n)[0].encode()).hexdigest()
                    for n in library.names()}
        todo.extend(ref for ref in refs if ref is not None)
    return dict(sorted(found.items()))


def font_files(fonts: tuple[Path, ...]) -> list[str]:
    """sha256 of every font file the typesetter may draw with: shipped, user, system."""
    from sharecard.typeset import FontLibrary

    library = FontLibrary.default(fonts)
    faces = [*getattr(library, "faces", ()), *getattr(library, "user_faces", ()),
             *getattr(library, "cjk", {}).values(), getattr(library, "emoji", None)]
    paths = {str(face.path) for face in faces if face is not None}
    return sorted(file_digest(p) for p in paths)


def _logo_digest(logo: Any) -> str | None:
    """The logo's content hash: of its file, or of a logo given as bytes (its data URI)."""
    from sharecard.cards.themes import Logo

    if logo is None:
        return None
    if isinstance(logo, Logo):
        return hashlib.sha256(logo.data_uri.encode("ascii")).hexdigest()
    return file_digest(logo)


def settings_record(settings: Settings) -> dict[str, Any]:
    """The settings that shape a bundle, with files replaced by their content's hash."""
    from sharecard.cards.presets import parse_presets

    presets = parse_presets(settings.presets)
    return {
        "presets": [[p.name, p.width, p.height] for p in presets],
        "cards": list(settings.cards),
        "theme": settings.theme,
        "colours": [list(pair) for pair in settings.colours],
        "logo": _logo_digest(settings.logo),
        "brand": settings.brand,
        "url": settings.url,
        "date": settings.date,
        "formats": list(settings.formats),
        "scale": settings.scale,
    }


def environment(settings: Settings) -> str:
    """One hash of everything but the briefing that this run's bundles depend on
    (settings already validated: the logo and template folder exist)."""
    from sharecard.cards.presets import parse_presets

    families = [p.family for p in parse_presets(settings.presets)]
    record = {
        "sharecard": __version__,
        "settings": settings_record(settings),
        "templates": template_files(settings.templates, settings.cards, families),
        "fonts": font_files(settings.fonts),
    }
    return canonical(record)


def bundle_fingerprint(environment_hash: str, *, key: str, name: str, digest: str,
                       fmt: str | None, slug: str) -> str:
    """The fingerprint a bundle's manifest records: the run's environment plus the input
    (its identity, name, bytes' hash and format) and the slug it is written under."""
    return canonical({"environment": environment_hash, "key": key, "name": name,
                      "input": digest, "format": fmt, "slug": slug})
