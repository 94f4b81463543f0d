"""The designer's rules on briefings this project has never seen: Hypothesis writes them
(headlines, bullets and sections from word pools of six languages, with quoted phrases,
colons, numbers and postpositions), and every card at a landscape and a tall preset is
held to the same checks as the corpus: no overlap, nothing outside the safe area, the
title the largest type with its kicker on it, the accent rule a fixed gap under the
title's baseline, no line starting with a postposition, no short quotation parted.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cards.cardkit import own_renderer
from sharecard.cards.plan import plan_cards
from sharecard.cards.presets import PRESETS
from sharecard.cards.render import layout_problems
from sharecard.cards.themes import make_theme
from sharecard.model import Briefing, Section
from sharecard.paint.display import Rect
from sharecard.typeset.ties import POSTPOSITIONS, quoted_spans

POOLS = {
    "en": ("rates", "inflation", "the", "central", "bank", "said", "growth", "markets",
           "“soft landing”", "policy:", "2.5%", "October 2, 2025", "officials", "will",
           "hold", "cut", "after", "weeks", "of", "data"),
    "ja": ("日銀は", "政策金利を", "据え置き、", "賃上げの", "広がりを", "見極める", "円相場は",
           "小幅に", "反発した。", "追加利上げを", "見送り", "市場は", "「慎重な姿勢」を"),
    "zh": ("中国央行", "宣布", "下调", "存款准备金率，", "释放", "长期资金", "约1万亿元。", "市场",
           "预期", "人民币汇率", "基本稳定，", "美联储", "维持利率不变。"),
    "th": ("ธนาคารแห่งประเทศไทย", "คง", "อัตราดอกเบี้ยนโยบาย", "ที่ร้อยละ 1.75", "นักวิเคราะห์",
           "คาดว่า", "เศรษฐกิจ", "ฟื้นตัว", "ต่อเนื่อง", "หนี้ครัวเรือน", "ยังสูง"),
    "hi": ("रिज़र्व", "बैंक", "ने", "ब्याज", "दरें", "स्थिर", "रखीं", "महंगाई", "पर", "नज़र",
           "बाज़ार", "में", "गिरावट", "किसानों", "को", "राहत", "सरकार", "की", "योजना"),
    "fa": ("ایران", "و", "روسیه", "همکاری", "نظامی", "را", "گسترش", "می‌دهند", "پیمان",
           "راهبردی", "اجرایی", "شد", "«همکاری نزدیک»", "مهر ۱۴۰۴"),
}
JOIN = {"ja": "", "zh": ""}
PRESET_NAMES = ("og", "portrait")
ALLOWED_PROBLEMS = {"left-out", "shrunk", "clamped"}  # what a crowded card may say


def _text(lang: str, words: list[str]) -> str:
    return JOIN.get(lang, " ").join(words)


@st.composite
def briefings(draw) -> Briefing:
    lang = draw(st.sampled_from(sorted(POOLS)))
    pool = POOLS[lang]
    words = st.lists(st.sampled_from(pool), min_size=2, max_size=14)
    headline = _text(lang, draw(words))
    bullets = tuple(_text(lang, draw(words)) for _ in range(draw(st.integers(0, 4))))
    sections = tuple(
        Section(heading=_text(lang, draw(st.lists(st.sampled_from(pool), min_size=1,
                                                  max_size=5))),
                body=_text(lang, draw(st.lists(st.sampled_from(pool), min_size=3,
                                               max_size=30))) + ("。" if lang in JOIN else "."),
                sources=("example.org",))
        for _ in range(draw(st.integers(0, 2))))
    return Briefing(headline=headline, bullets=bullets, sections=sections,
                    sources=("example.org", "news.example.com"), language=lang)


def _check(card) -> None:
    problems = layout_problems(card.boxes, card.preset, card.footer_top)
    assert not [p for p in problems if p.code not in ALLOWED_PROBLEMS], problems
    title = next(b for b in card.boxes if b.role == "title" and not b.empty)
    for box in card.boxes:
        if box is not title and not box.empty and box.role != "ornament":
            assert box.size <= title.size + 0.01, (card.name, box.name)
    kicker = next(b for b in card.boxes if b.name == "kicker" and not b.empty)
    first = min((b for b in card.boxes if not b.empty and b.role in ("title", "ornament")),
                key=lambda b: b.bounds[1])
    assert 0 < first.bounds[1] - kicker.bounds[3] <= kicker.size * 1.3, card.name
    u = card.preset.short_side / 100
    for op in card.display.ops:
        if isinstance(op, Rect) and abs(op.width - 10 * u) < 0.01 and abs(
                op.height - 0.6 * u) < 0.01:
            under = op.y - title.baselines[-1]
            assert under >= 4.0 * u - 0.6 and op.y - title.bounds[3] >= 0.35 * 4.0 * u - 0.6
    words = set(itertools.chain.from_iterable(POSTPOSITIONS.values()))
    for box in card.boxes:
        for line in box.lines[1:]:
            assert line.split()[0].strip(",.") not in words if line.split() else True, (
                card.name, box.name, box.lines)
        for a, b in quoted_spans(box.text):
            phrase = box.text[a:b]
            assert box.clamped or any(phrase in line for line in box.lines), (
                card.name, phrase, box.lines)


@pytest.mark.parametrize("preset", PRESET_NAMES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=True)
@given(briefing=briefings())
def test_unseen_briefings_keep_the_rules(preset: str, briefing: Briefing) -> None:
    renderer = own_renderer()
    specs, _ = plan_cards(briefing, ("cover", "sections"), available=renderer.kinds())
    for spec in specs:
        card = renderer.render(briefing, spec, PRESETS[preset], make_theme("light"))
        _check(card)
