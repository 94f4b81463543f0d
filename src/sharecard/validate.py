"""Checks of values that come from outside, shared by every way in (the CLI, the API,
batch and the service), so all of them refuse the same things with the same words.

Only checks that need nothing above the ground live here; each raises `ConfigError`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sharecard.errors import ConfigError


def check_url(url: str, source: str | None = None) -> str:
    """`url` if it is an absolute http(s) URL without spaces; ConfigError otherwise.
    (A ``javascript:`` or ``file:`` link must never be printed on a card or put in a
    blurb's link.)"""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"not an http(s) URL: {url!r}", source)
    if any(ch.isspace() or ord(ch) < 0x20 for ch in url):
        raise ConfigError(f"URL contains spaces or control characters: {url!r}", source)
    return url


# Dask's network transports; an address without one is TCP, as Dask reads it. (Not
# inproc://, which reaches only a scheduler in the same process.)
SCHEDULER_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")


def check_scheduler(address: str) -> str:
    """A Dask scheduler address checked before anything starts (scheme, host, port):
    ``tcp://host:8786``, ``tls://…``, or ``host:port`` (TCP). ConfigError otherwise: Dask
    itself raises a ValueError deep in its connection code, or waits forever."""
    text = address.strip()
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest = "tcp", text
    scheme = scheme.lower()
    if scheme not in SCHEDULER_SCHEMES:
        raise ConfigError(f"not a Dask scheduler address: unknown scheme '{scheme}' "
                          f"(use {', '.join(s + '://' for s in SCHEDULER_SCHEMES[:4])})",
                          address)
    parts = urlsplit(f"//{rest}")
    try:
        port = parts.port
    except ValueError:
        raise ConfigError("not a Dask scheduler address: the port must be a number from 1 "
                          "to 65535", address) from None
    if not parts.hostname:
        raise ConfigError("not a Dask scheduler address: no host (use tcp://HOST:8786)",
                          address)
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ConfigError("not a Dask scheduler address: only scheme://host:port",
                          address)
    if port == 0:
        raise ConfigError("not a Dask scheduler address: the port must be a number from 1 "
                          "to 65535", address)
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{scheme}://{host}" + (f":{port}" if port is not None else "")
