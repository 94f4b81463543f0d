"""Font faces and the fallback chain: which face draws which character.

A `Face` is parsed once (HarfBuzz at font-unit scale for shaping, extents and outlines;
fontTools only for the few header tables HarfBuzz does not expose) and keeps its own
caches of glyph extents and path data, so a FontLibrary shared by many Typesetters pays
each cost once. Faces come from three places, in this order of preference: the fonts
shipped in ``fonts/`` (Latin/Greek/Cyrillic, Arabic, Hebrew, Devanagari), the user's own
fonts, and system faces for what is too large to ship (Noto Sans CJK, Noto Color Emoji
from Debian's fonts-noto-cjk and fonts-noto-color-emoji).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont

from sharecard.errors import ConfigError
from sharecard.resources import data_dir

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

# A face "serves" a script when it covers all of these: a cheap, explicit stand-in for
# per-script coverage statistics, used to prefer e.g. the Arabic face for a comma that
# sits between Persian words.
_SCRIPT_SAMPLES: dict[str, str] = {
    "Latn": "AZaz",
    "Grek": "ΑΩαω",
    "Cyrl": "АЯая",
    "Arab": "ابپی",
    "Hebr": "אבש",
    "Deva": "कखह",
    "Hani": "中国人",
    "Hang": "한국",
    "Thai": "กข",
    "Zsye": "\U0001f600\U0001f44d",
}

# Debian locations of the system fallbacks (fonts-noto-cjk, fonts-noto-color-emoji).
_CJK_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto")
_CJK_FILES = {400: "NotoSansCJK-Regular.ttc", 700: "NotoSansCJK-Bold.ttc"}
_EMOJI_FILES = (
    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
    "/usr/share/fonts/noto/NotoColorEmoji.ttf",
)
# Noto Sans CJK's TTC holds one face per region; the region decides Han glyph shapes.
CJK_REGIONS = ("JP", "KR", "SC", "TC", "HK")

WEIGHTS = {"regular": 400, "bold": 700}


@dataclass(frozen=True, slots=True)
class VMetrics:
    """Vertical metrics in em (ascent up, descent down, both positive)."""

    ascent: float
    descent: float


@dataclass(eq=False)
class Face:
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
    _extents: dict[int, tuple[float, float, float, float]] = field(default_factory=dict)
    _paths: dict[int, str] = field(default_factory=dict)
    _pngs: dict[int, bytes] = field(default_factory=dict)
    serves: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        return f"Face({self.key})"

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


def load_face(path: Path, index: int = 0, blob: hb.Blob | None = None) -> Face:
    """Parse one face of a font file (a TTC holds several; pass their shared `blob`)."""
    try:
        if blob is None:
            blob = hb.Blob.from_file_path(str(path))
        hb_face = hb.Face(blob, index)
        collection = path.suffix.lower() in (".ttc", ".otc")
        tt = TTFont(str(path), fontNumber=index if collection else -1, lazy=True)
        upem = int(hb_face.upem)
        font = hb.Font(hb_face)
        font.scale = (upem, upem)
        family = _name(tt, 16, 1)
        weight = _weight_of(tt)
        metrics = _vmetrics(tt, upem)
        color = "CBDT" in tt or "sbix" in tt
        tt.close()
    except Exception as exc:  # fontTools/HarfBuzz raise many types for a bad file
        raise ConfigError(f"cannot read font: {exc}", source=path.name) from exc
    serves = frozenset(
        script
        for script, sample in _SCRIPT_SAMPLES.items()
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
    )


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


def _faces_in(path: Path) -> list[Face]:
    if path.suffix.lower() in (".ttc", ".otc"):
        try:
            blob = hb.Blob.from_file_path(str(path))
        except Exception as exc:
            raise ConfigError(f"cannot read font: {exc}", source=path.name) from exc
        return [load_face(path, i, blob) for i in range(hb.Face(blob).count)]
    return [load_face(path)]


def _fc_match(pattern: str) -> tuple[Path, int] | None:
    """Ask fontconfig for a face; only used when the Debian paths are absent."""
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\n%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return None
    if len(out) < 2 or not out[0] or not Path(out[0]).is_file():
        return None
    return Path(out[0]), int(out[1] or 0)


def cjk_region(language: str | None, text: str = "") -> str:
    """Which regional CJK face suits the language (or, without one, the text)."""
    lang = (language or "").replace("_", "-").lower()
    if lang.startswith("ja"):
        return "JP"
    if lang.startswith("ko"):
        return "KR"
    if lang.startswith("zh"):
        if any(t in lang for t in ("-hk", "-mo")):
            return "HK"
        if any(t in lang for t in ("-hant", "-tw")):
            return "TC"
        return "SC"
    for ch in text:
        cp = ord(ch)
        if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF:
            return "JP"
        if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF:
            return "KR"
    return "SC"


class FontLibrary:
    """All faces sharecard may draw with, and the fallback chain for a given style.

    Built once per process (see `default`), then read-only apart from glyph caches.
    """

    def __init__(
        self,
        faces: Sequence[Face],
        *,
        user_faces: Sequence[Face] = (),
        cjk: dict[tuple[str, int], Face] | None = None,
        emoji: Face | None = None,
        default_family: str = "Inter",
    ) -> None:
        self.faces = tuple(faces)
        self.user_faces = tuple(user_faces)
        self.cjk = dict(cjk or {})
        self.emoji = emoji
        self.default_family = default_family
        self._chains: dict[tuple[str, int, str], tuple[Face, ...]] = {}

    @staticmethod
    def default(extra: Sequence[str | Path] = ()) -> FontLibrary:
        """Shipped fonts + system CJK/emoji + the user's fonts (dirs or files).

        Memoised per `extra`: parsing fonts is the slowest step of a card and the
        library is immutable apart from caches whose content is fixed by the fonts.
        """
        return _default_library(tuple(str(Path(e).resolve()) for e in extra))

    @classmethod
    def load(
        cls,
        shipped: Sequence[str | Path],
        extra: Sequence[str | Path] = (),
        *,
        system: bool = True,
    ) -> FontLibrary:
        faces = [f for p in _font_files(shipped) for f in _faces_in(p)]
        user = [f for p in _font_files(extra) for f in _faces_in(p)]
        cjk: dict[tuple[str, int], Face] = {}
        emoji = None
        if system:
            cjk = _system_cjk()
            emoji = _system_emoji()
        return cls(faces, user_faces=user, cjk=cjk, emoji=emoji)

    @property
    def families(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for f in (*self.faces, *self.user_faces):
            seen.setdefault(f.family, None)
        return tuple(seen)

    def face(self, family: str, weight: int) -> Face | None:
        """The face of `family` closest to `weight` (user faces win over shipped ones)."""
        cands = [f for f in (*self.user_faces, *self.faces) if f.family == family]
        if not cands:
            return None
        return min(cands, key=lambda f: (abs(f.weight - weight), f.weight))

    def chain(
        self, *, weight: int, family: str | None = None, region: str = "SC"
    ) -> tuple[Face, ...]:
        """Fallback order: chosen family, shipped script faces, user faces, CJK, emoji."""
        fam = family or self.default_family
        key = (fam, weight, region)
        cached = self._chains.get(key)
        if cached is not None:
            return cached
        if family is not None and self.face(family, weight) is None:
            raise ConfigError(f"unknown font family {family!r}; have {list(self.families)}")
        order: list[Face] = []
        primary = self.face(fam, weight)
        if primary is not None:
            order.append(primary)
        for group in (self.faces, self.user_faces):
            for fam_name in dict.fromkeys(f.family for f in group):
                best = self.face(fam_name, weight)
                if best is not None and best not in order:
                    order.append(best)
        cjk = self._cjk_face(region, weight)
        if cjk is not None:
            order.append(cjk)
        if self.emoji is not None:
            order.append(self.emoji)
        chain = tuple(order)
        self._chains[key] = chain
        return chain

    def _cjk_face(self, region: str, weight: int) -> Face | None:
        cands = [(w, f) for (r, w), f in self.cjk.items() if r == region]
        if not cands:
            cands = [(w, f) for (_r, w), f in sorted(self.cjk.items(), key=lambda kv: kv[0])]
        if not cands:
            return None
        return min(cands, key=lambda wf: (abs(wf[0] - weight), wf[0]))[1]


def _system_cjk() -> dict[tuple[str, int], Face]:
    found: dict[tuple[str, int], Face] = {}
    for weight, name in _CJK_FILES.items():
        path = next((Path(d) / name for d in _CJK_DIRS if (Path(d) / name).is_file()), None)
        if path is not None:
            for face in _faces_in(path):
                # The TTC also holds "Noto Sans Mono CJK XX": proportional faces only.
                region = face.family.rsplit(" ", 1)[-1]
                if region in CJK_REGIONS and face.family == f"Noto Sans CJK {region}":
                    found[(region, weight)] = face
    if not found:
        for region in CJK_REGIONS:
            for weight, style in ((400, "regular"), (700, "bold")):
                hit = _fc_match(f"Noto Sans CJK {region}:style={style}")
                if hit is not None and "cjk" in hit[0].name.lower():
                    found[(region, weight)] = load_face(*hit)
    return found


def _system_emoji() -> Face | None:
    for candidate in _EMOJI_FILES:
        if Path(candidate).is_file():
            return load_face(Path(candidate))
    hit = _fc_match("Noto Color Emoji")
    if hit is not None and "emoji" in hit[0].name.lower():
        return load_face(*hit)
    return None


@lru_cache(maxsize=8)
def _default_library(extra: tuple[str, ...]) -> FontLibrary:
    return FontLibrary.load([data_dir("fonts")], extra)
