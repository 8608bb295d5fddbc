"""`visitlog due --ics FILE`: the dated items as an iCalendar file for a phone calendar.

Each dated item is one event: all-day on its due date, or a 30-minute event
at its time of day (floating local time) when it has one. The UID is
`<item id>@visitlog`, and ids name items by file and text (cadence items by
customer), so exporting again updates the same events instead of adding
copies. Every event has a reminder: 09:00 on the day for all-day events,
30 minutes before for timed ones. Vague actions (no date) are left out.

An overdue item is put on today (not its old date, where its alarm would be
in the past), flagged "逾期 N 天" / "N d overdue", with a reminder that still
rings. Each description says how the item is closed. Items in the previous
export that are no longer due (closed, or a contact was logged) come back as
`STATUS:CANCELLED` events with the same UID, so the phone removes them; they
are repeated for `CANCELLED_KEEP_DAYS` after their date.

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


CANCELLED_KEEP_DAYS = 30        # a closed item's cancelled event is repeated this long after its date


def _previous(previous: bytes) -> dict:
    """UID -> (DTSTART, SUMMARY, STATUS) of the events of the file the last export wrote."""
    if not previous:
        return {}
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(previous)
    except (ValueError, IndexError, KeyError):
        return {}
    out = {}
    for event in cal.walk("VEVENT"):
        try:
            out[str(event["uid"])] = (event.decoded("dtstart"), str(event.get("summary", "")),
                                      str(event.get("status", "")).upper())
        except (KeyError, ValueError):
            continue
    return out


def how_to_close(item, lang: str) -> str:
    """What closes the item: `visitlog done ID` for a promise or an adverse event, a contact for the rest."""
    if item.kind in ("safety", "commitment"):
        return t("ics-close-done", lang, id=item.id)
    return t("ics-close-contact", lang, customer=item.customer)


def calendar(items, lang: str, stamp: datetime, *, today=None, now: datetime | None = None,
             previous: bytes = b"") -> tuple[bytes, int]:
    """(the iCalendar bytes, the number of events) for the dated `items`; `stamp` is DTSTAMP (UTC).

    With `today`, an overdue item is put on today, flagged as overdue, with a reminder that still rings
    (at 09:00, or in a quarter of an hour when `now` is past that on `today`). `previous` (the file the
    last export wrote) brings back, as cancelled events, the items closed since: the phone drops them.
    """
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "visitlog")
    count = 0
    current = set()
    for item in items:
        if item.due is None:
            continue
        event = Event()
        event.add("uid", uid(item))
        current.add(uid(item))
        event.add("dtstamp", stamp)
        overdue = today is not None and item.due < today
        flag = t("ics-overdue", lang, days=(today - item.due).days) + " " if overdue else ""
        text = mask(item_text(item, lang))      # a calendar leaves the notebook: personal data starred out
        event.add("summary", f"{flag}[{t('kind-' + item.kind, lang)}] {item.customer}: {text}")
        event.add("description", f"{mask(reason_text(item, lang))}\n{how_to_close(item, lang)}\n{item.source}")
        event.add("categories", [item.kind] + (["overdue"] if overdue else []))
        event.add("sequence", 0)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", flag + text)
        if overdue:
            late = now is not None and now.date() == today and now.time() >= datetime.min.replace(hour=9).time()
            if late:                                   # past 09:00 already: ring in a quarter of an hour
                start = (now + timedelta(minutes=15)).replace(second=0, microsecond=0)
                event.add("dtstart", start)
                event.add("dtend", start + DURATION)
                alarm.add("trigger", timedelta(0))
            else:
                event.add("dtstart", today)
                event.add("dtend", today + timedelta(days=1))
                alarm.add("trigger", timedelta(hours=9))
        elif item.due_time is not None:
            start = datetime.combine(item.due, item.due_time)
            event.add("dtstart", start)
            event.add("dtend", start + DURATION)
            alarm.add("trigger", -DURATION)
        else:
            event.add("dtstart", item.due)
            event.add("dtend", item.due + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            alarm.add("trigger", timedelta(hours=9))
        if item.kind == "safety" or overdue:
            event.add("priority", 1)
        event.add_component(alarm)
        cal.add_component(event)
        count += 1
    horizon = (today or stamp.date()) - timedelta(days=CANCELLED_KEEP_DAYS)
    for key, (start, summary, _status) in sorted(_previous(previous).items()):
        if key in current:
            continue
        day = start.date() if isinstance(start, datetime) else start
        if day < horizon:
            continue                                   # long gone: the phone has had a month to drop it
        event = Event()
        event.add("uid", key)
        event.add("dtstamp", stamp)
        event.add("summary", summary)
        event.add("status", "CANCELLED")
        event.add("sequence", 1)
        event.add("dtstart", start)
        if isinstance(start, datetime):
            event.add("dtend", start + DURATION)
        else:
            event.add("dtend", start + timedelta(days=1))
        event.add("description", t("ics-closed", lang))
        cal.add_component(event)
    return cal.to_ical(), count
