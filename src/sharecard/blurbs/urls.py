"""Find URLs in text exactly where twitter-text finds them.

X counts every URL as 23 and Mastodon does the same for links with a scheme, so a
blurb is only counted right if we agree with them, character for character, on where a
URL starts and ends. This is a re-implementation of twitter-text's `extractUrl` regex
and `extractUrlsWithIndices` (github.com/twitter/twitter-text, js/src, Apache-2.0):
the same character classes, the same TLD list (``tlds.txt``), the same rules for bare
domains ("example.com" counts, "example.de" without a path does not) and the same
length checks (63 per punycoded label, 4096 per URL).

JavaScript regexes see UTF-16 code units, Python sees code points; lengths that
twitter-text measures with ``String.length`` are measured here in UTF-16 units too.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import msgspec

from sharecard.compiled import cached_re

_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
_INVALID = "\ufffe\ufeff\uffff"
_PUNCT = r"!'#%&()*+,\\\-./:;<=>?@\[\]^_{|}~$"
_SPACES = "\x09-\x0d\x20\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CYRILLIC = "\u0400-\u04ff"
_LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_TLD_END = r"(?=[^0-9a-zA-Z@+\-]|\Z)"
_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
# invalidUrlWithoutProtocolPrecedingChars: a URL without a scheme is not taken after these.
_NOT_BEFORE_BARE = frozenset("-_./")

MAX_URL_LENGTH = 4096
MAX_LABEL_LENGTH = 63
MAX_TCO_SLUG_LENGTH = 40
_LABEL_SEPARATORS = re.compile("[.\u3002\uff0e\uff61]")


class UrlMatch(msgspec.Struct, frozen=True):
    """One URL found in a text: code point offsets [start, end)."""

    start: int
    end: int


@cache
def _tlds() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(country, generic) TLDs in twitter-text's published order."""
    text = Path(__file__).with_name("tlds.txt").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
            continue
        current.extend(line.split())
    return tuple(sections["country"]), tuple(sections["generic"])


def _trie(words: tuple[str, ...]) -> str:
    """An alternation of `words` as a prefix tree, longer words tried first.

    twitter-text lists TLDs so that a longer TLD precedes any TLD that is its prefix
    ("嘉里大酒店" before "嘉里"), so "longest first" is its alternation order; the tree
    keeps that order while letting the regex engine reject a position in a few steps
    instead of ~1,600 (which made text like "a.a.a.…" take minutes). It is written
    compactly — no group around a lone branch, a run of one-letter leaves as one class —
    because compiling it is most of a cold start's blurb time; the language and the
    order of the alternatives are the same.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word.lower():
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches: list[str] = []
        leaves: list[str] = []  # consecutive one-letter branches that end a word
        for ch, child in sorted(node.items()):
            if not ch:
                continue
            rest = emit(child)
            if not rest:
                leaves.append(re.escape(ch))
                continue
            if leaves:
                branches.append(_one_of(leaves))
                leaves = []
            branches.append(re.escape(ch) + rest)
        if leaves:
            branches.append(_one_of(leaves))
        if not branches:
            return ""
        optional = "" in node
        if len(branches) == 1 and (not optional or branches[0].startswith("[")
                                   or len(branches[0]) == 1):
            return branches[0] + ("?" if optional else "")
        return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")

    return emit(tree)


def _one_of(chars: list[str]) -> str:
    """Escaped single characters as one item: the character, or a class of them."""
    return chars[0] if len(chars) == 1 else "[" + "".join(chars) + "]"


class _Scan(msgspec.Struct, frozen=True):
    """The small patterns that find where a URL could start (compiled first)."""

    run: re.Pattern[str]
    protocol_before: re.Pattern[str]


class _Patterns(msgspec.Struct, frozen=True):
    """The large patterns (compiled only for a text a TLD may be in)."""

    extract: re.Pattern[str]
    tld: re.Pattern[str]
    ascii_domain: re.Pattern[str]
    invalid_short_domain: re.Pattern[str]
    special_short_domain: re.Pattern[str]
    tco: re.Pattern[str]


@cache
def _scan() -> _Scan:
    flags = re.IGNORECASE
    return _Scan(
        run=re.compile(rf"(?:{_DOMAIN_CHAR}|[._\-])+", flags),
        protocol_before=re.compile(r"https?://\Z", flags),
    )


@cache
def _ascii_starts() -> dict[str, frozenset[str]]:
    """First letter -> the second letters of the TLDs (and "xn--") written in ASCII."""
    country, generic = _tlds()
    if min(len(t) for t in (*country, *generic)) < 2:
        raise ValueError("tlds.txt: a one-letter TLD would need another start check")
    pairs: dict[str, set[str]] = {}
    for tld in (*country, *generic, "xn"):
        first, second = tld[0].lower(), tld[1].lower()
        if first.isascii() and second.isascii():
            pairs.setdefault(first, set()).add(second)
    return {first: frozenset(seconds) for first, seconds in pairs.items()}


def _tld_may_start(text: str, pos: int) -> bool:
    """False only where no TLD can match at `pos`: a check that needs no TLD tree, so
    most texts (no dot before a letter pair that starts a TLD) never compile the large
    patterns below. Two ASCII characters match a TLD's first two (ignoring case) or
    nothing; a non-ASCII one might match anything (no TLD writes an ASCII letter's
    case-insensitive twin, such as the Kelvin sign: the tests check)."""
    pair = text[pos:pos + 2]
    if len(pair) < 2:
        return False
    if not pair.isascii():
        return True
    return pair[1].lower() in _ascii_starts().get(pair[0].lower(), ())


@cache
def _patterns() -> _Patterns:
    """Build the regexes once, composed like twitter-text's ``regexSupplant`` pieces
    (compiled once per machine: the TLD tries take `re` ~130 ms)."""
    country, generic = _tlds()
    cctld = "(?:" + _trie(country) + _TLD_END + ")"
    gtld = "(?:" + _trie(generic) + _TLD_END + ")"
    special_cctld = "(?:(?:co|tv)" + r"(?=[^0-9a-zA-Z@]|\Z))"
    punycode = r"(?:xn--[\-0-9a-z]+)"

    # validDomainName and validSubdomain: the same shape, a subdomain may also hold "_".
    domain_name = rf"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\.)"
    subdomain = rf"(?:(?:{_DOMAIN_CHAR}(?:[_\-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\.)"
    domain = f"(?:{subdomain}*{domain_name}(?:{gtld}|{cctld}|{punycode}))"

    path_char = rf"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&{_LATIN_ACCENTS}]"
    parens = rf"\((?:{path_char}+|(?:{path_char}*\({path_char}+\){path_char}*))\)"
    path_end = rf"(?:[+\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|(?:{parens}))"
    path = rf"(?:(?:{path_char}*(?:{parens}{path_char}*)*{path_end})|(?:@{path_char}+/))"
    query_char = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
    query_end = r"[a-z0-9\-_&=#/]"
    preceding = f"(?:[^A-Za-z0-9@＠$#＃{_INVALID}]|[{_DIRECTIONAL}]|^)"

    extract = (
        f"(?P<before>{preceding})"
        "(?P<url>"
        r"(?P<protocol>https?://)?"
        f"(?P<domain>{domain})"
        r"(?::(?:[0-9]+))?"
        rf"(?P<path>/{path}*)?"
        rf"(?:\?{query_char}*{query_end})?"
        ")"
    )
    flags = re.IGNORECASE
    return _Patterns(
        extract=cached_re(extract, flags),
        tld=cached_re(f"{gtld}|{cctld}|{punycode}", flags),
        ascii_domain=cached_re(
            rf"(?:(?:[\-a-z0-9{_LATIN_ACCENTS}]+)\.)+(?:{gtld}|{cctld}|{punycode})", flags
        ),
        invalid_short_domain=cached_re(f"{domain_name}{cctld}", flags),
        special_short_domain=cached_re(f"{domain_name}{special_cctld}", flags),
        tco=cached_re(r"https?://t\.co/([a-z0-9]+)", flags),
    )


def _candidate_starts(text: str) -> list[int]:
    """Positions where a URL match could start; every other start is bound to fail.

    A URL's domain lies inside one run of domain characters, dots, hyphens and
    underscores, and ends with a TLD right after a dot. A domain can only start before
    the last TLD of its run, so starts after it are skipped. This keeps the search
    linear on runs like "a.a.a.…" where a plain regex scan is quadratic; the result is
    the same as scanning every position (tests hold the two to each other).
    """
    scan = _scan()
    starts: set[int] = set()
    for run in scan.run.finditer(text):
        last_tld = -1
        dot = text.rfind(".", run.start(), run.end() - 1)  # the last dot before the end
        while dot >= 0:
            if _tld_may_start(text, dot + 1) and _patterns().tld.match(text, dot + 1):
                last_tld = dot + 1
                break
            dot = text.rfind(".", run.start(), dot)
        for domain_start in range(run.start(), last_tld):
            for url_start in (domain_start, domain_start - 7, domain_start - 8):
                if url_start < 0:
                    continue
                if url_start != domain_start and not scan.protocol_before.match(
                    text[url_start:domain_start]
                ):
                    continue
                starts.add(max(url_start - 1, 0))
    return sorted(starts)


def _matches(text: str, pats: _Patterns | None = None) -> list[re.Match[str]]:
    """The matches of ``extract`` as a global JS regex loop (``exec`` from lastIndex)."""
    found: list[re.Match[str]] = []
    position = 0
    for start in _candidate_starts(text):
        if start < position:
            continue
        match = (pats or _patterns()).extract.match(text, start)
        if match:
            found.append(match)
            position = match.end()
    return found


def utf16_length(text: str) -> int:
    """Length as JavaScript's ``String.length`` sees it (astral characters count 2)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _punycode_label_length(label: str) -> int:
    """Length of ``punycode.toASCII(label)`` (punycode.js, as twitter-text calls it)."""
    total = 0
    parts = _LABEL_SEPARATORS.split(label)
    for part in parts:
        if any(ord(ch) > 0x7E for ch in part):
            total += 4 + len(part.encode("punycode"))
        else:
            total += len(part)
    return total + len(parts) - 1


def _valid_domain(domain: str) -> bool:
    """twitter-text's ``idna.toAscii``: every punycoded label must be 1..63 long."""
    if domain.startswith("xn--") and not _patterns().ascii_domain.search(domain):
        return False
    for label in domain.split("."):
        length = _punycode_label_length(label)
        if length < 1 or length > MAX_LABEL_LENGTH:
            return False
    return True


def _valid_url(url: str, protocol: str, domain: str) -> bool:
    if not _valid_domain(domain):
        return False
    return len(protocol) + utf16_length(url) <= MAX_URL_LENGTH


def find_urls(text: str, *, without_protocol: bool = True) -> list[UrlMatch]:
    """URLs in `text` as twitter-text's ``extractUrlsWithIndices`` finds them.

    ``without_protocol=False`` keeps only URLs written with http(s):// (Mastodon's
    server counts only those as 23).
    """
    if not text or (without_protocol and "." not in text) or (
        not without_protocol and ":" not in text
    ):
        return []
    found: list[UrlMatch] = []
    for match in _matches(text):
        pats = _patterns()
        url, protocol, domain = match["url"], match["protocol"], match["domain"]
        start, end = match.start("url"), match.end("url")
        if not _valid_url(url, protocol or "https://", domain):
            continue
        if protocol:
            tco = pats.tco.match(url)
            if tco:
                if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                end = start + tco.end()
            found.append(UrlMatch(start, end))
            continue
        if not without_protocol or match["before"] in _NOT_BEFORE_BARE:
            continue
        found.extend(_bare_domains(match, start, end, pats))
    return found


def _bare_domains(match: re.Match[str], start: int, end: int, pats: _Patterns) -> list[UrlMatch]:
    """The ASCII domains inside a protocol-less match that count as URLs on their own."""
    domain, has_path = match["domain"], bool(match["path"])
    out: list[UrlMatch] = []
    last: UrlMatch | None = None
    last_pushed = False
    for ascii_match in pats.ascii_domain.finditer(domain):
        name = ascii_match.group(0)
        last = UrlMatch(start + ascii_match.start(), start + ascii_match.end())
        last_pushed = bool(
            has_path
            or pats.special_short_domain.fullmatch(name)
            or not pats.invalid_short_domain.fullmatch(name)
        )
        if last_pushed:
            out.append(last)
    if last is not None and has_path and last_pushed:
        out[-1] = UrlMatch(last.start, end)
    return out
