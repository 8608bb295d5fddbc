"""Customers as a rep asks for them: by name, alias or prefix; the overview list."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from ..notebook.model import Customer, Notebook
from ..notebook.settings import Settings


class NoSuchCustomer(Exception):
    """`query` matched nobody (`candidates` are near misses) or several (`ambiguous`)."""

    def __init__(self, query: str, candidates: tuple[str, ...], ambiguous: bool):
        self.query, self.candidates, self.ambiguous = query, candidates, ambiguous
        super().__init__(query)


def match(notebook: Notebook, query: str) -> Customer:
    """Exact name or alias first, then a unique prefix of a name or alias."""
    query = query.strip()
    exact = notebook.customer(query)
    if exact is not None:
        return exact
    names = {c.name: c.name for c in notebook.customers}
    names.update(dict(notebook.index))
    hits = sorted({canonical for written, canonical in names.items() if written.startswith(query)})
    if len(hits) == 1:
        found = notebook.customer(hits[0])
        if found is not None:
            return found
    if len(hits) > 1:
        raise NoSuchCustomer(query, tuple(hits), ambiguous=True)
    near = difflib.get_close_matches(query, list(names), n=5, cutoff=0.5)
    near += [w for w in names if query and query in w and w not in near]
    raise NoSuchCustomer(query, tuple(dict.fromkeys(names[w] for w in near)), ambiguous=False)


@dataclass(frozen=True)
class Row:
    """One line of `visitlog customers`."""

    customer: Customer
    tier: str
    tier_source: str
    segment: str
    last_contact: date | None
    next_due: date | None


def overview(notebook: Notebook, today: date, settings: Settings) -> list[Row]:
    """Every customer with tier, segment, last contact and the next thing due."""
    from .score import score
    from .due import next_due_by_customer

    upcoming = next_due_by_customer(notebook, today, settings)
    rows = []
    for c in notebook.customers:
        s = score(c, today, settings)
        rows.append(Row(c, s.tier.tier, s.tier.source, s.rfm.segment, s.rfm.last_contact, upcoming.get(c.name)))
    rows.sort(key=lambda r: (r.tier, r.next_due or date.max, r.customer.name))
    return rows
