"""Visits and actions as flat rows, for spreadsheets (CSV) and scripts (JSON).

One table per export, chosen by `what`:

- `visits`: one row per contact (customer, date, channel, purpose, what was
  asked, needs, competitors, how many actions and how many still open, ...);
- `actions`: one row per checkbox, with the customer and date of the contact
  it was promised at, its deadline, status and done date.

Column names are the English keys of the JSON output, whatever the interface
language, so a pivot table or a script built on them keeps working. CSV is
UTF-8 with a byte-order mark (Excel then shows Chinese text correctly), lists
joined by "; ", lines ended by CRLF as the CSV standard says. JSON is UTF-8
without a BOM: `{"visits"|"actions": [rows], "errors": [...]}` with lists kept
as lists.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date

from ..notebook.model import Notebook, Visit

WHAT = ("visits", "actions")
FORMATS = ("csv", "json")

VISIT_COLUMNS = ("customer", "date", "time", "channel", "purpose", "mood", "products", "tags", "competitors",
                 "questions", "interests", "urgent", "actions", "open_actions", "next", "next_due",
                 "adverse_event", "adverse_event_replied", "source")
ACTION_COLUMNS = ("customer", "visit_date", "channel", "text", "status", "due", "due_phrase", "done", "source")


def _visits(notebook: Notebook, start: date | None, end: date | None):
    for c in notebook.customers:
        for v in c.visits:
            if (start is None or v.day >= start) and (end is None or v.day <= end):
                yield c.name, v


def visit_row(customer: str, v: Visit) -> dict:
    ae = v.adverse_event
    return {
        "customer": customer,
        "date": v.day.isoformat(),
        "time": v.moment.strftime("%H:%M") if v.has_time else None,
        "channel": v.channel,
        "purpose": v.purpose,
        "mood": v.mood,
        "products": list(v.products),
        "tags": list(v.tags),
        "competitors": list(v.competitors),
        "questions": [p.text for p in v.questions],
        "interests": [p.text for p in v.interests],
        "urgent": [p.text for p in v.urgent],
        "actions": sum(1 for a in v.actions if a.status != "cancelled"),
        "open_actions": sum(1 for a in v.actions if a.status == "open"),
        "next": v.next_text,
        "next_due": v.next_due.isoformat() if v.next_due else None,
        "adverse_event": (ae.description or "true") if ae else None,
        "adverse_event_replied": ae.replied.isoformat() if ae and ae.replied else None,
        "source": str(v.source),
    }


def action_rows(customer: str, v: Visit) -> list[dict]:
    return [{
        "customer": customer,
        "visit_date": v.day.isoformat(),
        "channel": v.channel,
        "text": a.label,
        "status": a.status,
        "due": a.due.isoformat() if a.due else None,
        "due_phrase": a.phrase,
        "done": a.done.isoformat() if a.done else None,
        "source": str(a.source),
    } for a in v.actions]


def rows(notebook: Notebook, what: str, start: date | None = None, end: date | None = None) -> list[dict]:
    """Every visit (or action) of the notebook, in date order, within `start`..`end` (visit dates, inclusive)."""
    found = sorted(_visits(notebook, start, end), key=lambda cv: (cv[1].moment, cv[1].source))
    if what == "visits":
        return [visit_row(c, v) for c, v in found]
    return [row for c, v in found for row in action_rows(c, v)]


def columns(what: str) -> tuple[str, ...]:
    return VISIT_COLUMNS if what == "visits" else ACTION_COLUMNS


def to_csv(data: list[dict], what: str) -> bytes:
    """UTF-8 with BOM; lists joined by "; "; empty cells for nothing."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns(what))
    for row in data:
        writer.writerow(["; ".join(v) if isinstance(v, list) else "" if v is None else v
                         for v in (row[k] for k in columns(what))])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def to_json(data: list[dict], what: str, errors: list[dict]) -> bytes:
    return json.dumps({what: data, "errors": errors}, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
