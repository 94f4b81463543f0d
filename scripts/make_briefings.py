"""Make N varied briefings from the corpus, deterministically by seed: batch test data.

    python scripts/make_briefings.py 1000 briefs/ --seed 7               # files
    python scripts/make_briefings.py 1000 day.jsonl --seed 7 --jsonl     # one JSONL file

Each briefing starts from a corpus file (English, Persian, Japanese; short and long) read
by sharecard's own readers, then varies: which bullets and sections it keeps, how many
sentences each section body keeps, a long headline now and then, a number in the
headline so no two are alike, and the format it is written in (Scout share text with its
footer, Markdown, JSON, YAML). The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from sharecard.model import Briefing, Section
from sharecard.readers import read_path
from sharecard.text import split_sentences

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
FORMATS = (("scout", 5), ("markdown", 2), ("json", 2), ("yaml", 1))
SUFFIX = {"scout": ".txt", "markdown": ".md", "json": ".json", "yaml": ".yaml"}
FOOTER = ("Get your own daily briefing\n\nScout delivers personalized news, insights, and "
          "conversations tailored to your role and industry.\n\nDownload on the App Store\n\n"
          "Shared from Scout - Be the smartest in the room.\n")


def corpus(folder: Path = CORPUS) -> list[Briefing]:
    return [read_path(p) for p in sorted(folder.glob("*.txt"))]


def _subset(rng: random.Random, items: tuple, least: int = 0) -> list:
    if not items:
        return []
    keep = rng.randint(min(least, len(items)), len(items))
    chosen = sorted(rng.sample(range(len(items)), keep))
    return [items[i] for i in chosen]


def vary(base: Briefing, number: int, rng: random.Random) -> Briefing:
    """A new briefing from `base`: some of its bullets and sections, shorter bodies."""
    headline = base.headline
    if base.bullets and rng.random() < 0.15:  # a long headline: shrink and clamp paths
        headline = f"{headline}: {base.bullets[0]}"
    headline = f"{headline} ({number})" if rng.random() < 0.5 else f"{number}: {headline}"
    sections = []
    for section in _subset(rng, base.sections):
        sentences = split_sentences(section.body)
        keep = rng.randint(1, max(1, len(sentences)))
        sections.append(Section(section.heading, " ".join(sentences[:keep]), section.sources))
    return Briefing(
        headline=headline, bullets=tuple(_subset(rng, base.bullets)),
        lede=base.lede if rng.random() < 0.7 else "", sections=tuple(sections),
        sources=base.sources, attribution=base.attribution, language=base.language,
    )


def as_scout(b: Briefing) -> str:
    parts = [b.headline, ""]
    if b.bullets:
        parts += [" ".join(f"- {x}" for x in b.bullets), ""]
    body = [b.lede] if b.lede else []
    for s in b.sections:
        cite = f" ({s.sources[0]})" if s.sources else ""
        body.append(f"### {s.heading} {s.body}{cite}")
    if body:
        parts += [" ".join(body), ""]
    if b.attribution is not None:
        parts.append(FOOTER)
    return "\n".join(parts)


def as_markdown(b: Briefing) -> str:
    parts = [f"# {b.headline}", ""]
    parts += [f"- {x}" for x in b.bullets] + ([""] if b.bullets else [])
    if b.lede:
        parts += [b.lede, ""]
    for s in b.sections:
        parts += [f"## {s.heading}", "", s.body, ""]
    return "\n".join(parts)


def as_data(b: Briefing) -> dict:
    data: dict = {"headline": b.headline, "bullets": list(b.bullets)}
    if b.lede:
        data["lede"] = b.lede
    data["sections"] = [{"heading": s.heading, "body": s.body, "sources": list(s.sources)}
                        for s in b.sections]
    if b.attribution is not None:
        data["attribution"] = b.attribution.to_dict()
    if b.language:
        data["language"] = b.language
    return data


def render(b: Briefing, fmt: str) -> str:
    if fmt == "scout":
        return as_scout(b)
    if fmt == "markdown":
        return as_markdown(b)
    if fmt == "json":
        return json.dumps(as_data(b), ensure_ascii=False, indent=1) + "\n"
    return yaml.safe_dump(as_data(b), allow_unicode=True, sort_keys=False)


def generate(n: int, seed: int = 0, *, formats: tuple[tuple[str, int], ...] = FORMATS
             ) -> Iterator[tuple[str, str]]:
    """(file name, text) for n briefings."""
    rng = random.Random(seed)
    bases = corpus()
    names, weights = zip(*formats, strict=True)
    for i in range(n):
        base = rng.choice(bases)
        fmt = rng.choices(names, weights)[0]
        yield f"brief-{i:05d}{SUFFIX[fmt]}", render(vary(base, i, rng), fmt)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path, help="a folder, or a .jsonl file with --jsonl")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jsonl", action="store_true", help="one JSONL file of JSON briefings")
    args = parser.parse_args(argv)
    if args.jsonl:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as out:
            for _, text in generate(args.count, args.seed, formats=(("json", 1),)):
                out.write(json.dumps(json.loads(text), ensure_ascii=False) + "\n")
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in generate(args.count, args.seed):
            (args.out / name).write_text(text, encoding="utf-8")
    print(f"{args.count} briefings in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
