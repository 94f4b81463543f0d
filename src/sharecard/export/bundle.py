"""One bundle on disk: ``out/<slug>/`` with every file and a ``manifest.json``, atomically.

A reader of ``out/<slug>/`` (a CDN sync, a CMS watcher, a person) must never see half a
bundle, nor a mix of an old and a new one. So everything is written into a temporary
directory beside the target and fsynced, then swapped in with renames: an existing
bundle is renamed away first, the new one renamed into place, and only then the old one
removed. The manifest is a pure function of the files, so the same input gives a
byte-identical bundle.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sharecard.errors import ConfigError
from sharecard.readers.detect import format_from_name

MANIFEST = "manifest.json"
MAX_SLUG = 60


def slugify(text: str, *, limit: int = MAX_SLUG) -> str:
    """ASCII-folded, lowercase, hyphen-separated; "" when nothing ASCII survives."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug.strip("-")


def bundle_slug(input_name: str | None, headline: str, digest: str) -> str:
    """The bundle's directory name: the input file's stem, else the headline, else
    ``briefing-<hash8>`` (e.g. a Persian headline read from stdin)."""
    if input_name and input_name not in ("-", "<stdin>"):
        name = Path(input_name)
        known = name.suffix.lower() == ".txt" or format_from_name(name) is not None
        slug = slugify(name.stem if known else name.name)
        if slug:
            return slug
    return slugify(headline) or f"briefing-{digest[:8]}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a bundle holds: the input's identity, every file with its hash, every warning."""

    version: str
    slug: str
    input: dict[str, Any]
    files: tuple[dict[str, Any], ...]
    cards: tuple[dict[str, Any], ...] = ()
    warnings: tuple[dict[str, str], ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    path: Path | None = field(default=None, compare=False)  # where it was written

    def to_dict(self) -> dict[str, Any]:
        return {
            "sharecard": self.version,
            "slug": self.slug,
            "input": self.input,
            "settings": self.settings,
            "cards": list(self.cards),
            "files": list(self.files),
            "warnings": list(self.warnings),
        }

    def to_json(self) -> bytes:
        """Canonical JSON: sorted keys, 2-space indent, UTF-8, final newline."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)
        return (text + "\n").encode("utf-8")


def file_entry(path: str, data: bytes, **info: Any) -> dict[str, Any]:
    """A manifest row for one file: its path in the bundle, sha256, size, plus `info`."""
    return {"path": path, "sha256": sha256(data), "bytes": len(data), **info}


def _safe_name(name: str) -> str:
    parts = Path(name).parts
    if not parts or name.startswith(("/", "\\")) or any(p in ("..", ".") for p in parts):
        raise ValueError(f"bundle file name {name!r} is not a plain relative path")
    if name == MANIFEST:
        raise ValueError("manifest.json is written by the bundle writer itself")
    return name


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def write_bundle(
    out_dir: str | Path, slug: str, files: Mapping[str, bytes], manifest: Manifest
) -> Path:
    """Write `files` and the manifest to ``out_dir/slug`` atomically; returns that path."""
    root = Path(out_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create output directory: {exc.strerror}", str(out_dir)) from None
    if not slug or "/" in slug or slug.startswith("."):
        raise ValueError(f"bad bundle slug {slug!r}")
    target = root / slug
    token = uuid.uuid4().hex[:12]
    staging = root / f".{slug}.tmp-{token}"
    retired = root / f".{slug}.old-{token}"
    try:
        staging.mkdir()
        for name in sorted(files):
            _write(staging / _safe_name(name), files[name])
        _write(staging / MANIFEST, manifest.to_json())
        for sub in sorted({p.parent for p in staging.rglob("*") if p.is_file()}):
            _fsync_dir(sub)
        if target.exists() or target.is_symlink():
            if not target.is_dir() or target.is_symlink():
                raise ConfigError("output path exists and is not a bundle directory", str(target))
            os.rename(target, retired)
        os.rename(staging, target)
        _fsync_dir(root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not target.exists():
            os.rename(retired, target)  # put the old bundle back rather than lose it
        raise
    shutil.rmtree(retired, ignore_errors=True)
    return target
