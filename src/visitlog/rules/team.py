"""A district notebook: who wrote what, who covers whom, and one rep's view of the work.

Pure functions of (notebook, today, settings, rep); no I/O. The current rep is
found elsewhere (`notebook.team.current_rep`) and passed in, so every path that
lists items (the full load, a lean start path, an index) filters the same way.

- A visit names its rep with `rep:`. A notebook whose visits name more than
  one rep is a *team notebook*; in any other notebook every function here
  gives what the rules gave before (`due.due`, every customer).
- A customer is *covered* by every rep who logged a contact with them in the
  last `wake_up_days` days (the window in which a contact keeps a customer
  from needing a wake-up). Each covering rep gets their own cadence item,
  counted from their own contacts, and their own `next` appointment.
- Promises belong to the rep who wrote the visit; adverse events too, but an
  unreplied one also shows to every rep covering the customer, marked with who
  recorded it (safety is never hidden).
- A wake-up goes to the rep of the customer's latest contact.
- Whatever names no rep (a visit without `rep:`, a customer known only from a
  profile) belongs to everyone: it shows in every rep's view.

docs/team.md is the user's version of these rules.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ..notebook.model import Contacts, Customer, CustomerFacts, Item, Notebook
from ..notebook.settings import Settings
from .due import SAFETY, SNOOZED, cadence_items, facts_items, followed, item_id, urgency_key, wake_up_items

ALL = "all"          # `--rep all` (= `--team`): everyone's items


def reps_of(notebook: Notebook) -> tuple[str, ...]:
    """Every rep named by a visit, sorted."""
    return tuple(sorted({v.rep for v in notebook.visits if v.rep}))


def is_team(notebook: Notebook) -> bool:
    return len(reps_of(notebook)) > 1


def facts_reps(facts) -> tuple[str, ...]:
    """`reps_of` from every customer's facts (each visit is a contact of at least one customer)."""
    return tuple(sorted({rep for f in facts for rep in f.met if rep}))


def covering(c: Customer | CustomerFacts, today: date, settings: Settings) -> tuple[str | None, ...]:
    """The reps with a contact in the last `wake_up_days` days up to today (None: a contact naming no rep)."""
    start = today - timedelta(days=settings.wake_up_days)
    seen = c.seen if isinstance(c, CustomerFacts) else ((v.day, v.rep) for v in c.visits)
    out: dict[str | None, None] = {}
    for day, rep in seen:
        if start <= day <= today:
            out[rep] = None
    return tuple(out)


def _rep_ids(items: list[Item], rep: str | None) -> list[Item]:
    """Cadence-like items of one rep: the rep goes into the id, so two reps' items never share one."""
    if rep is None:
        return [replace(i, rep=None) for i in items]
    return [replace(i, rep=rep, id=item_id(i.kind, i.customer, f"{i.rule}\0{rep}")) for i in items]


def team_customer_items(c: Customer, today: date, settings: Settings) -> list[Item]:
    """Every item of one customer in a team notebook, each with the rep it belongs to."""
    from .facts import customer_facts

    return team_facts_items(customer_facts(c, settings, today), today, settings)


def team_facts_items(f: CustomerFacts, today: date, settings: Settings) -> list[Item]:
    """`team_customer_items` from the customer's facts (`rules/facts.py`), valid on `today`."""
    has_visits = f.everyone.last is not None
    owners = covering(f, today, settings) if has_visits else (None,)
    items = [i if i.rep == rep else replace(i, rep=rep) for i, rep in zip((*f.safety, *f.promises), f.owners)]
    by_rep = {k.rep: k for k in f.reps}
    for rep in owners:
        # one rep (or none) wrote every contact: theirs are everyone's (`reps` is then left empty)
        mine = (by_rep.get(rep, Contacts(rep)) if by_rep else f.everyone) if has_visits else f.everyone
        if mine.appointment is not None:
            items += _rep_ids([mine.appointment], rep)
        items += _rep_ids(cadence_items(f, mine, today, settings), rep)
    latest = f.everyone.last.rep if has_visits else None
    items += _rep_ids(wake_up_items(f, today, settings), latest)
    return followed(items, f, today)     # snoozes and skips (docs/due.md), by the ids shown here


def all_items(notebook: Notebook, today: date, settings: Settings) -> list[Item]:
    """Every item of the notebook, whatever its date: by rep in a team notebook, as `due` makes them otherwise."""
    from .facts import facts_of

    return facts_all_items(facts_of(notebook.customers, settings, today), is_team(notebook), today, settings)


def facts_all_items(facts, team: bool, today: date, settings: Settings) -> list[Item]:
    """`all_items` from every customer's facts."""
    out: list[Item] = []
    for f in facts:
        out += team_facts_items(f, today, settings) if team else facts_items(f, today, settings)
    return out


def in_window(items: list[Item], today: date, settings: Settings, days: int | None = None) -> list[Item]:
    """The morning list's window (as `due.due`): up to today + days, vague actions and every open safety item."""
    horizon = today + timedelta(days=settings.due_days if days is None else days)
    out = [i for i in items if i.kind == SAFETY or i.due is None or i.due <= horizon or i.state == SNOOZED]
    out.sort(key=urgency_key)
    return out


def for_rep(items: list[Item], notebook: Notebook, today: date, settings: Settings, rep: str | None) -> list[Item]:
    """What `rep` sees of `items` (from `all_items`); `rep` None or `ALL`: everything.

    Their own items and what belongs to no one; besides, every safety item of
    a customer they cover, whoever recorded it. Items of someone else carry
    the recorder in their arguments (`by`), so every view can name them.
    """
    return rep_view(items, notebook.customers, is_team(notebook), today, settings, rep)


def rep_view(items: list[Item], customers, team: bool, today: date, settings: Settings,
             rep: str | None) -> list[Item]:
    """`for_rep` over customers or their facts (each with `name` and what `covering` reads)."""
    if not team:
        return list(items)
    if rep is None or rep == ALL:
        return [_marked(i) for i in items]
    covered = set()
    shares = set()      # `rep` has ever contacted the customer (an adverse event outlives the coverage window)
    for c in customers:
        if rep in covering(c, today, settings):
            covered.add(c.name)
        met = c.met if isinstance(c, CustomerFacts) else (v.rep for v in c.visits)
        if rep in met:
            shares.add(c.name)
    out = []
    for i in items:
        if i.rep is None or i.rep == rep:
            out.append(i)
        elif i.kind == SAFETY and (i.customer in covered or i.customer in shares):
            out.append(_marked(i))
    return out


def _marked(i: Item) -> Item:
    if i.rep is None or any(k == "by" for k, _ in i.args):
        return i
    return replace(i, args=i.args + (("by", i.rep),))


def due_for(notebook: Notebook, today: date, settings: Settings, rep: str | None,
            days: int | None = None) -> list[Item]:
    """`visitlog due` for one rep (`ALL`: the district)."""
    from .facts import facts_of

    return facts_due(facts_of(notebook.customers, settings, today), is_team(notebook), today, settings, rep, days)


def facts_due(facts, team: bool, today: date, settings: Settings, rep: str | None,
              days: int | None = None) -> list[Item]:
    """`due_for` from every customer's facts (`rules/facts.py`; the notebook index stores them)."""
    return in_window(rep_view(facts_all_items(facts, team, today, settings), facts, team, today, settings, rep),
                     today, settings, days)


def customers_of(notebook: Notebook, today: date, settings: Settings, rep: str | None) -> set[str] | None:
    """The customers `rep` works with: those they cover or have an item of. None: every customer."""
    if not is_team(notebook) or rep is None or rep == ALL:
        return None
    mine = set()
    for c in notebook.customers:
        cover = covering(c, today, settings)
        if rep in cover or None in cover or not c.visits:
            mine.add(c.name)
    mine |= {i.customer for i in due_for(notebook, today, settings, rep, days=10 ** 5)}
    return mine


def rep_notebook(notebook: Notebook, rep: str | None) -> Notebook:
    """The notebook as if `rep` (and those who name no rep) had written it alone: for the week's numbers.

    `None`/`ALL`, or a notebook that is not a team notebook: the notebook itself.
    """
    if not is_team(notebook) or rep is None or rep == ALL:
        return notebook
    keep = tuple(v for v in notebook.visits if v.rep in (rep, None))
    customers = []
    for c in notebook.customers:
        mine = tuple(v for v in c.visits if v.rep in (rep, None))
        if mine or not c.visits:
            customers.append(replace(c, visits=mine))
    customers = tuple(customers)
    return Notebook(root=notebook.root, customers=customers, visits=keep, profiles=notebook.profiles,
                    problems=notebook.problems, files=notebook.files, index=notebook.index)


def reps_by_customer(notebook: Notebook, today: date, settings: Settings) -> dict[str, tuple[str, ...]]:
    """Each customer's covering reps (named ones), for a rep column."""
    return {c.name: tuple(r for r in covering(c, today, settings) if r) for c in notebook.customers}


# ---------------------------------------------------------------- the other views, one rep's share
def overview_for(notebook: Notebook, today: date, settings: Settings, rep: str | None) -> list:
    """`visitlog customers` for `rep`: the customers they work with, each with *their* next item's date."""
    from .customers import overview

    rows = overview(notebook, today, settings)
    mine = customers_of(notebook, today, settings, rep)
    if mine is None and not (is_team(notebook) and rep == ALL):
        return rows
    upcoming: dict[str, date] = {}
    for i in for_rep(all_items(notebook, today, settings), notebook, today, settings, rep):
        if i.due is not None and (i.customer not in upcoming or i.due < upcoming[i.customer]):
            upcoming[i.customer] = i.due
    return [replace(r, next_due=upcoming.get(r.customer.name)) for r in rows
            if mine is None or r.customer.name in mine]


def scores_for(rows: list, notebook: Notebook, today: date, settings: Settings, rep: str | None) -> list:
    """`visitlog score` rows (`score.ranked`) of the customers `rep` works with."""
    mine = customers_of(notebook, today, settings, rep)
    return rows if mine is None else [r for r in rows if r.customer in mine]


def prep_for(b, notebook: Notebook, rep: str | None):
    """A `prep.Brief` with only `rep`'s promises (and no one's); every adverse event stays."""
    if not is_team(notebook) or rep is None or rep == ALL:
        return b
    rep_of = {v.source.path: v.rep for v in b.customer.visits}
    return replace(b, promises=tuple(p for p in b.promises if rep_of.get(p.action.source.path) in (rep, None)))
