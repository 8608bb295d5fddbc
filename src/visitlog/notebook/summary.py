"""A notebook read as per-customer summaries: what `due` needs, without building a visit.

`load_summary(root, settings, summarize, code_key)` answers from the summary rows of the notebook
index (`index.py`) when they were stored for exactly this state of the notebook (every file's path
and stamp, the folder's own problems), these settings and this code; else it loads the notebook
(`load.load`, through the index's per-file rows), has `summarize` build one summary per customer, and
stores them (in one transaction) for the next run. The summaries are records of `model.py`
(`CustomerFacts`), so they are stored and read like the notes' rows: JSON checked against the model,
never code. What a summary holds and how it is built is the caller's (rules/facts.py); this module
knows only how to keep them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .model import Notebook, Problem
from .settings import Settings


@dataclass(frozen=True)
class Summary:
    records: tuple[Any, ...]            # one per customer, in the notebook's customer order
    problems: tuple[Problem, ...]       # the notebook's problems, as `Notebook.problems`
    notebook: Notebook | None = None    # the notebook, when this run loaded it (the summaries were not usable)


def load_summary(root: Path, settings: Settings, summarize: Callable[[Notebook], list], code_key: str, *,
                 use_cache: bool = True, points: bool = False,
                 accept: Callable[[Any], bool] = lambda record: True) -> Summary:
    """The notebook's summaries, from the index when they are current, else built (and stored).

    A stored record `accept` refuses (the caller's check of what its own code would have built) makes
    the run build and store them again, like a row that does not decode."""
    from . import index
    from .load import load, scan

    cached = use_cache and not index.disabled()
    if cached:
        rels, listing = scan(root)
        digest, racy = index.fingerprint(root, rels, tuple(listing))
        key = f"{index.index_key(settings)}\0{code_key}"
        found = _decode(index.read_summaries(root, key, digest), accept)
        if found is not None:
            return found
    notebook = load(root, settings, use_cache=use_cache, points=points)
    records = tuple(summarize(notebook))
    if cached and not racy:
        from .records import Unstorable, dump_problems, dump_record

        try:
            rows = [(getattr(r, "name", ""), dump_record(r)[0]) for r in records]
            index.store_summaries(root, key, digest, dump_problems(notebook.problems), rows)
        except (Unstorable, TypeError, ValueError, RecursionError):
            pass        # a value with no stored form: summaries are built on every run, still right
    return Summary(records, notebook.problems, notebook)


def _decode(stored: tuple[str, list[str]] | None, accept: Callable[[Any], bool]) -> Summary | None:
    if stored is None:
        return None
    from .records import Invalid, load_problems, load_record

    problems_text, rows = stored
    try:
        records = tuple(load_record(text) for text in rows)
        problems = load_problems(problems_text)
    except Invalid:
        return None     # not records of this model: built again (and replaced) by this run
    if not all(accept(r) for r in records):
        return None
    return Summary(records, problems)
