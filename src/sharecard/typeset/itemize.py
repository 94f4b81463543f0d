"""Split a paragraph into runs HarfBuzz can shape: one bidi level, one script, one face.

The face is chosen per grapheme cluster (so a base letter and its marks never split
across fonts): emoji clusters go to a colour emoji face, or without one to the shipped
outline emoji face; punctuation, digits and spaces stay in the face of the text around
them when it has them; anything else takes the first face in the fallback chain that
covers the whole cluster, preferring faces made for the cluster's script. Clusters no
face covers are reported, not drawn as tofu boxes.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from sharecard.typeset.fonts import Face
from sharecard.typeset.scripts import (
    COMMON,
    EMOJI,
    INHERITED,
    emoji_presentation,
    is_ignorable,
    script_of,
)

__all__ = ["COMMON", "INHERITED", "Item", "is_emoji_cluster", "itemize", "resolve_scripts",
           "script_of"]


class Item(msgspec.Struct, frozen=True):
    """A run [start, end) of code points shaped together; face None = nothing covers it."""

    start: int
    end: int
    level: int
    script: str
    face: Face | None


def is_emoji_cluster(cps: Sequence[int]) -> bool:
    """Whether a grapheme cluster is shown as a colour emoji (UTS #51 presentation)."""
    if not cps or 0xFE0E in cps:
        return False
    if 0xFE0F in cps or 0x20E3 in cps:
        return True
    if any(0x1F3FB <= cp <= 0x1F3FF for cp in cps):
        return True
    if 0x1F1E6 <= cps[0] <= 0x1F1FF:  # regional indicators (flags)
        return True
    return emoji_presentation(cps[0])


def resolve_scripts(text: str) -> list[str]:
    """Script per code point; Common/Inherited take the script of the text around them."""
    raw = [script_of(ord(ch)) for ch in text]
    out = list(raw)
    prev = None
    for i, sc in enumerate(raw):
        if sc in (COMMON, INHERITED):
            if prev is not None:
                out[i] = prev
        else:
            prev = sc
    # Leading Common characters take the first real script that follows them.
    nxt = None
    for i in range(len(raw) - 1, -1, -1):
        if raw[i] not in (COMMON, INHERITED):
            nxt = raw[i]
        elif out[i] in (COMMON, INHERITED) and nxt is not None:
            out[i] = nxt
    return out


def _pick(
    needed: list[int],
    script: str,
    own_script: str,
    prev: Face | None,
    chain: Sequence[Face],
) -> Face | None:
    """The face for one cluster: sticky for neutral characters, script-aware otherwise."""
    if not needed:
        return prev if prev is not None else (chain[0] if chain else None)
    neutral = own_script in (COMMON, INHERITED)
    if neutral and prev is not None and not prev.color and all(map(prev.covers, needed)):
        return prev
    for prefer in (True, False):
        for face in chain:
            if face.color or (prefer and script not in face.serves):
                continue
            if all(face.covers(cp) for cp in needed):
                return face
    for face in chain:
        if not face.color and face.covers(needed[0]):
            return face
    return None


def _decide(
    cluster: str,
    script: str,
    prev_face: Face | None,
    chain: Sequence[Face],
    emoji_faces: Sequence[Face],
) -> tuple[Face | None, str]:
    """(face, script) for one grapheme cluster."""
    cps = [ord(ch) for ch in cluster]
    needed = [cp for cp in cps if not is_ignorable(cp)]
    if needed and is_emoji_cluster(cps):
        for face in emoji_faces:
            if face.covers(needed[0]):
                return face, COMMON
    return _pick(needed, script, script_of(cps[0]), prev_face, chain), script


def itemize(
    text: str,
    levels: Sequence[int],
    graphemes: Sequence[int],
    chain: Sequence[Face],
) -> tuple[list[Item], list[str]]:
    """Runs of (level, script, face) covering `text`, and the characters nothing covers."""
    scripts = resolve_scripts(text)
    # Emoji go to a colour face when there is one, else to an outline emoji face (drawn
    # in the text's colour): colour faces first, then faces made for emoji.
    emoji_faces = [f for f in chain if f.color] + [
        f for f in chain if not f.color and EMOJI in f.serves
    ]
    items: list[Item] = []
    missing: list[str] = []
    prev_face: Face | None = None
    start = 0
    cur: tuple[int, str, Face | None] | None = None
    run_start = 0
    # Decisions repeat (a paragraph uses few distinct characters): memoise them per call.
    memo: dict[tuple[str, str, int], tuple[Face | None, str]] = {}
    for end in graphemes:
        cluster = text[start:end]
        memo_key = (cluster, scripts[start], id(prev_face))
        hit = memo.get(memo_key)
        if hit is None:
            hit = _decide(cluster, scripts[start], prev_face, chain, emoji_faces)
            memo[memo_key] = hit
        face, script = hit
        if face is None:
            missing.extend(ch for ch in cluster if not is_ignorable(ord(ch)))
        key = (levels[start], script, face)
        if cur != key:
            if cur is not None:
                items.append(Item(run_start, start, *cur))
            cur, run_start = key, start
        if face is not None and EMOJI not in face.serves:  # a space after 😀 is text's
            prev_face = face
        start = end
    if cur is not None:
        items.append(Item(run_start, start, *cur))
    return items, missing
