"""`sharecard carousel` and `render --format pdf`: the PDF and the numbered PNGs land in
the bundle and its manifest; bad input is one line and exit 2, with nothing written."""

from __future__ import annotations

import hashlib
import io
import json

import pypdf

from support.cli import run_cli

from .carouselkit import CORPUS

SEED = str(CORPUS / "seed-putin-iran.txt")
URL = "https://example.com/briefings/putin-iran"


def _manifest(bundle):
    return json.loads((bundle / "manifest.json").read_text("utf-8"))


def test_carousel_writes_the_pdf_and_the_png_series(tmp_path):
    run = run_cli(["carousel", SEED, "-o", str(tmp_path), "--url", URL])
    assert run.exit_code == 0, run.stderr
    bundle = tmp_path / "seed-putin-iran"
    pdf = bundle / "carousel-square.pdf"
    pngs = sorted(p.name for p in (bundle / "carousel-square").iterdir())
    doc = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    assert len(doc.pages) == len(pngs) == 10
    assert pngs[0] == "01-cover.png" and pngs[-1] == "10-end.png"
    assert f"{pdf}  10 pages (10 with text)" in run.text
    rows = {row["path"]: row for row in _manifest(bundle)["files"]}
    for path in ["carousel-square.pdf", *(f"carousel-square/{n}" for n in pngs)]:
        data = (bundle / path).read_bytes()
        assert rows[path]["sha256"] == hashlib.sha256(data).hexdigest()
        assert rows[path]["bytes"] == len(data)
    assert rows["carousel-square.pdf"]["page_size_pt"] == [810.0, 810.0]
    assert rows["carousel-square/10-end.png"]["kind"] == "slide"
    # The cards the carousel shows are in the bundle too, as every render has them.
    assert (bundle / "square-cover.png").is_file()
    assert (bundle / "square-section-08.svg").is_file()  # the seed quotes no one by name
    assert not (bundle / "square-quote.svg").exists()


def test_portrait_preset(tmp_path):
    run = run_cli(["carousel", SEED, "-o", str(tmp_path), "--preset", "portrait"])
    assert run.exit_code == 0, run.stderr
    doc = pypdf.PdfReader(tmp_path / "seed-putin-iran" / "carousel-portrait.pdf")
    page = doc.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (810.0, 1012.5)


def test_render_format_pdf_adds_the_carousel(tmp_path):
    run = run_cli(["render", SEED, "-o", str(tmp_path), "--format", "pdf", "--preset",
                   "square", "--cards", "cover,sections,quote", "--json"])
    assert run.exit_code == 0, run.stderr
    manifest = json.loads(run.text)
    paths = {row["path"] for row in manifest["files"]}
    assert "carousel-square.pdf" in paths and "carousel-square/01-cover.png" in paths
    assert "square-cover.png" in paths  # PDF alone still gives the cards' images
    assert manifest["settings"]["formats"] == ["pdf"]


def test_same_input_gives_the_same_bytes(tmp_path):
    for out in ("a", "b"):
        run = run_cli(["carousel", SEED, "-o", str(tmp_path / out), "--url", URL])
        assert run.exit_code == 0, run.stderr
    a, b = tmp_path / "a" / "seed-putin-iran", tmp_path / "b" / "seed-putin-iran"
    assert (a / "manifest.json").read_bytes() == (b / "manifest.json").read_bytes()
    assert (a / "carousel-square.pdf").read_bytes() == (b / "carousel-square.pdf").read_bytes()


def test_bad_input_is_one_line_and_writes_nothing(tmp_path):
    run = run_cli(["carousel", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out")])
    assert run.exit_code == 2
    assert run.stderr.count("\n") == 1 and "missing.txt" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()
    bad = run_cli(["carousel", SEED, "-o", str(tmp_path / "out"), "--preset", "nope"])
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "nope" in bad.stderr
