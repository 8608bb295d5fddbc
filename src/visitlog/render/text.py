"""Output for people: rich tables and lists, readable at 80 columns with Chinese text."""
from __future__ import annotations

import os
import sys
from datetime import date

from rich.console import Console
from rich.text import Text

from ..i18n import t, word
from ..notebook.model import Action, Customer, Problem
from .words import message


def console(stderr: bool = False) -> Console:
    """A console that honours NO_COLOR and COLUMNS, and never wraps into a pager."""
    return Console(
        file=sys.stderr if stderr else sys.stdout,
        no_color=bool(os.environ.get("NO_COLOR")),
        highlight=False,
        soft_wrap=False,
    )


def problem_line(problem: Problem, lang: str) -> str:
    """`path:line: level: message`, the form editors jump to."""
    return f"{problem.source}: {problem.level}: {message(problem, lang)}"


def short(d: date | None, today: date | None = None) -> str:
    if d is None:
        return "—"
    if today is not None and d.year == today.year:
        return d.strftime("%m-%d")
    return d.isoformat()


def action_fate(a: Action, lang: str) -> Text:
    """An action with its status, deadline and what became of it."""
    if a.status == "done":
        mark, style = "✔", "green"
    elif a.status == "cancelled":
        mark, style = "✘", "dim"
    else:
        mark, style = "☐", "bold"
    out = Text(f"{mark} ", style=style)
    out.append(a.label)
    if a.due:
        out.append(f"  📅 {a.due.isoformat()}", style="cyan")
        if a.due_from == "phrase" and a.phrase:
            out.append(f" ({a.phrase})", style="dim")
    elif a.status == "open" and a.after is not None:    # a chained step: dated once the step before is done
        out.append(f"  [{t('state-chained', lang)}]", style="yellow")
    elif a.status == "open":
        out.append(f"  [{t('no-date', lang)}]", style="yellow")
    if a.done:
        out.append(f"  ✅ {a.done.isoformat()}", style="green")
        if a.due and a.done > a.due:
            out.append(f" {t('late', lang)}", style="red")
    return out


def customers_table(rows, today: date, lang: str, reps: dict | None = None):
    """The customers overview; `reps` (customer -> covering reps) adds a column, for a team's view."""
    from rich.table import Table  # only the views that lay out tables pay for importing it

    table = Table(box=None, header_style="bold", pad_edge=False)
    for key in ("customer", "tier", "segment", "last-contact", "next-due", "contacts") + (("reps",) if reps else ()):
        table.add_column(t(key, lang), no_wrap=key not in ("customer", "reps"))
    for r in rows:
        name = r.customer.name
        if r.customer.aliases:
            name += f" ({'/'.join(r.customer.aliases)})"
        tier = r.tier + ("*" if r.tier_source == "override" else "?" if r.tier_source == "unscored" else "")
        overdue = r.next_due is not None and r.next_due < today
        table.add_row(
            name,
            tier,
            word("segment", r.segment, lang),
            short(r.last_contact, today),
            Text(short(r.next_due, today) + (f" {t('customers-overdue', lang)}" if overdue else ""),
                 style="red" if overdue else ""),       # overdue in a word, not in colour alone
            str(len(r.customer.visits)),
            *((", ".join(reps.get(r.customer.name, ())),) if reps else ()),
        )
    return table


def contact_when(v) -> str:
    """A contact's date, with its time when the note gives one."""
    return v.moment.strftime("%Y-%m-%d %H:%M") if v.has_time else v.day.isoformat()


def contact_summary(v, lang: str) -> Text:
    """`channel · purpose · mood  path` of a contact, in words."""
    line = Text(word("channel", v.channel, lang))
    if v.purpose:
        line.append(f" · {word('purpose', v.purpose, lang)}")
    if v.mood:
        line.append(f" · {word('mood', v.mood, lang)}")
    line.append(f"  {v.source.path}", style="dim")
    return line


def _grid():
    """Two columns, a narrow one for marks and a wide one for text, so wrapped lines stay indented."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=4, no_wrap=True, justify="right")
    grid.add_column(ratio=1, overflow="fold")
    return grid


def timeline(c: Customer, lang: str, today: date) -> list:
    """The customer's profile, its changes, then every contact in order."""
    out: list = []
    profile = c.profile_at()
    head = Text(c.name, style="bold")
    if c.aliases:
        head.append(f"  ({'/'.join(c.aliases)})", style="dim")
    out.append(head)
    facts = [f"{t(key, lang)}: {word(key, profile[key], lang)}"
             for key in ("hospital", "department", "title", "role", "style") if profile.get(key)]
    if profile["potential"]:
        facts.append(f"{t('potential', lang)}: " + ", ".join(f"{k}={v}" for k, v in profile["potential"].items()))
    if c.first_contact:
        facts.append(f"{t('since', lang)}: {c.first_contact.isoformat()}")
    if facts:
        grid = _grid()
        grid.add_row("", " · ".join(facts))
        out.append(grid)
    if c.changes:
        out.append(Text(t("changes", lang), style="bold"))
        changes = _grid()
        for ch in c.changes:
            changes.add_row("", f"{ch.day.isoformat()}  " + t("changed", lang, field=ch.field,
                                                            old=ch.old if ch.old is not None else "—", new=ch.new))
        out.append(changes)
    for v in c.visits:
        out.append(Text(""))
        out.append(Text(f"{contact_when(v)}  ", style="bold") + contact_summary(v, lang))
        grid = _grid()
        if v.host:
            grid.add_row("", Text(t("note-host", lang, host=v.host), style="dim"))
        elif v.attendees:
            grid.add_row("", Text(t("timeline-attendees", lang, names="、".join(v.attendees)), style="dim"))
        for p in v.points:
            if not p.is_action:
                marks = ("?" if p.question else "") + ("↑" if p.interest else "") + ("!" if p.urgent else "")
                grid.add_row(marks, p.text)
        for label, values in (("tags", v.tags), ("competitors", v.competitors), ("products", v.products)):
            if values:
                grid.add_row("", Text(f"{t(label, lang)}: {', '.join(values)}", style="dim"))
        if v.adverse_event:
            ae = v.adverse_event
            status = t("replied", lang, date=ae.replied.isoformat()) if ae.replied else t("not-replied", lang)
            grid.add_row(Text("⚠", style="red"),
                         Text(f"{t('adverse-event', lang)} ({status}): {ae.description}", style="red"))
        for a in v.actions:
            fate = action_fate(a, lang)
            grid.add_row(fate[:2], fate[2:])
        if v.next_text:
            nxt = f"{t('next-contact', lang)}: {v.next_text}"
            if v.next_due and v.next_text != v.next_due.isoformat():
                nxt += f" ({v.next_due.isoformat()})"
            grid.add_row("→", Text(nxt, style="cyan"))
        for n in v.follow:
            key = "follow-timeline-snooze" if n.action == "snooze" else "follow-timeline-skip"
            grid.add_row("⏸", Text(t(key, lang, made=n.made.isoformat(), until=n.until.isoformat() if n.until else "",
                                      id=n.target, why=n.why), style="yellow"))
        out.append(grid)
    return out

def check_report(problems, nb, lang: str) -> tuple[list[str], str]:
    """`visitlog check` for people: one `path:line: level: message` line per problem, and the summary."""
    errors = sum(1 for p in problems if p.level == "error")
    summary = (t("check-summary", lang, errors=errors, warnings=len(problems) - errors, files=nb.files)
               if problems else t("check-ok", lang, files=nb.files, visits=len(nb.visits), customers=len(nb.customers)))
    return [problem_line(p, lang) for p in problems], summary


def timeline_view(nb, c: Customer, materials, lang: str, today: date) -> list:
    """`visitlog timeline`: the customer's story, then (with a material library) the ladder of what they had."""
    from .materials import ladder_view

    received, rungs = materials
    parts = timeline(c, lang, today)
    return [*parts, "", *ladder_view(nb, rungs, received, lang)] if nb.materials else parts


def customers_view(rows, today: date, lang: str, reps: dict | None = None) -> list:
    """`visitlog customers`: the table, or a sentence when there is nobody."""
    return [customers_table(rows, today, lang, reps) if rows else t("no-customers", lang)]
