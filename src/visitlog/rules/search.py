"""`visitlog search`: the contacts whose lines say TEXT, narrowed by tag, product, competitor and dates.

A pure function of the notebook: every visit (in date order) with the lines
that matched — discussion points, actions, the agreed next contact, the
adverse event — each with its `path:line`. Matching ignores case and runs of
whitespace; TEXT may be left out when a filter says enough (`--tag 医保`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..notebook.model import Notebook, Source, Visit


@dataclass(frozen=True)
class Hit:
    visit: Visit
    customer: str                                   # canonical name
    lines: tuple[tuple[Source, str], ...]           # the matching lines (all of the visit's points without TEXT)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _has(values: tuple[str, ...], wanted: str | None) -> bool:
    return wanted is None or any(_norm(wanted) in _norm(v) for v in values)


def search(notebook: Notebook, text: str | None = None, *, tag: str | None = None, product: str | None = None,
           competitor: str | None = None, start: date | None = None, end: date | None = None) -> list[Hit]:
    needle = _norm(text or "")
    out = []
    for c in notebook.customers:
        for v in c.visits:
            if (start and v.day < start) or (end and v.day > end):
                continue
            if not (_has(v.tags, tag) and _has(v.products, product) and _has(v.competitors, competitor)):
                continue
            lines = [(p.source, p.text) for p in v.points if not p.is_action]
            lines += [(a.source, a.label or a.text) for a in v.actions]
            if v.next_text and v.next_source:
                lines.append((v.next_source, v.next_text))
            if v.adverse_event:
                lines.append((v.adverse_event.source, v.adverse_event.description))
            if needle:
                found = [(s, line) for s, line in lines if needle in _norm(line)]
                if not found and needle in _norm(c.name + " " + " ".join(v.tags + v.products + v.competitors)):
                    found = [(v.source, c.name)]
                if not found:
                    continue
                lines = found
            out.append(Hit(v, c.name, tuple(sorted(lines))))
    out.sort(key=lambda h: (h.visit.moment, h.visit.source))
    return out
