"""The template loader reads only regular files inside the template directory (issue 9,
item 1): a link out of it (``pw.svg.j2 -> /etc/passwd``), a FIFO, a device or an
oversized file is refused with one line naming the template, and nothing is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cards.cardkit import SEED
from sharecard.cards.environment import MAX_TEMPLATE_BYTES, TemplateLibrary, read_template
from sharecard.errors import ConfigError
from support.cli import run_cli

SECRET = "root-secret-7f3a:x:0:0"
INCLUDES = """\
{% extends "base.svg.j2" %}
{% block label %}{% include "NAME" %}{% endblock %}
{% block content %}{{ footer() }}{% endblock %}
"""


def _templates(tmp_path: Path, target: str | Path | None = None, name: str = "pw.svg.j2"):
    """A template dir whose cover includes `name`, a link to `target` when given."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "cover.svg.j2").write_text(INCLUDES.replace("NAME", name))
    if target is not None:
        (folder / name).symlink_to(target)
    return folder


def _render(folder: Path, out: Path):
    return run_cli(["render", str(SEED), "--templates", str(folder), "-o", str(out),
                    "--preset", "og"])


def _assert_refused(run, out: Path, name: str, problem: str) -> None:
    assert run.exit_code == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr
    assert lines[0].startswith("sharecard: ") and f"/{name}: " in lines[0]
    assert problem in lines[0]
    assert not out.exists()


def test_a_link_to_a_file_outside_is_refused_and_its_text_never_drawn(tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n")
    out = tmp_path / "out"
    run = _render(_templates(tmp_path, secret), out)
    _assert_refused(run, out, "pw.svg.j2", "link to a file outside the templates directory")
    assert SECRET not in run.stderr


def test_the_issue_case_etc_passwd(tmp_path):
    out = tmp_path / "out"
    run = _render(_templates(tmp_path, "/etc/passwd"), out)
    _assert_refused(run, out, "pw.svg.j2", "outside the templates directory")


def test_a_relative_link_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "outside.svg.j2").write_text(SECRET)
    out = tmp_path / "out"
    run = _render(_templates(tmp_path, "../outside.svg.j2"), out)
    _assert_refused(run, out, "pw.svg.j2", "outside the templates directory")


def test_a_link_to_a_device_is_refused(tmp_path):
    out = tmp_path / "out"
    run = _render(_templates(tmp_path, "/dev/zero"), out)
    _assert_refused(run, out, "pw.svg.j2", "outside the templates directory")


def test_a_fifo_inside_the_folder_is_refused_without_blocking(tmp_path):
    folder = _templates(tmp_path, name="fifo.svg.j2")
    os.mkfifo(folder / "fifo.svg.j2")
    out = tmp_path / "out"
    # A subprocess with a timeout: opening a FIFO for reading without O_NONBLOCK would
    # wait for a writer forever.
    result = subprocess.run(
        [sys.executable, "-c", "from sharecard.cli import main; main()", "render", str(SEED),
         "--templates", str(folder), "-o", str(out), "--preset", "og"],
        capture_output=True, timeout=120, check=False, text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "/fifo.svg.j2: template is not a regular file (a device, FIFO or socket); refused")
    assert not out.exists()


def test_a_link_that_stays_inside_the_folder_is_followed(tmp_path):
    folder = _templates(tmp_path, name="label.svg.j2")
    (folder / "parts").mkdir()
    (folder / "parts" / "label.txt").write_text("Label from a linked part")
    (folder / "label.svg.j2").symlink_to(Path("parts") / "label.txt")
    out = tmp_path / "out"
    run = _render(folder, out)
    assert run.exit_code == 0, run.stderr
    svg = (out / "seed-putin-iran" / "og-cover.svg").read_text()
    assert "Label from a linked part" in svg


def test_a_template_folder_given_as_a_link_works(tmp_path):
    folder = _templates(tmp_path, name="label.svg.j2")
    (folder / "label.svg.j2").write_text("Own label")
    link = tmp_path / "brand-templates"
    link.symlink_to(folder, target_is_directory=True)
    run = _render(link, tmp_path / "out")
    assert run.exit_code == 0, run.stderr
    assert "Own label" in (tmp_path / "out" / "seed-putin-iran" / "og-cover.svg").read_text()


def test_show_and_listing_never_read_a_link_out(tmp_path):
    """A folder holding a link out is refused whole, for listing and showing too."""
    folder = _templates(tmp_path, "/etc/passwd")
    with pytest.raises(ConfigError, match=r"pw\.svg\.j2: template is a link to a file outside"):
        TemplateLibrary(folder)
    for args in (["--show", "pw.svg.j2"], []):
        run = run_cli(["templates", "--templates", str(folder), *args])
        assert run.exit_code == 2 and "root:" not in run.text
        assert "template is a link to a file outside the templates directory" in run.stderr


def test_an_oversized_template_is_refused_before_it_is_read_whole(tmp_path):
    folder = _templates(tmp_path, name="big.svg.j2")
    with (folder / "big.svg.j2").open("wb") as handle:
        handle.truncate(MAX_TEMPLATE_BYTES + 1)
    out = tmp_path / "out"
    _assert_refused(_render(folder, out), out, "big.svg.j2", "template file is larger than 1 MB")


def test_a_link_swapped_in_after_the_path_check_is_not_followed(tmp_path, monkeypatch):
    """The race: the real-path check passed, then the file became a link. O_NOFOLLOW
    refuses to open it (simulated by a realpath that does not resolve links)."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    (tmp_path / "passwd").write_text(SECRET)
    (folder / "x.svg.j2").symlink_to(tmp_path / "passwd")
    monkeypatch.setattr(os.path, "realpath", lambda p, **_: os.path.abspath(p))
    with pytest.raises(ConfigError, match="replaced by a link"):
        read_template(folder, "x.svg.j2", "tpl/x.svg.j2")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_a_folder_swapped_for_a_link_is_caught_after_opening(tmp_path, monkeypatch):
    """The directory itself replaced by a link to another place after it was resolved:
    the file opened is checked by where it really is (/proc/self/fd)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.svg.j2").write_text(SECRET)
    folder = tmp_path / "tpl"
    folder.symlink_to(elsewhere, target_is_directory=True)
    monkeypatch.setattr(os.path, "realpath", lambda p, **_: os.path.abspath(p))
    with pytest.raises(ConfigError, match="outside the templates directory"):
        read_template(folder, "x.svg.j2", "tpl/x.svg.j2")
