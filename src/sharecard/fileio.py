"""Files in and out, the careful way: capped reads of regular files, atomic writes.

Reading (`read_regular`): the size is taken from ``fstat`` of the opened file before a
byte is read, so a 3 GB "logo" is refused at once instead of read whole; the file is
opened with O_NONBLOCK and must be a regular file, so a FIFO cannot hang a render and a
device (``/dev/zero``) cannot feed it forever.

Writing (`write_atomic`): the data goes to a temporary file in the destination's own
folder, is flushed to disk (fsync), and replaces the destination in one ``os.replace``.
A reader sees the old file or the new one, never a truncated mix; on any failure (a
full disk, a read-only folder, an interrupt) the old file is left as it was and the
temporary file is removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from sharecard.errors import ConfigError, WriteError

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def _size(n: int) -> str:
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KB"
    return f"{n} bytes"


def read_regular(
    path: str | Path,
    *,
    max_bytes: int,
    what: str,
    shown: str | None = None,
    no_follow: bool = False,
    verify: Callable[[int], None] | None = None,
) -> bytes:
    """The bytes of regular file `path`, refused (ConfigError naming `shown`) when it is
    missing, not a regular file, or larger than `max_bytes`.

    `no_follow` refuses a link as the last path component (O_NOFOLLOW); `verify` is
    called with the open descriptor before reading, for checks only an open file allows.
    """
    shown = shown if shown is not None else str(path)
    flags = os.O_RDONLY | _O_BINARY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if no_follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ConfigError(f"{what} file not found", shown) from None
    except OSError as exc:
        if no_follow and exc.errno in (errno.ELOOP, errno.EMLINK):
            raise ConfigError(f"{what} was replaced by a link while it was read; refused",
                              shown) from None
        raise ConfigError(f"cannot read {what}: {exc.strerror or exc}", shown) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ConfigError(f"{what} is a directory, not a file", shown)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{what} is not a regular file (a device, FIFO or socket); "
                              "refused", shown)
        if verify is not None:
            verify(fd)
        if info.st_size > max_bytes:
            raise ConfigError(f"{what} file is larger than {_size(max_bytes)}", shown)
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise ConfigError(f"cannot read {what}: {exc.strerror or exc}", shown) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew after fstat
        raise ConfigError(f"{what} file is larger than {_size(max_bytes)}", shown)
    return data


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` atomically (temp file in the same folder, fsync, rename).

    Creates missing parent folders; the file gets the permissions a plain write would
    (0666 less the umask). Raises WriteError naming `path` when it cannot be done; the
    previous file, if any, is then untouched and no temporary file remains.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp, fd = _create_temp(target)
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write: {exc.strerror or exc}", str(path)) from None
        raise
    sync_folder(target.parent)


def _create_temp(target: Path) -> tuple[Path, int]:
    """A new hidden file beside `target`, created exclusively (O_EXCL), so the kernel
    applies the umask and no other writer can share it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY | getattr(os, "O_CLOEXEC", 0)
    while True:
        temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return temp, os.open(temp, flags, 0o666)
        except FileExistsError:
            continue


def sync_folder(folder: Path) -> None:
    """Make a rename or a new entry in `folder` durable (POSIX); a no-op where folders
    cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
