"""Every file the CLI writes is written atomically (issue 9, item 5): on a failed write
the previous file stays as it was, no temporary file is left, and the user gets one
line and exit code 1 (an environment problem), never a traceback or a truncated file."""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from sharecard.errors import WriteError
from sharecard.fileio import write_atomic
from support.cli import run_cli

SEED = Path(__file__).resolve().parent / "data" / "corpus" / "seed-putin-iran.txt"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_replaces_the_file_and_keeps_plain_permissions(tmp_path):
    target = tmp_path / "deep" / "sheet.png"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert _leftovers(target.parent) == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch, failing):
    target = tmp_path / "sheet.png"
    target.write_bytes(b"the good sheet")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, full)
    with pytest.raises(WriteError) as caught:
        write_atomic(target, b"x" * 100_000)
    assert str(caught.value) == f"{target}: cannot write: No space left on device"
    assert caught.value.exit_code == 1
    assert target.read_bytes() == b"the good sheet"
    assert _leftovers(tmp_path) == []


def test_an_interrupt_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "sheet.png"
    target.write_bytes(b"the good sheet")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"the good sheet" and _leftovers(tmp_path) == []


def _limit_file_size(limit: int):
    def apply() -> None:  # in the child: writes past `limit` bytes fail with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_preview_on_a_full_disk_keeps_the_good_contact_sheet(tmp_path):
    """The issue's case: a write that fails part-way (here the file-size limit, as a full
    disk would) left a truncated PNG in place of the good sheet, and a traceback."""
    sheet = tmp_path / "preview.png"
    args = ["preview", str(SEED), "--preset", "og", "--cards", "cover", "-o", str(sheet)]
    first = run_cli(args)
    assert first.exit_code == 0, first.stderr
    good = sheet.read_bytes()
    assert len(good) > 40_000
    result = subprocess.run(
        [sys.executable, "-c", "from sharecard.cli import main; main()", *args],
        capture_output=True, text=True, timeout=300, check=False,
        preexec_fn=_limit_file_size(16_384),
    )
    assert result.returncode == 1
    assert result.stderr == f"sharecard: {sheet}: cannot write: File too large\n"
    assert sheet.read_bytes() == good
    assert _leftovers(tmp_path) == []
    with Image.open(sheet) as image:
        image.verify()


def test_preview_into_a_folder_that_cannot_be_made_is_one_line(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    run = run_cli(["preview", str(SEED), "--preset", "og", "--cards", "cover", "-o",
                   str(blocker / "sheet.png")])
    assert run.exit_code == 1
    assert run.stderr.startswith(f"sharecard: {blocker / 'sheet.png'}: cannot write: ")
    assert len(run.stderr.splitlines()) == 1
