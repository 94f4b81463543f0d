"""Read rendered text back with Tesseract and score it with a character error rate.

CER (edit distance / length of the expected text) is script-independent: broken shaping,
wrong bidi order or a bad line break all turn into character errors, whatever the script.
Both texts go through :func:`normalize_for_cer` first, which removes only the differences
that Tesseract is known to introduce by itself — never ones our renderer could cause and
a reader would see.
"""

from __future__ import annotations

import functools
import io
import math
import re
import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import pytesseract
from PIL import Image, ImageOps
from rapidfuzz.distance import Levenshtein

from . import artifact_path, unavailable

# BCP 47 primary language subtags -> Tesseract traineddata names, so callers holding a
# Typesetter `language=` value can pass it as is. Tesseract names pass through unchanged.
TESSERACT_LANG = {
    "en": "eng",
    "fa": "fas",
    "ar": "ara",
    "he": "heb",
    "iw": "heb",
    "hi": "hin",
    "ja": "jpn",
    "zh": "chi_sim",
    "zh-hans": "chi_sim",
    "zh-cn": "chi_sim",
    "zh-hant": "chi_tra",
    "zh-tw": "chi_tra",
    "ko": "kor",
    "th": "tha",
    "bn": "ben",
}
CJK = frozenset({"chi_sim", "chi_tra", "jpn", "kor"})
# Scripts written without spaces between words: Tesseract puts spaces between Thai words.
UNSPACED = CJK | {"tha", "lao", "khm", "mya"}
ARABIC_SCRIPT = frozenset({"fas", "ara", "urd"})

BORDER = 24  # px of white around the image: Tesseract misses text touching the edge
TIMEOUT = 60  # seconds per Tesseract call


def tesseract_lang(lang: str) -> str:
    """Map ``"fa"``/``"zh-Hans"``/``"eng+fas"`` to Tesseract's names (``"fas"``, ...)."""
    parts = []
    for part in lang.split("+"):
        key = part.strip()
        primary = key.split("-")[0].lower()
        parts.append(TESSERACT_LANG.get(key.lower(), TESSERACT_LANG.get(primary, key)))
    return "+".join(parts)


@functools.cache
def _installed_languages() -> frozenset[str]:
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return frozenset()
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError):
        return frozenset()


def tesseract_available(lang: str) -> bool:
    """True if the tesseract binary and every language pack in ``lang`` are installed."""
    installed = _installed_languages()
    return bool(installed) and all(p in installed for p in tesseract_lang(lang).split("+"))


def require_tesseract(lang: str) -> None:
    """Fail the test if Tesseract or a language pack is missing (skip if SHARECARD_ALLOW_SKIP=1)."""
    if not tesseract_available(lang):
        code = tesseract_lang(lang)
        have = ", ".join(sorted(_installed_languages())) or "no tesseract binary"
        unavailable(f"Tesseract language pack(s) {code!r} missing (installed: {have})")


def _open(image: bytes | Image.Image) -> Image.Image:
    im = Image.open(io.BytesIO(image)) if isinstance(image, bytes) else image
    im.load()
    return im


def prepare(image: bytes | Image.Image, *, scale: float = 1.0) -> Image.Image:
    """The one preprocessing every OCR call gets.

    - composite over white: Tesseract ignores alpha, and transparent PNGs read as black;
    - grayscale, and invert when the background (the most common grey level) is dark:
      Tesseract's models are trained on dark text on light paper;
    - optional upscale (Lanczos) for small text, which Tesseract reads poorly below ~20 px;
    - a white border, since glyphs that touch the image edge are often dropped.
    """
    im = _open(image)
    if im.mode != "RGBA":
        im = im.convert("RGBA")
    white = Image.new("RGBA", im.size, (255, 255, 255, 255))
    gray = Image.alpha_composite(white, im).convert("L")
    histogram = gray.histogram()
    background = max(range(256), key=histogram.__getitem__)
    if background < 128:
        gray = ImageOps.invert(gray)
    if scale != 1.0:
        size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
    return ImageOps.expand(gray, border=BORDER, fill=255)


def ocr(image: bytes | Image.Image, lang: str, *, psm: int = 6, scale: float = 1.0) -> str:
    """Text Tesseract reads in ``image`` (PNG bytes or a PIL image), raw (not normalised).

    ``psm`` 6 = "one uniform block of text", right for a text box or a whole card; use 7
    for a single line. Fails the test if the language pack is missing.
    """
    require_tesseract(lang)
    prepared = prepare(image, scale=scale)
    return pytesseract.image_to_string(
        prepared, lang=tesseract_lang(lang), config=f"--psm {psm}", timeout=TIMEOUT
    )


_WHITESPACE = re.compile(r"\s+")
# Typographic quotes: at card sizes “ and " differ by a few pixels of curl, and Tesseract's
# eng model reads the same ’ as ’ or ' from one size to the next.
_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"}
)
# Invisible bidi controls: Tesseract wraps numbers inside RTL lines in LRM…RLM of its own.
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
# Arabic-script letters whose initial and medial forms are the same glyph, so OCR cannot
# tell them apart (news text mixes them freely): Arabic kaf/yeh vs Persian keheh/yeh.
# Tesseract fas reads an initial Arabic kaf as keheh.
_ARABIC_LOOKALIKES = str.maketrans({"ك": "ک", "ي": "ی", "ى": "ی"})
_TATWEEL = "\u0640"


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdecimal() else c for c in text)


def normalize_for_cer(text: str, lang: str) -> str:
    """Normalise a text before CER, removing only differences Tesseract makes on its own.

    Each rule was seen in Tesseract 5 output on correctly drawn text:

    - NFKC: compatibility forms look like their plain equivalents and OCR only sees looks —
      "…" comes back as "...", full-width "：（" in Chinese as ":(";
    - typographic quotes folded to ASCII (see ``_QUOTES``);
    - bidi control marks removed (see ``_BIDI_CONTROLS``);
    - whitespace runs collapsed to one space, ends stripped: where lines broke and how
      Tesseract ends lines is not text content;
    - CJK (chi_sim, jpn, …) and Thai, Lao, Khmer, Myanmar: all whitespace removed,
      Tesseract puts spaces between ideographs and between Thai words;
    - Arabic script (fas, ara): tatweel removed (Tesseract drops the elongation), lookalike
      letters folded (see ``_ARABIC_LOOKALIKES``), and digits folded to ASCII, because
      Tesseract ara mixes Arabic-Indic and ASCII digits inside one number.

    Kept on purpose: ZWNJ. Tesseract fas reports it faithfully (می‌خواهم), and a renderer
    that ignores it joins letters that must not join — a real shaping bug to catch.
    """
    codes = tesseract_lang(lang).split("+")
    out = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_BIDI_CONTROLS)
    if any(c in ARABIC_SCRIPT for c in codes):
        out = _ascii_digits(out.replace(_TATWEEL, "").translate(_ARABIC_LOOKALIKES))
    if any(c in UNSPACED for c in codes):
        return _WHITESPACE.sub("", out)
    return _WHITESPACE.sub(" ", out).strip()


def cer(expected: str, got: str) -> float:
    """Character error rate: Levenshtein distance / len(expected), over code points.

    An empty expected text scores 0.0 against an empty reading and infinity otherwise,
    so any threshold check fails when text appears where none was drawn.
    """
    if not expected:
        return 0.0 if not got else math.inf
    return Levenshtein.distance(expected, got) / len(expected)


@dataclass(frozen=True)
class Reading:
    """One OCR read-back: normalised expected and read texts and their CER."""

    lang: str
    expected: str
    got: str
    cer: float

    def __str__(self) -> str:
        return (
            f"CER {self.cer:.1%} ({self.lang})\n"
            f"  expected: {self.expected!r}\n"
            f"  read:     {self.got!r}"
        )


def read_back(
    image: bytes | Image.Image, expected: str, lang: str, *, psm: int = 6, scale: float = 1.0
) -> Reading:
    """OCR ``image`` and score it against ``expected`` after normalising both."""
    want = normalize_for_cer(expected, lang)
    got = normalize_for_cer(ocr(image, lang, psm=psm, scale=scale), lang)
    return Reading(lang=tesseract_lang(lang), expected=want, got=got, cer=cer(want, got))


def crop_box(image: bytes | Image.Image, box: Sequence[float]) -> Image.Image:
    """The pixels of ``box`` (x0, y0, x1, y1 in image px), rounded outward by 1 px.

    Tight ink boxes cut anti-aliased edges; one extra pixel keeps them. Nothing more is
    taken, so ascenders and descenders of neighbouring lines stay out of the crop.
    """
    im = _open(image)
    x0, y0, x1, y1 = box
    left, top = max(0, math.floor(x0) - 1), max(0, math.floor(y0) - 1)
    right, bottom = min(im.width, math.ceil(x1) + 1), min(im.height, math.ceil(y1) + 1)
    if right <= left or bottom <= top:
        raise ValueError(f"box {tuple(box)} is empty or outside the {im.size} image")
    return im.crop((left, top, right, bottom))


def ocr_lines(
    image: bytes | Image.Image, boxes: Sequence[Sequence[float]], lang: str, *, scale: float = 1.0
) -> list[str]:
    """OCR each line box on its own as a single line (psm 7); raw text per line.

    Reading line by line is more reliable than one block: Tesseract's block mode can split
    a line whose marks reach far up or down (Naskh, tanween) into two lines. Use the
    layout's ``line_boxes``; they are in SVG px, i.e. image px for a scale-1 render.
    """
    im = _open(image)
    return [
        ocr(crop_box(im, padded), lang, psm=7, scale=scale).strip()
        for padded in _padded(boxes, im.size)
    ]


LINE_PAD = 8  # px of white around a line's ink: Tesseract misreads marks at a crop's edge


def _padded(boxes: Sequence[Sequence[float]], size: tuple[int, int]) -> list[tuple[float, ...]]:
    """Each line box grown by up to LINE_PAD px, but never past the middle of the gap to
    the line above or below, so no neighbour's ink comes into the crop.

    A crop cut flush at the top of Persian گ reads as "5 ک"; the same line with a few pixels
    of white above it reads right.
    """
    out: list[tuple[float, ...]] = []
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        top = y0 - LINE_PAD
        bottom = y1 + LINE_PAD
        if i > 0:
            top = max(top, min(y0, (boxes[i - 1][3] + y0) / 2))
        if i + 1 < len(boxes):
            bottom = min(bottom, max(y1, (y1 + boxes[i + 1][1]) / 2))
        out.append((max(0.0, x0 - LINE_PAD), max(0.0, top),
                    min(float(size[0]), x1 + LINE_PAD), min(float(size[1]), bottom)))
    return out


def read_back_lines(
    image: bytes | Image.Image,
    boxes: Sequence[Sequence[float]],
    expected_lines: Sequence[str],
    lang: str,
    *,
    scale: float = 1.0,
) -> Reading:
    """Like :func:`read_back`, line by line (see :func:`ocr_lines`), scored over all lines."""
    if len(boxes) != len(expected_lines):
        raise ValueError(f"{len(boxes)} boxes for {len(expected_lines)} expected lines")
    want = normalize_for_cer("\n".join(expected_lines), lang)
    got = normalize_for_cer("\n".join(ocr_lines(image, boxes, lang, scale=scale)), lang)
    return Reading(lang=tesseract_lang(lang), expected=want, got=got, cer=cer(want, got))


def assert_reads_as(
    image: bytes | Image.Image,
    expected: str | Sequence[str],
    lang: str,
    *,
    max_cer: float = 0.05,
    boxes: Sequence[Sequence[float]] | None = None,
    psm: int = 6,
    scale: float = 1.0,
    name: str = "ocr",
) -> Reading:
    """Assert the image reads back as ``expected`` within ``max_cer``; returns the Reading.

    With ``boxes`` (one per line, e.g. TextBox.line_boxes) ``expected`` is the lines and
    each is read on its own (see :func:`ocr_lines`); otherwise the image is one block.
    On failure the image is kept as ``<name>.png`` if SHARECARD_TEST_ARTIFACTS is set.
    """
    if boxes is not None:
        lines = [expected] if isinstance(expected, str) else list(expected)
        reading = read_back_lines(image, boxes, lines, lang, scale=scale)
    else:
        text = expected if isinstance(expected, str) else "\n".join(expected)
        reading = read_back(image, text, lang, psm=psm, scale=scale)
    if not reading.cer <= max_cer:
        kept = ""
        target = artifact_path(name, ".png")
        if target is not None:
            _open(image).save(target, format="PNG")
            kept = f"\n  image: {target}"
        raise AssertionError(f"OCR read-back above {max_cer:.0%}: {reading}{kept}")
    return reading
