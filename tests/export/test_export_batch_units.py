"""The batch's parts that need no rendering: which inputs a command line names, which
slug each input gets, what the fingerprint follows, the published schemas."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from sharecard.batch.fingerprint import environment, template_files
from sharecard.batch.inputs import iter_sources
from sharecard.batch.ledger import Ledger
from sharecard.cards.config import Settings
from sharecard.export.bundle import Manifest, write_bundle
from sharecard.export.schema import schema
from support.cli import run_cli


def _labels(args, **kw):
    return [(s.label, s.problem) for s in iter_sources(args, max_bytes=kw.pop("max_bytes", 100),
                                                       **kw)]


def test_folders_are_walked_in_order_skipping_what_is_not_a_briefing(tmp_path):
    for rel in ("b/z.txt", "b/a.md", "a.json", "c.yaml", "README.md", "x.expected.json",
                ".hidden/h.txt", "b/.h.txt", "notes.pdf", "out/old/manifest.json", "w.jsonl"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"headline": "h"}\n' if rel.endswith("jsonl") else "x")
    got = [label for label, _ in _labels([str(tmp_path)], skip=tmp_path / "out")]
    assert got == [str(tmp_path / p) for p in ("a.json", "b/a.md", "b/z.txt", "c.yaml")] + [
        f"{tmp_path / 'w.jsonl'}:1"]


def test_jsonl_lines_keep_their_numbers_and_long_lines_are_refused(tmp_path):
    (tmp_path / "w.jsonl").write_bytes(b'{"headline": "a"}\n\n   \n' + b"x" * 150 + b"\n{}\r\n")
    sources = list(iter_sources([str(tmp_path / "w.jsonl")], max_bytes=100))
    assert [(s.label.rsplit(":", 1)[1], s.problem) for s in sources] == [
        ("1", None), ("4", "line is larger than the limit of 100 bytes"), ("5", None)]
    assert sources[0].data == b'{"headline": "a"}' and sources[0].fmt == "json"
    assert sources[2].data == b"{}" and sources[0].name == "w.jsonl:1"


def test_globs_stdin_and_missing_paths(tmp_path):
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text("x")
    stdin = io.StringIO(f"{tmp_path / 'c.md'}\n\n{tmp_path / 'gone.txt'}\n")
    assert _labels([str(tmp_path / "*.txt"), "-", str(tmp_path / "*.zip")], stdin=stdin) == [
        (str(tmp_path / "a.txt"), None), (str(tmp_path / "b.txt"), None),
        (str(tmp_path / "c.md"), None),
        (str(tmp_path / "gone.txt"), "no such file or directory"),
        (str(tmp_path / "*.zip"), "no file matches this pattern")]


def _bundle(root: Path, slug: str, key: str | None) -> None:
    batch = None if key is None else {"key": key, "fingerprint": "0" * 64}
    write_bundle(root, slug, {"a.txt": b"x"},
                 Manifest(version="t", slug=slug, input={}, files=(), batch=batch))


def test_a_slug_goes_to_its_owner_then_to_the_first_free_then_to_a_hashed_one(tmp_path):
    k1, k2, k3 = ("1" * 64, "2" * 64, "3" * 64)
    _bundle(tmp_path, "brief", k2)  # an earlier run gave "brief" to input 2
    ledger = Ledger()
    assert ledger.assign(tmp_path, k1, "brief") == "brief-11111111"
    assert ledger.assign(tmp_path, k2, "brief") == "brief"
    assert ledger.assign(tmp_path, k1, "brief") is None  # the same input named twice
    assert ledger.assign(tmp_path, k3, "other") == "other"
    ledger.close()

    _bundle(tmp_path, "brief-11111111", k1)
    again = Ledger()  # the next run, in another order: each keeps its slug
    assert again.assign(tmp_path, k2, "brief") == "brief"
    assert again.assign(tmp_path, k1, "brief") == "brief-11111111"
    assert again.assign(tmp_path, k3, "brief") == "brief-33333333"


def test_a_bundle_no_batch_wrote_can_be_taken(tmp_path):
    _bundle(tmp_path, "brief", None)  # e.g. from `sharecard render`
    ledger = Ledger()
    assert ledger.assign(tmp_path, "9" * 64, "brief") == "brief"


def test_the_ledger_keeps_rows_in_input_order(tmp_path):
    ledger = Ledger()
    for seq in (3, 1, 2, 0):
        ledger.record(seq, {"n": seq})
    assert [json.loads(r)["n"] for r in ledger.rows()] == [0, 1, 2, 3]
    assert [ledger.occurrence("f", "h") for _ in range(3)] == [1, 2, 3]
    assert ledger.occurrence("f", "other") == 1


def test_the_fingerprint_follows_the_templates_a_run_draws_with(tmp_path):
    built_in = template_files(None, ("cover",), ("landscape",))
    assert sorted(built_in) == ["templates/_macros.svg.j2", "templates/base.svg.j2",
                                "templates/cover.landscape.svg.j2"]
    assert "templates/cover.svg.j2" in template_files(None, ("cover",), ("square",))
    user = tmp_path / "t"
    user.mkdir()
    (user / "cover.svg.j2").write_text('{% include "part.svg.j2" %}')
    (user / "part.svg.j2").write_text("<g/>")
    mine = template_files(user, ("cover",), ("landscape",))
    assert sorted(mine) == [f"{user}/cover.svg.j2", f"{user}/part.svg.j2"]


def test_the_environment_hash_moves_with_what_shapes_a_bundle(tmp_path):
    base = environment(Settings(presets=("og",)))
    assert environment(Settings(presets=("og",))) == base
    assert environment(Settings(presets=("og",), theme="dark")) != base
    assert environment(Settings(presets=("og",), brand="X")) != base
    assert environment(Settings(presets=("og", "story"))) != base
    assert environment(Settings(presets=("og",), cards=("cover", "quote"))) != base
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    with_logo = environment(Settings(presets=("og",), logo=logo))
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"/>')
    assert environment(Settings(presets=("og",), logo=logo)) != with_logo
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "unused.svg.j2").write_text("x")
    assert environment(Settings(presets=("og",), templates=templates)) == base


@pytest.mark.parametrize("which", ["manifest", "index"])
def test_the_schemas_are_published_and_valid(which):
    run = run_cli(["schema", which])
    assert run.exit_code == 0
    published = json.loads(run.text)
    Draft202012Validator.check_schema(published)
    assert published == schema(which)
    assert published["$id"] == f"urn:sharecard:schema:{which}:1"


def test_the_briefing_schema_is_still_the_default():
    assert json.loads(run_cli(["schema"]).text)["$id"] == "urn:sharecard:schema:briefing:1"


def test_a_render_manifest_is_valid_against_the_schema(tmp_path):
    from sharecard.pipeline import render_bundle

    seed = Path(__file__).resolve().parents[1] / "data" / "corpus" / "seed-putin-iran.txt"
    manifest = render_bundle(seed, tmp_path, presets=["og", "square"],
                             cards=["cover", "sections", "quote"], fmt=["png", "webp"])
    Draft202012Validator(schema("manifest")).validate(manifest.to_dict())
    assert "batch" not in manifest.to_dict()
    with pytest.raises(Exception, match="does not match"):
        Draft202012Validator(schema("manifest")).validate(
            {**manifest.to_dict(), "files": [{**manifest.files[0], "sha256": "abc"}]})
