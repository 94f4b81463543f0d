"""The bundle swap (issue 9, item 8): a crash at any point of a write leaves a complete
bundle (the old or the new one), concurrent writers take turns, and leftovers are swept.

Crashes are real: the writer runs in a child process that SIGKILLs itself at a named
point of the swap (``SHARECARD_FAULTS``, see `sharecard.faults`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sharecard.export import swap
from sharecard.export.bundle import Manifest, write_bundle

WRITER = textwrap.dedent("""
    import sys
    from sharecard.export import swap
    from sharecard.export.bundle import Manifest, write_bundle
    root, slug, text, exchange, times = sys.argv[1:6]
    swap.USE_EXCHANGE = exchange == "1"
    for i in range(int(times)):
        body = f"{text} {i}".encode()
        write_bundle(root, slug, {"a.txt": body, "b.txt": body},
                     Manifest(version="test", slug=slug, input={"text": text}, files=()))
""")


def _manifest(slug: str, text: str) -> Manifest:
    return Manifest(version="test", slug=slug, input={"text": text}, files=())


def _write(root: Path, slug: str, text: str) -> None:
    body = text.encode()
    write_bundle(root, slug, {"a.txt": body, "b.txt": body}, _manifest(slug, text))


def _writer(root: Path, slug: str, text: str, *, exchange: bool = True, times: int = 1,
            fault: str | None = None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "SHARECARD_FAULTS"}
    if fault:
        env["SHARECARD_FAULTS"] = fault
    args = [sys.executable, "-c", WRITER, str(root), slug, text, "1" if exchange else "0",
            str(times)]
    return subprocess.Popen(args, env=env, stderr=subprocess.PIPE)


def _bundle(root: Path, slug: str) -> tuple[str, str] | None:
    """(text of a.txt, the manifest's text) when the bundle is complete and consistent."""
    folder = root / slug
    if not folder.is_dir():
        return None
    a, b = (folder / "a.txt").read_text(), (folder / "b.txt").read_text()
    manifest = (folder / "manifest.json").read_text()
    assert a == b, "half of a bundle"
    return a, manifest


def test_a_kill_between_the_two_renames_is_rolled_back_by_the_next_write(tmp_path):
    """Without RENAME_EXCHANGE the old bundle is renamed away before the new one comes
    in. SIGKILL right between them left no bundle (the reported bug); the next write to
    the folder puts the old bundle back and removes the leftovers."""
    _write(tmp_path, "b", "old")
    proc = _writer(tmp_path, "b", "new", exchange=False, fault="bundle:between-renames")
    assert proc.wait(timeout=60) == -signal.SIGKILL
    assert not (tmp_path / "b").exists()  # the gap, reproduced
    parked = list((tmp_path / swap.WORK_DIR).glob("b.*.old"))
    assert len(parked) == 1
    _write(tmp_path, "other", "x")
    assert _bundle(tmp_path, "b") == ("old", _manifest("b", "old").to_json().decode())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "other"]


@pytest.mark.parametrize(("point", "survivor"),
                         [("bundle:staged", "old"), ("bundle:swapped", "new 0")])
def test_a_kill_at_any_point_of_the_exchange_leaves_a_complete_bundle(tmp_path, point,
                                                                      survivor):
    _write(tmp_path, "b", "old")
    proc = _writer(tmp_path, "b", "new", fault=point)
    assert proc.wait(timeout=60) == -signal.SIGKILL
    assert _bundle(tmp_path, "b")[0] == survivor
    assert list((tmp_path / swap.WORK_DIR).iterdir())  # what the dead writer left
    _write(tmp_path, "other", "x")
    assert _bundle(tmp_path, "b")[0] == survivor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "other"]


def test_the_first_writers_leftovers_are_recovered(tmp_path):
    """The first writer left ``.<slug>.old-*``/``.<slug>.tmp-*`` beside the bundles and
    no ``<slug>/`` when it died between renames: the next write puts the old bundle back."""
    old = tmp_path / ".b.old-0123456789ab"
    old.mkdir()
    (old / "a.txt").write_text("old")
    (old / "b.txt").write_text("old")
    (old / "manifest.json").write_text("{}")
    half = tmp_path / ".b.tmp-ba9876543210"
    half.mkdir()
    (half / "a.txt").write_text("new")
    stale = tmp_path / ".c.tmp-aaaaaaaaaaaa"
    stale.mkdir()
    _write(tmp_path, "other", "x")
    assert _bundle(tmp_path, "b") == ("old", "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "other"]


def test_concurrent_writers_of_one_bundle_take_turns(tmp_path):
    """Writers meeting at the swap used to fail with "Directory not empty"."""
    _write(tmp_path, "b", "first")
    procs = [_writer(tmp_path, "b", f"w{n}", times=15, exchange=n % 2 == 0) for n in range(4)]
    errors = [p.communicate(timeout=300)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    text, manifest = _bundle(tmp_path, "b")
    writer = text.split()[0]
    assert text == f"{writer} 14"
    assert manifest == _manifest("b", writer).to_json().decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b"]


READER = textwrap.dedent("""
    import os, sys
    target, ready, stop = sys.argv[1], sys.argv[2], sys.argv[3]
    looks = misses = 0
    open(ready, "w").close()
    while looks < 1000 or not os.path.exists(stop):
        looks += 1
        if not os.path.exists(target):
            misses += 1
    print(looks, misses)
""")


@pytest.mark.skipif(swap._EXCHANGE is None, reason="needs renameat2 (Linux, glibc >= 2.28)")
def test_a_reader_never_finds_the_bundle_missing(tmp_path):
    """A reader looks for the bundle in a loop from before the first swap to after the
    last (the writer starts once the reader is looking), never finding it missing."""
    _write(tmp_path, "b", "first")
    ready = tmp_path.parent / f"{tmp_path.name}.ready"
    stop = tmp_path.parent / f"{tmp_path.name}.stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(tmp_path / "b" / "manifest.json"), str(ready),
         str(stop)], stdout=subprocess.PIPE, text=True)
    try:
        while not ready.exists() and reader.poll() is None:
            time.sleep(0.01)
        writer = _writer(tmp_path, "b", "new", times=150)
        assert writer.wait(timeout=300) == 0
    finally:
        stop.touch()
    looks, misses = map(int, reader.communicate(timeout=60)[0].split())
    stop.unlink()
    ready.unlink()
    assert looks >= 1000
    assert misses == 0
    assert _bundle(tmp_path, "b")[0] == "new 149"


@pytest.mark.parametrize("use_syncfs", [True, False])
def test_a_staged_bundle_is_flushed_before_it_is_swapped_in(tmp_path, monkeypatch, use_syncfs):
    """One syncfs of the staging folder's filesystem on Linux; every file and folder
    fsynced where there is none. Either way the flush comes before the swap."""
    events: list[str] = []
    real_fsync, real_syncfs, real_swap = os.fsync, swap._SYNCFS, swap.swap_in

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def syncfs(fd: int) -> int:
        events.append("syncfs")
        return real_syncfs(fd)  # type: ignore[misc, operator]

    def swap_in(*args: object) -> None:
        events.append("swap")
        real_swap(*args)  # type: ignore[arg-type]

    if use_syncfs and real_syncfs is None:
        pytest.skip("no syncfs on this system")  # only Linux has it
    monkeypatch.setattr(swap, "USE_SYNCFS", use_syncfs)
    monkeypatch.setattr(swap, "_SYNCFS", syncfs if real_syncfs is not None else None)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr("sharecard.export.bundle.swap_in", swap_in)
    files = {"og-cover.png": b"png", "blurbs/x.txt": b"text", "a.txt": b"a"}
    target = write_bundle(tmp_path, "s", files, _manifest("s", "one"))
    assert (target / "blurbs" / "x.txt").read_bytes() == b"text"
    flush = events[: events.index("swap")]
    if use_syncfs:
        assert flush == ["syncfs"]
    else:  # 4 files (with the manifest), then the 2 folders
        assert flush == ["fsync"] * 6
