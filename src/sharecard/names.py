"""Titles written before people's names, per script: one table for the two places that
need to know where a name starts.

The quotation reader (readers/quotes.py) splits "นางสาวสุดารัตน์ วงศ์ทองคำ ผู้ว่าการ…"
into the speaker and her role; the line breaker (typeset/compounds.py) keeps the name
whole on a line. Scripts with capitals find names by their capitals and need no table.
"""

from __future__ import annotations

# fmt: off
# Longest first where one starts another: นายกรัฐมนตรี ("prime minister") is a title of
# its own, not นาย ("Mr") and a name.
TITLES: dict[str, tuple[str, ...]] = {
    "Thai": (
        "นายกรัฐมนตรี", "นางสาว", "นาง", "นาย", "ดร.", "ศ.", "รศ.", "ผศ.", "พล.อ.",
        "พล.ต.อ.", "ม.ล.", "ม.ร.ว.",
    ),
}
# fmt: on


def split_titled_name(phrase: str) -> tuple[str, str] | None:
    """(name, the rest) when `phrase` starts with a title and a given name followed by a
    family name ("นายเศรษฐพุฒิ สุทธิวาทนฤพุฒิ ผู้ว่าการ…" → the first two words, the
    role); None when it does not start with a title."""
    words = phrase.split()
    if len(words) < 2:
        return None
    for titles in TITLES.values():
        title = next((t for t in titles if words[0].startswith(t)), None)
        if title is not None and len(words[0]) > len(title):
            return " ".join(words[:2]), " ".join(words[2:])
    return None
