"""`visitlog new`: write the note of a contact just made."""
from __future__ import annotations

import os
import sys
from typing import Annotated, List, Optional

import typer

from ..i18n import t
from .common import (JsonOpt, LangOpt, NotesOpt, Session, TodayOpt, app, complete_customer, fail, label_value, session)


# ---------------------------------------------------------------- new
NewCustomerArg = Annotated[str, typer.Argument(
    help="help-new-customer", autocompletion=complete_customer,
    show_default=False)]


def interactive() -> bool:
    """A person at a terminal: stdin and stdout are both ttys."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _confirm_new_customer(s: Session, name: str) -> None:
    """An unknown name: ask at a terminal (naming near misses), else go on with a notice."""
    from ..edit.new import near_misses

    near = near_misses(s.notebook, name)
    hint = t("new-near-miss", s.lang, names=", ".join(near)) if near else ""
    if not interactive():
        typer.echo(t("new-created-customer", s.lang, name=name, hint=hint), err=True)
    elif not typer.confirm(t("new-confirm", s.lang, name=name, hint=hint), default=False, err=True):
        typer.echo(t("new-declined", s.lang), err=True)
        raise typer.Exit(1)


def _moment(when: str | None, today: str | None, day):
    """--date as written (ISO or natural), else now; with --today/VISITLOG_TODAY, that day (no time)."""
    from datetime import datetime

    from ..edit.when import moment
    from ..notebook.parse import parse_date

    if when:
        return parse_date(when) or moment(when, day)
    if today:
        return datetime.combine(day, datetime.min.time()), False
    return datetime.now().replace(second=0, microsecond=0), True


@app.command()
def new(
    customer: NewCustomerArg,
    notes: NotesOpt = None,
    when: Annotated[Optional[str], typer.Option("--date", metavar="WHEN",
                                                help="help-new-date")] = None,
    today: TodayOpt = None,
    channel: Annotated[str, typer.Option("--channel", metavar="CHANNEL", help="help-new-channel")] = "visit",
    purpose: Annotated[Optional[str], typer.Option(
        "--purpose", metavar="PURPOSE", help="help-new-purpose")] = None,
    style: Annotated[Optional[str], typer.Option(
        "--style", metavar="STYLE", help="help-new-style")] = None,
    todo: Annotated[Optional[List[str]], typer.Option("--todo", metavar="ACTION", help="help-new-todo")] = None,
    quick: Annotated[Optional[str], typer.Option(
        "--quick", metavar="SHORTHAND", help="help-new-quick")] = None,
    edit: Annotated[Optional[bool], typer.Option(
        "--edit/--no-edit", help="help-new-edit")] = None,
    new_customer: Annotated[bool, typer.Option("--new-customer", help="help-new-new-customer")] = False,
    playbook: Annotated[bool, typer.Option("--playbook/--no-playbook",
                                           help="help-new-playbook")] = True,
    accept: Annotated[Optional[List[str]], typer.Option(
        "--accept", metavar="N|WORDS|all", help="help-new-accept")] = None,
    rep: Annotated[Optional[str], typer.Option(
        "--rep", metavar="NAME", help="help-new-rep")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Write a new visit note from a template: profile prefilled, what is still open
    carried over, the style's playbook as dated suggestions (accept with --accept or by
moving a line out of the suggestion block); then open the editor, date
    every phrase deadline with 📅, and show what was understood. Never overwrites.

    Example: visitlog new 王主任 --date "2026-11-27 16:00" --quick "询问肝肾毒性? 剂型对比↑ 本周内提供!"
    """
    from datetime import datetime

    from ..edit import new as capture
    from ..notebook.parse import CHANNELS, PURPOSES, STYLES, parse_date
    from ..edit.templating import TemplateError

    s = session(notes, today, lang, empty_ok=True)
    channel = label_value("--channel", "channel", channel, CHANNELS, s.lang)
    purpose = label_value("--purpose", "purpose", purpose, PURPOSES, s.lang)
    style = label_value("--style", "style", style, STYLES, s.lang)
    parsed = _moment(when, today, s.today)
    if parsed is None:
        raise fail(t("new-bad-date", s.lang, value=when))
    found = capture.resolve(s.notebook, customer, prefix=not new_customer)   # as every command names one
    if found is None and not new_customer:
        _confirm_new_customer(s, customer)
    elif found is not None and s.notebook.customer(customer.strip()) is None:
        typer.echo(t("name-resolved", s.lang, name=customer, customer=found.name), err=True)
    from ..notebook.team import current_rep

    request = capture.Request(customer, parsed[0], parsed[1], channel, purpose, style, tuple(todo or ()), quick,
                              playbook, current_rep(rep, s.root)[0], tuple(accept or ()),
                              new_customer=new_customer)
    try:
        draft = capture.prepare(s.notebook, request, s.settings, s.lang, s.root)
    except TemplateError as exc:
        raise fail(t("new-template-error", s.lang, detail=str(exc)))
    try:
        path = capture.create(s.root, draft.folder, draft.stem, draft.text)
    except OSError as exc:
        raise fail(t("write-failed", s.lang, path=exc.filename or draft.folder, detail=exc.strerror or exc))
    rel = path.relative_to(s.root).as_posix()
    if edit or (edit is None and interactive()):
        template = path.read_bytes()
        note, args = capture.edit(path, os.environ)
        given = bool(todo or quick or accept)          # what the command line said is worth keeping as it is
        why = ("new-editor-exit" if note == "new-editor-exit" else "new-empty-removed" if capture.is_empty(path)
               else "new-unchanged-removed" if not given and capture.unchanged(path, template) else None)
        if why:
            path.unlink(missing_ok=True)                # nothing recorded: `:cq`, an emptied or untouched note
            typer.echo(t(why, s.lang, path=rel, **args), err=True)
            raise typer.Exit(1)
        if note:
            typer.echo(t(note, s.lang, path=path, **args), err=True)
    try:
        capture.restamp(s.root, path, s.settings)
        visit, problems = capture.understand(s.root, path, s.settings)
    except OSError as exc:
        raise fail(t("write-failed-after", s.lang, path=rel, detail=exc.strerror or exc))
    from ..render.newprep import new_json, understood
    from ..render.text import console

    err = console(stderr=True)
    for part in understood(rel, visit, problems, s.lang, accepted=draft.accepted):
        err.print(part)
    if json:
        from ..render import jsonout

        jsonout.emit({**new_json(rel, str(path), draft, visit, problems, s.lang), "errors": s.errors_json()})
    else:
        typer.echo(str(path))
    raise typer.Exit(1 if any(p.level == "error" for p in problems) else 0)
