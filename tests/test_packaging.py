"""What a release ships: the wheel carries the templates, the fonts with their licences,
py.typed and the metadata an index needs; its extras install as the docs say."""

from __future__ import annotations

import email
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # No build isolation: hatchling is a test extra, so this needs no network.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    (built,) = out.glob("sharecard-*.whl")
    return built


def test_the_wheel_carries_templates_fonts_licences_and_types(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "sharecard/py.typed" in names
    templates = {p.name for p in (ROOT / "templates").glob("*.j2")}
    assert templates and all(f"sharecard/_data/templates/{t}" in names for t in templates)
    fonts = {p.name for p in (ROOT / "fonts").iterdir() if p.suffix in (".ttf", ".otf")}
    assert fonts and all(f"sharecard/_data/fonts/{f}" in names for f in fonts)
    licences = {n.split("/licenses/", 1)[1] for n in names if "/licenses/" in n}
    assert {"LICENSE", "fonts/OFL-Inter.txt", "fonts/OFL-Noto.txt"} <= licences


def test_the_wheel_has_a_releases_metadata(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        meta_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.message_from_bytes(archive.read(meta_name))
    assert metadata["License-Expression"] == "Apache-2.0"
    classifiers = metadata.get_all("Classifier")
    assert "Typing :: Typed" in classifiers
    assert any(c.startswith("Programming Language :: Python :: 3.11") for c in classifiers)
    assert set(metadata.get_all("Provides-Extra")) >= {"serve", "dask", "test"}
    assert metadata["Requires-Python"] == ">=3.11"


@pytest.mark.parametrize("extra", ["serve", "dask"])
def test_the_documented_install_line_of_an_extra_resolves(wheel: Path, extra: str):
    """`pip install 'dist/sharecard-….whl[serve]'`, as README and docs say until the
    package is on an index: pip finds the extra and everything it needs (installed
    already in the test environment, so nothing is fetched)."""
    run = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run",
                          f"{wheel}[{extra}]"], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "does not provide the extra" not in run.stderr
    assert "Would install sharecard-" in run.stdout, run.stdout
