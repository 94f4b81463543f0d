"""The published JSON Schemas of what a batch writes: a bundle's manifest.json and the
batch's index.json (`sharecard schema manifest|index`).

They are the contract with what reads the output (a social scheduler, a CMS, a CDN sync),
so they ship as files beside the code and the tests hold real output to them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMAS = ("manifest", "index")


@cache
def schema_text(name: str) -> str:
    """The schema `name` (one of SCHEMAS) as shipped."""
    if name not in SCHEMAS:
        raise ValueError(f"unknown schema {name!r}")
    return (Path(__file__).with_name("schemas") / f"{name}.schema.json").read_text("utf-8")


def schema(name: str) -> dict[str, Any]:
    return json.loads(schema_text(name))
