"""`visitlog due --ics FILE`: the dated items as an iCalendar file for a phone calendar.

Each dated item is one event: all-day on its due date, or a 30-minute event
at its time of day (floating local time) when it has one. The UID is
`<item id>@visitlog`, and ids name items by file and text (cadence items by
customer), so exporting again updates the same events instead of adding
copies. Every event has a reminder: 09:00 on the day for all-day events,
30 minutes before for timed ones. Vague actions (no date) are left out.

The icalendar package is imported here, and this module only by the
command that needs it.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from ..i18n import t
from ..notebook.compliance import mask
from .words import item_text, reason_text

PRODID = "-//visitlog//visitlog due//EN"
DURATION = timedelta(minutes=30)


def uid(item) -> str:
    return f"{item.id}@visitlog"


def calendar(items, lang: str, stamp: datetime) -> tuple[bytes, int]:
    """(the iCalendar bytes, the number of events) for the dated `items`; `stamp` is DTSTAMP (UTC)."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "visitlog")
    count = 0
    for item in items:
        if item.due is None:
            continue
        event = Event()
        event.add("uid", uid(item))
        event.add("dtstamp", stamp)
        text = mask(item_text(item, lang))      # a calendar leaves the notebook: personal data starred out
        event.add("summary", f"[{t('kind-' + item.kind, lang)}] {item.customer}: {text}")
        event.add("description", f"{mask(reason_text(item, lang))}\n{item.source}\nvisitlog done {item.id}")
        event.add("categories", [item.kind])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text)
        if item.due_time is not None:
            start = datetime.combine(item.due, item.due_time)
            event.add("dtstart", start)
            event.add("dtend", start + DURATION)
            alarm.add("trigger", -DURATION)
        else:
            event.add("dtstart", item.due)
            event.add("dtend", item.due + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            alarm.add("trigger", timedelta(hours=9))
        if item.kind == "safety":
            event.add("priority", 1)
        event.add_component(alarm)
        cal.add_component(event)
        count += 1
    return cal.to_ical(), count
