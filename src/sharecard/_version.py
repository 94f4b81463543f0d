"""sharecard's version: the one place it is written (pyproject.toml reads it from here,
see ``[tool.hatch.version]``), so a process knows it without importlib.metadata, which
costs a cold start ~25 ms for one string."""

__version__ = "0.1.0"
