"""The briefings written for the project (Thai, Bengali, Chinese, Korean) read whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sharecard.readers import read_path
from sharecard.readers.language import guess_language
from sharecard.readers.scout import split_inline_bullets
from sharecard.text import is_terminated, split_sentences
from support.cli import run_cli

BRIEFINGS = sorted((Path(__file__).resolve().parents[1] / "data" / "briefings").glob("*.txt"))


def _expected(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))


def test_the_briefings_are_there() -> None:
    assert {p.stem.split("-")[0] for p in BRIEFINGS} >= {"th", "bn", "zh", "ko"}


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.stem)
def test_briefing_reads_whole(path: Path) -> None:
    expected = _expected(path)
    briefing = read_path(path)
    assert briefing.headline == expected["headline"]
    assert list(briefing.bullets) == expected["bullets"]
    assert briefing.lede == expected["lede"]
    assert [s.heading for s in briefing.sections] == expected["section_headings"]
    assert [s.body for s in briefing.sections] == expected["section_bodies"]
    assert list(briefing.sources) == expected["sources"]
    assert briefing.language == expected["language"]
    if expected["brand"] is None:
        assert briefing.attribution is None
    else:
        assert (briefing.attribution.brand, briefing.attribution.tagline) == (
            expected["brand"],
            expected["tagline"],
        )
    # Exactly the one damaged citation is dropped, and none of its text survives.
    assert [w.code for w in briefing.warnings] == ["fragment-dropped"]
    output = run_cli(["parse", str(path)]).stdout.decode("utf-8")
    for fragment in expected["clipped_fragments"]:
        assert fragment not in output


def test_thai_sentences_end_at_spaces_between_thai_letters() -> None:
    text = (
        "กนง. มีมติคงอัตราดอกเบี้ยไว้ที่ร้อยละ 1.75 ต่อปี เศรษฐกิจยังฟื้นตัวช้า ๆ ตามคาด "
        "ธนาคารกลางจะติดตามต่อไป"
    )
    assert split_sentences(text) == [
        "กนง. มีมติคงอัตราดอกเบี้ยไว้ที่ร้อยละ 1.75 ต่อปี",  # "กนง." is an abbreviation
        "เศรษฐกิจยังฟื้นตัวช้า ๆ ตามคาด",  # ๆ repeats a word inside the sentence
        "ธนาคารกลางจะติดตามต่อไป",
    ]
    assert is_terminated("ธนาคารกลางจะติดตามต่อไป")
    assert not is_terminated("signed it in Moscow")


def test_a_citation_glued_to_thai_letters_drops_that_sentence_only() -> None:
    from sharecard.readers.citations import clean_prose

    cleaned = clean_prose(
        "เศรษฐกิจยังฟื้นตัว (bot.or.th) หนี้ครัวเรือนสูงถึง 16.3 ล้านล้านบาท(bangkokpost.com)"
        "ารปรับลดดอกเบี้ย ธนาคารจะติดตามต่อ (reuters.com)"
    )
    assert cleaned.text == "เศรษฐกิจยังฟื้นตัว ธนาคารจะติดตามต่อ"
    assert [d.citation for d in cleaned.drops] == ["bangkokpost.com"]


@pytest.mark.parametrize(
    ("line", "bullets"),
    [
        ("- ตลาดหุ้นปรับขึ้น - ค่าเงินบาทแข็งค่า - ทองคำทรงตัว",
         ["ตลาดหุ้นปรับขึ้น", "ค่าเงินบาทแข็งค่า", "ทองคำทรงตัว"]),
        ("- Oil up 2% - Stocks fall - Gold flat", ["Oil up 2%", "Stocks fall", "Gold flat"]),
        ("- Oil up - stocks down", ["Oil up - stocks down"]),
        ("- Biden - Trump debate set for Tuesday", ["Biden - Trump debate set for Tuesday"]),
        ("- 日銀は据え置き - 円相場は反発", ["日銀は据え置き", "円相場は反発"]),
    ],
)
def test_inline_bullets_without_final_punctuation(line: str, bullets: list[str]) -> None:
    assert split_inline_bullets(line) == bullets


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("প্রধানমন্ত্রী বলেছেন নতুন প্রকল্প শুরু হবে", "bn"),
        ("中國央行宣布下調存款準備金率，這是今年第二次", "zh-Hant"),
        ("中国央行宣布下调存款准备金率，这是今年第二次", "zh"),
        ("ລັດຖະບານລາວ", "lo"),
        ("រាជរដ្ឋាភិបាលកម្ពុជា", "km"),
        ("မြန်မာနိုင်ငံ", "my"),
        ("ਪੰਜਾਬ ਸਰਕਾਰ", "pa"),
        ("தமிழ்நாடு அரசு", "ta"),
        ("El gobierno anunció que los precios suben por la inflación", "es"),
        ("Le gouvernement a annoncé que les prix sont en hausse pour la troisième fois", "fr"),
        ("Die Regierung hat angekündigt, dass die Preise nicht sinken und auch mit der", "de"),
        ("O governo anunciou que os preços não vão cair com a inflação segundo o banco", "pt"),
        ("Привет мир", None),
    ],
)
def test_language_guess_for_every_script(text: str, language: str | None) -> None:
    assert guess_language(text) == language
