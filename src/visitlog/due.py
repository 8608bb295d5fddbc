"""What is due: the rules of SPEC sections 5 and 6 as pure functions.

`due(notebook, today, settings, days)` returns every item due up to
today + days (and every vague action), ordered by urgency: safety first, then
most overdue, then by due date; ties by tier, then kind. Each item carries a
reason code and its arguments, so the output can say why.
"""
from __future__ import annotations

import calendar
import hashlib
from datetime import date, timedelta

from .model import OPEN, Customer, Item, Notebook, Visit
from .score import tier as tier_of
from .settings import Settings

SAFETY, COMMITMENT, APPOINTMENT, CADENCE, WAKE_UP = "safety", "commitment", "appointment", "cadence", "wake-up"
KINDS = (SAFETY, COMMITMENT, APPOINTMENT, CADENCE, WAKE_UP)
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}
_TIER_RANK = {"A": 0, "B": 1, "C": 2}


def item_id(kind: str, path: str, text: str) -> str:
    """A stable id from the file and the item's text (not its line)."""
    digest = hashlib.sha1(f"{kind}\0{path}\0{' '.join(text.split())}".encode("utf-8")).hexdigest()
    return f"{kind[0]}{digest[:7]}"


def add_months(d: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the month's end."""
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def established(customer: Customer, today: date, settings: Settings) -> bool:
    """First contact at least N months before today."""
    first = customer.first_contact
    return first is not None and first <= add_months(today, -settings.established_months)


def _short(d: date) -> str:
    return d.strftime("%m-%d")


def safety_items(c: Customer, visits: tuple[Visit, ...], settings: Settings) -> list[Item]:
    out = []
    for v in visits:
        ae = v.adverse_event
        if ae is None or ae.replied is not None:
            continue
        deadline = v.moment + timedelta(hours=settings.adverse_reply_hours)
        text = ae.description or ""
        out.append(Item(
            SAFETY, c.name, deadline.date(), text, "reason-safety",
            (("hours", settings.adverse_reply_hours), ("visit", v.moment.strftime("%m-%d %H:%M") if v.has_time
                                                        else _short(v.day))),
            ae.source, item_id(SAFETY, ae.source.path, "adverse_event"), rule="adverse-event",
            due_time=deadline.time() if v.has_time else None,
        ))
    return out


def commitment_items(c: Customer, visits: tuple[Visit, ...]) -> list[Item]:
    out = []
    for v in visits:
        for a in v.actions:
            if a.status != OPEN:
                continue
            if a.due is None:
                reason, args = "reason-vague", (("visit", _short(v.day)),)
            elif a.due_from == "phrase":
                reason, args = "reason-phrase", (("phrase", a.phrase or ""), ("visit", _short(v.day)))
            else:
                reason, args = "reason-dated", (("visit", _short(v.day)),)
            out.append(Item(COMMITMENT, c.name, a.due, a.label, reason, args, a.source,
                            item_id(COMMITMENT, a.source.path, a.label), rule="action", due_time=a.due_time))
    return out


def appointment_items(c: Customer, visits: tuple[Visit, ...]) -> list[Item]:
    if not visits:
        return []
    latest = visits[-1]
    if latest.next_due is None or latest.next_source is None:
        return []
    return [Item(APPOINTMENT, c.name, latest.next_due, latest.next_text or "", "reason-appointment",
                 (("visit", _short(latest.day)), ("next", latest.next_text or "")), latest.next_source,
                 item_id(APPOINTMENT, latest.next_source.path, "next"), rule="next", due_time=latest.next_time)]


def cadence_items(c: Customer, visits: tuple[Visit, ...], grade: str, today: date,
                  settings: Settings) -> list[Item]:
    """One cadence item (the earliest rule that applies), plus the academic one for established customers."""
    first = c.first_contact
    if first is None or not visits:
        return []
    last = visits[-1]
    is_established = established(c, today, settings)
    schedule = settings.new_customer_schedule
    follow_ups = sum(1 for v in visits if v.day > first)
    candidates: list[tuple[date, str, tuple, Visit]] = []
    if not is_established and follow_ups < len(schedule):
        due = max(first + timedelta(days=schedule[follow_ups]), last.day + timedelta(days=1))
        candidates.append((due, "reason-new-customer",
                           (("n", follow_ups + 1), ("days", schedule[follow_ups]), ("first", _short(first))), last))
    else:
        channels = settings.cadence_channels.get(grade)
        counting = [v for v in visits if channels is None or v.channel in channels]
        anchor = counting[-1] if counting else None
        base = anchor.day if anchor else first
        every = settings.cadence[grade]
        key = "reason-tier-in-depth" if channels else "reason-tier"
        candidates.append((base + timedelta(days=every), key,
                           (("tier", grade), ("days", every), ("last", _short(base))), anchor or last))
        if is_established:
            candidates.append((last.day + timedelta(days=settings.update_days), "reason-update",
                               (("days", settings.update_days), ("last", _short(last.day))), last))
    due, reason, args, source_visit = min(candidates, key=lambda x: x[0])
    rule = {"reason-new-customer": "new-customer", "reason-update": "update"}.get(reason, "tier")
    out = [Item(CADENCE, c.name, due, "", reason, args, source_visit.source,
                item_id(CADENCE, c.name, rule), tier=grade, rule=rule)]
    if is_established:
        academic = [v for v in visits if v.purpose == "academic"]
        anchor = academic[-1] if academic else visits[0]
        reason = "reason-academic" if academic else "reason-academic-none"
        out.append(Item(CADENCE, c.name, anchor.day + timedelta(days=settings.academic_days), "", reason,
                        (("days", settings.academic_days), ("last", _short(anchor.day))), anchor.source,
                        item_id(CADENCE, c.name, "academic"), tier=grade, rule="academic"))
    return out


def wake_up_items(c: Customer, visits: tuple[Visit, ...], settings: Settings) -> list[Item]:
    if not visits:
        return []
    last = visits[-1]
    due = last.day + timedelta(days=settings.wake_up_days + 1)
    return [Item(WAKE_UP, c.name, due, "", "reason-wake-up",
                 (("days", settings.wake_up_days), ("last", _short(last.day))), last.source,
                 item_id(WAKE_UP, c.name, "wake-up"), rule="wake-up")]


def customer_items(c: Customer, today: date, settings: Settings) -> list[Item]:
    """Every item of one customer, whatever its date."""
    visits = c.visits_until(today)
    grade = tier_of(c, settings, today).tier
    items = (safety_items(c, visits, settings) + commitment_items(c, visits) + appointment_items(c, visits)
             + cadence_items(c, visits, grade, today, settings) + wake_up_items(c, visits, settings))
    return [i if i.tier == grade else _with_tier(i, grade) for i in items]


def _with_tier(item: Item, grade: str) -> Item:
    from dataclasses import replace

    return replace(item, tier=grade)


def urgency_key(item: Item) -> tuple:
    """Safety first; then the most overdue (earliest due); then tier, kind, customer. Vague last."""
    return (
        item.kind != SAFETY,
        item.due is None,
        item.due or date.max,
        _TIER_RANK.get(item.tier, 3),
        _KIND_RANK[item.kind],
        item.customer,
        item.source,
    )


def due(notebook: Notebook, today: date, settings: Settings, days: int | None = None) -> list[Item]:
    """Items due up to today + days (default from settings), plus vague actions and open safety items."""
    horizon = today + timedelta(days=settings.due_days if days is None else days)
    out = []
    for c in notebook.customers:
        for item in customer_items(c, today, settings):
            if item.kind == SAFETY or item.due is None or item.due <= horizon:
                out.append(item)
    out.sort(key=urgency_key)
    return out


def next_due_by_customer(notebook: Notebook, today: date, settings: Settings) -> dict[str, date]:
    """The earliest dated item of each customer, however far ahead."""
    out: dict[str, date] = {}
    for c in notebook.customers:
        dated = [i.due for i in customer_items(c, today, settings) if i.due is not None]
        if dated:
            out[c.name] = min(dated)
    return out


def find_item(notebook: Notebook, today: date, settings: Settings, key: str) -> Item | None:
    """An item by its id, or by `path:line` of its source."""
    for c in notebook.customers:
        for item in customer_items(c, today, settings):
            if item.id == key or str(item.source) == key:
                return item
    return None

