"""OCR read-back, CER and normalisation on known inputs."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

import cairosvg
import pytest

from support.ocr import (
    assert_reads_as,
    cer,
    normalize_for_cer,
    prepare,
    read_back,
    require_tesseract,
    tesseract_available,
    tesseract_lang,
)

LINE = "Iran and Russia sign a 20-year pact, 2025."


def line_png(text: str, *, fg: str = "#111111", bg: str | None = "#ffffff") -> bytes:
    """One line in DejaVu Sans via CairoSVG's toy text (fine for unshaped Latin)."""
    back = f'<rect width="100%" height="100%" fill="{bg}"/>' if bg else ""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="90">'
        f'{back}<text x="24" y="58" font-family="DejaVu Sans" font-size="34" fill="{fg}">'
        f"{escape(text)}</text></svg>"
    )
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"))


@pytest.fixture(autouse=True)
def _eng(tesseract) -> None:
    tesseract("eng")


def test_reads_back_english() -> None:
    reading = assert_reads_as(line_png(LINE), LINE, "en", max_cer=0.05)
    assert reading.lang == "eng"


def test_reads_light_on_dark_and_transparent() -> None:
    assert_reads_as(line_png(LINE, fg="#ffffff", bg="#1d2a44"), LINE, "eng", max_cer=0.05)
    assert_reads_as(line_png(LINE, bg=None), LINE, "eng", max_cer=0.05)


def test_wrong_text_scores_high() -> None:
    reading = read_back(line_png(LINE), "Completely different words here", "eng")
    assert reading.cer > 0.5
    with pytest.raises(AssertionError, match="OCR read-back above 5%"):
        assert_reads_as(line_png("Iran and Rusia sgn a 20-yr pact"), LINE, "eng")


def test_prepare_pads_inverts_and_scales() -> None:
    dark = prepare(line_png(LINE, fg="#ffffff", bg="#000000"), scale=2.0)
    assert dark.mode == "L"
    assert dark.size == (900 * 2 + 48, 90 * 2 + 48)
    assert dark.getpixel((30, 30)) == 255  # background now white, border white


@pytest.mark.parametrize(
    ("expected", "got", "value"),
    [
        ("abcd", "abcd", 0.0),
        ("abcd", "abxd", 0.25),  # substitution
        ("abcd", "abd", 0.25),  # deletion
        ("abcd", "abcde", 0.25),  # insertion
        ("abcd", "", 1.0),
        ("kitten", "sitting", 3 / 6),
        ("سلام", "سلم", 0.25),  # code points, any script
        ("", "", 0.0),
    ],
)
def test_cer_known_pairs(expected: str, got: str, value: float) -> None:
    assert cer(expected, got) == pytest.approx(value)


def test_cer_empty_expected_with_text_is_infinite() -> None:
    assert math.isinf(cer("", "x"))


def test_normalize_latin() -> None:
    assert normalize_for_cer("  “Bottom\n line”\t— the ﬁnal…  ", "eng") == (
        '"Bottom line" — the final...'
    )


def test_normalize_cjk_drops_all_whitespace() -> None:
    assert normalize_for_cer("伊朗 与 俄罗斯\n签署", "chi_sim") == "伊朗与俄罗斯签署"
    assert normalize_for_cer("ＡＢＣ　です", "ja") == "ABCです"
    assert normalize_for_cer("伊朗 与", "eng") == "伊朗 与"  # only for CJK languages


def test_normalize_arabic_script() -> None:
    assert normalize_for_cer("مــی\u200cخواهم", "fas") == "میخواهم"
    assert normalize_for_cer("كتاب علي", "fa") == "کتاب علی"
    # Hebrew and Latin keep ZWNJ-free text as is, Arabic folding does not apply.
    assert normalize_for_cer("ي", "heb") == "ي"


def test_tesseract_lang_mapping() -> None:
    assert tesseract_lang("fa") == "fas"
    assert tesseract_lang("zh-Hans") == "chi_sim"
    assert tesseract_lang("ja-JP") == "jpn"
    assert tesseract_lang("eng+fa") == "eng+fas"
    assert tesseract_lang("chi_sim") == "chi_sim"


def test_missing_language_fails_unless_skip_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not tesseract_available("xx_nonexistent")
    monkeypatch.delenv("SHARECARD_ALLOW_SKIP", raising=False)
    with pytest.raises(pytest.fail.Exception, match="xx_nonexistent"):
        require_tesseract("xx_nonexistent")
    monkeypatch.setenv("SHARECARD_ALLOW_SKIP", "1")
    with pytest.raises(pytest.skip.Exception):
        require_tesseract("xx_nonexistent")
