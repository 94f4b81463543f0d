"""Helpers for the batch tests: briefings made by scripts/make_briefings.py, the output
tree's hashes, and checks of every manifest and index against the published schemas."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from PIL import Image

from sharecard.export.schema import schema
from support.cli import Run, run_cli

ROOT = Path(__file__).resolve().parents[2]
SHARECARD = Path(sys.executable).parent / "sharecard"
FAST = ["--preset", "og"]  # one card per bundle: the batch is under test, not the cards


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("make_briefings",
                                                  ROOT / "scripts" / "make_briefings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_briefings = _generator()


def write_briefings(folder: Path, n: int, seed: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in make_briefings.generate(n, seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def batch(*args: str, stdin: bytes | None = None) -> Run:
    return run_cli(["batch", *args], stdin=stdin)


def batch_process(args: Sequence[str], **popen: Any) -> subprocess.Popen[str]:
    """`sharecard batch ARGS` as a separate process (its own session, for killing)."""
    env = popen.pop("env", None) or {k: v for k, v in os.environ.items()
                                      if k != "SHARECARD_FAULTS"}
    return subprocess.Popen([str(SHARECARD), "batch", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, preexec_fn=_default_sigint, **popen)


def _default_sigint() -> None:
    # A test run started in the background (`pytest &`) ignores SIGINT, and a child
    # inherits that: give the batch the default, as a terminal's foreground job has it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def tree(out: Path, *, index: bool = False) -> dict[str, str]:
    """{relative path: sha256} of every file under `out` (index.json left out unless
    asked), hidden entries included so leftovers show."""
    found = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and (index or rel != "index.json"):
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def stray(out: Path) -> list[str]:
    """Hidden entries anywhere under `out`: temporary files, locks, work folders."""
    return sorted(p.relative_to(out).as_posix() for p in out.rglob(".*"))


def index(out: Path) -> dict[str, Any]:
    data = json.loads((out / "index.json").read_text("utf-8"))
    Draft202012Validator(schema("index")).validate(data)
    return data


def check_bundles(out: Path) -> int:
    """Every bundle under `out` is complete: its manifest is valid against the schema,
    lists every file with the right sha256 and size, and every PNG decodes. Returns how
    many bundles there are."""
    validator = Draft202012Validator(schema("manifest"))
    count = 0
    for manifest_path in sorted(out.glob("*/manifest.json")):
        bundle = manifest_path.parent
        manifest = json.loads(manifest_path.read_text("utf-8"))
        validator.validate(manifest)
        assert manifest["slug"] == bundle.name
        listed = {entry["path"] for entry in manifest["files"]}
        on_disk = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
        assert on_disk == listed | {"manifest.json"}, bundle.name
        for entry in manifest["files"]:
            data = (bundle / entry["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
            assert len(data) == entry["bytes"]
            if entry["format"] == "png":
                image = Image.open(io.BytesIO(data))
                image.load()
                assert image.size == (entry["width"], entry["height"])
        count += 1
    return count
