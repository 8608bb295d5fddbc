"""The morning commands: due (and its calendar file) and done."""
from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from ..i18n import t
from .helptext import count
from .common import (JsonOpt, LangOpt, NotesOpt, RepOpt, TeamOpt, TodayOpt, app, complete_customer,
                     find_customer, label_values, output_target, respond, session,
                     write_output, Session)


# ---------------------------------------------------------------- due
@app.command()
def due(
    notes: NotesOpt = None,
    today: TodayOpt = None,
    days: Annotated[Optional[int], typer.Option("--days", metavar="N", parser=count(3650), help="help-due-days")] = None,
    customer: Annotated[Optional[str], typer.Option("--customer", metavar="NAME", help="help-due-customer",
                                                    autocompletion=complete_customer)] = None,
    kind: Annotated[Optional[List[str]], typer.Option(
        "--kind", metavar="KIND", help="help-due-kind")] = None,
    ics: Annotated[Optional[str], typer.Option(
        "--ics", metavar="FILE", help="help-due-ics")] = None,
    rep: RepOpt = None,
    team: TeamOpt = False,
    force: Annotated[bool, typer.Option(
        "--force", help="help-opt-force-ics")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="help-due-verbose")] = False,
    limit: Annotated[Optional[int], typer.Option(
        "--limit", metavar="N", parser=count(), help="help-due-limit")] = None,
    show_all: Annotated[bool, typer.Option(
        "--all", help="help-due-all")] = False,
    pager: Annotated[bool, typer.Option("--pager/--no-pager", help="help-due-pager")] = True,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """What to do today, by customer: the most urgent first, one line per step; -v says why and where.

    Example: visitlog due --today 2026-11-20 --days 7 --ics ~/visitlog.ics
    """
    from ..render.duescreen import fit
    from ..render.duetext import due_view
    from ..render.jsonout import due_payload
    from ..rules.due import KINDS, only
    from ..rules.materials import with_suggestions
    from ..rules.morning import morning
    from ..rules.team import due_for

    s = session(notes, today, lang, load=False)
    s.load(points=(s.root / "materials").is_dir())  # due never reads points; what to bring does (needs)
    kinds = label_values("--kind", "kind", kind, KINDS, s.lang)
    items = only(with_suggestions(s.notebook, due_for(s.notebook, s.today, s.settings, s.viewer(rep, team), days),
                                  s.today, s.settings), find_customer(s, customer).name if customer else None, kinds)
    if ics:
        write_calendar(s, ics, items, force)
    m = morning(items, s.today, s.settings, show_all=show_all, limit=limit)
    fits = limit is None and not (show_all or verbose or json)     # at a terminal: two screens (docs/due.md)
    # the lean start (visitlog/__main__.py) answers --json too: tests/test_lean.py
    respond(s, json, lambda: due_payload(items, s.today, s.lang, s.notebook.problems),
            lambda width: fit(lambda mm: due_view(mm, items, s.today, s.lang, s.settings.due_days if days is None
                                                  else days, width, verbose=verbose), m,
                              screen_lines(s, width) if fits else None, width), pager=pager)


def screen_lines(s: Session, width: int) -> int | None:
    """Lines the list may take at a terminal (two screens, less the load errors printed above it); None
    when stdout is not a terminal (a pipe or a file gets the whole list)."""
    import sys

    from ..render.duescreen import budget, stderr_lines
    from ..render.text import console, problem_line

    if not sys.stdout.isatty():
        return None
    shown = [problem_line(p, s.lang) for p in s.notebook.errors] if sys.stderr.isatty() else []
    if shown:
        shown.append(t("unread-notes", s.lang, n=len({p.source.path for p in s.notebook.errors})))
    return budget(console().height, stderr_lines(shown, width))


def write_calendar(s: Session, ics: str, items, force: bool) -> None:
    """`--ics FILE`: the dated items as a calendar, replacing only a calendar visitlog wrote (or with --force)."""
    from datetime import date, datetime, timezone

    from ..render.ics import PRODID, calendar

    target = output_target(s, ics, force, ours=lambda head: PRODID.encode() in head)
    previous = target.read_bytes() if target.is_file() else b""
    previous = previous if PRODID.encode() in previous else b""      # (--force over another file: not ours)
    real_today = s.today == date.today()
    data, count = calendar(items, s.lang, datetime.now(timezone.utc), today=s.today,
                           now=datetime.now() if real_today else None, previous=previous)
    write_output(s, target, ics, data, "ics-cannot")
    typer.echo(t("ics-written", s.lang, count=count, path=ics), err=True)


@app.command()
def done(
    keys: Annotated[List[str], typer.Argument(metavar="ID|PATH:LINE...",
                                              help="help-done-keys",
                                              show_default=False)],
    notes: NotesOpt = None,
    today: TodayOpt = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Tick off promises (`- [ ]` -> `- [x] ... ✅ today`) or record an adverse event's report
    to pharmacovigilance (`reported: today`) or its formal reply (`replied: today`).
    Only those lines change; several at once.

    Example: visitlog done c59415d3 c605 --today 2026-11-20
    """
    from ..edit.done import DoneError, close
    from ..render.words import item_text
    from ..rules.due import complete_id, safety_step

    s = session(notes, today, lang)
    closed_all, failed = [], False
    for key in dict.fromkeys(keys):
        full = complete_id(s.notebook, s.today, s.settings, key)
        try:
            if isinstance(full, list) and len(full) > 1:
                raise DoneError("done-ambiguous", name=key, ids=", ".join(full))
            closed = close(s.notebook, s.root, s.settings, s.today, full if isinstance(full, str) else key)
        except DoneError as exc:
            typer.echo(f"visitlog: {exc.text(s.lang)}", err=True)
            failed = True
            continue
        closed_all.append(closed)
        if not json:
            step = safety_step(closed.item)
            message = {"report": "done-reported", "reply": "done-replied"}.get(step or "", "done-action")
            typer.echo(t(message, s.lang, customer=closed.item.customer, text=item_text(closed.item, s.lang),
                         date=closed.date.isoformat(), source=closed.source))
    if json and (closed_all or len(keys) > 1):
        from ..render import jsonout

        done_json = [jsonout.closed(c, s.today, s.lang) for c in closed_all]
        jsonout.emit({"done": done_json[0] if len(keys) == 1 and done_json else done_json,
                      "errors": s.errors_json()})
    if failed:
        raise typer.Exit(2)
