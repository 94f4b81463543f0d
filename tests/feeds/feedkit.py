"""Bundles with their feed page, written to a folder the browser opens."""

from __future__ import annotations

import functools
from pathlib import Path

from sharecard.export.bundle import Manifest
from sharecard.pipeline import build_bundle, load_input, resolve_settings

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "corpus"
URL = "https://www.example.com/briefings/today"


@functools.cache
def feed_bundle(name: str, presets: tuple[str, ...] | None = None
                ) -> tuple[dict[str, bytes], Manifest]:
    settings = resolve_settings(presets=presets, url=URL)
    return build_bundle(load_input(CORPUS / f"{name}.txt"), settings, feed=True)


def write(files: dict[str, bytes], folder: Path) -> Path:
    """The bundle's files under `folder`; the path of its feed page."""
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder / "feed.html"
