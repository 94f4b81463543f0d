"""Words a line must not part although a dictionary may: compounds and people's names.

Thai is written without spaces between words, and Chromium breaks it where ICU's Thai
dictionary ends a word, as we do (see linebreak.py). The dictionary knows words, not the
compounds a newsroom writes every day: it parts "ธนาคาร|แห่ง|ประเทศไทย" (the Bank of
Thailand), "หนี้|ครัว|เรือน" (household debt), and a name it has never seen falls into
syllables ("นาย|เศรษฐ|พุฒิ"). A line that ends inside one reads as two words.

Chinese phrases (BudouX, held to ICU's word ends) part the same kind of term:
"存款|准备金率" (the reserve requirement ratio), "美|联储" (the Fed), "人民|币".

So this module names the runs that stay whole, as an editor would tie them:
- the compounds of a small table per script (institutions, and the economy's terms);
- a person's name: after a title (sharecard.names: นาย, นาง, นางสาว, ดร.…), the given
  name runs to the next space and the family name is the word after it. The space between
  them is still a break, as in print.
Line breaking uses a break inside such a run only when the run alone is wider than the
line, so "where a line can take them" they stay whole.
"""

from __future__ import annotations

import re
from functools import cache

import regex

from sharecard.compiled import cached_regex
from sharecard.names import TITLES

# fmt: off
COMPOUNDS: dict[str, tuple[str, ...]] = {
    "Thai": (
        # institutions
        "ธนาคารแห่งประเทศไทย", "คณะกรรมการนโยบายการเงิน", "กระทรวงการคลัง",
        "กระทรวงพาณิชย์", "ตลาดหลักทรัพย์แห่งประเทศไทย", "ธนาคารกลางสหรัฐ",
        "ธนาคารพาณิชย์", "ธนาคารโลก", "กองทุนการเงินระหว่างประเทศ", "สหภาพยุโรป",
        "องค์การสหประชาชาติ", "สำนักงานสถิติแห่งชาติ", "การท่องเที่ยวแห่งประเทศไทย",
        "สภาผู้แทนราษฎร", "คณะรัฐมนตรี", "นายกรัฐมนตรี", "ผู้ว่าการ",
        "สำนักงานคณะกรรมการพัฒนาการเศรษฐกิจและสังคมแห่งชาติ",
        # the economy's terms
        "อัตราดอกเบี้ยนโยบาย", "ดอกเบี้ยนโยบาย", "อัตราเงินเฟ้อ", "หนี้ครัวเรือน",
        "ค่าเงินบาท", "ผลิตภัณฑ์มวลรวมในประเทศ", "ดัชนีตลาดหลักทรัพย์", "ดอลลาร์สหรัฐ",
        "การท่องเที่ยว", "นักท่องเที่ยว", "การส่งออก", "นักวิเคราะห์", "ตอบรับ",
        "แรงขับเคลื่อน",
    ),
    "Han": (  # Chinese (Simplified and Traditional): terms BudouX and ICU both part
        "中国人民银行", "人民币", "人民幣", "存款准备金率", "存款準備金率", "准备金率",
        "上证指数", "深证成指", "恒生指数", "美联储", "美聯儲", "逆回购", "逆回購",
        "百分点", "百分點", "国内生产总值", "國內生產總值", "居民消费价格指数",
        "消费者价格指数", "贷款市场报价利率", "中期借贷便利", "国务院", "國務院",
        "财政部", "財政部", "欧洲央行", "歐洲央行",
    ),
}

# A given or family name: letters and marks of the title's script, up to a space; names
# are short, so a title before a whole clause ("นายกสมาคม…") holds nothing.
_NAME_CHARS = {"Thai": r"[\p{Thai}--[\p{Nd}๏-๛]]"}
_GIVEN, _FAMILY = "{2,20}", "{2,25}"
_NAME_END = r"(?=[\s,.;:!?)\]”’]|$)"


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def _pattern() -> regex.Pattern[str]:
    """Names first (a title's compound is part of the name run), then compounds."""
    names = []
    for script, titles in TITLES.items():
        letters = _NAME_CHARS[script]
        # A title (atomic: นายกรัฐมนตรี is not นาย + a name) and the given name; the
        # family name after the space is found by _family_name, as a run of its own.
        names.append(rf"(?>{_alternation(titles)}){letters}{_GIVEN}(?=[ \u00a0])")
    compounds = [_alternation(words) for words in COMPOUNDS.values()]
    return cached_regex("|".join(names + compounds), regex.V1)


@cache
def _family_name() -> regex.Pattern[str]:
    letters = "|".join(_NAME_CHARS.values())
    return cached_regex(rf"[ \u00a0]((?:{letters}){_FAMILY}){_NAME_END}", regex.V1)


_SCRIPTS = cached_regex(r"[\p{Thai}\p{Han}]")


def compound_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every compound and name in `text` that should stay on one line."""
    if _SCRIPTS.search(text) is None:
        return []
    spans: list[tuple[int, int]] = []
    titles = tuple(t for ts in TITLES.values() for t in ts)
    for m in _pattern().finditer(text):
        spans.append(m.span())
        if m.group().startswith(titles) and m.group() not in titles:  # a name
            family = _family_name().match(text, m.end())
            if family is not None:
                spans.append(family.span(1))
    return spans
