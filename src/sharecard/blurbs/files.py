"""The text files a bundle gets: blurbs, threads, alt texts and meta tags, as bytes.

Pure: the export stage writes them. Output is byte-identical for the same input (JSON
with sorted keys where order carries no meaning, UTF-8, one trailing newline).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sharecard.blurbs.alt import ImageInfo, image_alt
from sharecard.blurbs.compose import compose
from sharecard.blurbs.meta import IMAGE_ALT_MAX, meta_html
from sharecard.blurbs.platforms import DEFAULT_PLATFORM, PLATFORMS, THREAD_PLATFORMS
from sharecard.blurbs.threads import thread
from sharecard.model import Briefing

THREAD_SEPARATOR = "\n---\n"
OG_ASPECT = 1200 / 630  # the shape link previews are drawn at


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _text(text: str) -> bytes:
    return (text.rstrip("\n") + "\n").encode()


def preview_image(images: Sequence[ImageInfo]) -> ImageInfo | None:
    """The image for og:image: a cover card, the one shaped most like a link preview."""
    covers = [i for i in images if i.kind == "cover"] or list(images)
    if not covers:
        return None
    return min(covers, key=lambda i: abs(i.width / max(i.height, 1) - OG_ASPECT))


def blurb_files(
    briefing: Briefing, *, url: str | None = None, images: Sequence[ImageInfo]
) -> dict[str, bytes]:
    """File name -> content for blurb.txt, blurbs.json, thread-*.txt/json, alt.json, meta.html."""
    return {**text_files(briefing, url=url), **image_files(briefing, url=url, images=images)}


def text_files(briefing: Briefing, *, url: str | None = None) -> dict[str, bytes]:
    """The blurb files that need no image: blurb.txt, blurbs.json, thread-*.txt/json (a
    bundle's builder writes them while its cards are drawn)."""
    link = url if url is not None else briefing.url
    files: dict[str, bytes] = {}
    blurbs: dict[str, Any] = {}
    for name, spec in PLATFORMS.items():
        text = compose(briefing, name, url=link)
        blurbs[name] = {"text": text, "count": spec.count(text), "limit": spec.limit,
                        "counted_as": spec.counted_as}
    files["blurb.txt"] = _text(blurbs[DEFAULT_PLATFORM]["text"])
    files["blurbs.json"] = _json({"default": DEFAULT_PLATFORM, "platforms": blurbs})
    for name in THREAD_PLATFORMS:
        spec = PLATFORMS[name]
        posts = thread(briefing, name, url=link)
        files[f"thread-{name}.txt"] = _text(THREAD_SEPARATOR.join(posts))
        files[f"thread-{name}.json"] = _json({
            "platform": name,
            "limit": spec.limit,
            "posts": [{"text": p, "count": spec.count(p)} for p in posts],
        })
    return files


def image_files(
    briefing: Briefing, *, url: str | None = None, images: Sequence[ImageInfo]
) -> dict[str, bytes]:
    """The blurb files about the bundle's images: alt.json, and meta.html (whose
    og:image is one of them)."""
    link = url if url is not None else briefing.url
    files: dict[str, bytes] = {}
    files["alt.json"] = _json({
        "images": [
            {"path": i.path, "kind": i.kind, "preset": i.preset, "width": i.width,
             "height": i.height, "alt": {name: image_alt(i, name) for name in PLATFORMS}}
            for i in images
        ]
    })
    preview = preview_image(images)
    if preview is not None:
        files["meta.html"] = meta_html(
            briefing, image=preview.path, width=preview.width, height=preview.height,
            alt=image_alt(preview, max_length=IMAGE_ALT_MAX), url=link,
        ).encode()
    return files
