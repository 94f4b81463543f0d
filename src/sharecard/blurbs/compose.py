"""A share blurb: headline, as many whole bullets or sentences as fit, link, attribution.

What is in a blurb is decided by fitting, never by cutting: units are added whole while
the platform's own count allows; a bullet that does not fit whole may contribute its
leading complete sentences; only the headline is ever shortened (at a word boundary, or
at a grapheme boundary when its first word alone is too long, with "…"), and only when
the headline and link alone are over the limit. The Briefing is clean (readers drop
clipped fragments), so nothing here can bring one back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import msgspec

from sharecard.blurbs import links
from sharecard.blurbs.platforms import fits, get
from sharecard.blurbs.words import one_line, shorten
from sharecard.errors import InputError
from sharecard.model import Briefing
from sharecard.records import replace
from sharecard.text import join_spaced, split_sentences

BULLET = "• "


def join_sentences(sentences: Sequence[str]) -> str:
    """Sentences as running text: a space between them, none between CJK ones (the
    same join as the cards' bodies, so a card and its blurb read alike)."""
    return join_spaced(list(sentences))


def attribution_line(briefing: Briefing) -> str | None:
    """"via Scout" for a briefing shared from Scout; None without attribution."""
    if briefing.attribution is None or not briefing.attribution.brand.strip():
        return None
    return f"via {one_line(briefing.attribution.brand)}"


def body_units(briefing: Briefing) -> tuple[list[str], bool]:
    """What a blurb draws from, in order, and whether they are bullets.

    The key bullets when there are any; otherwise the lede's sentences; otherwise the
    first section body's sentences.
    """
    bullets = [one_line(b) for b in briefing.bullets if b.strip()]
    if bullets:
        return bullets, True
    for text in (briefing.lede, *(s.body for s in briefing.sections)):
        sentences = split_sentences(one_line(text))
        if sentences:
            return sentences, False
    return [], False


class Parts(msgspec.Struct, frozen=True):
    """The pieces of one post, rendered by `render`."""

    head: str
    body: tuple[str, ...] = ()
    bullets: bool = False
    link: str | None = None
    brand: str | None = None
    tags: tuple[str, ...] = ()
    prefix: str = ""

    def render(self) -> str:
        blocks = [self.prefix + self.head]
        if self.body:
            if self.bullets:
                blocks.append("\n".join(BULLET + unit for unit in self.body))
            else:
                blocks.append(join_sentences(self.body))
        tail = [self.link] if self.link else []
        trailer = " ".join(([self.brand] if self.brand else []) + list(self.tags))
        if trailer:
            tail.append(trailer)
        if tail:
            blocks.append("\n".join(tail))
        return "\n\n".join(blocks)


def fill(parts: Parts, units: Sequence[str], accepts: Callable[[str], bool]) -> Parts:
    """`parts` with as many whole `units` appended as `accepts` allows.

    A unit that does not fit whole may still give its leading complete sentences;
    filling stops there so the order of the source is kept.
    """
    body = list(parts.body)
    taken = _most_that_fit(len(units), lambda k: accepts(
        replace(parts, body=(*body, *units[:k])).render()))
    body.extend(units[:taken])
    if taken < len(units):
        # Leading sentences, one more at a time while they fit: the work is bounded by
        # the post's limit, not by the length of the unit (a section can be 5 MB).
        sentences = split_sentences(units[taken])
        part = None
        for k in range(1, len(sentences)):
            candidate = join_sentences(sentences[:k])
            if not accepts(replace(parts, body=(*body, candidate)).render()):
                break
            part = candidate
        if part is not None:
            body.append(part)
    return replace(parts, body=tuple(body))


def _most_that_fit(count: int, fits: Callable[[int], bool]) -> int:
    """The largest k ≤ `count` with `fits(k)`, for a `fits` that holds for 0 and, once
    false, stays false (a post only grows as units are added). Galloping, then halving:
    O(log k) tries instead of k, each the length of a post, so a platform with a long
    limit (Facebook's 63,206 characters) costs n log n, not n², for n short bullets."""
    good, step = 0, 1
    while good < count:
        probe = min(count, good + step)
        if not fits(probe):
            bad = probe
            break
        good, step = probe, step * 2
    else:
        return good
    while bad - good > 1:
        middle = (good + bad) // 2
        if fits(middle):
            good = middle
        else:
            bad = middle
    return good


def _no_room(label: str, limit: int, link: str | None, accepts: Callable[[str], bool]) -> str:
    """Why not even one character of the headline fits (a headline is shortened to a
    single grapheme and "…" before this is said): the link, or the numbering, takes it."""
    if link and not accepts(link):
        return f"the link alone is over {label}'s limit of {limit}"
    if link:
        return f"the link leaves no room for the headline within {label}'s limit of {limit}"
    return f"{label}'s limit of {limit} leaves no room for the headline"


def lead_post(
    briefing: Briefing,
    platform: str,
    *,
    link: str | None,
    tags: tuple[str, ...] = (),
    prefix: str = "",
) -> str:
    """The headline post: headline (shortened only if it must be), link, attribution,
    hashtags when they fit, then as many bullets or sentences as fit."""
    spec = get(platform)

    def accepts(text: str) -> bool:
        return fits(text, platform)

    headline = one_line(briefing.headline)
    if not headline:
        raise InputError("the briefing has no headline")
    head = shorten(headline, lambda h: accepts(Parts(h, link=link, prefix=prefix).render()))
    if head is None:
        raise InputError(_no_room(spec.label, spec.limit, link, accepts))
    parts = Parts(head, link=link, prefix=prefix)
    # Attribution first, then hashtags, each only if it still fits.
    brand = attribution_line(briefing)
    if brand and accepts(replace(parts, brand=brand).render()):
        parts = replace(parts, brand=brand)
    if tags and accepts(replace(parts, tags=tags).render()):
        parts = replace(parts, tags=tags)
    if head != headline:
        return parts.render()
    units, bullets = body_units(briefing)
    return fill(replace(parts, bullets=bullets), units, accepts).render()


def compose(
    briefing: Briefing,
    platform: str,
    *,
    url: str | None = None,
    utm: str | None = None,
    hashtags: Sequence[str] = (),
) -> str:
    """The share blurb for `platform`, within its limit by its own count.

    `url` (default: the briefing's own) is tagged with UTM parameters when `utm` names
    a campaign; `hashtags` are added when they fit.
    """
    get(platform)
    link = links.share_link(url if url is not None else briefing.url, platform, utm)
    return lead_post(briefing, platform, link=link, tags=links.hashtags(hashtags))
