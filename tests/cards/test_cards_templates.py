"""User templates: adding and overriding, errors named file:line, the sandbox, escaping,
and an SVG that tries to read local files."""

from __future__ import annotations

import json

import pytest

from cards.cardkit import SEED, briefing
from sharecard.cards.plan import plan_cards
from sharecard.cards.presets import PRESETS
from sharecard.cards.render import CardRenderer
from sharecard.cards.themes import make_theme
from sharecard.errors import ConfigError
from support.cli import run_cli

MINIMAL = """\
{% extends "base.svg.j2" %}
{% block content %}
{% set f = preset.frame %}
{% set foot = footer(size=22) %}
{% set head = text_box(card.headline, name="headline", role="title", x=f.left, y=f.top,
     width=preset.width - f.left - f.right, height=foot.top - f.top - 20, size=(40, 90),
     max_lines=4, weight="bold", balance=true) %}
<rect x="0" y="0" width="24" height="{{ preset.height }}" fill="#0055AA"/>
{{ head }}
{{ foot }}
{% endblock %}
"""


def _render(tmp_path, kind="cover", preset="og", name="seed-putin-iran"):
    renderer = CardRenderer(templates=tmp_path)
    b = briefing(name)
    specs, _ = plan_cards(b, [kind], available=renderer.kinds())
    return renderer.render(b, specs[0], PRESETS[preset], make_theme("light"))


def test_user_cover_overrides_every_family(tmp_path):
    (tmp_path / "cover.svg.j2").write_text(MINIMAL)
    for preset in ("og", "square", "story"):
        card = _render(tmp_path, preset=preset)
        assert 'fill="#0055AA"' in card.svg
        assert [b.name for b in card.boxes if b.role != "footer"] == ["headline"]
        assert not card.warnings


def test_user_template_adds_a_card_kind(tmp_path):
    (tmp_path / "stats.svg.j2").write_text(MINIMAL)
    renderer = CardRenderer(templates=tmp_path)
    assert "stats" in renderer.kinds()
    specs, _ = plan_cards(briefing("seed-putin-iran"), ["cover", "stats"],
                          available=renderer.kinds())
    assert [s.kind for s in specs] == ["cover", "stats"]


def test_family_specific_user_template_is_preferred(tmp_path):
    (tmp_path / "cover.svg.j2").write_text(MINIMAL)
    (tmp_path / "cover.story.svg.j2").write_text(MINIMAL.replace("#0055AA", "#AA5500"))
    assert 'fill="#AA5500"' in _render(tmp_path, preset="story").svg
    assert 'fill="#0055AA"' in _render(tmp_path, preset="og").svg


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("<svg>\n{% if %}\n</svg>", 2, "template syntax error"),
        ('{% extends "base.svg.j2" %}\n{% block content %}\n\n{{ 1 / 0 }}\n{% endblock %}',
         4, "division by zero"),
        ('{% extends "base.svg.j2" %}\n{% block content %}\n{{ card.no_such_field }}\n'
         "{% endblock %}", 3, "undefined"),
        ('{% extends "base.svg.j2" %}\n{% block content %}\n\n\n'
         "{{ text_box('x', x=0, y=0, width=9, height=9, weight='heavy') }}\n{% endblock %}",
         5, "weight must be one of"),
        ('{% extends "base.svg.j2" %}\n{% block content %}\n'
         "{{ card.__class__.__mro__ }}\n{% endblock %}", 3, "unsafe"),
    ],
)
def test_template_errors_name_file_and_line(tmp_path, source, line, message):
    (tmp_path / "cover.svg.j2").write_text(source)
    with pytest.raises(ConfigError) as exc:
        _render(tmp_path)
    text = str(exc.value)
    assert text.startswith(f"{tmp_path}/cover.svg.j2:{line}: "), text
    assert message in text
    assert "\n" not in text


def test_template_output_must_be_svg(tmp_path):
    (tmp_path / "cover.svg.j2").write_text("<html><body>hi</body></html>")
    with pytest.raises(ConfigError, match="root element is not an SVG"):
        _render(tmp_path)
    (tmp_path / "cover.svg.j2").write_text("<svg xmlns='http://www.w3.org/2000/svg'>")
    with pytest.raises(ConfigError, match="not well-formed SVG"):
        _render(tmp_path)


def test_template_sees_escaped_text_only(tmp_path):
    (tmp_path / "cover.svg.j2").write_text(
        '{% extends "base.svg.j2" %}{% block content %}<desc>{{ card.headline }}</desc>'
        "{{ footer() }}{% endblock %}"
    )
    card = _render(tmp_path, name="grid-bottleneck")
    assert "<desc>Chipmakers &amp; “AI &lt;accelerators&gt;”" in card.svg


def test_a_box_outside_the_safe_area_is_reported(tmp_path):
    (tmp_path / "cover.svg.j2").write_text(
        '{% extends "base.svg.j2" %}{% block content %}{{ footer() }}'
        "{{ text_box('Edge', name='edge', x=2, y=2, width=300, height=60, size=40) }}"
        "{{ text_box('Edge', name='twin', x=2, y=2, width=300, height=60, size=40) }}"
        "{% endblock %}"
    )
    codes = {w.code for w in _render(tmp_path).warnings}
    assert {"outside-safe-area", "overlap"} <= codes


def test_a_template_without_footer_is_reported(tmp_path):
    (tmp_path / "cover.svg.j2").write_text(
        '{% extends "base.svg.j2" %}{% block content %}{% endblock %}'
    )
    assert "no-footer" in {w.code for w in _render(tmp_path).warnings}


HOSTILE = """\
{% extends "base.svg.j2" %}
{% block content %}
<style>@import "file:///etc/passwd"; @import url(file:///etc/shadow);</style>
<image href="file:///etc/passwd" x="0" y="0" width="100" height="100"/>
<image href="/etc/hostname" x="0" y="0" width="100" height="100"/>
<image href="https://example.com/pixel.png" x="0" y="0" width="100" height="100"/>
<use href="file:///etc/passwd#x"/>
{{ footer() }}
{% endblock %}
"""


def test_hostile_template_cannot_read_files_or_network(tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "cover.svg.j2").write_text(HOSTILE)
    out = tmp_path / "out"
    run = run_cli(["render", str(SEED), "-o", str(out), "--templates", str(tpl)])
    assert run.exit_code == 0, run.stderr
    manifest = json.loads((out / "seed-putin-iran" / "manifest.json").read_text())
    blocked = {w["detail"] for w in manifest["warnings"] if w["code"] == "blocked-url"}
    assert any("file: URL" in d for d in blocked)
    assert any("https: URL" in d for d in blocked)
    assert "/etc/" not in json.dumps(manifest)
    png = (out / "seed-putin-iran" / "og-cover.png").read_bytes()
    assert png.startswith(b"\x89PNG")


def test_missing_templates_directory(tmp_path):
    with pytest.raises(ConfigError, match="templates directory not found"):
        CardRenderer(templates=tmp_path / "nope")
