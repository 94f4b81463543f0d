"""What the font code needs to know about scripts: samples, names, languages, Han regions.

ICU answers the Unicode questions (a code point's script, a script's English name, the
language a script most likely writes), so nothing here is a hand-kept Unicode table
except the few sample letters that decide whether a face "serves" a script, and the
family names that tell which region a CJK face was drawn for.
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

COMMON, INHERITED = "Zyyy", "Zinh"
EMOJI = "Zsye"
# Scripts a CJK font shapes together: Japanese mixes kana and kanji in every word.
_CJK_GROUP = {"Hira": "Hani", "Kana": "Hani", "Bopo": "Hani", "Hrkt": "Hani"}

# A face "serves" a script when it covers all of these: a cheap, explicit stand-in for
# per-script coverage statistics, used to prefer e.g. the Arabic face for a comma that
# sits between Persian words, and to say in `sharecard fonts` what a face is for.
SCRIPT_SAMPLES: dict[str, str] = {
    "Latn": "AZaz",
    "Grek": "ΑΩαω",
    "Cyrl": "АЯая",
    "Arab": "ابپی",
    "Hebr": "אבש",
    "Deva": "कखह",
    "Beng": "কখহ",
    "Taml": "கசம",
    "Telu": "కఖహ",
    "Knda": "ಕಖಹ",
    "Mlym": "കഖഹ",
    "Gujr": "કખહ",
    "Guru": "ਕਖਹ",
    "Sinh": "කඛහ",
    "Thai": "กขฮ",
    "Laoo": "ກຂຮ",
    "Khmr": "កខហ",
    "Mymr": "ကခဟ",
    "Geor": "აბჰ",
    "Armn": "ԱԲաբ",
    "Ethi": "ሀለሐ",
    "Hani": "中国人",
    "Kana": "あア",
    "Hang": "한국",
    EMOJI: "\U0001f600\U0001f44d",
}

# Kana and hangul: what tells a Japanese or Korean text from a Chinese one.
_KANA_HANGUL = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uac00-\ud7af\u1100-\u11ff]")
# The region a CJK family was drawn for, from its name: Noto Sans CJK JP, Source Han
# Sans K, Noto Sans TC, PingFang HK, and the faces macOS and Windows ship.
_REGION_SUFFIX = re.compile(r"\b(JP|J|KR|K|SC|CN|TC|TW|HK|HC)\b")
_SUFFIX_REGION = {"JP": "JP", "J": "JP", "KR": "KR", "K": "KR", "SC": "SC", "CN": "SC",
                  "TC": "TC", "TW": "TC", "HK": "HK", "HC": "HK"}
_FAMILY_REGION = (
    (re.compile(r"hiragino|yu gothic|yu mincho|meiryo|ms gothic|ms mincho|ipa|takao|osaka",
                re.I), "JP"),
    (re.compile(r"apple sd gothic|malgun|nanum|gulim|batang|dotum|un dotum|baekmuk", re.I),
     "KR"),
    (re.compile(r"yahei|simhei|simsun|dengxian|heiti sc|songti sc|stheiti", re.I), "SC"),
    (re.compile(r"jhenghei|mingliu|pmingliu|heiti tc|songti tc", re.I), "TC"),
)
# BCP 47 tags fontconfig's configuration uses to prefer each region's CJK face.
REGION_LANG = {"JP": "ja", "KR": "ko", "SC": "zh-cn", "TC": "zh-tw", "HK": "zh-hk"}


# Characters that draw nothing and never decide a face (joiners, variation selectors,
# bidi marks, soft hyphen, word joiner).
_IGNORABLE = frozenset(
    [
        *(0x00AD, 0x034F, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        *range(0xFE00, 0xFE10),
        0xFEFF,
    ]
)


def is_ignorable(cp: int) -> bool:
    """Whether a code point draws nothing and so needs no face."""
    return cp in _IGNORABLE or 0xE0100 <= cp <= 0xE01EF or 0xE0000 <= cp <= 0xE007F


@lru_cache(maxsize=4096)
def emoji_presentation(cp: int) -> bool:
    """Whether a code point is shown as an emoji by default (UTS #51 Emoji_Presentation)."""
    return bool(icu.Char.hasBinaryProperty(cp, icu.UProperty.EMOJI_PRESENTATION))


@lru_cache(maxsize=8192)
def script_of(cp: int) -> str:
    """ISO 15924 code of a code point's Script property, CJK scripts grouped as Hani."""
    code = icu.Script.getScript(cp).getShortName()
    return _CJK_GROUP.get(code, code)


@lru_cache(maxsize=4096)
def own_script(cp: int) -> str | None:
    """A code point's script, or for a shared one (・, ،) the first script that uses it
    (Script_Extensions); None for characters every script uses (!, 1, space)."""
    code = script_of(cp)
    if code not in (COMMON, INHERITED):
        return code
    for ext in icu.Script.getScriptExtensions(cp):
        name = icu.Script(ext).getShortName()
        if name not in (COMMON, INHERITED):
            return _CJK_GROUP.get(name, name)
    return None


@lru_cache(maxsize=256)
def script_name(code: str) -> str:
    """English name of a script code: "Thai", "Bengali", "Han"; emoji are "emoji"."""
    if code == EMOJI:
        return "emoji"
    if code == "Hani":  # Han with kana and bopomofo: what CJK fonts cover together
        return "CJK"
    if code in (COMMON, INHERITED):  # ★, ⚖, ① …: characters of no one script
        return "symbol"
    codes = icu.Script.getCode(code)
    return icu.Script(codes[0]).getName() if codes else code


@lru_cache(maxsize=256)
def likely_language(code: str) -> str | None:
    """The language a script most likely writes (CLDR likely subtags): Thai → th."""
    if code in (COMMON, INHERITED, EMOJI):
        return None
    locale = icu.Locale.createFromName(f"und_{code}")
    locale.addLikelySubtags()
    return locale.getLanguage() or None


@lru_cache(maxsize=256)
def language_name(language: str) -> str:
    """English name of a BCP 47 tag: ja → Japanese, zh-Hant → Chinese (Traditional)."""
    return icu.Locale(language.replace("-", "_")).getDisplayName(icu.Locale("en")) or language


def primary(language: str | None) -> str:
    return (language or "").replace("_", "-").split("-")[0].lower()


def cjk_region(language: str | None, text: str = "") -> str:
    """Which regional CJK shapes suit the language (or, without one, the text)."""
    lang = (language or "").replace("_", "-").lower()
    if lang.startswith("ja"):
        return "JP"
    if lang.startswith("ko"):
        return "KR"
    if lang.startswith("zh") or lang.startswith("yue"):
        if any(t in lang for t in ("-hk", "-mo")) or lang.startswith("yue"):
            return "HK"
        if any(t in lang for t in ("-hant", "-tw")):
            return "TC"
        return "SC"
    first = _KANA_HANGUL.search(text)  # the first kana or hangul decides
    if first is None:
        return "SC"
    cp = ord(first.group())
    return "JP" if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF else "KR"


def family_region(family: str) -> str | None:
    """The CJK region a family name announces (Noto Sans CJK JP → JP), or None."""
    match = _REGION_SUFFIX.search(family)
    if match:
        return _SUFFIX_REGION[match.group(1)]
    for pattern, region in _FAMILY_REGION:
        if pattern.search(family):
            return region
    return None


def region_rank(family: str, region: str) -> int:
    """0 for a face drawn for `region`, 1 for one that names no region, 2 for another's."""
    own = family_region(family)
    return 1 if own is None else (0 if own == region else 2)


def fontconfig_lang(script: str, language: str | None, region: str) -> str | None:
    """The language to ask fontconfig for when looking for a face of `script`.

    Han (and kana, hangul) follow the briefing's region, so Japanese gets Japanese glyph
    shapes; a script the briefing is written in takes the briefing's language; any other
    script its most likely language (Thai → th), as Pango does.
    """
    if script in ("Hani", "Hang"):
        return REGION_LANG[region]
    own = primary(language)
    if own and likely_script(own) == script:
        return own
    return likely_language(script)


@lru_cache(maxsize=256)
def likely_script(language: str) -> str | None:
    """The script a language is most likely written in (CLDR likely subtags): fa → Arab."""
    locale = icu.Locale.createFromName(language)
    locale.addLikelySubtags()
    return locale.getScript() or None
