"""The top-level API (`sharecard.read`, `render`, `render_svg`, `bundle`, `bundle_zip`,
`blurb`, `sign_url`): every function, every kind of source, its errors, threads and a
process pool — and its images byte-identical to what `sharecard render` writes."""

from __future__ import annotations

import concurrent.futures
import inspect
import io
import json
import multiprocessing
import pickle
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

import sharecard
import sharecard.public
from sharecard.ogurl.signing import key_bytes, query_pairs, verify
from support.cli import run_cli

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "corpus"
SEED = CORPUS / "seed-putin-iran.txt"
QUOTED = DATA / "quotes" / "en-rates.txt"  # a quotation with a named speaker
HEADLINE = "Putin, Iran deepen military coordination"


def cli_bundle(tmp_path: Path, source: Path, *args: str) -> Path:
    run = run_cli(["render", str(source), "-o", str(tmp_path / "cli"), *args])
    assert run.exit_code == 0, run.stderr
    return tmp_path / "cli" / source.stem


def test_import_is_lazy_and_exports_the_api():
    code = ("import sys, sharecard; loaded = 'sharecard.pipeline' in sys.modules; "
            "f = sharecard.render; "
            "print(loaded, f.__module__, 'sharecard.pipeline' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "sharecard.public", "True"]
    for name in ("read", "render", "render_svg", "bundle", "bundle_zip", "blurb", "sign_url",
                 "Briefing", "Manifest", "SharecardError", "InputError", "ConfigError"):
        assert name in dir(sharecard) and name in sharecard.__all__
    with pytest.raises(AttributeError, match="no attribute 'rendr'"):
        _ = sharecard.rendr


def test_read_takes_a_path_bytes_text_or_a_briefing():
    from_str_path = sharecard.read(str(SEED))
    assert from_str_path.headline == HEADLINE
    assert sharecard.read(SEED) == from_str_path
    assert sharecard.read(SEED.read_bytes()) == from_str_path
    assert sharecard.read(SEED.read_text(encoding="utf-8")) == from_str_path
    assert sharecard.read(from_str_path) is from_str_path
    markdown = sharecard.read("# Rates hold\n\n- Inflation cools", "markdown")
    assert (markdown.headline, markdown.bullets) == ("Rates hold", ("Inflation cools",))


def test_read_errors_are_sharecard_errors():
    with pytest.raises(sharecard.InputError, match=r"missing\.txt: no such file"):
        sharecard.read("missing.txt")
    with pytest.raises(sharecard.InputError, match="not valid UTF-8: byte 0xff at offset 3"):
        sharecard.read(b"abc\xff")
    with pytest.raises(sharecard.ConfigError, match="unknown input format"):
        sharecard.read(b"# x", "docx")
    with pytest.raises(sharecard.InputError, match="must be a path, bytes, text"):
        sharecard.read(42)  # type: ignore[arg-type]


def test_render_is_byte_identical_to_the_cli(tmp_path):
    png = sharecard.render(SEED)
    assert png == (cli_bundle(tmp_path, SEED, "--preset", "og") / "og-cover.png").read_bytes()
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
    dark = sharecard.render(SEED.read_bytes(), preset="square", theme="dark", fmt="webp",
                            scale=2)
    folder = cli_bundle(tmp_path / "dark", SEED, "--preset", "square", "--theme", "dark",
                        "--format", "webp", "--scale", "2")
    assert dark == (folder / "square-cover.webp").read_bytes()
    assert Image.open(io.BytesIO(dark)).size == (2160, 2160)


def test_render_a_section_a_quote_and_a_jpeg():
    section = sharecard.render(SEED, card="section", index=2, preset="x", fmt="jpeg")
    assert section[:3] == b"\xff\xd8\xff"
    assert Image.open(io.BytesIO(section)).size == (1600, 900)
    svg = sharecard.render_svg(SEED, card="section", index=2)
    assert "So why are people treating it seriously?" in svg
    quote = sharecard.render_svg(QUOTED, card="quote", brand="The Daily")
    assert quote.startswith("<svg") and "The Daily" in quote and "Ana Ruiz" in quote
    with pytest.raises(sharecard.NoSuchCard, match="quotes no one it names"):
        sharecard.render_svg(SEED, card="quote")
    with pytest.raises(sharecard.ConfigError, match="section 40 does not exist"):
        sharecard.render(SEED, card="section", index=40)


def test_render_options_are_checked():
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        sharecard.render(SEED, colour="#000000")  # type: ignore[call-arg]
    with pytest.raises(sharecard.ConfigError, match="colors must be a mapping"):
        sharecard.render(SEED, colors="#000000")  # type: ignore[arg-type]
    with pytest.raises(sharecard.ConfigError, match=r"not an http\(s\) URL: 'javascript"):
        sharecard.render(SEED, url="javascript:alert(1)")
    with pytest.raises(sharecard.ConfigError, match=r"not an http\(s\) URL: 'javascript"):
        sharecard.bundle_files(SEED, presets="og", url="javascript:alert(1)")
    with pytest.raises(sharecard.ConfigError, match="'brand' must be a string"):
        sharecard.render(SEED, brand=3)  # type: ignore[arg-type]
    with pytest.raises(sharecard.ConfigError, match="unknown image format 'gif'"):
        sharecard.render(SEED, fmt="gif")
    with pytest.raises(sharecard.ConfigError, match="scale 9 is out of range"):
        sharecard.render(SEED, scale=9)
    with pytest.raises(sharecard.ConfigError, match="out of range"):
        sharecard.render(SEED, preset="100000x100000")
    with pytest.raises(sharecard.ConfigError, match="index must be a whole number"):
        sharecard.render(SEED, index=-1)
    with pytest.raises(sharecard.ConfigError, match="not a hex colour"):
        sharecard.render(SEED, colors={"accent": "red"})


def test_render_svg_brands_and_colours_like_the_cli(tmp_path):
    svg = sharecard.render_svg(SEED, brand="Newsroom", colors={"accent": "#0055AA"})
    folder = cli_bundle(tmp_path, SEED, "--preset", "og", "--brand", "Newsroom",
                        "--accent", "#0055AA")
    assert svg == (folder / "og-cover.svg").read_text(encoding="utf-8")
    assert "#0055AA" in svg


def test_bundle_writes_what_the_cli_writes(tmp_path):
    manifest = sharecard.bundle(QUOTED, tmp_path / "api", presets="og,square",
                                cards="cover,quote", theme="dark")
    folder = cli_bundle(tmp_path, QUOTED, "--preset", "og,square", "--cards", "cover,quote",
                        "--theme", "dark")
    assert manifest.path == tmp_path / "api" / "en-rates"
    written = sorted(p.name for p in manifest.path.iterdir())
    assert written == sorted(p.name for p in folder.iterdir())
    for name in written:
        assert (manifest.path / name).read_bytes() == (folder / name).read_bytes(), name
    assert {f["path"] for f in manifest.files} >= {"og-cover.png", "square-quote.svg"}


def test_bundle_from_text_is_named_after_the_headline(tmp_path):
    manifest = sharecard.bundle(SEED.read_text(encoding="utf-8"), tmp_path, presets="og")
    assert manifest.slug == "putin-iran-deepen-military-coordination"
    assert json.loads((manifest.path / "manifest.json").read_text())["input"]["name"] == "<text>"


def test_bundles_from_bytes_or_a_briefing_are_named_after_the_headline(tmp_path):
    from sharecard.pipeline import render_bundle

    slug = "putin-iran-deepen-military-coordination"
    assert sharecard.bundle(SEED.read_bytes(), tmp_path / "a", presets="og").slug == slug
    lower = render_bundle(SEED.read_bytes(), tmp_path / "b", presets="og")
    assert lower.slug == slug and lower.path == tmp_path / "b" / slug
    assert render_bundle(sharecard.read(SEED), tmp_path / "c", presets="og").slug == slug
    _files, manifest = sharecard.public.bundle_files(SEED.read_bytes(), presets="og")
    assert manifest.slug == slug and manifest.input["name"] == "<bytes>"


def test_the_input_cap_is_five_mb_unless_raised():
    padded = json.dumps({"headline": "Rates hold", "bullets": ["Inflation cools"]}).encode()
    padded += b" " * (5 * 1024 * 1024)
    with pytest.raises(sharecard.InputError, match="larger than the limit of 5242880 bytes"):
        sharecard.read(padded)
    with pytest.raises(sharecard.InputError, match="larger than the limit of 5242880 bytes"):
        sharecard.read(padded.decode("utf-8"))
    raised = 6 * 1024 * 1024
    assert sharecard.read(padded, max_bytes=raised).headline == "Rates hold"
    assert sharecard.read(padded.decode("utf-8"), max_bytes=raised).headline == "Rates hold"
    assert sharecard.render_svg(padded, max_bytes=raised).startswith("<svg")
    assert sharecard.blurb(padded, "x", max_bytes=raised).startswith("Rates hold")
    with pytest.raises(sharecard.InputError, match="larger than the limit of 100 bytes"):
        sharecard.bundle_zip(SEED.read_bytes(), max_bytes=100)


def test_a_logo_given_as_bytes_draws_as_a_logo_file_does(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">'
                    '<rect width="40" height="20" fill="#0055AA"/></svg>')
    png = sharecard.render(SEED, logo=logo.read_bytes())
    assert png == sharecard.render(SEED, logo=logo)
    assert png == (cli_bundle(tmp_path, SEED, "--preset", "og", "--logo", str(logo))
                   / "og-cover.png").read_bytes()
    assert png != sharecard.render(SEED)
    with pytest.raises(sharecard.ConfigError, match="logo must be an SVG or PNG"):
        sharecard.render(SEED, logo=b"GIF89a not a logo")


def test_bundle_zip_is_deterministic_and_complete():
    first = sharecard.bundle_zip(SEED.read_bytes(), presets="og")
    assert first == sharecard.bundle_zip(SEED.read_bytes(), presets="og")
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read(f"{names[0].split('/')[0]}/manifest.json"))
        listed = {f["path"] for f in manifest["files"]}
        assert {n.split("/", 1)[1] for n in names} == listed | {"manifest.json"}
        png = archive.read("putin-iran-deepen-military-coordination/og-cover.png")
    assert png == sharecard.render(SEED)
    with pytest.raises(TypeError, match="unexpected keyword argument 'preset'"):
        sharecard.bundle_zip(SEED, preset="og")  # type: ignore[call-arg]


def test_blurb_and_thread():
    text = sharecard.blurb(SEED, "x", url="https://example.com/b/1")
    assert isinstance(text, str) and text.startswith(HEADLINE)
    assert "https://example.com/b/1" in text
    from sharecard.blurbs import count

    assert count(text, "x") <= 280
    posts = sharecard.blurb(SEED, "bluesky", thread=True)
    assert isinstance(posts, list) and len(posts) > 2 and posts[0].startswith("1/")
    with pytest.raises(sharecard.ConfigError, match="unknown platform 'myspace'"):
        sharecard.blurb(SEED, "myspace")
    with pytest.raises(sharecard.ConfigError, match="threads are made for"):
        sharecard.blurb(SEED, "linkedin", thread=True)


def test_sign_url_uses_the_key_or_the_environment(monkeypatch):
    signed = sharecard.sign_url("/v1/og.png?headline=Rates+hold&bullets=a&bullets=b",
                                key="k1")
    assert signed.startswith("/v1/og.png?headline=Rates+hold&bullets=a&bullets=b&sig=")
    assert verify(query_pairs(signed.split("?", 1)[1]), b"k1") is None
    assert verify(query_pairs(signed.split("?", 1)[1]), b"k2") is not None
    monkeypatch.setenv("SHARECARD_SIGNING_KEY", "k1")
    assert sharecard.sign_url("/v1/og.png?headline=Rates+hold&bullets=a&bullets=b") == signed
    monkeypatch.delenv("SHARECARD_SIGNING_KEY")
    with pytest.raises(sharecard.ConfigError, match="no signing key"):
        key_bytes(None)


def _render_one(name: str) -> bytes:
    return sharecard.render(CORPUS / f"{name}.txt", preset="square")


NAMES = ("seed-putin-iran", "fa-iran-russia", "ja-boj-rates", "grid-bottleneck")


def test_many_threads_render_what_one_thread_renders():
    expected = {name: _render_one(name) for name in NAMES}
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        jobs = [(name, pool.submit(_render_one, name)) for name in NAMES * 4]
        for name, job in jobs:
            assert job.result() == expected[name], name


def test_a_process_pool_renders_and_raises_sharecard_errors():
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as pool:
        images = list(pool.map(_render_one, NAMES[:2]))
        assert images == [_render_one(name) for name in NAMES[:2]]
        failed = pool.submit(sharecard.render, b"headline \xff")
        with pytest.raises(sharecard.InputError,
                           match="<bytes>: not valid UTF-8: byte 0xff at offset 9") as error:
            failed.result()
        assert error.value.source == "<bytes>"


LONG = json.dumps({"headline": " ".join(["Rates hold while the central bank weighs inflation"]
                                        * 15)})  # 120 words: more than any og card holds


def test_a_card_says_what_did_not_fit():
    card = sharecard.card(LONG)
    assert (card.format, card.width, card.height, card.media_type) == (
        "png", 1200, 630, "image/png")
    assert card.data == sharecard.render(LONG)
    assert [w.code for w in card.warnings] == ["clamped", "shrunk"]
    assert [w.code for w in card.lost] == ["clamped"]
    assert card.lost[0].message.startswith("text cut to ")
    svg = sharecard.card(LONG, fmt="svg")
    assert svg.data.decode("utf-8") == sharecard.render_svg(LONG)
    assert (svg.format, svg.media_type, svg.warnings) == (
        "svg", "image/svg+xml", tuple(w for w in card.warnings))
    assert sharecard.card(SEED, preset="square").lost[0].detail == "square-cover: bullet3"


@pytest.mark.parametrize("call", [
    lambda: sharecard.render(LONG, strict=True),
    lambda: sharecard.render_svg(LONG, strict=True),
    lambda: sharecard.card(LONG, fmt="webp", strict=True),
    lambda: sharecard.bundle_files(LONG, presets="og", strict=True),
    lambda: sharecard.bundle_zip(LONG, presets="og", strict=True),
])
def test_strict_raises_a_fit_error_that_names_what_was_cut(call):
    with pytest.raises(sharecard.FitError, match="lost text: text cut to ") as caught:
        call()
    assert [w.code for w in caught.value.warnings] == ["clamped"]
    assert caught.value.exit_code == 2
    again = pickle.loads(pickle.dumps(caught.value))  # it crosses a process pool
    assert str(again) == str(caught.value) and again.warnings == caught.value.warnings


def test_strict_lets_a_card_that_lost_nothing_through():
    headline_only = json.dumps({"headline": "Rates hold as inflation cools"})
    assert sharecard.render(headline_only, strict=True) == sharecard.render(headline_only)


def test_a_strict_bundle_is_not_written(tmp_path):
    with pytest.raises(sharecard.FitError):
        sharecard.bundle(LONG, tmp_path, presets="og", strict=True)
    assert list(tmp_path.iterdir()) == []


ONE_CARD = (sharecard.card, sharecard.render, sharecard.render_svg)
BUNDLES = (sharecard.bundle_files, sharecard.bundle, sharecard.bundle_zip)


def _keywords(function: object) -> dict[str, object]:
    return {name: p.default for name, p in inspect.signature(function).parameters.items()
            if p.kind is inspect.Parameter.KEYWORD_ONLY}


def test_the_card_functions_share_their_arguments_and_defaults():
    card = _keywords(sharecard.card)
    assert card == sharecard.public.CARD_DEFAULTS
    assert _keywords(sharecard.render) == card
    assert _keywords(sharecard.render_svg) == {k: v for k, v in card.items()
                                               if k not in ("fmt", "scale")}
    assert _keywords(sharecard.bundle) == _keywords(sharecard.bundle_files) == _keywords(
        sharecard.bundle_zip)


@pytest.mark.parametrize("function", [*ONE_CARD, *BUNDLES, sharecard.read, sharecard.blurb])
def test_help_describes_every_parameter(function):
    """``help()`` teaches as ``--help`` does: each parameter has a line of its own."""
    doc = inspect.getdoc(function) or ""
    assert not re.search(r"\{[a-z]+\}", doc)  # every shared description was filled in
    for name in inspect.signature(function).parameters:
        assert f"\n    {name}: " in doc or f"\n{name}: " in doc, (function.__name__, name)


def test_every_public_name_is_importable():
    for name in sharecard.__all__:
        assert getattr(sharecard, name) is not None, name
    from sharecard import Card, FitError, bundle_files  # as docs/api.md shows them

    assert Card is sharecard.public.Card and bundle_files is sharecard.public.bundle_files
    assert issubclass(FitError, sharecard.SharecardError)
