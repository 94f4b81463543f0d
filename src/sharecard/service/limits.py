"""What one request may cost the service, with safe defaults, and the checks that hold it.

A public rendering endpoint meets hostile and careless input alike; every resource a
request can spend has a cap here, configurable on `sharecard serve`:

- bytes: the request body (413), a logo inside it;
- text: characters in the briefing once read (a 1 MB body of headings is still a lot);
- pixels: the output image (``100000x100000`` or scale 4 on a big preset: 422), a PNG
  logo's decoded size (a 50 kB PNG can claim 100000×100000 pixels);
- time: reading the headers and the body (408), rendering (504, and the worker process
  is replaced);
- headers: the request line and headers together (414, 431; `service.protocol`);
- concurrency: renders at once (the worker count) plus a bounded queue (503 when full).

The checks are pure functions that raise `LimitExceeded` (or `InputError` for a logo
that is unsafe rather than big); the HTTP layer turns them into status codes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sharecard.errors import InputError, SharecardError
from sharecard.images import ImageRefused, ImageTooLarge, check_image, svg_problem
from sharecard.readers.limits import InputLimits

MB = 1024 * 1024


class LimitExceeded(SharecardError):
    """A request over one of the service's limits; `status` is the HTTP status."""

    def __init__(self, problem: str, source: str | None = None, *, status: int = 422,
                 code: str = "limit-exceeded") -> None:
        super().__init__(problem, source)
        self.status = status
        self.code = code

    def with_source(self, source: str) -> LimitExceeded:
        if self.source:
            return self
        return LimitExceeded(self.problem, source, status=self.status, code=self.code)

    def __reduce__(self) -> tuple[object, ...]:  # keyword-only fields survive the worker pipe
        return (_limit_exceeded, (self.problem, self.source, self.status, self.code))


class LogoRefused(InputError):
    """A request's logo that is not a usable image (not a PNG, unsafe or broken SVG):
    the service answers it as 422 ``bad-logo``, apart from a bad briefing."""


def _limit_exceeded(problem: str, source: str | None, status: int, code: str) -> LimitExceeded:
    return LimitExceeded(problem, source, status=status, code=code)


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-request caps (see the module docstring for why each exists)."""

    max_body_bytes: int = 1 * MB
    max_text_chars: int = 100_000
    max_pixels: int = 4096 * 4096  # width × height × scale² of one image
    max_images: int = 64  # images in one bundle (cards × presets × formats)
    max_logo_bytes: int = 256 * 1024
    max_logo_pixels: int = 2048 * 2048
    render_timeout: float = 30.0  # seconds of worker time per request
    body_timeout: float = 15.0  # seconds to receive a request body
    header_timeout: float = 10.0  # seconds to receive a request's headers
    # The request line and headers together: 64 KiB holds the longest og.png query the
    # document allows (a 300-character headline and six bullets, percent-encoded).
    max_header_bytes: int = 64 * 1024
    queue_size: int = 16  # requests waiting for a worker beyond those being rendered

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and math.isfinite(value) and value >= 0):
                raise ValueError(f"limit {name} must be a finite number ≥ 0, not {value!r}")

    @property
    def input_limits(self) -> InputLimits:
        """What a briefing may hold, as every way in checks it (`sharecard.readers.limits`),
        with this service's cap on its text."""
        return InputLimits(max_text_chars=max(1, self.max_text_chars))


def check_pixels(width: int, height: int, scale: float, limits: Limits) -> None:
    """422 when one image would have more pixels than `max_pixels`."""
    pixels = round(width * scale) * round(height * scale)
    if pixels > limits.max_pixels:
        raise LimitExceeded(
            f"the image would be {round(width * scale)}×{round(height * scale)} px "
            f"({pixels} pixels), over this service's limit of {limits.max_pixels}",
            status=422, code="too-many-pixels",
        )


def check_images(count: int, limits: Limits) -> None:
    if count > limits.max_images:
        raise LimitExceeded(f"the bundle would hold {count} images, over this service's "
                            f"limit of {limits.max_images}", status=422, code="too-many-images")


_PNG = b"\x89PNG\r\n\x1a\n"


def check_logo(data: bytes, limits: Limits) -> None:
    """Refuse a request's logo over the service's caps or against its safety rules; the
    logo itself is then made by `sharecard.cards.themes.logo_from_bytes`, as any logo is.

    A PNG is sized from its header by the shared `sharecard.images.check_image` (which
    also holds sharecard's own cap); `max_logo_pixels` may be stricter. An SVG logo may
    not declare a DTD or entities, nor refer to anything outside itself (no ``href`` but
    ``#id``, no ``url(`` but ``url(#id)``), so it cannot pull in a file, a URL, or an
    embedded image of unbounded pixel size: `sharecard.images.svg_problem`, the check
    every way in makes."""
    if len(data) > limits.max_logo_bytes:
        raise LimitExceeded(f"the logo is {len(data)} bytes, over this service's limit of "
                            f"{limits.max_logo_bytes}", status=413, code="logo-too-large")
    if data.startswith(_PNG):
        try:
            pixels = check_image(data).pixels
        except ImageTooLarge as exc:
            pixels = exc.pixels
        except ImageRefused as exc:
            raise LogoRefused(f"the logo is not a usable PNG: {exc}", "logo") from None
        if pixels > limits.max_logo_pixels:
            raise LimitExceeded(f"the logo PNG has {pixels:,} pixels, over this service's "
                                f"limit of {limits.max_logo_pixels:,}", status=422,
                                code="logo-too-many-pixels")
        return
    problem = svg_problem(data)
    if problem is not None:
        raise LogoRefused(f"the logo {problem}", "logo")
