"""The sandbox card templates run in: Jinja's SandboxedEnvironment, plus budgets.

Why this exists: templates are untrusted (``--templates DIR`` may come from anywhere).
Jinja's sandbox keeps a template away from Python's internals, but not from spending:
nested ``range(100000)`` loops never end, ``{{ 'b' * 10**10 }}`` asks for 10 GB. So
every render (`TemplateLibrary.render`) runs under a `Budget`:

- time: a deadline (default 20 s, `TemplateLimits.timeout`) checked at every loop
  iteration (a check the code generator puts at the top of each loop body), every call,
  filter, intercepted operator and buffered write. A check, not a signal: it works in
  any thread (a service or batch worker), where ``signal.setitimer`` cannot;
- size: no operator, method, filter or ``~`` may build a string or list longer than
  `TemplateLimits.max_value` (checked from the operands, before it is built);
- memory: what those operations build is metered (``sys.getsizeof``) against
  `TemplateLimits.max_allocated` bytes per render, so many values under the size limit
  cannot add up to gigabytes either;
- output: the template's output is streamed (``generate()``) and refused beyond
  `TemplateLimits.max_output` characters.

An overrun raises `TemplateBudgetError` (a ConfigError), reported like any template
error with the template's file and line. The layout code a template calls checks the
deadline too (`tick`: each text set, each list item, each fit step), so the limit holds
for the whole render; a single text is bounded by the readers' caps on a field
(`sharecard.readers.limits`).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import inspect
import math
import re
import string
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

import msgspec
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

from sharecard.errors import ConfigError, offered_hint
from sharecard.records import replace

DEFAULT_TIMEOUT = 20.0
MAX_TIMEOUT = 3600.0
MAX_INT_BITS = 65_536  # ~20,000 decimal digits: far more than any layout arithmetic needs


class TemplateLimits(msgspec.Struct, frozen=True):
    """What one template render may spend."""

    timeout: float = DEFAULT_TIMEOUT  # seconds of wall time
    max_output: int = 4_000_000  # characters of SVG (a built-in card is ~140 KB)
    max_value: int = 2_000_000  # characters or items in any one string or list built
    max_allocated: int = 128 * 1024 * 1024  # bytes built by metered operations


_SIZED = (str, bytes, list, tuple, dict, set)


class TemplateBudgetError(ConfigError):
    """A template went over its time, size, memory or output budget."""


DEFAULT_LIMITS = TemplateLimits()
_LIMITS: ContextVar[TemplateLimits | None] = ContextVar("sharecard_template_limits",
                                                        default=None)


def current_limits() -> TemplateLimits:
    """The limits renders in this thread or task use now."""
    return _LIMITS.get() or DEFAULT_LIMITS


@contextlib.contextmanager
def template_limits(timeout: float | None = None, **more: int) -> Iterator[TemplateLimits]:
    """Renders inside this block use these limits (in this thread or task only)."""
    limits = replace(current_limits(), **more)
    if timeout is not None:
        limits = replace(limits, timeout=float(timeout))
    token = _LIMITS.set(limits)
    try:
        yield limits
    finally:
        _LIMITS.reset(token)


class Budget:
    """What one render has spent so far."""

    __slots__ = ("allocated", "deadline", "limits")

    def __init__(self, limits: TemplateLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.timeout
        self.allocated = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateBudgetError(
                f"took longer than the limit of {self.limits.timeout:g} s"
                + offered_hint("--template-timeout"))

    def check_length(self, length: int, what: str) -> None:
        if length > self.limits.max_value:
            raise TemplateBudgetError(
                f"{what} would be {length:,} characters or items long, over the limit of "
                f"{self.limits.max_value:,}")

    def charge(self, value: Any) -> Any:
        """Meter a value the template built (every one, small or large: the budget is an
        upper bound on what a render allocates); returns it."""
        if isinstance(value, _SIZED):
            self.check_length(len(value), "a value")
        self.allocated += sys.getsizeof(value)
        if self.allocated > self.limits.max_allocated:
            mib = self.limits.max_allocated // (1024 * 1024)
            raise TemplateBudgetError(f"built more than {mib} MiB of values")
        return value


class _Unmetered(Budget):
    """For templates rendered outside `TemplateLibrary.render` (compiling, tests): sizes
    are still checked, time and memory are not."""

    def tick(self) -> None:
        return None

    def charge(self, value: Any) -> Any:
        if isinstance(value, _SIZED):
            self.check_length(len(value), "a value")
        return value


_BUDGET: ContextVar[Budget | None] = ContextVar("sharecard_template_budget", default=None)


def _budget() -> Budget:
    return _BUDGET.get() or _Unmetered(TemplateLimits(timeout=math.inf))


def tick() -> None:
    """Check the running render's deadline: what the layout code a template calls
    (`Canvas.text_box`, `bullets`, the fit policy) does between measurements, so the
    time limit holds for the whole render, not only for the template's own code."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


@contextlib.contextmanager
def budgeted(limits: TemplateLimits | None = None) -> Iterator[Budget]:
    """A fresh budget for one render."""
    budget = Budget(limits or current_limits())
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


# -- what an operation would build, from its operands --------------------------------

_SEQUENCES = (str, bytes, list, tuple)
_PRINTF_FIELD = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS = re.compile(r"\d+")


def _int_bits(value: Any) -> int:
    return abs(value).bit_length() if isinstance(value, int) else 0


def _check_printf(budget: Budget, fmt: Any, extra: int) -> None:
    """Widths in a printf-style format ("%10000000s") count toward the result."""
    if not isinstance(fmt, str):
        return
    total = len(fmt) + extra
    for width, precision in _PRINTF_FIELD.findall(fmt):
        for number in (width, precision):
            if number == "*":
                raise TemplateBudgetError("a '*' width in a format string is not allowed")
            total += int(number) if number else 0
    budget.check_length(total, "a formatted string")


def _check_format_spec(budget: Budget, fmt: Any, extra: int) -> None:
    """Widths in a str.format string ("{:>10000000}") count toward the result."""
    if not isinstance(fmt, str):
        return
    total = len(fmt) + extra
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format will raise the same error
    for _, _, spec, _ in fields:
        if spec and "{" in spec:
            raise TemplateBudgetError("a nested width in a format string is not allowed")
        total += sum(int(n) for n in _DIGITS.findall(spec or ""))
    budget.check_length(total, "a formatted string")


def _size_of(value: Any) -> int:
    return len(value) if isinstance(value, _SEQUENCES) else len(str(value))


def _check_binop(budget: Budget, operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, _SEQUENCES) and isinstance(times, int):
                budget.check_length(len(seq) * max(times, 0), "a repeated value")
        if isinstance(left, int) and isinstance(right, int) and (
                _int_bits(left) + _int_bits(right) > MAX_INT_BITS):
            raise TemplateBudgetError(f"a number over {MAX_INT_BITS:,} bits")
    elif operator == "**":
        if (isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1
                and right * math.log2(abs(left)) > MAX_INT_BITS):
            raise TemplateBudgetError(f"a number over {MAX_INT_BITS:,} bits")
    elif operator == "+":
        if isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
            budget.check_length(len(left) + len(right), "a concatenation")
    elif operator == "%" and isinstance(left, str):
        values = right if isinstance(right, tuple) else (right,)
        _check_printf(budget, left, sum(_size_of(v) for v in values))


def _replace_size(text: Any, old: Any, new: Any, count: Any = -1) -> int:
    if not isinstance(text, (str, bytes)) or not isinstance(old, type(text)):
        return 0
    found = len(text) + 1 if not old else text.count(old)  # type: ignore[arg-type]
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0) if hasattr(new, "__len__") else 0


def _joined_size(separator: Any, items: list[Any]) -> int:
    return sum(_size_of(i) for i in items) + _size_of(separator) * max(len(items) - 1, 0)


def _check_method(budget: Budget, target: Any, name: str, args: tuple[Any, ...],
                  kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Prechecks for the str/bytes/list methods that can build more than they are given;
    returns the arguments to call with (a join's iterable, materialised once)."""
    if isinstance(target, (str, bytes)):
        if name in ("ljust", "rjust", "center", "zfill"):
            width = args[0] if args else kwargs.get("width", 0)
            if isinstance(width, int):
                budget.check_length(max(width, len(target)), f"str.{name}()")
        elif name == "expandtabs":
            size = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(size, int):
                tabs = target.count("\t") if isinstance(target, str) else target.count(b"\t")
                budget.check_length(len(target) + tabs * max(size, 0), "str.expandtabs()")
        elif name == "replace" and len(args) >= 2:
            budget.check_length(_replace_size(target, *args[:3]), "str.replace()")
        elif name == "join" and args:
            items = list(args[0])
            budget.check_length(len(items), "a joined list")
            budget.check_length(_joined_size(target, items), "str.join()")
            return (items, *args[1:])
        elif name in ("format", "format_map") and isinstance(target, str):
            values = [*args, *kwargs.values()]
            _check_format_spec(budget, target, sum(_size_of(v) for v in values
                                                   if not isinstance(v, dict)))
        elif name == "translate" and args and isinstance(args[0], dict):
            longest = max((_size_of(v) for v in args[0].values() if v is not None), default=1)
            budget.check_length(len(target) * max(longest, 1), "str.translate()")
    elif isinstance(target, list) and name in ("append", "insert", "extend") and args:
        items = list(args[0]) if name == "extend" else [args[-1]]
        budget.check_length(len(target) + len(items), f"list.{name}()")
        for item in items:  # each reference the list gains, and what it points to
            budget.charge(item)
        return (items, *args[1:]) if name == "extend" else args
    return args


# -- filters -----------------------------------------------------------------------------


def _filter_check(budget: Budget, name: str, given: dict[str, Any]) -> None:
    """Prechecks for the built-in filters that can build more than they are given."""
    value = given.get("value", given.get("s"))
    if name == "center":
        width = given.get("width", 80)
        if isinstance(width, int):
            budget.check_length(max(width, _size_of(value)), "the center filter")
    elif name == "indent":
        width = given.get("width", 4)
        pad = width if isinstance(width, int) else _size_of(width)
        text = str(value)
        budget.check_length(len(text) + (text.count("\n") + 1) * max(pad, 0), "indent")
    elif name == "format":
        values = [*given.get("args", ()), *given.get("kwargs", {}).values()]
        _check_printf(budget, value if isinstance(value, str) else str(value),
                      sum(_size_of(v) for v in values))
    elif name == "replace":
        text = str(value) if not isinstance(value, str) else value
        budget.check_length(_replace_size(text, str(given.get("old", "")),
                                          str(given.get("new", "")),
                                          given.get("count") if given.get("count") is not None
                                          else -1), "the replace filter")
    elif name == "wordwrap":
        text = str(value)
        width = max(int(given.get("width", 79) or 1), 1)
        wrap = given.get("wrapstring") or "\n"
        budget.check_length(len(text) + (len(text) // width + 1) * _size_of(wrap), "wordwrap")
    elif name in ("batch", "slice"):
        count = given.get("linecount", given.get("slices", 0))
        if isinstance(count, int):
            budget.check_length(count, f"the {name} filter")
    elif name == "urlize":
        text = str(value)
        extra = _size_of(given.get("target") or "") + _size_of(given.get("rel") or "") + 64
        budget.check_length(len(text) * 2 + (len(text) // 4 + 1) * extra, "urlize")


def _materialise(given: dict[str, Any], budget: Budget, name: str) -> None:
    """`join` and `sum` over an iterable: count what they would build first."""
    key = "value" if "value" in given else "iterable"
    if key not in given or isinstance(given[key], (str, bytes)):
        return
    items = list(given[key])
    budget.check_length(len(items), f"the {name} filter's input")
    given[key] = items
    if name == "join":
        budget.check_length(_joined_size(given.get("d", ""), items), "the join filter")
    elif name == "sum" and items and all(isinstance(i, _SEQUENCES) for i in items):
        budget.check_length(sum(len(i) for i in items), "the sum filter")


_CHECKED_FILTERS = frozenset({"center", "indent", "format", "replace", "wordwrap", "batch",
                              "slice", "urlize", "join", "sum"})


def _metered_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    signature = inspect.signature(func) if name in _CHECKED_FILTERS else None
    # Jinja's sync/async filters (slice…) take an eval context their signature, that of
    # the sync function they wrap, does not show: it is not bound to a name.
    skip = int(getattr(func, "jinja_pass_arg", None) is not None
               and getattr(inspect.unwrap(func), "jinja_pass_arg", None) is None)

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.tick()
        if signature is not None:
            try:
                bound = signature.bind(*args[skip:], **kwargs)
            except TypeError:
                return func(*args, **kwargs)  # Jinja reports the bad arguments itself
            given = dict(bound.arguments)
            if name in ("join", "sum"):
                _materialise(given, budget, name)
                bound.arguments.update(given)
            _filter_check(budget, name, given)
            result = func(*args[:skip], *bound.args, **bound.kwargs)
        else:
            result = func(*args, **kwargs)
        return budget.charge(result)

    return run


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's lipsum global, with its size checked first."""
    _budget().check_length(max * n * 12 if isinstance(n, int) and isinstance(max, int) else 0,
                           "lipsum()")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


# -- code generation ---------------------------------------------------------------------


class _MeteredBuffer(list[Any]):
    """The list a set-block, macro or call block collects its output in."""

    __slots__ = ()

    def append(self, item: Any) -> None:
        budget = _budget()
        budget.tick()
        budget.charge(item)
        super().append(item)

    def extend(self, items: Iterable[Any]) -> None:
        budget = _budget()
        budget.tick()
        for item in items:
            budget.charge(item)
            super().append(item)


class _BudgetCodeGenerator(CodeGenerator):
    """Jinja's code generator with three changes: each loop body starts with a budget
    check, ``a ~ b`` is checked before it is joined, output buffers are metered."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        check = nodes.ExprStmt(
            nodes.Call(nodes.EnvironmentAttribute("budget_check"), [], [], None, None,
                       lineno=node.lineno),
            lineno=node.lineno,
        )
        looped = copy.copy(node)
        looped.body = [check, *node.body]
        super().visit_For(looped, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.budget_join({join}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.budget_buffer()")


class BudgetedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, with every render's time, values and memory on a budget."""

    code_generator_class = _BudgetCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters = {name: _metered_filter(name, f) for name, f in self.filters.items()}
        self.globals["lipsum"] = _lipsum

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget = _budget()
        budget.tick()
        _check_binop(budget, operator, left, right)
        return budget.charge(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.tick()
        target = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(target, "__self__", None)
        if owner is not None:
            args = _check_method(budget, owner, getattr(target, "__name__", ""), args, kwargs)
        result = SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        budget.tick()
        return budget.charge(result)

    def budget_check(self) -> None:
        """Called at the top of every loop body (the check is in `call`)."""

    def budget_join(self, join: Callable[[Iterable[Any]], str], parts: tuple[Any, ...]) -> str:
        budget = _budget()
        budget.tick()
        budget.check_length(sum(_size_of(p) for p in parts), "a '~' concatenation")
        return budget.charge(join(parts))

    def budget_buffer(self) -> list[Any]:
        return _MeteredBuffer()
