"""The morning list as a rep reads it: the due items grouped by customer, stale steps folded.

`morning(items, today, settings)` takes the items of `rules.due.due` (already in
urgency order) and returns one `CustomerDay` per customer, in the order of each
customer's most urgent item. Within a customer:

- the items that one contact closes (appointment, cadence, wake-up) become one
  `Step`, so the list says that a single call clears them all;
- a new-customer follow-up that a wake-up has overtaken (the customer went
  silent so long that the schedule no longer applies) is folded;
- a promise overdue for more than `stale_promise_days` is folded into a count.

Folded items are kept (`Morning.folded`, with why), so the view can say what it
left out; `show_all` folds nothing. `limit` (and `cut`, which the screen view uses
to fit a terminal) keeps the most urgent customers and moves the rest to
`Morning.hidden`, never a customer with a safety item. Nothing here is worded:
renderers do that.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ..notebook.model import Item
from ..notebook.settings import Settings
from .due import APPOINTMENT, CADENCE, COMMITMENT, SAFETY, WAKE_UP

CONTACT_KINDS = (APPOINTMENT, CADENCE, WAKE_UP)   # closed by logging a contact (`visitlog new`)
STALE, OVERTAKEN = "stale", "overtaken"


@dataclass(frozen=True)
class Step:
    """One line of the morning list: one item, or the items one contact closes (`contact`)."""

    items: tuple[Item, ...]
    contact: bool = False
    extra: tuple[str, ...] = ()          # optional lines other features add under the step

    @property
    def first(self) -> Item:
        return self.items[0]

    @property
    def due(self) -> date | None:
        return self.first.due

    @property
    def kind(self) -> str:
        return "contact" if self.contact else self.first.kind


@dataclass(frozen=True)
class CustomerDay:
    """One customer's heading and steps."""

    customer: str
    tier: str
    steps: tuple[Step, ...]

    def overdue(self, today: date) -> bool:
        return any(s.due is not None and s.due < today for s in self.steps)

    @property
    def items(self) -> int:
        return sum(len(s.items) for s in self.steps)


@dataclass(frozen=True)
class Morning:
    days: tuple[CustomerDay, ...]
    folded: tuple[tuple[str, Item], ...] = ()       # (STALE | OVERTAKEN, item)
    hidden: tuple[CustomerDay, ...] = field(default=())  # customers past --limit
    stale_days: int = 30                                # the `stale_promise_days` it folded by
    screen: bool = False                                # hidden to fit the screen (`cut`), not by --limit

    def folded_count(self, why: str) -> int:
        return sum(1 for w, _ in self.folded if w == why)


def fold(items: list[Item], today: date, settings: Settings) -> tuple[list[Item], list[tuple[str, Item]]]:
    """Split off the stale steps: (kept, folded with why)."""
    woken = {i.customer for i in items if i.kind == WAKE_UP}
    kept, folded = [], []
    for i in items:
        if i.kind == CADENCE and i.rule == "new-customer" and i.customer in woken:
            folded.append((OVERTAKEN, i))
        elif (i.kind == COMMITMENT and i.due is not None
              and (today - i.due).days > settings.stale_promise_days):
            folded.append((STALE, i))
        else:
            kept.append(i)
    return kept, folded


def group(items: list[Item]) -> list[CustomerDay]:
    """Items (in urgency order) grouped by customer; the contact-closed ones of a customer become one step."""
    order: dict[str, list[Item]] = {}
    for i in items:
        order.setdefault(i.customer, []).append(i)
    out = []
    for customer, mine in order.items():
        contact = tuple(i for i in mine if i.kind in CONTACT_KINDS)
        steps: list[Step] = []
        for i in mine:
            if i.kind in CONTACT_KINDS and len(contact) > 1:
                if i is contact[0]:
                    steps.append(Step(contact, contact=True))
            else:
                steps.append(Step((i,)))
        out.append(CustomerDay(customer, mine[0].tier, tuple(steps)))
    return out


def must_show(days) -> int:
    """How many of the first customers no limit may hide: up to the last one with a safety step
    (open safety items sort first, so these are the first customers)."""
    return max((n + 1 for n, d in enumerate(days) if any(s.kind == SAFETY for s in d.steps)), default=0)


def cut(m: Morning, keep: int) -> Morning:
    """`m` with only its first `keep` customers shown (never fewer than `must_show`); the rest hidden."""
    keep = max(keep, must_show(m.days), 1)
    if keep >= len(m.days):
        return m
    return replace(m, days=m.days[:keep], hidden=m.days[keep:] + m.hidden, screen=True)


def morning(items: list[Item], today: date, settings: Settings, *, show_all: bool = False,
            limit: int | None = None) -> Morning:
    """The morning list: customers in urgency order (at most `limit` of them shown), stale steps folded."""
    kept, folded = (list(items), []) if show_all else fold(items, today, settings)
    days = group(kept)
    limit = max(limit, must_show(days)) if limit else limit
    shown, hidden = (days[:limit], days[limit:]) if limit else (days, [])
    return Morning(tuple(shown), tuple(folded), tuple(hidden), settings.stale_promise_days)


__all__ = ["CONTACT_KINDS", "CustomerDay", "Morning", "OVERTAKEN", "SAFETY", "STALE", "Step", "cut", "fold",
           "group", "morning", "must_show"]
