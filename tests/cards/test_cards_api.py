"""The documented Python API: render_card and render_bundle over paths, bytes and Briefings."""

from __future__ import annotations

import json

import pytest

from cards.cardkit import SEED, briefing
from sharecard.cards.presets import get_preset
from sharecard.errors import ConfigError
from sharecard.pipeline import load_input, render_bundle, render_card, resolve_settings


def test_render_card_defaults_to_an_og_cover():
    card = render_card(briefing("seed-putin-iran"))
    assert (card.kind, card.name, card.preset.width, card.preset.height) == (
        "cover", "og-cover", 1200, 630)
    assert card.svg.startswith("<svg") and card.title == briefing("seed-putin-iran").headline
    assert card.lines[0].startswith("Putin and Iran’s leadership")


def test_render_card_picks_a_section_and_a_custom_size():
    card = render_card(briefing("seed-putin-iran"), "section", get_preset("1500x500"),
                       "dark", index=2)
    assert card.title == "So why are people treating it seriously?"
    assert card.preset.family == "landscape" and card.theme == "dark"
    with pytest.raises(ConfigError, match="section 40 does not exist"):
        render_card(briefing("seed-putin-iran"), "section", index=40)


def test_render_bundle_from_a_briefing_object_and_bytes(tmp_path):
    from_object = render_bundle(briefing("seed-putin-iran"), tmp_path / "a", name="seed.txt")
    from_bytes = render_bundle(SEED.read_bytes(), tmp_path / "b", name="seed.txt")
    assert from_object.slug == from_bytes.slug == "seed"
    a = (tmp_path / "a" / "seed" / "og-cover.png").read_bytes()
    b = (tmp_path / "b" / "seed" / "og-cover.png").read_bytes()
    assert a == b


def test_settings_merge_keyword_overrides_over_a_config(tmp_path):
    config = tmp_path / "sharecard.toml"
    config.write_text('theme = "dark"\npresets = "square"\n')
    s = resolve_settings(config, presets=["og"])
    assert (s.theme, s.presets) == ("dark", ("og",))
    m = render_bundle(SEED, tmp_path / "out", config=s)
    manifest = json.loads((m.path / "manifest.json").read_text())
    assert manifest["settings"]["theme"] == "dark"


def test_load_input_names_stdin_and_files():
    assert load_input(SEED).name == "seed-putin-iran.txt"
    assert load_input(SEED.read_bytes(), name="upload").name == "upload"
