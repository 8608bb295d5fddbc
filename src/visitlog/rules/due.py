"""What is due: the rules of SPEC sections 5 and 6 as pure functions.

`due(notebook, today, settings, days)` returns every item due up to
today + days (and every vague action), ordered by `urgency_key`: open safety
items first, then the most overdue (the earliest due date), then tier A, B, C,
then kind. Each item carries a reason code and its arguments, so the output
can say why; every number comes from `Settings`.

The rules, per customer (visits after `today` are ignored, so a run can be
replayed on any past day):

- safety      an adverse event goes to pharmacovigilance / the medical
              department the day it is recorded, until `reported` (or
              `replied`) is set, and needs a formal reply
              `adverse_reply_hours` after the visit, until `replied` is set:
              two items, the report first (`safety_step`);
- commitment  each open checkbox (dated, or vague with no date);
- appointment the `next` of the latest contact;
- cadence     one item: the earliest of the rules that apply (new-customer
              schedule, or tier cadence and, for established customers, the
              industry update); established customers also get the academic
              item;
- wake-up     silent for more than `wake_up_days`.

Ids name an item by its file (or customer) and its text, never its line, so
editing elsewhere in the file keeps an id valid (see `item_id`).
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime, timedelta

from ..notebook.model import (
    CANCELLED, DONE, OPEN, Action, Contact, Contacts, Customer, CustomerFacts, FollowNote, Item, Notebook, Source, Visit,
)
from ..notebook.dates import add_months
from ..notebook.settings import Settings

SAFETY, COMMITMENT, APPOINTMENT, CADENCE, WAKE_UP = "safety", "commitment", "appointment", "cadence", "wake-up"
KINDS = (SAFETY, COMMITMENT, APPOINTMENT, CADENCE, WAKE_UP)
CLOSABLE = (SAFETY, COMMITMENT)          # `visitlog done` closes these; a contact closes the others
SNOOZABLE = (COMMITMENT, APPOINTMENT, CADENCE, WAKE_UP)   # `visitlog snooze` / `skip` (never a safety item)
RECURRING = (CADENCE, WAKE_UP)           # a skip restarts their count; it drops the others
OPEN_STATE, SNOOZED, WAITING = "open", "snoozed", "waiting"
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}
_TIER_RANK = {"A": 0, "B": 1, "C": 2}


def item_id(kind: str, path: str, text: str) -> str:
    """A stable id from the kind, the file (or customer) and the item's text, not its line.

    Whitespace inside the text is normalised, so re-wrapping spaces keeps the id.
    """
    digest = hashlib.sha1(f"{kind}\0{path}\0{' '.join(text.split())}".encode("utf-8")).hexdigest()
    return f"{kind[0]}{digest[:7]}"


def action_ids(visit: Visit) -> tuple[tuple[Action, str], ...]:
    """Every action of a visit with its id.

    The id hashes the file and the action's label (its text without 📅/✅
    fields). When the same label occurs twice in one file the second gets
    `#2` in its hash, the third `#3`, counted over actions of any status so
    ticking the first one off does not rename the others.
    """
    seen: dict[str, int] = {}
    out = []
    for a in visit.actions:
        key = " ".join(a.label.split())
        seen[key] = seen.get(key, 0) + 1
        text = a.label if seen[key] == 1 else f"{a.label}#{seen[key]}"
        out.append((a, item_id(COMMITMENT, a.source.path, text)))
    return tuple(out)


def safety_id(visit: Visit, step: str = "reply") -> str:
    """A visit has at most one adverse event: its ids are the file's, one per step (report, reply)."""
    return item_id(SAFETY, visit.source.path, "adverse_event" if step == REPLY else "adverse_event\0reported")


REPORT, REPLY = "report", "reply"                      # the two steps of an adverse event
REPORT_RULE, REPLY_RULE = "adverse-event-report", "adverse-event"


def safety_step(item: Item) -> str | None:
    """Which step of an adverse event a safety item is (report | reply); None for other kinds."""
    if item.kind != SAFETY:
        return None
    return REPORT if item.rule == REPORT_RULE else REPLY


def established(customer: Customer | CustomerFacts, today: date, settings: Settings) -> bool:
    """First contact `established_months` months or more before today."""
    first = customer.first_contact
    return first is not None and first <= add_months(today, -settings.established_months)


def _short(d: date) -> str:
    return d.strftime("%m-%d")


def _at(v: Visit) -> str:
    return v.moment.strftime("%m-%d %H:%M") if v.has_time else _short(v.day)


def _open_on(a: Action, today: date | None) -> bool:
    """Open as of `today`: an open box, or one ticked ✅ after today (a replay of an earlier day).

    `today=None` reads the file as it is now.
    """
    if a.status == OPEN:
        return True
    return today is not None and a.status == DONE and a.done is not None and a.done > today


# ---------------------------------------------------------------- the rules
def reply_deadline(v: Visit, settings: Settings) -> datetime:
    """When the formal reply to the visit's adverse event is due: `adverse_reply_hours` after the visit."""
    return v.moment + timedelta(hours=settings.adverse_reply_hours)


def safety_items(c: Customer, visits: tuple[Visit, ...], settings: Settings,
                 today: date | None = None) -> list[Item]:
    """An adverse event's open steps (a date after `today` does not count yet, a replay of an earlier day):

    - report: until `reported` (or `replied`: a formal reply comes after the report) is set, it goes to
      pharmacovigilance / the medical department the day of the visit;
    - reply: until `replied` is set, a formal reply is due `adverse_reply_hours` after the visit.
    """
    def set_on(day: date | None) -> bool:
        return day is not None and (today is None or day <= today)

    out = []
    for v in visits:
        ae = v.adverse_event
        if ae is None or set_on(ae.replied):
            continue
        if not set_on(ae.reported):
            out.append(Item(
                SAFETY, c.name, v.day, "", "reason-safety-report",
                (("visit", _at(v)), ("event", ae.description)),
                ae.source, safety_id(v, REPORT), rule=REPORT_RULE,
            ))
        deadline = reply_deadline(v, settings)
        out.append(Item(
            SAFETY, c.name, deadline.date(), ae.description, "reason-safety",
            (("hours", settings.adverse_reply_hours), ("visit", _at(v))),
            ae.source, safety_id(v), rule=REPLY_RULE,
            due_time=deadline.time() if v.has_time else None,
        ))
    return out


def _done_on(a: Action, today: date | None) -> bool:
    return a.status == DONE and not _open_on(a, today)


def chained(v: Visit, a: Action, today: date | None, settings: Settings | None = None) -> tuple | None:
    """A chained step as of `today` (docs/due.md "Chained steps"), or None when it is not chained.

    ("waiting", step waited for) until that step is done; then ("dated", due, due_time, step, done day):
    its own 📅 when it has one, else its deadline phrase counted from the day the step before was
    done (its ✅; the visit's day when it was ticked without one), else the day after. A step that
    waits for a cancelled one is dated as if it were not chained.
    """
    if a.after is None or a.after >= len(v.actions):
        return None
    first = v.actions[a.after]
    if first.status == CANCELLED:
        return None
    if not _done_on(first, today):
        return ("waiting", first)
    base = first.done or v.day
    if a.due_from == "explicit":
        return ("dated", a.due, a.due_time, first, base)
    from ..notebook.deadlines import find_deadline

    workdays = settings.workdays if settings else frozenset({0, 1, 2, 3, 4})
    region = getattr(settings, "region", "CN") if settings else "CN"
    found = (find_deadline(a.label, datetime.combine(base, v.moment.time()), workdays, region)
             if a.phrase else None)
    if found is not None:
        return ("dated", found.date, found.time, first, base)
    return ("dated", base + timedelta(days=1), None, first, base)


def commitment_items(c: Customer, visits: tuple[Visit, ...], today: date | None = None,
                     settings: Settings | None = None) -> list[Item]:
    """Open actions: dated (📅, due: or a phrase) and vague (no date); chained steps waiting or dated
    from the step before."""
    out = []
    for v in visits:
        if not any(_open_on(a, today) for a in v.actions):
            continue  # most visits of a long notebook: every promise kept, no id to hash
        for a, ident in action_ids(v):
            if not _open_on(a, today):
                continue
            args: tuple = (("visit", _short(v.day)), ("channel", v.channel))
            chain = chained(v, a, today, settings)
            if chain is not None and chain[0] == "waiting":
                first = chain[1]
                out.append(Item(COMMITMENT, c.name, None, a.label, "reason-waiting",
                                args + (("after", first.label), ("after_due", _short(first.due) if first.due else "")),
                                a.source, ident, rule="chained", state=WAITING, after=first.label))
                continue
            if chain is not None:
                _, day, at, first, base = chain
                out.append(Item(COMMITMENT, c.name, day, a.label, "reason-chained",
                                args + (("after", first.label), ("done", _short(base))),
                                a.source, ident, rule="chained", due_time=at, after=first.label))
                continue
            if a.due is None:
                reason = "reason-vague"
            elif a.due_from == "phrase":
                reason, args = "reason-phrase", args + (("phrase", a.phrase or ""),)
            else:
                reason = "reason-dated"
            out.append(Item(COMMITMENT, c.name, a.due, a.label, reason, args, a.source, ident,
                            rule="action", due_time=a.due_time))
    return out


def appointment_items(c: Customer, visits: tuple[Visit, ...]) -> list[Item]:
    """The `next` of the latest contact, when it has a date. A later contact replaces it."""
    if not visits:
        return []
    latest = visits[-1]
    if latest.next_due is None or latest.next_source is None:
        return []
    text = latest.next_text or latest.next_due.isoformat()
    return [Item(APPOINTMENT, c.name, latest.next_due, "", "reason-appointment",
                 (("visit", _short(latest.day)), ("channel", latest.channel), ("next", text)),
                 latest.next_source, item_id(APPOINTMENT, latest.next_source.path, f"next\0{text}"),
                 rule="next", due_time=latest.next_time)]


def _per_month(days: int) -> int:
    return max(1, round(30 / days))


def cadence_items(f: CustomerFacts, mine: Contacts, today: date, settings: Settings) -> list[Item]:
    """One cadence item (the earliest rule that applies), plus the academic one for established customers.

    `mine` are the contacts that count (everyone's, or one rep's) up to today. A customer known only
    from a profile with `since` counts that day as the first (and last) contact.
    """
    first = f.first_contact
    if first is None or first > today:
        return []
    grade = f.tier
    last = mine.last
    anchor_source = last.source if last is not None else f.profile
    last_day = max(last.day, first) if last is not None else first
    is_established = established(f, today, settings)
    schedule = settings.new_customer_schedule
    follow_ups = mine.follow_ups
    # (due, reason, args, rule, source)
    candidates: list[tuple[date, str, tuple, str, Source]] = []
    used: list[Contact | None] = [last]
    if not is_established and follow_ups < len(schedule):
        planned = first + timedelta(days=schedule[follow_ups])
        candidates.append((max(planned, last_day + timedelta(days=1)), "reason-new-customer",
                           (("n", follow_ups + 1), ("k", follow_ups), ("days", schedule[follow_ups]),
                            ("schedule", "/".join(map(str, schedule))), ("first", _short(first))),
                           "new-customer", anchor_source))
    else:
        own = f.cadence                                  # the profile's `cadence: DAYS`
        every = own or settings.cadence[grade]
        channels = tuple(settings.cadence_channels.get(grade) or ())
        if channels:
            counting = max(((n, k) for channel, n, k in mine.by_channel if channel in channels),
                           key=lambda x: x[0], default=None)
            if counting is not None:
                base, reason, source = counting[1].day, "reason-tier-in-depth", counting[1].source
                used.append(counting[1])
            else:
                base, reason, source = first, "reason-tier-in-depth-none", anchor_source
            args = (("tier", grade), ("days", every), ("per_month", _per_month(every)),
                    ("channels", channels), ("last", _short(base)))
            if own:
                reason = "reason-own-cadence-in-depth"
            candidates.append((base + timedelta(days=every), reason, args, "tier", source))
        else:
            candidates.append((last_day + timedelta(days=every), "reason-own-cadence" if own else "reason-tier",
                               (("tier", grade), ("days", every), ("last", _short(last_day))), "tier",
                               anchor_source))
        if is_established:
            candidates.append((last_day + timedelta(days=settings.update_days), "reason-update",
                               (("days", settings.update_days), ("last", _short(last_day))), "update",
                               anchor_source))
    due, reason, args, rule, source = min(candidates, key=lambda x: x[0])
    out = [Item(CADENCE, f.name, due, "", reason, args, source,
                item_id(CADENCE, f.name, "next-contact"), tier=grade, rule=rule)]
    if is_established:
        if mine.academic is not None:
            anchor, reason = mine.academic, "reason-academic"
        elif mine.first is not None:
            anchor, reason = mine.first, "reason-academic-none"
        else:
            anchor = None
        if anchor is not None:
            used.append(anchor)
            out.append(Item(CADENCE, f.name, anchor.day + timedelta(days=settings.academic_days), "", reason,
                            (("days", settings.academic_days), ("last", _short(anchor.day))), anchor.source,
                            item_id(CADENCE, f.name, "academic"), tier=grade, rule="academic"))
    groups = {k.source: k for k in used if k is not None and k.group is not None}
    if groups:   # counted from a department meeting: say so (docs/due.md "Group contacts")
        out = [replace(i, args=i.args + (("group", groups[i.source].group),
                                         ("group_day", _short(groups[i.source].day))))
               if i.source in groups else i for i in out]
    return [available(f, i) for i in out]


def next_available(day: date, hours: tuple[tuple[int, str], ...]) -> date:
    """The first day from `day` on whose weekday is in the customer's `hours`."""
    days = {d for d, _ in hours}
    for k in range(7):
        candidate = day + timedelta(days=k)
        if candidate.weekday() in days:
            return candidate
    return day


def available(f: CustomerFacts, item: Item) -> Item:
    """A cadence item moved to the next day the customer sees reps (the profile's `hours:`), saying so,
    with the profile's preferred `channel:`."""
    if f.channel:
        item = replace(item, args=item.args + (("prefer", f.channel),))
    if not f.hours or item.due is None:
        return item
    day = next_available(item.due, f.hours)
    args = item.args + (("see_hours", f.hours_text or ""), ("planned", _short(item.due)))
    return replace(item, due=day, args=args, moved="hours" if day != item.due else item.moved)


def wake_up_items(f: CustomerFacts, today: date, settings: Settings) -> list[Item]:
    """Due the first day the customer has been silent for more than `wake_up_days`."""
    first = f.first_contact
    if first is None or first > today:
        return []
    latest = f.everyone.last
    last = max(latest.day, first) if latest is not None else first
    source = latest.source if latest is not None else f.profile
    due = last + timedelta(days=settings.wake_up_days + 1)
    return [Item(WAKE_UP, f.name, due, "", "reason-wake-up",
                 (("days", settings.wake_up_days), ("last", _short(last)), ("silent", (today - last).days)),
                 source, item_id(WAKE_UP, f.name, "wake-up"), tier=f.tier, rule="wake-up")]


def follow_notes(c: Customer, today: date | None = None) -> dict[str, FollowNote]:
    """The snooze or skip in force for each item id as of `today`: the latest one made by then.

    Read from every note of the customer and the profile, whatever the note's date: the line's own
    date says when it was decided, so a replay of an earlier day does not see it.
    """
    notes = [n for v in c.visits for n in v.follow] + list(c.profile_file.follow if c.profile_file else ())
    out: dict[str, FollowNote] = {}
    for n in sorted(notes, key=lambda n: (n.made, n.source)):
        if today is None or n.made <= today:
            out[n.target] = n
    return out


def item_ids_of(c: Customer) -> set[str]:
    """Every id an item of this customer can have (whatever the day): for naming a snooze's customer."""
    out = {item_id(CADENCE, c.name, "next-contact"), item_id(CADENCE, c.name, "academic"),
           item_id(WAKE_UP, c.name, "wake-up")}
    for v in c.visits:
        out.update(ident for _, ident in action_ids(v))
        if v.next_source is not None:
            text = v.next_text or (v.next_due.isoformat() if v.next_due else "")
            out.add(item_id(APPOINTMENT, v.next_source.path, f"next\0{text}"))
    return out


def _period(item: Item) -> int:
    days = dict(item.args).get("days", 0)
    return int(days) + (1 if item.kind == WAKE_UP else 0)


def apply_follow(item: Item, note: FollowNote | None, today: date) -> Item | None:
    """An item as a snooze or skip leaves it (docs/due.md "Snooze and skip"); None when it is skipped.

    Snoozed: due on the later of its own date and `until`, listed as snoozed until then. Skipped:
    a promise or appointment is dropped; a cadence or wake-up item counts again from the skip day.
    """
    if note is None or item.kind not in SNOOZABLE:
        return item
    if note.action == "snooze" and note.until is not None:
        if item.state == WAITING:            # still waiting for its first step: the snooze only shows
            return item if today >= note.until else replace(item, state=SNOOZED, until=note.until, why=note.why)
        due = note.until if item.due is None else max(item.due, note.until)
        return replace(item, due=due, due_time=item.due_time if due == item.due else None,
                       state=SNOOZED if today < note.until else OPEN_STATE, until=note.until, why=note.why,
                       moved="snoozed" if due != item.due else item.moved)
    if item.kind not in RECURRING:
        return None
    again = note.made + timedelta(days=_period(item))
    due = again if item.due is None else max(item.due, again)
    return replace(item, due=due, why=note.why, until=note.made, moved="skipped" if due != item.due else item.moved)


def customer_items(c: Customer, today: date, settings: Settings) -> list[Item]:
    """Every item of one customer as of `today`, whatever its date, each with the customer's tier.

    Snoozes and skips in force on `today` are applied (a skipped promise or appointment is left out).
    """
    from .facts import customer_facts

    return facts_items(customer_facts(c, settings, today), today, settings)


def facts_items(f: CustomerFacts, today: date, settings: Settings) -> list[Item]:
    """`customer_items` from the customer's facts (`rules/facts.py`), valid on `today`."""
    appointment = [f.everyone.appointment] if f.everyone.appointment is not None else []
    items = (list(f.safety) + list(f.promises) + appointment + cadence_items(f, f.everyone, today, settings)
             + wake_up_items(f, today, settings))
    return followed(items, f, today)


def followed(items: list[Item], f: CustomerFacts, today: date) -> list[Item]:
    """The items as the snoozes and skips in force leave them, each with the customer's tier."""
    if f.follow:
        notes = {n.target: n for n in f.follow}
        items = [i for i in (apply_follow(i, notes.get(i.id), today) for i in items) if i is not None]
    grade = f.tier
    return [i if i.tier == grade else replace(i, tier=grade) for i in items]


# ---------------------------------------------------------------- order and window
def urgency_key(item: Item) -> tuple:
    """The sort key of the morning list, one term after the other (docs/due.md):

    1. an open safety item before anything else;
    2. dated before vague;
    3. the earliest due date first (= the most days overdue first);
    4. on one day, an adverse event's report before its reply;
    5. tier A, then B, then C;
    6. kind: commitment, appointment, cadence, wake-up;
    7. a time of day before none, earlier first;
    8. customer name, then the source, so the order is total and stable.
    """
    return (
        item.kind != SAFETY,
        item.due is None,
        item.due or date.max,
        item.rule != REPORT_RULE,
        _TIER_RANK.get(item.tier, 3),
        _KIND_RANK[item.kind],
        item.due_time is None,
        item.due_time or datetime.min.time(),
        item.customer,
        item.source,
    )


def due(notebook: Notebook, today: date, settings: Settings, days: int | None = None) -> list[Item]:
    """Items due up to today + days (default `due_days`), plus vague actions and every open safety item."""
    horizon = today + timedelta(days=settings.due_days if days is None else days)
    out = []
    for c in notebook.customers:
        for item in customer_items(c, today, settings):
            if item.kind == SAFETY or item.due is None or item.due <= horizon or item.state == SNOOZED:
                out.append(item)   # a snoozed item is listed (as snoozed) until it comes back
    out.sort(key=urgency_key)
    return out


def next_due_by_customer(notebook: Notebook, today: date, settings: Settings) -> dict[str, date]:
    """The earliest dated item of each customer (overdue included), however far ahead.

    The same items as `due` lists, so `visitlog customers` and `visitlog due` agree.
    """
    out: dict[str, date] = {}
    for c in notebook.customers:
        dated = [i.due for i in customer_items(c, today, settings) if i.due is not None]
        if dated:
            out[c.name] = min(dated)
    return out


# ---------------------------------------------------------------- finding one item
def find_items(notebook: Notebook, today: date, settings: Settings, key: str) -> list[Item]:
    """Items named by `key`: an id, or `path:line` of the item's source.

    Besides the items of `today`, safety and commitment items are looked up in
    every note as the file stands now (a note dated after `today` included), so
    `done` can close what the file holds whatever `--today` says.
    """
    key = key.strip()
    found: dict[str, Item] = {}
    for c in notebook.customers:
        grade = None
        for item in customer_items(c, today, settings):
            if item.id == key or str(item.source) == key:
                found.setdefault(item.id, item)
        for item in safety_items(c, c.visits, settings) + commitment_items(c, c.visits, None, settings):
            if (item.id == key or str(item.source) == key) and item.id not in found:
                from .score import tier as tier_of  # here: a warm `due` reads the tier from the facts

                grade = grade or tier_of(c, settings, today).tier
                found[item.id] = replace(item, tier=grade)
    return sorted(found.values(), key=urgency_key)





def complete_id(notebook: Notebook, today: date, settings: Settings, key: str) -> str | list[str]:
    """An id from a unique prefix of it (`c594` → `c59415d3`): the id, or the ids it could be (none, several).

    A full id or a `path:line` comes back as it is. Prefixes of at least 3 characters are looked up among the
    items `find_items` knows (today's, and every open promise and adverse event as the files stand).
    """
    key = key.strip()
    if ":" in key or len(key) < 3:
        return key
    ids: set[str] = set()
    for c in notebook.customers:
        for item in customer_items(c, today, settings) + safety_items(c, c.visits, settings) \
                + commitment_items(c, c.visits):
            ids.add(item.id)
    if key in ids:
        return key
    hits = sorted(i for i in ids if i.startswith(key))
    return hits[0] if len(hits) == 1 else hits


def only(items: list[Item], customer: str | None = None, kinds=()) -> list[Item]:
    """The items of one customer (by name) and of these kinds; all of them when neither is given."""
    return [i for i in items if (customer is None or i.customer == customer) and (not kinds or i.kind in kinds)]
