"""The URL finder's start-up shortcuts change nothing it finds: the compact TLD tree is
the plain longest-first alternation, and a text where no TLD can start never compiles
the large patterns."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from sharecard.blurbs import urls


def _plain(words: tuple[str, ...]) -> str:
    """The alternation twitter-text writes: every TLD, longer before its prefixes."""
    ordered = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ordered)


@pytest.mark.parametrize("which", [0, 1])
def test_the_tld_tree_matches_what_the_plain_alternation_matches(which):
    words = urls._tlds()[which]
    tree = re.compile(f"(?:{urls._trie(words)})", re.IGNORECASE)
    plain = re.compile(f"(?:{_plain(words)})", re.IGNORECASE)
    probes = {w[:k] + tail for w in words for k in range(1, len(w) + 1)
              for tail in ("", "x", ".", "-", "Z", "中")}
    probes |= {w.upper() for w in words}
    assert len(tree.pattern) < len(_plain(words))
    for text in sorted(probes):
        a, b = tree.match(text), plain.match(text)
        assert (a and a.group()) == (b and b.group()), text
        a, b = tree.fullmatch(text), plain.fullmatch(text)
        assert bool(a) == bool(b), text


def test_every_tld_starts_with_a_pair_the_start_check_knows():
    check = urls._scan().tld_start
    for word in (*urls._tlds()[0], *urls._tlds()[1]):
        assert check.match(word) and check.match(word.upper()), word


@pytest.mark.parametrize(("text", "compiled"), [
    ("Putin, Iran deepen military coordination. The U.S.-led talks stall.", False),
    ("Rates rise 2.5 percent; markets fall…", False),
    ("Read more at iranwatch.org today", True),
])
def test_the_large_patterns_compile_only_where_a_tld_may_start(text, compiled):
    code = ("import sys\nfrom sharecard.blurbs import urls\n"
            "found = [sys.argv[1][u.start:u.end] for u in urls.find_urls(sys.argv[1])]\n"
            "print(urls._patterns.cache_info().currsize, found)")
    done = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split()[0] == ("1" if compiled else "0")
    assert ("iranwatch.org" in done.stdout) == compiled
