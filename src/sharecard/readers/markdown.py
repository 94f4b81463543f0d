"""The Markdown reader: "# headline", a bullet list, "##"/"###" sections, links as sources.

Optional YAML front matter carries what Markdown has no place for (brand, tagline, url,
date, language). Prose goes through the same cleaner as share text, so a citation written
as a link, "[iranwatch.org](https://iranwatch.org)", is lifted out exactly like
"(iranwatch.org)", while a link in a sentence keeps its words and adds its site as a
source ("[Reuters](https://www.reuters.com/world/…)" cites reuters.com). A link to a page
(a path, not just a site's home) is also kept whole in `Briefing.links`, for blurbs and
alt text that point at it.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import msgspec
import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token

from sharecard.compiled import cached_regex
from sharecard.errors import InputError, SchemaError
from sharecard.model import Attribution, Briefing, Link, Quotation, Section
from sharecard.readers.assemble import assemble
from sharecard.readers.citations import CITATION, CONTINUERS, Cleaned, clean_prose, dedupe
from sharecard.readers.footer import attribution as footer_attribution
from sharecard.readers.footer import footer_start, make_attribution
from sharecard.readers.sites import site_of
from sharecard.readers.structured import compile_schema, load_yaml, schema_text, validate
from sharecard.records import replace
from sharecard.text import is_unspaced, join_spaced, squash_spaces

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

# html off: "<accelerators>" in a headline is text, and no HTML passes through.
_MARKDOWN = MarkdownIt("commonmark", {"html": False})
_FRONT_MATTER = cached_regex(r"---[ \t]*\n(?:(.*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", regex.DOTALL)
_URL_PREFIX = cached_regex(r"^(?:https?://)?(?:www\.)?", regex.IGNORECASE)


class _Prose(msgspec.Struct):
    """Plain text of one paragraph or list item, with the sources of its links (by offset)
    and the pages they point at."""

    text: str
    links: list[tuple[int, str]] = msgspec.field(default_factory=list)
    pages: list[Link] = msgspec.field(default_factory=list)


class _Block(msgspec.Struct):
    kind: str  # "heading", "para", "list" or "quote" (a blockquote's paragraphs)
    level: int = 0
    prose: list[_Prose] = msgspec.field(default_factory=list)

    @property
    def text(self) -> str:
        return join_spaced([p.text.strip() for p in self.prose])


def parse_markdown(text: str) -> Briefing:
    """Read a Markdown briefing; raises InputError/SchemaError naming what is wrong."""
    meta, body = _front_matter(text)
    try:
        blocks = _blocks(_MARKDOWN.parse(body))
    except RecursionError:
        raise InputError("Markdown is nested too deeply") from None
    if not blocks or blocks[0].kind != "heading" or blocks[0].level != 1 or not blocks[0].text:
        raise InputError('no recognisable headline: expected a "# headline" line first')
    headline = blocks[0].text
    blocks, found_attribution = _without_footer(blocks[1:])
    pages = [page for block in blocks for prose in block.prose for page in prose.pages]

    pieces: list[tuple[str, Cleaned]] = []

    def clean(prose: list[_Prose], where: str, *, bullet: bool = False) -> Cleaned:
        parts = [clean_prose(p.text, links=p.links, require_terminated=not bullet) for p in prose]
        merged = Cleaned(
            text=join_spaced([part.text for part in parts]),
            sources=dedupe(s for part in parts for s in part.sources),
            drops=tuple(d for part in parts for d in part.drops),
        )
        pieces.append((where, merged))
        return merged

    bullets: list[str] = []
    if blocks and blocks[0].kind == "list":
        for item in blocks.pop(0).prose:
            cleaned = clean([item], f"bullet {len(bullets) + 1}", bullet=True)
            if cleaned.text:
                bullets.append(cleaned.text)
    lede_prose: list[_Prose] = []
    sections: list[tuple[str, list[_Prose]]] = []
    stated: list[Quotation] = []
    for block in blocks:
        if block.kind == "heading":
            if block.text:
                sections.append((block.text, []))
            continue
        prose = block.prose
        if block.kind == "quote":
            quotation = _blockquote(prose, len(sections) - 1 if sections else None)
            if quotation is not None:
                stated.append(quotation)
        (sections[-1][1] if sections else lede_prose).extend(prose)
    lede = clean(lede_prose, "the lede")
    built = []
    for heading, prose in sections:
        cleaned = clean(prose, f"section “{heading}”")
        built.append(Section(heading, cleaned.text, cleaned.sources))

    found = make_attribution(meta["brand"], meta.get("tagline")) if "brand" in meta else None
    briefing = assemble(
        headline=headline,
        bullets=bullets,
        lede=lede.text,
        sections=built,
        pieces=pieces,
        attribution=found or found_attribution,
        url=meta.get("url"),
        date=meta.get("date"),
        language=meta.get("language"),
    )
    return replace(briefing, links=tuple(dict.fromkeys(pages)), quotes=tuple(stated))


_CREDIT = cached_regex(r"^\s*(?:—|–|―|--?)\s*(?P<who>\S.*)$")


def _blockquote(prose: list[_Prose], section: int | None) -> Quotation | None:
    """The quotation a blockquote states: its paragraphs, then a last line "— Name, Role"
    naming who said them (None without one: a blockquote of the briefing's own words)."""
    if len(prose) < 2:
        lines = prose[0].text.rsplit("—", 1) if prose else []
        if len(lines) != 2 or not lines[0].strip():
            return None
        words, credit = lines[0].strip(), "— " + lines[1]
    else:
        words, credit = join_spaced([p.text.strip() for p in prose[:-1]]), prose[-1].text
    found = _CREDIT.match(credit)
    if found is None or not words:
        return None
    speaker, _, role = found.group("who").partition(",")
    if not speaker.strip():
        return None
    return Quotation(words.strip("“”\"«» "), speaker.strip(), role.strip(), section)


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(validated front matter, Markdown body). Blank lines may come first: detection
    allows them, and pasted or generated text often has them."""
    start = len(text) - len(text.lstrip())
    if not regex.match(r"---[ \t]*(?:\n|$)", text, pos=start):
        return {}, text
    match = _FRONT_MATTER.match(text, pos=start)
    if match is None:
        raise InputError("front matter opened with --- is never closed")
    meta = load_yaml(match.group(1) or "", "front matter") or {}
    try:
        validate(meta, _front_matter_validator())
    except SchemaError as exc:
        raise SchemaError(f"front matter: {exc.problem}") from None
    return meta, text[match.end() :]


@cache
def _front_matter_validator() -> Draft202012Validator:
    """The front matter keys, each checked by the published briefing schema's rule."""
    schema = json.loads(schema_text())
    props = schema["properties"]
    return compile_schema(
        {
            "$defs": schema["$defs"],
            "type": "object",
            "additionalProperties": False,
            "dependentRequired": {"tagline": ["brand"]},
            "properties": {
                "brand": {"$ref": "#/$defs/text"},
                "tagline": props["attribution"]["properties"]["tagline"],
                "url": props["url"],
                "date": props["date"],
                "language": props["language"],
            },
        }
    )


def _without_footer(blocks: list[_Block]) -> tuple[list[_Block], Attribution | None]:
    """Blocks minus a trailing share footer ("Shared from…"), and the footer's attribution."""
    lines = [block.text if block.kind == "para" else "#" for block in blocks]
    start = footer_start(lines, 0)
    if any(block.kind != "para" for block in blocks[start:]):
        return blocks, None
    return blocks[:start], footer_attribution(lines[start:])


def _blocks(tokens: list[Token]) -> list[_Block]:
    """Headings, paragraphs, top-level lists (items flattened) and blockquotes (their
    paragraphs), in document order."""
    blocks: list[_Block] = []
    depth = 0
    quoting = 0
    for index, token in enumerate(tokens):
        prose: _Prose | None = None
        if token.type == "blockquote_open":
            if quoting == 0 and depth == 0:
                blocks.append(_Block("quote"))
            quoting += 1
        elif token.type == "blockquote_close":
            quoting -= 1
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            if depth == 0:
                blocks.append(_Block("list"))
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open" and depth == 1:
            blocks[-1].prose.append(_Prose(""))
        elif token.type == "inline":
            prose = _inline(token.children or [])
        elif token.type in ("fence", "code_block") and token.content.strip():
            prose = _Prose(squash_spaces(token.content))
        if prose is None:
            continue
        opener = tokens[index - 1]
        if quoting and not depth:
            blocks[-1].prose.append(prose)
        elif depth:
            _append(blocks[-1].prose[-1], prose)
        elif opener.type == "heading_open":
            blocks.append(_Block("heading", int(opener.tag[1:]), [prose]))
        else:
            blocks.append(_Block("para", prose=[prose]))
    return blocks


def _append(item: _Prose, more: _Prose) -> None:
    """Add a list item's next paragraph (or nested item) to its text."""
    shift = len(item.text) + 1 if item.text else 0
    item.links += [(shift + at, source) for at, source in more.links]
    item.pages += more.pages
    item.text = f"{item.text} {more.text}" if item.text else more.text


def _inline(children: list[Token]) -> _Prose:
    """Plain text of inline tokens, and the sources of their links by offset.

    A citation link, "[iranwatch.org](https://iranwatch.org)", leaves no text (as a Scout
    citation would not), nor does a link naming its site in parentheses, "([Reuters](…))";
    any other link keeps its words.
    """
    out: list[str] = []
    links: list[tuple[int, str]] = []
    pages: list[Link] = []
    size = 0
    after_citation = wrapped = False
    index = 0
    while index < len(children):
        child = children[index]
        piece = ""
        if child.type in ("text", "code_inline"):
            piece = child.content
            if after_citation:
                piece = piece.removeprefix(")") if wrapped else piece
                if piece[:1] in CONTINUERS and out:  # "report [x](…), the" → "report, the"
                    size -= _trim(out, out[-1].rstrip())
            after_citation = False
        elif child.type in ("softbreak", "hardbreak"):
            nxt = children[index + 1].content[:1] if index + 1 < len(children) else ""
            prev = out[-1][-1:] if out else ""
            piece = "" if is_unspaced(prev) or is_unspaced(nxt) else " "
        elif child.type == "link_open":
            end = index + 1
            while end < len(children) and children[end].type != "link_close":
                end += 1
            label = "".join(
                c.content for c in children[index + 1 : end] if c.type in ("text", "code_inline")
            )
            href = str(child.attrs.get("href", ""))
            source, is_citation = link_source(href, label)
            if source:
                links.append((size, source))
                if _is_page(href):
                    pages.append(Link(source, href.strip()))
            wrapped_name = (
                source is not None
                and _names_site(label, source)
                and bool(out)
                and out[-1].rstrip().endswith("(")
                and end + 1 < len(children)
                and children[end + 1].content.startswith(")")
            )
            if is_citation or wrapped_name:
                # "([x.org](…))" cites like "(x.org)": the parentheses go with the link.
                wrapped = bool(out) and out[-1].rstrip().endswith("(")
                if wrapped:
                    size -= _trim(out, out[-1].rstrip()[:-1])
                after_citation = True
            else:
                piece = label
            index = end
        out.append(piece)
        size += len(piece)
        index += 1
    return _Prose("".join(out), links, pages)


def _trim(out: list[str], trimmed: str) -> int:
    """Replace the last piece by `trimmed`; return how many characters went."""
    removed = len(out[-1]) - len(trimmed)
    out[-1] = trimmed
    return removed


def link_source(href: str, label: str) -> tuple[str | None, bool]:
    """(source, is_citation) for a link. A link whose text is its domain (and path),
    "[eia.gov/electricity](https://www.eia.gov/electricity/)", is only a citation and is
    credited as written, like "(eia.gov/electricity)" in share text; any other link keeps
    its words in the sentence and is credited to its site ("reuters.com" for
    https://www.reuters.com/world/…)."""
    try:
        url = urlsplit(href.strip())
        host = url.hostname
    except ValueError:
        return None, False
    if url.scheme.lower() not in ("http", "https") or not host:
        return None, False
    host = host.removeprefix("www.")
    page = host + url.path.rstrip("/") + (f"?{url.query}" if url.query else "")
    written = _URL_PREFIX.sub("", label.strip().strip("()").strip()).rstrip("/")
    if written.lower() in (page.lower(), host) or CITATION.fullmatch(f"({written})"):
        return written, True
    return site_of(host), False


def _is_page(href: str) -> bool:
    """Does the URL name a page (a path or query), not just a site's home?"""
    url = urlsplit(href.strip())
    return url.path.strip("/") != "" or bool(url.query)


def _names_site(label: str, source: str) -> bool:
    """"Reuters" names reuters.com, "Nikkei" nikkei.com: the label is the site's name."""
    name = regex.sub(r"[\s.\-]+", "", label).casefold()
    return bool(name) and name == source.split(".", 1)[0].replace("-", "").casefold()
