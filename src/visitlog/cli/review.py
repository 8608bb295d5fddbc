"""The week and the notebook as documents: review and export."""
from __future__ import annotations

import sys
from datetime import date, timedelta
from typing import Annotated, Optional

import typer

from ..i18n import t
from .privacy import UnmaskedOpt, mask
from .common import (JsonOpt, LangOpt, NotesOpt, RepOpt, TeamOpt, TodayOpt, app, fail, output_target, session,
                     write_output)


# ---------------------------------------------------------------- review
@app.command()
def review(
    notes: NotesOpt = None,
    today: TodayOpt = None,
    week: Annotated[Optional[str], typer.Option(
        "--week", metavar="YYYY-Www", help="help-review-week")] = None,
    month: Annotated[Optional[str], typer.Option(
        "--month", metavar="YYYY-MM", help="help-review-month")] = None,
    start: Annotated[Optional[str], typer.Option("--from", metavar="YYYY-MM-DD", help="help-review-from")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="YYYY-MM-DD", help="help-review-to")] = None,
    save: Annotated[bool, typer.Option(
        "--save", help="help-review-save")] = False,
    html: Annotated[bool, typer.Option(
        "--html", help="help-review-html")] = False,
    rep: RepOpt = None,
    team: TeamOpt = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
    unmasked: UnmaskedOpt = False,
) -> None:
    """The Friday review of a week: contacts by tier and channel against the plan,
    promises kept and slipped, high-frequency questions, needs, competitors,
    adverse events, customers to wake up, tier changes, compliance, next week.

    In a team notebook: your week (--rep NAME: a colleague's); --team: the manager's
    review, one row per rep, and the district's questions and competitors.

    Also a month (--month 2026-11) or any span (--from 2026-10-01 --to 2026-11-20).

    Example: visitlog review --week 2026-W47 --today 2026-11-20 --save
    """
    from ..rules.review import review as build

    s = session(notes, today, lang, load=False)
    chosen = _period(s, week, month, start, end) or _week(s, week)
    if chosen.start > s.today:
        raise fail(t("review-future-week", s.lang, week=chosen.label, today=s.today.isoformat()))
    from ..rules.review import points_since

    # the points of its own weeks only; all of them when a material library reads every contact's lines
    s.load(points=True if (s.root / "materials").is_dir() else points_since(chosen, s.settings))
    if not unmasked or save or html:
        mask(s)                        # a saved review never holds personal data unmasked
    viewer = s.viewer(rep, team)
    if viewer == "all":
        return _district(s, chosen, save or html, html, json)
    from ..rules.district import trend
    from ..rules.team import rep_notebook

    mine = rep_notebook(s.notebook, viewer)
    r = build(mine, chosen, s.today, s.settings)
    from ..render import review as show

    if save or html:
        stem = chosen.label + (f"-{_file_word(viewer)}" if viewer else "")
        _save(s, f"reviews/{stem}.md", lambda: show.markdown(r, s.lang))
        if html:
            from ..render.html import review_page

            _save(s, f"reviews/{stem}.html", lambda: review_page(r, s.lang, trend(mine, chosen, s.today)))
    if json:
        from ..render.jsonout import emit

        emit(show.to_json(r, s.lang, s.errors_json()))
        return
    from ..render.text import console

    out = console()
    for part in show.view(r, s.lang):
        out.print(part)


def _week(s, week: str | None):
    from ..rules.review import parse_week, week_of

    try:
        return parse_week(week) if week else week_of(s.today)
    except ValueError:
        raise fail(t("bad-week", s.lang, value=week))


def _period(s, week: str | None, month: str | None, start: str | None, end: str | None):
    """--month or --from/--to as a Period (None: review a week); one way of saying the span at a time."""
    from ..rules.review import parse_month, span

    if sum(bool(x) for x in (week, month, start or end)) > 1:
        raise fail(t("review-one-span", s.lang))
    if month:
        try:
            return parse_month(month)
        except ValueError:
            raise fail(t("review-bad-month", s.lang, value=month))
    if not (start or end):
        return None
    days = []
    for option, value in (("from", start), ("to", end)):
        try:
            days.append(date.fromisoformat(value.strip()) if value else None)
        except ValueError:
            raise fail(t("export-bad-date", s.lang, option=option, value=value))
    first, last = days[0] or days[1] - timedelta(days=6), days[1] or s.today
    try:
        return span(first, last)
    except ValueError:
        raise fail(t("review-bad-span", s.lang, start=first.isoformat(), end=last.isoformat()))


def _file_word(name: str) -> str:
    """A rep's name as part of a file name: path separators and control characters become `_`."""
    import re

    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(". ") or "_"


def _save(s, rel: str, text) -> None:
    """Write `rel` in the notebook (never through a link out of it), atomically, and say so."""
    from ..notebook.files import atomic_write, inside

    path = s.root / rel
    if not inside(s.root, path):
        raise fail(t("write-link-outside", s.lang, path=rel))
    try:
        atomic_write(path, text().encode("utf-8"))
    except OSError as exc:
        raise fail(t("write-failed", s.lang, path=exc.filename or rel, detail=exc.strerror or exc))
    typer.echo(t("review-saved", s.lang, path=path), err=True)


def _district(s, chosen, save: bool, html: bool, json: bool) -> None:
    """`review --team`: the manager's review of the week."""
    from ..render import district as show
    from ..rules.district import district

    d = district(s.notebook, chosen, s.today, s.settings)
    if save:
        _save(s, f"reviews/{chosen.label}-team.md", lambda: show.markdown(d, s.lang))
        if html:
            from ..render.html import district_page

            _save(s, f"reviews/{chosen.label}-team.html", lambda: district_page(d, s.lang))
    if json:
        from ..render.jsonout import emit

        emit(show.to_json(d, s.lang, s.errors_json()))
        return
    from ..render.text import console

    for line in show.view(d, s.lang, console().width):
        typer.echo(line)


# ---------------------------------------------------------------- export
@app.command()
def export(
    notes: NotesOpt = None,
    fmt: Annotated[str, typer.Option("--format", metavar="csv|json", help="help-export-format")] = "csv",
    what: Annotated[str, typer.Option("--what", metavar="visits|actions",
                                      help="help-export-what")] = "visits",
    out: Annotated[Optional[str], typer.Option("--out", metavar="FILE", help="help-export-out")] = None,
    force: Annotated[bool, typer.Option("--force", help="help-export-force")] = False,
    start: Annotated[Optional[str], typer.Option("--from", metavar="YYYY-MM-DD", help="help-export-from")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="YYYY-MM-DD", help="help-export-to")] = None,
    lang: LangOpt = None,
) -> None:
    """Visits or actions as a table for spreadsheets (CSV) or scripts (JSON).

    Example: visitlog export --format csv --what actions --out actions.csv
    """
    from ..render.export import FORMATS, WHAT, rows, to_csv, to_json

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
    target = output_target(s, out, force) if out is not None else None
    s.load()
    mask(s)                            # what is exported leaves the notebook: personal data starred out
    data = rows(s.notebook, what, *bounds)
    payload = to_csv(data, what) if fmt == "csv" else to_json(data, what, s.errors_json())
    if target is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    write_output(s, target, out, payload, "export-cannot-write")
    typer.echo(t("export-written", s.lang, n=len(data), what=t(f"export-what-{what}", s.lang), path=out), err=True)
