"""pixeldiff on images whose differences are known exactly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from support.pixeldiff import assert_similar, diff_ratio, save_diff_image


def png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def test_identical_is_zero() -> None:
    a = Image.new("RGB", (20, 10), (10, 200, 30))
    assert diff_ratio(png(a), png(a.copy())) == 0.0


def test_counts_pixels_over_threshold_in_any_channel() -> None:
    a = Image.new("RGB", (10, 10), (100, 100, 100))
    b = a.copy()
    b.putpixel((0, 0), (100, 100, 164))  # blue +64: not over threshold
    b.putpixel((1, 0), (100, 165, 100))  # green +65: over
    b.putpixel((2, 0), (35, 100, 100))  # red -65: over
    assert diff_ratio(a, b) == pytest.approx(2 / 100)
    assert diff_ratio(png(a), png(b), threshold=0) == pytest.approx(3 / 100)


def test_alpha_is_composited_over_white() -> None:
    transparent = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    white = Image.new("RGB", (8, 8), (255, 255, 255))
    assert diff_ratio(png(transparent), png(white)) == 0.0
    half_black = Image.new("RGBA", (8, 8), (0, 0, 0, 128))
    assert diff_ratio(half_black, white) == 1.0  # 255 -> 127: differs by 128


def test_size_mismatch_raises() -> None:
    with pytest.raises(ValueError, match="sizes differ"):
        diff_ratio(Image.new("RGB", (4, 4)), Image.new("RGB", (4, 5)))


def test_assert_similar_fails_over_limit() -> None:
    a = Image.new("RGB", (10, 10), "white")
    b = a.copy()
    b.putpixel((5, 5), (0, 0, 0))
    assert assert_similar(a, b, max_ratio=0.01) == pytest.approx(0.01)
    b.putpixel((6, 5), (0, 0, 0))
    with pytest.raises(AssertionError, match=r"2\.00% of pixels differ"):
        assert_similar(a, b, max_ratio=0.01, name="card")


def test_save_diff_image_marks_differences(tmp_path: Path) -> None:
    a = Image.new("RGB", (10, 6), "white")
    b = a.copy()
    b.putpixel((3, 2), (0, 0, 0))
    out = save_diff_image(png(a), png(b), tmp_path / "sub" / "d.png")
    sheet = Image.open(out).convert("RGB")
    assert sheet.size == (3 * 10 + 20, 6)
    assert sheet.getpixel((2 * (10 + 10) + 3, 2)) == (230, 0, 0)  # overlay panel, marked
    assert sheet.getpixel((2 * (10 + 10) + 4, 2)) != (230, 0, 0)


def test_diff_image_kept_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = Image.new("RGB", (10, 10), "white")
    b = Image.new("RGB", (10, 10), "black")
    monkeypatch.delenv("SHARECARD_TEST_ARTIFACTS", raising=False)
    with pytest.raises(AssertionError) as info:
        assert_similar(a, b, name="cover/1200x630")
    assert "diff image" not in str(info.value)
    monkeypatch.setenv("SHARECARD_TEST_ARTIFACTS", str(tmp_path))
    with pytest.raises(AssertionError, match="diff image"):
        assert_similar(a, b, name="cover/1200x630")
    assert [p.name for p in tmp_path.iterdir()] == ["cover_1200x630-diff.png"]
