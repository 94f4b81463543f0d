"""Room per script: how much taller than a Latin line a line of another script must be.

A template's `line_height` is written for Latin: 1.06 for a headline leaves a little air
between a descender and the capitals of the next line because Latin ink fills little of
the em. Devanagari, Bengali and Thai stack marks above and below their letters ("कृ", "र्कि",
"ปั้น"), so at the same line height the ू of one line meets the े of the next.

The fonts' declared ascent and descent do not say how much room that is: Noto Sans
Devanagari declares 1.30 em and fills it all, while Noto Sans Arabic declares 2.11 em for
stacked Quranic marks that news text never has. So each face is asked instead: its ink for
a sample of the script's tall and deep clusters, shaped by HarfBuzz, against the template
face's ink for Latin ascenders and descenders. What a script reaches beyond Latin above
and below is the room a line of it gets on top of the template's line height; a line that
mixes scripts takes the most any of its runs needs (see layout.py). Scripts no taller than
Latin (Hebrew, CJK, Cyrillic…) get nothing extra, so their lines keep the template's rhythm.
"""

from __future__ import annotations

from functools import lru_cache

import uharfbuzz as hb

from sharecard.typeset.fonts import Face

# Common tall and deep clusters per script (ISO 15924), as news text has them: stacked
# vowel signs and conjuncts, not rare or liturgical marks.
SAMPLES: dict[str, str] = {
    "Latn": "Hbdfhklgjpqy",
    "Grek": "Θλβζξφψ",
    "Cyrl": "ЦЩбдфру",
    "Arab": "آأإلگکطظ جعغقیيپچ",
    "Hebr": "לקךףץ",
    "Deva": "र्कि कै कों कु कू कृ क्र ट्र",
    "Beng": "র্কি কৈ কু কূ কৃ ক্র",
    "Guru": "ਕਿ ਕੈ ਕੁ ਕੂ ਕ੍ਰ",
    "Gujr": "ર્કિ કૈ કુ કૂ કૃ",
    "Orya": "କି କୈ କୁ କୂ",
    "Taml": "கி கீ கு கூ கொ",
    "Telu": "కి కై కు కూ క్ర",
    "Knda": "ಕಿ ಕೈ ಕು ಕೂ ಕ್ರ",
    "Mlym": "കി കൈ കു കൂ ക്ര",
    "Sinh": "කි කු කූ ක්‍ර",
    "Thai": "ปั้น ที่ ผู้ ญู ฎ ฏ",
    "Laoo": "ປົ້ ຟູ ຍູ",
    "Khmr": "ក្សី ស្ត្រី ប៉ុ",
    "Mymr": "ကြို ညှိ",
    "Tibt": "སྒྲིག",
    "Hani": "永国あア",
    "Hang": "한국뷁",
}


@lru_cache(maxsize=256)
def script_ink(face: Face, script: str) -> tuple[float, float] | None:
    """(highest, lowest) ink in em (y up) of `script`'s sample set in `face`, or None
    when there is no sample for the script or the face draws none of it."""
    sample = SAMPLES.get(script)
    if sample is None:
        return None
    buf = hb.Buffer()
    buf.add_str(sample)
    buf.guess_segment_properties()
    hb.shape(face.hb_font, buf, {})
    top, bottom, drawn = 0.0, 0.0, False
    u = float(face.upem)
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        if info.codepoint == 0:
            continue
        x0, y0, x1, y1 = face.extents(info.codepoint)
        if x1 <= x0:
            continue
        dy = pos.y_offset / u
        top, bottom, drawn = max(top, y1 + dy), min(bottom, y0 + dy), True
    return (top, bottom) if drawn else None


@lru_cache(maxsize=512)
def extra_room(face: Face | None, script: str, reference: Face | None) -> tuple[float, float]:
    """(above, below) in em that a line of `script` set in `face` needs beyond a Latin
    line of `reference` (the template's face) at the same line height; never negative."""
    if face is None or reference is None or face.color:
        return 0.0, 0.0
    ink = script_ink(face, script)
    ref = script_ink(reference, "Latn") or (reference.metrics.ascent, -reference.metrics.descent)
    if ink is None:
        return 0.0, 0.0
    return max(0.0, ink[0] - ref[0]), max(0.0, ref[1] - ink[1])
