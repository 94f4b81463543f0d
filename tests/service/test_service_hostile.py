"""Hostile requests, one test each: every one gets a 4xx or a safe render, never a 5xx, a
file read, a template evaluated or a traceback."""

from __future__ import annotations

import io
import json
import re
from xml.etree import ElementTree

import defusedxml.ElementTree as SafeTree
import httpx
import pytest
from PIL import Image

from service.conftest import SIGNING_KEY
from service.serverkit import SEED, Server
from support.cli import run_cli
from support.pngs import claimed_png

SVG_NS = "{http://www.w3.org/2000/svg}"
ENTITY_TRICK = ('<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
                '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>&xxe;&lol2;')
FILE_IMAGE = '<image href="file:///etc/passwd" width="500" height="500"/>'
JINJA = "{{ 7*7 }} {{ ''.__class__.__mro__[1].__subclasses__() }}"
JINJA_BLOCK = "{% for i in range(10**9) %}x{% endfor %}{% include '/etc/passwd' %}"


def card(server: Server, headline: str, fmt: str = "svg", **more: object) -> httpx.Response:
    body = json.dumps({"headline": headline, "bullets": [headline], **more}).encode()
    with server.client() as http:
        return http.post("/v1/card", params={"format": fmt}, content=body,
                         headers={"Content-Type": "application/json"})


def assert_safe_svg(svg: str, headline: str) -> None:
    """The text is set as given (escaped), nothing in the SVG declares entities or points
    outside it, and no file content leaked in."""
    assert "<!DOCTYPE" not in svg and "<!ENTITY" not in svg and "root:x:0" not in svg
    root = SafeTree.fromstring(svg.encode(), forbid_dtd=True)
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href"):
                assert value.startswith(("#", "data:")), (element.tag, value[:80])
    titles = [e.text for e in root.iter(f"{SVG_NS}title")]
    assert headline in titles


def assert_png(response: httpx.Response, size: tuple[int, int] = (1200, 630)) -> None:
    assert response.status_code == 200, response.text
    assert Image.open(io.BytesIO(response.content)).size == size


def assert_refused(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == code, body
    assert "Traceback" not in body["message"] and "root:x:0" not in body["message"]


def test_entity_tricks_in_a_headline_are_text(server: Server):
    svg = card(server, ENTITY_TRICK)
    assert svg.status_code == 200, svg.text
    assert_safe_svg(svg.text, ENTITY_TRICK)
    assert_png(card(server, ENTITY_TRICK, "png"))


def test_an_image_element_in_a_headline_is_text(server: Server):
    svg = card(server, FILE_IMAGE)
    assert svg.status_code == 200, svg.text
    assert_safe_svg(svg.text, FILE_IMAGE)
    assert not list(ElementTree.fromstring(svg.text).iter(f"{SVG_NS}image"))
    assert_png(card(server, FILE_IMAGE, "png"))


def test_template_syntax_in_text_is_not_evaluated(server: Server):
    svg = card(server, JINJA)
    assert svg.status_code == 200, svg.text
    assert_safe_svg(svg.text, JINJA)
    assert "49" not in re.findall(r"<title>(.*?)</title>", svg.text)[1]


def test_template_blocks_in_text_are_not_evaluated(server: Server):
    svg = card(server, JINJA_BLOCK)
    assert svg.status_code == 200, svg.text
    assert_safe_svg(svg.text, JINJA_BLOCK)
    assert_png(card(server, JINJA_BLOCK, "png"))


def logo_card(server: Server, logo: bytes, kind: str = "image/svg+xml") -> httpx.Response:
    with server.client() as http:
        return http.post("/v1/card", files={"briefing": ("b.txt", SEED.read_bytes()),
                                            "logo": ("logo", logo, kind)})


def test_entity_tricks_in_an_svg_logo_are_refused(server: Server):
    logo = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
            b'<text>&xxe;</text></svg>')
    assert_refused(logo_card(server, logo), 422, "bad-logo")
    laughs = (b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>'
              b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2">&b;</svg>')
    assert_refused(logo_card(server, laughs), 422, "bad-logo")


@pytest.mark.parametrize("reference", [
    b'<image href="file:///etc/passwd" width="40" height="20"/>',
    b'<image xlink:href="http://127.0.0.1:9/logo.png" width="40" height="20"/>',
    b'<use href="file:///etc/hosts#x"/>',
    b'<rect width="40" height="20" style="fill:url(file:///etc/passwd)"/>',
    b'<style>@import url("http://127.0.0.1:9/x.css");</style>',
])
def test_an_svg_logo_that_refers_to_anything_outside_itself_is_refused(server: Server,
                                                                       reference):
    logo = (b'<svg xmlns="http://www.w3.org/2000/svg" '
            b'xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">'
            + reference + b'</svg>')
    assert_refused(logo_card(server, logo), 422, "bad-logo")


def test_a_png_logo_bomb_and_an_oversized_logo_are_refused(server: Server):
    bomb = logo_card(server, claimed_png(100_000, 100_000), "image/png")
    assert_refused(bomb, 422, "logo-too-many-pixels")
    assert "10,000,000,000 pixels" in bomb.json()["message"]
    # Under sharecard's own 4096×4096 cap, over the service's (default 2048×2048).
    wide = logo_card(server, claimed_png(3000, 3000), "image/png")
    assert_refused(wide, 422, "logo-too-many-pixels")
    assert "over this service's limit of 4,194,304" in wide.json()["message"]
    assert_refused(logo_card(server, b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png"),
                   422, "bad-logo")
    assert_refused(logo_card(server, b"<svg " + b" " * 300_000 + b"/>"), 413,
                   "logo-too-large")


def test_a_100000x100000_preset_is_refused(server: Server):
    with server.client() as http:
        posted = http.post("/v1/card", params={"preset": "100000x100000"},
                           content=SEED.read_bytes())
        fetched = http.get("/v1/og.png", params={"headline": "x", "preset": "100000x100000"})
        scaled = http.post("/v1/card", params={"preset": "4096x4096", "scale": 4},
                           content=SEED.read_bytes())
        bundle = http.post("/v1/bundle", params={"presets": "og,100000x100000"},
                           content=SEED.read_bytes())
    assert_refused(posted, 422, "bad-parameter")  # the document's pattern: sides to 4096
    assert "preset: String should match pattern" in posted.json()["message"]
    assert_refused(fetched, 422, "bad-parameter")
    assert_refused(scaled, 422, "too-many-pixels")
    assert_refused(bundle, 422, "bad-parameter")


def test_a_50_mb_body_is_refused(server: Server):
    with server.client() as http:
        declared = http.post("/v1/card", content=b"x" * (50 * 1024 * 1024))
        chunked = http.post("/v1/bundle", content=(b"y" * (1024 * 1024) for _ in range(50)))
    assert_refused(declared, 413, "too-large")
    assert_refused(chunked, 413, "too-large")
    assert server.metric("sharecard_rejections_total", reason="too-large") >= 2


def test_too_much_text_in_a_small_body_is_refused(server: Server):
    body = json.dumps({"headline": "x", "sections": [
        {"heading": "h", "body": "word " * 30_000}]}).encode()
    with server.client() as http:
        response = http.post("/v1/blurb", content=body,
                             headers={"Content-Type": "application/json"})
    assert_refused(response, 413, "too-much-text")


def test_invalid_utf8_is_refused(server: Server):
    with server.client() as http:
        body = http.post("/v1/card", content=b"Headline \xff\xfe broken\n- bullet")
        part = http.post("/v1/blurb",
                         files={"briefing": ("b.md", b"# Head \xc3\x28", "text/markdown")})
        query = http.get("/v1/og.png?headline=%FF%FE")
    assert_refused(body, 422, "bad-input")
    assert body.json()["message"] == "not valid UTF-8: byte 0xff at offset 9"
    assert_refused(part, 422, "bad-input")
    assert_refused(query, 400, "bad-request")


def test_a_briefing_cannot_name_a_file_or_a_url_to_fetch(server: Server):
    with server.client() as http:
        url = http.get("/v1/og.png", params={"headline": "x", "url": "file:///etc/passwd"})
        templates = http.post("/v1/card", params={"card": "../../etc/passwd"},
                              content=SEED.read_bytes())
        unknown = http.post("/v1/card", params={"card": "passwd"}, content=SEED.read_bytes())
    assert_refused(url, 422, "bad-parameter")
    assert_refused(templates, 422, "bad-parameter")
    assert_refused(unknown, 422, "bad-option")


def _sign(query: str) -> str:
    from sharecard.ogurl.signing import sign_url

    return sign_url(f"/v1/og.png?{query}", key=SIGNING_KEY)


@pytest.mark.parametrize(("path", "why"), [
    ("/v1/og.png?headline=Rates+hold", "not signed"),
    ("/v1/og.png?headline=Rates+hold&sig=" + "0" * 64, "does not match"),
    ("/v1/og.png?headline=Rates+hold&sig=XYZ", "64-digit"),
    (_sign("headline=Rates+hold").replace("Rates", "Rated"), "does not match"),
    (_sign("headline=Rates+hold") + "&preset=story", "does not match"),
    (_sign("headline=Rates+hold&bullets=a&bullets=b").replace("bullets=a&bullets=b",
                                                             "bullets=b&bullets=a"),
     "does not match"),
    (_sign("headline=Rates+hold") + "&sig=" + "a" * 64, "more than one sig"),
])
def test_a_bad_or_missing_signature_is_forbidden(signed_server: Server, path, why):
    with signed_server.client() as http:
        response = http.get(path)
    assert_refused(response, 403, "bad-signature")
    assert why in response.json()["message"]


def test_head_needs_the_signature_too(signed_server: Server):
    with signed_server.client() as http:
        unsigned = http.head("/v1/og.png?headline=Rates+hold")
        signed = http.head(_sign("headline=Rates+hold"))
    assert unsigned.status_code == 403 and unsigned.content == b""
    assert signed.status_code == 200 and signed.content == b""
    assert signed.headers["content-type"] == "image/png"


def test_sign_url_makes_urls_the_signed_server_renders(signed_server: Server, monkeypatch):
    monkeypatch.setenv("SHARECARD_SIGNING_KEY", SIGNING_KEY)
    run = run_cli(["sign-url", "/v1/og.png?headline=Rates hold as inflation cools"
                   "&bullets=Core prices rose 0.2%25&brand=The Daily"])
    assert run.exit_code == 0, run.stderr
    path = run.text.strip()
    assert path.startswith("/v1/og.png?headline=Rates%20hold%20as%20inflation%20cools&")
    with signed_server.client() as http:
        response = http.get(path)
        assert_png(response)
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        same = http.get(_sign("headline=Rates+hold+as+inflation+cools&"
                              "bullets=Core+prices+rose+0.2%25&brand=The+Daily"))
    assert same.status_code == 200 and same.content == response.content
    monkeypatch.delenv("SHARECARD_SIGNING_KEY")
    missing = run_cli(["sign-url", "/v1/og.png?headline=x"])
    assert missing.exit_code == 2
    assert "no signing key: set SHARECARD_SIGNING_KEY" in missing.stderr
    monkeypatch.setenv("SHARECARD_SIGNING_KEY", SIGNING_KEY)
    typo = run_cli(["sign-url", "/v1/og.png?headline=x&bulets=y"])
    assert typo.exit_code == 2 and "unknown og.png parameter 'bulets'" in typo.stderr
