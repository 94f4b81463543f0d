"""Compiled templates are kept in sharecard's cache folder: a second process compiles
nothing and draws the very same card; a changed template is compiled again."""

from __future__ import annotations

import subprocess
import sys

from cards.cardkit import SEED

RUN = """
import sys
import jinja2.environment
from sharecard.pipeline import render_card
from sharecard.cards.render import CardRenderer
from sharecard.readers import read_path
compiled = []
parse = jinja2.environment.Environment._parse
def counting(self, source, name, filename):
    compiled.append(name)
    return parse(self, source, name, filename)
jinja2.environment.Environment._parse = counting
templates = sys.argv[2] if len(sys.argv) > 2 else None
card = render_card(read_path(sys.argv[1]), "cover", "og",
                   renderer=CardRenderer(templates=templates))
print(len(compiled), hash(card.svg) & 0xFFFFFFFF)
"""


def run(cache, *args):
    done = subprocess.run([sys.executable, "-c", RUN, str(SEED), *map(str, args)],
                          capture_output=True, text=True, check=True,
                          env={"SHARECARD_CACHE_DIR": str(cache), "PYTHONHASHSEED": "0",
                               "PATH": "", "HOME": str(cache)})
    compiled, svg = done.stdout.split()
    return int(compiled), svg


def test_templates_compile_once_per_machine(tmp_path):
    cache = tmp_path / "cache"
    first, svg = run(cache)
    assert first >= 3  # cover.landscape, base, _macros
    assert list(cache.glob("templates-*/__jinja2_*.cache"))
    assert run(cache) == (0, svg)


def test_a_changed_template_is_compiled_again(tmp_path):
    cache, own = tmp_path / "cache", tmp_path / "own"
    own.mkdir()
    source = (SEED.parents[3] / "templates" / "cover.landscape.svg.j2").read_text()
    (own / "cover.landscape.svg.j2").write_text(source)
    first, svg = run(cache, own)
    assert first >= 1 and run(cache, own) == (0, svg)
    (own / "cover.landscape.svg.j2").write_text(source.replace("grow=2.0", "grow=1.0"))
    again, _ = run(cache, own)
    assert again == 1


def test_code_compiled_by_another_generator_is_kept_apart(tmp_path, monkeypatch):
    """The cache folder is named by what compiled code depends on: the environment's
    settings and its environment and code generator classes' source (a sandbox check
    added there must never be skipped by code cached before it)."""
    import jinja2
    from jinja2.compiler import CodeGenerator
    from jinja2.sandbox import SandboxedEnvironment

    from sharecard.cards.environment import bytecode_cache

    class OwnGenerator(CodeGenerator):
        pass

    monkeypatch.setenv("SHARECARD_CACHE_DIR", str(tmp_path))
    plain = bytecode_cache(SandboxedEnvironment(autoescape=True))
    assert isinstance(plain, jinja2.FileSystemBytecodeCache)
    same = bytecode_cache(SandboxedEnvironment(autoescape=True))
    other_settings = bytecode_cache(SandboxedEnvironment(autoescape=False))
    own = SandboxedEnvironment(autoescape=True)
    own.code_generator_class = OwnGenerator
    other_generator = bytecode_cache(own)
    assert plain.directory == same.directory
    assert len({plain.directory, other_settings.directory, other_generator.directory}) == 3
