"""Open Graph and Twitter card tags for the page a share link points to.

Headlines are untrusted text ("Chipmakers & “AI <accelerators>”" is real), so every
value goes through `html.escape(quote=True)`; a test parses the page back with a real
HTML parser and compares each value with what was written.
"""

from __future__ import annotations

import html
from urllib.parse import urljoin, urlsplit

from sharecard.blurbs.compose import body_units, join_sentences
from sharecard.blurbs.counting import grapheme_count
from sharecard.blurbs.words import one_line, shorten
from sharecard.model import Briefing
from sharecard.validate import check_url

# Open Graph gives no hard limit; ~200 characters is what previews show (and the old
# Twitter card docs' maximum for twitter:description). twitter:image:alt allows 420.
DESCRIPTION_MAX = 200
IMAGE_ALT_MAX = 420


def _limited(text: str, maximum: int) -> str:
    return shorten(text, lambda s: grapheme_count(s) <= maximum) or ""


def description(briefing: Briefing) -> str:
    """The first bullet or first sentences, at most ~200 characters, cut only at a word."""
    units, _ = body_units(briefing)
    chosen: list[str] = []
    for unit in units:
        if chosen and grapheme_count(join_sentences([*chosen, unit])) > DESCRIPTION_MAX:
            break
        chosen.append(unit)
    return _limited(join_sentences(chosen), DESCRIPTION_MAX) if chosen else ""


def _tag(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{key}" content="{html.escape(value, quote=True)}">'


def meta_html(
    briefing: Briefing,
    *,
    image: str,
    width: int,
    height: int,
    alt: str,
    url: str | None,
) -> str:
    """A small HTML page whose head carries og:* and twitter:* tags for the briefing.

    A relative `image` is resolved against `url` (crawlers need absolute image URLs).
    """
    page_url = check_url(url) if url else None
    image_url = urljoin(page_url, image) if page_url and not urlsplit(image).scheme else image
    title = one_line(briefing.headline)
    summary = description(briefing)
    image_alt = _limited(one_line(alt), IMAGE_ALT_MAX)
    tags = [_tag("property", "og:type", "article"), _tag("property", "og:title", title)]
    if summary:
        tags.append(_tag("property", "og:description", summary))
    if page_url:
        tags.append(_tag("property", "og:url", page_url))
    if briefing.attribution is not None:
        tags.append(_tag("property", "og:site_name", one_line(briefing.attribution.brand)))
    tags += [
        _tag("property", "og:image", image_url),
        _tag("property", "og:image:width", str(width)),
        _tag("property", "og:image:height", str(height)),
        _tag("property", "og:image:alt", image_alt),
        _tag("name", "twitter:card", "summary_large_image"),
        _tag("name", "twitter:title", title),
    ]
    if summary:
        tags.append(_tag("name", "twitter:description", summary))
    tags += [_tag("name", "twitter:image", image_url), _tag("name", "twitter:image:alt", image_alt)]
    lang = f' lang="{html.escape(briefing.language, quote=True)}"' if briefing.language else ""
    head = "\n".join(
        ['<meta charset="utf-8">', f"<title>{html.escape(title, quote=True)}</title>", *tags]
    )
    return f"<!DOCTYPE html>\n<html{lang}>\n<head>\n{head}\n</head>\n<body></body>\n</html>\n"
