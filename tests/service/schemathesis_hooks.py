"""A schemathesis check of ours (loaded through SCHEMATHESIS_HOOKS by
test_service_schemathesis): a schema-valid request may be refused only by a limit that
spans several parameters or the body's whole text, which no schema can state:

- ``too-many-pixels``: a preset at a scale (1080×1920 at scale 3 is over 4096²);
- ``too-many-images``: presets × cards × formats (× the briefing's sections);
- ``too-much-text``: the briefing's fields together (each is bounded on its own);
- ``bad-size``: a WxH preset over 4:1 (each side is bounded on its own);
- ``bad-logo``: a logo part that is not a usable PNG or SVG (a schema can name the
  media types of a part, not check that its bytes are one);
- ``no-such-card``: a card kind or section index the briefing in the body has nothing
  for (section 963 of a briefing with 2; a quote card of one with no quotation).

Every other refusal of a schema-valid request is a failure, as schemathesis's own
positive-data check would report it; the test widens that check's expected statuses
to 413 and 422 and leaves the judgement to this one."""

from __future__ import annotations

import schemathesis

CROSS_LIMITS = {"too-many-pixels", "too-many-images", "too-much-text", "bad-size",
                "bad-logo", "no-such-card"}


@schemathesis.check
def refusals_are_cross_parameter_limits(ctx, response, case):  # type: ignore[no-untyped-def]
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if response.status_code not in (413, 422):
        return None
    code = (response.headers.get("x-sharecard-error") or [None])[0]  # HEAD: no body
    if code not in CROSS_LIMITS:
        raise AssertionError(f"a schema-valid request was refused with {response.status_code} "
                             f"{code!r}, not a limit across parameters: "
                             f"{response.content[:300]!r}")
    return None
