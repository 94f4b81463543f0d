"""Putting a finished bundle directory in place with no moment where the bundle is absent.

Why this module exists: the first bundle writer renamed the old bundle away, then the new
one in. A crash between the two renames left no ``out/<slug>/`` at all, two writers that
met there failed with "Directory not empty", and the hidden leftovers were never removed.

How it works now:

- **A lock per bundle.** Writers of one slug take turns: ``flock`` on
  ``OUT/.sharecard-tmp/<slug>.lock``, held for the whole write and dropped by the kernel
  when a writer dies. The lock file is unlinked on release; a waiter that then holds a
  lock on an unlinked file notices (inode check) and tries again.
- **One atomic step.** The new bundle is staged in ``OUT/.sharecard-tmp/<slug>.<token>/``
  and swapped with the old by ``renameat2(RENAME_EXCHANGE)`` (Linux ≥ 3.15 on ext4, XFS,
  Btrfs, tmpfs…): readers see the old bundle or the new one, never neither. The staging
  name then holds the old bundle, which is removed. A first bundle is a plain rename.
- **Where the OS cannot exchange** (macOS, NFS, Windows), the old bundle is renamed to
  ``<slug>.<token>.old`` in the work folder first; a crash between the two renames is
  rolled back by the next write of any bundle in that folder (the old bundle is put back).
- **Leftovers are swept.** Every write removes what dead writers left in the work folder
  (entries whose slug lock is free); `sweep_out` also recovers the ``.<slug>.tmp-*`` and
  ``.<slug>.old-*`` siblings the first writer left beside the bundles.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from sharecard import faults
from sharecard.fileio import sync_folder

try:
    import fcntl
except ImportError:  # Windows: no flock; writers of one slug then rely on rename alone
    fcntl = None  # type: ignore[assignment]

WORK_DIR = ".sharecard-tmp"
_LOCK = re.compile(r"(?P<slug>.+)\.lock")
_STAGED = re.compile(r"(?P<slug>.+)\.(?P<token>[0-9a-f]{12})(?P<old>\.old)?")
_LEGACY = re.compile(r"\.(?P<slug>.+)\.(?P<kind>tmp|old)-(?P<token>[0-9a-f]{12})")

# Tests turn this off to exercise the two-rename path of systems without RENAME_EXCHANGE.
USE_EXCHANGE = True
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


def new_token() -> str:
    return uuid.uuid4().hex[:12]


def _renameat2() -> object | None:
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a libc older than glibc 2.28
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_EXCHANGE = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap the names `a` and `b`; False where the OS or filesystem cannot."""
    if not USE_EXCHANGE or _EXCHANGE is None:
        return False
    result = _EXCHANGE(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b),  # type: ignore[operator]
                       _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def _syncfs() -> object | None:
    try:
        fn = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):  # not Linux
        return None
    fn.argtypes = [ctypes.c_int]
    fn.restype = ctypes.c_int
    return fn


_SYNCFS = _syncfs()
# Tests turn this off to exercise the file-by-file path of systems without syncfs.
USE_SYNCFS = True


def make_durable(staging: Path) -> None:
    """Flush a staged bundle (its files, folders and their names) to disk before it is
    swapped in, so a power cut leaves the old bundle or the whole new one.

    On Linux one ``syncfs(2)`` of the staging folder's filesystem does it in a single
    journal commit; fsyncing each file and folder took 15 commits for a one-card bundle,
    a quarter of its time in a batch. (syncfs also flushes what else is pending on that
    filesystem, such as the other workers' bundles, which they need anyway.) Elsewhere,
    or if syncfs fails, each file and folder is fsynced."""
    if USE_SYNCFS and _SYNCFS is not None:
        fd = os.open(staging, os.O_RDONLY)
        try:
            if _SYNCFS(fd) == 0:  # type: ignore[operator]
                return
        finally:
            os.close(fd)
    folders = {staging}
    for path in staging.rglob("*"):
        if path.is_dir():
            folders.add(path)
            continue
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    for folder in sorted(folders):
        sync_folder(folder)


@contextlib.contextmanager
def bundle_lock(work: Path, slug: str, *, wait: bool = True) -> Iterator[bool]:
    """Hold the lock of bundle `slug` (yields True), or yield False when `wait` is off
    and another writer holds it."""
    if fcntl is None:
        yield True
        return
    path = work / f"{slug}.lock"
    while True:
        work.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except FileNotFoundError:  # the work folder was removed in between: make it again
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            yield False
            return
        try:
            here = os.stat(path)
            mine = os.fstat(fd)
            current = (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)
        except FileNotFoundError:
            current = False
        if current:
            break
        os.close(fd)  # locked a file its holder had already unlinked: try again
    try:
        yield True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(fd)


def swap_in(staging: Path, target: Path, work: Path, token: str) -> None:
    """Make the complete directory `staging` the bundle at `target` (lock held)."""
    if not os.path.lexists(target):
        os.rename(staging, target)
    elif exchange(staging, target):
        faults.hit("bundle:swapped")
        shutil.rmtree(staging, ignore_errors=True)  # it holds the old bundle now
    else:
        retired = work / f"{target.name}.{token}.old"
        os.rename(target, retired)
        faults.hit("bundle:between-renames")
        try:
            os.rename(staging, target)
        except BaseException:
            os.rename(retired, target)
            raise
        shutil.rmtree(retired, ignore_errors=True)
    sync_folder(target.parent)


def _recover(root: Path, slug: str, retired: list[Path]) -> None:
    """With `slug`'s lock held: if a two-rename swap died between its renames, put the
    old bundle back; then every other retired copy goes."""
    target = root / slug
    retired = sorted(retired, key=lambda p: p.stat().st_mtime_ns)
    if retired and not os.path.lexists(target):
        os.rename(retired.pop(), target)
    for path in retired:
        shutil.rmtree(path, ignore_errors=True)


def sweep_work(root: Path, holding: str | None = None) -> None:
    """Remove what dead writers left in ``root/.sharecard-tmp``: staging folders, retired
    bundles (put back first if their bundle is missing) and lock files. An entry is only
    touched while its slug's lock is held; `holding` is a slug whose lock we hold."""
    work = root / WORK_DIR
    try:
        entries = list(os.scandir(work))
    except (FileNotFoundError, NotADirectoryError):
        return
    by_slug: dict[str, list[tuple[Path, bool]]] = {}
    for entry in entries:
        staged = _STAGED.fullmatch(entry.name)
        if staged:
            by_slug.setdefault(staged["slug"], []).append((Path(entry.path), bool(staged["old"])))
        elif (lock := _LOCK.fullmatch(entry.name)) and lock["slug"] != holding:
            by_slug.setdefault(lock["slug"], [])
    for slug, found in sorted(by_slug.items()):
        if slug == holding:
            _clean(root, slug, found)
            continue
        with bundle_lock(work, slug, wait=False) as mine:
            if mine:
                _clean(root, slug, found)


def _clean(root: Path, slug: str, found: list[tuple[Path, bool]]) -> None:
    _recover(root, slug, [p for p, old in found if old and p.exists()])
    for path, old in found:
        if not old:
            _remove(path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def sweep_out(root: Path) -> None:
    """`sweep_work`, plus the ``.<slug>.tmp-*``/``.<slug>.old-*`` siblings of bundles that
    the first bundle writer left (reads the whole output folder: once per run, not per
    bundle)."""
    sweep_work(root)
    legacy: dict[str, list[tuple[Path, str]]] = {}
    try:
        with os.scandir(root) as it:
            for entry in it:
                m = _LEGACY.fullmatch(entry.name)
                if m and entry.is_dir(follow_symlinks=False):
                    legacy.setdefault(m["slug"], []).append((Path(entry.path), m["kind"]))
    except FileNotFoundError:
        return
    work = root / WORK_DIR
    for slug, found in sorted(legacy.items()):
        with bundle_lock(work, slug, wait=False) as mine:
            if mine:
                _recover(root, slug, [p for p, kind in found if kind == "old"])
                for path, kind in found:
                    if kind == "tmp":
                        shutil.rmtree(path, ignore_errors=True)
    remove_work_if_empty(root)


def remove_work_if_empty(root: Path) -> None:
    """Drop the work folder once nobody uses it (another writer may recreate it)."""
    with contextlib.suppress(OSError):
        (root / WORK_DIR).rmdir()
