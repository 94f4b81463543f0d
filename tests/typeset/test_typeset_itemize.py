"""Font fallback per cluster, script runs, bidi reordering."""

from __future__ import annotations

from sharecard.typeset import FontLibrary
from sharecard.typeset.bidi import language_is_rtl, paragraph_levels, visual_order
from sharecard.typeset.itemize import is_emoji_cluster, itemize, resolve_scripts
from sharecard.typeset.linebreak import grapheme_boundaries


def _runs(fonts, text, region="SC"):
    chain = fonts.chain(weight=400, region=region, text=text)
    _, levels = paragraph_levels(text, None)
    items, missing = itemize(text, levels, grapheme_boundaries(text), chain)
    return [(text[i.start : i.end], i.face.family if i.face else None) for i in items], missing


def test_each_script_gets_its_face(fonts):
    runs, missing = _runs(fonts, "Iran ایران שלום हिंदी 日本")
    fams = dict(runs)
    assert fams["Iran "] == "Inter"
    assert "Noto Sans Arabic" in fams.values()
    assert "Noto Sans Hebrew" in fams.values()
    assert "Noto Sans Devanagari" in fams.values()
    assert fams["日本"] == "Noto Sans CJK SC"  # the proportional face, not Mono
    assert not missing


def test_neutral_characters_stay_with_their_text(fonts):
    """The comma and digits between Persian words are drawn by the Arabic face."""
    runs, _ = _runs(fonts, "ایران، ۱۴۰۴ و 2025")
    assert "".join(t for t, _ in runs) == "ایران، ۱۴۰۴ و 2025"
    assert {fam for _, fam in runs} == {"Noto Sans Arabic"}


def test_marks_stay_with_their_base(fonts):
    runs, _ = _runs(fonts, "e\u0301 بِسْمِ")
    assert runs[0] == ("e\u0301 ", "Inter")


def test_cjk_region_follows_language(fonts):
    ja = fonts.chain(weight=400, region="JP", text="直")
    sc = fonts.chain(weight=400, region="SC", text="直")
    assert any(f.family.endswith("JP") for f in ja)
    assert any(f.family.endswith("SC") for f in sc)


def test_emoji_clusters_go_to_the_colour_face(fonts):
    runs, _ = _runs(fonts, "ok 👍🏽 👨‍👩‍👧 🇮🇷 ❤️ ©")
    colour = [t for t, fam in runs if fam == "Noto Color Emoji"]
    assert "".join(colour).replace(" ", "") == "👍🏽👨‍👩‍👧🇮🇷❤️"
    assert is_emoji_cluster([0x2764, 0xFE0F]) and not is_emoji_cluster([0x2764, 0xFE0E])
    assert not is_emoji_cluster([ord("©")]) and not is_emoji_cluster([ord("1")])


def test_uncovered_characters_are_reported():
    # Without system fonts nothing covers Cherokee (fonts-noto-core would).
    runs, missing = _runs(FontLibrary.default(system=False), "a Ꭰ b")
    assert missing == ["Ꭰ"]
    assert ("Ꭰ", None) in runs


def test_common_script_resolves_from_neighbours():
    assert resolve_scripts("«ایران»") == ["Arab"] * 7
    assert resolve_scripts("a, b") == ["Latn"] * 4


def test_levels_and_visual_order():
    level, levels = paragraph_levels("abc אבג 12 def", None)
    assert level == 0
    assert levels[4:7] == [1, 1, 1]
    level, levels = paragraph_levels("שלום abc 😀", None)
    assert level == 1 and len(levels) == len("שלום abc 😀")
    runs = ["A", "B", "C", "D"]
    assert visual_order(runs, [0, 1, 1, 0]) == ["A", "C", "B", "D"]
    assert visual_order(runs, [1, 2, 2, 1]) == ["D", "B", "C", "A"]
    assert language_is_rtl("fa-IR") and language_is_rtl("ur") and not language_is_rtl("en")
