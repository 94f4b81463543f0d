"""Pixel comparison of two renders of the same SVG (e.g. CairoSVG vs Chromium).

Both images are composited over white first: a transparent PNG and a browser screenshot
on a white page show the same picture, and alpha itself is not what a reader sees.
A pixel "differs" when any colour channel differs by more than ``threshold`` (0..255):
anti-aliasing between renderers moves edge pixels a little; a missing, misplaced or
differently shaped glyph moves whole runs of pixels a lot.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, ImageOps

from . import artifact_path

ImageLike = bytes | Image.Image


def flatten(image: ImageLike) -> Image.Image:
    """Open PNG bytes (or take an Image) and return it as RGB composited over white."""
    im = Image.open(io.BytesIO(image)) if isinstance(image, bytes) else image
    im.load()
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return im.convert("RGB")


def diff_mask(a: ImageLike, b: ImageLike, *, threshold: int = 64) -> Image.Image:
    """Mode "L" mask: 255 where the max channel difference exceeds ``threshold``, else 0."""
    ia, ib = flatten(a), flatten(b)
    if ia.size != ib.size:
        raise ValueError(f"image sizes differ: {ia.size} vs {ib.size}")
    lut = [255 if v > threshold else 0 for v in range(256)]
    r, g, bl = ImageChops.difference(ia, ib).split()
    return ImageChops.lighter(ImageChops.lighter(r, g), bl).point(lut)


def diff_ratio(a: ImageLike, b: ImageLike, *, threshold: int = 64) -> float:
    """Fraction of pixels whose max channel difference is above ``threshold``."""
    mask = diff_mask(a, b, threshold=threshold)
    width, height = mask.size
    return mask.histogram()[255] / (width * height) if width * height else 0.0


def save_diff_image(a: ImageLike, b: ImageLike, path: str | Path, *, threshold: int = 64) -> Path:
    """Write ``a | b | overlay`` side by side; the overlay shows differing pixels in red.

    The overlay is ``a`` washed out to light grey so the red stands out where it matters.
    """
    ia, ib = flatten(a), flatten(b)
    mask = diff_mask(ia, ib, threshold=threshold)
    faded = ImageOps.grayscale(ia).point(lambda v: 160 + v * 95 // 255).convert("RGB")
    overlay = Image.composite(Image.new("RGB", ia.size, (230, 0, 0)), faded, mask)
    width, height = ia.size
    sheet = Image.new("RGB", (width * 3 + 20, height), (128, 128, 128))
    for i, part in enumerate((ia, ib, overlay)):
        sheet.paste(part, (i * (width + 10), 0))
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, format="PNG")
    return out


def assert_similar(
    a: ImageLike,
    b: ImageLike,
    *,
    max_ratio: float = 0.01,
    threshold: int = 64,
    name: str = "render",
) -> float:
    """Assert at most ``max_ratio`` of pixels differ; returns the ratio.

    On failure the diff sheet is saved only if SHARECARD_TEST_ARTIFACTS names a directory.
    """
    ratio = diff_ratio(a, b, threshold=threshold)
    if ratio > max_ratio:
        where = ""
        target = artifact_path(name, "-diff.png")
        if target is not None:
            where = f"; diff image: {save_diff_image(a, b, target, threshold=threshold)}"
        raise AssertionError(
            f"{name}: {ratio:.2%} of pixels differ by more than {threshold}/255 "
            f"(allowed {max_ratio:.2%}){where}"
        )
    return ratio
