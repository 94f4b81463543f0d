"""Where the CLI's output and input limits meet the world (issue 9, items 9 and 10).

Item 9: a write error on stdout was a traceback (`sharecard parse SEED > /dev/full`).
Now a full disk is one line and exit 1, and a reader that went away (a closed pipe)
ends the run quietly with exit 1, as Unix tools do, with nothing on stderr.

Item 10: render, blurb and preview said "raise it with --max-bytes" but had no such
option, so inputs over 5 MB could not be rendered. Every command that reads a briefing
now takes --max-bytes, and the hint is given only where the option exists.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sharecard.errors import InputTooLarge
from sharecard.pipeline import load_input, render_bundle
from support.cli import run_cli

SEED = Path(__file__).resolve().parent / "data" / "corpus" / "seed-putin-iran.txt"
COMMAND = [sys.executable, "-c", "from sharecard.cli import main; main()"]

# Every command that prints, with arguments that make it print something.
PRINTING = {
    "parse": ["parse", str(SEED)],
    "schema": ["schema"],
    "blurb": ["blurb", str(SEED), "-p", "x"],
    "blurb --thread": ["blurb", str(SEED), "-p", "mastodon", "--thread"],
    "blurb --count": ["blurb", "--count", str(SEED)],
    "render --json": ["render", str(SEED), "--preset", "og", "--json", "-o", "OUT"],
    "presets": ["presets"],
    "themes": ["themes"],
    "templates --show": ["templates", "--show", "cover.svg.j2"],
    "--help": ["--help"],
}


def _args(args: list[str], tmp_path: Path) -> list[str]:
    return [str(tmp_path / "out") if a == "OUT" else a for a in args]


@pytest.mark.parametrize("name", list(PRINTING))
def test_a_full_disk_on_stdout_is_one_line_and_exit_1(name, tmp_path):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*COMMAND, *_args(PRINTING[name], tmp_path)], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=300, check=False)
    assert result.returncode == 1
    assert result.stderr == "sharecard: <stdout>: cannot write: No space left on device\n"


@pytest.mark.parametrize("name", ["parse", "schema", "blurb", "render --json", "presets"])
def test_a_closed_pipe_ends_quietly(name, tmp_path):
    child = subprocess.Popen([*COMMAND, *_args(PRINTING[name], tmp_path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()  # the reader is gone before the first byte is written
    _, err = child.communicate(timeout=300)
    assert child.returncode == 1
    assert err == b""


def test_output_still_reaches_a_working_stdout():
    run = run_cli(["parse", str(SEED)])
    assert run.exit_code == 0 and json.loads(run.text)["headline"].startswith("Putin")


# -- --max-bytes ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_briefing(tmp_path_factory) -> Path:
    """A valid Markdown briefing just over 5 MB: a headline, bullets, long sections."""
    path = tmp_path_factory.mktemp("big") / "big.md"
    section = "## More context\n\n" + "This sentence pads the briefing. " * 200 + "\n\n"
    text = "# Putin, Iran deepen military coordination\n\n- One point.\n- Another.\n\n"
    while len(text.encode()) <= 5 * 1024 * 1024:
        text += section
    path.write_text(text, encoding="utf-8")
    return path


READERS = {
    "parse": ["parse", "BIG"],
    "render": ["render", "BIG", "--preset", "og", "-o", "OUT"],
    "blurb": ["blurb", "BIG", "-p", "x"],
    "blurb --count": ["blurb", "--count", "BIG"],
    "preview": ["preview", "BIG", "--preset", "og", "--cards", "cover", "-o", "OUT/p.png"],
}


def _with(args: list[str], big: Path, tmp_path: Path) -> list[str]:
    out = str(tmp_path / "out")
    return [str(big) if a == "BIG" else a.replace("OUT", out) for a in args]


@pytest.mark.parametrize("name", list(READERS))
def test_every_reading_command_refuses_over_5mb_naming_its_own_option(name, big_briefing,
                                                                       tmp_path):
    run = run_cli(_with(READERS[name], big_briefing, tmp_path))
    assert run.exit_code == 2
    assert run.stderr == (f"sharecard: {big_briefing}: input is larger than the limit of "
                          "5242880 bytes (raise it with --max-bytes)\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", list(READERS))
def test_every_reading_command_accepts_max_bytes(name, big_briefing, tmp_path):
    """Raised with the caps on what the briefing holds (793 sections, 5 MB of text), which
    every reading command takes alike."""
    args = _with(READERS[name], big_briefing, tmp_path)
    run = run_cli([*args, "--max-bytes", str(8 * 1024 * 1024), "--max-sections", "1000",
                   "--max-text-chars", str(8 * 1024 * 1024)])
    assert run.exit_code == 0, run.stderr
    capped = run_cli([*args, "--max-bytes", str(8 * 1024 * 1024)])
    if name != "blurb --count":  # counts a plain text: no briefing is read
        assert capped.exit_code == 2
        assert "793 sections, over the limit of 100 (raise it with --max-sections)" in \
            capped.stderr


def test_stdin_is_capped_by_max_bytes_too():
    run = run_cli(["blurb", "-", "--max-bytes", "1000"], stdin=SEED.read_bytes())
    assert run.exit_code == 2
    assert run.stderr == ("sharecard: <stdin>: input is larger than the limit of 1000 bytes "
                          "(raise it with --max-bytes)\n")


def test_the_library_names_no_option_it_does_not_have(tmp_path):
    with pytest.raises(InputTooLarge) as caught:
        load_input(SEED, max_bytes=1000)
    assert str(caught.value) == f"{SEED}: input is larger than the limit of 1000 bytes"
    with pytest.raises(InputTooLarge):
        render_bundle(SEED, tmp_path, presets="og", max_bytes=1000)
    manifest = render_bundle(SEED, tmp_path, presets="og", max_bytes=SEED.stat().st_size)
    assert manifest.input["bytes"] == SEED.stat().st_size


def test_a_config_that_is_not_a_regular_file_is_refused_without_reading(tmp_path):
    fifo = tmp_path / "sharecard.toml"
    os.mkfifo(fifo)
    for config in ("/dev/zero", str(fifo)):
        result = subprocess.run([*COMMAND, "render", str(SEED), "--config", config, "-o",
                                 str(tmp_path / "out")], capture_output=True, text=True,
                                timeout=120, check=False)
        assert result.returncode == 2
        assert result.stderr == (f"sharecard: {config}: config is not a regular file "
                                 "(a device, FIFO or socket); refused\n")
