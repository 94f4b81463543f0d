"""The CLI's drawing helper (`sharecard.cli.helper`): a forked process that draws the
cards while the CLI lays them out. It must give the very bytes the CLI's own process
gives, draw in the CLI's stead only while it works, and never lose a card: a killed,
stuck or failing helper means the card is drawn in-process. Each test runs in its own
Python process (forking pytest itself is not safe)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cards.cardkit import CORPUS_NAMES

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
SEED = ROOT / "examples" / "seed-putin-iran.txt"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin",
                                reason="the helper is forked: Linux and other Unixes")

PRELUDE = """
import json, os, signal, sys, time
sys.path.insert(0, sys.argv[1])
from cards.cardkit import cover
from paint.paintkit import typeset_card
from cards.cardkit import renderer
from sharecard.errors import ConfigError
from sharecard.cli.helper import DrawHelper, _Card
from sharecard.raster import rasterize_cards
helper = DrawHelper.start(min_cores=1)  # on any machine, one core included
names = json.loads(sys.argv[2])
cards = [cover(name, preset) for name in names for preset in ("og", "story")]
ts = renderer().typesetter
cards += [_Card(typeset_card(ts, emoji=True), 600, 320),
          _Card(typeset_card(ts, logo=True), 600, 320)]
import sharecard.raster
here = []  # the cards drawn in this process
own_rasterize_card = sharecard.raster.rasterize_card
def counted(card, **options):
    here.append(card)
    return own_rasterize_card(card, **options)
sharecard.raster.rasterize_card = counted
def drawn(rasterize, **options):
    return [[r.data.hex() for r in rasters] for rasters in rasterize(cards, **options)]
"""


def run(body: str, names: list[str] | None = None) -> dict:
    names = CORPUS_NAMES if names is None else names
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + body, str(TESTS), json.dumps(names)],
        capture_output=True, text=True, check=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return json.loads(done.stdout)


def test_the_helper_draws_every_card_as_the_process_would():
    out = run("""
by_helper = drawn(helper.rasterize_cards, formats=("png", "webp"))
drawn_here = len(here)
by_process = drawn(rasterize_cards, formats=("png", "webp"))
print(json.dumps({"same": by_helper == by_process, "n": len(by_process),
                  "drawn_here": drawn_here, "alive": helper._alive}))
""")
    assert out["same"] and out["n"] == 2 * len(CORPUS_NAMES) + 2
    assert out["drawn_here"] == 0 and out["alive"]  # it was the helper that drew


def test_a_killed_helper_loses_no_card():
    out = run("""
os.kill(helper.pid, signal.SIGKILL)
os.waitpid(helper.pid, 0)
by_helper = drawn(helper.rasterize_cards)
print(json.dumps({"same": by_helper == drawn(rasterize_cards), "alive": helper._alive}))
""", names=CORPUS_NAMES[:2])
    assert out == {"same": True, "alive": False}


def test_a_helper_killed_halfway_loses_no_card():
    out = run("""
first = []
for i, rasters in enumerate(helper.rasterize_cards(cards)):
    if i == 1:
        os.kill(helper.pid, signal.SIGKILL)
    first.append([r.data.hex() for r in rasters])
print(json.dumps({"same": first == drawn(rasterize_cards), "alive": helper._alive}))
""", names=CORPUS_NAMES[:2])
    assert out == {"same": True, "alive": False}


def test_a_stuck_helper_is_ended_and_its_card_drawn_here():
    out = run("""
import sharecard.cli.helper as h
h.REPLY_TIMEOUT = 1.0
os.kill(helper.pid, signal.SIGSTOP)
by_helper = drawn(helper.rasterize_cards)
try:
    os.kill(helper.pid, 0)
    gone = False
except ProcessLookupError:
    gone = True
print(json.dumps({"same": by_helper == drawn(rasterize_cards), "gone": gone}))
""", names=CORPUS_NAMES[:1])
    assert out == {"same": True, "gone": True}


def test_a_card_the_helper_cannot_draw_fails_as_it_would_here():
    out = run("""
def error(rasterize):
    try:
        list(rasterize(cards[:1], scale=80.0))
    except ConfigError as exc:
        return str(exc)
    return None
there, local = error(helper.rasterize_cards), error(rasterize_cards)
again = drawn(helper.rasterize_cards) == drawn(rasterize_cards)
print(json.dumps({"there": there, "here": local, "again": again, "alive": helper._alive}))
""", names=CORPUS_NAMES[:1])
    assert out["there"] and out["there"] == out["here"]
    assert out["again"] and out["alive"]  # one card failing is not the helper failing


CLI = """
import os, sys
real_exit = os._exit
def leave(code):
    print("skia-in-cli" if "skia" in sys.modules else "no-skia-in-cli", file=sys.stderr)
    sys.stderr.flush()
    real_exit(code)
os._exit = leave
from sharecard.cli import main
if sys.argv[1] == "console":
    sys.argv = ["sharecard", *sys.argv[2:]]
    main()
else:
    try:
        main(sys.argv[2:])
    except SystemExit as exit:
        leave(exit.code)
"""


def render(tmp_path: Path, how: str, cores: set[int] | None = None
           ) -> subprocess.CompletedProcess[str]:
    out = tmp_path / how
    return subprocess.run(
        [sys.executable, "-c", CLI, how, "render", str(SEED), "--preset", "og,square,story",
         "--cards", "cover,sections", "-o", str(out)],
        capture_output=True, text=True, timeout=300,
        preexec_fn=None if cores is None else lambda: os.sched_setaffinity(0, cores),
        env={**os.environ, "SHARECARD_CACHE_DIR": str(tmp_path / "cache")})


def _same_bundles(first: Path, second: Path) -> None:
    names = sorted(p.relative_to(first) for p in first.rglob("*"))
    assert names == sorted(p.relative_to(second) for p in second.rglob("*"))
    assert len(names) > 40
    for name in names:
        a, b = first / name, second / name
        assert a.is_dir() or a.read_bytes() == b.read_bytes(), name


CORES = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []


@pytest.mark.skipif(len(CORES) < 2, reason="the console script forks its helper on 2+ cores")
def test_the_console_script_draws_in_its_helper_and_writes_the_same_bundle(tmp_path):
    console, library = render(tmp_path, "console"), render(tmp_path, "library")
    assert console.returncode == library.returncode == 0, console.stderr + library.stderr
    assert "no-skia-in-cli" in console.stderr  # the helper drew every card
    assert "skia-in-cli" in library.stderr.split()  # an in-process caller draws itself
    _same_bundles(tmp_path / "console", tmp_path / "library")


@pytest.mark.skipif(not CORES, reason="needs a CPU affinity mask (Linux)")
def test_the_console_script_on_one_core_draws_in_its_own_process(tmp_path):
    console = render(tmp_path, "console", cores={CORES[0]})
    library = render(tmp_path, "library")
    assert console.returncode == library.returncode == 0, console.stderr + library.stderr
    assert "skia-in-cli" in console.stderr.split()  # no helper: the CLI drew
    _same_bundles(tmp_path / "console", tmp_path / "library")


def test_no_helper_on_one_core(monkeypatch):
    """On one core the helper's imports would only take turns with the CLI's."""
    from sharecard.cli import helper

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked on one core"))
    assert helper.DrawHelper.start() is None
