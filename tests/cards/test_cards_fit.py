"""The fit policy (sharecard.cards.fit), block by block: what yields room, in what order,
and how the spare room is shared out. Every case is set by the real typesetter."""

from __future__ import annotations

import pytest

from cards.cardkit import renderer
from sharecard.cards.canvas import Canvas
from sharecard.cards.fit import compose, list_block, rule_block, spread, text_block
from sharecard.cards.presets import PRESETS
from sharecard.cards.themes import make_theme
from sharecard.errors import ConfigError

HEADLINE = "Putin, Iran deepen military coordination across drones and air defence"
BULLETS = (
    "Putin and Iran's leadership aren't unveiling a new alliance this week.",
    "That pact took effect on October 2, 2025, after the leaders signed it in Moscow.",
    "It matters because both can coordinate more deeply without a defence pledge.",
    "Western officials expect drone deliveries to continue through the winter.",
    "Analysts say the treaty formalises what was already happening on the ground.",
)
SENTENCES = (
    "Russia gets a sanctions-hardened partner with military know-how.",
    "Iran gets diplomatic cover and a major-power ally that blunts isolation.",
    "Both gain a framework that outlasts any single crisis or leader.",
)
BODY = tuple(" ".join(SENTENCES[:k]) for k in range(3, 0, -1))


def _canvas(preset: str = "og") -> Canvas:
    return Canvas(renderer().typesetter, PRESETS[preset], make_theme("light"), language="en")


def _run(blocks, room: float, preset: str = "og", **kw):
    canvas = _canvas(preset)
    stack = compose(canvas, blocks, x=60, y=60, width=1000, bottom=60 + room, **kw)
    return stack, canvas


def _headline(**kw):
    opts = {"size": (30, 60), "lines": 2, "role": "title", "weight": "bold",
            "balance": True, "line_height": 1.08}
    return text_block("headline", HEADLINE, **(opts | kw))


def _bullets(items, **kw):
    return list_block("bullets", items, item="bullet", **kw)


def _codes(canvas: Canvas) -> list[tuple[str, str]]:
    return [(n.code, n.detail) for n in canvas.notes]


def _best(block) -> float:
    """The size `block` takes on its own in a tall room: its best fit."""
    alone, _ = _run([block], room=2000)
    return alone[block.name].size


def _height(blocks) -> float:
    """The height `blocks` take together when nothing has to yield (no spread)."""
    stack, _ = _run(blocks, room=2000, band=None)
    return stack.bottom - stack.top


def test_everything_fits_nothing_yields():
    stack, canvas = _run([_headline(), _bullets(BULLETS[:2], size=24, gap=20)],
                         room=500)
    assert stack.names == ("headline", "bullets")
    assert stack["headline"].size == _best(_headline()) and not stack["headline"].clamped
    assert stack["bullets"].count == 2
    assert [n.code for n in canvas.notes] == ["shrunk"]  # its own fit: 2 lines at most


def test_bullets_make_way_last_first_before_the_headline_shrinks():
    blocks = [_headline(), _bullets(BULLETS, size=24, gap=20)]
    stack, canvas = _run(blocks, room=330)
    head, items = stack["headline"], stack["bullets"]
    assert head.size == _best(_headline()) and not head.clamped  # it kept its best size
    kept = items.count
    assert 0 < kept < len(BULLETS)
    assert [b.text for b in items.boxes] == list(BULLETS[:kept])  # a prefix: last first
    notes = [n for n in canvas.notes if n.code == "left-out"]
    assert [n.detail for n in notes] == [f"bullet{n + 1}" for n in range(kept, len(BULLETS))]
    for n, note in zip(range(kept, len(BULLETS)), notes, strict=True):
        assert note.message.startswith(f"bullet {n + 1} of {len(BULLETS)} left out")
        assert BULLETS[n][:40] in note.message
    # Shrinking the headline first would have kept more bullets: the order is the policy.
    small, _ = _run([_headline(size=30), _bullets(BULLETS, size=24, gap=20)],
                    room=330)
    assert small["bullets"].count > kept


def test_a_tall_card_shrinks_its_title_before_it_leaves_a_bullet_out():
    """keep_items: the headline gives way within its range first; only when even its
    smallest size leaves no room do bullets go, from the headline's largest size."""
    blocks = [_headline(), _bullets(BULLETS, size=24, gap=20)]
    dropped, _ = _run(blocks, room=330)
    assert dropped["bullets"].count < len(BULLETS)
    kept, _ = _run(blocks, room=330, keep_items=True)
    assert kept["bullets"].count > dropped["bullets"].count
    assert kept["headline"].size < dropped["headline"].size
    assert kept["headline"].size >= 30  # within its range
    cramped, _ = _run(blocks, room=150, keep_items=True)  # not even at 30 px: as before
    plain, _ = _run(blocks, room=150)
    assert cramped.names == plain.names
    assert cramped["headline"].size == plain["headline"].size


def test_the_title_shrinks_before_the_body_is_shortened():
    blocks = [_headline(size=(24, 60)),
              text_block("body", BODY, size=24, line_height=1.36, gap=20)]
    full, _ = _run(blocks, room=1000)
    best = _best(blocks[0])
    assert full["headline"].size == best and full["body"].text == BODY[0]
    stack, canvas = _run(blocks, room=_height(blocks) - 40)
    assert stack["body"].text == BODY[0]  # every sentence still there…
    assert 24 <= stack["headline"].size < best  # …because the headline gave up size
    assert ("shrunk", "headline") in _codes(canvas)
    assert not any(code == "left-out" for code, _ in _codes(canvas))


def test_the_body_is_shortened_by_whole_sentences_then_clamped_before_the_title():
    blocks = [_headline(size=(40, 40)),
              text_block("body", BODY, size=24, line_height=1.36, gap=20, width=420)]
    title = _height(blocks[:1])
    stack, canvas = _run(blocks, room=title + 20 + 3 * 24 * 1.36 + 4)
    body = stack["body"]
    assert body.text in BODY[1:]  # fewer sentences, each whole
    assert not body.clamped and not stack["headline"].clamped
    (note,) = [n for n in canvas.notes if n.code == "left-out"]
    first_missing = SENTENCES[body.text.count(".")]
    assert note.detail == "body" and first_missing[:30] in note.message
    # Less room still: the one sentence left is cut, the headline is not.
    stack, _ = _run(blocks, room=title + 20 + 24 * 1.36 + 4)
    assert stack["body"].clamped and stack["body"].lines[-1].endswith("…")
    assert not stack["headline"].clamped


def test_the_title_is_clamped_only_when_it_does_not_fit_alone():
    blocks = [_headline(size=(40, 40), lines=1),
              text_block("body", BODY, size=24, line_height=1.36, gap=20)]
    stack, canvas = _run(blocks, room=40 * 1.08 * 1.5)
    assert stack.names == ("headline",)
    assert stack["headline"].clamped
    assert ("left-out", "body") in _codes(canvas)


def test_a_headline_takes_more_lines_rather_than_an_ellipsis():
    long = " ".join(["coordination"] * 24)
    stack, _ = _run([text_block("headline", long, size=(30, 60), lines=2, role="title")],
                    room=600)
    head = stack["headline"]
    assert not head.clamped and len(head.lines) > 2 and head.size == 30


def test_ornaments_leave_before_any_text_is_cut():
    blocks = [text_block("mark", "“", role="ornament", size=120, max_lines=1,
                         line_height=1.0),
              text_block("quote", BODY[0], role="title", size=(30, 30), gap=10)]
    stack, canvas = _run(blocks, room=_height(blocks[1:]) + 20)
    assert stack.names == ("quote",)
    assert stack["quote"].text == BODY[0] and not stack["quote"].clamped
    assert ("left-out", "mark") in _codes(canvas)


def test_a_rule_is_drawn_only_before_a_drawn_block():
    blocks = [_headline(), rule_block("rule", width=60, thickness=4, gap=10),
              _bullets(BULLETS[:1], size=24, gap=10)]
    stack, _ = _run(blocks, room=500)
    assert stack.names == ("headline", "rule", "bullets")
    rule, items, head = stack["rule"], stack["bullets"], stack["headline"]
    # A fixed gap under the headline's last baseline (not its ink: descenders vary).
    assert rule.y == pytest.approx(head.layout.baselines[-1] + 10, abs=0.02)
    assert items.top >= rule.y + rule.height + 10 - 0.01
    stack, _ = _run([*blocks[:2], list_block("bullets", [], size=24)], room=500)
    assert stack.names == ("headline",) and stack["rule"] is None


def test_a_short_title_grows_into_room_that_would_be_empty():
    short = text_block("heading", "The numbers", role="title", size=(30, 50), lines=2,
                       grow=1.4)
    body = text_block("body", SENTENCES[0], size=24, gap=20)
    stack, canvas = _run([short, body], room=500)
    assert 50 < stack["heading"].size <= 70
    assert not [n for n in canvas.notes if n.code == "shrunk"]
    fixed, _ = _run([text_block("heading", "The numbers", role="title", size=(30, 50)),
                     body], room=500)
    assert fixed["heading"].size == 50  # grow=1 (the default): never past the range


def test_spare_room_is_shared_so_no_band_passes_the_limit():
    assert spread(300, [10, 10], band=100, align=0.4) == pytest.approx([100, 50, 50, 100])
    assert spread(100, [10, 10], band=100, align=0.4) == pytest.approx([40, 0, 0, 60])
    # More than every band can take: the rest goes above and below as `align` says.
    assert spread(500, [10, 10], band=100, align=0.4) == pytest.approx([148, 90, 90, 172])
    assert spread(500, [10, 10], band=100, align=0.0) == pytest.approx([0, 90, 90, 320])
    assert spread(0, [10], band=100, align=0.4) == [0, 0, 0]


def test_the_stack_is_placed_in_the_spare_room():
    blocks = [_headline(), _bullets(BULLETS[:1], size=24, gap=20)]
    top, _ = _run(blocks, room=600, align=0.0, band=None)
    assert top.top == 60
    mid, _ = _run(blocks, room=600, align=0.5, band=None)
    height = top.bottom - top.top
    assert mid.top == pytest.approx(60 + (600 - height) / 2, abs=0.02)


def test_declarations_are_checked():
    with pytest.raises(ConfigError, match="unique"):
        _run([_headline(), _headline()], room=300)
    with pytest.raises(ConfigError, match="compose\\(\\) takes blocks"):
        _run(["headline"], room=300)
    with pytest.raises(ConfigError, match="size must be"):
        text_block("x", "y", size="big")
    with pytest.raises(ConfigError, match="grow must be 1 or more"):
        text_block("x", "y", grow=0.5)
    with pytest.raises(ConfigError, match="no room"):
        _run([_headline()], room=-5)
