"""The feed preview as one HTML page: every frame beside its platform's rules.

Self-contained: CSS inline, no script, no font or image from the network — images are
the bundle's own files, referenced by their names in the bundle (the page sits in it)
or embedded as ``data:`` URIs (`embed_images`, for a page served on its own). A
Content-Security-Policy in the page says the same to the browser. Every text comes
from the briefing, so every text is escaped (`html.escape`, quotes included) and set
with ``dir="auto"`` and the briefing's ``lang``: a Persian post reads right to left.

Line limits are the browser's to apply (``-webkit-line-clamp``), as the platforms'
own pages do; character limits were applied before (`plan.shorten_to`). Each limit
the page applies is also written on its element (``data-chars``, ``data-lines``,
``data-cut``) so a test in a real browser can hold the drawing to the rule.

What a frame draws over the image (X's title pill, `rules.Overlay`) is drawn over the
previewed image at its share of the platform's width (``cqw``: the mock draws the image
narrower than the platform does), so the reviewer sees what it hides; its rectangle on
the card and what it covers, as `plan` worked them out, are written on it
(``data-box``, ``data-covers``).
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping

from sharecard.feeds.plan import FeedPlan, FramePlan, Overlaid, Shortened, Shown
from sharecard.feeds.rules import TextRule
from sharecard.model import Diagnostic

CSP = "default-src 'none'; img-src 'self' data: file:; style-src 'unsafe-inline'"
LINE = 20  # px: the line height every clamped text in the mocks uses

STYLE = f"""
*{{box-sizing:border-box}}
body{{margin:0;padding:28px;background:#eef0f3;color:#14171a;
  font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}}
header{{max-width:1260px;margin:0 auto 20px}}
h1{{font-size:22px;margin:0 0 4px}}
.headline{{font-size:16px;margin:0 0 6px;font-weight:600}}
.summary{{margin:0;color:#536471}}
.summary.bad{{color:#b4232a;font-weight:600}}
main{{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:24px;
  max-width:1260px;margin:0 auto;align-items:start}}
.frame{{background:#fff;border-radius:14px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.12)}}
.frame h2{{font-size:15px;margin:0 0 10px}}
.mock{{border:1px solid #e1e5ea;border-radius:12px;padding:12px;background:#fff;
  max-width:100%}}
.author{{display:flex;align-items:center;gap:8px;margin-bottom:6px}}
.avatar{{width:36px;height:36px;border-radius:50%;background:#14171a;color:#fff;
  display:flex;align-items:center;justify-content:center;font-weight:700}}
.handle{{color:#536471}}
.post{{margin:0 0 10px;white-space:pre-wrap;overflow-wrap:anywhere}}
.more{{color:#536471;font-weight:600;unicode-bidi:isolate}}
figure{{margin:0;position:relative;overflow:hidden;border-radius:12px;
  border:1px solid #e1e5ea;background:#f6f7f9;container-type:inline-size}}
figure img{{display:block;width:100%;height:100%;object-fit:cover;object-position:50% 50%}}
figure.cut,figure.covered{{outline:3px solid #d0342c;outline-offset:2px}}
.badges{{position:absolute;left:8px;top:8px;display:flex;flex-direction:column;
  align-items:flex-start;gap:4px}}
.badge{{background:#d0342c;color:#fff;font-weight:700;font-size:12px;padding:3px 8px;
  border-radius:6px}}
.overlay{{position:absolute;background:rgba(0,0,0,.77);color:#fff;font-weight:400;
  white-space:nowrap;overflow:hidden;text-overflow:ellipsis}}
.card-text{{padding:8px 10px 10px;border:1px solid #e1e5ea;border-top:0;
  border-radius:0 0 12px 12px;margin-top:-12px;padding-top:18px}}
.domain{{color:#536471;font-size:12px;line-height:{LINE}px;text-transform:lowercase}}
.title,.desc{{display:-webkit-box;-webkit-box-orient:vertical;overflow:hidden;
  line-height:{LINE}px;margin:0}}
.title{{font-weight:700}}
.desc{{color:#536471}}
.from{{color:#536471;font-size:13px;margin-top:4px}}
.rules{{margin-top:12px;font-size:13px;color:#2a2e35;display:flex;gap:16px;
  align-items:flex-start}}
.rules dl{{flex:1 1 auto}}
.rules dl{{margin:0}}
.rules dt{{float:left;clear:left;width:88px;font-weight:700}}
.rules dd{{margin:0 0 4px 92px}}
.source{{color:#6b7480;font-size:12px;overflow-wrap:anywhere}}
.whole{{position:relative;flex:0 0 auto;width:150px;border:1px solid #c9ced6;overflow:hidden}}
.whole img{{display:block;width:100%}}
.window{{position:absolute;border:2px solid #d0342c;box-shadow:0 0 0 999px rgba(255,255,255,.55)}}
.warning{{color:#b4232a;font-weight:700}}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _lang(plan: FeedPlan) -> str:
    return f' lang="{_e(plan.language)}"' if plan.language else ""


def _text(tag: str, cls: str, text: Shortened, rule: TextRule | None, lang: str,
          extra: str = "") -> str:
    """A text element with its rule written on it; the marker the feed appends to a
    cut text is set apart (``.more``)."""
    attrs = [f'class="{cls}"', 'dir="auto"']
    style = ""
    if rule is not None:
        if rule.chars is not None:
            attrs.append(f'data-chars="{rule.chars}"')
        if rule.lines:
            attrs.append(f'data-lines="{rule.lines}"')
            if cls in ("title", "desc"):
                style = f' style="-webkit-line-clamp:{rule.lines};max-height:{rule.lines * LINE}px"'
        if rule.more:
            attrs.append(f'data-more="{_e(rule.more)}"')
    attrs.append(f'data-cut="{"true" if text.cut else "false"}"')
    body = _e(text.text)
    if text.cut and rule is not None and rule.more and text.text.endswith(rule.more):
        kept = text.text[: -len(rule.more)]
        body = f'{_e(kept)}<span class="more" dir="ltr">{_e(rule.more)}</span>'
    full = f' title="{_e(text.full)}"' if text.cut else ""
    return f'<{tag} {" ".join(attrs)}{lang}{full}{style}{extra}>{body}</{tag}>'


def _covers(drawn: Overlaid) -> str:
    """"title pill covers the footer and the source line"."""
    return f"{drawn.overlay.name} covers the {' and the '.join(drawn.covers)}"


def _cqw(px: float, frame_width: int) -> str:
    """`px` CSS px of a frame drawn `frame_width` px wide, as a share of the figure's
    width: the overlay keeps its share of the image however wide the mock draws it."""
    return f"{px * 100 / frame_width:.3f}cqw"


def _overlay_style(drawn: Overlaid, frame_width: int) -> str:
    """The overlay's box as the platform lays it (`rules.Overlay`), in the figure."""
    o = drawn.overlay
    vertical, side = o.corner.split("-")

    def u(px: float) -> str:
        return _cqw(px, frame_width)

    return (f"{side}:{u(o.inset_x)};{vertical}:{u(o.inset_y)};height:{u(o.height)};"
            f"line-height:{u(o.height)};font-size:{u(o.font_size)};"
            f"padding:0 {u(o.padding_x)};border-radius:{u(o.radius)};"
            f"max-width:{u(o.widest(frame_width))}")


def _overlay(drawn: Overlaid, fp: FramePlan, lang: str) -> str:
    """One overlay over the image, with the text it shows (escaped) and, as data, its
    rectangle on the card and what it covers."""
    x0, y0, x1, y1 = drawn.box
    extra = (f' style="{_overlay_style(drawn, fp.frame.width)}" '
             f'data-overlay="{_e(drawn.overlay.name)}" data-corner="{drawn.overlay.corner}" '
             f'data-box="{x0:g} {y0:g} {x1:g} {y1:g}" '
             f'data-covers="{_e(",".join(drawn.covers))}"')
    if drawn.overlay.shows == "title" and fp.title is not None:
        return _text("span", "overlay", fp.title, fp.frame.title, lang, extra)
    return f'<span class="overlay" dir="auto"{extra}>{_e(drawn.text)}</span>'


def _figure(shown: Shown | None, alt: str, *, overlays: str = "") -> str:
    if shown is None:
        return '<p class="warning">The bundle has no image for this frame.</p>'
    x0, y0, x1, y1 = shown.visible
    ratio = ((x1 - x0) * shown.width) / ((y1 - y0) * shown.height)
    covering = [d for d in shown.overlays if d.covers]
    classes = " ".join(c for c, on in (("cut", shown.cut), ("covered", covering)) if on)
    cls = f' class="{classes}"' if classes else ""
    cut = " ".join(shown.cut)
    badges = [f"Crop cuts the {' and the '.join(shown.cut)}"] if shown.cut else []
    badges += [_covers(d)[:1].upper() + _covers(d)[1:] for d in covering]
    badge = ('<div class="badges">' + "".join(f'<span class="badge">{_e(b)}</span>'
                                              for b in badges) + "</div>") if badges else ""
    return (f'<figure{cls} data-visible="{x0:g} {y0:g} {x1:g} {y1:g}" data-cuts="{cut}" '
            f'data-shape="{ratio:.4f}" style="aspect-ratio:{ratio:.4f}">'
            f'<img src="{_e(shown.path)}" alt="{_e(alt)}" width="{shown.width}" '
            f'height="{shown.height}">{overlays}{badge}</figure>')


def _whole(shown: Shown) -> str:
    """The whole image, with the part the frame shows outlined."""
    x0, y0, x1, y1 = shown.visible
    box = (f"left:{x0 * 100:.2f}%;top:{y0 * 100:.2f}%;width:{(x1 - x0) * 100:.2f}%;"
           f"height:{(y1 - y0) * 100:.2f}%")
    return (f'<div class="whole" title="the whole image; the outline is what the feed '
            f'shows"><img src="{_e(shown.path)}" alt=""><div class="window" '
            f'style="{box}"></div></div>')


def _rules(fp: FramePlan) -> str:
    f = fp.frame
    rows = [("Image", f.published), ("Crop", f.crop), ("Source", f.crop_source)]
    rows.append(("Post text", f.post.describe("post") + f" ({f.post.source})"))
    if f.title is not None:
        rows.append(("Title", f.title.describe("og:title") + f" ({f.title.source})"))
    if f.description is not None:
        rows.append(("Description", f.description.describe("og:description")
                     + f" ({f.description.source})"))
    rows += [("Overlay", f"{o.describe()} ({o.source})") for o in f.overlays]
    items = "".join(
        f'<dt>{_e(k)}</dt><dd class="{"source" if k == "Source" else ""}">{_e(v)}</dd>'
        for k, v in rows)
    shown = fp.image
    extra = ""
    if shown is not None:
        name = f"{shown.path} ({shown.width}×{shown.height})"
        extra += f"<dt>Shown</dt><dd>{_e(name)}</dd>"
        if shown.cut:
            extra += (f'<dt class="warning">Warning</dt><dd class="warning">The crop cuts the '
                      f'{_e(" and the ".join(shown.cut))}.</dd>')
        extra += "".join(f'<dt class="warning">Warning</dt><dd class="warning">The '
                         f"{_e(_covers(d))}.</dd>" for d in shown.overlays if d.covers)
    whole = _whole(shown) if shown is not None and shown.cropped else ""
    return f'<aside class="rules"><dl>{items}{extra}</dl>{whole}</aside>'


def _frame(fp: FramePlan, plan: FeedPlan) -> str:
    f = fp.frame
    lang = _lang(plan)
    brand = plan.brand or "Your newsroom"
    handle = "@" + re.sub(r"[^a-z0-9]+", "", brand.lower())[:15] if plan.brand else "@you"
    author = (f'<div class="author"><span class="avatar">{_e(brand[:1].upper())}</span>'
              f'<b dir="auto">{_e(brand)}</b> <span class="handle">{_e(handle)}</span></div>')
    post = _text("p", "post", fp.post, f.post, lang)
    alt = f"{plan.headline}"
    if f.kind == "image":
        body = post + _figure(fp.image, alt)
    else:
        drawn = fp.image.overlays if fp.image is not None else ()
        overlays = "".join(_overlay(d, fp, lang) for d in drawn)
        on_image = {d.overlay.shows for d in drawn}
        parts = []
        if fp.title is not None and "title" not in on_image:
            parts.append(_text("p", "title", fp.title, f.title, lang))
        if fp.description is not None:
            parts.append(_text("p", "desc", fp.description, f.description, lang))
        domain = _e(fp.domain) if fp.domain else "no link (--url)"
        if f.key == "x-card":
            card = f'<div class="from">From {domain}</div>'
        else:
            card = (f'<div class="card-text"><div class="domain">{domain}</div>'
                    f'{"".join(parts)}</div>')
        body = post + _figure(fp.image, alt, overlays=overlays) + card
    return (f'<section class="frame" id="frame-{f.key}" data-frame="{f.key}" '
            f'data-kind="{f.kind}"><h2>{_e(f.label)}</h2>'
            f'<div class="mock" style="width:{f.width}px">{author}{body}</div>'
            f"{_rules(fp)}</section>")


def _summary(warnings: tuple[Diagnostic, ...]) -> str:
    """The page's one-line verdict: the crop warnings, then the overlay warnings."""
    parts = []
    for code, what in (("crop-cuts", "crop"), ("overlay-covers", "overlay")):
        found = [w.message for w in warnings if w.code == code]
        if found:
            parts.append(f"{len(found)} {what} warning{'s' if len(found) != 1 else ''}: "
                         + "; ".join(found))
    return ". ".join(parts) if parts else \
        "No frame's crop cuts a headline or a footer, and no overlay covers one."


def feed_page(plan: FeedPlan) -> str:
    """The preview page; image sources are bundle file names."""
    warnings = plan.warnings()
    summary = _summary(warnings)
    cls = "summary bad" if warnings else "summary"
    frames = "\n".join(_frame(fp, plan) for fp in plan.frames)
    lang = _lang(plan) or ' lang="en"'
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Feed preview: {_e(plan.headline)}</title>\n<style>{STYLE}</style>\n"
        "</head>\n<body>\n<header><h1>Feed preview</h1>"
        f'<p class="headline" dir="auto"{lang}>{_e(plan.headline)}</p>'
        f'<p class="{cls}" id="summary">{_e(summary)}</p></header>\n'
        f"<main>\n{frames}\n</main>\n</body>\n</html>\n"
    )


_SRC = re.compile(r'src="([^"]*)"')


def embed_images(page: str, files: Mapping[str, bytes]) -> str:
    """`page` with every image that is a bundle file inlined as a ``data:`` URI, so the
    page stands alone (what a service returns)."""
    mimes = {".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp"}

    def inline(match: re.Match[str]) -> str:
        name = html.unescape(match.group(1))
        data = files.get(name)
        mime = next((m for ext, m in mimes.items() if name.endswith(ext)), None)
        if data is None or mime is None:
            return match.group(0)
        return f'src="data:{mime};base64,{base64.b64encode(data).decode("ascii")}"'

    return _SRC.sub(inline, page)
