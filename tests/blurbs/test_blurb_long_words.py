"""A headline whose first word cannot fit a post (issue 9, item 4): the blurb is shortened
at a grapheme boundary with "…" instead of failing, and the one error left ("no room")
names the real cause."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from sharecard.blurbs import PLATFORMS, THREAD_PLATFORMS, blurb_files, compose, fits, thread
from sharecard.blurbs.words import shorten
from sharecard.errors import InputError
from sharecard.model import Briefing, Section
from support.cli import run_cli

WORD = ("Unbreakable" * 500)[:5000]
LONG = Briefing(headline=WORD, bullets=("One point.",),
                sections=(Section("Why?", "Because. It is."),))
EMOJI_WORD = "👩‍👩‍👧‍👦🇮🇷" * 400  # grapheme clusters of several code points each


@pytest.mark.parametrize("platform", list(PLATFORMS))
def test_a_first_word_over_the_limit_is_cut_at_a_grapheme_with_an_ellipsis(platform):
    text = compose(LONG, platform)
    assert fits(text, platform)
    head = text.splitlines()[0]
    if platform == "facebook":  # 63,206: the whole word fits
        assert head == WORD
        return
    assert head.endswith("…") and WORD.startswith(head[:-1]) and len(head) > 100


@pytest.mark.parametrize("platform", THREAD_PLATFORMS)
def test_threads_of_such_a_headline_fit(platform):
    posts = thread(LONG, platform)
    assert len(posts) == 2 and all(fits(p, platform) for p in posts)
    assert posts[0].startswith("1/2 Unbreakable") and "…" in posts[0]


def test_the_cut_never_splits_a_grapheme_cluster():
    short = shorten(EMOJI_WORD, lambda t: len(t) <= 100)
    assert short is not None and short.endswith("…")
    clusters = regex.findall(r"\X", short[:-1])
    assert "".join(clusters) == short[:-1]
    assert EMOJI_WORD.startswith(short[:-1])
    assert regex.findall(r"\X", EMOJI_WORD)[: len(clusters)] == clusters


def test_word_boundaries_win_when_a_first_word_fits():
    assert shorten("Short words then " + WORD, lambda t: len(t) <= 280) == "Short words then…"


def test_a_link_that_leaves_no_room_is_named_as_the_cause():
    too_long = "https://example.com/" + "a" * 400
    with pytest.raises(InputError, match=r"^the link alone is over Bluesky's limit of 300$"):
        compose(LONG, "bluesky", url=too_long)
    almost = "https://example.com/" + "a" * 278  # 298 graphemes: fits, but not with "U…"
    with pytest.raises(
        InputError,
        match=r"^the link leaves no room for the headline within Bluesky's limit of 300$",
    ):
        compose(LONG, "bluesky", url=almost)


def test_bundle_blurb_files_are_written_for_such_a_headline():
    files = blurb_files(LONG, images=())
    blurbs = json.loads(files["blurbs.json"])["platforms"]
    for name, row in blurbs.items():
        assert row["count"] <= row["limit"], name
        assert row["text"].startswith("Unbreakable")


def test_blurb_command_and_render_succeed(tmp_path: Path):
    source = tmp_path / "long.json"
    source.write_text(json.dumps({"headline": WORD, "bullets": ["One point."]}))
    run = run_cli(["blurb", str(source), "-p", "x"])
    assert run.exit_code == 0, run.stderr
    assert run.text.startswith("Unbreakable") and "…" in run.text
    assert fits(run.text.rstrip("\n"), "x")
    run = run_cli(["render", str(source), "-o", str(tmp_path / "out"), "--preset", "og"])
    assert run.exit_code == 0, run.stderr
    manifest = json.loads(next((tmp_path / "out").glob("*/manifest.json")).read_text())
    assert "blurbs.json" in {f["path"] for f in manifest["files"]}


def test_a_huge_bullet_is_measured_a_bounded_number_of_times():
    """Leading sentences of a bullet that does not fit whole are tried one more at a
    time while they fit: the number of counts is bounded by the limit, not by the
    bullet (which tried every prefix from the longest, quadratic in a 5 MB section)."""
    from sharecard.blurbs.compose import Parts, fill

    sentence = "This sentence pads the bullet."
    calls: list[int] = []

    def accepts(text: str) -> bool:
        calls.append(len(text))
        return len(text) <= 280

    filled = fill(Parts("Headline"), [" ".join([sentence] * 5000)], accepts)
    assert filled.body == (" ".join([sentence] * 8),)
    assert len(calls) <= 12 and sum(calls[1:]) < 10 * 280
