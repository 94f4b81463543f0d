"""How much a briefing may hold, checked once it is read and before anything is laid out.

Why: a 40 KB file of 10,000 one-word bullets is a valid briefing that no card can show,
and laying it out is the work a render spends its time and memory on. The byte cap
(`source.DEFAULT_MAX_BYTES`) bounds what is read; these caps bound what is set: bullets,
sections, the characters of any one field and of the whole text. The defaults are far
beyond any real briefing (a Scout briefing has 3 bullets, 4-6 sections and about 8,000
characters) and are raised by every way in: ``--max-bullets``… on the command line,
``limits=InputLimits(...)`` in the API, the service's ``--max-text``.

Characters, not words, bound a field: Japanese and Chinese have no spaces to count.
"""

from __future__ import annotations

import msgspec

from sharecard.errors import InputError, offered_hint
from sharecard.model import Briefing


class InputLimits(msgspec.Struct, frozen=True):
    """The most a briefing may hold once read (see the module docstring)."""

    max_bullets: int = 50
    max_sections: int = 100
    max_field_chars: int = 20_000  # one headline, bullet, heading or section body
    max_text_chars: int = 200_000  # every field together

    def __post_init__(self) -> None:
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a whole number ≥ 1, not {value!r}")


DEFAULT_LIMITS = InputLimits()
# The command-line option that raises each limit, for the hint in its error.
OPTIONS = {"max_bullets": "--max-bullets", "max_sections": "--max-sections",
           "max_field_chars": "--max-field-chars", "max_text_chars": "--max-text-chars"}


class BriefingTooLarge(InputError):
    """A briefing over one of `InputLimits`: `limit` names which."""

    def __init__(self, problem: str, source: str | None = None, *,
                 limit: str = "max_text_chars") -> None:
        super().__init__(problem, source)
        self.limit = limit

    def with_source(self, source: str) -> BriefingTooLarge:
        return self if self.source else BriefingTooLarge(self.problem, source,
                                                         limit=self.limit)


def _refuse(what: str, count: int, limit: str, limits: InputLimits) -> BriefingTooLarge:
    """"`what` COUNT, over the limit of N" (`what` says whose count it is)."""
    most = getattr(limits, limit)
    return BriefingTooLarge(what.format(count=f"{count:,}") + f", over the limit of {most:,}"
                            + offered_hint(OPTIONS[limit]), limit=limit)


def check_limits(briefing: Briefing, limits: InputLimits = DEFAULT_LIMITS) -> Briefing:
    """`briefing` if it is within `limits`; BriefingTooLarge naming the first it is over.
    Linear in the briefing's size, and the first check that fails ends it."""
    if len(briefing.bullets) > limits.max_bullets:
        raise _refuse("{count} bullets", len(briefing.bullets), "max_bullets", limits)
    if len(briefing.sections) > limits.max_sections:
        raise _refuse("{count} sections", len(briefing.sections), "max_sections", limits)
    fields = [("the headline", briefing.headline), ("the lede", briefing.lede)]
    fields += [(f"bullet {n}", text) for n, text in enumerate(briefing.bullets, 1)]
    for n, section in enumerate(briefing.sections, 1):
        fields += [(f"section {n}'s heading", section.heading),
                   (f"section {n}'s body", section.body)]
    total = 0
    for name, text in fields:
        if len(text) > limits.max_field_chars:
            raise _refuse(name + " has {count} characters", len(text), "max_field_chars",
                          limits)
        total += len(text)
    if total > limits.max_text_chars:
        raise _refuse("{count} characters of text", total, "max_text_chars", limits)
    return briefing
