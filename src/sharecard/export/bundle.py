"""One bundle on disk: ``out/<slug>/`` with every file and a ``manifest.json``, atomically.

A reader of ``out/<slug>/`` (a CDN sync, a CMS watcher, a person) must never see half a
bundle, nor a mix of an old and a new one, nor no bundle at all. So everything is written
into a staging directory in the output folder, flushed to disk (`swap.make_durable`), then
swapped in at once (`sharecard.export.swap`: one lock per bundle, an atomic exchange). The
manifest is a pure function of the files, so the same input gives a byte-identical bundle.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sharecard import faults
from sharecard.errors import ConfigError, WriteError
from sharecard.export.swap import (
    WORK_DIR,
    bundle_lock,
    make_durable,
    new_token,
    remove_work_if_empty,
    swap_in,
    sweep_out,
    sweep_work,
)
from sharecard.readers.detect import format_from_name
from sharecard.records import replace

MANIFEST = "manifest.json"
MAX_SLUG = 60


def slugify(text: str, *, limit: int = MAX_SLUG) -> str:
    """ASCII-folded, lowercase, hyphen-separated; "" when nothing ASCII survives."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug.strip("-")


def name_slug(input_name: str | None) -> str:
    """The slug an input's file name gives (its stem for a known suffix); "" for stdin,
    for a source that is no file (``<bytes>``, ``<text>``, ``<briefing>``: the API's
    labels for an upload, a string or a Briefing) and for names with nothing ASCII."""
    if not input_name or input_name == "-" or (input_name.startswith("<")
                                               and input_name.endswith(">")):
        return ""
    name = Path(input_name)
    known = name.suffix.lower() == ".txt" or format_from_name(name) is not None
    return slugify(name.stem if known else name.name)


def bundle_slug(input_name: str | None, headline: str, digest: str) -> str:
    """The bundle's directory name: the input file's stem, else (stdin, bytes, text, a
    Briefing) the headline, else ``briefing-<hash8>`` (e.g. a Persian headline)."""
    return name_slug(input_name) or slugify(headline) or f"briefing-{digest[:8]}"


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
    # Written by a batch: which input owns the slug ("key") and a fingerprint of all the
    # bundle depends on, so the next run can skip it without rendering (export.batch).
    batch: dict[str, str] | None = None
    path: Path | None = field(default=None, compare=False)  # where it was written

    def to_dict(self) -> dict[str, Any]:
        out = {
            "sharecard": self.version,
            "slug": self.slug,
            "input": self.input,
            "settings": self.settings,
            "cards": list(self.cards),
            "files": list(self.files),
            "warnings": list(self.warnings),
        }
        if self.batch is not None:
            out["batch"] = dict(self.batch)
        return out

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


def _write(path: Path, data: bytes) -> None:
    """Write a staged file; `make_durable` flushes the whole staging folder after."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


def write_bundle(
    out_dir: str | os.PathLike[str],
    slug: str,
    files: Mapping[str, bytes],
    manifest: Manifest,
    *,
    sweep_siblings: bool = True,
) -> Path:
    """Write `files` and the manifest to ``out_dir/slug`` atomically; returns that path.

    Concurrent writers of one slug take turns; a crash at any point leaves the old bundle
    or the new one (see `sharecard.export.swap`). `sweep_siblings` also recovers the
    leftovers of the first bundle writer beside the bundles; a batch, which does that
    once per run, turns it off so a write does not read the whole output folder.
    """
    root = Path(out_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create output directory: {exc.strerror}", str(out_dir)) from None
    if not slug or "/" in slug or "\\" in slug or slug.startswith(".") or slug == WORK_DIR:
        raise ValueError(f"bad bundle slug {slug!r}")
    names = {name: _safe_name(name) for name in files}
    target = root / slug
    work = root / WORK_DIR
    with bundle_lock(work, slug):
        sweep_work(root, holding=slug)
        if sweep_siblings:
            sweep_out(root)
        if target.is_symlink() or (target.exists() and not target.is_dir()):
            raise ConfigError("output path exists and is not a bundle directory", str(target))
        token = new_token()
        staging = work / f"{slug}.{token}"
        try:
            staging.mkdir()
            for name in sorted(files):
                _write(staging / names[name], files[name])
            _write(staging / MANIFEST, manifest.to_json())
            make_durable(staging)
            faults.hit("bundle:staged")
            swap_in(staging, target, work, token)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        faults.hit("bundle:done")
    remove_work_if_empty(root)
    return target


def save_bundle(out_dir: str | os.PathLike[str], files: Mapping[str, bytes],
                manifest: Manifest) -> Manifest:
    """`write_bundle` for the ways in that write one bundle (the CLI, the API): the
    manifest with its `path`, or WriteError (exit 1) naming the folder when the machine
    cannot write it (a full disk, a read-only folder)."""
    try:
        path = write_bundle(out_dir, manifest.slug, files, manifest)
    except OSError as exc:
        raise WriteError(f"cannot write the bundle: {exc.strerror or exc}",
                         str(out_dir)) from None
    return replace(manifest, path=path)
