"""`sharecard parse` and `sharecard schema` as users call them."""

from __future__ import annotations

import json

from sharecard.readers import schema_text
from support.cli import run_cli

from .conftest import DATA


def test_parse_prints_the_contract_fields() -> None:
    run = run_cli(["parse", str(DATA / "corpus" / "ja-boj-rates.txt")])
    assert run.exit_code == 0 and run.stderr == ""
    out = json.loads(run.stdout)
    assert {"headline", "bullets", "sections", "sources", "attribution", "warnings"} <= set(out)
    assert all(set(s) >= {"heading", "body"} for s in out["sections"])
    assert out["attribution"] is None
    assert "日銀" in run.stdout.decode("utf-8")  # not \\u escapes
    assert run.stdout.decode("utf-8") == json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def test_parse_reads_stdin_with_dash() -> None:
    data = (DATA / "seed.md").read_bytes()
    from_stdin = run_cli(["parse", "-"], stdin=data)
    from_file = run_cli(["parse", str(DATA / "seed.md")])
    assert from_stdin.exit_code == 0
    assert from_stdin.stdout == from_file.stdout


def test_parse_from_overrides_detection() -> None:
    data = b"headline: Not YAML here\n\n- A bullet.\n"
    as_yaml = run_cli(["parse", "-"], stdin=data)
    assert as_yaml.exit_code == 2 and "headline" not in as_yaml.stdout.decode()
    as_scout = run_cli(["parse", "--from", "scout", "-"], stdin=data)
    assert json.loads(as_scout.stdout)["headline"] == "headline: Not YAML here"


def test_schema_prints_the_published_schema() -> None:
    run = run_cli(["schema"])
    assert run.exit_code == 0
    assert run.stdout.decode("utf-8") == schema_text()
    assert json.loads(run.stdout)["required"] == ["headline"]


def test_help_lists_the_commands() -> None:
    run = run_cli(["--help"])
    assert run.exit_code == 0
    text = run.stdout.decode()
    assert "parse" in text and "schema" in text
