"""Which characters no font can draw, and the one-line error that says how to fix it.

A card must never lose text silently: a blank Japanese headline with exit code 0 is the
worst outcome sharecard can have. So the texts a set of cards asked the typesetter for
are checked against the same fallback chains the typesetter used (before any file is
written), and a gap becomes a `MissingGlyphsError` naming the script, the language, how
many characters, and the package that fills it on Debian/Ubuntu, Fedora and macOS.
`--allow-missing-glyphs` turns the error back into the manifest's warnings.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from sharecard.errors import SharecardError
from sharecard.typeset.api import paragraphs
from sharecard.typeset.fonts import WEIGHTS, Face, FontLibrary
from sharecard.typeset.itemize import is_emoji_cluster, itemize
from sharecard.typeset.linebreak import grapheme_boundaries
from sharecard.typeset.scripts import (
    COMMON,
    EMOJI,
    cjk_region,
    is_ignorable,
    language_name,
    own_script,
    script_name,
)

# Packages that fill a script's gap: (Debian/Ubuntu, Fedora, Homebrew cask on macOS).
_CJK = ("fonts-noto-cjk", "google-noto-sans-cjk-fonts", "font-noto-sans-cjk")
_FIXES = {
    "Hani": _CJK,
    "Hang": _CJK,
    EMOJI: ("fonts-noto-color-emoji", "google-noto-color-emoji-fonts", "font-noto-color-emoji"),
    COMMON: ("fonts-noto-core", "google-noto-sans-symbols-2-fonts", "font-noto-sans-symbols-2"),
}


class MissingGlyphsError(SharecardError):
    """No installed or given font covers some characters a card would show.

    An environment problem (a font to install), not bad input: exit code 1.
    """

    exit_code = 1


class Gap(msgspec.Struct, frozen=True):
    """Characters of one script that no face covers, in first-seen order."""

    script: str
    chars: tuple[str, ...]  # distinct
    count: int  # occurrences

    @property
    def name(self) -> str:
        return script_name(self.script)


def fix_packages(script: str) -> tuple[str, str, str]:
    """(Debian/Ubuntu, Fedora, macOS Homebrew) packages with a face for `script`."""
    if script in _FIXES:
        return _FIXES[script]
    slug = script_name(script).lower().replace(" ", "-")
    return ("fonts-noto-core", f"google-noto-sans-{slug}-fonts", f"font-noto-sans-{slug}")


def missing_chars(
    fonts: FontLibrary, text: str, *, weight: str = "regular", language: str | None = None
) -> list[tuple[str, str]]:
    """(character, script) for every character of `text` no face covers, with the
    typesetter's own decision (the same chain, the same per-cluster fallback)."""
    chain = fonts.chain(weight=WEIGHTS.get(weight, 400), region=cjk_region(language, text),
                        text=text, language=language)
    out: list[tuple[str, str]] = []
    for para in paragraphs(text):
        bounds = grapheme_boundaries(para)
        items, missing = itemize(para, [0] * len(para), bounds, chain)
        if not missing:
            continue
        gaps = [it for it in items if it.face is None]
        start = 0
        for end in bounds:
            item = next((it for it in gaps if it.start <= start < it.end), None)
            if item is not None:
                cluster = para[start:end]
                emoji = is_emoji_cluster([ord(ch) for ch in cluster])
                for ch in cluster:
                    if not is_ignorable(ord(ch)):
                        own = EMOJI if emoji else own_script(ord(ch))
                        out.append((ch, own or f"~{item.script}"))
            start = end
    # A shared character (the ideographic space, ♔) belongs to the gap of the script
    # around it when that script has one, else it is a symbol no font has.
    gaps_of = {script for _ch, script in out if not script.startswith("~")}
    return [(ch, s[1:] if s[1:] in gaps_of else COMMON) if s.startswith("~") else (ch, s)
            for ch, s in out]


def find_gaps(
    fonts: FontLibrary, texts: Iterable[tuple[str, str, str | None]]
) -> tuple[Gap, ...]:
    """The gaps of distinct (text, weight, language) triples, largest first."""
    chars: dict[str, dict[str, None]] = {}
    counts: dict[str, int] = {}
    for text, weight, language in dict.fromkeys(texts):
        for ch, script in missing_chars(fonts, text, weight=weight, language=language):
            chars.setdefault(script, {})[ch] = None
            counts[script] = counts.get(script, 0) + 1
    gaps = [Gap(s, tuple(chars[s]), counts[s]) for s in chars]
    return tuple(sorted(gaps, key=lambda g: (-g.count, g.script)))


def describe(gaps: tuple[Gap, ...], language: str | None) -> str:
    """The one line: what has no font, how many characters, and how to get one."""
    counts = [f"{g.count} {g.name}" for g in gaps]
    total = sum(g.count for g in gaps)
    what = (", ".join(counts[:-1]) + " and " if len(counts) > 1 else "") + counts[-1]
    what += " character" if total == 1 else " characters"
    whose = f" of this {language_name(language)} ({language}) briefing" if language else ""
    sample = "".join(ch for g in gaps for ch in g.chars)[:8]
    fixes = list(zip(*(fix_packages(g.script) for g in gaps), strict=True))
    debian, fedora, mac = (" ".join(dict.fromkeys(pkgs)) for pkgs in fixes)
    return (
        f"no font for {what}{whose} (e.g. {sample}): install {debian} (Debian/Ubuntu), "
        f"{fedora} (Fedora) or {mac} (macOS: brew install --cask), or add a font with "
        "--font PATH; --allow-missing-glyphs renders without them"
    )


def require_glyphs(
    fonts: FontLibrary, texts: Iterable[tuple[str, str, str | None]], language: str | None
) -> None:
    """Raise MissingGlyphsError unless every character of `texts` has a face."""
    gaps = find_gaps(fonts, texts)
    if gaps:
        raise MissingGlyphsError(describe(gaps, language))


class ScriptUse(msgspec.Struct, frozen=True):
    """How one script of a text is drawn: face key → characters it draws, and the
    characters nothing draws."""

    script: str
    faces: dict[str, int]
    missing: tuple[str, ...]


def script_usage(
    fonts: FontLibrary, texts: Iterable[tuple[str, str, str | None]]
) -> tuple[tuple[ScriptUse, ...], dict[str, Face]]:
    """Which face draws each script of `texts` (as the typesetter decides), with the
    faces by key; scripts in order of first appearance."""
    faces: dict[str, Face] = {}
    used: dict[str, dict[str, int]] = {}
    missing: dict[str, dict[str, None]] = {}
    for text, weight, language in dict.fromkeys(texts):
        chain = fonts.chain(weight=WEIGHTS.get(weight, 400),
                            region=cjk_region(language, text), text=text, language=language)
        for para in paragraphs(text):
            items, _ = itemize(para, [0] * len(para), grapheme_boundaries(para), chain)
            for item in items:
                for ch in para[item.start:item.end]:
                    cp = ord(ch)
                    if is_ignorable(cp) or ch.isspace():
                        continue
                    face = item.face
                    script = EMOJI if face is not None and EMOJI in face.serves else (
                        own_script(cp) or item.script)
                    if face is None:
                        missing.setdefault(script, {})[ch] = None
                        used.setdefault(script, {})
                        continue
                    faces[face.key] = face
                    row = used.setdefault(script, {})
                    row[face.key] = row.get(face.key, 0) + 1
    uses = tuple(ScriptUse(s, counts, tuple(missing.get(s, ()))) for s, counts in used.items())
    return uses, faces
