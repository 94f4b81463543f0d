"""User templates run on a budget (issue 9, item 6): time (default 20 s, configurable),
the size of any value they build, the memory those values take, and the size of their
output. Nested ``range(100000)`` loops never ended and ``{{ 'b' * 10**10 }}`` grew to
20+ GB; each is now one line naming the template's file and line, exit 2, and a run
that is refused stays small."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cards.cardkit import SEED, briefing
from sharecard.cards.render import CardRenderer
from sharecard.cards.sandbox import DEFAULT_TIMEOUT, TemplateLimits, template_limits
from sharecard.errors import ConfigError
from sharecard.pipeline import render_bundle, render_card, resolve_settings
from support.cli import run_cli
from support.process import run_measured

HEAD = '{% extends "base.svg.j2" %}{% block content %}{{ footer() }}\n'
TAIL = "\n{% endblock %}\n"
NESTED_LOOPS = ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                "{% endfor %}")
MAX_RSS_MIB = 300


def _folder(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    (folder / "cover.svg.j2").write_text(HEAD + body + TAIL)
    return folder


def _render(tmp_path: Path, body: str, **settings):
    renderer = CardRenderer(templates=_folder(tmp_path, body))
    return render_card(briefing("seed-putin-iran"), "cover", "og", renderer=renderer,
                       settings=resolve_settings(**settings))


def test_the_issue_case_b_times_10_to_the_10_is_refused_small(tmp_path):
    folder = _folder(tmp_path, "{{ 'b' * 10**10 }}")
    out = tmp_path / "out"
    run = run_measured(["render", str(SEED), "--templates", str(folder), "-o", str(out),
                        "--preset", "og"])
    assert run.exit_code == 2
    assert run.stderr == (
        f"sharecard: {folder}/cover.svg.j2:2: template error: a repeated value would be "
        "10,000,000,000 characters or items long, over the limit of 2,000,000\n")
    assert not out.exists()
    assert run.max_rss_mib < MAX_RSS_MIB, run.max_rss_mib


def test_the_issue_case_nested_loops_stop_at_the_time_limit(tmp_path):
    folder = _folder(tmp_path, NESTED_LOOPS)
    out = tmp_path / "out"
    run = run_measured(["render", str(SEED), "--templates", str(folder), "-o", str(out),
                        "--preset", "og", "--template-timeout", "1"])
    assert run.exit_code == 2
    assert run.stderr == (
        f"sharecard: {folder}/cover.svg.j2:2: template error: took longer than the limit of "
        "1 s (raise it with --template-timeout)\n")
    assert not out.exists()
    assert run.max_rss_mib < MAX_RSS_MIB, run.max_rss_mib


HOSTILE = {
    "doubling with ~": ("{% set ns = namespace(s='bb') %}{% for i in range(60) %}"
                        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
                        "a '~' concatenation would be 2,097,152 characters"),
    "doubling with +": ("{% set ns = namespace(s='bb') %}{% for i in range(60) %}"
                        "{% set ns.s = ns.s + ns.s %}{% endfor %}",
                        "a concatenation would be 2,097,152 characters"),
    "list doubling": ("{% set l = [1] %}{% for i in range(40) %}{% set _ = l.extend(l) %}"
                      "{% endfor %}", "list.extend() would be 2,097,152 characters"),
    "center filter": ("{{ 'x'|center(10**10) }}", "the center filter would be 10,000,000,000"),
    "ljust method": ("{{ 'x'.ljust(10**10) }}", "str.ljust() would be 10,000,000,000"),
    "printf width": ("{{ '%10000000000s' % 'x' }}", "a formatted string would be"),
    "format filter width": ("{{ '%10000000000s'|format('x') }}", "a formatted string"),
    "str.format width": ("{{ '{:>10000000000}'.format('x') }}", "a formatted string"),
    "big number": ("{{ 2 ** (2 ** 20) }}", "a number over 65,536 bits"),
    "squaring": ("{% set ns = namespace(x=3) %}{% for i in range(40) %}"
                 "{% set ns.x = ns.x * ns.x %}{% endfor %}", "a number over 65,536 bits"),
    "lipsum": ("{{ lipsum(10**7) }}", "lipsum() would be"),
    "join separator": ("{{ range(100000)|join('x' * 1000000) }}", "the join filter would be"),
    "slice": ("{{ []|slice(10**9)|list }}", "the slice filter would be 1,000,000,000"),
    "batch": ("{{ [0]|batch(10**9, 0)|list }}", "the batch filter would be 1,000,000,000"),
    "replace": ("{{ ('ab' * 1000000)|replace('a', 'x' * 1000) }}",
                "the replace filter would be 1,001,000,000"),
    "indent": ("{{ ('x\\n' * 1000000)|indent(10) }}", "indent would be 12,000,010"),
    "many values": ("{% set ns = namespace(l=[]) %}{% for i in range(100000) %}"
                    "{% set ns.l = ns.l + [('x' * 1000000) ~ i] %}{% endfor %}",
                    "built more than 128 MiB of values"),
    "set block": ("{% set x %}{% for i in range(100000) %}{% for j in range(100) %}"
                  + "x" * 1000 + "{% endfor %}{% endfor %}{% endset %}",
                  "built more than 128 MiB of values"),
    "output": ("{% for i in range(100000) %}" + "<g/>" * 250 + "{% endfor %}",
               "output is larger than the limit of 4,000,000 characters"),
    "macro recursion": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
                        "maximum recursion depth exceeded"),
    "macro fan-out": ("{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}"
                      "{% endmacro %}{{ f(60) }}", "took longer than the limit of 1 s"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_templates_are_stopped_with_file_and_line(tmp_path, case):
    body, message = HOSTILE[case]
    # Ample time, except where time is the limit under test: the other limits must be
    # what stops these, however busy the machine.
    timeout = 1 if "took longer" in message else 300
    with pytest.raises(ConfigError) as caught:
        _render(tmp_path, body, template_timeout=timeout)
    text = str(caught.value)
    assert text.startswith(f"{tmp_path}/tpl/cover.svg.j2"), text
    assert "template error: " in text and message in text, text
    assert "raise it with" not in text  # the library has no flag to name


def test_templates_that_loop_within_limits_render(tmp_path):
    body = ("{% for i in range(12) %}<rect x='{{ i * 10 }}' y='0' width='8' height='8'/>"
            "{% endfor %}{% set parts = [] %}{% for w in ['a', 'b'] %}"
            "{% set _ = parts.append(w|upper) %}{% endfor %}<desc>{{ parts|join('-') }} "
            "{{ '%05d'|format(42) }} {{ '{:>4}'.format(7) }} {{ 'x'|center(5) }}</desc>")
    card = _render(tmp_path, body)
    assert card.svg.count("<rect x=") >= 12 and "<desc>A-B 00042    7   x  </desc>" in card.svg


def test_the_time_limit_needs_no_signal_and_works_in_a_worker_thread(tmp_path):
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(_render, tmp_path, NESTED_LOOPS, template_timeout=0.5)
        with pytest.raises(ConfigError, match=r"took longer than the limit of 0\.5 s$"):
            future.result(timeout=120)


def test_the_timeout_is_a_setting_a_config_key_and_an_api_argument(tmp_path):
    assert resolve_settings().template_timeout == DEFAULT_TIMEOUT == 20
    config = tmp_path / "sharecard.toml"
    config.write_text('template_timeout = 0.5\npresets = ["og"]\n')
    run = run_cli(["render", str(SEED), "--config", str(config), "--templates",
                   str(_folder(tmp_path, NESTED_LOOPS)), "-o", str(tmp_path / "out")])
    assert run.exit_code == 2 and "took longer than the limit of 0.5 s" in run.stderr
    with pytest.raises(ConfigError, match=r"took longer than the limit of 0\.25 s$"):
        render_bundle(SEED, tmp_path / "api", presets="og", templates=tmp_path / "tpl",
                      template_timeout=0.25)
    for bad in ("0", "-1", "1e9"):
        run = run_cli(["render", str(SEED), "--template-timeout", bad, "-o", str(tmp_path)])
        assert run.exit_code == 2
    config.write_text("template_timeout = 0\n")
    with pytest.raises(ConfigError, match="template_timeout 0 is out of range"):
        resolve_settings(config)


def test_limits_can_be_tightened_for_a_block_of_renders(tmp_path):
    with template_limits(max_output=1000), pytest.raises(
            ConfigError, match="output is larger than the limit of 1,000 characters"):
        _render(tmp_path, "")
    assert TemplateLimits().max_output == 4_000_000


def test_built_in_templates_need_a_tenth_of_the_default_budget(tmp_path):
    """Headroom: every built-in card renders with a tenth of each size limit (and a
    sixteenth of the memory), so the defaults refuse nothing a real template does."""
    tight = {"max_output": 400_000, "max_value": 200_000, "max_allocated": 8 * 1024 * 1024}
    with template_limits(**tight):
        manifest = render_bundle(SEED, tmp_path, presets="og,story",
                                 cards="cover,sections,quote")
    assert len(manifest.cards) == 2 * 9
