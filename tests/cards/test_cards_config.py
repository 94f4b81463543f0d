"""Config files: sharecard.toml and [tool.sharecard], paths relative to the file,
validation that names the file, and flags taking precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from sharecard.cards.config import Settings, find_config, load_config, settings_for
from sharecard.errors import ConfigError


def test_sharecard_toml(tmp_path):
    (tmp_path / "sharecard.toml").write_text(
        'presets = ["og", "square"]\ncards = "cover,quote"\ntheme = "dark"\n'
        'format = ["png", "jpg"]\nscale = 2\nlogo = "brand/logo.svg"\n'
        'templates = "tpl"\nbrand = "Daily"\n[colors]\naccent = "#0055AA"\n'
    )
    s = load_config(tmp_path / "sharecard.toml")
    assert s.presets == ("og", "square")
    assert s.cards == ("cover", "quote")
    assert s.theme == "dark"
    assert s.formats == ("png", "jpeg")
    assert s.scale == 2.0
    assert s.logo == tmp_path / "brand" / "logo.svg"
    assert s.templates == tmp_path / "tpl"
    assert s.brand == "Daily"
    assert dict(s.colours) == {"accent": "#0055AA"}


def test_pyproject_table_is_found_and_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.sharecard]\ntheme = "dark"\n'
    )
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    assert settings_for(directory=tmp_path).theme == "dark"


def test_sharecard_toml_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.sharecard]\ntheme = "dark"\n')
    (tmp_path / "sharecard.toml").write_text('theme = "light"\n')
    assert settings_for(directory=tmp_path).theme == "light"


def test_no_config_means_defaults(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path) is None
    assert settings_for(directory=tmp_path) == Settings()


def test_flags_override_the_file(tmp_path):
    (tmp_path / "sharecard.toml").write_text('theme = "dark"\nscale = 2\n')
    s = load_config(tmp_path / "sharecard.toml").merge(theme="light", scale=None)
    assert (s.theme, s.scale) == ("light", 2.0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('colour = "red"\n', "unknown config key 'colour'; valid keys: presets"),
        ('format = "gif"\n', "unknown format 'gif'; valid formats: png, jpeg, webp"),
        ("scale = 40\n", "scale 40 is out of range"),
        ("theme = 3\n", "'theme' must be a string"),
        ("presets = [1]\n", "'presets' must be a string or a list of strings"),
        ("theme = \n", "not valid TOML"),
    ],
)
def test_bad_config_names_the_file(tmp_path, text, message):
    path = tmp_path / "sharecard.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert message in str(exc.value)
    assert str(exc.value).startswith("sharecard.toml: ")
    assert str(tmp_path) not in str(exc.value)


def test_missing_config_file():
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(Path("no-such-dir") / "sharecard.toml")
