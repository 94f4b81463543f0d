"""The URL finder's TLD patterns (`re`, ~130 ms to compile) are compiled once per
machine: a second process rebuilds them from the cache folder, and they are the very
patterns ``re.compile`` makes (compiled patterns compare by their code), finding the same
URLs."""

from __future__ import annotations

import json
import subprocess
import sys

RUN = """
import json, re, sys
from re import _compiler
compiled = []
original = _compiler.compile
def counting(pattern, flags=0):
    if isinstance(pattern, str) and len(pattern) > 2000:
        compiled.append(len(pattern))
    return original(pattern, flags)
_compiler.compile = counting
from sharecard.blurbs import urls
patterns = urls._patterns()
built = len(compiled)
_compiler.compile = original
same = all(getattr(patterns, name) == re.compile(getattr(patterns, name).pattern,
                                                 getattr(patterns, name).flags)
           for name in patterns.__struct_fields__)
text = "Read https://example.com/a?b=c, then iranwatch.org and t.co/abc or nikkei.com."
found = [(m.start, m.end) for m in urls.find_urls(text)]
print(json.dumps([built, same, found, len(patterns.__struct_fields__)]))
"""


def run(cache):
    done = subprocess.run([sys.executable, "-c", RUN], capture_output=True, text=True,
                          check=True, env={"SHARECARD_CACHE_DIR": str(cache), "PATH": ""})
    return json.loads(done.stdout)


def entries(cache):
    """The cache entries, largest first (the three TLD patterns, then the others)."""
    return sorted((cache / "re").glob("*.marshal"), key=lambda p: -p.stat().st_size)


def test_the_url_patterns_compile_once_and_are_re_s_own(tmp_path):
    built, same, found, patterns = run(tmp_path)
    assert built >= 3 and same and len(found) == 4
    assert len(entries(tmp_path)) == patterns  # one per pattern of urls._Patterns
    again_built, again_same, again_found, _ = run(tmp_path)
    assert again_built == 0 and again_same and again_found == found


def test_a_torn_or_foreign_entry_is_compiled_again(tmp_path):
    _, _, found, _ = run(tmp_path)
    stored = entries(tmp_path)
    stored[0].write_bytes(stored[0].read_bytes()[:50])  # torn
    stored[1].write_bytes(b"not marshal data")
    stored[2].write_bytes(stored[3].read_bytes())  # another pattern's parts
    built, same, again, _ = run(tmp_path)
    assert same and again == found
    assert built == 3  # each of the three was compiled again


def test_an_unwritable_cache_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    built, same, found, _ = run(blocker)
    assert built >= 3 and same and len(found) == 4
