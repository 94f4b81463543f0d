"""`POST /v1/preview` over a real socket: the feed preview page `sharecard.pipeline.feed_preview`
makes, with every image inlined, read back in headless Chromium (every frame there, only
data: images, nothing fetched); its security headers; a hostile headline kept as text;
a logo sent as bytes drawn as `sharecard render --logo` draws it; errors as JSON."""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from service.serverkit import SEED, Server
from sharecard.feeds import FRAMES
from sharecard.pipeline import feed_preview, resolve_settings
from support.browser import require_chromium, shared_chromium
from support.cli import run_cli

URL = "https://www.example.com/briefings/today"
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
HOSTILE = ('</title><script>alert(1)</script><img src=x onerror="alert(2)">'
           '<a href="javascript:alert(3)">x</a> "quoted" & {{ 7*7 }}')
READ_PAGE = """(async () => {
  await Promise.all(Array.from(document.images, (i) => i.decode().catch(() => null)));
  return JSON.stringify({
    frames: Array.from(document.querySelectorAll("section.frame"), (s) => ({
      key: s.dataset.frame, images: s.querySelectorAll(".mock figure img").length})),
    images: Array.from(document.images, (i) => ({src: i.getAttribute("src").slice(0, 40),
                                                ok: i.complete && i.naturalWidth > 0})),
    loaded: performance.getEntriesByType("resource").map((e) => e.name.slice(0, 40)),
    scripts: document.scripts.length,
    headline: document.querySelector("p.headline").textContent,
    title: document.title});
})()"""


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as an HTML parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def in_browser(page: str, folder: Path) -> dict:
    require_chromium()
    path = folder / "preview.html"
    path.write_text(page, encoding="utf-8")
    return json.loads(shared_chromium().evaluate_url(path.as_uri(), READ_PAGE))


def data_images(page: str) -> list[bytes]:
    return [base64.b64decode(m) for m in
            re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)]


def test_preview_is_the_feed_page_with_every_image_inlined(server: Server, tmp_path):
    with server.client() as http:
        response = http.post("/v1/preview", params={"url": URL}, content=SEED.read_bytes(),
                             headers={"Content-Type": "text/plain"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    page = response.text
    # The page the library makes for the same input and options, byte for byte.
    assert page == feed_preview(SEED.read_bytes(), resolve_settings(url=URL, formats="png"))
    got = in_browser(page, tmp_path)
    assert [f["key"] for f in got["frames"]] == [f.key for f in FRAMES]
    assert all(f["images"] == 1 for f in got["frames"]), got["frames"]
    assert got["images"] and all(i["ok"] for i in got["images"]), got["images"]
    assert all(i["src"].startswith("data:image/png;base64,") for i in got["images"])
    assert all(name.startswith("data:") for name in got["loaded"]), got["loaded"]
    assert got["scripts"] == 0
    assert got["headline"] == "Putin, Iran deepen military coordination"
    assert server.metric("sharecard_render_seconds_count", endpoint="preview") >= 1
    assert server.metric("sharecard_requests_total", route="/v1/preview", method="POST",
                         status="200") >= 1


def test_a_hostile_headline_stays_text(server: Server, tmp_path):
    body = json.dumps({"headline": HOSTILE, "bullets": [HOSTILE],
                       "attribution": {"brand": "<b>Brand</b>"}}).encode()
    with server.client() as http:
        response = http.post("/v1/preview", params={"presets": "og", "brand": HOSTILE[:80]},
                             content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    page = response.text
    assert "<script" not in page.lower() and "&lt;script&gt;" in page
    for tag, attrs in tags(page):
        assert tag not in ("script", "a", "iframe", "object", "embed", "base", "form"), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action", "formaction", "srcset", "poster"):
            assert name not in attrs or (tag == "img" and name == "src"), (tag, name)
        if tag == "img":
            assert (attrs["src"] or "").startswith("data:image/png;base64,"), attrs
    got = in_browser(page, tmp_path)
    assert got["scripts"] == 0
    assert got["headline"] == HOSTILE
    assert got["title"] == f"Feed preview: {HOSTILE}"
    assert all(i["ok"] and i["src"].startswith("data:image/png") for i in got["images"])


def test_a_logo_sent_as_bytes_draws_as_sharecard_render_draws_a_logo_file(server: Server,
                                                                          tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">'
                    '<rect width="40" height="20" fill="#0055AA"/></svg>')
    with server.client() as http:
        response = http.post("/v1/preview", params={"presets": "og"}, files={
            "briefing": ("seed.txt", SEED.read_bytes(), "text/plain"),
            "logo": ("logo.svg", logo.read_bytes(), "image/svg+xml")})
    assert response.status_code == 200, response.text
    run = run_cli(["render", str(SEED), "-o", str(tmp_path / "cli"), "--preset", "og",
                   "--logo", str(logo)])
    assert run.exit_code == 0, run.stderr
    cover = (tmp_path / "cli" / "seed-putin-iran" / "og-cover.png").read_bytes()
    assert cover in data_images(response.text)


@pytest.mark.parametrize(("params", "kwargs", "status", "code"), [
    ({"url": "ftp://example.com/x"}, {}, 422, "bad-parameter"),
    ({"url": "javascript:alert(1)"}, {}, 422, "bad-parameter"),
    ({"brand": "bad\x07brand"}, {}, 422, "bad-parameter"),
    ({"presets": "huge"}, {}, 422, "bad-parameter"),
    ({"theme": "neon"}, {}, 422, "bad-parameter"),
    ({}, {"content": b"\n\n  \n"}, 422, "bad-input"),
    ({}, {"content": b""}, 400, "bad-request"),
    ({"presets": "all", "cards": "cover,sections,quote"}, {}, 422, "too-many-images"),
])
def test_preview_errors_are_the_services_json(server: Server, params, kwargs, status, code):
    with server.client() as http:
        response = http.post("/v1/preview", params=params,
                             **(kwargs or {"content": SEED.read_bytes()}))
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == code
    assert "Traceback" not in response.json()["message"]
