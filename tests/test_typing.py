"""The public API is typed for its callers: a type checker sees real signatures, not
`Any` (the package ships py.typed), and wrong arguments are caught before they run."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")
ROOT = Path(__file__).resolve().parents[1]

CALLER = textwrap.dedent("""
    import sharecard

    png = sharecard.render("briefing.md", preset="square", colors={"accent": "#0055AA"})
    reveal_type(png)
    reveal_type(sharecard.card("briefing.md").warnings)
    reveal_type(sharecard.blurb("briefing.md", "x"))
    reveal_type(sharecard.blurb("briefing.md", "x", thread=True))
    reveal_type(sharecard.bundle_files("briefing.md")[1])
""")

WRONG = textwrap.dedent("""
    import sharecard

    sharecard.render("briefing.md", colour="#000000")
    sharecard.render("briefing.md", scale="2")
""")


def _check(code: str, tmp_path: Path) -> tuple[str, int]:
    caller = tmp_path / "caller.py"
    caller.write_text(code)
    out, err, status = mypy_api.run([
        "--no-incremental", "--cache-dir", os.devnull, "--python-version", "3.11",
        "--config-file", os.devnull, str(caller)])
    return out + err, status


def test_a_caller_sees_the_real_types(tmp_path):
    out, status = _check(CALLER, tmp_path)
    assert status == 0 or "note: Revealed type" in out, out
    revealed = [line.split('Revealed type is "', 1)[1].rstrip('"').replace("builtins.", "")
                for line in out.splitlines() if "Revealed type" in line]
    assert revealed == [
        "bytes",
        "tuple[sharecard.model.Diagnostic, ...]",
        "str",
        "list[str]",
        "sharecard.export.bundle.Manifest",
    ], out
    assert "error:" not in out, out


def test_a_caller_is_told_of_a_wrong_argument(tmp_path):
    out, status = _check(WRONG, tmp_path)
    assert status == 1
    assert 'Unexpected keyword argument "colour" for "render"' in out, out
    assert 'Argument "scale" to "render" has incompatible type "str"' in out, out
