"""System fonts: which installed face draws the characters sharecard's own fonts lack.

Asked the way browsers and Pango ask (Chromium's and Pango's fallback both sort the
machine's fonts by a generic family, the language and the characters needed):

- Linux and macOS: fontconfig, through the fontconfig-py binding (a maintained Cython
  binding whose wheels link fontconfig statically, so no system library or `fc-list`
  binary is needed). It reads the machine's own configuration, so ``conf.d`` preferences,
  ``~/.local/share/fonts`` and ``FONTCONFIG_FILE`` all apply, and its cache is kept per
  font directory and rebuilt when a directory's mtime changes: a newly installed font
  is seen by the next process.
- Windows, or wherever fontconfig finds no fonts: the platform's standard font folders.
  Each file is read once with HarfBuzz (family, weight, style, coverage) and the result
  kept in a JSON cache keyed by the file's size and mtime, so only new or changed files
  are read again.

Nothing here loads a face for shaping; `FontLibrary` does that for the few it picks.
Results are memoised per process, so a warm process pays nothing for a repeated query.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

import msgspec
import uharfbuzz as hb

from sharecard.resources import cache_dir
from sharecard.typeset.scripts import SCRIPT_SAMPLES, region_rank

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
CACHE_VERSION = 1
# fontconfig's weight scale against CSS/OpenType weights (fontconfig.h: FC_WEIGHT_*).
_FC_WEIGHTS = ((0, 100), (40, 200), (50, 300), (80, 400), (100, 500), (180, 600),
               (200, 700), (205, 800), (210, 900))


class SystemFont(msgspec.Struct, frozen=True):
    """One installed face, as discovery describes it (nothing loaded)."""

    path: Path
    index: int
    family: str
    weight: int  # CSS 100–900
    italic: bool
    mono: bool
    color: bool  # bitmap colour glyphs (CBDT/sbix)


class Catalog(Protocol):
    """What `FontLibrary` asks of the system's fonts."""

    @property
    def source(self) -> str:
        """"fontconfig" or "font folders", for `sharecard fonts`."""
        ...

    def find(self, cps: Sequence[int], *, lang: str | None, weight: int,
             region: str | None = None, emoji: bool = False) -> list[SystemFont]:
        """Faces covering every code point of `cps`, best first."""
        ...

    def fonts(self) -> list[tuple[SystemFont, frozenset[str]]]:
        """Every installed face with the scripts (SCRIPT_SAMPLES) it serves."""
        ...


def css_weight(fc_weight: float) -> int:
    """A fontconfig weight on the CSS scale (80 → 400, 200 → 700), rounded to 100s."""
    for (fa, ca), (fb, cb) in pairwise(_FC_WEIGHTS):
        if fc_weight <= fb:
            css = ca + (cb - ca) * (fc_weight - fa) / (fb - fa)
            return int(round(css / 100) * 100)
    return 900


def fc_weight(css: int) -> int:
    """A CSS weight on fontconfig's scale (400 → 80, 700 → 200)."""
    for (fa, ca), (fb, cb) in pairwise(_FC_WEIGHTS):
        if css <= cb:
            return round(fa + (fb - fa) * (css - ca) / (cb - ca))
    return 210


def _rank(font: SystemFont, order: int, *, weight: int, region: str | None,
          emoji: bool) -> tuple[int, ...]:
    """Sort key among faces that all cover the text: colour for emoji, the region's own
    CJK face, upright, proportional, sans serif (cards are set in sans, and the query
    asked for it), nearest weight; then the source's own order."""
    name = font.family.lower()
    return (
        int(font.color != emoji) if emoji else int(font.color),
        region_rank(font.family, region) if region else 0,
        int(font.italic),
        int(font.mono),
        int("serif" in name.replace("sans serif", "")),
        abs(font.weight - weight) // 100,
        order,
    )


# -- fontconfig --------------------------------------------------------------------------


class FontconfigCatalog:
    """The machine's fonts as fontconfig knows them (Linux, macOS, any fontconfig setup)."""

    source = "fontconfig"
    _SELECT = ("family", "file", "index", "weight", "slant", "spacing", "color", "charset")

    def __init__(self) -> None:
        import fontconfig  # imported here: absent on Windows

        self._fc = fontconfig
        self._found: dict[tuple[Any, ...], list[SystemFont]] = {}

    @staticmethod
    def _font(row: dict[str, Any]) -> SystemFont | None:
        path = row.get("file")
        index = int(row.get("index") or 0)
        if not path or Path(path).suffix.lower() not in FONT_SUFFIXES or index >> 16:
            return None  # bitmap/Type 1 formats, and named instances of variable fonts
        family = row.get("family")
        family = family[0] if isinstance(family, list) else family
        weight = row.get("weight", 80)
        weight = weight[0] if isinstance(weight, list) else weight
        return SystemFont(
            path=Path(path),
            index=index,
            family=str(family or Path(path).stem),
            weight=css_weight(float(weight)),
            italic=int(row.get("slant") or 0) != 0,
            mono=int(row.get("spacing") or 0) >= 90,  # FC_MONO 100, FC_DUAL 90
            color=bool(row.get("color")),
        )

    def find(self, cps: Sequence[int], *, lang: str | None, weight: int,
             region: str | None = None, emoji: bool = False) -> list[SystemFont]:
        key = (tuple(sorted(set(cps))), lang, weight, region, emoji)
        hit = self._found.get(key)
        if hit is not None:
            return hit
        props: dict[str, Any] = {
            "family": "emoji" if emoji else "sans-serif",
            "weight": fc_weight(weight),
            "slant": 0,
            "charset": self._fc.CharSet.from_codepoints(key[0]),
        }
        if lang:
            props["lang"] = [lang]
        if emoji:
            props["color"] = True
        try:
            rows = self._fc.sort(properties=props, select=self._SELECT, trim=False)
        except Exception:  # a broken configuration: no system fonts rather than a crash
            rows = []
        ranked: list[tuple[tuple[int, ...], SystemFont]] = []
        seen: set[tuple[Path, int]] = set()
        for order, row in enumerate(rows):
            charset = row.get("charset")
            font = self._font(row)
            if font is None or charset is None or (font.path, font.index) in seen:
                continue
            if all(cp in charset for cp in key[0]) and font.path.is_file():
                seen.add((font.path, font.index))
                ranked.append((_rank(font, order, weight=weight, region=region,
                                     emoji=emoji), font))
        found = [font for _, font in sorted(ranked, key=lambda r: r[0])]
        self._found[key] = found
        return found

    def fonts(self) -> list[tuple[SystemFont, frozenset[str]]]:
        try:
            rows = self._fc.list("", select=self._SELECT)
        except Exception:
            return []
        out = []
        for row in rows:
            font, charset = self._font(row), row.get("charset")
            if font is None or charset is None:
                continue
            serves = frozenset(script for script, sample in SCRIPT_SAMPLES.items()
                               if all(ord(ch) in charset for ch in sample))
            out.append((font, serves))
        return sorted(out, key=lambda fs: (fs[0].family, fs[0].weight, str(fs[0].path),
                                           fs[0].index))

    def count(self) -> int:
        try:
            return len(self._fc.list("", select=("file",)))
        except Exception:
            return 0


# -- font folders ------------------------------------------------------------------------


def standard_font_dirs() -> list[Path]:
    """Where the platform keeps fonts: the system's folders, then the user's."""
    home = Path.home()
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"),
                home / "Library" / "Fonts"]
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs = [windir / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts",
            home / ".fonts"]


def _ranges(cps: Iterable[int]) -> list[list[int]]:
    """Sorted code points as [first, last] ranges: a compact, JSON-friendly coverage."""
    out: list[list[int]] = []
    for cp in sorted(cps):
        if out and cp == out[-1][1] + 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def read_faces(path: Path) -> list[dict[str, Any]]:
    """What discovery keeps of each face in a font file, read with HarfBuzz."""
    blob = hb.Blob.from_file_path(str(path))
    faces = []
    for index in range(hb.Face(blob).count):
        face = hb.Face(blob, index)
        font = hb.Font(face)
        names = hb.OTNameIdPredefined
        family = (face.get_name(names.TYPOGRAPHIC_FAMILY) or face.get_name(names.FONT_FAMILY)
                  or path.stem)
        faces.append({
            "index": index,
            "family": family,
            "weight": int(round(font.get_style_value(hb.StyleTag.WEIGHT) / 100) * 100) or 400,
            "italic": font.get_style_value(hb.StyleTag.ITALIC) > 0,
            "mono": "mono" in family.lower(),
            "color": bool(face.has_color_png),
            "ranges": _ranges(face.unicodes),
        })
    return faces


class _Indexed(msgspec.Struct, frozen=True):
    font: SystemFont
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def covers(self, cp: int) -> bool:
        i = bisect.bisect_right(self.starts, cp) - 1
        return i >= 0 and cp <= self.ends[i]


class FolderCatalog:
    """Fonts found by walking folders (Windows, or where fontconfig has none)."""

    source = "font folders"

    def __init__(self, dirs: Sequence[Path] | None = None, *, cache: Path | None = None) -> None:
        self.dirs = [Path(d) for d in (dirs if dirs is not None else standard_font_dirs())]
        self.cache = cache if cache is not None else cache_dir() / "font-index.json"
        self._index: list[_Indexed] | None = None
        self._found: dict[tuple[Any, ...], list[SystemFont]] = {}

    def _files(self) -> Iterator[Path]:
        seen: set[Path] = set()
        for root in self.dirs:
            if not root.is_dir():
                continue
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames.sort()
                for name in sorted(filenames):
                    path = Path(dirpath) / name
                    if path.suffix.lower() in FONT_SUFFIXES and path not in seen:
                        seen.add(path)
                        yield path

    def _load_cache(self) -> dict[str, Any]:
        try:
            data = json.loads(self.cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def _save_cache(self, files: dict[str, Any]) -> None:
        """Write the index atomically; a read-only cache folder only costs speed."""
        with contextlib.suppress(OSError):
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.cache.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump({"version": CACHE_VERSION, "files": files}, out)
                os.replace(tmp, self.cache)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise

    def index(self) -> list[_Indexed]:
        """Every face of every font file, from the cache where the file is unchanged."""
        if self._index is not None:
            return self._index
        cached = self._load_cache()
        files: dict[str, Any] = {}
        changed = False
        for path in self._files():
            try:
                st = path.stat()
            except OSError:
                continue
            stamp = [st.st_size, st.st_mtime_ns]
            entry = cached.get(str(path))
            if not (isinstance(entry, dict) and entry.get("stamp") == stamp):
                try:
                    entry = {"stamp": stamp, "faces": read_faces(path)}
                except Exception:  # not a font HarfBuzz can read: remember that too
                    entry = {"stamp": stamp, "faces": []}
                changed = True
            files[str(path)] = entry
        if changed or set(files) != set(cached):
            self._save_cache(files)
        index = []
        for name, entry in files.items():
            for f in entry["faces"]:
                font = SystemFont(Path(name), f["index"], f["family"], f["weight"],
                                  f["italic"], f["mono"], f["color"])
                ranges = f["ranges"]
                index.append(_Indexed(font, tuple(r[0] for r in ranges),
                                      tuple(r[1] for r in ranges)))
        self._index = index
        return index

    def find(self, cps: Sequence[int], *, lang: str | None, weight: int,
             region: str | None = None, emoji: bool = False) -> list[SystemFont]:
        key = (tuple(sorted(set(cps))), weight, region, emoji)
        hit = self._found.get(key)
        if hit is None:
            ranked = sorted(
                (_rank(entry.font, 0, weight=weight, region=region, emoji=emoji),
                 entry.font.family, str(entry.font.path), entry.font.index, entry.font)
                for entry in self.index()
                if all(entry.covers(cp) for cp in key[0])
            )
            hit = [row[-1] for row in ranked]
            self._found[key] = hit
        return hit

    def fonts(self) -> list[tuple[SystemFont, frozenset[str]]]:
        out = []
        for entry in self.index():
            serves = frozenset(script for script, sample in SCRIPT_SAMPLES.items()
                               if all(entry.covers(ord(ch)) for ch in sample))
            out.append((entry.font, serves))
        return sorted(out, key=lambda fs: (fs[0].family, fs[0].weight, str(fs[0].path),
                                           fs[0].index))


_catalog: Catalog | None = None


def system_catalog() -> Catalog:
    """The process's catalog: fontconfig where it loads and knows fonts, else folders."""
    global _catalog
    if _catalog is None:
        catalog: Catalog | None = None
        if sys.platform != "win32":
            try:
                fc = FontconfigCatalog()
                # A Linux fontconfig that knows no fonts is obeyed (a container, a test's
                # FONTCONFIG_FILE); on macOS it means the bundled one missed the folders.
                if sys.platform != "darwin" or fc.count():
                    catalog = fc
            except ImportError:
                catalog = None
        _catalog = catalog if catalog is not None else FolderCatalog()
    return _catalog


class SystemCatalog:
    """`system_catalog()`, made when first asked: fontconfig loads (and reads its
    configuration) only once a text needs a face the shipped fonts lack — a Latin card
    never does, and its start-up does not pay for it."""

    @property
    def source(self) -> str:
        return system_catalog().source

    def find(self, cps: Sequence[int], *, lang: str | None, weight: int,
             region: str | None = None, emoji: bool = False) -> list[SystemFont]:
        return system_catalog().find(cps, lang=lang, weight=weight, region=region,
                                     emoji=emoji)

    def fonts(self) -> list[tuple[SystemFont, frozenset[str]]]:
        return system_catalog().fonts()
