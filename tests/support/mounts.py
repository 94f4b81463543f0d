"""A command run with a small file system of its own mounted over a folder: a full disk
(tmpfs of a few KB) or a read-only one, as a machine fault looks to sharecard. Needs a
mount namespace: root with util-linux's unshare (scripts/test.sh installs it), or an
unprivileged user namespace (``unshare -rm``)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from support import unavailable


def _prefix() -> list[str]:
    if shutil.which("unshare") is None:
        unavailable("a full or read-only disk needs unshare (util-linux)")
    options = ["-m"] if os.geteuid() == 0 else ["-r", "-m"]
    probe = subprocess.run(["unshare", *options, "true"], capture_output=True, text=True,
                           check=False)
    if probe.returncode != 0:
        unavailable(f"a full or read-only disk needs a mount namespace: "
                    f"{probe.stderr.strip() or 'unshare failed'}")
    return ["unshare", *options, "sh", "-c"]


def run_on_mount(folder: Path, command: list[str], *, size: str = "64k",
                 read_only: bool = False, env: dict[str, str] | None = None
                 ) -> subprocess.CompletedProcess[str]:
    """`command` with a tmpfs of `size` at `folder` (read-only when asked), which is
    unmounted when it ends; stdout, stderr and the exit status as they were."""
    folder.mkdir(parents=True, exist_ok=True)
    mount = f"mount -t tmpfs -o size={size} none {shlex.quote(str(folder))}"
    if read_only:
        mount += f" && mount -o remount,ro {shlex.quote(str(folder))}"
    script = f"{mount} && exec {shlex.join(command)}"
    return subprocess.run([*_prefix(), script], capture_output=True, text=True, timeout=300,
                          check=False, env=env)
