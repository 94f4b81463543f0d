"""The template examples in docs/templates.md render, cleanly, at every layout family."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cards.cardkit import briefing
from sharecard.cards.plan import plan_cards
from sharecard.cards.presets import PRESETS
from sharecard.cards.render import CardRenderer
from sharecard.cards.themes import make_theme

DOC = Path(__file__).resolve().parents[2] / "docs" / "templates.md"
EXAMPLES = re.findall(r"```jinja\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_docs_have_examples():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("example", range(len(EXAMPLES)))
@pytest.mark.parametrize("name", ["seed-putin-iran", "fa-iran-russia"])
def test_doc_example_renders_without_warnings(tmp_path, example, name):
    (tmp_path / "cover.svg.j2").write_text(EXAMPLES[example], encoding="utf-8")
    renderer = CardRenderer(templates=tmp_path)
    b = briefing(name)
    specs, _ = plan_cards(b, ["cover"], available=renderer.kinds())
    for preset in ("og", "square", "story"):
        card = renderer.render(b, specs[0], PRESETS[preset], make_theme("light"))
        assert "headline" in [box.name for box in card.boxes]
        # Making room (a smaller headline, a bullet left out) is reported, not a defect.
        assert [w for w in card.warnings if w.code not in ("shrunk", "left-out")] == [], (
            card.warnings)
