"""cairo font faces for the typesetter's font files, so a PDF embeds the very faces the
glyph IDs were shaped with.

cairocffi (which CairoSVG already brings) has no constructor for a font file: cairo
makes one from a FreeType face or a fontconfig pattern (``cairo-ft.h``), which cairocffi
does not bind. Of the ways others take — pycairo does not bind it either; freetype-py
with ``cairo_ft_font_face_create_for_ft_face`` hands cairo an ``FT_Face`` made by the
FreeType that freetype-py's wheel bundles, a second copy of the library beside the one
cairo links, which is undefined behaviour — this one passes cairo a fontconfig pattern
naming the file and face index (``cairo_ft_font_face_create_for_pattern``, what Pango
does), so cairo opens the file with its own FreeType. The two C calls go through ctypes
into the same libcairo and libfontconfig that cairocffi already loaded; the result is
wrapped as a `cairocffi.FontFace`, which owns the reference from then on.

Variable faces (a system's variable Noto CJK set to bold) get their weight through
cairo's font-options variations, as HarfBuzz got it when shaping.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache
from pathlib import Path

import cairocffi

from sharecard.typeset.fonts import Face


class CairoFontError(RuntimeError):
    """cairo cannot make a font face from a file here (no FreeType/fontconfig backend)."""


@lru_cache(maxsize=1)
def _libraries() -> tuple[ctypes.CDLL, ctypes.CDLL]:
    names = {"cairo": ("cairo", "cairo-2"), "fontconfig": ("fontconfig", "fontconfig-1")}
    found: dict[str, ctypes.CDLL] = {}
    for key, candidates in names.items():
        for name in candidates:
            path = ctypes.util.find_library(name)
            if path:
                found[key] = ctypes.CDLL(path)
                break
        else:
            raise CairoFontError(f"lib{key} not found: cairo needs it to embed fonts in a PDF")
    cairo, fc = found["cairo"], found["fontconfig"]
    try:
        cairo.cairo_ft_font_face_create_for_pattern.restype = ctypes.c_void_p
        cairo.cairo_ft_font_face_create_for_pattern.argtypes = [ctypes.c_void_p]
    except AttributeError:
        raise CairoFontError("this libcairo has no FreeType font backend") from None
    fc.FcPatternCreate.restype = ctypes.c_void_p
    fc.FcPatternCreate.argtypes = []
    fc.FcPatternAddString.restype = ctypes.c_int
    fc.FcPatternAddString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
    fc.FcPatternAddInteger.restype = ctypes.c_int
    fc.FcPatternAddInteger.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    fc.FcPatternDestroy.restype = None
    fc.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    return cairo, fc


@lru_cache(maxsize=128)
def _face_for_file(path: str, index: int) -> cairocffi.FontFace:
    cairo, fc = _libraries()
    pattern = fc.FcPatternCreate()
    if not pattern:
        raise CairoFontError("fontconfig could not allocate a pattern")
    try:
        ok = fc.FcPatternAddString(pattern, b"file", path.encode("utf-8"))
        ok &= fc.FcPatternAddInteger(pattern, b"index", index)
        if not ok:
            raise CairoFontError(f"fontconfig refused the font file {Path(path).name}")
        # cairo copies what it needs from the pattern: ours can go right after.
        pointer = cairo.cairo_ft_font_face_create_for_pattern(pattern)
    finally:
        fc.FcPatternDestroy(pattern)
    if not pointer:
        raise CairoFontError(f"cairo could not open the font {Path(path).name}")
    face = cairocffi.FontFace._from_pointer(
        cairocffi.ffi.cast("cairo_font_face_t *", pointer), incref=False)
    face._check_status()
    return face


def font_face(face: Face) -> cairocffi.FontFace:
    """The cairo font face of a typesetter `Face` (one per file and index, kept)."""
    return _face_for_file(str(face.path), face.index)


def font_options(face: Face) -> cairocffi.FontOptions:
    """Outline options for `face`: no hinting (the typesetter's glyphs are unhinted) and,
    for a variable face, the weight it was shaped at."""
    options = cairocffi.FontOptions()
    options.set_hint_style(cairocffi.HINT_STYLE_NONE)
    options.set_hint_metrics(cairocffi.HINT_METRICS_OFF)
    axes = {a.tag for a in face.hb_font.face.axis_infos}
    if "wght" in axes:
        options.set_variations(f"wght={face.weight}")
    return options
