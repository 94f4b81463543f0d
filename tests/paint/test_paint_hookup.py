"""Which drawer draws a card: built-in templates from their recorded display list (Skia),
a template that writes SVG of its own from that SVG (CairoSVG), every card by CairoSVG
when skia-python cannot load; the same bytes every time, in every process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import sharecard
from cards.cardkit import SEED, briefing, renderer
from paint.paintkit import cairo_pixels, logo_uri
from sharecard.cards.plan import plan_cards
from sharecard.cards.presets import PRESETS
from sharecard.cards.render import CardRenderer, RenderedCard
from sharecard.cards.themes import make_theme
from sharecard.pipeline import render_card
from sharecard.raster import rasterize, rasterize_card
from support.browser import chromium_screenshot
from support.pixeldiff import assert_similar

BUILTIN = Path(sharecard.__file__).resolve().parents[2] / "templates"

# A user cover that draws with the canvas only: paintable, although printed eagerly.
HELPERS_ONLY = """\
{% extends "base.svg.j2" %}
{% block content %}
{% set f = preset.frame %}
{% set foot = footer(size=22) %}
{{ rect(x=0, y=0, width=24, height=preset.height, color="#0055AA") }}
{{ text_box(card.headline, name="headline", role="title", x=f.left, y=f.top,
     width=preset.width - f.left - f.right, height=foot.top - f.top - 20, size=(40, 90),
     max_lines=4, weight="bold", balance=true) }}
{{ foot }}
{% endblock %}
"""

# The same card, each drawing one thing a display list cannot say (or saying it twice).
OWN_SVG = {
    "path": ("{{ foot }}", '{{ foot }}<path d="M0 0L90 90Z" fill="#ff0000"/>'),
    "text": ("{{ foot }}", '{{ foot }}<text x="20" y="40">Hi</text>'),
    "gradient": ('{% block content %}',
                 '{% block content %}<defs><linearGradient id="g"/></defs>'),
    "altered print": ("{{ foot }}", '{{ foot|replace("#", "#f") }}'),
    "one print shown twice": ("{{ foot }}", "{% set s %}{{ foot }}{% endset %}{{ s }}{{ s }}"),
    "own transform": ("{{ foot }}", '<g transform="rotate(3)">{{ foot }}</g>'),
    "box.svg": ("{{ foot }}", "{{ foot.boxes[0].svg }}"),
    "text of a print": ("{{ foot }}", "{% set s %}{{ foot }}{% endset %}"
                        "{{ text_box(s, x=40, y=40, width=900, height=80, size=12) }}"),
}


def user_card(folder: Path, source: str, preset: str = "og") -> RenderedCard:
    (folder / "cover.svg.j2").write_text(source, encoding="utf-8")
    own = CardRenderer(templates=folder, typesetter=renderer().typesetter)
    b = briefing("seed-putin-iran")
    specs, _ = plan_cards(b, ["cover"], available=own.kinds())
    return own.render(b, specs[0], PRESETS[preset], make_theme("light"))


def png_of(card: RenderedCard) -> bytes:
    (raster,) = rasterize_card(card)
    return raster.data


def test_a_user_template_of_canvas_prints_is_drawn_fast(tmp_path):
    card = user_card(tmp_path, HELPERS_ONLY)
    assert card.display is not None
    assert [type(op).__name__ for op in card.display.ops] == [
        "Rect", "GlyphRun", "Rect", "GlyphRun", "GlyphRun"]  # bar, headline, footer
    assert Image.open(io.BytesIO(png_of(card))).mode == "P"
    assert_similar(png_of(card), cairo_pixels(card.svg, 1200, 630), name="user-helpers")
    twice = user_card(tmp_path, HELPERS_ONLY.replace("{{ foot }}", "{{ foot }}{{ foot }}"))
    assert twice.display is not None  # printed twice, drawn twice: as the SVG says
    assert twice.display.ops == card.display.ops + card.display.ops[2:]  # the footer again


@pytest.mark.parametrize("what", sorted(OWN_SVG))
def test_a_user_template_writing_its_own_svg_is_drawn_by_cairosvg(tmp_path, what):
    old, new = OWN_SVG[what]
    assert old in HELPERS_ONLY
    card = user_card(tmp_path, HELPERS_ONLY.replace(old, new, 1))
    assert card.display is None
    (reference,) = rasterize(card.svg, width=1200, height=630)
    assert png_of(card) == reference.data


def test_a_transparent_card_is_drawn_by_cairosvg(tmp_path):
    source = ('<svg xmlns="http://www.w3.org/2000/svg" width="{{ preset.width }}" '
              'height="{{ preset.height }}">{{ footer() }}</svg>')
    card = user_card(tmp_path, source)
    assert card.display is None
    assert Image.open(io.BytesIO(png_of(card))).mode == "RGBA"


@pytest.mark.parametrize("preset", ["og", "story"])
@pytest.mark.parametrize("name", ["seed-putin-iran", "fa-iran-russia", "ja-boj-rates"])
def test_lazy_and_eager_printing_make_the_same_card(tmp_path, name, preset):
    """The built-in templates, copied into a user folder, print eagerly: the same SVG
    bytes and the same display list as the built-ins printed lazily."""
    folder = tmp_path / "copy"
    folder.mkdir()
    for template in BUILTIN.glob("*.svg.j2"):
        (folder / template.name).write_text(template.read_text(encoding="utf-8"))
    eager = CardRenderer(templates=folder, typesetter=renderer().typesetter)
    assert not eager.env.builtin_only and renderer().env.builtin_only
    b = briefing(name)
    specs, _ = plan_cards(b, ("cover", "sections", "quote"), available=eager.kinds())
    for spec in specs[:3] + specs[-1:]:
        lazy_card = renderer().render(b, spec, PRESETS[preset], make_theme("dark"))
        eager_card = eager.render(b, spec, PRESETS[preset], make_theme("dark"))
        assert lazy_card.display == eager_card.display is not None
        assert lazy_card.svg == eager_card.svg
        assert lazy_card.boxes == eager_card.boxes


def test_an_image_alone_builds_no_svg(monkeypatch, tmp_path):
    """``sharecard.render`` (and so the service's og.png) draws from the display list
    without writing one glyph path, and its bytes are the bundle's."""
    manifest = sharecard.bundle(SEED, tmp_path, presets="og", cards="cover")
    bundled = (Path(manifest.path) / "og-cover.png").read_bytes()

    def refuse(*_args, **_kwargs):
        raise AssertionError("an SVG fragment was built for an image-only render")

    import sharecard.cards.canvas as canvas
    import sharecard.paint.display as display
    import sharecard.typeset.api as typeset_api

    monkeypatch.setattr(typeset_api, "text_group", refuse)
    monkeypatch.setattr(display, "text_group", refuse)
    monkeypatch.setattr(canvas.Rect, "svg_fragment", refuse)
    assert sharecard.render(SEED) == bundled


def test_emoji_and_logo_cards_are_drawn_fast_and_as_the_browser_draws_them(tmp_path,
                                                                          chromium):
    """A colour emoji and a logo are bitmaps: the card is drawn fast, stored as RGB."""
    logo = tmp_path / "logo.png"
    logo.write_bytes(__import__("base64").b64decode(logo_uri(80, 40).split(",", 1)[1]))
    b = sharecard.read("Markets rally 📈 after the rate decision\n\n"
                       "- Stocks rose 2% 👍🏽 in early trading\n- Bonds were flat\n")
    settings = sharecard.pipeline.resolve_settings(logo=str(logo), brand="Newsroom")
    card = render_card(b, "cover", "og", sharecard.pipeline.theme_for(settings), settings=settings)
    assert card.display is not None
    assert any(type(op).__name__ == "Picture" for op in card.display.ops)
    data = png_of(card)
    assert Image.open(io.BytesIO(data)).mode == "RGB"
    assert_similar(data, cairo_pixels(card.svg, 1200, 630), name="emoji-logo-cairosvg")
    assert_similar(data, chromium_screenshot(card.svg, 1200, 630), name="emoji-logo-chromium")


def test_other_formats_and_the_size_cap_take_the_fast_pixels():
    card = render_card(briefing("seed-putin-iran"), "cover", "og")
    jpeg, webp = rasterize_card(card, formats=("jpeg", "webp"))
    for raster in (jpeg, webp):
        image = Image.open(io.BytesIO(raster.data))
        assert image.format == raster.format.upper() and image.size == (1200, 630)
        assert_similar(raster.data, cairo_pixels(card.svg, 1200, 630), name=raster.format)
    (capped,) = rasterize_card(card, max_bytes=5000)
    assert [w.code for w in capped.warnings] == ["palette", "over-size-cap"]
    (two,) = rasterize_card(card, scale=2)
    assert (two.width, two.height) == (2400, 1260)


RUN = """
import hashlib, json, sys
{prelude}
import sharecard
from sharecard.raster import rasterize
out = {{}}
for name in sys.argv[1:]:
    for preset in ("og", "story"):
        data = sharecard.render(name, preset=preset, card="section" if "seed" in name else "cover")
        out[name + preset] = hashlib.sha256(data).hexdigest()
print(json.dumps(out))
"""


def run_renders(prelude: str = "") -> tuple[dict[str, str], str]:
    names = [str(SEED.parent / f"{n}.txt") for n in ("seed-putin-iran", "ja-boj-rates")]
    done = subprocess.run([sys.executable, "-c", RUN.format(prelude=prelude), *names],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout), done.stderr


def test_same_input_same_bytes_across_processes():
    first, err = run_renders()
    second, _ = run_renders()
    assert first == second and err == ""
    import hashlib

    here = {str(SEED.parent / f"{n}.txt") + p: hashlib.sha256(sharecard.render(
        SEED.parent / f"{n}.txt", preset=p, card="section" if n.startswith("seed") else "cover"))
        .hexdigest() for n in ("seed-putin-iran", "ja-boj-rates") for p in ("og", "story")}
    assert first == here


def test_without_skia_cards_are_drawn_by_cairosvg_with_one_note():
    """A machine where skia-python cannot load (no libGL/libEGL): the same cards, drawn
    by the reference path, and one line on stderr saying so."""
    hashes, err = run_renders('sys.modules["skia"] = None  # as if its import failed')
    assert err.count("\n") == 1 and err.startswith("sharecard: note: the fast drawer is "
                                                   "unavailable (skia-python: "), err
    import hashlib

    for name in ("seed-putin-iran", "ja-boj-rates"):
        kind = "section" if name.startswith("seed") else "cover"
        card = render_card(briefing(name), kind, "og")
        (reference,) = rasterize(card.svg, width=1200, height=630)
        assert hashes[str(SEED.parent / f"{name}.txt") + "og"] == hashlib.sha256(
            reference.data).hexdigest()
