"""Format detection from content and file name, and the --from override."""

from __future__ import annotations

import pytest

from sharecard.errors import ConfigError
from sharecard.readers import detect_format, read_path, read_text

from .conftest import CORPUS_FILES, DATA


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('  {"headline": "x"}', "json"),
        ("---\nbrand: Scout\n---\n# Head\n", "markdown"),
        ("---\nheadline: Head\n", "yaml"),
        ("# Head\n\nBody.\n", "markdown"),
        ("# a YAML comment\nheadline: Head\nbullets: []\n", "yaml"),
        ("headline: Head\n", "yaml"),
        ("Putin, Iran deepen military coordination\n\n- A bullet.\n", "scout"),
        ("Breaking: markets fall\n\nBody.\n", "scout"),
    ],
)
def test_detect_format(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_is_detected_as_scout(path) -> None:
    assert detect_format(path.read_text("utf-8-sig")) == "scout"


def test_seed_forms_detected_by_content_and_name() -> None:
    for name, fmt in (("seed.md", "markdown"), ("seed.json", "json"), ("seed.yaml", "yaml")):
        assert detect_format((DATA / name).read_text("utf-8")) == fmt


def test_from_overrides_detection(tmp_path) -> None:
    # A Scout text whose first line looks like a Markdown heading.
    path = tmp_path / "odd.md"
    path.write_text("# 1 rule of markets\n\nPrices move. (ft.com)\n", "utf-8")
    assert read_path(path).headline == "1 rule of markets"  # markdown by suffix
    assert read_path(path, "scout").headline == "# 1 rule of markets"


def test_unknown_format_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown input format 'docx'"):
        read_text("Head", "docx")
