"""Fast-path PNGs: indexed when the card's colours allow, within 14/255 of the RGB
pixels, smaller than Pillow's RGB PNG, RGB and exact when bitmaps are drawn, and the
same bytes every time."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from cards.cardkit import CORPUS_NAMES
from paint.paintkit import card_display, typeset_card
from sharecard.paint import native, png
from sharecard.paint.display import DisplayList, GlyphRun, Picture, Rect
from sharecard.typeset import Typesetter

MAX_ERROR = 14  # per channel, of 255: half a ramp step + lookup rounding (paint.png)


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def largest_error(a: Image.Image, b: Image.Image) -> int:
    return int(np.abs(np.asarray(a.convert("RGB"), np.int16)
                      - np.asarray(b.convert("RGB"), np.int16)).max())


@pytest.mark.parametrize("preset", ["og", "story"])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_cover_is_a_small_indexed_png_close_to_the_pixels(name, preset):
    _, display = card_display(name, preset)
    image = native.draw(display)
    data = png.encode_png(image, display)
    back = decode(data)
    assert back.format == "PNG" and back.mode == "P" and back.size == image.size
    assert 0 < largest_error(back, image) <= MAX_ERROR
    flat = np.asarray(image.convert("RGB"))
    exact = np.asarray(back.convert("RGB")) == flat
    assert exact.all(axis=2).mean() > 0.9  # flat areas and full-coverage ink are exact
    buf = io.BytesIO()
    image.save(buf, "PNG")
    assert len(data) < 0.5 * buf.tell()


@pytest.mark.parametrize("mode, size", [("P", (1201, 630)), ("P", (1, 1)), ("RGB", (317, 9)),
                                        ("RGBA", (40, 3000)), ("L", (7, 5))])
def test_pixel_bytes_are_tobytes(mode, size):
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, (size[1], size[0], len(mode)), dtype=np.uint8)
    image = Image.fromarray(pixels.squeeze(axis=2) if len(mode) == 1 else pixels, mode)
    assert png.pixel_bytes(image) == image.tobytes()


def test_bitmaps_make_an_exact_rgb_png(ts):
    display = typeset_card(ts, emoji=True)
    image = native.draw(display)
    back = decode(png.encode_png(image, display))
    assert back.mode == "RGB"
    assert largest_error(back, image) == 0


def test_same_card_same_bytes():
    _, display = card_display("fa-iran-russia", "square")
    first = png.encode_png(native.draw(display), display)
    again = png.encode_png(native.draw(display), display)
    assert first == again


def test_indexed_png_round_trips_exactly():
    rng = np.random.default_rng(7)
    palette = [tuple(int(v) for v in rng.integers(0, 256, 3)) for _ in range(256)]
    indices = rng.integers(0, 256, (37, 53), dtype=np.uint8)
    back = decode(png.indexed_png(Image.frombytes("P", (53, 37), indices.tobytes()), palette))
    assert back.mode == "P" and back.size == (53, 37)
    assert np.array_equal(np.asarray(back), indices)
    assert back.getpalette()[:768] == [v for rgb in palette for v in rgb]


def _text_run(ts: Typesetter, x: float, y: float, fill: str) -> GlyphRun:
    box = ts.text_box("Overlap", x=x, y=y, width=300, height=60, size=30, max_lines=1,
                      color=fill)
    return GlyphRun(box.glyphs, fill, "Overlap")


def test_text_on_a_rect_gets_a_ramp_to_the_rect_colour(ts):
    display = DisplayList(400, 120, "#ffffff", (
        Rect(0, 0, 400, 60, "#003366"), _text_run(ts, 10, 10, "#ffcc00")))
    pairs = png.ramp_pairs(display)
    assert pairs == [("#ffffff", "#003366"), ("#003366", "#ffcc00"), ("#ffffff", "#ffcc00")]
    image = native.draw(display)
    back = decode(png.encode_png(image, display))
    assert back.mode == "P" and largest_error(back, image) <= MAX_ERROR


def test_text_over_two_colours_or_a_picture_needs_rgb(ts):
    two = DisplayList(400, 120, "#ffffff", (
        Rect(0, 0, 60, 120, "#003366"), Rect(60, 0, 400, 120, "#660033"),
        _text_run(ts, 10, 10, "#ffcc00")))
    assert png.ramp_pairs(two) is None
    image = native.draw(two)
    assert decode(png.encode_png(image, two)).mode == "RGB"
    pic = DisplayList(10, 10, "#ffffff", (Picture(0, 0, 5, 5, "data:image/png;base64,AA"),))
    assert png.ramp_palette(pic) is None


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_drawing_straight_to_indices_is_quantizing_the_rgb_image(name, scale):
    """What `rasterize_card` runs (Skia's RGBA looked up in the palette, one blank column
    first) gives the pixels and bytes of drawing RGB and quantizing it."""
    from cards.cardkit import cover
    from sharecard.raster import rasterize_card

    card = cover(name, "og")
    display = card.display
    palette = png.ramp_palette(display)
    assert palette is not None and png._rgb(display.background) == palette[0]
    image = native.draw(display, scale)
    framed = native.draw_indexed(display, png.palette_image(palette), scale, left=1)
    assert framed.mode == "P" and framed.size == (image.width + 1, image.height)
    assert framed.crop((0, 0, 1, framed.height)).tobytes() == bytes(framed.height)  # filters
    indices = framed.crop((1, 0, framed.width, framed.height))
    assert indices.tobytes() == png.to_indices(image, palette).tobytes()
    data = png.encode_png(image, display)
    assert png.framed_png(framed, palette) == data
    assert rasterize_card(card, scale=scale)[0].data == data


def test_without_pillows_private_lookup_the_indices_are_the_same(monkeypatch):
    """`draw_indexed` uses Pillow's core palette lookup; where a Pillow has moved it,
    the public quantize gives the same indices."""
    _, display = card_display("seed-putin-iran", "og")
    palette = png.palette_image(png.ramp_palette(display))
    fast = native.draw_indexed(display, palette, left=1).tobytes()

    def moved(*_args: object) -> None:
        raise AttributeError("'ImagingCore' object has no attribute 'convert'")

    monkeypatch.setattr(native, "_lookup", moved)
    assert native.draw_indexed(display, palette, left=1).tobytes() == fast


def test_a_reused_surface_keeps_nothing_of_the_card_drawn_before():
    """Each thread keeps its surfaces of the last sizes drawn: a card drawn after
    another (or after another size) is the card a fresh surface gives."""
    import threading

    _, seed = card_display("seed-putin-iran", "og")
    _, other = card_display("ja-boj-rates", "og")
    fresh: list[bytes] = []
    thread = threading.Thread(target=lambda: fresh.append(native.draw(other).tobytes()))
    thread.start()
    thread.join()
    native.draw(seed)
    native.draw(seed, 2.0)
    native.draw_indexed(seed, png.palette_image(png.ramp_palette(seed)), left=1)
    assert native.draw(other).tobytes() == fresh[0]
