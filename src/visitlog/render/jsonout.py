"""Machine output (SPEC section 8): one JSON object on stdout, UTF-8, dates as text."""
from __future__ import annotations

import json
import sys
from datetime import date, datetime, time
from typing import Any

from ..notebook.model import Action, Change, Customer, Problem, Visit
from .words import item_text, message, reason_text


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def moment(value: datetime, has_time: bool) -> str:
    return value.strftime("%Y-%m-%dT%H:%M") if has_time else value.date().isoformat()


def clock(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def number(value: float | None) -> float | int | None:
    """Whole numbers print without a decimal point."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def error(problem: Problem, lang: str) -> dict:
    return {"path": problem.source.path, "line": problem.source.line, "message": message(problem, lang)}


def problem(problem: Problem, lang: str) -> dict:
    return {**error(problem, lang), "level": problem.level, "code": problem.code}


def errors(problems, lang: str) -> list[dict]:
    return [error(p, lang) for p in problems if p.level == "error"]


def action(a: Action) -> dict:
    return {
        "text": a.label,
        "status": a.status,
        "due": day(a.due),
        "due_time": clock(a.due_time),
        "due_from": a.due_from,
        "phrase": a.phrase,
        "done": day(a.done),
        "source": str(a.source),
    }


def contact(v: Visit) -> dict:
    ae = v.adverse_event
    return {
        "date": moment(v.moment, v.has_time),
        "source": str(v.source),
        "customer_as_written": v.customer,
        "rep": v.rep,
        "channel": v.channel,
        "purpose": v.purpose,
        "mood": v.mood,
        "products": list(v.products),
        "tags": list(v.tags),
        "competitors": list(v.competitors),
        "points": [p.text for p in v.points if not p.is_action],
        "questions": [p.text for p in v.questions],
        "interests": [p.text for p in v.interests],
        "urgent": [p.text for p in v.urgent],
        "actions": [action(a) for a in v.actions],
        "next": {"text": v.next_text, "due": day(v.next_due), "time": clock(v.next_time)} if v.next_text else None,
        "adverse_event": {"description": ae.description, "reported": day(ae.reported), "replied": day(ae.replied),
                          "source": str(ae.source)} if ae else None,
        "host": v.host,
        "attendees": list(v.attendees),
        "follow": [follow(n) for n in v.follow],
        "suggestions": list(v.suggestions),
    }


def follow(n) -> dict:
    """A snooze or skip line as written in a note."""
    return {"action": n.action, "made": day(n.made), "until": day(n.until), "id": n.target, "why": n.why,
            "source": str(n.source)}


def flat_profile(c: Customer) -> dict:
    profile = c.profile_at()
    out: dict[str, Any] = {"name": c.name, "aliases": list(c.aliases)}
    out.update({k: v for k, v in profile.items() if k != "potential"})
    out.update({f"potential.{k}": v for k, v in profile["potential"].items()})
    out["since"] = day(c.since)
    out["tier"] = c.tier_override
    return out


def change(ch: Change) -> dict:
    return {"date": day(ch.day), "field": ch.field, "old": ch.old, "new": ch.new, "source": str(ch.source)}


def dumps(data: dict) -> bytes:
    """One JSON object as the bytes `emit` writes: exactly `json.dumps(data, ensure_ascii=False, indent=2,
    default=str)`, written by `_indented` (the standard library writes indented JSON in pure Python, a
    generator per value: a tenth of a warm `due --json` on a district's notebook)."""
    out: list[str] = []
    done = bytearray()           # a district's morning list is megabytes: its pieces are never all held at once
    try:
        _indented(data, out, "\n", done)
    except _Unusual:
        return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8") + b"\n"
    done += "".join(out).encode("utf-8")
    done += b"\n"
    return bytes(done)


class _Unusual(Exception):
    """A value `_indented` leaves to the json module (a non-text key, a float that is not finite)."""


_string = json.encoder.encode_basestring      # ensure_ascii=False's string writer (C when available)


def _scalar(v: Any) -> str | None:
    """A text, number, true/false/null as json writes it; None for anything else."""
    if isinstance(v, str):
        return _string(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return int.__repr__(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise _Unusual
        return float.__repr__(v)
    return None


def _indented(v: Any, out: list[str], nl: str, done: bytearray) -> None:
    """`v` as json.dumps(indent=2, ensure_ascii=False, default=str) writes it; `nl` is the newline plus
    the current indentation. Pieces go to `out`, moved into `done` as UTF-8 every few thousand."""
    text = _scalar(v)
    if text is not None:
        out.append(text)
    elif isinstance(v, (list, tuple)):
        if not v:
            out.append("[]")
            return
        inner = nl + "  "
        sep = "[" + inner
        for x in v:
            text = _scalar(x)
            if text is not None:
                out.append(sep + text)
            else:
                out.append(sep)
                _indented(x, out, inner, done)
                if len(out) > 8192:
                    done += "".join(out).encode("utf-8")
                    out.clear()
            sep = "," + inner
        out.append(nl + "]")
    elif isinstance(v, dict):
        if not v:
            out.append("{}")
            return
        inner = nl + "  "
        sep = "{" + inner
        for k, x in v.items():
            if not isinstance(k, str):
                raise _Unusual
            text = _scalar(x)
            if text is not None:
                out.append(sep + _string(k) + ": " + text)
            else:
                out.append(sep + _string(k) + ": ")
                _indented(x, out, inner, done)
            sep = "," + inner
        out.append(nl + "}")
    else:
        _indented(str(v), out, nl, done)


def emit(data: dict) -> None:
    """Write one JSON object to stdout as UTF-8, whatever the console encoding."""
    sys.stdout.buffer.write(dumps(data))
    sys.stdout.flush()


def due_payload(items, today: date, lang: str, problems) -> dict:
    """`visitlog due --json` (the full CLI and the lean start, visitlog/__main__.py, both print this)."""
    return {"today": today.isoformat(), "items": [item(i, today, lang) for i in items],
            "errors": errors(problems, lang)}


def customers_payload(rows, today: date, lang: str, problems, reps: dict | None = None) -> dict:
    """`visitlog customers --json` (the full CLI and the lean start both print this);
    `reps` (customer -> reps covering them) in a team notebook."""
    return {"today": today.isoformat(), "customers": [{
        "customer": r.customer.name, "aliases": list(r.customer.aliases), "tier": r.tier,
        "tier_source": r.tier_source, "segment": r.segment, "last_contact": day(r.last_contact),
        "next_due": day(r.next_due), "contacts": len(r.customer.visits),
        **({"reps": list(reps.get(r.customer.name, ()))} if reps is not None else {}),
    } for r in rows], "errors": errors(problems, lang)}


def item(item, today: date, lang: str) -> dict:
    """One element of `due`'s `items` (SPEC section 8); `bring` only on a contact item with a suggestion."""
    out = {
        "id": item.id,
        "kind": item.kind,
        "customer": item.customer,
        "due": day(item.due),
        "due_time": clock(item.due_time),
        "overdue_days": item.overdue_days(today),
        "text": item_text(item, lang),
        "reason": reason_text(item, lang),
        "rule": item.rule,
        "tier": item.tier,
        "source": str(item.source),
        "rep": item.rep,
        "state": item.state,
        "until": day(item.until) if item.state == "snoozed" else None,
        "why": item.why or None,
        "waits_for": item.after or None if item.state in ("waiting", "snoozed") else None,
    }
    if item.kind == "safety":
        out["step"] = _step(item)         # an adverse event's report (the same day) or formal reply
    if getattr(item, "bring", None) is not None:
        from .materials import suggestion_json

        out["bring"] = suggestion_json(item.bring, lang)
    return out


def _step(item) -> str | None:
    from ..rules.due import safety_step

    return safety_step(item)


def closed(c, today: date, lang: str) -> dict:
    """What `visitlog done` closed: the item as `due` listed it, the day, and the line as written now."""
    return {
        **item(c.item, today, lang),
        "closed": {"report": "reported", "reply": "replied"}.get(_step(c.item) or "", "done"),
        "date": day(c.date),
        "changed": str(c.source),
        "line": c.line,
    }


def timeline_payload(c: Customer, materials) -> dict:
    """`visitlog timeline --json`: the profile and its changes, every contact, and what was received."""
    from .materials import received_json

    received, rungs = materials
    return {
        "customer": c.name, "aliases": list(c.aliases), "profile": flat_profile(c),
        "first_contact": day(c.first_contact), "changes": [change(ch) for ch in c.changes],
        "contacts": [contact(v) for v in c.visits], "materials": [received_json(r) for r in received],
        "ladder": [{"need": r.need, "layers": {layer: [x.material.id for x in had] for layer, had in r.had}}
                   for r in rungs],
    }
