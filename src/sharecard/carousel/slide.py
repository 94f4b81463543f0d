"""One slide of a carousel, and the few things every slide shares: the slide number's
text and style, setting a text box, and the overlap test."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import msgspec

from sharecard.cards.labels import labels_for
from sharecard.carousel.textlayer import SetText

if TYPE_CHECKING:
    from sharecard.paint.display import DisplayList
    from sharecard.typeset import TextBox, Typesetter

Frame = tuple[float, float, float, float]  # x, y, width, height
TOLERANCE = 0.5  # px of anti-aliasing slack, as the card checks


class Slide(msgspec.Struct, frozen=True):
    """One slide: its place, its SVG, and what each of its text boxes says."""

    number: int  # 1-based
    total: int
    stem: str  # cover, section-02, quote, end
    title: str  # what the slide is about (the PDF outline entry)
    svg: str
    boxes: tuple[SetText, ...]
    link: str | None = None  # the URL the end slide shows (clickable in the PDF)
    link_label: str | None = None  # the label of the text box that shows it
    # What the slide draws, when it is known as drawn (a card's recorded display list,
    # the end slide's own); None: read back from `svg` (`slides.slide_display`).
    display: DisplayList | None = None

    @property
    def name(self) -> str:
        """``03-section-02``: its file name stem in the numbered series."""
        return f"{self.number:02d}-{self.stem}"


class CounterStyle(msgspec.Struct, frozen=True):
    """Where and how a deck prints its slide number: the counter box of its cards."""

    x: float
    width: float
    y: float
    height: float
    size: float
    weight: str
    colour: str


def counter_text(number: int, total: int, language: str | None) -> str:
    """"3/10" in the digits the card labels count in (when they know how)."""
    labels = labels_for(language)
    counter = getattr(labels, "counter", None)
    return counter(number, total) if callable(counter) else f"{number}/{total}"


def text_direction_of(text: str) -> str | None:
    """The direction of `text`'s first strong character (UAX #9 P2), None if it has none."""
    for char in text:
        bidi = unicodedata.bidirectional(char)
        if bidi in ("R", "AL"):
            return "rtl"
        if bidi == "L":
            return "ltr"
    return None


def set_box(typesetter: Typesetter, text: str, frame: Frame, *, size: tuple[float, float],
            max_lines: int, weight: str, colour: str, align: str, line_height: float,
            language: str | None, direction: str, balance: bool = False) -> TextBox:
    x, y, w, h = frame
    return typesetter.text_box(
        text, x=x, y=y, width=w, height=h, size=size, max_lines=max_lines, weight=weight,
        color=colour, align=align, line_height=line_height, balance=balance,
        language=language, direction=direction)


def overlaps(a: Frame, b: Frame) -> bool:
    """Whether two ink boxes (x0, y0, x1, y1) overlap by more than the tolerance."""
    return (min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE
            and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE)
