"""A promise — an action a contact wrote down — and what became of it as of a day.

One record serves every rule that looks at promises: `prep` lists the open
ones with how late they are, `review` counts the week's as kept, late,
overdue or open.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..notebook.model import DONE, Action, Source, Visit

KEPT, LATE, OVERDUE, OPEN = "kept", "late", "overdue", "open"


@dataclass(frozen=True)
class Promise:
    customer: str
    visit: Visit
    action: Action
    fate: str                   # kept | late | overdue | open, as of `as_of`
    as_of: date

    @property
    def label(self) -> str:
        return self.action.label

    @property
    def due(self) -> date | None:
        return self.action.due

    @property
    def done(self) -> date | None:
        return self.action.done

    @property
    def source(self) -> Source:
        return self.action.source

    @property
    def visit_day(self) -> date:
        return self.visit.day

    @property
    def overdue_days(self) -> int | None:
        """Days past its date as of `as_of` (negative: days still to go); None without a date."""
        return None if self.due is None else (self.as_of - self.due).days

    @property
    def status(self) -> str:
        """An open promise on the day: overdue | today | upcoming | no-date."""
        days = self.overdue_days
        return "no-date" if days is None else "overdue" if days > 0 else "today" if days == 0 else "upcoming"


def fate(action: Action, as_of: date) -> str:
    """kept / late / overdue / open, as of `as_of` (a ✅ after it is not known yet)."""
    due, done = action.due, action.done
    if action.status == DONE and (done is None or done <= as_of):
        return LATE if due is not None and done is not None and done > due else KEPT
    return OVERDUE if due is not None and due < as_of else OPEN


def promise(customer: str, visit: Visit, action: Action, as_of: date) -> Promise:
    return Promise(customer, visit, action, fate(action, as_of), as_of)
