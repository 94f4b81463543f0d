"""Presets: the documented sizes, layout families, safe areas and the custom-size rules."""

from __future__ import annotations

import pytest

from sharecard.cards.presets import PRESETS, family_for, get_preset, parse_presets
from sharecard.errors import ConfigError

DOCUMENTED = {
    "og": (1200, 630),
    "x": (1600, 900),
    "linkedin": (1200, 627),
    "square": (1080, 1080),
    "portrait": (1080, 1350),
    "story": (1080, 1920),
}


@pytest.mark.parametrize(("name", "size"), sorted(DOCUMENTED.items()))
def test_documented_sizes(name, size):
    preset = get_preset(name)
    assert (preset.width, preset.height) == size


def test_families_follow_the_aspect_ratio():
    assert [PRESETS[n].family for n in ("og", "x", "square", "portrait", "story")] == [
        "landscape", "landscape", "square", "portrait", "story"
    ]
    assert family_for(1000, 1500) == "portrait"
    assert family_for(1500, 500) == "landscape"


def test_safe_margin_is_six_percent_of_the_short_side():
    og = PRESETS["og"]
    assert og.margin == pytest.approx(37.8)
    assert og.safe.left == og.safe.top == og.margin


def test_story_keeps_the_app_ui_zones_clear():
    story = PRESETS["story"]
    assert story.safe.top >= 0.13 * 1920 - 0.01
    assert story.safe.bottom == story.safe.top
    assert story.safe.left == pytest.approx(0.06 * 1080)


def test_frame_is_never_inside_the_safe_area():
    for preset in PRESETS.values():
        f, s = preset.frame, preset.safe
        assert (f.top, f.right, f.bottom, f.left) >= (s.top, s.right, s.bottom, s.left)
        assert min(f.top, f.right, f.bottom, f.left) >= s.left


@pytest.mark.parametrize("spec", ["1500x500", "1500×500", " 1500 X 500 "])
def test_custom_sizes(spec):
    preset = get_preset(spec)
    assert (preset.width, preset.height, preset.name) == (1500, 500, "1500x500")


@pytest.mark.parametrize("spec", ["10x10", "100000x630", "5000x5000", "4000x600", "0x0"])
def test_absurd_sizes_are_refused(spec):
    with pytest.raises(ConfigError, match=r"out of range|too narrow"):
        get_preset(spec)


def test_unknown_preset_lists_the_valid_ones():
    with pytest.raises(ConfigError) as exc:
        get_preset("instagram")
    message = str(exc.value)
    assert "unknown preset 'instagram'" in message
    for name in DOCUMENTED:
        assert name in message


def test_parse_presets_keeps_order_and_drops_duplicates():
    assert [p.name for p in parse_presets("square,og,square")] == ["square", "og"]
    assert [p.name for p in parse_presets(["all"])] == list(PRESETS)
