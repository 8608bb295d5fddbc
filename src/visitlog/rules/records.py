"""How well a visit is recorded: the thin-record warning of `visitlog check`.

A visit note that holds no question, interest, need (an urgent point or a
need keyword), action, suggestion, next contact or adverse event is a
"流水账" — "拜访了XX客户，介绍了产品" — and drives nothing: no due item, no
need value, nothing for the next visit's brief. `check` warns about it so the
rep adds what the customer actually said or wants. A note with front matter
only (no body text) is a logged contact, not a record, and is not warned
about.
"""
from __future__ import annotations

from ..notebook.model import WARNING, Notebook, Problem, Visit


def is_thin(v: Visit) -> bool:
    """Written, but with nothing that drives work. A note with no body at all only logs a contact."""
    return bool(v.points) and not (v.actions or v.tags or v.next_text or v.adverse_event is not None or v.suggestions
                or any(p.question or p.interest or p.urgent for p in v.points))


def thin_visits(notebook: Notebook) -> list[Problem]:
    """One warning per thin visit, on its first line."""
    return [Problem(v.source, WARNING, "thin-visit", (("customer", v.customer),))
            for v in notebook.visits if is_thin(v)]
