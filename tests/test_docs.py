"""The examples in the docs run: every ```pycon block of docs/api.md is a doctest, run
in order with one namespace per page, in a folder holding the repository's examples/."""

from __future__ import annotations

import doctest
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["docs/api.md"]
BLOCK = re.compile(r"^```pycon\n(.*?)^```", re.DOTALL | re.MULTILINE)


def doctests(page: str) -> list[doctest.DocTest]:
    text = (ROOT / page).read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    namespace: dict[str, object] = {}
    tests = []
    for number, match in enumerate(BLOCK.finditer(text), 1):
        line = text.count("\n", 0, match.start()) + 1
        test = parser.get_doctest(match.group(1), namespace, f"{page} block {number}",
                                  page, line)
        test.globs = namespace  # DocTest copies its globals: share them, as a session does
        tests.append(test)
    return tests


def test_every_page_has_examples():
    for page in PAGES:
        assert len(doctests(page)) >= 5, page


@pytest.mark.parametrize("page", PAGES)
def test_the_examples_run(page, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    failures = []
    for test in doctests(page):  # in order, sharing one namespace as a reader's session
        report: list[str] = []
        result = runner.run(test, out=report.append, clear_globs=False)
        if result.failed:
            failures.append("".join(report))
    assert not failures, "\n".join(failures)
