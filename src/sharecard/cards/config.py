"""Settings for rendering: defaults, then a config file, then command-line flags.

The config file is ``sharecard.toml`` (keys at top level) or the ``[tool.sharecard]`` table
of ``pyproject.toml``, looked up in the current directory, or named with ``--config``.
Relative paths in it (logo, templates, fonts) are relative to the file, so a project can
carry its brand with it. Values are validated here, once, so an error names the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sharecard.cards.presets import parse_presets
from sharecard.cards.sandbox import DEFAULT_TIMEOUT, MAX_TIMEOUT
from sharecard.cards.themes import Logo, logo_from_bytes
from sharecard.errors import ConfigError, SizeError
from sharecard.fileio import read_regular
from sharecard.images import output_problem
from sharecard.records import replace
from sharecard.validate import check_url

FORMATS = ("png", "jpeg", "webp", "pdf")  # pdf: the carousel document (sharecard.carousel)
MAX_SCALE = 4.0
MAX_CONFIG_BYTES = 1024 * 1024  # read with fstat first: a config is never data


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a render needs besides the briefing. Immutable; `merge` returns a copy."""

    # Every platform's size by default: one command gives a newsroom all it posts.
    presets: tuple[str, ...] = ("og", "x", "linkedin", "square", "portrait", "story")
    cards: tuple[str, ...] = ("cover",)
    theme: str = "light"
    colours: tuple[tuple[str, str], ...] = ()
    # A file, or a logo already read (bytes given to `merge` become one: an upload).
    logo: Path | Logo | None = None
    brand: str | None = None  # overrides the briefing's attribution; "" hides it
    url: str | None = None
    date: str | None = None
    formats: tuple[str, ...] = ("png",)
    scale: float = 1.0
    templates: Path | None = None
    fonts: tuple[Path, ...] = ()
    # A character no font covers fails the render unless this is set (then: warnings).
    allow_missing_glyphs: bool = False
    # False: only shipped and user fonts, the same output on every machine.
    system_fonts: bool = True
    template_timeout: float = DEFAULT_TIMEOUT  # seconds one card's template may run
    source: str | None = field(default=None, compare=False)  # the config file, for errors

    def merge(self, **overrides: Any) -> Settings:
        """A copy with every override that is not None applied and validated."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return _validated(replace(self, **_coerce(given, self.source)), self.source)


CONFIG_KEYS = (
    "presets", "cards", "theme", "colors", "logo", "brand", "url", "date",
    "format", "scale", "templates", "fonts", "allow_missing_glyphs", "system_fonts",
    "template_timeout",
)


def _as_tuple(value: Any, key: str, source: str | None) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise ConfigError(f"'{key}' must be a string or a list of strings", source)


def _coerce(values: dict[str, Any], source: str | None) -> dict[str, Any]:
    """Turn flag/config shapes (comma strings, lists, numbers) into `Settings` field types."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in ("presets", "cards", "formats"):
            out[key] = _as_tuple(value, key, source)
        elif key == "fonts":
            items = [value] if isinstance(value, (str, Path)) else list(value)
            out[key] = tuple(Path(v) for v in items)
        elif key == "logo" and isinstance(value, Logo):
            out[key] = value
        elif key == "logo" and isinstance(value, (bytes, bytearray, memoryview)):
            out[key] = logo_from_bytes(bytes(value))
        elif key in ("logo", "templates"):
            out[key] = Path(value)
        elif key == "colours":
            if isinstance(value, dict):
                value = tuple(sorted((str(k), str(v)) for k, v in value.items()))
            out[key] = tuple(value)
        elif key in ("scale", "template_timeout"):
            try:
                out[key] = float(value)
            except (TypeError, ValueError):
                raise ConfigError(f"{key} '{value}' is not a number", source) from None
        elif key in ("allow_missing_glyphs", "system_fonts"):
            if not isinstance(value, bool):
                raise ConfigError(f"'{key}' must be true or false", source)
            out[key] = value
        elif key in ("theme", "brand", "url", "date"):
            if not isinstance(value, str):
                raise ConfigError(f"'{key}' must be a string", source)
            out[key] = value
        else:
            out[key] = value
    return out


def _validated(settings: Settings, source: str | None) -> Settings:
    bad = [f for f in settings.formats if f.lower() not in (*FORMATS, "jpg")]
    if bad:
        raise ConfigError(
            f"unknown format '{bad[0]}'; valid formats: {', '.join(FORMATS)}", source
        )
    formats = tuple(dict.fromkeys("jpeg" if f.lower() == "jpg" else f.lower()
                                  for f in settings.formats))
    if not 0.25 <= settings.scale <= MAX_SCALE:
        raise ConfigError(f"scale {settings.scale:g} is out of range 0.25–{MAX_SCALE:g}", source)
    if not 0 < settings.template_timeout <= MAX_TIMEOUT:
        raise ConfigError(f"template_timeout {settings.template_timeout:g} is out of range: "
                          f"more than 0, at most {MAX_TIMEOUT:g} seconds", source)
    if settings.url:
        check_url(settings.url, source)
    _check_pixels(settings, source)
    return replace(settings, formats=formats or ("png",))


def _check_pixels(settings: Settings, source: str | None) -> None:
    """Refuse, before anything is drawn, a preset whose image at this scale would be over
    `MAX_OUTPUT_PIXELS` (--preset 4096x4096 --scale 4 needed 3 GB)."""
    for preset in parse_presets(settings.presets):
        problem = output_problem(round(preset.width * settings.scale),
                                 round(preset.height * settings.scale))
        if problem:
            raise SizeError(f"preset {preset.name} at scale {settings.scale:g} would be "
                            f"{problem}; lower the scale or the size", source,
                            code="too-many-pixels")


def _from_table(table: dict[str, Any], path: Path) -> Settings:
    source = str(path.name)
    unknown = sorted(set(table) - set(CONFIG_KEYS))
    if unknown:
        raise ConfigError(
            f"unknown config key '{unknown[0]}'; valid keys: {', '.join(CONFIG_KEYS)}", source
        )
    base = path.parent
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "colors":
            if not isinstance(value, dict):
                raise ConfigError("'colors' must be a table of role = \"#hex\"", source)
            values["colours"] = value
        elif key == "format":
            values["formats"] = value
        elif key in ("logo", "templates"):
            if not isinstance(value, str):
                raise ConfigError(f"'{key}' must be a path string", source)
            values[key] = base / value
        elif key == "fonts":
            values["fonts"] = tuple(base / v for v in _as_tuple(value, key, source))
        else:
            values[key] = value
    return Settings(source=source).merge(**values)


def load_config(path: str | Path) -> Settings:
    """Settings from a ``sharecard.toml`` or a ``pyproject.toml`` (its [tool.sharecard])."""
    import tomllib  # only when there is a config file (start-up)

    p = Path(path)
    raw = read_regular(p, max_bytes=MAX_CONFIG_BYTES, what="config", shown=str(path))
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", p.name) from None
    if p.name == "pyproject.toml":
        data = data.get("tool", {}).get("sharecard", {})
        if not isinstance(data, dict):
            raise ConfigError("[tool.sharecard] must be a table", p.name)
    return _from_table(data, p)


def find_config(directory: str | Path = ".") -> Path | None:
    """The config file in `directory`: sharecard.toml, else a pyproject.toml that has a
    [tool.sharecard] table. None when there is neither."""
    d = Path(directory)
    own = d / "sharecard.toml"
    if own.is_file():
        return own
    pyproject = d / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        try:
            raw = read_regular(pyproject, max_bytes=MAX_CONFIG_BYTES, what="config")
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, ConfigError):
            return None
        if "sharecard" in data.get("tool", {}):
            return pyproject
    return None


def settings_for(config: str | Path | None = None, *, directory: str | Path = ".") -> Settings:
    """Settings from an explicit config file, else the one found in `directory`, else defaults."""
    path = Path(config) if config is not None else find_config(directory)
    return load_config(path) if path is not None else Settings()
