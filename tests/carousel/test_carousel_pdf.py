"""The carousel PDF, opened with real PDF libraries: pypdf for its structure (pages,
page size, metadata, outline, link) and PDFium (pypdfium2, Chrome's PDF engine) for its
text — what is extracted where each box is drawn, in reading order — and for drawing
each page, which Tesseract must read back.

Why PDFium for text: pypdf and pdfminer (pdfplumber) give Persian in visual order
whatever a PDF does (pypdf reverses RTL words by a heuristic, pdfminer sorts characters
by x), so they cannot tell a right PDF from a wrong one; PDFium applies the bidi
algorithm to text written in visual order, as PDF producers write it.
"""

from __future__ import annotations

import itertools

import pypdfium2
import pytest

from sharecard.carousel.pdf import PT_PER_PX
from sharecard.paint.svgread import GlyphIndex
from sharecard.pipeline import renderer_for
from support.ocr import read_back_lines, require_tesseract

from .carouselkit import (
    CORPUS,
    CORPUS_NAMES,
    URL,
    briefing,
    carousel,
    drawn_boxes,
    page_words_in,
    pdf,
    pdfium,
    reader,
    settings,
    words,
)

PRESETS = ("square", "portrait")


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_pages_sizes_and_metadata(name, preset):
    c = carousel(name, preset)
    doc = reader(name, preset)
    assert len(doc.pages) == len(c.slides) == pdf(name, preset).pages
    w, h = c.preset.width * PT_PER_PX, c.preset.height * PT_PER_PX
    for page in doc.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (w, h)
    assert doc.metadata.title == briefing(name).headline
    assert doc.metadata.creator.startswith("sharecard ")
    assert "/CreationDate" not in doc.metadata  # no clock in the bytes
    titles = [item.title for item in doc.outline]
    assert titles == [f"{s.number}. {s.title}" for s in c.slides]


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_last_page_links_to_the_briefing(name):
    doc = reader(name)
    annots = [a.get_object() for a in doc.pages[-1].get("/Annots", [])]
    assert [a["/A"]["/URI"] for a in annots] == [URL]
    for page in doc.pages[:-1]:
        assert "/Annots" not in page


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_every_box_reads_as_set_where_it_is_drawn(name, preset):
    """PDFium finds each box's words inside that box's ink, in order: the text layer
    sits on the outlines and reads as the typesetter set it. A line that mixes
    directions (Persian "منابع:" before Latin domains) is read in visual order by
    PDFium, as by every extractor; its characters must all be there."""
    c = carousel(name, preset)
    result = pdf(name, preset)
    assert result.text_pages == len(c.slides) and not result.warnings
    doc = pdfium(name, preset)
    index = GlyphIndex(renderer_for(settings(preset)).typesetter.fonts)
    height = c.preset.height * PT_PER_PX
    for slide, page in zip(c.slides, doc, strict=True):
        for box in drawn_boxes(slide, index, c.direction):
            found = page_words_in(page, box.ink, height)
            expected = words(" ".join(box.lines))
            if box.mixed:  # every character there, in visual order
                assert sorted("".join(found)) == sorted("".join(expected)), (slide.name,
                                                                           box.label)
            else:
                assert found == expected, (slide.name, box.label)


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_page_text_is_in_reading_order(name):
    """A whole page reads kicker, title, body, footer: the boxes' words come out in the
    order the card paints them (boxes sharing a line aside, which PDFium reads by x)."""
    c = carousel(name)
    doc = pdfium(name)
    index = GlyphIndex(renderer_for(settings()).typesetter.fonts)
    for slide, page in zip(c.slides, doc, strict=True):
        text = words(page.get_textpage().get_text_range())
        boxes = drawn_boxes(slide, index, c.direction)
        where = []
        for box in boxes:
            if box.mixed:
                continue
            first = words(" ".join(box.lines))[0]
            where.append((box.ink, text.index(first) if first in text else -1))
        assert all(at >= 0 for _, at in where), slide.name
        for (ink_a, at_a), (ink_b, at_b) in itertools.pairwise(where):
            same_row = min(ink_a[3], ink_b[3]) > max(ink_a[1], ink_b[1])
            if not same_row and ink_b[1] > ink_a[1]:
                assert at_a <= at_b, (slide.name, ink_a, ink_b)


def test_slide_numbers_and_the_end_slide_are_text():
    c = carousel("seed-putin-iran")
    doc = pdfium("seed-putin-iran")
    total = len(c.slides)
    for n, page in enumerate(doc, start=1):
        assert f"{n}/{total}" in page.get_textpage().get_text_range()
    last = words(doc[total - 1].get_textpage().get_text_range())
    assert {"Scout", "example.com/briefings/today"} <= set(last)


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_pdf_is_byte_identical_when_made_again(name):
    from sharecard.carousel.bundle import document_info
    from sharecard.carousel.document import carousel_pdf

    again = carousel_pdf(carousel(name), renderer_for(settings()).typesetter,
                         document_info(briefing(name), carousel(name)))
    assert again.data == pdf(name).data


OCR_LANG = {"fa": "fas", "ja": "jpn"}


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_every_page_drawn_reads_its_title(name):
    """Each page rasterized by PDFium: Tesseract reads the cover's headline at ≤ 5 %
    CER, and every page's title (heading, pull quote, brand) at ≤ 5 % over the whole
    document — one misread mark on a ten-character heading alone is 10 %, so a single
    page may reach 20 %. Tesseract's reading of a line depends on where glyphs fall on
    the pixel grid (see tests/typeset/test_typeset_ocr.py), so each page is drawn at 2×,
    3×, 2.5× and 4× (and 1× and 0.6×, for a heading that large scales take past the
    sizes Tesseract reads: a 100 px Persian heading at 2× is 200 px type) and the best
    reading counts: a drawing error is wrong at every one."""
    lang = OCR_LANG.get((briefing(name).language or "en").split("-")[0], "eng")
    require_tesseract(lang)
    c = carousel(name)
    index = GlyphIndex(renderer_for(settings()).typesetter.fonts)
    doc = pypdfium2.PdfDocument(pdf(name).data)
    readings = []
    for slide, page in zip(c.slides, doc, strict=True):
        title = _title_box(slide, drawn_boxes(slide, index, c.direction))
        latin = any("a" <= ch.lower() <= "z" for ch in "".join(title.lines))
        read_as = f"{lang}+eng" if latin and lang != "eng" else lang  # "Scout" in Persian
        best = None
        for scale in (2.0, 3.0, 2.5, 4.0, 1.0, 0.6):
            image = page.render(scale=scale / PT_PER_PX).to_pil().convert("RGB")
            assert image.size == (round(c.preset.width * scale), round(c.preset.height * scale))
            reading = read_back_lines(image, _line_boxes(title, scale), list(title.lines),
                                      read_as)
            if best is None or reading.cer < best.cer:
                best = reading
            if best.cer <= 0.05:
                break
        assert best is not None
        readings.append((slide.name, best))
        assert best.cer <= (0.05 if slide.stem == "cover" else 0.2), f"{slide.name}: {best}"
    errors = sum(r.cer * len(r.expected) for _, r in readings)
    assert errors / sum(len(r.expected) for _, r in readings) <= 0.05, readings


def _title_box(slide, boxes):
    """The box that draws the slide's title (the card's own record of it)."""
    for box in boxes:
        for joiner in (" ", ""):
            if words(joiner.join(box.lines)) == words(slide.title):
                return box
    raise AssertionError(f"{slide.name}: no box draws its title {slide.title!r}")


def _line_boxes(box, scale: float) -> list[tuple[float, ...]]:
    """The ink of each of the box's lines, at `scale` (Tesseract reads line by line)."""
    assert len(box.line_inks) == len(box.lines)
    return [tuple(v * scale for v in ink) for ink in box.line_inks]


GRADIENT_COVER = """{% extends "base.svg.j2" %}
{% block content %}
{% set f = preset.frame %}
{% set foot = footer(size=22) %}
<defs><linearGradient id="fade"><stop offset="0" stop-color="#0055AA"/>
<stop offset="1" stop-color="#FAF8F4"/></linearGradient></defs>
<rect x="0" y="0" width="{{ preset.width }}" height="40" fill="url(#fade)"/>
{{ text_box(card.headline, name="headline", role="title", x=f.left, y=f.top + 40,
     width=preset.width - f.left - f.right, height=foot.top - f.top - 60, size=(40, 90),
     max_lines=4, weight="bold", balance=true) }}
{{ foot }}
{% endblock %}
"""


def test_a_card_a_display_list_cannot_express_is_drawn_as_outlines(tmp_path):
    """A user template that paints a gradient: its page is drawn by CairoSVG (vector
    outlines, no text), the other pages keep their text, and the manifest says so."""
    from sharecard.cards.presets import PRESETS as SIZES
    from sharecard.cards.themes import make_theme
    from sharecard.carousel.bundle import document_info
    from sharecard.carousel.document import carousel_pdf
    from sharecard.carousel.slides import build_carousel
    from sharecard.pipeline import renderer_for as renderer_of

    (tmp_path / "cover.svg.j2").write_text(GRADIENT_COVER, encoding="utf-8")
    s = settings("square", templates=str(tmp_path))
    b = briefing("seed-putin-iran")
    renderer = renderer_of(s)
    c = build_carousel(b, s.cards, SIZES["square"], make_theme("light"), renderer)
    result = carousel_pdf(c, renderer.typesetter, document_info(b, c))
    assert [w.code for w in result.warnings] == ["pdf-outlines-only"]
    assert result.pages == len(c.slides) and result.text_pages == len(c.slides) - 1
    doc = pypdfium2.PdfDocument(result.data)
    assert doc[0].get_textpage().get_text_range().strip() == ""
    assert "What actually" in doc[1].get_textpage().get_text_range()
    cover = doc[0].render(scale=1 / PT_PER_PX).to_pil().convert("L")
    dark = cover.crop((86, 120, 994, 400)).point(lambda v: 255 if v < 80 else 0).histogram()[255]
    assert dark > 5000  # the headline's outlines are drawn
    top = doc[0].render(scale=1 / PT_PER_PX).to_pil().convert("RGB").getpixel((5, 20))
    assert top[2] > top[0] + 60  # the gradient starts blue


LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">'
        '<rect width="120" height="40" rx="8" fill="#1a5fb4"/>'
        '<circle cx="20" cy="20" r="12" fill="#ffffff"/></svg>')


def test_colour_emoji_and_a_logo(tmp_path):
    """Colour emoji glyphs are images beside text that keeps its map; an SVG logo is
    drawn as vector on every page; the cover's number sits on its (moved) kicker row."""
    from sharecard.pipeline import build_bundle, load_input, resolve_settings

    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    s = resolve_settings(presets=["square"], cards=["cover", "sections", "quote"],
                         formats=["pdf"], url=URL, brand="Orbit News",
                         logo=str(tmp_path / "logo.svg"))
    source = CORPUS.parent / "scripts" / "emoji-launch.md"
    files, manifest = build_bundle(load_input(source), s)
    row = next(r for r in manifest.files if r["path"] == "carousel-square.pdf")
    assert row["pages"] == row["text_pages"] == 2  # cover, end: it has no quotation
    assert not [w for w in manifest.warnings if w["code"].startswith("pdf-")]
    doc = pypdfium2.PdfDocument(files["carousel-square.pdf"])
    text = words(doc[0].get_textpage().get_text_range())
    assert "1/2" in text[:4] and text.index("1/2") < text.index("Launch")  # kicker row
    cover = doc[0].render(scale=1 / PT_PER_PX).to_pil().convert("RGB")
    rocket = cover.crop((86, 230, 200, 330)).getcolors(1 << 16)
    assert len(rocket) > 200  # a colour bitmap, not one ink
    footer = cover.crop((60, 900, 540, 1030))
    blue = sum(n for n, (r, g, b) in footer.getcolors(1 << 16) if b > 150 and r < 60)
    assert blue > 1500  # the logo's blue, beside "Shared from Orbit News"
