"""`sharecard blurb` end to end: the real entry point, stdout, stderr and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sharecard.blurbs import count

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
SEED = CORPUS / "seed-putin-iran.txt"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", "from sharecard.cli import main; main()", "blurb", *args],
        input=stdin, capture_output=True, timeout=120, check=False,
    )


def test_count_reads_stdin_and_a_plain_file(tmp_path: Path) -> None:
    text = "Putin 🇷🇺 & Iran 🇮🇷 — https://example.com/a"
    result = run("--count", "--platform", "x", stdin=text.encode())
    assert result.returncode == 0 and result.stdout.decode().strip() == str(count(text, "x"))
    file = tmp_path / "post.txt"
    file.write_text(text, encoding="utf-8")
    for platform in ("bluesky", "mastodon"):
        result = run("--count", "-p", platform, str(file))
        assert result.stdout.decode().strip() == str(count(text, platform))


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("--count", stdin=b"caf\xe9")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "sharecard: <stdin>: not UTF-8 text (byte 3)"
    missing = run("--count", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2 and len(missing.stderr.decode().strip().splitlines()) == 1
    assert "Traceback" not in missing.stderr.decode()


def test_unknown_platform_lists_the_valid_ones() -> None:
    result = run("--count", "--platform", "myspace")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "myspace" in err and "bluesky" in err and "mastodon" in err


@pytest.mark.skipif(not SEED.exists(), reason="tests/data/corpus is missing")
def test_blurb_and_thread_of_a_briefing_file() -> None:
    result = run(str(SEED), "-p", "x", "--url", "https://scout.news/b/1", "--utm", "spring",
                 "--hashtag", "Iran")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode().rstrip("\n")
    assert out.startswith("Putin, Iran deepen military coordination\n")
    assert "utm_source=x&utm_medium=social&utm_campaign=spring" in out
    assert count(out, "x") <= 280

    thread = run(str(SEED), "--thread", "-p", "bluesky")
    posts = thread.stdout.decode().rstrip("\n").split("\n---\n")
    assert len(posts) == 9 and posts[8].startswith("9/9 Bottom line")
    assert all(count(p, "bluesky") <= 300 for p in posts)


@pytest.mark.skipif(not SEED.exists(), reason="tests/data/corpus is missing")
def test_briefing_from_stdin_and_thread_platform_errors() -> None:
    result = run("-p", "mastodon", stdin=SEED.read_bytes())
    assert result.returncode == 0
    assert result.stdout.decode().startswith("Putin, Iran deepen military coordination")
    refused = run(str(SEED), "--thread", "-p", "linkedin")
    assert refused.returncode == 2
    assert refused.stderr.decode().startswith("sharecard: threads are made for x, bluesky")
