"""The Jinja2 environment card templates run in, and how their errors reach the user.

Templates are untrusted as far as sharecard is concerned (``--templates DIR`` may come
from anywhere), so they are read only from inside their directory (`read_template`)
and run in Jinja's sandbox with autoescaping on and a time, size and memory budget
(`sharecard.cards.sandbox`): briefing text is escaped wherever a template prints it,
and only the typesetter's SVG (Markup) is not. Lookup order: the user's directory
first, then the built-in templates; per kind, ``{kind}.{family}.svg.j2`` (a composition
for one layout family) before ``{kind}.svg.j2``.
Any error while loading or rendering becomes a ConfigError naming ``file:line``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from sharecard.cards.sandbox import BudgetedEnvironment, TemplateBudgetError, budgeted
from sharecard.errors import ConfigError, SharecardError
from sharecard.fileio import read_regular
from sharecard.resources import cache_dir, data_dir

SUFFIX = ".svg.j2"
BUILTIN_PREFIX = "templates"
MAX_TEMPLATE_BYTES = 1024 * 1024  # the built-ins are a few KB; a template is not data


class _DirLoader(jinja2.BaseLoader):
    """Loads ``name`` from one directory, reporting it as ``<display>/<name>`` so error
    messages name the file the way the user wrote it, never an absolute path.

    Security rule (why this is not Jinja's FileSystemLoader): a template directory is
    untrusted, and a link in it (``pw.svg.j2 -> /etc/passwd``) must not put a local file
    into a card. A template is read only when its real path stays inside the directory's
    real path and it is a regular file (no device, FIFO or socket), at most
    `MAX_TEMPLATE_BYTES`; see `read_template`.
    """

    def __init__(self, directory: Path, display: str) -> None:
        self.directory = Path(os.path.realpath(directory))
        self.display = display

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if not _plain_name(template) or not os.path.lexists(self.directory / template):
            raise jinja2.TemplateNotFound(template)
        shown = f"{self.display}/{template}"
        return read_template(self.directory, template, shown), shown, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(
            p.name for p in self.directory.glob(f"*{SUFFIX}")
            if _inside(os.path.realpath(p), self.directory) and os.path.isfile(p)
        )

    def check_all(self) -> None:
        """Raise, naming the file and why, for the first template here that would be
        refused (a link out of the folder, a FIFO, a device, not UTF-8, too big): a
        folder the user asked for is used whole or not at all, never silently in part."""
        for path in sorted(self.directory.glob(f"*{SUFFIX}")):
            if _plain_name(path.name):
                read_template(self.directory, path.name, f"{self.display}/{path.name}")


def _plain_name(name: str) -> bool:
    """A file name in the directory itself: no folders, no hidden files, no NUL."""
    return bool(name) and not any(c in name for c in "/\\\0") and not name.startswith(".")


def _inside(path: str, directory: Path) -> bool:
    return os.path.commonpath([path, str(directory)]) == str(directory)


def _opened_path(fd: int) -> str | None:
    """The real path of the file open as `fd` (Linux /proc, macOS F_GETPATH), or None
    where the system cannot say: it closes the gap between the check and the open."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        pass
    try:
        import fcntl

        path = fcntl.fcntl(fd, fcntl.F_GETPATH, b"\0" * 1024)  # type: ignore[attr-defined]
        return os.fsdecode(path.rstrip(b"\0"))
    except (ImportError, AttributeError, OSError):
        return None


def read_template(directory: Path, name: str, shown: str) -> str:
    """The text of template `name` in `directory` (a real path), refusing what leaves it.

    The real path (links resolved) must be inside `directory`; the file is opened
    without following a link swapped in since (O_NOFOLLOW) and without blocking; what
    was opened must be a regular file, really inside `directory` (/proc/self/fd), of at
    most MAX_TEMPLATE_BYTES of UTF-8.
    """
    real = os.path.realpath(directory / name)
    if not _inside(real, directory):
        raise ConfigError("template is a link to a file outside the templates directory; "
                          "refused", shown)

    def still_inside(fd: int) -> None:
        opened = _opened_path(fd)
        if opened is not None and not _inside(opened, directory):
            raise ConfigError("template is outside the templates directory; refused", shown)

    data = read_regular(real, max_bytes=MAX_TEMPLATE_BYTES, what="template", shown=shown,
                        no_follow=True, verify=still_inside)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("template is not UTF-8 text", shown) from None


def _template_error(exc: BaseException, name: str | None = None) -> ConfigError:
    """`exc` raised by a template, as ``file:line: message`` (``name``, the template
    being loaded or rendered, when no line of a template is in the traceback)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where: str | None = f"{exc.filename or exc.name}:{exc.lineno}"
        return ConfigError(f"template syntax error: {exc.message}", where)
    import traceback  # only for a template that failed (start-up)

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(SUFFIX)]
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else name
    message = exc.problem if isinstance(exc, SharecardError) else str(exc) or type(exc).__name__
    if isinstance(exc, jinja2.UndefinedError):
        message = f"undefined: {message}"
    elif isinstance(exc, jinja2.TemplateNotFound):
        message = f"template not found: {exc.name}"
    return ConfigError(f"template error: {message}", where)


def bytecode_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Jinja's own cache of compiled templates, in sharecard's cache folder: a template
    is compiled once per machine and content, not on every start (a tenth of a cold
    render). Jinja checks each entry against the template's text (sha1) and the Python
    version, and writes it atomically, so parallel renders may share it. What else the
    compiled code depends on — Jinja's version, the environment's settings, the source
    of the environment and code generator classes (the sandbox's checks live there) —
    names the folder, so a change of any never loads code compiled without it. None
    (compile every time) when a source cannot be read or the folder cannot be made."""
    import hashlib
    import inspect

    settings = (jinja2.__version__, env.block_start_string, env.variable_start_string,
                env.comment_start_string, env.line_statement_prefix, env.trim_blocks,
                env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence,
                repr(env.autoescape), env.optimized, sorted(env.extensions))
    digest = hashlib.sha1(repr(settings).encode())
    try:
        for cls in (type(env), env.code_generator_class):
            source = inspect.getsourcefile(cls)
            if source is None:
                return None
            digest.update(Path(source).read_bytes())
    except (OSError, TypeError):
        return None
    folder = cache_dir() / f"templates-{digest.hexdigest()[:16]}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


class TemplateLibrary:
    """Built-in templates plus an optional user directory that adds or overrides them."""

    def __init__(self, user_dir: str | Path | None = None) -> None:
        loaders: list[jinja2.BaseLoader] = []
        self.user_dir = user_dir
        self._user_names: frozenset[str] = frozenset()
        if user_dir is not None:
            user = Path(user_dir)
            if not user.is_dir():
                raise ConfigError("templates directory not found", str(user_dir))
            user_loader = _DirLoader(user, str(user_dir).rstrip("/\\") or ".")
            user_loader.check_all()
            self._user_names = frozenset(user_loader.list_templates())
            loaders.append(user_loader)
        loaders.append(_DirLoader(data_dir("templates"), BUILTIN_PREFIX))
        self.env = BudgetedEnvironment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        self.env.bytecode_cache = bytecode_cache(self.env)
        # (kind, family) -> the template that wins: resolved once, misses included.
        self._chosen: dict[tuple[str, str], jinja2.Template] = {}

    def names(self) -> list[str]:
        """Every template file name, user's and built-in, sorted."""
        return sorted(set(self.env.list_templates()))

    def kinds(self) -> list[str]:
        """Card kinds there is a template for (``cover``, ``section``, ``quote``, user's…)."""
        kinds = {n[: -len(SUFFIX)].split(".")[0] for n in self.names() if n.endswith(SUFFIX)}
        return sorted(k for k in kinds if not k.startswith("_") and k != "base")

    def source(self, name: str) -> tuple[str, str]:
        """(text, file name as shown to the user) of the template that wins for `name`."""
        text, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        return text, filename or name

    def origin(self, name: str) -> str:
        """``user`` or ``built-in``: where the template that wins for `name` comes from."""
        _, filename = self.source(name)
        return "built-in" if filename.startswith(BUILTIN_PREFIX + "/") else "user"

    @property
    def builtin_only(self) -> bool:
        """Whether every template is sharecard's own (no user directory): those print
        what the canvas gives them as it is, so cards may be printed lazily."""
        return self.user_dir is None

    def lookup(self, kind: str, family: str) -> jinja2.Template:
        """The template for a card kind at a layout family (ConfigError if none or broken).

        A user's templates win over built-ins as a whole: a user ``cover.svg.j2`` is
        used at every family, before a built-in ``cover.landscape.svg.j2``."""
        if (kind, family) in self._chosen:
            return self._chosen[kind, family]
        candidates = [f"{kind}.{family}{SUFFIX}", f"{kind}{SUFFIX}"]
        ordered = [n for n in candidates if n in self._user_names] + [
            n for n in candidates if n not in self._user_names
        ]
        for name in ordered:
            try:
                template = self.env.get_template(name)
            except jinja2.TemplateNotFound as exc:
                if exc.name != name:  # an include/extends inside it is missing
                    raise _template_error(exc) from None
                continue
            except (jinja2.TemplateError, RecursionError) as exc:
                raise _template_error(exc, name) from None
            self._chosen[kind, family] = template
            return template
        raise ConfigError(
            f"unknown template '{kind}'; valid templates: {', '.join(self.kinds())}"
        )

    def render(self, template: jinja2.Template, context: Mapping[str, Any]) -> str:
        """Render `template` under a budget (`sharecard.cards.sandbox`: time, sizes,
        memory, output), turning any failure inside it into a ConfigError at file:line."""
        name = template.filename or template.name or "template"
        try:
            with budgeted() as budget:
                parts: list[str] = []
                size = 0
                for piece in template.generate(**context):
                    size += len(piece)
                    if size > budget.limits.max_output:
                        raise TemplateBudgetError(
                            f"template error: output is larger than the limit of "
                            f"{budget.limits.max_output:,} characters", name)
                    parts.append(piece)
                return "".join(parts)
        except ConfigError as exc:
            if exc.source and SUFFIX in exc.source:
                raise
            raise _template_error(exc, name) from None
        except Exception as exc:  # a template may raise anything; all of it is the template's
            raise _template_error(exc, name) from None
