"""The manager's review: the week of every rep, side by side, and the district's questions and competitors.

`district(notebook, week, today, settings)` is pure. Each rep's numbers are
the weekly review (`rules/review.py`) of that rep's share of the notebook
(`team.rep_notebook`: their visits and those naming no one), so a rep's own
`visitlog review` and their row here always agree. The question topics and
competitor mentions are the whole notebook's: what the district hears.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..notebook.model import Notebook
from ..notebook.settings import Settings
from .review import MET, Review, Week, as_of_day, commitments, review, week_of
from .team import rep_notebook, reps_of

TREND_WEEKS = 8


@dataclass(frozen=True)
class RepWeek:
    rep: str
    review: Review
    trend: tuple[tuple[str, float | None, int], ...]    # (week label, on-time rate, promises decided), oldest first

    @property
    def planned(self) -> int:
        return len({p.item.customer for p in self.review.contacts.plan})

    @property
    def met(self) -> int:
        by: dict[str, list[str]] = {}
        for p in self.review.contacts.plan:
            by.setdefault(p.item.customer, []).append(p.status)
        return sum(1 for s in by.values() if all(x == MET for x in s))


@dataclass(frozen=True)
class District:
    week: Week
    today: date
    as_of: date
    reps: tuple[RepWeek, ...]
    whole: Review                                       # the notebook's review: topics, competitors


def trend(notebook: Notebook, week: Week, today: date, weeks: int = TREND_WEEKS):
    """The on-time rate of the promises made in each of the `weeks` weeks ending with `week`, as of today."""
    out = []
    start = week.start - timedelta(weeks=weeks - 1)
    as_of = as_of_day(week, today)
    for k in range(weeks):
        w = week_of(start + timedelta(weeks=k))
        visits = [(c, v) for c in notebook.customers for v in c.visits if w.start <= v.day <= min(w.end, as_of)]
        made = commitments(visits, as_of)
        decided = made.made - made.count("open")
        out.append((w.label, made.on_time_rate, decided))
    return tuple(out)


def district(notebook: Notebook, week: Week, today: date, settings: Settings) -> District:
    rows = []
    for rep in reps_of(notebook):
        mine = rep_notebook(notebook, rep)
        rows.append(RepWeek(rep, review(mine, week, today, settings), trend(mine, week, today)))
    return District(week, today, as_of_day(week, today), tuple(rows), review(notebook, week, today, settings))
