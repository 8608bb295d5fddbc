"""What the due rules read of a customer: one record (`model.CustomerFacts`), built by one function.

`customer_facts(customer, settings, as_of)` reads a customer's visits and profile into the narrow
facts `due` (rules/due.py, rules/team.py) decides from: first contact, the latest contact (everyone's
and each rep's), follow-ups, the latest contact by channel and the latest academic one, the `next` of
the latest contact, the open promises with their ids and chain state, the unreplied adverse events,
the snoozes and skips in force, the tier and the profile's rhythm. The rules read nothing else, so
the full load (which builds facts from visits on every run) and the notebook index (which stores
them per customer, `notebook/index.py`) can never disagree.

`as_of=None` reads the files as they stand: those facts hold for any day on or after their
`horizon` (the latest visit, ✅, reply or snooze), which is what the index stores. A day before the
horizon (a replay with `--today` in the past) builds them again with `as_of` that day.

`KEY_MODULES` are the modules whose code shapes the facts: their source is part of the stored
summaries' key (`summary_key`), so a change to any of them rebuilds the summaries.
"""
from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from ..notebook.model import Contact, Contacts, Customer, CustomerFacts, Visit
from ..notebook.settings import Settings
from .due import appointment_items, commitment_items, follow_notes, safety_items

KEY_MODULES = ("facts.py", "due.py", "score.py")


def summary_key() -> str:
    """A CRC of the modules that shape the facts (the index's own key covers `notebook/` and settings)."""
    here = Path(__file__).parent
    crc = 0
    for name in KEY_MODULES:
        crc = zlib.crc32(name.encode(), crc)
        try:
            crc = zlib.crc32((here / name).read_bytes(), crc)
        except OSError:
            pass
    return f"facts-{crc:08x}"


def _contact(v: Visit) -> Contact:
    group = (v.host or v.customer) if (v.host or v.attendees) else None
    return Contact(v.day, v.source, group, v.rep)


def _graded(item, grade: str):
    return item if item.tier == grade else replace(item, tier=grade)


def contacts(c: Customer, visits: tuple[Visit, ...], rep: str | None, grade: str = "C") -> Contacts:
    """`visits` (one rep's, or everyone's, in date order) as the cadence and appointment rules read them."""
    if not visits:
        return Contacts(rep)
    first = c.first_contact
    by_channel: dict[str, tuple[int, Visit]] = {}
    academic = None
    for n, v in enumerate(visits):
        by_channel[v.channel] = (n, v)
        if v.purpose == "academic":
            academic = v
    appointment = appointment_items(c, visits)
    return Contacts(
        rep=rep, first=_contact(visits[0]), last=_contact(visits[-1]),
        follow_ups=sum(1 for v in visits if first is not None and v.day > first),
        by_channel=tuple((channel, n, _contact(v)) for channel, (n, v) in by_channel.items()),
        academic=_contact(academic) if academic is not None else None,
        appointment=_graded(appointment[0], grade) if appointment else None,
    )


def horizon(c: Customer) -> date | None:
    """The latest day a due rule compares with today: a visit, a ✅, a report or reply, a snooze or skip."""
    days = [v.day for v in c.visits]
    for v in c.visits:
        days.extend(a.done for a in v.actions if a.done is not None)
        ae = v.adverse_event
        if ae is not None:
            days.extend(d for d in (ae.replied, ae.reported) if d is not None)
        days.extend(n.made for n in v.follow)
    if c.profile_file is not None:
        days.extend(n.made for n in c.profile_file.follow)
    return max(days) if days else None


def customer_facts(c: Customer, settings: Settings, as_of: date | None = None) -> CustomerFacts:
    """The due rules' facts of one customer as of `as_of` (None: the files as they stand)."""
    from .score import tier as tier_of  # here: a warm `due` reads stored facts and never needs it

    visits = c.visits if as_of is None else c.visits_until(as_of)
    grade = tier_of(c, settings, as_of).tier
    # items carry the customer's tier from the start (rules/due.py `followed` would set it on every run)
    safety = [_graded(i, grade) for i in safety_items(c, visits, settings, as_of)]
    promises = [_graded(i, grade) for i in commitment_items(c, visits, as_of, settings)]
    rep_of = {v.source.path: v.rep for v in visits}
    reps: dict[str | None, list[Visit]] = {}
    for v in visits:
        reps.setdefault(v.rep, []).append(v)
    profile = c.profile_file
    latest = horizon(c) if as_of is None else as_of
    # who covers the customer (rules/team.py `covering`) looks `wake_up_days` back from a day on or after
    # the horizon: older contacts can never count
    start = latest - timedelta(days=settings.wake_up_days) if latest is not None else date.min
    return CustomerFacts(
        name=c.name,
        tier=grade,
        first_contact=c.first_contact,
        horizon=latest,
        profile=profile.source if profile is not None else None,
        cadence=profile.cadence if profile is not None else None,
        channel=profile.channel if profile is not None else None,
        hours=profile.hours if profile is not None else (),
        hours_text=profile.hours_text if profile is not None else None,
        safety=tuple(safety),
        promises=tuple(promises),
        owners=tuple(rep_of.get(i.source.path) for i in (*safety, *promises)),
        everyone=contacts(c, visits, None, grade),
        reps=tuple(contacts(c, tuple(mine), rep, grade) for rep, mine in reps.items()) if len(reps) > 1 else (),
        seen=tuple((v.day, v.rep) for v in c.visits if v.day >= start),
        met=tuple(dict.fromkeys(v.rep for v in c.visits)),
        follow=tuple(follow_notes(c, as_of).values()),
    )


def facts_of(customers, settings: Settings, today: date) -> list[CustomerFacts]:
    """The facts of every customer for a run on `today` (from the visits: any day, replays included)."""
    return [customer_facts(c, settings, today) for c in customers]


def summarizer(settings: Settings):
    """`summarize` for `notebook.summary.load_summary`: every customer's facts as the files stand."""
    def summarize(notebook) -> list[CustomerFacts]:
        return [customer_facts(c, settings) for c in notebook.customers]
    return summarize


def stored_ok(record) -> bool:
    """A stored summary is facts as `customer_facts` builds them: items carry nothing to bring (a value
    of another shape in an index planted in a notebook is refused, and the facts are built again)."""
    if type(record) is not CustomerFacts:
        return False
    items = [*record.safety, *record.promises, record.everyone.appointment,
             *(k.appointment for k in record.reps)]
    return all(i is None or i.bring is None for i in items) and len(record.owners) == len(record.safety) + \
        len(record.promises)


def for_day(facts: tuple[CustomerFacts, ...], today: date, settings: Settings, customers) -> list[CustomerFacts]:
    """The facts valid on `today`: the stored ones, unless `today` is before a customer's horizon (a replay);
    then every customer's facts are built for that day from `customers()` (which loads the visits)."""
    if all(f.horizon is None or f.horizon <= today for f in facts):
        return list(facts)
    return facts_of(customers(), settings, today)
