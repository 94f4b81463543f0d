"""The keep pattern (numbers with their units, dates) is compiled once per machine: a
second process unpickles it from the cache folder and finds exactly the same runs."""

from __future__ import annotations

import json
import subprocess
import sys

from cards.cardkit import CORPUS, CORPUS_NAMES

RUN = """
import json, sys, time
import regex._main
compiled = []
original = regex._main._compile
def counting(pattern, *args):
    if len(pattern) > 2000:
        compiled.append(len(pattern))
    return original(pattern, *args)
regex._main._compile = counting
from sharecard.typeset.keep import keep_spans
spans = [keep_spans(open(name, encoding="utf-8").read()) for name in sys.argv[1:]]
print(json.dumps([len(compiled), spans]))
"""


def run(cache):
    files = [str(CORPUS / f"{name}.txt") for name in CORPUS_NAMES]
    done = subprocess.run([sys.executable, "-c", RUN, *files], capture_output=True, text=True,
                          check=True, env={"SHARECARD_CACHE_DIR": str(cache), "PATH": ""})
    return json.loads(done.stdout)


def keep_entries(cache):
    """The cache entries of the keep pattern (the only one over 2,000 characters; the
    modules' smaller patterns are cached beside it)."""
    import pickle

    found = []
    for entry in (cache / "regex").glob("*.pickle"):
        with entry.open("rb") as stored:
            if len(pickle.load(stored).pattern) > 2000:
                found.append(entry)
    return found


def test_the_keep_pattern_compiles_once_and_finds_the_same_runs(tmp_path):
    first_compiled, first = run(tmp_path)
    assert first_compiled == 1 and any(first)
    assert len(keep_entries(tmp_path)) == 1
    again_compiled, again = run(tmp_path)
    assert again_compiled == 0 and again == first


def test_a_torn_cache_entry_is_compiled_again(tmp_path):
    _, first = run(tmp_path)
    (entry,) = keep_entries(tmp_path)
    entry.write_bytes(entry.read_bytes()[:100])
    compiled, again = run(tmp_path)
    assert compiled == 1 and again == first


def test_an_unwritable_cache_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    compiled, spans = run(blocker)
    assert compiled == 1 and any(spans)
