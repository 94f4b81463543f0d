"""Signed og:image URLs: only URLs the publisher made render when a key is configured.

Why: ``GET /v1/og.png?headline=…`` draws whatever the query says. Open to the world, it
lets anyone put words on a card under the newsroom's brand, served from its domain, and
spend its CPU. With ``SHARECARD_SIGNING_KEY`` set, the service renders a URL only when
its ``sig`` is the HMAC-SHA256, under that key, of the URL's *canonical query*:

1. split the query at ``&`` and ``=`` and percent-decode each name and value as UTF-8
   (``+`` is a space), dropping every ``sig`` parameter;
2. order the pairs by name, keeping the order of repeated names (bullets stay in order);
3. join them as ``name=value`` with ``&``, each percent-encoded as RFC 3986 unreserved
   characters only (``A–Z a–z 0–9 - . _ ~`` stay, every other byte is ``%XX``, upper case).

``sig`` is the MAC in lower-case hex. A CMS in any language can do the same in a few
lines; the path is not signed, so the service may sit under any prefix behind a proxy.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from urllib.parse import parse_qsl, quote, urlencode

from sharecard.errors import ConfigError
from sharecard.ogurl.query import check_parameters

KEY_VARIABLE = "SHARECARD_SIGNING_KEY"
SIGNATURE = "sig"
_HEX_MAC = re.compile(r"[0-9a-f]{64}")
# What a query may hold unescaped (RFC 3986 query characters, percent escapes); such a
# query is printed as written, anything else is re-encoded first.
_PLAIN_QUERY = re.compile(r"(?:[A-Za-z0-9\-._~!$'()*+,;=:@/?&]|%[0-9A-Fa-f]{2})*")


class BadQuery(ValueError):
    """The query string cannot be decoded (bad percent escapes or not UTF-8)."""


def query_pairs(query: str) -> list[tuple[str, str]]:
    """(name, value) pairs of a raw query string, decoded strictly as UTF-8."""
    try:
        return parse_qsl(query, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadQuery(f"the query string is not valid percent-encoded UTF-8: {exc}") from None


def canonical_query(pairs: list[tuple[str, str]]) -> str:
    """The signed form of a query (see the module docstring), without ``sig``."""
    kept = sorted(((k, v) for k, v in pairs if k != SIGNATURE), key=lambda kv: kv[0])
    return urlencode(kept, quote_via=quote, safe="")


def key_bytes(key: str | bytes | None) -> bytes:
    """The signing key: `key`, else ``SHARECARD_SIGNING_KEY``; ConfigError when neither."""
    if key is None:
        key = os.environ.get(KEY_VARIABLE, "")
    data = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    if not data:
        raise ConfigError(f"no signing key: set {KEY_VARIABLE} (the key the service runs with)")
    return data


def signature(pairs: list[tuple[str, str]], key: bytes) -> str:
    """Lower-case hex HMAC-SHA256 of the canonical query."""
    return hmac.new(key, canonical_query(pairs).encode("ascii"), hashlib.sha256).hexdigest()


def verify(pairs: list[tuple[str, str]], key: bytes) -> str | None:
    """None when the pairs carry exactly one valid ``sig``; else why not (for the 403)."""
    given = [v for k, v in pairs if k == SIGNATURE]
    if not given:
        return "the URL is not signed (no sig parameter)"
    if len(given) > 1:
        return "the URL has more than one sig parameter"
    if not _HEX_MAC.fullmatch(given[0]):
        return "sig is not a 64-digit lower-case hex HMAC-SHA256"
    if not hmac.compare_digest(given[0], signature(pairs, key)):
        return "sig does not match the query (wrong key, or the URL was changed)"
    return None


def sign_url(url: str, *, key: str | bytes | None = None) -> str:
    """`url` with ``&sig=…`` appended (any old ``sig`` dropped). A query written with URL
    characters only is kept as written; one with spaces or non-ASCII text is
    percent-encoded first, so the result is always a valid URL."""
    secret = key_bytes(key)
    head, _, fragment = url.partition("#")
    base, _, query = head.partition("?")
    try:
        pairs = query_pairs(query)
    except BadQuery as exc:
        raise ConfigError(str(exc), url[:200]) from None
    if not pairs:
        raise ConfigError("the URL has no query to sign", url[:200])
    if base.rstrip("/").endswith("/og.png") or base == "og.png":
        check_parameters(pairs)
    kept = "&".join(p for p in query.split("&") if p and p.split("=", 1)[0] != SIGNATURE)
    if not _PLAIN_QUERY.fullmatch(kept):
        kept = urlencode([(k, v) for k, v in pairs if k != SIGNATURE], quote_via=quote, safe="")
    signed = f"{base}?{kept}&{SIGNATURE}={signature(pairs, secret)}"
    return f"{signed}#{fragment}" if fragment else signed
