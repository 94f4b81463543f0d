#!/usr/bin/env python3
"""Speed of one share card, sharecard's two paths and two JavaScript engines, in one run.

    python bench/bench_speed.py [--runs 20] [--cold 5] [--json out/bench/speed.json]
                                [--no-node] [--images DIR]

Cards: the og cover (1200×630) of the seed briefing, of a Persian and of a Japanese
briefing. For each, medians over RUNS warm runs (fonts, templates and glyph caches load
once per process, as in a batch or a server) of every stage:

- read: the briefing file to a `Briefing`;
- layout: ``api.render_card`` — the template run with its fit policy and typesetting,
  recording the card's display list as the template prints (no SVG is built);
- svg: building the card's SVG from what was printed (``card.svg``: a bundle writes
  it; an image alone does not need it);
- fast path (what `sharecard render` and ``sharecard.render`` run for built-in
  templates, ``sharecard.raster.rasterize_card``): the display list drawn by Skia
  (``sharecard.paint.native``) and its pixels looked up in the card's palette
  (draw_skia), the palette worked out and the indexed rows deflated by zlib-ng
  (encode_indexed, ``sharecard.paint.png``); raster_card times `rasterize_card` whole;
- reference path (user templates that write their own SVG): CairoSVG draws the SVG,
  Pillow encodes RGB (``sharecard.raster``);
- draw candidates on the same glyph runs: Skia TextBlobs (chosen), cairo filling cached
  per-glyph outlines (``cairo_glyphs`` below), CairoSVG; and, when the `resvg-py`
  package is installed, resvg drawing the card's SVG (its time includes its own PNG
  encode). blend2d-py (2025.2) was looked at: it has no glyph or curve drawing;
- floor: Pillow's default PNG encode of the same (fast-path) pixels;
- total_fast: layout + draw + encode (an image alone); total_bundle: the same plus svg
  (a bundle's card: SVG and PNG); total_reference: layout + svg + CairoSVG + Pillow;
- api_render: ``sharecard.render(briefing)`` as a caller sees it (settings, plan,
  glyph check, layout, draw, encode), the og cover to PNG bytes.

Then cold processes (median of COLD, taking turns): ``sharecard render SEED --preset og
--cards cover`` and ``sharecard --help``, wall time and peak RSS (the render's drawing
helper, ``sharecard.cli.helper``, on its own: it is reaped by the timing interpreter,
a Linux child subreaper), as a user's processes run them (bytecode written; the
environment's PYTHONDONTWRITEBYTECODE is dropped) with
sharecard's cache folder (compiled templates and patterns) filled, and the render once
more with it empty (a machine's first render). ``--baseline PATH`` runs another
installation's ``sharecard`` (e.g. main's, in its own virtualenv) beside it, turn about.
With Node on PATH, Satori + @resvg/resvg-js and Takumi (@takumi-rs/core,
@takumi-rs/helpers) are installed from npm into a scratch folder outside the project
($XDG_CACHE_HOME/sharecard-bench, or ~/.cache) and draw an equivalent card (same size,
texts, sizes, colours and shipped fonts; ``bench/node_cards.mjs``) timed the same way, so
the ratios are side by side.

Warm stages run in one process beside the reference path, so they carry some of its
cost: the garbage collector, tuned to the objects CairoSVG leaves, pauses more often in
them (measured with gc.callbacks on the en card: ~0.8 ms of collection per run when the
fast path runs alone, ~6.6 ms per run spread over all stages beside CairoSVG). A server
or a batch drawing only fast-path cards sees the lower figure; raster_card and
api_render are what `sharecard.render` costs a caller.

Prints a table and writes JSON. Nothing asserts on these numbers: run it on a quiet
machine, and compare ratios measured in the same run rather than absolute times.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import importlib.util  # noqa: E402

import cairocffi as cairo  # noqa: E402
from fontTools.ttLib import TTCollection  # noqa: E402

import sharecard  # noqa: E402
from sharecard.cards.config import Settings  # noqa: E402
from sharecard.cards.render import RenderedCard  # noqa: E402
from sharecard.cards.themes import make_theme  # noqa: E402
from sharecard.paint import native, png  # noqa: E402
from sharecard.paint.display import DisplayList, GlyphRun, Rect  # noqa: E402
from sharecard.pipeline import render_card, renderer_for  # noqa: E402
from sharecard.raster import draw, encode, rasterize_card  # noqa: E402
from sharecard.readers import read_path  # noqa: E402
from sharecard.typeset.fonts import Face, FontLibrary  # noqa: E402

CARDS = {
    "en": ROOT / "examples" / "seed-putin-iran.txt",
    "fa": ROOT / "tests" / "data" / "corpus" / "fa-iran-russia.txt",
    "ja": ROOT / "tests" / "data" / "corpus" / "ja-boj-rates.txt",
}
NPM_PACKAGES = ("satori", "@resvg/resvg-js", "@takumi-rs/core", "@takumi-rs/helpers")


# ---- timing helpers ---------------------------------------------------------------------

def ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


# ---- the cairo candidate: per-glyph outlines cached as cairo paths ----------------------

class CairoPen:
    """fontTools-protocol pen drawing into a cairo context (quadratics as cubics)."""

    def __init__(self, ctx: cairo.Context) -> None:
        self.ctx = ctx
        self.last = (0.0, 0.0)

    def moveTo(self, p: tuple[float, float]) -> None:
        self.ctx.move_to(*p)
        self.last = p

    def lineTo(self, p: tuple[float, float]) -> None:
        self.ctx.line_to(*p)
        self.last = p

    def qCurveTo(self, *pts: tuple[float, float]) -> None:
        *offs, end = pts
        for i, c in enumerate(offs):
            to = end if i == len(offs) - 1 else ((c[0] + offs[i + 1][0]) / 2,
                                                 (c[1] + offs[i + 1][1]) / 2)
            x0, y0 = self.last
            self.ctx.curve_to(x0 + 2 / 3 * (c[0] - x0), y0 + 2 / 3 * (c[1] - y0),
                              to[0] + 2 / 3 * (c[0] - to[0]), to[1] + 2 / 3 * (c[1] - to[1]),
                              *to)
            self.last = to

    def curveTo(self, *pts: tuple[float, float]) -> None:
        self.ctx.curve_to(*pts[0], *pts[1], *pts[2])
        self.last = pts[2]

    def closePath(self) -> None:
        self.ctx.close_path()

    def endPath(self) -> None:
        pass


_CAIRO_PATHS: dict[tuple[int, int], Any] = {}
_SCRATCH = cairo.Context(cairo.ImageSurface(cairo.FORMAT_A8, 1, 1))


def _cairo_path(face: Face, gid: int) -> Any:
    key = (id(face), gid)
    path = _CAIRO_PATHS.get(key)
    if path is None:
        _SCRATCH.new_path()
        face.hb_font.draw_glyph_with_pen(gid, CairoPen(_SCRATCH))
        path = _CAIRO_PATHS[key] = _SCRATCH.copy_path()
    return path


def cairo_glyphs(display: DisplayList) -> bytes:
    """Rects and outline glyphs of a display list drawn by cairo from cached paths."""
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, display.width, display.height)
    ctx = cairo.Context(surface)

    def fill(hex_colour: str) -> None:
        v = int(hex_colour[1:], 16)
        ctx.set_source_rgb((v >> 16) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255)

    fill(display.background)
    ctx.paint()
    for op in display.ops:
        if isinstance(op, Rect):
            fill(op.fill)
            ctx.rectangle(op.x, op.y, op.width, op.height)
            ctx.fill()
        elif isinstance(op, GlyphRun):
            fill(op.fill)
            for g in op.glyphs:
                if g.face.color:
                    continue
                k = g.size / g.face.upem
                ctx.save()
                ctx.translate(g.x, g.y)
                ctx.scale(k, -k)
                ctx.append_path(_cairo_path(g.face, g.gid))
                ctx.restore()
            ctx.fill()
    surface.flush()
    return bytes(surface.get_data())


# ---- sharecard, warm -------------------------------------------------------------------

def bench_card(path: Path, runs: int, images: Path | None, name: str
               ) -> tuple[dict[str, Any], RenderedCard]:
    stages: dict[str, list[float]] = {k: [] for k in (
        "read", "layout", "svg", "draw_cairosvg", "encode_pillow", "draw_skia",
        "draw_cairo_glyphs", "encode_indexed", "raster_card", "floor", "resvg_svg_to_png",
        "api_render")}
    resvg = (importlib.import_module("resvg_py")
             if importlib.util.find_spec("resvg_py") else None)
    sizes: dict[str, int] = {}
    card = None
    for run in range(runs + 1):  # run 0 warms fonts, templates, caches
        t_read, briefing = timed(lambda: read_path(path))
        t_card, card = timed(lambda b=briefing: render_card(b, "cover", "og"))
        t_list, display = timed(lambda c=card: c.display)
        if display is None:
            raise SystemExit(f"{path.name}: the card has no display list")
        t_svg, svg = timed(lambda c=card: c.svg)
        w, h = card.preset.width, card.preset.height
        t_ref_draw, (ref_image, _) = timed(lambda s=svg, w=w, h=h: draw(s, width=w, height=h))
        t_ref_enc, (ref_png, _) = timed(lambda i=ref_image: encode(i, "png"))
        # The fast path as `rasterize_card` runs it: the palette, Skia's pixels looked up
        # in it (draw_skia), the indexed rows deflated (encode_indexed, with the palette).
        t_pal, palette = timed(lambda d=display: png.ramp_palette(d))
        if palette is None:
            raise SystemExit(f"{path.name}: the card is not drawn as an indexed PNG")
        t_draw, framed = timed(lambda d=display, p=palette: native.draw_indexed(
            d, png.palette_image(p), left=1))
        t_enc, fast_png = timed(lambda f=framed, p=palette: png.framed_png(f, p))
        t_raster, rasters = timed(lambda c=card: rasterize_card(c))
        if rasters[0].data != fast_png:
            raise SystemExit(f"{path.name}: rasterize_card gave other bytes than the stages")
        image = native.draw(display)  # RGB, for the candidates below and the floor
        t_cairo, _ = timed(lambda d=display: cairo_glyphs(d))

        def floor(i: Any = image) -> bytes:
            buf = io.BytesIO()
            i.save(buf, "PNG")
            return buf.getvalue()

        t_floor, floor_png = timed(floor)
        t_resvg = 0.0
        if resvg is not None:
            t_resvg, _ = timed(lambda s=svg: resvg.svg_to_bytes(
                svg_string=s, skip_system_fonts=True))
        t_api, api_png = timed(lambda b=briefing: sharecard.render(b))
        if api_png != fast_png:
            raise SystemExit(f"{path.name}: sharecard.render gave other bytes than the stages")
        if run == 0:
            continue
        for key, value in (("read", t_read), ("layout", t_card + t_list), ("svg", t_svg),
                           ("draw_cairosvg", t_ref_draw), ("encode_pillow", t_ref_enc),
                           ("draw_skia", t_draw), ("draw_cairo_glyphs", t_cairo),
                           ("encode_indexed", t_pal + t_enc), ("raster_card", t_raster),
                           ("floor", t_floor),
                           ("resvg_svg_to_png", t_resvg), ("api_render", t_api)):
            stages[key].append(value)
    sizes = {"reference": len(ref_png), "fast": len(fast_png), "floor": len(floor_png)}
    if images is not None:
        images.mkdir(parents=True, exist_ok=True)
        (images / f"sharecard-reference-{name}.png").write_bytes(ref_png)
        (images / f"sharecard-fast-{name}.png").write_bytes(fast_png)
    med = {k: ms(v) for k, v in stages.items()}
    med["total_reference"] = round(med["layout"] + med["svg"] + med["draw_cairosvg"]
                                   + med["encode_pillow"], 2)
    med["total_fast"] = round(med["layout"] + med["draw_skia"] + med["encode_indexed"], 2)
    med["total_bundle"] = round(med["total_fast"] + med["svg"], 2)
    assert card is not None
    return {"file": str(path.relative_to(ROOT)), "median_ms": med, "png_bytes": sizes}, card


# ---- cold processes ------------------------------------------------------------------

def sharecard_command() -> list[str]:
    script = Path(sys.executable).parent / "sharecard"
    return [str(script)] if script.exists() else [sys.executable, "-m", "sharecard"]


# Runs in a small helper interpreter: a child forked from this (large) process would
# report this process's memory as its own peak RSS. Commands take turns, run by run, so
# a machine that slows down or speeds up meanwhile weighs on each alike.
_COLD = """
import ctypes, json, os, subprocess, sys, time
jobs, runs = json.loads(sys.argv[1]), int(sys.argv[2])
try:  # PR_SET_CHILD_SUBREAPER: the CLI's drawing helper, orphaned as the CLI exits,
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # is reaped here, its peak RSS with it
except Exception:
    pass
def helper_rss():
    peak, deadline = 0, time.monotonic() + 5
    while True:
        try:
            pid, _, used = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return peak
        if pid:
            peak = max(peak, used.ru_maxrss)
        elif time.monotonic() > deadline:
            return peak
        else:
            time.sleep(0.002)
out = {name: [] for name in jobs}
for _ in range(runs):
    for name, (argv, env) in jobs.items():
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=env)
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        out[name].append([wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status),
                          err.decode(errors="replace")[-500:], helper_rss()])
print(json.dumps(out))
"""


def process_env(cache: Path) -> dict[str, str]:
    """A cold process as a user's: bytecode written and read (an installed package has
    its .pyc; this environment may say PYTHONDONTWRITEBYTECODE), sharecard's cache
    folder (compiled templates and patterns) at `cache`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["SHARECARD_CACHE_DIR"] = str(cache)
    return env


def cold(jobs: dict[str, list[str]], runs: int, cache: Path, *, fresh: bool = False
         ) -> dict[str, dict[str, Any]]:
    """Median wall time and peak RSS of each command as a fresh process, `runs` times.
    `fresh`: every run starts with an empty cache folder (a machine's first render);
    else a first run, not counted, fills the folder (every later render)."""

    def spec(tag: str) -> dict[str, Any]:
        return {name: (argv, process_env(cache / f"{name}-{tag}"))
                for name, argv in jobs.items()}

    def run(jobs_spec: dict[str, Any], times: int) -> dict[str, list[Any]]:
        done = subprocess.run([sys.executable, "-S", "-c", _COLD, json.dumps(jobs_spec),
                               str(times)], capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    if fresh:
        rows: dict[str, list[Any]] = {name: [] for name in jobs}
        for n in range(runs):
            for name, got in run(spec(f"first{n}"), 1).items():
                rows[name].extend(got)
    else:
        run(spec("warm"), 1)
        rows = run(spec("warm"), runs)
    out = {}
    for name, got in rows.items():
        for _, _, code, err, _ in got:
            if code != 0:
                raise SystemExit(f"{' '.join(jobs[name])} failed ({code}): {err}")
        walls = [r[0] for r in got]
        out[name] = {"median_ms": ms(walls), "min_ms": round(min(walls) * 1000, 1),
                     "runs_ms": [round(w * 1000, 1) for w in walls],
                     "peak_rss_mib": round(statistics.median(r[1] for r in got) / 1024, 1),
                     "helper_peak_rss_mib": round(statistics.median(r[4] for r in got) / 1024,
                                                  1)}
    return out


# ---- Node engines --------------------------------------------------------------------

def scratch_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sharecard-bench"


def npm_install(folder: Path) -> dict[str, str]:
    """The npm packages in `folder` (installed on first use); their versions."""
    folder.mkdir(parents=True, exist_ok=True)
    modules = folder / "node_modules"
    if not all((modules / p / "package.json").exists() for p in NPM_PACKAGES):
        (folder / "package.json").write_text('{"private": true}\n')
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent",
                        *NPM_PACKAGES], cwd=folder, check=True)
    return {p: json.loads((modules / p / "package.json").read_text())["version"]
            for p in NPM_PACKAGES}


def library_faces(fonts: FontLibrary) -> tuple[Face, ...]:
    """Every face a FontLibrary has loaded so far (shipped, user, system)."""
    return tuple(dict.fromkeys([*fonts.faces, *fonts.user_faces,
                                *getattr(fonts, "system_faces", ())]))


def cjk_fonts(folder: Path, fonts: Any) -> list[dict[str, Any]]:
    """Noto Sans CJK JP regular and bold (the faces the Japanese card was set in) as
    single-face OTFs: Satori reads no TTC."""
    out = []
    for face in library_faces(fonts):
        if face.family != "Noto Sans CJK JP" or face.weight not in (400, 700):
            continue
        target = folder / f"{face.key}.otf"
        if not target.exists():
            TTCollection(str(face.path)).fonts[face.index].save(str(target))
        out.append({"path": str(target), "weight": face.weight})
    return sorted(out, key=lambda f: f["weight"])


def node_spec(cards: dict[str, RenderedCard], runs: int, folder: Path, fonts: Any
              ) -> dict[str, Any]:
    """What node_cards.mjs draws: the texts and sizes sharecard's covers ended up with."""
    shipped = ROOT / "fonts"
    latin = [{"path": str(shipped / "Inter-Regular.otf"), "weight": 400, "family": "Latin"},
             {"path": str(shipped / "Inter-Bold.otf"), "weight": 700, "family": "Latin"}]
    families = {  # the script's own face first, then Inter for Latin (as sharecard's chain)
        "en": latin,
        "fa": [{"path": str(shipped / "NotoSansArabic-Regular.ttf"), "weight": 400,
                "family": "Script"},
               {"path": str(shipped / "NotoSansArabic-Bold.ttf"), "weight": 700,
                "family": "Script"}, *latin],
        "ja": [*({**f, "family": "Script"} for f in cjk_fonts(folder, fonts)), *latin],
    }
    theme = make_theme("light")
    spec_cards = []
    for name, card in cards.items():
        boxes = {b.name: b for b in card.boxes}
        frame = card.preset.frame
        bullets = [b for b in card.boxes if b.name.startswith("bullet")]
        footer = [{"text": boxes[n].text, "bold": boxes[n].weight == "bold"}
                  for n in ("footer.brand", "footer.sources") if n in boxes]
        spec_cards.append({
            "name": name, "width": card.preset.width, "height": card.preset.height,
            "dir": "rtl" if name == "fa" else "ltr", "lang": card.language or "en",
            "colours": {k: getattr(theme, k) for k in
                        ("background", "text", "body", "muted", "accent", "rule")},
            "frame": {"top": frame.top, "right": frame.right, "bottom": frame.bottom,
                      "left": frame.left},
            "kicker": boxes["kicker"].text, "kicker_size": boxes["kicker"].size,
            "headline": boxes["headline"].text, "headline_size": boxes["headline"].size,
            "bullets": [b.text for b in bullets],
            "bullet_size": bullets[0].size if bullets else 22,
            "footer": footer, "footer_size": boxes["footer.sources"].size,
            "fonts": families[name],
        })
    return {"runs": runs, "cards": spec_cards}


def bench_node(cards: dict[str, RenderedCard], runs: int, images: Path, fonts: Any
               ) -> dict[str, Any] | None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        print("node/npm not on PATH: Satori and Takumi skipped", file=sys.stderr)
        return None
    folder = scratch_dir() / "node"
    versions = npm_install(folder)
    with tempfile.TemporaryDirectory() as tmp:
        spec_path = Path(tmp) / "spec.json"
        spec_path.write_text(json.dumps(node_spec(cards, runs, scratch_dir(), fonts)))
        env = {**os.environ, "SHARECARD_NODE_MODULES": str(folder)}
        done = subprocess.run(["node", str(ROOT / "bench" / "node_cards.mjs"), str(spec_path),
                               str(images)], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"node_cards.mjs failed; Satori and Takumi skipped:\n{done.stderr[-2000:]}",
              file=sys.stderr)
        return None
    return {"versions": versions, "node": subprocess.run(
        ["node", "--version"], capture_output=True, text=True).stdout.strip(),
        **json.loads(done.stdout)}


# ---- report ------------------------------------------------------------------------

def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def report(result: dict[str, Any]) -> None:
    cards = result["cards"]
    names = list(cards)
    print(f"og cover 1200×630, medians of {result['runs']} warm runs (ms); "
          f"{result['machine']}, load {result['load']}")
    head = f"{'':<28}" + "".join(f"{n:>10}" for n in names)
    print(head)
    for key in ("read", "layout", "svg", "draw_cairosvg", "encode_pillow", "total_reference",
                "draw_skia", "draw_cairo_glyphs", "encode_indexed", "raster_card", "total_fast",
                "total_bundle", "api_render", "floor", "resvg_svg_to_png"):
        print(f"{key:<28}" + "".join(f"{cards[n]['median_ms'][key]:>10.2f}" for n in names))
    for key in ("reference", "fast", "floor"):
        print(f"{'PNG bytes ' + key:<28}" + "".join(
            f"{cards[n]['png_bytes'][key]:>10}" for n in names))
    node = result.get("node_engines")
    if node:
        for engine in ("satori_resvg", "takumi"):
            print(f"{engine + ' ms':<28}" + "".join(
                f"{node[engine][n]['median_ms']:>10.2f}" for n in names))
            print(f"{engine + ' PNG bytes':<28}" + "".join(
                f"{node[engine][n]['png_bytes']:>10}" for n in names))
    print("ratios")
    for key, values in result["ratios"].items():
        print(f"  {key:<40}" + "".join(
            f"{'' if v is None else v:>10}" for v in values.values()))
    print("cold processes (bytecode and sharecard's cache folder filled by an uncounted "
          "run), wall ms")
    for label, runs in (("", result["cold"]), ("first ever, empty cache: ",
                                               result["cold_first_render"])):
        for name, c in runs.items():
            print(f"  {label + name:<44}median {c['median_ms']:>7.1f}  min {c['min_ms']:>7.1f}"
                  f"  peak RSS {c['peak_rss_mib']} MiB"
                  + (f" (drawing helper {c['helper_peak_rss_mib']} MiB)"
                     if c["helper_peak_rss_mib"] else "") + f"  runs {c['runs_ms']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="warm runs per card")
    parser.add_argument("--cold", type=int, default=5, help="runs of each cold process")
    parser.add_argument("--json", type=Path, default=ROOT / "out" / "bench" / "speed.json")
    parser.add_argument("--images", type=Path, default=None,
                        help="folder for the PNGs each engine made (default: beside --json)")
    parser.add_argument("--no-node", action="store_true", help="skip Satori and Takumi")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another sharecard executable (e.g. main's, in its own "
                        "virtualenv) whose cold render and --help run beside this one's, "
                        "turn about")
    args = parser.parse_args()
    images = args.images or args.json.parent / "images"

    renderer = renderer_for(Settings())
    cards: dict[str, Any] = {}
    rendered: dict[str, RenderedCard] = {}
    for name, path in CARDS.items():
        cards[name], rendered[name] = bench_card(path, args.runs, images, name)

    with tempfile.TemporaryDirectory() as tmp:
        commands = {"sharecard": sharecard_command()}
        if args.baseline:
            commands["baseline"] = [str(args.baseline)]
        render = {f"render {k}": [*v, "render", str(CARDS["en"]), "--preset", "og",
                                  "--cards", "cover", "-o", tmp] for k, v in commands.items()}
        helps = {f"help {k}": [*v, "--help"] for k, v in commands.items()}
        cache = Path(tmp) / "cache"
        cold_runs = cold({**render, **helps}, args.cold, cache)
        first_runs = cold(render, args.cold, cache, fresh=True)
    cold_render = cold_runs["render sharecard"]
    cold_help = cold_runs["help sharecard"]
    node = None if args.no_node else bench_node(rendered, args.runs, images,
                                                renderer.typesetter.fonts)

    totals = {n: c["median_ms"]["total_fast"] for n, c in cards.items()}
    ratios: dict[str, dict[str, float | None]] = {
        "fast / reference (total)": {
            n: ratio(totals[n], c["median_ms"]["total_reference"]) for n, c in cards.items()},
        "fast total / floor": {
            n: ratio(totals[n], c["median_ms"]["floor"]) for n, c in cards.items()},
        "api_render / floor": {
            n: ratio(c["median_ms"]["api_render"], c["median_ms"]["floor"])
            for n, c in cards.items()},
        "fast total / en fast total": {n: ratio(totals[n], totals["en"]) for n in cards},
        "api_render / en api_render": {
            n: ratio(c["median_ms"]["api_render"], cards["en"]["median_ms"]["api_render"])
            for n, c in cards.items()},
        "fast PNG / reference PNG": {
            n: ratio(c["png_bytes"]["fast"], c["png_bytes"]["reference"])
            for n, c in cards.items()},
    }
    if node:
        for engine in ("takumi", "satori_resvg"):
            ratios[f"fast total / {engine}"] = {
                n: ratio(totals[n], node[engine][n]["median_ms"]) for n in cards}
            ratios[f"api_render / {engine}"] = {
                n: ratio(cards[n]["median_ms"]["api_render"], node[engine][n]["median_ms"])
                for n in cards}
            ratios[f"fast PNG / {engine} PNG"] = {
                n: ratio(cards[n]["png_bytes"]["fast"], node[engine][n]["png_bytes"])
                for n in cards}
    result = {
        "runs": args.runs,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}",
        "load": " ".join(f"{v:.2f}" for v in os.getloadavg()),
        "cards": cards,
        "cold_render": cold_render,
        "cold_help": cold_help,
        "cold": cold_runs,
        "cold_first_render": first_runs,
        "node_engines": node,
        "ratios": ratios,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    report(result)
    print(f"JSON: {args.json}; images: {images}")


if __name__ == "__main__":
    main()
