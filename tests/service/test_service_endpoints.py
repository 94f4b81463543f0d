"""Every endpoint of `sharecard serve`, over a real socket: images byte-identical to
`sharecard render`, the bundle zip, blurbs, the og:image URL form with its caching
headers, health, metrics and the OpenAPI document."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from service.serverkit import DATA, SEED, Server
from support.cli import run_cli

QUOTED = DATA / "quotes" / "en-rates.txt"  # a quotation with a named speaker

HEADLINE = "Putin, Iran deepen military coordination"


def cli_bundle(tmp_path: Path, source: Path, *args: str) -> Path:
    run = run_cli(["render", str(source), "-o", str(tmp_path), *args])
    assert run.exit_code == 0, run.stderr
    return tmp_path / source.stem


def test_card_png_is_byte_identical_to_sharecard_render(server: Server, tmp_path):
    with server.client() as http:
        response = http.post("/v1/card", content=SEED.read_bytes(),
                             headers={"Content-Type": "text/plain"})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "image/png"
        folder = cli_bundle(tmp_path, SEED, "--preset", "og")
        assert response.content == (folder / "og-cover.png").read_bytes()

        dark = http.post("/v1/card", params={"preset": "square", "theme": "dark",
                                             "scale": "2", "format": "webp"},
                         content=SEED.read_bytes())
        folder = cli_bundle(tmp_path / "dark", SEED, "--preset", "square", "--theme", "dark",
                            "--scale", "2", "--format", "webp")
        assert dark.status_code == 200, dark.text
        assert dark.content == (folder / "square-cover.webp").read_bytes()
        assert Image.open(io.BytesIO(dark.content)).size == (2160, 2160)


@pytest.mark.parametrize(("name", "content_type", "source"), [
    ("seed.md", "text/markdown; charset=utf-8", None),
    ("seed.json", "application/json", None),
    ("seed.yaml", "application/yaml", None),
    ("seed.md", "text/plain", "markdown"),
])
def test_card_reads_each_format_by_content_type_or_from(server: Server, tmp_path, name,
                                                        content_type, source):
    path = DATA / name
    params = {"preset": "linkedin", **({"from": source} if source else {})}
    with server.client() as http:
        response = http.post("/v1/card", params=params, content=path.read_bytes(),
                             headers={"Content-Type": content_type})
    assert response.status_code == 200, response.text
    folder = cli_bundle(tmp_path, path, "--preset", "linkedin")
    assert response.content == (folder / "linkedin-cover.png").read_bytes()


def test_card_svg_section_and_quote(server: Server):
    with server.client() as http:
        section = http.post("/v1/card", params={"card": "section", "index": 2,
                                                 "format": "svg"}, content=SEED.read_bytes())
        quote = http.post("/v1/card", params={"card": "quote", "format": "jpeg"},
                          content=QUOTED.read_bytes())
        unquoted = http.post("/v1/card", params={"card": "quote"}, content=SEED.read_bytes())
        missing = http.post("/v1/card", params={"card": "section", "index": 40},
                            content=SEED.read_bytes())
    assert section.status_code == 200 and section.headers["content-type"] == "image/svg+xml"
    assert "So why are people treating it seriously?" in section.text
    assert quote.status_code == 200 and quote.content[:3] == b"\xff\xd8\xff"
    assert unquoted.status_code == 422  # the seed quotes no one by name
    assert unquoted.json() == {"error": "no-such-card", "message": "the briefing quotes no "
                               "one it names, so there is no quote card"}
    assert missing.status_code == 422
    assert missing.json() == {"error": "no-such-card",
                              "message": "section 40 does not exist; the briefing has 8"}


def test_card_with_a_logo_matches_sharecard_render_with_that_logo(server: Server, tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">'
                    '<rect width="40" height="20" fill="#0055AA"/></svg>')
    with server.client() as http:
        response = http.post("/v1/card", files={
            "briefing": ("seed.txt", SEED.read_bytes(), "text/plain"),
            "logo": ("logo.svg", logo.read_bytes(), "image/svg+xml")})
        plain = http.post("/v1/card", content=SEED.read_bytes())
    assert response.status_code == 200, response.text
    folder = cli_bundle(tmp_path / "cli", SEED, "--preset", "og", "--logo", str(logo))
    assert response.content == (folder / "og-cover.png").read_bytes()
    assert response.content != plain.content


def test_bundle_zip_holds_what_sharecard_render_writes(server: Server, tmp_path):
    with server.client() as http:
        response = http.post("/v1/bundle", params={"presets": "og,story",
                                                   "cards": "cover,quote"},
                             content=SEED.read_bytes())
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    slug = "putin-iran-deepen-military-coordination"
    assert response.headers["content-disposition"] == f'attachment; filename="{slug}.zip"'
    folder = cli_bundle(tmp_path, SEED, "--preset", "og,story", "--cards", "cover,quote")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = sorted(n.removeprefix(f"{slug}/") for n in archive.namelist())
        assert names == sorted(p.name for p in folder.iterdir())
        for name in names:
            data = archive.read(f"{slug}/{name}")
            if name == "manifest.json":
                ours, theirs = json.loads(data), json.loads((folder / name).read_bytes())
                assert ours["input"]["name"] == "<bytes>" and ours["slug"] == slug
                for key in ("files", "cards", "warnings", "settings"):
                    assert ours[key] == theirs[key], key
            else:
                assert data == (folder / name).read_bytes(), name


def test_blurb_json_matches_the_bundle_blurbs(server: Server, tmp_path):
    url = "https://example.com/b/1"
    with server.client() as http:
        response = http.post("/v1/blurb", params={"url": url},
                             content=(DATA / "seed.json").read_bytes(),
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    body = response.json()
    folder = cli_bundle(tmp_path, DATA / "seed.json", "--preset", "og", "--url", url)
    expected = json.loads((folder / "blurbs.json").read_text(encoding="utf-8"))
    assert body["platforms"] == expected["platforms"]
    assert body["default"] == expected["default"] and body["url"] == url
    for platform in ("x", "bluesky", "mastodon"):
        thread = json.loads((folder / f"thread-{platform}.json").read_text(encoding="utf-8"))
        assert body["threads"][platform] == [p["text"] for p in thread["posts"]]


def test_og_png_is_the_cover_of_the_same_briefing_as_json(server: Server, tmp_path):
    params = [("headline", "Rates hold as inflation cools"), ("bullets", "Core prices rose 0.2%"),
              ("bullets", "Markets expect a cut in March"), ("brand", "The Daily"),
              ("date", "2025-03-14")]
    source = tmp_path / "og.json"
    source.write_text(json.dumps({
        "headline": "Rates hold as inflation cools",
        "bullets": ["Core prices rose 0.2%", "Markets expect a cut in March"],
        "attribution": {"brand": "The Daily"}, "date": "2025-03-14"}), encoding="utf-8")
    with server.client() as http:
        response = http.get("/v1/og.png", params=params)
        assert response.status_code == 200, response.text
        folder = cli_bundle(tmp_path / "cli", source, "--preset", "og")
        assert response.content == (folder / "og-cover.png").read_bytes()
        etag = response.headers["etag"]
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert etag.startswith('"') and len(etag) == 42  # strong: no W/
        for tag in (etag, f'W/{etag}', f'"other", {etag}', "*"):
            again = http.get("/v1/og.png", params=params, headers={"If-None-Match": tag})
            assert again.status_code == 304 and again.content == b""
            assert again.headers["etag"] == etag
        stale = http.get("/v1/og.png", params=params, headers={"If-None-Match": '"old"'})
        assert stale.status_code == 200 and stale.content == response.content
        other = http.get("/v1/og.png", params=[*params[:-1], ("date", "2025-03-15")])
        assert other.status_code == 200 and other.headers["etag"] != etag


def test_head_og_png_answers_like_get_without_a_body(server: Server):
    params = [("headline", "Heads up: HEAD renders the same cover"), ("brand", "The Daily")]
    with server.client() as http:
        got = http.get("/v1/og.png", params=params)
        head = http.head("/v1/og.png", params=params)
        again = http.head("/v1/og.png", params=params,
                          headers={"If-None-Match": got.headers["etag"]})
        bad = http.head("/v1/og.png", params={"headline": "x", "headine": "typo"})
    assert got.status_code == head.status_code == 200, head.headers
    assert head.content == b""
    for name in ("etag", "cache-control", "content-type", "content-length"):
        assert head.headers[name] == got.headers[name], name
    assert int(head.headers["content-length"]) == len(got.content)
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == got.headers["etag"]
    assert bad.status_code == 422 and bad.content == b""
    assert bad.headers["content-type"] == "application/json"


def test_og_png_refuses_unknown_parameters(server: Server):
    with server.client() as http:
        response = http.get("/v1/og.png", params={"headline": "x", "headine": "typo"})
    assert response.status_code == 422
    assert response.json()["error"] == "bad-option"
    assert "unknown og.png parameter 'headine'" in response.json()["message"]


def test_healthz_metrics_openapi_and_docs(server: Server):
    with server.client() as http:
        before = server.metric("sharecard_requests_total", route="/v1/card", method="POST",
                               status="200")
        assert http.post("/v1/card", content=SEED.read_bytes()).status_code == 200
        health = http.get("/healthz").json()
        metrics = http.get("/metrics")
        schema = http.get("/openapi.json").json()
        docs = http.get("/docs")
    assert health["status"] == "ok" and health["workers"] == 2
    assert metrics.headers["content-type"].startswith("text/plain")
    after = server.metric("sharecard_requests_total", route="/v1/card", method="POST",
                          status="200")
    assert after == before + 1
    assert server.metric("sharecard_render_seconds_count", endpoint="card") >= 1
    assert server.metric("sharecard_workers") == 2
    for name in ("sharecard_queue_depth", "sharecard_renders_in_flight"):
        assert f"# TYPE {name} gauge" in metrics.text
    assert server.metric("sharecard_rejections_total", reason="overloaded") == 0
    assert 'sharecard_rejections_total{reason="render-timeout"}' in metrics.text
    assert set(schema["paths"]) == {"/v1/card", "/v1/bundle", "/v1/preview", "/v1/blurb",
                                    "/v1/og.png", "/healthz", "/metrics"}
    assert set(schema["paths"]["/v1/og.png"]) == {"get", "head"}
    preview = schema["paths"]["/v1/preview"]["post"]
    assert {p["name"] for p in preview["parameters"]} == {
        "presets", "cards", "theme", "scale", "url", "brand", "date"}  # ?from=: not documented
    assert set(preview["responses"]["200"]["content"]) == {"text/html"}
    assert "logo" in preview["requestBody"]["content"]["multipart/form-data"]["schema"][
        "properties"]
    body = schema["paths"]["/v1/card"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"] == {"$ref": "#/components/schemas/Briefing"}
    assert "Briefing_section" in schema["components"]["schemas"]
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "code"), [
    ("GET", "/nowhere", {}, 404, "not-found"),
    ("DELETE", "/v1/card", {}, 405, "method-not-allowed"),
    ("POST", "/v1/card", {"content": b"", "headers": {"Content-Type": "text/plain"}}, 400,
     "bad-request"),
    ("POST", "/v1/card", {"content": b"x", "headers": {"Content-Type": "image/png"}}, 415,
     "unsupported-media-type"),
    ("POST", "/v1/card", {"content": "Überschrift".encode("latin-1"),
                          "headers": {"Content-Type": "text/plain; charset=latin-1"}}, 415,
     "unsupported-media-type"),
    ("POST", "/v1/card?scale=9", {"content": b"x"}, 422, "bad-parameter"),
    ("POST", "/v1/card?theme=neon", {"content": b"x"}, 422, "bad-parameter"),
    ("POST", "/v1/card?preset=huge", {"content": b"x"}, 422, "bad-parameter"),
    ("POST", "/v1/card", {"content": b'{"headline": 3}',
                          "headers": {"Content-Type": "application/json"}}, 422,
     "bad-schema"),
    ("POST", "/v1/blurb", {"content": b"\n\n  \n"}, 422, "bad-input"),
    ("GET", "/v1/og.png", {}, 422, "bad-parameter"),
])
def test_errors_are_json_with_the_right_status(server: Server, method, path, kwargs, status,
                                               code):
    with server.client() as http:
        response = http.request(method, path, **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert set(body) == {"error", "message"} and body["error"] == code
    assert "Traceback" not in body["message"]
