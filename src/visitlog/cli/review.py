"""The week and the notebook as documents: review and export."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import t
from .common import (JsonOpt, LangOpt, NotesOpt, TodayOpt, app, fail, session)


# ---------------------------------------------------------------- review
@app.command()
def review(
    notes: NotesOpt = None,
    today: TodayOpt = None,
    week: Annotated[Optional[str], typer.Option(
        "--week", metavar="YYYY-Www", help="The ISO week to review, e.g. 2026-W47 (default: the week of --today).")] = None,
    save: Annotated[bool, typer.Option(
        "--save", help="Also write it as Markdown to reviews/YYYY-Www.md in the notebook (overwritten each time).")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """The Friday review of a week: contacts by tier and channel against the plan,
    promises kept and slipped, high-frequency questions, needs, competitors,
    adverse events, customers to wake up, tier changes, compliance, next week.

    Example: visitlog review --week 2026-W47 --today 2026-11-20 --save
    """
    from ..rules.review import parse_week, review as build, week_of

    s = session(notes, today, lang, load=False)
    try:
        chosen = parse_week(week) if week else week_of(s.today)
    except ValueError:
        raise fail(t("bad-week", s.lang, value=week))
    if chosen.start > s.today:
        raise fail(t("review-future-week", s.lang, week=chosen.label, today=s.today.isoformat()))
    s.load()
    r = build(s.notebook, chosen, s.today, s.settings)
    from ..render import review as show

    if save:
        from ..notebook.files import inside

        if not inside(s.root, s.root / "reviews" / f"{chosen.label}.md"):
            raise fail(t("write-link-outside", s.lang, path=f"reviews/{chosen.label}.md"))
        try:
            saved = show.save(s.root, r, s.lang)
        except OSError as exc:
            raise fail(t("write-failed", s.lang, path=exc.filename or f"reviews/{chosen.label}.md",
                         detail=exc.strerror or exc))
        typer.echo(t("review-saved", s.lang, path=saved), err=True)
    if json:
        from ..render.jsonout import emit

        emit(show.to_json(r, s.lang, s.errors_json()))
        return
    from ..render.text import console

    out = console()
    for part in show.view(r, s.lang):
        out.print(part)


# ---------------------------------------------------------------- export
@app.command()
def export(
    notes: NotesOpt = None,
    fmt: Annotated[str, typer.Option("--format", metavar="csv|json", help="csv (UTF-8 with BOM, for Excel) or json.")] = "csv",
    what: Annotated[str, typer.Option("--what", metavar="visits|actions",
                                      help="One row per visit, or one row per action.")] = "visits",
    out: Annotated[Optional[str], typer.Option("--out", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --out FILE if it exists. 覆盖已存在的文件。")] = False,
    start: Annotated[Optional[str], typer.Option("--from", metavar="YYYY-MM-DD", help="Only visits on or after.")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="YYYY-MM-DD", help="Only visits on or before.")] = None,
    lang: LangOpt = None,
) -> None:
    """Visits or actions as a table for spreadsheets (CSV) or scripts (JSON).

    Example: visitlog export --format csv --what actions --out actions.csv
    """
    from ..render.export import FORMATS, WHAT, rows, to_csv, to_json
    from ..notebook.files import OutputRefused, atomic_write, check_output

    s = session(notes, None, lang, load=False)
    for option, value, known in (("format", fmt, FORMATS), ("what", what, WHAT)):
        if value not in known:
            raise fail(t("export-bad-choice", s.lang, option=option, known=", ".join(known), value=value))
    bounds = []
    for option, value in (("from", start), ("to", end)):
        try:
            bounds.append(date.fromisoformat(value.strip()) if value else None)
        except ValueError:
            raise fail(t("export-bad-date", s.lang, option=option, value=value))
    if out is not None:
        try:
            check_output(Path(out).expanduser(), s.root, force)
        except OutputRefused as exc:
            raise fail(t(exc.code, s.lang, path=out))
    s.load()
    data = rows(s.notebook, what, *bounds)
    payload = to_csv(data, what) if fmt == "csv" else to_json(data, what, s.errors_json())
    if out is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    try:
        atomic_write(Path(out).expanduser(), payload)
    except OSError as exc:
        raise fail(t("export-cannot-write", s.lang, path=out, detail=exc.strerror or exc))
    typer.echo(t("export-written", s.lang, n=len(data), what=t(f"export-what-{what}", s.lang), path=out), err=True)
