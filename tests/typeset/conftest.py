"""Fixtures for the typesetting tests: one Typesetter per session, SVG documents, PNGs."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import cairosvg
import pytest

from sharecard.typeset import FontLibrary, Typesetter


@pytest.fixture(scope="session")
def fonts() -> FontLibrary:
    return FontLibrary.default()


@pytest.fixture(scope="session")
def ts(fonts: FontLibrary) -> Typesetter:
    return Typesetter(fonts)


def svg_document(fragments: Sequence[str], width: int, height: int) -> str:
    """A standalone SVG: white background, then the fragments."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><rect width="{width}" height="{height}" fill="#ffffff"/>'
        + "".join(fragments)
        + "</svg>"
    )


@pytest.fixture(scope="session")
def document() -> Callable[[Sequence[str], int, int], str]:
    return svg_document


@pytest.fixture(scope="session")
def cairo_png() -> Callable[[str], bytes]:
    """SVG text -> PNG bytes drawn by CairoSVG (the production rasterizer)."""

    def render(svg: str) -> bytes:
        return cairosvg.svg2png(bytestring=svg.encode("utf-8"))

    return render


@pytest.fixture(scope="session")
def script_ts() -> Typesetter:
    """A Typesetter that also has Thai and Bengali faces (Debian's fonts-noto-core)."""
    from support.fonts import require_script_faces

    require_script_faces()
    return Typesetter(FontLibrary.default())
