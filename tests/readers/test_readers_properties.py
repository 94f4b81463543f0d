"""Property tests: on any text the readers return a Briefing or raise InputError, nothing
else, and every Briefing they return satisfies the published schema."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from sharecard.errors import InputError
from sharecard.model import Briefing
from sharecard.readers import FORMATS, InputLimits, read_bytes, read_text, schema_text

from .conftest import CORPUS_FILES

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCHEMA = Draft202012Validator(json.loads(schema_text()))
CORPUS_TEXTS = [path.read_text("utf-8-sig") for path in CORPUS_FILES]
# Pieces that steer mutations toward the reader's decisions.
TOKENS = [
    "(",
    ")",
    "(x.com)",
    "(a.b.co/path)",
    "### ",
    "## ",
    "# ",
    "- ",
    " - ",
    "\n",
    "\r\n",
    "?",
    ".",
    "。",
    "؟",
    "---\n",
    "{",
    "headline: ",
    "Shared from ",
    "Get your own daily briefing\n",
    "[x](https://x.com)",
    "\ufeff",
    "\u200c",
    "👨‍👩‍👧",
]


def _check(read) -> None:
    """Call `read()`; it must give a schema-valid Briefing or raise InputError."""
    try:
        briefing = read()
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(briefing, Briefing)
    data = briefing.to_dict()
    SCHEMA.validate(data)
    json.dumps(data, ensure_ascii=False).encode("utf-8")
    assert Briefing.from_dict(data) == briefing


@SETTINGS
@given(text=st.text(), fmt=st.sampled_from([None, *FORMATS]))
def test_arbitrary_text(text: str, fmt: str | None) -> None:
    _check(lambda: read_text(text, fmt, source="prop"))


@SETTINGS
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    _check(lambda: read_bytes(data, source="prop"))


@SETTINGS
@given(data=st.data())
def test_mutated_corpus_text(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(CORPUS_TEXTS))
    for _ in range(data.draw(st.integers(1, 6))):
        op = data.draw(st.sampled_from(["delete", "insert", "shuffle"]))
        if op == "delete" and text:
            start = data.draw(st.integers(0, len(text) - 1))
            end = data.draw(st.integers(start, min(len(text), start + 200)))
            text = text[:start] + text[end:]
        elif op == "insert":
            at = data.draw(st.integers(0, len(text)))
            piece = data.draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)))
            text = text[:at] + piece + text[at:]
        else:
            lines = text.split("\n")
            text = "\n".join(data.draw(st.permutations(lines)))
    fmt = data.draw(st.sampled_from([None, "scout", "markdown"]))
    _check(lambda: read_text(text, fmt, source="prop"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_unpaired_surrogate_is_an_input_error(fmt: str) -> None:
    with pytest.raises(InputError, match="unpaired surrogate at offset 5"):
        read_text("Head \ud800 line", fmt)


# Time per character a reader may take, in CPU seconds of this thread (load on other
# cores does not count): 200 µs, some 200 times what a briefing takes (~1 µs), so only a
# step that grows faster than the text (a backtracking pattern, a quadratic loop) can
# reach it, on a slow machine as on a fast one.
SECONDS_PER_CHAR = 200e-6
BASE_SECONDS = 0.2
WORDS = ["Rates", "hold", "as", "inflation", "cools", "الفائدة", "金利", "ดอกเบี้ย", "1.5%",
         "https://example.com/a", "www.x.co", "a.b", "“quoted”", "—", "…", "  ", "\t"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(TOKENS + WORDS), min_size=200, max_size=3000),
       repeat=st.integers(min_value=1, max_value=8), fmt=st.sampled_from([None, *FORMATS]))
def test_reading_time_is_bounded_per_character(pieces: list[str], repeat: int,
                                               fmt: str | None) -> None:
    """Long documents of the readers' own syntax (headings, lists, citations, front
    matter, JSON braces), up to ~100,000 characters: one clear error or a briefing, and
    CPU time in proportion to the text."""
    text = "".join(pieces) * repeat
    started = time.thread_time()
    _check(lambda: read_text(text, fmt, source="prop",
                             limits=InputLimits(max_bullets=10**6, max_sections=10**6,
                                                max_field_chars=10**7,
                                                max_text_chars=10**7)))
    spent = time.thread_time() - started
    assert spent <= BASE_SECONDS + SECONDS_PER_CHAR * len(text), (spent, len(text))
