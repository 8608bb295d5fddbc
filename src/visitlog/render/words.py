"""Records in words: a problem's message, a due item's text and reason.

Rules and the parser speak in codes and arguments; this is where a code
becomes a sentence of the catalog (`i18n`), for every renderer alike — the
screen, JSON, Markdown, the calendar.
"""
from __future__ import annotations

from ..i18n import MESSAGES, t, word
from ..notebook.model import Problem


def message(problem: Problem, lang: str) -> str:
    args = dict(problem.args)
    if problem.code == "personal-data":
        args["what"] = t(f"pd-{args.get('what')}", lang)
    if problem.code == "adverse-event-details":
        args["missing"] = ("、" if lang == "zh" else ", ").join(t(f"ae-{m}", lang) for m in args.get("missing", ()))
    if problem.code == "bad-type":
        args["expected"] = t(str(args.get("expected")), lang)
    return t(problem.code, lang, **args)


def _item_args(item, lang: str) -> dict:
    """A due item's reason arguments in words: the contact (`at`) and the counting channels."""
    args = dict(item.args)
    if "channel" in args:
        key = f"at-{args['channel']}"
        args["at"] = t(key if key in MESSAGES else "at-contact", lang, visit=args.get("visit", ""))
    if "event" in args and not args["event"]:
        args["event"] = t("adverse-event", lang)       # `adverse_event: true`: no description to name it by
    if "channels" in args:
        args["channels"] = t("channels-or", lang).join(word("channel", c, lang) for c in args["channels"])
    return args


def item_text(item, lang: str) -> str:
    """What to do: the item's own text, else the rule's wording."""
    key = "text-tier-in-depth" if "-in-depth" in item.reason else f"text-{item.rule}"
    return item.text or t(key, lang, **_item_args(item, lang))


def reason_text(item, lang: str) -> str:
    """Why it is due, in words (and whose it is, when the rules marked it with `by`), with what moved it
    (a snooze, a skip, the customer's hours)."""
    args = _item_args(item, lang)
    text = t(item.reason, lang, **args)
    if args.get("by"):
        text += t("by-rep-safety" if item.kind == "safety" else "by-rep", lang, by=args["by"])
    notes = follow_notes(item, lang)
    return text + "".join(f"; {n}" if lang == "en" else f"；{n}" for n in notes)


def follow_notes(item, lang: str) -> list[str]:
    """What changed an item's date or state, in words (docs/due.md "Snooze and skip")."""
    args = dict(item.args)
    out = []
    state = getattr(item, "state", "open")
    if state == "snoozed":
        out.append(t("note-snoozed", lang, until=item.until.isoformat(), why=item.why))
    elif item.moved == "snoozed":
        out.append(t("note-back", lang, until=item.until.isoformat(), why=item.why))
    elif item.moved == "skipped":
        out.append(t("note-skipped", lang, made=item.until.isoformat(), why=item.why))
    if args.get("see_hours"):
        out.append(t("note-hours" if item.moved == "hours" else "note-hours-fits", lang, **args))
    if args.get("group"):
        out.append(t("note-group", lang, **args))
    if args.get("prefer"):
        out.append(t("note-channel", lang, channel=word("channel", args["prefer"], lang)))
    return out
