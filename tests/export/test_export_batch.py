"""`sharecard batch`: every input to a complete bundle, slugs that never collide and stay
put, incremental reruns, failures isolated to their item, index.json last."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from export.batchkit import (
    FAST,
    batch,
    check_bundles,
    index,
    make_briefings,
    stray,
    tree,
    write_briefings,
)
from sharecard.export.swap import WORK_DIR, bundle_lock
from sharecard.resources import data_dir


def test_a_batch_renders_every_input_into_a_valid_bundle(tmp_path):
    inputs = tmp_path / "in"
    write_briefings(inputs / "day", 10, seed=1)
    jsonl = inputs / "wire.jsonl"
    make_briefings.main(["3", str(jsonl), "--jsonl", "--seed", "2"])
    out = tmp_path / "out"
    run = batch(str(inputs), "-o", str(out), "-j", "2", *FAST)
    assert run.exit_code == 0, run.stderr
    assert check_bundles(out) == 13
    data = index(out)
    assert data["counts"] == {"rendered": 13, "unchanged": 0, "failed": 0, "duplicate": 0}
    labels = [row["input"] for row in data["bundles"]]
    assert labels == [*(str(inputs / "day" / f"brief-{i:05d}{Path(p).suffix}")
                        for i, p in enumerate(sorted(os.listdir(inputs / "day")))),
                      *(f"{jsonl}:{n}" for n in (1, 2, 3))]
    for row in data["bundles"]:
        manifest = json.loads((out / row["manifest"]).read_text())
        assert row["warnings"] == len(manifest["warnings"])
        assert manifest["batch"]["key"] and manifest["batch"]["fingerprint"]
    assert "13 rendered, 0 unchanged, 0 failed" in run.text
    assert stray(out) == []


def test_a_batch_bundle_has_the_same_files_as_render(tmp_path):
    seed = Path(__file__).resolve().parents[1] / "data" / "corpus" / "seed-putin-iran.txt"
    assert batch(str(seed), "-o", str(tmp_path / "b"), *FAST).exit_code == 0
    from support.cli import run_cli

    assert run_cli(["render", str(seed), "-o", str(tmp_path / "r"), *FAST]).exit_code == 0
    batched, rendered = tree(tmp_path / "b"), tree(tmp_path / "r")
    batched_manifest = json.loads((tmp_path / "b/seed-putin-iran/manifest.json").read_text())
    rendered_manifest = json.loads((tmp_path / "r/seed-putin-iran/manifest.json").read_text())
    assert batched_manifest.pop("batch")
    assert batched_manifest == rendered_manifest
    del batched["seed-putin-iran/manifest.json"], rendered["seed-putin-iran/manifest.json"]
    assert batched == rendered


def test_inputs_with_one_name_get_their_own_slugs_and_keep_them(tmp_path):
    """a/brief.txt and b/brief.txt, two JSONL lines with one headline: four bundles;
    the next run, inputs in another order, finds each input's bundle where it was."""
    corpus = Path(__file__).resolve().parents[1] / "data" / "corpus"
    for folder, source in (("a", "seed-putin-iran.txt"), ("b", "grid-bottleneck.txt")):
        (tmp_path / folder).mkdir()
        shutil.copy(corpus / source, tmp_path / folder / "brief.txt")
    line = {"headline": "Same headline", "bullets": ["one"]}
    (tmp_path / "w.jsonl").write_text(
        json.dumps(line) + "\n\n" + json.dumps({**line, "bullets": ["two"]}) + "\n")
    out = tmp_path / "out"
    args = [str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "w.jsonl")]
    assert batch(*args, "-o", str(out), *FAST).exit_code == 0
    first = {row["input"]: row["slug"] for row in index(out)["bundles"]}
    assert len(set(first.values())) == 4
    assert first[str(tmp_path / "a" / "brief.txt")] == "brief"
    assert first[f"{tmp_path / 'w.jsonl'}:1"] == "same-headline"
    assert first[str(tmp_path / "b" / "brief.txt")].startswith("brief-")
    assert first[f"{tmp_path / 'w.jsonl'}:3"].startswith("same-headline-")
    assert json.loads((out / "brief/manifest.json").read_text())["input"]["name"] == "brief.txt"
    made_from = {json.loads((out / slug / "manifest.json").read_text())["input"]["sha256"]
                 for slug in first.values()}
    assert len(made_from) == 4  # nothing overwrote anything

    run = batch(*reversed(args), "-o", str(out), *FAST)
    assert run.exit_code == 0
    again = {row["input"]: row["slug"] for row in index(out)["bundles"]}
    assert again == first
    assert {row["status"] for row in index(out)["bundles"]} == {"unchanged"}


def _mtimes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns
            for p in out.glob("*/manifest.json")}


def test_a_rerun_renders_only_what_changed(tmp_path):
    inputs = tmp_path / "in"
    paths = write_briefings(inputs, 6, seed=5)
    out = tmp_path / "out"
    assert batch(str(inputs), "-o", str(out), *FAST).exit_code == 0
    before, hashes = _mtimes(out), tree(out)

    run = batch(str(inputs), "-o", str(out), *FAST)
    assert run.exit_code == 0 and "0 rendered, 6 unchanged" in run.text
    assert _mtimes(out) == before and tree(out) == hashes

    target = paths[2]
    target.write_text(target.read_text("utf-8").replace("(2)", "(two)").replace("2:", "Two:"),
                      encoding="utf-8")
    run = batch(str(inputs), "-o", str(out), *FAST)
    assert "1 rendered, 5 unchanged" in run.text
    rows = {row["input"]: row["status"] for row in index(out)["bundles"]}
    assert rows[str(target)] == "rendered"
    changed = {k for k, v in _mtimes(out).items() if before[k] != v}
    assert changed == {f"{target.stem}/manifest.json"}

    run = batch(str(inputs), "-o", str(out), *FAST, "--theme", "dark")
    assert "6 rendered, 0 unchanged" in run.text
    run = batch(str(inputs), "-o", str(out), *FAST, "--theme", "dark")
    assert "0 rendered, 6 unchanged" in run.text
    run = batch(str(inputs), "-o", str(out), *FAST, "--theme", "dark", "--force")
    assert "6 rendered, 0 unchanged" in run.text
    assert check_bundles(out) == 6


def test_a_missing_or_altered_file_is_rendered_again(tmp_path):
    paths = write_briefings(tmp_path / "in", 2, seed=9)
    out = tmp_path / "out"
    batch(str(tmp_path / "in"), "-o", str(out), *FAST)
    (out / paths[0].stem / "og-cover.png").unlink()
    png = out / paths[1].stem / "og-cover.png"
    png.write_bytes(png.read_bytes()[:-1] + b"\0")  # same size, other bytes
    run = batch(str(tmp_path / "in"), "-o", str(out), *FAST)
    assert "1 rendered, 1 unchanged" in run.text  # sizes: only the missing file is seen
    run = batch(str(tmp_path / "in"), "-o", str(out), *FAST, "--verify")
    assert "1 rendered, 1 unchanged" in run.text  # --verify hashes: the altered one too
    assert check_bundles(out) == 2


def test_a_template_change_renders_the_bundles_drawn_with_it(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(data_dir("templates"), templates)
    write_briefings(tmp_path / "in", 3, seed=4)
    out = tmp_path / "out"
    args = [str(tmp_path / "in"), "-o", str(out), *FAST, "--templates", str(templates)]
    assert batch(*args).exit_code == 0
    quote = templates / "quote.landscape.svg.j2"
    quote.write_text(quote.read_text() + "{# edited #}\n")
    assert "0 rendered, 3 unchanged" in batch(*args).text  # covers only: quote not drawn
    macros = templates / "_macros.svg.j2"
    macros.write_text(macros.read_text() + "{# edited #}\n")
    assert "3 rendered, 0 unchanged" in batch(*args).text  # the cover imports the macros


def test_bad_inputs_fail_alone(tmp_path):
    """100 inputs, 3 of them corrupt (binary, empty, a bad JSON line): 97 bundles, 3
    failure lines naming the input, all recorded in index.json, exit status 1."""
    inputs = tmp_path / "in"
    write_briefings(inputs, 96, seed=11)
    (inputs / "zz-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
    (inputs / "zz-empty.md").write_bytes(b"")
    good = json.dumps({"headline": "A line that is fine", "bullets": ["yes"]})
    (inputs / "zz-wire.jsonl").write_text(good + "\n" + '{"headline": "broken",\n')
    out = tmp_path / "out"
    run = batch(str(inputs), "-o", str(out), *FAST, "-j", "2")
    assert run.exit_code == 1
    failures = sorted(line for line in run.stderr.splitlines() if line.startswith("sharecard:"))
    assert failures == [
        f"sharecard: {inputs / 'zz-binary.txt'}: looks like binary data (NUL byte at offset 8)",
        f"sharecard: {inputs / 'zz-empty.md'}: file is empty",
        f"sharecard: {inputs / 'zz-wire.jsonl'}:2: invalid JSON at line 1, column 23: "
        "Expecting property name enclosed in double quotes",
    ]
    assert "Traceback" not in run.stderr
    assert check_bundles(out) == 97
    data = index(out)
    assert data["counts"] == {"rendered": 97, "unchanged": 0, "failed": 3, "duplicate": 0}
    failed = [row for row in data["bundles"] if row["status"] == "failed"]
    assert [row["error"] for row in failed] == [line[len("sharecard: "):] for line in failures]
    assert stray(out) == []


@pytest.mark.parametrize(("how", "reason"), [("kill", "SIGKILL"), ("segv", "SIGSEGV")])
def test_a_worker_that_dies_fails_only_its_item(tmp_path, monkeypatch, how, reason):
    paths = write_briefings(tmp_path / "in", 6, seed=3)
    victim = paths[3]
    monkeypatch.setenv("SHARECARD_FAULTS", f"worker:{victim.name}={how}")
    out = tmp_path / "out"
    run = batch(str(tmp_path / "in"), "-o", str(out), *FAST, "-j", "2")
    assert run.exit_code == 1
    assert (f"sharecard: {victim}: the worker rendering it died (killed by {reason})"
            in run.stderr.splitlines())
    assert check_bundles(out) == 5
    rows = {row["input"]: row for row in index(out)["bundles"]}
    assert rows[str(victim)]["status"] == "failed"
    assert [r["status"] for r in rows.values()].count("rendered") == 5
    assert stray(out) == []
    monkeypatch.delenv("SHARECARD_FAULTS")
    run = batch(str(tmp_path / "in"), "-o", str(out), *FAST)
    assert "1 rendered, 5 unchanged, 0 failed" in run.text


def test_inputs_from_stdin_globs_and_a_missing_path(tmp_path):
    paths = write_briefings(tmp_path / "in", 4, seed=8)
    out = tmp_path / "out"
    listing = f"{paths[0]}\n\n{paths[1]}\n".encode()
    run = batch("-", str(tmp_path / "in" / "brief-0000[23].*"), str(tmp_path / "nope.txt"),
                "-o", str(out), *FAST, stdin=listing)
    assert run.exit_code == 1
    rows = index(out)["bundles"]
    assert [r["input"] for r in rows] == [*map(str, paths), str(tmp_path / "nope.txt")]
    assert rows[-1]["error"] == f"{tmp_path / 'nope.txt'}: no such file or directory"
    assert check_bundles(out) == 4


def test_the_output_folder_inside_an_input_folder_is_not_read(tmp_path):
    write_briefings(tmp_path, 2, seed=2)
    run = batch(str(tmp_path), "-o", str(tmp_path / "out"), *FAST)
    assert run.exit_code == 0
    assert batch(str(tmp_path), "-o", str(tmp_path / "out"), *FAST).exit_code == 0
    assert len(index(tmp_path / "out")["bundles"]) == 2


def test_a_second_batch_on_the_same_folder_is_refused(tmp_path):
    write_briefings(tmp_path / "in", 1)
    out = tmp_path / "out"
    with bundle_lock(out / WORK_DIR, ".batch"):
        run = batch(str(tmp_path / "in"), "-o", str(out), *FAST)
    assert run.exit_code == 1
    assert run.stderr == f"sharecard: {out}: another sharecard batch is writing to this folder\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--preset", "huge"], "unknown preset"), (["--cards", "poster"], "unknown card"),
     (["--templates", "/nonexistent-dir"], "templates directory not found")],
)
def test_bad_settings_are_refused_before_any_work(tmp_path, args, message):
    write_briefings(tmp_path / "in", 1)
    run = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"), *args)
    assert run.exit_code == 2
    assert message in run.stderr and len(run.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_no_inputs_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    run = batch(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert run.exit_code == 2
    assert "no briefing files" in run.stderr


def test_an_output_folder_that_cannot_be_written_is_one_line(tmp_path):
    write_briefings(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    (out / WORK_DIR).write_text("a file where the work folder goes")
    run = batch(str(tmp_path / "in"), "-o", str(out), *FAST)
    assert run.exit_code == 1
    assert run.stderr == f"sharecard: {out}: cannot write to the output folder: File exists\n"


def test_an_input_named_twice_is_done_once(tmp_path):
    (path,) = write_briefings(tmp_path / "in", 1)
    out = tmp_path / "out"
    run = batch(str(path), str(tmp_path / "in" / "." / path.name), "-o", str(out), *FAST)
    assert run.exit_code == 0
    rows = index(out)["bundles"]
    assert [(r["status"], r["slug"]) for r in rows] == [("rendered", path.stem),
                                                        ("duplicate", path.stem)]
    assert "1 rendered, 0 unchanged, 0 failed, 1 named twice" in run.text
