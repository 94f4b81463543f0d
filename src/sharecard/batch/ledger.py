"""A batch run's memory, kept on disk: which slug each input got, and each outcome.

Why not a dict: 100,000 inputs must not need more memory than 1,000. The ledger is a
private temporary SQLite database (SQLite's own temporary file, unlinked as soon as it
is opened, so not even a SIGKILL leaves it behind); SQLite keeps a couple of megabytes of
it in memory and the rest on disk.

Slugs are unique within a run and across runs. A bundle's manifest records which input
owns it (``batch.key``, a hash of the input's identity), so the output folder itself says
who holds a slug. An input takes, in this order: the slug that already holds its key
(its own bundle from an earlier run), the plain slug if nobody holds it, else the slug
with a short hash of its identity (``brief-3fa2c1d0``), which only it can want. So
``a/brief.txt`` and ``b/brief.txt`` never overwrite each other, and each keeps its slug
on the next run whatever the order or the other inputs.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sharecard.export.bundle import MANIFEST

FREE = "\0free"  # no such directory
UNOWNED = ""  # a directory no batch claimed: a bundle from `sharecard render`, say


def read_manifest(root: Path, slug: str) -> dict[str, Any] | None:
    try:
        data = json.loads((root / slug / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def owner(root: Path, slug: str) -> str:
    """Who holds ``root/slug``: FREE, UNOWNED, or the batch key in its manifest."""
    if not os.path.lexists(root / slug):
        return FREE
    manifest = read_manifest(root, slug)
    batch = manifest.get("batch") if manifest else None
    key = batch.get("key") if isinstance(batch, dict) else None
    return key if isinstance(key, str) and key else UNOWNED


class Ledger:
    def __init__(self) -> None:
        self.db = sqlite3.connect("", isolation_level=None)  # "": a private temp database
        self.db.executescript("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE claims (slug TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE);
            CREATE TABLE seen (scope TEXT, base TEXT, n INTEGER, PRIMARY KEY (scope, base));
            CREATE TABLE rows (seq INTEGER PRIMARY KEY, row TEXT NOT NULL);
        """)

    def close(self) -> None:
        self.db.close()

    def occurrence(self, scope: str, base: str) -> int:
        """1 the first time (scope, base) is seen in this run, then 2, 3…"""
        self.db.execute(
            "INSERT INTO seen VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1",
            (scope, base))
        return int(self.db.execute("SELECT n FROM seen WHERE scope = ? AND base = ?",
                                   (scope, base)).fetchone()[0])

    def _claimant(self, slug: str) -> str | None:
        row = self.db.execute("SELECT key FROM claims WHERE slug = ?", (slug,)).fetchone()
        return None if row is None else str(row[0])

    def slug_of(self, key: str) -> str | None:
        """The slug this run gave the input `key`, if any."""
        row = self.db.execute("SELECT slug FROM claims WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def assign(self, root: Path, key: str, base: str) -> str | None:
        """The slug for the input `key` whose name or headline gives `base`; None when
        this run already has the input (named twice)."""
        if self.slug_of(key) is not None:
            return None
        candidates = [base, *(f"{base}-{key[:n]}" for n in (8, 16, 64))]
        open_ = [c for c in candidates if self._claimant(c) is None]
        owners: dict[str, str] = {}
        chosen = None
        for slug in open_[:2]:
            owners[slug] = owner(root, slug)
            if owners[slug] == key:
                chosen = slug
                break
        if chosen is None:
            for slug in open_:
                held = owners[slug] if slug in owners else owner(root, slug)
                if held in (FREE, UNOWNED, key):
                    chosen = slug
                    break
        if chosen is None:  # every hash prefix held by others: cannot happen in practice
            chosen = f"{base}-{key}"
        self.db.execute("INSERT INTO claims VALUES (?, ?)", (chosen, key))
        return chosen

    def record(self, seq: int, row: dict[str, Any]) -> None:
        self.db.execute("INSERT OR REPLACE INTO rows VALUES (?, ?)",
                        (seq, json.dumps(row, sort_keys=True, ensure_ascii=False)))

    def rows(self) -> Iterator[str]:
        """Every recorded row as canonical JSON, in input order."""
        for (row,) in self.db.execute("SELECT row FROM rows ORDER BY seq"):
            yield row
