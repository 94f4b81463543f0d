"""Font faces and the fallback chain: which face draws which character.

A `Face` is parsed once — HarfBuzz at font-unit scale for shaping, extents and outlines;
fontTools only for the few header values HarfBuzz does not expose (family, weight class,
vertical metrics, colour tables), which for the shipped faces come from
``fonts/faces.json`` instead (written from fontTools by ``scripts/font_info.py`` and held
to it by the tests: importing fontTools is a tenth of a cold start) — and keeps its own
caches of glyph extents and path data, so a FontLibrary shared by many Typesetters pays
each cost once. Faces come from three places, in this order of preference: the user's
own fonts (``--font``, config), the fonts shipped in ``fonts/`` (Latin/Greek/Cyrillic,
Arabic, Hebrew, Devanagari, outline emoji), then the system's, found by
`sharecard.typeset.discovery` only for the characters the first two lack (CJK, Thai,
Bengali…, colour emoji), with Han glyph shapes following the text's language."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import uharfbuzz as hb

from sharecard.errors import ConfigError
from sharecard.resources import data_dir
from sharecard.typeset.discovery import FONT_SUFFIXES, Catalog, SystemCatalog, SystemFont
from sharecard.typeset.fontcheck import check_font_file
from sharecard.typeset.scripts import (
    COMMON,
    EMOJI,
    INHERITED,
    SCRIPT_SAMPLES,
    cjk_region,
    emoji_presentation,
    fontconfig_lang,
    is_ignorable,
    primary,
    region_rank,
    script_of,
)

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

__all__ = ["CJK_REGIONS", "WEIGHTS", "Face", "FaceInfo", "FontLibrary", "VMetrics",
           "cjk_region", "load_face", "read_info"]

# Noto Sans CJK's TTC holds one face per region; the region decides Han glyph shapes.
CJK_REGIONS = ("JP", "KR", "SC", "TC", "HK")
_TEXT_CHAIN_LIMIT = 4096

WEIGHTS = {"regular": 400, "bold": 700}
SHIPPED_INFO = "faces.json"  # in the shipped fonts' folder: see `shipped_info`


class VMetrics(msgspec.Struct, frozen=True):
    """Vertical metrics in em (ascent up, descent down, both positive)."""

    ascent: float
    descent: float


class Face(msgspec.Struct, eq=False):
    """One font face: shaping font, coverage, metrics and per-glyph caches."""

    path: Path
    index: int
    family: str
    weight: int
    hb_font: hb.Font
    upem: int
    metrics: VMetrics
    color: bool  # bitmap colour glyphs (CBDT/sbix): drawn as images, not outlines
    key: str  # stable, path-free identifier: "Family-weight[-index]"
    _extents: dict[int, tuple[float, float, float, float]] = msgspec.field(default_factory=dict)
    _paths: dict[int, str] = msgspec.field(default_factory=dict)
    _pngs: dict[int, bytes] = msgspec.field(default_factory=dict)
    serves: frozenset[str] = frozenset()
    origin: str = "shipped"  # user, shipped or system: what `sharecard fonts` reports
    wght: int | None = None  # the weight axis set on a variable font, else None

    def __repr__(self) -> str:
        return f"Face({self.key})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled by reference (file, face index, weight axis, origin), not by value:
        HarfBuzz objects do not pickle, and the process that unpickles it (the drawing
        helper, `sharecard.cli.helper`) loads the same face from the same file."""
        return (face_at, (str(self.path), self.index, self.wght, self.origin))

    def covers(self, cp: int) -> bool:
        """Whether the cmap maps `cp` (asked of HarfBuzz: no per-face set to build)."""
        gid = self.hb_font.get_nominal_glyph(cp)
        return gid is not None and gid != 0

    def extents(self, gid: int) -> tuple[float, float, float, float]:
        """Ink box (x_min, y_min, x_max, y_max) in em, y up; zeros for blank glyphs."""
        box = self._extents.get(gid)
        if box is None:
            ext = self.hb_font.get_glyph_extents(gid)
            u = self.upem
            if ext is None or (ext.width == 0 and ext.height == 0):
                box = (0.0, 0.0, 0.0, 0.0)
            else:
                x0, y1 = ext.x_bearing / u, ext.y_bearing / u
                box = (x0, y1 + ext.height / u, x0 + ext.width / u, y1)
            self._extents[gid] = box
        return box


def _name(tt: TTFont, *ids: int) -> str:
    for name_id in ids:
        value = tt["name"].getDebugName(name_id)
        if value:
            return value
    return "Unknown"


def _weight_of(tt: TTFont) -> int:
    os2 = tt.get("OS/2")
    return int(os2.usWeightClass) if os2 is not None else 400


def _vmetrics(tt: TTFont, upem: int) -> VMetrics:
    """CSS-like ascent/descent: OS/2 typo metrics when USE_TYPO_METRICS is set, else hhea."""
    os2, hhea = tt.get("OS/2"), tt["hhea"]
    if os2 is not None and os2.fsSelection & (1 << 7):
        asc, desc = os2.sTypoAscender, -os2.sTypoDescender
    else:
        asc, desc = hhea.ascent, -hhea.descent
    return VMetrics(asc / upem, desc / upem)


class FaceInfo(msgspec.Struct, frozen=True):
    """What a face says about itself that HarfBuzz does not expose: its family name,
    weight class, CSS-like vertical metrics (em) and whether it draws colour bitmaps."""

    family: str
    weight: int
    ascent: float
    descent: float
    color: bool


def read_info(path: Path, index: int, upem: int) -> FaceInfo:
    """A face's `FaceInfo`, read with fontTools (imported here, on first use)."""
    from fontTools.ttLib import TTFont

    collection = path.suffix.lower() in (".ttc", ".otc")
    tt = TTFont(str(path), fontNumber=index if collection else -1, lazy=True)
    try:
        metrics = _vmetrics(tt, upem)
        return FaceInfo(_name(tt, 16, 1), _weight_of(tt), metrics.ascent, metrics.descent,
                        "CBDT" in tt or "sbix" in tt)
    finally:
        tt.close()


def info_row(path: Path, index: int, info: FaceInfo) -> dict[str, Any]:
    """One row of ``faces.json``: the file (name and size, so a changed file is read
    again) and what `read_info` found in it."""
    return {"file": path.name, "bytes": path.stat().st_size, "index": index,
            **msgspec.structs.asdict(info)}


@lru_cache(maxsize=4)
def shipped_info(folder: Path) -> dict[tuple[str, int, int], FaceInfo]:
    """(file name, size, face index) -> FaceInfo, from `folder`'s ``faces.json``."""
    try:
        rows = json.loads((folder / SHIPPED_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {(r["file"], r["bytes"], r["index"]): FaceInfo(
        r["family"], r["weight"], r["ascent"], r["descent"], r["color"]) for r in rows}


def _known_info(path: Path, index: int, origin: str) -> FaceInfo | None:
    if origin != "shipped":
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return shipped_info(path.parent).get((path.name, size, index))


def load_face(
    path: Path,
    index: int = 0,
    blob: hb.Blob | None = None,
    *,
    origin: str = "shipped",
    weight: int | None = None,
) -> Face:
    """Parse one face of a font file (a TTC holds several; pass their shared `blob`).

    `weight` sets a variable font's weight axis (Fedora's Noto CJK is variable), so a
    bold headline is bold; a static face ignores it."""
    try:
        if blob is None:
            blob = hb.Blob.from_file_path(str(path))
        hb_face = hb.Face(blob, index)
        upem = int(hb_face.upem)
        font = hb.Font(hb_face)
        font.scale = (upem, upem)
        info = _known_info(path, index, origin) or read_info(path, index, upem)
        family = info.family
        own_weight = info.weight
        axis = next((a for a in hb_face.axis_infos if a.tag == "wght"), None)
        wght = None
        if weight is not None and axis is not None:
            own_weight = wght = int(min(max(weight, axis.min_value), axis.max_value))
            font.set_variations({"wght": own_weight})
        weight = own_weight
        metrics = VMetrics(info.ascent, info.descent)
        color = info.color
    except Exception as exc:  # fontTools/HarfBuzz raise many types for a bad file
        raise ConfigError(f"cannot read font: {exc}", source=path.name) from exc
    serves = frozenset(
        script
        for script, sample in SCRIPT_SAMPLES.items()
        if all(font.get_nominal_glyph(ord(ch)) for ch in sample)
    )
    key = f"{family.replace(' ', '')}-{weight}" + (f"-{index}" if index else "")
    return Face(
        path=path,
        index=index,
        family=family,
        weight=weight,
        hb_font=font,
        upem=upem,
        metrics=metrics,
        color=color,
        key=key,
        serves=serves,
        origin=origin,
        wght=wght,
    )


@lru_cache(maxsize=128)
def face_at(path: str, index: int, wght: int | None, origin: str) -> Face:
    """The face a pickled `Face` stands for, loaded once per process."""
    return load_face(Path(path), index, origin=origin, weight=wght)


def _font_files(entries: Iterable[str | Path]) -> list[Path]:
    """Font files named directly or found (sorted, for determinism) in the given dirs."""
    files: list[Path] = []
    for entry in entries:
        p = Path(entry)
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.suffix.lower() in FONT_SUFFIXES))
        elif p.is_file():
            files.append(p)
        else:
            raise ConfigError("font file or directory not found", source=str(entry))
    return files


def _faces_in(path: Path, origin: str) -> list[Face]:
    if origin == "user":  # handed in, not installed: read whole first (`fontcheck`)
        check_font_file(path)
    if path.suffix.lower() in (".ttc", ".otc"):
        try:
            blob = hb.Blob.from_file_path(str(path))
        except Exception as exc:
            raise ConfigError(f"cannot read font: {exc}", source=path.name) from exc
        return [load_face(path, i, blob, origin=origin) for i in range(hb.Face(blob).count)]
    return [load_face(path, origin=origin)]


class FontLibrary:
    """All faces sharecard may draw with, and the fallback chain for a given text.

    The user's and the shipped faces are parsed when the library is built; system faces
    are looked up and parsed only when a text needs them, then kept. Built once per
    process (see `default`); apart from those lazily added faces and glyph caches it is
    read-only, and what it adds depends only on the fonts installed, so the same text
    always gets the same chain.
    """

    def __init__(
        self,
        faces: Sequence[Face],
        *,
        user_faces: Sequence[Face] = (),
        system: Catalog | None = None,
        default_family: str = "Inter",
    ) -> None:
        self.faces = tuple(faces)
        self.user_faces = tuple(user_faces)
        self.system = system
        self.default_family = default_family
        self._chains: dict[tuple[str, int, str], tuple[Face, ...]] = {}
        # A warm process asks again for the same texts (every preset of a card): a lookup.
        self._text_chains: dict[tuple[object, ...], tuple[Face, ...]] = {}
        self._covered: dict[tuple[tuple[str, ...], int], bool] = {}
        self._loaded: dict[tuple[Path, int, int], Face | None] = {}
        self._varied: dict[tuple[Path, int, int], Face] = {}  # variable faces by weight
        self._picked: dict[tuple[str | None, int, str | None], list[Face]] = {}
        self._nothing: set[tuple[str | None, int, str | None, int]] = set()
        self._colour_emoji: list[Face | None] = []

    @staticmethod
    def default(extra: Sequence[str | Path] = (), *, system: bool = True) -> FontLibrary:
        """Shipped fonts + the user's fonts (dirs or files) + system faces on demand.

        Memoised per (`extra`, `system`): parsing fonts is the slowest step of a card and
        the library only ever grows by faces fixed by what is installed.
        """
        return _default_library(tuple(str(Path(e).resolve()) for e in extra), system)

    @classmethod
    def load(
        cls,
        shipped: Sequence[str | Path],
        extra: Sequence[str | Path] = (),
        *,
        system: bool | Catalog = True,
    ) -> FontLibrary:
        """A library of the `shipped` and `extra` (user) fonts; `system` True asks the
        machine's catalog (fontconfig or font folders), a Catalog that one, False none."""
        faces = [f for p in _font_files(shipped) for f in _faces_in(p, "shipped")]
        user = [f for p in _font_files(extra) for f in _faces_in(p, "user")]
        catalog: Catalog | None = SystemCatalog() if system is True else (system or None)
        return cls(faces, user_faces=user, system=catalog)

    @property
    def families(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for f in (*self.faces, *self.user_faces):
            seen.setdefault(f.family, None)
        return tuple(seen)

    @property
    def system_faces(self) -> tuple[Face, ...]:
        """The system faces loaded so far (those some text has needed)."""
        return tuple(dict.fromkeys(f for f in self._loaded.values() if f is not None))

    def face(self, family: str, weight: int) -> Face | None:
        """The face of `family` closest to `weight` (user faces win over shipped ones).
        A variable font is set at `weight` on its weight axis, as a browser sets
        ``font-weight`` on one: a user's single variable file then gives a bold too."""
        cands = [f for f in (*self.user_faces, *self.faces) if f.family == family]
        if not cands:
            return None
        best = min(cands, key=lambda f: (abs(f.weight - weight), f.weight))
        if best.weight == weight or best.wght is not None:
            return best
        return self._at_weight(best, weight)

    def _at_weight(self, face: Face, weight: int) -> Face:
        """`face` at `weight` when it is a variable font with a weight axis, else itself
        (loaded once per weight)."""
        key = (face.path, face.index, weight)
        if key not in self._varied:
            variable = any(a.tag == "wght" for a in face.hb_font.face.axis_infos)
            self._varied[key] = face if not variable else load_face(
                face.path, face.index, origin=face.origin, weight=weight)
        return self._varied[key]

    def chain(
        self,
        *,
        weight: int,
        family: str | None = None,
        region: str = "SC",
        text: str = "",
        language: str | None = None,
    ) -> tuple[Face, ...]:
        """Fallback order for `text`: the chosen family, the user's faces, the shipped
        ones (emoji faces last), then system faces for what those lack."""
        static = self._static_chain(family, weight, region)
        if not text or self.system is None:
            return static
        key = (family, weight, region, text, language)
        hit = self._text_chains.get(key)
        if hit is None:
            extra = self._system_faces_for(text, static, weight, region, language)
            hit = static + extra if extra else static
            if len(self._text_chains) >= _TEXT_CHAIN_LIMIT:
                self._text_chains.clear()
            self._text_chains[key] = hit
        return hit

    def _static_chain(self, family: str | None, weight: int, region: str) -> tuple[Face, ...]:
        fam = family or self.default_family
        key = (fam, weight, region)
        cached = self._chains.get(key)
        if cached is not None:
            return cached
        if family is not None and self.face(family, weight) is None:
            raise ConfigError(f"unknown font family {family!r}; have {list(self.families)}")
        order: list[Face] = []
        primary_face = self.face(fam, weight)
        if primary_face is not None:
            order.append(primary_face)
        for group in (self.user_faces, self.faces):
            best = [self.face(name, weight) for name in dict.fromkeys(f.family for f in group)]
            # A CJK family drawn for the text's region goes before other regions' ones.
            best.sort(key=lambda f: region_rank(f.family, region) if f and "Hani" in f.serves
                      else 1)
            order.extend(f for f in best if f is not None and f not in order)
        emoji_last = [f for f in order if EMOJI in f.serves and f is not primary_face]
        chain = tuple([f for f in order if f not in emoji_last] + emoji_last)
        self._chains[key] = chain
        return chain

    # -- system faces, on demand ---------------------------------------------------------

    def _covers(self, static: tuple[Face, ...], cp: int) -> bool:
        key = (tuple(f.key for f in static), cp)
        hit = self._covered.get(key)
        if hit is None:
            hit = any(f.covers(cp) for f in static)
            self._covered[key] = hit
        return hit

    def _system_faces_for(
        self,
        text: str,
        static: tuple[Face, ...],
        weight: int,
        region: str,
        language: str | None,
    ) -> tuple[Face, ...]:
        """System faces for the characters of `text` the static chain lacks, by script
        in order of first appearance, and a colour emoji face if the text has emoji."""
        cps = [cp for cp in dict.fromkeys(map(ord, text)) if not is_ignorable(cp)]
        groups: dict[str, list[int]] = {}
        for cp in cps:
            if not self._covers(static, cp):
                script = script_of(cp)
                groups.setdefault(COMMON if script == INHERITED else script, []).append(cp)
        extra: list[Face] = []
        common = groups.pop(COMMON, [])
        for script, needed in groups.items():
            for face in self._system_faces(script, needed, weight, region, language):
                if face not in extra:
                    extra.append(face)
        # Punctuation and symbols: the faces just chosen first (、 from the Han face).
        common = [cp for cp in common if not any(f.covers(cp) for f in extra)]
        if common:
            for face in self._system_faces(COMMON, common, weight, region, language):
                if face not in extra:
                    extra.append(face)
        if any(emoji_presentation(cp) for cp in cps) or 0xFE0F in cps:
            colour = self._system_colour_emoji()
            if colour is not None:
                extra.append(colour)
        return tuple(extra)

    def _load_system(self, found: SystemFont, weight: int = 400) -> Face | None:
        key = (found.path, found.index, weight)
        if key not in self._loaded:
            try:
                face = load_face(found.path, found.index, origin="system", weight=weight)
            except ConfigError:  # listed but unreadable: as if it were not installed
                face = None
            # A static face is the same at every weight asked: keep one object.
            same = next((f for (p, i, _w), f in self._loaded.items()
                         if f is not None and face is not None and (p, i) == key[:2]
                         and f.key == face.key), None)
            self._loaded[key] = same or face
        return self._loaded[key]

    def _system_faces(
        self, script: str, needed: list[int], weight: int, region: str, language: str | None
    ) -> list[Face]:
        """Faces covering `needed` (one if one covers all): faces already picked for this
        script's language first, then the catalog's best, then per character."""
        assert self.system is not None
        if script == COMMON:
            lang = primary(language) or None
        else:
            lang = fontconfig_lang(script, language, region)
        cjk = region if script in ("Hani", "Hang") else None
        picked = self._picked.setdefault((lang, weight, cjk), [])
        faces: list[Face] = []
        left = list(needed)
        for known in picked:
            if any(known.covers(cp) for cp in left):
                faces.append(known)
                left = [cp for cp in left if not known.covers(cp)]
        while left:
            face: Face | None = None
            for query in (left, left[:1]):
                if (lang, weight, cjk, query[0]) in self._nothing and len(query) == 1:
                    break
                for found in self.system.find(query, lang=lang, weight=weight, region=cjk):
                    candidate = self._load_system(found, weight)
                    if candidate is not None and all(map(candidate.covers, query)):
                        face = candidate
                        break
                if face is not None:
                    break
            if face is None:
                self._nothing.add((lang, weight, cjk, left[0]))
                left = left[1:]  # no installed face has it: itemize reports it missing
                continue
            picked.append(face)
            faces.append(face)
            left = [cp for cp in left if not face.covers(cp)]
        return faces

    def _system_colour_emoji(self) -> Face | None:
        """The system's colour emoji face (Noto Color Emoji, Apple Color Emoji), once."""
        if not self._colour_emoji:
            assert self.system is not None
            sample = [ord(ch) for ch in SCRIPT_SAMPLES[EMOJI]]
            face = None
            for found in self.system.find(sample, lang=None, weight=400, emoji=True):
                candidate = self._load_system(found) if found.color else None
                if candidate is not None and candidate.color:
                    face = candidate
                    break
            self._colour_emoji.append(face)
        return self._colour_emoji[0]


@lru_cache(maxsize=8)
def _default_library(extra: tuple[str, ...], system: bool) -> FontLibrary:
    return FontLibrary.load([data_dir("fonts")], extra, system=system)
