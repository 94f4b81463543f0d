"""A thread: the headline post, then one post per section, numbered "1/7 ".

Each post is held to the platform's limit by its own count. A section post keeps as
many whole sentences of the section as fit after its heading; only when not even the
first sentence fits is that sentence shortened at a word boundary with "…".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from sharecard.blurbs import links
from sharecard.blurbs.compose import Parts, fill, join_sentences, lead_post
from sharecard.blurbs.platforms import THREAD_PLATFORMS, fits, get
from sharecard.blurbs.words import one_line, shorten
from sharecard.errors import ConfigError
from sharecard.model import Briefing
from sharecard.records import replace
from sharecard.text import split_sentences


def _numbering(index: int, total: int) -> str:
    return f"{index}/{total} " if total > 1 else ""


def _section_post(
    heading: str, sentences: list[str], prefix: str, accepts: Callable[[str], bool]
) -> str:
    """The heading, then as many whole sentences as fit; only when not even the first
    sentence fits is it shortened at a word boundary."""
    if not heading:
        heading, sentences = sentences[0], sentences[1:]
    head = shorten(heading, lambda h: accepts(Parts(h, prefix=prefix).render()))
    if head is None:
        raise ConfigError("the platform's limit is too small for a numbered thread post")
    if head != heading or not sentences:
        return Parts(head, prefix=prefix).render()
    filled = fill(Parts(head, prefix=prefix), [join_sentences(sentences)], accepts)
    if filled.body:
        return filled.render()
    first = shorten(sentences[0], lambda s: accepts(Parts(head, (s,), prefix=prefix).render()))
    return Parts(head, (first,) if first else (), prefix=prefix).render()


def _fits_alone(accepts: Callable[[str], bool], prefix: str, text: str) -> bool:
    """Whether `text` after `prefix` is a post the platform accepts."""
    return accepts(Parts(text, prefix=prefix).render())


def _pack(
    sentences: list[str], prefix_for: Callable[[int], str], accepts: Callable[[str], bool]
) -> list[str]:
    """Running sentences packed into as few posts as fit (posts 2, 3, … of a thread)."""
    posts: list[str] = []
    current: list[str] = []

    def render(body: list[str], index: int) -> str:
        return Parts(join_sentences(body), prefix=prefix_for(index)).render()

    for sentence in sentences:
        if accepts(render([*current, sentence], len(posts) + 2)):
            current.append(sentence)
            continue
        if current:
            posts.append(render(current, len(posts) + 2))
            current = []
        index = len(posts) + 2
        if accepts(render([sentence], index)):
            current = [sentence]
            continue
        prefix = prefix_for(index)
        short = shorten(sentence, partial(_fits_alone, accepts, prefix))
        if short:
            posts.append(Parts(short, prefix=prefix).render())
    if current:
        posts.append(render(current, len(posts) + 2))
    return posts


def thread(briefing: Briefing, platform: str, *, url: str | None = None) -> list[str]:
    """The posts of a thread for `platform` (x, bluesky or mastodon), in order."""
    spec = get(platform)
    if platform not in THREAD_PLATFORMS:
        raise ConfigError(
            f"threads are made for {', '.join(THREAD_PLATFORMS)}, not {spec.label}"
        )

    def accepts(text: str) -> bool:
        return fits(text, platform)

    link = links.share_link(url if url is not None else briefing.url, platform, None)
    sections = [
        (one_line(s.heading), split_sentences(one_line(s.body)))
        for s in briefing.sections
        if s.heading.strip() or s.body.strip()
    ]
    if sections:
        total = 1 + len(sections)
        # The cover draws on bullets or lede only: sections get their own posts.
        cover_source = replace(briefing, sections=())
        posts = [lead_post(cover_source, platform, link=link, prefix=_numbering(1, total))]
        for index, (heading, sentences) in enumerate(sections, start=2):
            posts.append(_section_post(heading, sentences, _numbering(index, total), accepts))
        return posts
    lede = split_sentences(one_line(briefing.lede))
    if not lede:
        return [lead_post(briefing, platform, link=link)]
    # No sections: the lede runs on over posts 2, 3, …; the cover keeps the bullets.
    # The number of posts sets the width of "i/n ", so repack until it is stable.
    cover_source = replace(briefing, lede="")
    total = 2
    rest: list[str] = []
    for _ in range(5):
        rest = _pack(lede, partial(_numbering, total=total), accepts)
        if 1 + len(rest) == total:
            break
        total = 1 + len(rest)
    cover = lead_post(cover_source, platform, link=link, prefix=_numbering(1, total))
    return [cover, *rest]
