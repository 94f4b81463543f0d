"""The ASGI app: routes, OpenAPI, errors and metrics around the render workers.

FastAPI (on Starlette) because the service's contract is its OpenAPI document: query
parameters are declared once, with their types and bounds, and FastAPI both validates
requests against them and publishes them at ``/openapi.json`` (and ``/docs``), so the
schema a client or schemathesis reads is the one the code enforces. Plain Starlette
would need the same schema written by hand beside hand-written validation.

The app never renders: it reads and checks the request, hands a small job to the
worker pool and streams back the bytes. Request bodies are read raw (not through
FastAPI's body models) so size and time limits apply before anything is parsed.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sharecard._version import __version__
from sharecard.cards.config import Settings
from sharecard.cards.presets import get_preset
from sharecard.errors import SharecardError
from sharecard.ogurl.query import (
    MAX_BRAND,
    MAX_BULLET,
    MAX_BULLETS,
    MAX_HEADLINE,
    MAX_URL,
    OgQuery,
    check_parameters,
)
from sharecard.ogurl.signing import BadQuery, canonical_query, query_pairs, verify
from sharecard.service import jobs
from sharecard.service.body import read_upload
from sharecard.service.errors import (
    INTERNAL,
    STATUS_CODES,
    HTTPProblem,
    error_response,
    problem_for,
)
from sharecard.service.limits import Limits, check_pixels
from sharecard.service.metrics import CONTENT_TYPE as METRICS_TYPE
from sharecard.service.metrics import REJECTIONS, Metrics
from sharecard.service.openapi import (
    BLURB_EXAMPLE,
    briefing_request_body,
    briefing_schemas,
    error_responses,
)
from sharecard.service.pool import (
    Overloaded,
    RenderPool,
    RenderTimeout,
    WorkerCrashed,
    WorkerLost,
)

log = logging.getLogger("sharecard.service")

IMMUTABLE = "public, max-age=31536000, immutable"
# The feed preview page: its images are data: URIs, its CSS inline, and it runs nothing.
PREVIEW_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
SAFE_FILENAME = re.compile(r"[a-z0-9][a-z0-9-]{0,80}\.zip")
ETAG_MEMORY = 10_000  # og.png ETags remembered, so a revalidation skips the render
InputFormat = Literal["scout", "markdown", "json", "yaml"]
# What the OpenAPI document promises, exactly: named presets (the service also takes a
# WxH size, as the command line does, see docs/service.md; its aspect limit cannot be
# said in a pattern), card kinds, image formats, each list comma-separated.
PRESET_NAMES = ("og", "x", "x-card", "linkedin", "square", "portrait", "story", "pinterest")
_SIDE = r"(20[0-9]|2[1-9][0-9]|[3-9][0-9]{2}|[1-3][0-9]{3}|40[0-8][0-9]|409[0-6])"
_PRESET = rf"({'|'.join(PRESET_NAMES)}|{_SIDE}x{_SIDE})"
PRESET_PATTERN = rf"^{_PRESET}$"
PRESET_LIST = rf"^(all|{_PRESET}(,{_PRESET})*)$"
FORMAT_LIST = r"^(png|jpeg|jpg|webp)(,(png|jpeg|jpg|webp))*$"
BUNDLE_CARDS = ("cover", "sections", "section", "quote")
CARD_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,31}$"
# A briefing's text fields as the structured reader takes them (the og.png URL becomes
# a JSON briefing): not blank, no control characters, the schema's date and language.
# Spaces are spelled out (not \s), so that JSON Schema's regexes and Python's agree.
_SPACES = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
TEXT_PATTERN = rf"^[^\x00-\x1f\x7f-\x9f]*[^{_SPACES}\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
DATE_PATTERN = (r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
                r"(Z|[+-]\d{2}:?\d{2})?)?$")
LANG_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
_NOT_URL = r"\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
URL_PATTERN = rf"^https?://[^/?#{_NOT_URL}]+[^{_NOT_URL}]*$"  # as the briefing schema


# Query parameters, declared once: FastAPI validates them and publishes them in OpenAPI.
CardParam = Annotated[str, Query(
    pattern=CARD_PATTERN, description="cover, section, quote, or a kind the server's "
    "templates add.")]
IndexParam = Annotated[int, Query(ge=0, le=999, description="The section (0-based) of a "
                                  "section card.")]
PresetParam = Annotated[str, Query(
    pattern=PRESET_PATTERN, description="og, x, x-card, linkedin, square, portrait, story, "
    "pinterest, or WxH: each side 200–4096 px, at most 4:1 (422 beyond).")]
PresetsParam = Annotated[str | None, Query(
    pattern=PRESET_LIST, description="Comma-separated presets, or 'all'; default: the "
    "server's.")]
CardsParam = Annotated[str | None, Query(
    pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,31}(,[A-Za-z][A-Za-z0-9_-]{0,31})*$",
    description="Comma-separated: cover, sections, quote (or a kind the server's templates "
    "add); default: the server's.")]
ThemeParam = Annotated[Literal["light", "dark"], Query()]
ImageFormatParam = Annotated[Literal["png", "jpeg", "webp", "svg"], Query(alias="format")]
FormatsParam = Annotated[str | None, Query(
    alias="format", pattern=FORMAT_LIST, description="Comma-separated: png, jpeg, webp.")]
ScaleParam = Annotated[float, Query(ge=0.25, le=4.0, description="Pixel scale (2: retina).")]
MaybeScaleParam = Annotated[float | None, Query(ge=0.25, le=4.0, description="Pixel scale; "
                                                "default: the server's.")]
MaybeThemeParam = Annotated[Literal["light", "dark"] | None, Query()]
# Not in the OpenAPI document: it ties the body's schema to a query value, which OpenAPI
# cannot say; the Content-Type is the documented way (docs/service.md describes ?from=).
FromParam = Annotated[InputFormat | None, Query(alias="from", include_in_schema=False)]
# A link a blurb carries must fit the shortest post it goes in (X's 280, where a link it
# does not recognise counts in full) with its UTM tags and a headline beside it: 150
# characters, and a campaign name of at most 40 unreserved characters (no escapes).
MAX_LINK = 150
UrlParam = Annotated[str | None, Query(max_length=MAX_URL, pattern=URL_PATTERN,
                                       description="The link (http or https); default: "
                                       "the briefing's.")]
BlurbUrlParam = Annotated[str | None, Query(max_length=MAX_LINK, pattern=URL_PATTERN,
                                            description="The link the posts carry (http or "
                                            "https); default: the briefing's.")]
UtmParam = Annotated[str | None, Query(pattern=r"^[A-Za-z0-9._~-]{1,40}$",
                                       description="utm_campaign to tag the link with: "
                                       "letters, digits, . _ ~ -")]
LinkParam = Annotated[str | None, Query(
    max_length=MAX_LINK, pattern=URL_PATTERN, description="The link the "
    "cards' footer shows and the link cards name their domain from (http or https); "
    "default: the briefing's.")]
NO_CONTROLS = r"^[^\x00-\x1f\x7f-\x9f]*$"  # text set on a card: no control characters
PreviewBrandParam = Annotated[str | None, Query(
    max_length=MAX_BRAND, pattern=NO_CONTROLS, description="The brand on the cards and "
    "posts (empty: none); default: the briefing's.")]
PreviewDateParam = Annotated[str | None, Query(
    max_length=40, pattern=NO_CONTROLS, description="The date on the cards, as it is to "
    "read; default: the briefing's.")]
HeadlineParam = Annotated[str, Query(min_length=1, max_length=MAX_HEADLINE,
                                     pattern=TEXT_PATTERN)]
BulletsParam = Annotated[list[Annotated[str, Query(max_length=MAX_BULLET,
                                                   pattern=TEXT_PATTERN)]],
                         Query(default_factory=list, max_length=MAX_BULLETS,
                               description="Repeat for each bullet.")]
BrandParam = Annotated[str | None, Query(max_length=MAX_BRAND, pattern=TEXT_PATTERN)]
DateParam = Annotated[str | None, Query(max_length=40, pattern=DATE_PATTERN,
                                        description="YYYY-MM-DD, optionally with a time.")]
LangParam = Annotated[str | None, Query(max_length=35, pattern=LANG_PATTERN,
                                        description="BCP 47 language tag.")]
SigParam = Annotated[str | None, Query(
    pattern=r"^[0-9a-f]{64}$", description="HMAC-SHA256 of the canonical query, hex; "
    "required when the server has a signing key.")]


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """What the service is started with: the look (config file, templates, fonts), the
    limits, the worker count and the signing key (None: og.png URLs need no signature)."""

    settings: Settings = field(default_factory=Settings)
    limits: Limits = field(default_factory=Limits)
    workers: int = 1
    signing_key: bytes | None = None


class PlatformBlurb(BaseModel):
    text: str
    count: int
    limit: int
    counted_as: str


class Blurbs(BaseModel):
    default: str
    url: str | None
    platforms: dict[str, PlatformBlurb]
    threads: dict[str, list[str]]


class Health(BaseModel):
    status: str
    version: str
    workers: int
    in_flight: int
    queued: int


def signed_query(request: Request) -> list[tuple[str, str]]:
    """The og.png query as decoded pairs, its signature checked first: a dependency, so
    an unsigned URL gets its 403 before any parameter is even validated."""
    try:
        pairs = query_pairs(request.scope["query_string"].decode("latin-1"))
    except BadQuery as exc:
        raise HTTPProblem(400, "bad-request", str(exc)) from None
    key: bytes | None = request.app.state.signing_key
    if key is not None:
        why = verify(pairs, key)
        if why is not None:
            raise HTTPProblem(403, "bad-signature", why)
    return pairs


SignedQuery = Annotated[list[tuple[str, str]], Depends(signed_query)]


def _etag(data: bytes) -> str:
    return f'"{hashlib.sha256(data).hexdigest()[:40]}"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 If-None-Match: weak comparison against a list of tags, or ``*``."""
    if not if_none_match:
        return False
    tags = [t.strip() for t in if_none_match.split(",")]
    return any(t == "*" or t.removeprefix("W/") == etag for t in tags)


class MetricsMiddleware:
    """Counts every response by route template, method and status (pure ASGI, so it
    sees streaming responses and errors alike)."""

    METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "other"
            method = scope["method"] if scope["method"] in self.METHODS else "other"
            self.metrics.requests.labels(path, method, str(status)).inc()


class StrictQueryMiddleware:
    """Every query string decoded as strict UTF-8 before anything reads it: a request
    whose query is not valid percent-encoded UTF-8 (``?utm=%FF``) gets 400, on every
    route, where Starlette would replace the bytes and validate what is left."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            try:
                query_pairs(scope["query_string"].decode("latin-1"))
            except BadQuery as exc:
                await error_response(HTTPProblem(400, "bad-request", str(exc)))(
                    scope, receive, send)
                return
        await self.app(scope, receive, send)


def _exact_kinds(schema: dict[str, Any], settings: Settings) -> None:
    """The document's ``card`` and ``cards`` patterns narrowed to the kinds this server
    draws (its templates' kinds): what the parameters' declared patterns only bound."""
    from sharecard.cards.environment import TemplateLibrary

    kinds = [k for k in TemplateLibrary(settings.templates).kinds()]
    one = "|".join(sorted({*kinds}))
    many = "|".join(sorted({*kinds, "sections"}))
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                target = parameter.get("schema", {})
                target = next((s for s in target.get("anyOf", []) if s.get("type") == "string"),
                              target)
                if parameter["name"] == "card":
                    target["pattern"] = rf"^({one})$"
                elif parameter["name"] == "cards":
                    target["pattern"] = rf"^({many})(,({many}))*$"


def create_app(config: ServiceConfig | None = None) -> FastAPI:
    """The service as an ASGI app; its render workers start with the app's lifespan."""
    config = config or ServiceConfig()
    limits = config.limits
    pool = RenderPool(workers=config.workers, queue_size=limits.queue_size,
                      timeout=limits.render_timeout, settings=config.settings)
    metrics = Metrics(in_flight=lambda: pool.in_flight, queued=lambda: pool.queued,
                      restarts=lambda: pool.restarts, workers=config.workers)
    etags: OrderedDict[str, str] = OrderedDict()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            pool.stop()

    app = FastAPI(
        title="sharecard",
        version=__version__,
        summary="Share cards, bundles and blurbs from news briefings, over HTTP.",
        description=(
            "Send a briefing (Scout share text, Markdown, JSON or YAML) and get a share "
            "card, the whole bundle as a zip, or every platform's blurb. `GET /v1/og.png` "
            "renders a cover from its query, for `og:image` tags; with a signing key "
            "configured it renders only signed URLs. Every error is JSON "
            "`{\"error\": code, \"message\": text}`."
        ),
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.add_middleware(StrictQueryMiddleware)
    app.add_middleware(MetricsMiddleware, metrics=metrics)

    async def render(endpoint: str, function: Callable[..., jobs.Output],
                     request: Any, *, idempotent: bool = False) -> jobs.Output:
        output = await pool.run(function, config.settings, limits, request,
                                idempotent=idempotent)
        pool.observe(output.seconds)
        metrics.render_seconds.labels(endpoint).observe(output.seconds)
        return output

    def checked_pixels(preset: str, scale: float) -> None:
        """Refuse an oversized image before reading the body (the worker checks again)."""
        chosen = get_preset(preset)
        check_pixels(chosen.width, chosen.height, scale, limits)

    # -- errors -----------------------------------------------------------------------

    async def on_problem(_: Request, exc: Exception) -> Response:
        problem = problem_for(exc) or INTERNAL
        if problem.code in REJECTIONS:  # a fixed set of labels, whatever the request
            metrics.rejections.labels(problem.code).inc()
        return error_response(problem)

    for known in (HTTPProblem, SharecardError, Overloaded, RenderTimeout, WorkerCrashed,
                  WorkerLost):
        app.add_exception_handler(known, on_problem)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(_: Request, exc: RequestValidationError) -> Response:
        parts = []
        for error in exc.errors()[:3]:
            where = ".".join(str(p) for p in error.get("loc", ()) if p != "query")
            parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
        return error_response(HTTPProblem(422, "bad-parameter", "; ".join(parts)[:500]))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(_: Request, exc: StarletteHTTPException) -> Response:
        code = STATUS_CODES.get(exc.status_code, "http-error")
        message = exc.detail if isinstance(exc.detail, str) else code
        return error_response(HTTPProblem(exc.status_code, code, message[:500],
                                          dict(exc.headers or {})))

    @app.exception_handler(Exception)
    async def on_bug(_: Request, exc: Exception) -> Response:
        log.error("unhandled error", exc_info=exc)
        return error_response(INTERNAL)

    # -- routes -----------------------------------------------------------------------

    def image(output: jobs.Output, **headers: str) -> Response:
        return Response(output.data, media_type=output.media_type,
                        headers={"ETag": _etag(output.data), **headers})

    images = {t: {"schema": {"type": "string", "format": "binary"}}
              for t in ("image/png", "image/jpeg", "image/webp", "image/svg+xml")}

    @app.post(
        "/v1/card",
        summary="One card as an image",
        response_class=Response,
        responses={200: {"description": "The card.", "content": images},
                   **error_responses(400, 408, 413, 415, 422, 503, 504)},
        openapi_extra={"requestBody": briefing_request_body()},
        tags=["render"],
    )
    async def post_card(
        request: Request,
        card: CardParam = "cover",
        index: IndexParam = 0,
        preset: PresetParam = "og",
        theme: ThemeParam = "light",
        fmt: ImageFormatParam = "png",
        scale: ScaleParam = 1.0,
        input_format: FromParam = None,
    ) -> Response:
        checked_pixels(preset, scale)
        upload = await read_upload(request, limits, input_format)
        job = jobs.CardRequest(upload.briefing, upload.input_format, card=card, index=index,
                               preset=preset, theme=theme, fmt=fmt, scale=scale,
                               logo=upload.logo)
        return image(await render("card", jobs.render_card, job))

    @app.post(
        "/v1/bundle",
        summary="The whole bundle as a zip",
        response_class=Response,
        responses={200: {"description": "A zip of <slug>/: cards, blurbs, threads, alt "
                         "text, meta tags and manifest.json.",
                         "content": {"application/zip": {
                             "schema": {"type": "string", "format": "binary"}}}},
                   **error_responses(400, 408, 413, 415, 422, 503, 504)},
        openapi_extra={"requestBody": briefing_request_body()},
        tags=["render"],
    )
    async def post_bundle(
        request: Request,
        presets: PresetsParam = None,
        cards: CardsParam = None,
        theme: MaybeThemeParam = None,
        formats: FormatsParam = None,
        scale: MaybeScaleParam = None,
        input_format: FromParam = None,
    ) -> Response:
        upload = await read_upload(request, limits, input_format)
        job = jobs.BundleRequest(upload.briefing, upload.input_format, presets=presets,
                                 cards=cards, theme=theme, formats=formats, scale=scale,
                                 logo=upload.logo)
        output = await render("bundle", jobs.render_bundle, job)
        name = output.filename or ""  # the slug: [a-z0-9-] only, so safe in a header
        if not SAFE_FILENAME.fullmatch(name):
            name = "bundle.zip"
        return Response(output.data, media_type=output.media_type,
                        headers={"Content-Disposition": f'attachment; filename="{name}"',
                                 "ETag": _etag(output.data)})

    @app.post(
        "/v1/preview",
        summary="The feed preview: the bundle as each platform frames it",
        response_class=Response,
        responses={200: {"description": "One self-contained HTML page: X, LinkedIn, "
                         "Facebook, Bluesky and Mastodon frames with the bundle's images "
                         "inlined as data: URIs, each beside its platform's published size "
                         "and cut rules, crops that cut a headline or footer marked.",
                         "content": {"text/html": {"schema": {"type": "string"}}},
                         "headers": {name: {"schema": {"type": "string"}}
                                     for name in PREVIEW_HEADERS}},
                   **error_responses(400, 408, 413, 415, 422, 503, 504)},
        openapi_extra={"requestBody": briefing_request_body()},
        tags=["render"],
    )
    async def post_preview(
        request: Request,
        presets: PresetsParam = None,
        cards: CardsParam = None,
        theme: MaybeThemeParam = None,
        scale: MaybeScaleParam = None,
        url: LinkParam = None,
        brand: PreviewBrandParam = None,
        date: PreviewDateParam = None,
        input_format: FromParam = None,
    ) -> Response:
        upload = await read_upload(request, limits, input_format)
        job = jobs.PreviewRequest(upload.briefing, upload.input_format, presets=presets,
                                  cards=cards, theme=theme, scale=scale, url=url, brand=brand,
                                  date=date, logo=upload.logo)
        output = await render("preview", jobs.render_preview, job)
        return Response(output.data, media_type=output.media_type, headers=PREVIEW_HEADERS)

    @app.post(
        "/v1/blurb",
        summary="Every platform's blurb and thread",
        response_model=Blurbs,
        responses={200: {"content": {"application/json": {"example": BLURB_EXAMPLE}}},
                   **error_responses(400, 408, 413, 415, 422, 503, 504)},
        openapi_extra={"requestBody": briefing_request_body(logo=False)},
        tags=["render"],
    )
    async def post_blurb(
        request: Request,
        url: BlurbUrlParam = None,
        utm: UtmParam = None,
        input_format: FromParam = None,
    ) -> Response:
        upload = await read_upload(request, limits, input_format)
        if upload.logo is not None:
            raise HTTPProblem(400, "bad-request", "a blurb request takes no logo")
        job = jobs.BlurbRequest(upload.briefing, upload.input_format, url=url, utm=utm)
        output = await render("blurb", jobs.render_blurbs, job)
        return Response(output.data, media_type="application/json")

    og_responses: dict[int | str, dict[str, Any]] = {
        200: {"description": "The cover (PNG). Cacheable for a year: the same URL always "
              "gives the same bytes.",
              "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}}},
        304: {"description": "Not modified (If-None-Match matched the ETag)."},
        **error_responses(400, 403, 422, 503, 504)}

    @app.head(
        "/v1/og.png",
        summary="The og:image cover's headers, without its body",
        description="As GET (the same checks, status, ETag, Content-Length and caching "
        "headers; the cover is rendered to know them), with no body: what a CDN or a link "
        "checker asks before it fetches.",
        response_class=Response,
        responses=og_responses,
        tags=["render"],
    )
    @app.get(
        "/v1/og.png",
        summary="An og:image cover drawn from the URL",
        response_class=Response,
        responses=og_responses,
        tags=["render"],
    )
    async def get_og(
        request: Request,
        pairs: SignedQuery,
        headline: HeadlineParam,
        bullets: BulletsParam,
        brand: BrandParam = None,
        date: DateParam = None,
        url: UrlParam = None,
        lang: LangParam = None,
        preset: PresetParam = "og",
        theme: ThemeParam = "light",
        scale: ScaleParam = 1.0,
        sig: SigParam = None,
    ) -> Response:
        check_parameters(pairs)
        too_long = [b for b in bullets if len(b) > MAX_BULLET]
        if too_long:
            raise HTTPProblem(422, "bad-parameter", f"a bullet is over {MAX_BULLET} characters")
        key = canonical_query(pairs)
        known = etags.get(key)
        cache = {"Cache-Control": IMMUTABLE}
        if known is not None and _matches(request.headers.get("if-none-match"), known):
            return Response(status_code=304, headers={"ETag": known, **cache})
        checked_pixels(preset, scale)
        content = OgQuery(headline, tuple(bullets), brand, date, url, lang)
        job = jobs.CardRequest(content.briefing_json(), "json", preset=preset, theme=theme,
                               scale=scale)
        output = await render("og", jobs.render_card, job, idempotent=True)
        etag = _etag(output.data)
        etags[key] = etag
        etags.move_to_end(key)
        while len(etags) > ETAG_MEMORY:
            etags.popitem(last=False)
        if _matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers={"ETag": etag, **cache})
        return image(output, **cache)

    @app.get("/healthz", response_model=Health, tags=["operations"],
             summary="Liveness: the server answers and its pool is up")
    async def healthz() -> Health:
        return Health(status="ok", version=__version__, workers=pool.workers,
                      in_flight=pool.in_flight, queued=pool.queued)

    @app.get("/metrics", response_class=Response, tags=["operations"],
             summary="Prometheus metrics (text exposition format)",
             responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}})
    async def get_metrics() -> Response:
        return Response(metrics.exposition(), media_type=METRICS_TYPE)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(title=app.title, version=app.version, summary=app.summary,
                                 description=app.description, routes=app.routes)
            schema.setdefault("components", {}).setdefault("schemas", {}).update(
                briefing_schemas())
            _exact_kinds(schema, config.settings)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.state.pool = pool
    app.state.signing_key = config.signing_key
    app.state.metrics = metrics
    return app

