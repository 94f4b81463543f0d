"""A link's site: the registrable domain of its host ("reuters.com" for www.reuters.com).

A Markdown link names a page; a card or blurb credits a site. Which part of a host is the
site is not a rule of thumb ("bbc.co.uk", "boj.or.jp", "user.github.io"), so it comes from
the Public Suffix List, through `publicsuffixlist`: it ships the list inside the package
(no network at run time, nothing written to disk), has no dependencies, and is released
whenever the list changes. Loading the list takes ~0.3 s, so it happens on first use.
"""

from __future__ import annotations

import ipaddress
from functools import cache

from publicsuffixlist import PublicSuffixList


@cache
def _list() -> PublicSuffixList:
    return PublicSuffixList()


def site_of(host: str) -> str:
    """The registrable domain of `host` (lowercase, no trailing dot); the host itself when
    it has none (an IP address, "localhost", a bare public suffix)."""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return _list().privatesuffix(host) or host
    return host
