"""The og:image URL form: a briefing spelled as a query string, for ``GET /v1/og.png``.

An article page cannot POST; its ``<meta property="og:image">`` is a URL a crawler or CDN
fetches. So the few fields a cover needs travel in the query, and become the same JSON a
publishing system would POST, read by the same structured reader (schema, NFC, control
characters), so a card from a URL and from a body are drawn from identical briefings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sharecard.errors import ConfigError

MAX_HEADLINE = 300
MAX_BULLETS = 6
MAX_BULLET = 300
MAX_BRAND = 80
MAX_URL = 2000

# Every parameter the URL may carry; anything else is refused (a typo in a CMS template
# would otherwise be signed, cached for a year and silently ignored).
PARAMETERS = ("headline", "bullets", "brand", "date", "url", "lang", "preset", "theme",
              "scale", "sig")


@dataclass(frozen=True, slots=True)
class OgQuery:
    """The content parameters of an og:image URL (look parameters are separate)."""

    headline: str
    bullets: tuple[str, ...] = ()
    brand: str | None = None
    date: str | None = None
    url: str | None = None
    lang: str | None = None

    def briefing_json(self) -> bytes:
        """The briefing as the JSON body `POST /v1/card` would take."""
        data: dict[str, object] = {"headline": self.headline, "bullets": list(self.bullets)}
        if self.brand:
            data["attribution"] = {"brand": self.brand}
        for key, value in (("date", self.date), ("url", self.url), ("language", self.lang)):
            if value:
                data[key] = value
        return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def check_parameters(pairs: Sequence[tuple[str, str]]) -> None:
    """ConfigError for an unknown parameter or a missing headline."""
    names = [name for name, _ in pairs]
    unknown = [n for n in names if n not in PARAMETERS]
    if unknown:
        raise ConfigError(f"unknown og.png parameter '{unknown[0][:40]}'; valid parameters: "
                          f"{', '.join(PARAMETERS)}")
    if "headline" not in names:
        raise ConfigError("an og.png URL needs a headline parameter")
