"""Word lists tuned by hand, shipped as data files in `visitlog/data/` and
extended by a notebook's settings.

A list a person maintains (the cues of a scenario, the words to keep whole
when grouping questions) belongs in a file a person can read and diff, not in
code. Each is read once per process, on first use.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=None)
def packaged_json(name: str) -> Any:
    """A JSON data file of the package (keys starting with `_` are comments)."""
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")} if isinstance(data, dict) else data


@lru_cache(maxsize=None)
def packaged_lines(name: str) -> tuple[str, ...]:
    """A one-entry-per-line data file of the package (blank lines and `#` comments skipped)."""
    lines = (line.strip() for line in (DATA / name).read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def extended(packaged: dict[str, Any], extra: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Packaged lists by key, each extended by the notebook's own words for that key."""
    keys = dict.fromkeys([*packaged, *extra])
    return {k: tuple(dict.fromkeys([*packaged.get(k, ()), *extra.get(k, ())])) for k in keys}
