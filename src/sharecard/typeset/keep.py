"""Runs of text a line must not part: a number and what it counts, a date.

"October / 2, 2025", "2.2 / million" and "۱۴۰۴ / مهر" read as two facts. UAX #14 allows
those breaks (they are spaces, or a digit next to an ideograph), so this module names the
runs that hold them, as a typesetter would put no-break spaces there: a number with its
units, scale words, currency and percent; dates such as "October 2, 2025", "2 October
2025", "مهر ۱۴۰۴", "2025年10月2日" and "2025년 10월 2일". Line breaking then uses a break
inside such a run only when the run alone is wider than the line.

The words are tables, one row per script, so adding a language is adding a row.
Scripts written without spaces (Chinese, Japanese, Korean, Thai) let a unit run straight
into the next word ("2.2ล้านคน", "3億円を"), so their units need no word end after them.
"""

from __future__ import annotations

import re
from functools import cache

import msgspec
import regex

from sharecard.compiled import cached_regex


# fmt: off
class Words(msgspec.Struct, frozen=True):
    """One script's words around numbers."""

    months: tuple[str, ...] = ()  # month names: "October 2", "2 October", "مهر ۱۴۰۴"
    units: tuple[str, ...] = ()  # after a number: scale words, units, currency, percent
    prefixes: tuple[str, ...] = ()  # before a number: currency, "ร้อยละ 5", "พ.ศ. 2568"
    bounded: bool = True  # a unit must end at a word end (False: unspaced scripts)


TABLE: dict[str, Words] = {
    "Latin": Words(
        months=(
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.",
            "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Jan", "Feb",
            "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
            # Spanish, French, German, Portuguese
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre", "janvier", "février", "mars",
            "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
            "décembre", "Januar", "Februar", "März", "Juni", "Juli", "Oktober", "Dezember",
            "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro",
            "outubro", "novembro", "dezembro",
        ),
        units=(
            "thousand", "million", "billion", "trillion", "bn", "mn", "tn", "m", "k",
            "crore", "lakh", "millones", "millón", "mil", "millions", "milliards",
            "milliard", "Millionen", "Million", "Milliarden", "Milliarde", "milhões",
            "milhão", "bilhões",
            "percent", "per cent", "percentage points", "percentage point", "pct", "pp",
            "basis points", "bps", "%", "‰", "por ciento", "pour cent", "Prozent",
            "dollars", "dollar", "euros", "euro", "pounds", "yen", "yuan", "rupees", "rupee",
            "USD", "EUR", "GBP", "JPY", "CNY", "INR", "€", "$",
            "km", "cm", "mm", "kg", "g", "t", "tonnes", "tons", "tonne", "ton", "miles",
            "mile", "ft", "feet", "metres", "meters", "km/h", "kph", "mph", "ha", "hectares",
            "acres", "barrels", "bpd", "W", "kW", "MW", "GW", "TW", "kWh", "MWh", "GWh",
            "TWh", "°C", "°F", "°", "years", "year", "months", "month", "weeks", "week",
            "days", "day", "hours", "hour", "minutes", "minute", "seconds", "second",
            "a.m.", "p.m.", "am", "pm", "GMT", "UTC",
        ),
        prefixes=(
            "US$", "A$", "C$", "HK$", "NZ$", "S$", "R$", "Rs.", "Rs", "USD", "EUR", "GBP",
            "JPY", "CNY", "INR", "$", "€", "£", "¥", "₹", "₩", "₽", "₪", "₺", "฿", "৳",
        ),
    ),
    "Arabic": Words(  # Arabic and Persian
        months=(
            "يناير", "فبراير", "مارس", "أبريل", "إبريل", "مايو", "يونيو", "يوليو",
            "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "كانون الثاني", "شباط",
            "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
            "تشرين الثاني", "كانون الأول",
            "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان",
            "آذر", "دی", "بهمن", "اسفند", "ژانویه", "فوریه", "آوریل", "مه", "ژوئن",
            "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
        ),
        units=(
            "ألف", "آلاف", "مليون", "ملايين", "مليار", "مليارات", "بليون", "تريليون",
            "بالمئة", "بالمائة", "في المئة", "في المائة", "%", "٪",
            "دولار", "دولارات", "يورو", "جنيه", "ريال", "درهم", "دينار", "ليرة",
            "كيلومتر", "كيلومترات", "كلم", "كم", "متر", "كيلوغرام", "كغ", "طن", "أطنان",
            "ميغاواط", "ميجاوات", "غيغاواط", "برميل", "درجة", "عام", "أعوام", "سنة",
            "سنوات", "شهر", "أشهر", "يوم", "أيام", "ساعة", "ساعات", "دقيقة",
            "هزار", "میلیون", "میلیارد", "تریلیون", "درصد", "دلار", "ریال", "تومان",
            "یورو", "کیلومتر", "متر", "کیلوگرم", "تن", "مگاوات", "گیگاوات", "بشکه",
            "درجه", "سال", "ماه", "روز", "ساعت", "دقیقه",
        ),
    ),
    "Hebrew": Words(
        months=(
            "ינואר", "פברואר", "מרץ", "מרס", "אפריל", "מאי", "יוני", "יולי", "אוגוסט",
            "ספטמבר", "אוקטובר", "נובמבר", "דצמבר",
        ),
        units=(
            "אלף", "אלפים", "מיליון", "מיליארד", "טריליון", "אחוז", "אחוזים", "%", "דולר",
            "שקל", "שקלים", "ש\"ח", "יורו", "ק\"מ", "מטר", "טון", "מגה-וואט", "שנה", "שנים",
            "חודשים", "ימים", "שעות",
        ),
    ),
    "Devanagari": Words(
        months=(
            "जनवरी", "फ़रवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त",
            "सितंबर", "सितम्बर", "अक्टूबर", "अक्तूबर", "नवंबर", "नवम्बर", "दिसंबर", "दिसम्बर",
        ),
        units=(
            "हज़ार", "हजार", "लाख", "करोड़", "अरब", "खरब", "मिलियन", "बिलियन",
            "प्रतिशत", "फ़ीसदी", "फीसदी", "%", "रुपये", "रुपए", "रुपया", "डॉलर", "यूरो",
            "किलोमीटर", "किमी", "मीटर", "किलो", "किलोग्राम", "टन", "मेगावाट", "गीगावाट",
            "डिग्री", "साल", "वर्ष", "महीने", "दिन", "घंटे", "मिनट",
        ),
        prefixes=("₹", "रु.", "रु"),
    ),
    "Bengali": Words(
        months=(
            "জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট",
            "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর", "বৈশাখ", "জ্যৈষ্ঠ", "আষাঢ়",
            "শ্রাবণ", "ভাদ্র", "আশ্বিন", "কার্তিক", "অগ্রহায়ণ", "পৌষ", "মাঘ", "ফাল্গুন",
            "চৈত্র",
        ),
        units=(
            "হাজার", "লাখ", "লক্ষ", "কোটি", "মিলিয়ন", "বিলিয়ন", "শতাংশ", "%", "টাকা",
            "ডলার", "রুপি", "ইউরো", "কিলোমিটার", "কিমি", "মিটার", "কেজি", "টন", "মেগাওয়াট",
            "ডিগ্রি", "বছর", "মাস", "দিন", "ঘণ্টা", "মিনিট",
        ),
        prefixes=("৳", "₹"),
    ),
    "Thai": Words(
        months=(
            "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
            "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม", "ม.ค.", "ก.พ.", "มี.ค.",
            "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
        ),
        units=(
            "พัน", "หมื่น", "แสน", "ล้าน", "เปอร์เซ็นต์", "%", "บาท", "ดอลลาร์", "ยูโร",
            "กิโลเมตร", "กม.", "เมตร", "กิโลกรัม", "ตัน", "เมกะวัตต์", "องศา", "ปี", "เดือน",
            "วัน", "ชั่วโมง", "นาที",
        ),
        prefixes=("ร้อยละ", "พ.ศ.", "ค.ศ.", "วันที่", "฿"),
        bounded=False,
    ),
    "CJK": Words(  # Chinese and Japanese: counters written right after the number
        units=(
            "万", "萬", "亿", "億", "兆", "千", "百", "%", "％", "元", "円", "美元", "日元",
            "人民币", "ドル", "ユーロ", "年", "月", "日", "号", "時", "时", "分", "秒",
            "歳", "岁", "个", "個", "人", "件", "倍", "度", "割", "公里", "千米", "キロ",
            "トン", "吨", "点", "週", "周", "天", "小时", "時間", "ポイント", "个百分点",
            "百分点",
        ),
        prefixes=("約", "约", "¥", "￥", "$", "＄"),
        bounded=False,
    ),
    "Hangul": Words(
        units=(
            "만", "억", "조", "천", "백", "퍼센트", "%", "원", "달러", "유로", "엔", "위안",
            "년", "월", "일", "시", "분", "초", "세", "명", "개", "건", "배", "도", "킬로미터",
            "톤", "메가와트", "포인트", "퍼센트포인트",
        ),
        prefixes=("₩",),
        bounded=False,
    ),
}
# fmt: on

_NUMBER = r"[-+−]?\p{Nd}+(?:[.,٫٬'’]\p{Nd}+)*"
_GAP = r"[ \u00a0\u202f]?"  # at most one (no-break) space between a number and its word
_DAY = r"\p{Nd}{1,2}(?:st|nd|rd|th|er)?\.?"
_YEAR = r"\p{Nd}{2,4}"
# A run starts a word in spaced scripts ("dismay 5" holds no date) and never mid-number;
# in unspaced scripts it may follow any letter ("资金约1万亿元").
_START = (
    r"(?<![\p{Nd}.,٫٬])"
    r"(?<![\p{Latin}\p{Greek}\p{Cyrillic}\p{Arabic}\p{Hebrew}\p{Devanagari}\p{Bengali}\p{M}])"
)


def _alternation(words: list[str]) -> str:
    """Longest first, so "million" wins over "m" and "تشرین الأول" over "آب"."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    # re.escape backslashes every character `regex` treats as special too, in one
    # str.translate where regex.escape loops in Python (3 ms of a cold start).
    return "|".join(re.escape(w).replace(r"\ ", "[ \u00a0]") for w in ordered)


@cache
def _pattern() -> regex.Pattern[str]:
    """One pattern for every row: dates, and quantities ("2025年10月2日" chains three)."""
    bounded = [w for row in TABLE.values() if row.bounded for w in row.units]
    unbounded = [w for row in TABLE.values() if not row.bounded for w in row.units]
    prefixes = [w for row in TABLE.values() for w in row.prefixes]
    months = [w for row in TABLE.values() for w in row.months]
    # A unit of a spaced script must not run into more letters ("m" is not "more").
    unit = rf"(?:(?:{_alternation(bounded)})(?![\p{{L}}\p{{M}}])|(?:{_alternation(unbounded)}))"
    prefix = rf"(?:{_alternation(prefixes)})"
    month = rf"(?:{_alternation(months)})(?![\p{{L}}\p{{M}}])"
    quantity = (
        rf"(?:{prefix}{_GAP})?{_NUMBER}(?:(?:{_GAP}|[-‐‑]){unit})+|{prefix}{_GAP}{_NUMBER}"
    )
    # "October 2, 2025", then "2 October 2025"; "October 2025" shares the first's
    # month (each month alternation is a sixth of the compile time; a month followed
    # by digits matches the first branch before the year branch is tried either way).
    dates = (
        rf"{month}{_GAP}(?:{_DAY}(?:,?{_GAP}{_YEAR}(?!\p{{Nd}}))?|{_YEAR})"
        rf"|{_DAY}{_GAP}{month}(?:,?{_GAP}{_YEAR}(?!\p{{Nd}}))?"
        # Korean dates space their parts: "2025년 10월 2일", "10월 2일".
        rf"|(?:{_NUMBER}년{_GAP})?{_NUMBER}월{_GAP}{_NUMBER}일"
    )
    return cached_regex(  # compiled once per machine: its compile is a tenth of a cold start
        rf"{_START}(?:{dates}|(?:{quantity})+)",
        regex.IGNORECASE,  # simple case folding: VERSION1 full folding is 10 times slower
    )


_DIGITS = cached_regex(r"\p{Nd}+")
# How far from a number a run may reach: the longest prefix or month before it, units and
# a year after it ("September 17, 2025", "2.2 million barrels", "มิถุนายน 2568").
_REACH = 40


def keep_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of `text` that should stay on one line.

    Every run holds a number, so the (large) pattern is only tried in windows around
    numbers (with simple case folding, the seed's 2,500 characters take ~2 ms, not 22).
    """
    spans: list[tuple[int, int]] = []
    windows: list[list[int]] = []
    for m in _DIGITS.finditer(text):
        a, b = max(0, m.start() - _REACH), min(len(text), m.end() + _REACH)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    if not windows:
        return spans  # no number: the pattern is not even compiled
    pattern = _pattern()
    for a, b in windows:
        for m in pattern.finditer(text, a, b):
            if not spans or m.start() >= spans[-1][1]:
                spans.append(m.span())
    return spans
