"""The counting's start-up shortcuts change nothing it finds: the URL finder's compact
TLD tree is the plain longest-first alternation, a text where no TLD can start never
compiles the large patterns, and a text the emoji check turns away holds no emoji."""

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


def test_the_start_check_lets_every_tld_through():
    """The check says no only where the TLD pattern cannot match: every TLD, in any
    case, passes it, and no TLD holds a character that matches an ASCII one while
    ignoring case (as the Kelvin sign matches "k"), which it would have to ask about."""
    tlds = (*urls._tlds()[0], *urls._tlds()[1])
    tld = urls._patterns().tld
    for word in tlds:
        for text in (word, word.upper(), word.title()):
            assert tld.match(text + " ") and urls._tld_may_start(text + " ", 0), text
    non_ascii = {ch for word in tlds for ch in word.lower() if not ch.isascii()}
    assert len(non_ascii) > 100
    for ch in non_ascii:
        assert not any(re.fullmatch(re.escape(ch), chr(a), re.IGNORECASE)
                       for a in range(128)), ch
    for text in ("a.b", "e.g. this", "2.5 percent", "U.S.-led", "x."):
        for pos in range(len(text)):
            if tld.match(text, pos):
                assert urls._tld_may_start(text, pos), (text, pos)


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



def _emoji_reference(text: str) -> dict[int, int]:
    """`counting._emoji_starts` without its check: the `emoji` package's scan."""
    import emoji

    return {f["match_start"]: f["match_end"] for f in emoji.emoji_list(text)
            if not (f["match_end"] - f["match_start"] == 1 and ord(f["emoji"]) <= 0xFF)}


def test_the_emoji_check_lets_every_emoji_through():
    """Every sequence of the `emoji` package's table passes the check, alone and in
    text; texts without emoji are counted as the package's scan counts them."""
    import emoji

    from sharecard.blurbs import counting

    assert len(emoji.EMOJI_DATA) > 4000
    for sequence in emoji.EMOJI_DATA:
        assert counting._MAYBE_EMOJI.search(sequence), ascii(sequence)
        text = f"a {sequence} b"
        assert counting._emoji_starts(text) == _emoji_reference(text), ascii(sequence)
    for text in ("Rates rise 2.5% — “markets” fall… • ©2025 ™ #1 *", "ایران و روسیه",
                 "日銀、追加利上げ", "keycap 1\u20e3 and 1\ufe0f\u20e3"):
        assert counting._emoji_starts(text) == _emoji_reference(text), text
    assert not counting._MAYBE_EMOJI.search("Putin’s “20-year” treaty… • — 2.5%")
