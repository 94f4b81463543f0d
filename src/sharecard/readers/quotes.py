"""Quotations in a briefing's text: words in quotation marks, said by someone it names.

Why this is strict: a quote card puts words in a speaker's mouth. Signing a briefing's
own sentence with the website it cites ("— iranwatch.org") credited a source with words
it never said, an editorial and legal risk. So a quotation is only words the text puts in
quotation marks (“ ” ‘ ’ « » „ “ 「 」 『 』 " "), long enough to be speech rather than a
scare quote (“multipolar”), in a sentence that says who spoke them with a speech verb
next to a name: "“…,” said Ana Ruiz, the finance minister", "Ruiz said: “…”",
"according to Ruiz, “…”", and their equivalents in the languages the readers know
(Persian «…» … گفت, Arabic قال …, Japanese …は「…」と述べた, Chinese …表示：“…”, Hindi …
ने कहा, Korean …는 "…"라고 말했다, Thai … กล่าวว่า "…", French … a déclaré, Spanish dijo,
German sagte…). A pronoun, an unnamed group ("officials said"), a website or the app
the briefing is shared from is never a speaker: without a name, there is no quotation.

A structured briefing can state its quotations instead (``quotes: [{text, speaker,
role}]``), and a Markdown blockquote ending in a "— Name, Role" line is one; found
quotations are used only when a briefing states none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from sharecard.compiled import cached_regex
from sharecard.model import Briefing, Quotation
from sharecard.names import split_titled_name

# Opening mark -> the marks that may close it.
PAIRS = {"“": "”", "«": "»", "„": "“”", "「": "」", "『": "』", '"': '"', "‘": "’",
         "‹": "›", "《": "》"}
MIN_WORDS = 4  # a quotation in a spaced script: fewer words are a term, a scare quote
MIN_CHARS_CJK = 8  # the same, in characters, for scripts written without spaces
MAX_CHARS = 400  # a card quotes a sentence or two, not a paragraph
MAX_SPEAKER_WORDS = 6
CONTEXT = 160  # characters around a quotation searched for who said it

# Speech verbs, by language. Each side of a quotation is searched with them.
_VERBS_EN = (r"said|says|told(?:\s+\w+){0,2}|added|wrote|warned|explained|argued|noted|"
             r"stressed|insisted|declared|announced|stated|asked|replied|tweeted|posted|"
             r"recalled|acknowledged|admitted|conceded|cautioned|predicted|concluded")
_VERBS_FR = r"a\s+(?:déclaré|dit|affirmé|ajouté|expliqué|souligné|estimé)|dit|déclare|affirme"
_VERBS_ES = r"dijo|afirmó|declaró|señaló|aseguró|explicó|añadió|advirtió|dice|afirma"
_VERBS_PT = r"disse|afirmou|declarou|explicou|acrescentou|diz|afirma"
_VERBS_DE = r"sagte|erklärte|betonte|sagt|so"
_VERBS_IT = r"ha\s+(?:detto|dichiarato|affermato|spiegato)|dice|afferma"
_VERBS_RU = r"сказал[аи]?|заявил[аи]?|отметил[аи]?|подчеркнул[аи]?|говорит"
_VERBS_LATIN = "|".join((_VERBS_EN, _VERBS_FR, _VERBS_ES, _VERBS_PT, _VERBS_DE, _VERBS_IT,
                         _VERBS_RU))
_ACCORDING = (r"(?i:according\s+to|selon|según|segundo|laut|secondo|по\s+словам|"
              r"d['’]après)")
# Words that start like a name but are not one: pronouns, articles, groups, generic nouns.
_NOT_NAMES = frozenset((
    "he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "this", "that",
    "these", "those", "there", "here", "one", "someone", "the", "a", "an", "officials",
    "official", "analysts", "analyst", "experts", "expert", "sources", "source", "critics",
    "observers", "people", "residents", "users", "spokesperson", "spokesman", "spokeswoman",
    "aides", "aide", "diplomats", "diplomat", "economists", "economist", "investors",
    "traders", "lawmakers", "ministers", "reporters", "report", "reports", "statement", "il",
    "elle", "ils", "elles", "on", "er", "sie", "es", "él", "ella", "ellos", "ele", "ela",
    "eles", "он", "она", "они",
))
_TITLES = (r"(?:(?:Prime|Foreign|Finance|Defen[cs]e|Interior|Deputy|Vice|Former|Acting|"
           r"Chief|Senior|Supreme|Economy|Trade|Energy|Health|Education|Justice)\s+)*"
           r"(?:President|Minister|Chancellor|Governor|Secretary|Senator|Representative|"
           r"Rep\.|Sen\.|Gov\.|Mayor|Premier|Ambassador|Envoy|General|Gen\.|Admiral|"
           r"Commissioner|Chair(?:man|woman|person)?|CEO|Director|Leader|Spokes(?:man|"
           r"woman|person)|Professor|Prof\.|Dr\.|Mr\.|Ms\.|Mrs\.|Judge|Justice|King|Queen|"
           r"Prince|Pope|Ayatollah|Sheikh)")
_CAP = r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*|[А-ЯЁ][\w'’.-]*)"
_PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|bin|ibn|al|el|la|le|du|dos|das)"
_NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{0,3}}"
_ROLE = r"(?:the\s+|a\s+|an\s+|la\s+|le\s+|el\s+|der\s+|die\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,7}"
_WHO = rf"(?P<title>{_TITLES}\s+)?(?P<name>{_NAME})(?:,\s+(?P<role>{_ROLE})(?=[,.;]|$))?"

# Latin-script (and Cyrillic) attributions around a quotation. `_AFTER` reads the text
# that follows the closing mark, `_BEFORE` the text before the opening one.
_AFTER = [
    cached_regex(rf"^\s*[,.!?]?\s*(?:{_VERBS_LATIN})\s+{_WHO}"),
    cached_regex(rf"^\s*[,.!?]?\s*{_WHO}\s+(?:{_VERBS_LATIN})\b"),
    cached_regex(rf"^\s*[,.!?]?\s*(?:{_ACCORDING})\s+{_WHO}"),
]
_BEFORE = [
    cached_regex(rf"{_WHO}\s+(?:{_VERBS_LATIN})\s*[:,]?\s*$"),
    cached_regex(rf"(?:{_ACCORDING})\s+{_WHO}\s*[:,]?\s*$"),
]

# Scripts without capitals: the speaker is the phrase next to the speech cue, bounded by
# punctuation (at most MAX_SPEAKER_WORDS words, or 12 characters without spaces).
_PHRASE = r"(?P<name>[^\s,،.:;!?«»“”\"「」『』()]+(?:\s+[^\s,،.:;!?«»“”\"「」『』()]+){0,5})"
_CJK_PHRASE = r"(?P<name>[^\s,，、。：:；;！？!?「」『』“”\"()（）]{2,12})"
_OTHER_AFTER = [
    # Persian: «…» NAME گفت / «…»، به گفته NAME
    cached_regex(rf"^\s*[،,.]?\s*{_PHRASE}\s+(?:گفت|افزود|تأکید کرد|اظهار داشت)"),
    cached_regex(rf"^\s*[،,.]?\s*به\s+گفته\s+{_PHRASE}"),
    # Arabic: «…» قال NAME / «…»، وفقا لـNAME
    cached_regex(rf"^\s*[،,.]?\s*(?:قال|قالت|أضاف|أضافت|صرح|أكد|أكدت)\s+{_PHRASE}"),
    # Hebrew: "…" אמר NAME
    cached_regex(rf"^\s*[,.]?\s*(?:אמר|אמרה|הוסיף|הוסיפה)\s+{_PHRASE}"),
    # Hindi / Bengali: "…", NAME ने कहा / NAME বলেন
    cached_regex(rf"^\s*[,.।]?\s*{_PHRASE}\s+(?:ने\s+कहा|ने\s+बताया|बलेন|বলেন|জানান)"),
    # Korean: "…"라고 NAME이 말했다 is rare; "…"라고 말했다 follows the name before it.
    # Thai: "…" NAME กล่าว
    cached_regex(rf"^\s*{_PHRASE}\s*(?:กล่าว|ระบุ)"),
    # Chinese: “…”NAME说
    cached_regex(rf"^\s*[，,。]?\s*{_CJK_PHRASE}(?:说|表示|称|指出|強調|强调)"),
]
_OTHER_BEFORE = [
    cached_regex(rf"{_PHRASE}\s+(?:گفت|افزود|تأکید کرد)\s*[:،,]?\s*$"),
    cached_regex(rf"به\s+گفته\s+{_PHRASE}\s*[،,]?\s*$"),
    cached_regex(rf"(?:قال|قالت|أضاف|صرح|أكد|أكدت)\s+{_PHRASE}\s*[:،,]?\s*$"),
    cached_regex(rf"(?:وفقا|وفقاً)\s+لـ?\s*{_PHRASE}\s*[،,]?\s*$"),
    cached_regex(rf"(?:אמר|אמרה)\s+{_PHRASE}\s*[:,]?\s*$"),
    cached_regex(rf"{_PHRASE}\s+(?:ने\s+कहा|ने\s+बताया)\s*[:,]?\s*$"),
    cached_regex(rf"{_PHRASE}\s+(?:বলেন|জানান)\s*[:,]?\s*$"),
    cached_regex(rf"{_PHRASE}\s*(?:กล่าวว่า|ระบุว่า)\s*$"),
    cached_regex(rf"{_CJK_PHRASE}(?:说|表示|称|指出|强调|強調|說)\s*[：:，,]?\s*$"),
]
# Japanese and Korean name the speaker before the quotation and the verb after it:
# 植田総裁は「…」と述べた; 총재는 "…"라고 말했다.
_TOPIC_BEFORE = [
    cached_regex(rf"{_CJK_PHRASE}(?:は|が)[^「」『』。！？]{{0,20}}$"),
    cached_regex(rf"{_PHRASE}\s*(?:은|는|이|가)\s*$"),
]
# What must follow a Japanese or Korean quotation for the name before it to count.
_JA_SAID = cached_regex(r"^\s*と(?:述べ|語っ|話し|強調し|説明し|指摘し|明らかにし|発言し)")
_KO_SAID = cached_regex(r"^\s*(?:라고|이라고)\s*(?:말했|밝혔|강조했|설명했|덧붙였)")
_CJK = cached_regex(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_DOMAIN = cached_regex(r"^[\w-]+(?:\.[\w-]+)+(?:/\S*)?$")


def quoted_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each quotation in `text`, marks excluded: an opening mark and the
    first mark that may close it, with no other opening of its kind between."""
    i = 0
    while i < len(text):
        mark = text[i]
        closers = PAIRS.get(mark)
        if closers is None or (mark == "‘" and i and text[i - 1].isalnum()):
            i += 1
            continue
        j = i + 1
        while j < len(text) and text[j] not in closers:
            if mark != '"' and text[j] == mark:  # reopened before it closed: not a pair
                break
            j += 1
        if j < len(text) and text[j] in closers and j - i - 1 <= MAX_CHARS:
            yield i + 1, j
            i = j + 1
        else:
            i += 1


def _long_enough(words: str) -> bool:
    if _CJK.search(words) and len(words.split()) < MIN_WORDS:
        return len(words.strip()) >= MIN_CHARS_CJK
    return len(words.split()) >= MIN_WORDS


def _speaker(name: str, excluded: set[str]) -> str | None:
    """`name` as a speaker, or None when it names no one (a pronoun, a group, a site)."""
    name = name.strip(" ,،:;.-—–")
    if not name or len(name.split()) > MAX_SPEAKER_WORDS:
        return None
    first = name.split()[0].lower()
    if first in _NOT_NAMES or name.lower() in excluded or _DOMAIN.match(name):
        return None
    return name


def _latin(before: str, after: str, excluded: set[str]) -> tuple[str, str] | None:
    for pattern in _AFTER:
        found = pattern.match(after)
        if found:
            break
    else:
        found = None
        for pattern in _BEFORE:
            found = pattern.search(before)
            if found:
                break
    if not found:
        return None
    name = _speaker(found.group("name"), excluded)
    if name is None:
        return None
    title = (found.group("title") or "").strip()
    role = (found.group("role") or "").strip(" ,.;")
    role = re.sub(r"^(?:the|a|an|la|le|el|der|die|das)\s+", "", role)
    return name, role or title


def _other(before: str, after: str, excluded: set[str]) -> tuple[str, str] | None:
    if _JA_SAID.match(after) or _KO_SAID.match(after):
        for pattern in _TOPIC_BEFORE:
            found = pattern.search(before)
            if found:
                name = _speaker(found.group("name"), excluded)
                return (name, "") if name else None
        return None
    for pattern in _OTHER_AFTER:
        found = pattern.match(after)
        if found:
            return _named(found.group("name"), excluded)
    for pattern in _OTHER_BEFORE:
        found = pattern.search(before)
        if found:
            return _named(found.group("name"), excluded)
    return None


def _named(phrase: str, excluded: set[str]) -> tuple[str, str] | None:
    """(speaker, role) of a phrase next to a speech cue: a titled name and the role after
    it ("นางสาวสุดารัตน์ วงศ์ทองคำ ผู้ว่าการ…"), else the whole phrase as the speaker."""
    name = _speaker(phrase, excluded)
    if name is None:
        return None
    titled = split_titled_name(name)
    return titled if titled is not None else (name, "")


def find_quotations(text: str, excluded: Iterable[str] = (), *,
                    section: int | None = None) -> list[Quotation]:
    """The quotations in `text` that name their speaker (see the module docstring).
    `excluded` holds names that are never speakers: the briefing's cited domains and the
    brand it is shared from."""
    banned = {e.lower() for e in excluded if e}
    found: list[Quotation] = []
    for start, end in quoted_spans(text):
        words = " ".join(text[start:end].split())
        if not _long_enough(words):
            continue
        before = text[max(0, start - 1 - CONTEXT):start - 1]
        after = text[end + 1:end + 1 + CONTEXT]
        who = _latin(before, after, banned) or _other(before, after, banned)
        if who is None:
            continue
        speaker, role = who
        found.append(Quotation(text=words.strip(" ,"), speaker=speaker, role=role,
                               section=section))
    return found


def briefing_quotations(briefing: Briefing) -> tuple[Quotation, ...]:
    """Every quotation with a named speaker in the briefing's lede, bullets and sections,
    in reading order (the sections' own, with their index)."""
    excluded = {*briefing.sources, *(link.source for link in briefing.links)}
    if briefing.attribution is not None:
        excluded.add(briefing.attribution.brand)
    texts: list[tuple[str, int | None]] = [(briefing.lede, None)]
    texts += [(bullet, None) for bullet in briefing.bullets]
    texts += [(s.body, n) for n, s in enumerate(briefing.sections)]
    out: list[Quotation] = []
    for text, section in texts:
        out.extend(find_quotations(text, excluded, section=section))
    return tuple(dict.fromkeys(out))


def with_quotations(briefing: Briefing, stated: Sequence[Quotation] = ()) -> Briefing:
    """`briefing` with its quotations: those it states, else those its text holds."""
    from sharecard.records import replace

    quotes = tuple(stated) or briefing.quotes or briefing_quotations(briefing)
    return replace(briefing, quotes=quotes) if quotes != briefing.quotes else briefing
