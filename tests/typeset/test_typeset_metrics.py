"""Per-script line room: tall scripts get the room they need, Latin keeps its rhythm."""

from __future__ import annotations

import pytest

from sharecard.typeset.metrics import extra_room, script_ink

SIZE = 40
LINE_HEIGHT = 1.06  # a headline's: written for Latin

TALL = {
    "hi": "रूस और ईरान ने सैन्य समन्वय को गहरा किया कृषि क्षेत्र में प्रधानमंत्री मोदी ने कहा कि",
    "bn": "প্রধানমন্ত্রী বলেছেন রূপ কৃষি ক্ষেত্রে নতুন প্রকল্প শুরু হবে শীঘ্রই",
    "th": "รัฐบาลไทยประกาศมาตรการใหม่เพื่อกระตุ้นเศรษฐกิจ ผู้ที่ได้รับผลกระทบทั้งหมด",
}


def _box(ts, text, language, width=520):
    return ts.text_box(text, x=0, y=0, width=width, height=2000, size=(SIZE, SIZE),
                       max_lines=30, line_height=LINE_HEIGHT, language=language, weight="bold")


def test_latin_lines_keep_the_template_line_height(ts) -> None:
    box = _box(ts, "Putin and Iran deepen military coordination across wars", "en", 300)
    assert len(box.lines) >= 3
    pitches = {round(b - a, 6) for a, b in zip(box.baselines, box.baselines[1:], strict=False)}
    assert pitches == {round(LINE_HEIGHT * SIZE, 6)}


@pytest.mark.parametrize("language", sorted(TALL))
def test_tall_script_lines_never_touch(script_ts, language) -> None:
    """The ू of one line and the े of the next keep clear, as Latin lines do at 1.06."""
    box = _box(script_ts, TALL[language], language)
    assert len(box.lines) >= 3, box.lines
    assert not box.warnings
    for upper, lower in zip(box.line_boxes, box.line_boxes[1:], strict=False):
        assert lower[1] - upper[3] > 0.02 * SIZE, (language, upper, lower)
    pitch = box.baselines[1] - box.baselines[0]
    assert pitch > LINE_HEIGHT * SIZE * 1.1


def test_without_room_devanagari_lines_would_touch(script_ts) -> None:
    """What the room is for: at the bare template line height the ink of two lines meets."""
    box = _box(script_ts, TALL["hi"], "hi")
    base = box.baselines
    bare = LINE_HEIGHT * SIZE
    # Move each line back to the bare pitch and measure the gap the template alone leaves.
    gaps = []
    for i in range(len(base) - 1):
        shift = (base[i + 1] - base[i]) - bare
        gaps.append(box.line_boxes[i + 1][1] - shift - box.line_boxes[i][3])
    assert min(gaps) < 0.02 * SIZE


def test_a_mixed_line_takes_the_tallest_script(script_ts) -> None:
    latin = "Markets rallied\nBangkok shares rose"
    mixed = "Markets rallied\nBangkok ผู้ที่ rose"
    a = _box(script_ts, latin, "en", 900)
    b = _box(script_ts, mixed, "en", 900)
    assert len(a.lines) == len(b.lines) == 2
    thai = script_ts.fonts.chain(weight=700, text="ผู้ที่", language="th")
    face = next(f for f in thai if "Thai" in f.family and f.weight == 700)
    above, _ = extra_room(face, "Thai", script_ts.fonts.chain(weight=700)[0])
    assert above > 0.1
    gap_latin = a.baselines[1] - a.baselines[0]
    gap_mixed = b.baselines[1] - b.baselines[0]
    assert gap_latin == pytest.approx(LINE_HEIGHT * SIZE)
    assert gap_mixed == pytest.approx((LINE_HEIGHT + above) * SIZE)


@pytest.mark.parametrize("script", ["Hebr", "Cyrl", "Grek", "Hani"])
def test_scripts_no_taller_than_latin_get_little_or_nothing(fonts, script) -> None:
    samples = {"Hebr": "אב", "Cyrl": "Яя", "Grek": "Ωω", "Hani": "中国"}
    chain = fonts.chain(weight=400, text=samples[script])
    face = next(f for f in chain if script in f.serves)
    above, below = extra_room(face, script, chain[0])
    assert above <= 0.08 and below <= 0.02, (face, above, below)


@pytest.mark.parametrize(
    ("script", "family"),
    [("Latn", "Inter"), ("Arab", "Noto Sans Arabic"), ("Hebr", "Noto Sans Hebrew"),
     ("Deva", "Noto Sans Devanagari"), ("Beng", "Noto Sans Bengali"), ("Thai", "Noto Sans Thai"),
     ("Hani", "Noto Sans CJK"), ("Hang", "Noto Sans CJK")],
)
def test_every_sample_is_drawn_by_its_face(script_ts, script, family) -> None:
    """The samples must be real text of their scripts, or the room would silently be 0."""
    samples = {"Latn": "Aa", "Arab": "اب", "Hebr": "אב", "Deva": "कख", "Beng": "কখ",
               "Thai": "กข", "Hani": "中国", "Hang": "한국"}
    faces = script_ts.fonts.chain(weight=400, text=samples[script])
    face = next(f for f in faces if f.family.startswith(family))
    ink = script_ink(face, script)
    assert ink is not None and ink[0] > 0.6 and ink[1] < -0.05, (script, ink)
