"""`sharecard fonts [INPUT]`: what a user runs when a card looks wrong.

It lists the faces sharecard draws with and where each came from (the user's, the
shipped ones, the system's through fontconfig or the font folders), which scripts each
serves, which face draws each script; with an INPUT, which face draws each script of
that briefing and which of its characters nothing covers, with the package to install.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

import click

from sharecard.model import Briefing
from sharecard.typeset.coverage import describe, find_gaps, fix_packages, script_usage
from sharecard.typeset.fonts import Face, FontLibrary
from sharecard.typeset.scripts import SCRIPT_SAMPLES, script_name

# One sample line per script, and the languages whose CJK faces differ.
_CJK_LANGUAGES = ("ja", "ko", "zh-Hans", "zh-Hant", "zh-HK")
_PROBES = tuple(
    [(code, sample, None) for code, sample in SCRIPT_SAMPLES.items()
     if code not in ("Hani", "Kana", "Hang")]
    + [("Hani", "中国人直骨", lang) for lang in _CJK_LANGUAGES]
    + [("Hang", "한국어", "ko")]
)


def _where(face: Face) -> str:
    return f"{face.path}" + (f"#{face.index}" if face.index else "")


def _scripts(codes: Iterable[str]) -> list[str]:
    return [c for c in SCRIPT_SAMPLES if c in set(codes)]


def briefing_texts(briefing: Briefing) -> list[tuple[str, str, str | None]]:
    """(text, weight, language) of everything a card may show of `briefing`."""
    lang = briefing.language
    texts = [(briefing.headline, "bold", lang)]
    texts += [(b, "regular", lang) for b in briefing.bullets]
    if briefing.lede:
        texts.append((briefing.lede, "regular", lang))
    for section in briefing.sections:
        texts += [(section.heading, "bold", lang), (section.body, "regular", lang)]
    if briefing.attribution is not None:
        texts.append((briefing.attribution.brand, "bold", lang))
        if briefing.attribution.tagline:
            texts.append((briefing.attribution.tagline, "regular", lang))
    texts += [(s, "regular", lang) for s in briefing.sources]
    texts += [(t, "regular", lang) for t in (briefing.date, briefing.url) if t]
    return [t for t in texts if t[0].strip()]


def face_rows(fonts: FontLibrary) -> list[dict[str, Any]]:
    """The user's and the shipped faces, in the order the fallback chain tries them."""
    return [
        {"family": f.family, "weight": f.weight, "origin": f.origin, "path": str(f.path),
         "index": f.index, "scripts": _scripts(f.serves)}
        for f in (*fonts.user_faces, *fonts.faces)
    ]


def system_rows(fonts: FontLibrary) -> list[dict[str, Any]]:
    """Every face the system catalog knows, with the scripts each serves."""
    if fonts.system is None:
        return []
    return [
        {"family": f.family, "weight": f.weight, "origin": "system", "path": str(f.path),
         "index": f.index, "scripts": _scripts(serves), "italic": f.italic, "mono": f.mono,
         "color": f.color}
        for f, serves in fonts.system.fonts()
    ]


def probe_rows(fonts: FontLibrary) -> list[dict[str, Any]]:
    """Which face draws each script (and each language's CJK shapes) on this machine."""
    rows = []
    for code, sample, lang in _PROBES:
        uses, faces = script_usage(fonts, [(sample, "regular", lang)])
        use = next((u for u in uses if u.script == code), None)
        key = max(use.faces, key=lambda k: use.faces[k]) if use and use.faces else None
        face = faces.get(key) if key else None
        rows.append({
            "script": code, "name": script_name(code), "language": lang,
            "family": face.family if face else None,
            "origin": face.origin if face else None,
            "path": _where(face) if face else None,
            "fix": None if face else list(fix_packages(code)),
        })
    return rows


def input_report(fonts: FontLibrary, briefing: Briefing, name: str) -> dict[str, Any]:
    """Per script of the briefing: the faces drawing it and the characters nothing does."""
    texts = briefing_texts(briefing)
    uses, faces = script_usage(fonts, texts)
    gaps = find_gaps(fonts, texts)
    return {
        "name": name,
        "language": briefing.language,
        "scripts": [
            {"script": u.script, "name": script_name(u.script),
             "faces": [{"family": faces[k].family, "weight": faces[k].weight,
                        "origin": faces[k].origin, "path": _where(faces[k]), "characters": n}
                       for k, n in u.faces.items()],
             "missing": list(u.missing)}
            for u in uses
        ],
        "missing": sum(g.count for g in gaps),
        "problem": describe(gaps, briefing.language) if gaps else None,
    }


def _families(rows: list[dict[str, Any]]) -> list[tuple[str, str, list[int], list[str], list[str]]]:
    """Rows grouped by (origin, family): weights, scripts and files together."""
    groups: dict[tuple[str, str], tuple[list[int], list[str], list[str]]] = {}
    for row in rows:
        weights, scripts, paths = groups.setdefault((row["origin"], row["family"]), ([], [], []))
        if row["weight"] not in weights:
            weights.append(row["weight"])
        scripts.extend(s for s in row["scripts"] if s not in scripts)
        where = row["path"] + (f"#{row['index']}" if row["index"] else "")
        if where not in paths:
            paths.append(where)
    return [(o, f, sorted(w), _scripts(s), p) for (o, f), (w, s, p) in groups.items()]


def _text(report: dict[str, Any]) -> str:
    out = ["User and shipped faces (tried first):"]
    for origin, family, weights, scripts, paths in _families(report["faces"]):
        out.append(f"  {origin:<8} {family} {' '.join(map(str, weights))}"
                   f"  [{' '.join(scripts) or '-'}]  {', '.join(paths)}")
    system = report["system"]
    if system is None:
        out.append("System faces: not used (--no-system-fonts)")
    else:
        out.append(f"System faces ({system['source']}, {len(system['faces'])}), "
                   "for what the faces above lack:")
        for _o, family, weights, scripts, paths in _families(system["faces"]):
            out.append(f"  {family} {' '.join(map(str, weights))}"
                       f"  [{' '.join(scripts) or '-'}]  {', '.join(paths)}")
    out.append("Who draws each script:")
    for row in report["scripts"]:
        label = row["name"] + (f" ({row['language']})" if row["language"] else "")
        if row["family"]:
            out.append(f"  {label:<22} {row['family']} ({row['origin']}: {row['path']})")
        else:
            debian, fedora, mac = row["fix"]
            out.append(f"  {label:<22} no font: install {debian} (Debian/Ubuntu), {fedora} "
                       f"(Fedora) or {mac} (macOS), or use --font PATH")
    given = report.get("input")
    if given:
        lang = f" ({given['language']})" if given["language"] else ""
        out.append(f"{given['name']}{lang}:")
        for s in given["scripts"]:
            drawn = ", ".join(f"{f['family']} {f['weight']} ({f['origin']}) "
                              f"{f['characters']} chars" for f in s["faces"])
            lost = f"; not covered: {''.join(s['missing'])}" if s["missing"] else ""
            out.append(f"  {s['name']:<10} {drawn or 'no face'}{lost}")
        out.append(f"  {given['problem']}" if given["problem"] else
                   "  every character has a face")
    return "\n".join(out) + "\n"


@click.command("fonts")
@click.argument("input", metavar="[INPUT]", required=False)
@click.option("--font", "fonts", multiple=True, metavar="PATH",
              help="Extra font file or directory, as for render. Repeatable.")
@click.option("--no-system-fonts", is_flag=True, default=False,
              help="Leave the system's fonts out, as render --no-system-fonts does.")
@click.option("--from", "--input-format", "input_format",
              type=click.Choice(["scout", "markdown", "json", "yaml"]),
              help="Input format; by default detected from the file name and content.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def fonts_command(input: str | None, fonts: tuple[str, ...], no_system_fonts: bool,
                  input_format: str | None, as_json: bool) -> None:
    """List the fonts sharecard uses, where each came from and which scripts it serves.

    With INPUT (a briefing, or - for stdin): which face draws each of its scripts and
    which of its characters no font covers, with the package that adds one.
    """
    library = FontLibrary.default(fonts, system=not no_system_fonts)
    report: dict[str, Any] = {
        "faces": face_rows(library),
        "system": None if library.system is None else {
            "source": library.system.source, "faces": system_rows(library)},
        "scripts": probe_rows(library),
    }
    if input is not None:
        from sharecard.pipeline import load_input

        loaded = load_input(input, input_format)
        report["input"] = input_report(library, loaded.briefing, loaded.name)
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n" if as_json else _text(report)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


COMMANDS = (fonts_command,)
