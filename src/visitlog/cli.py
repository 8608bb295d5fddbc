"""The `visitlog` command: thin commands over the loader, the rules and the renderers.

Each command parses its options, opens the notebook (`Session`), calls one rule
and one renderer. stdout is data; stderr is messages. Heavy modules are
imported inside the commands that need them, so start-up stays light.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from . import startup

startup.install()  # plain option values without importing pydantic (docs/performance.md)

from . import __version__
from .i18n import choose_language, t
from .model import Notebook
from .settings import Settings, SettingsError

app = typer.Typer(
    name="visitlog",
    help="Plain-text visit notes for pharmaceutical reps: timelines, due lists, scores and weekly reviews.\n\n"
         "医药代表的拜访记录工具：客户时间线、每日待办、客户分级与周复盘。",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)

USAGE = 2

NotesOpt = Annotated[Optional[str], typer.Option(
    "--notes", metavar="DIR", help="Notebook folder (default: $VISITLOG_NOTES, ./notes, or the user config).")]
TodayOpt = Annotated[Optional[str], typer.Option(
    "--today", metavar="YYYY-MM-DD", envvar="VISITLOG_TODAY", help="The day to compute for (default: today).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine output: one JSON object on stdout.")]
LangOpt = Annotated[Optional[str], typer.Option(
    "--lang", metavar="zh|en", help="Interface language (default: the notebook's setting, then the locale).")]


def fail(message: str, code: int = USAGE) -> typer.Exit:
    """Print a message on stderr and return the exit to raise."""
    typer.echo(f"visitlog: {message}", err=True)
    return typer.Exit(code)


def parse_today(value: str | None, lang: str) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise fail(t("bad-today", lang, value=value)) from None


@dataclass
class Session:
    """What every command starts from: the notebook, its settings, language and day."""

    root: Path
    settings: Settings
    lang: str
    today: date
    notebook: Notebook | None = None

    def load(self) -> Notebook:
        from .load import load

        self.notebook = load(self.root, self.settings)
        self.report_errors()
        return self.notebook

    def report_errors(self) -> None:
        """Load errors go to stderr as `path:line: error: message`; the command goes on."""
        errors = self.notebook.errors if self.notebook else ()
        if not errors:
            return  # (and rich is not imported for nothing: `--json` never needs it)
        from .render.text import problem_line

        for p in errors:
            typer.echo(problem_line(p, self.lang), err=True)

    def errors_json(self) -> list[dict]:
        from .render import jsonout

        return jsonout.errors(self.notebook.problems if self.notebook else (), self.lang)


def session(notes: str | None, today: str | None, lang: str | None, *, load: bool = True) -> Session:
    from .load import NotebookNotFound, find_notebook
    from .settings import load_settings

    if lang is not None and lang not in ("zh", "en"):
        raise fail(f"--lang must be zh or en, got {lang!r}")
    early = choose_language(lang, None)
    try:
        root = find_notebook(notes)
    except NotebookNotFound as exc:
        raise fail(t("notebook-missing", early, path=exc.args[0]) if exc.args[0] else t("no-notebook", early))
    try:
        settings = load_settings(root)
    except SettingsError as exc:
        raise fail(t("settings-error", early, detail=str(exc)))
    chosen = choose_language(lang, settings.language)
    s = Session(root, settings, chosen, parse_today(today, chosen))
    if load:
        s.load()
    return s


def find_customer(s: Session, query: str):
    from .customers import NoSuchCustomer, match

    try:
        return match(s.notebook, query)
    except NoSuchCustomer as exc:
        if exc.ambiguous:
            raise fail(t("ambiguous-customer", s.lang, name=query, names=", ".join(exc.candidates)))
        hint = t("did-you-mean", s.lang, names=", ".join(exc.candidates)) if exc.candidates else ""
        raise fail(t("unknown-customer", s.lang, name=query, hint=hint))


def complete_customer(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: customer names and aliases from the notebook (`--notes` if already typed)."""
    from .load import find_notebook, load
    from .settings import load_settings

    try:
        root = find_notebook((ctx.params or {}).get("notes"))
        notebook = load(root, load_settings(root))
    except Exception:
        return []
    names = [c.name for c in notebook.customers] + [alias for alias, _ in notebook.index]
    return sorted({n for n in names if n.startswith(incomplete)})


CustomerArg = Annotated[str, typer.Argument(
    help="Name, alias or unique prefix.", autocompletion=complete_customer, show_default=False)]


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"visitlog {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Show the version and exit.")] = False,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Parse every note afresh, ignoring the parse cache (also VISITLOG_NO_CACHE=1).")] = False,
) -> None:
    """visitlog: plain-text visit notes for pharmaceutical reps."""
    if no_cache:
        os.environ["VISITLOG_NO_CACHE"] = "1"  # read by cache.py; this process only


# ---------------------------------------------------------------- check
@app.command()
def check(notes: NotesOpt = None, json: JsonOpt = False, lang: LangOpt = None, today: TodayOpt = None) -> None:
    """Lint the notebook: YAML and date errors, missing fields, vague actions,
    compliance wording and personal data, as `path:line: level: message`.
    Exit 1 when there are errors.

    Example: visitlog check --notes notes
    """
    from .load import load

    s = session(notes, today, lang, load=False)
    nb = s.notebook = load(s.root, s.settings)
    errors = [p for p in nb.problems if p.level == "error"]
    if json:
        from .render import jsonout

        jsonout.emit({"problems": [jsonout.problem(p, s.lang) for p in nb.problems]})
    else:
        from .render.text import problem_line

        for p in nb.problems:
            typer.echo(problem_line(p, s.lang))
        warnings = len(nb.problems) - len(errors)
        summary = (t("check-summary", s.lang, errors=len(errors), warnings=warnings, files=nb.files)
                   if nb.problems else
                   t("check-ok", s.lang, files=nb.files, visits=len(nb.visits), customers=len(nb.customers)))
        typer.echo(summary, err=True)
    raise typer.Exit(1 if errors else 0)


# ---------------------------------------------------------------- customers
@app.command()
def customers(notes: NotesOpt = None, today: TodayOpt = None, json: JsonOpt = False, lang: LangOpt = None) -> None:
    """All customers with tier, segment, last contact and the next thing due.

    Example: visitlog customers --today 2026-11-20
    """
    from .customers import overview

    s = session(notes, today, lang)
    rows = overview(s.notebook, s.today, s.settings)
    if json:
        from .render.jsonout import day, emit

        emit({"today": s.today.isoformat(), "customers": [{
            "customer": r.customer.name, "aliases": list(r.customer.aliases), "tier": r.tier,
            "tier_source": r.tier_source, "segment": r.segment, "last_contact": day(r.last_contact),
            "next_due": day(r.next_due), "contacts": len(r.customer.visits),
        } for r in rows], "errors": s.errors_json()})
        return
    from .render.text import console, customers_table

    out = console()
    out.print(customers_table(rows, s.today, s.lang) if rows else t("no-customers", s.lang))


# ---------------------------------------------------------------- timeline
@app.command()
def timeline(customer: CustomerArg, notes: NotesOpt = None, today: TodayOpt = None, json: JsonOpt = False,
             lang: LangOpt = None) -> None:
    """The customer's profile as it evolved, and every contact in order with its
    points, questions, actions and their fate.

    Example: visitlog timeline 王主任
    """
    s = session(notes, today, lang)
    c = find_customer(s, customer)
    if json:
        from .render import jsonout

        jsonout.emit({
            "customer": c.name, "aliases": list(c.aliases), "profile": jsonout.flat_profile(c),
            "first_contact": jsonout.day(c.first_contact),
            "changes": [jsonout.change(ch) for ch in c.changes],
            "contacts": [jsonout.contact(v) for v in c.visits], "errors": s.errors_json(),
        })
        return
    from .render.text import console, timeline as render_timeline

    out = console()
    for part in render_timeline(c, s.lang, s.today):
        out.print(part)


# ---------------------------------------------------------------- due
@app.command()
def due(
    notes: NotesOpt = None,
    today: TodayOpt = None,
    days: Annotated[Optional[int], typer.Option("--days", min=0, help="Look this many days ahead (default 3).")] = None,
    customer: Annotated[Optional[str], typer.Option("--customer", help="Only this customer (name, alias, prefix).",
                                                    autocompletion=complete_customer)] = None,
    kind: Annotated[Optional[List[str]], typer.Option(
        "--kind", help="Only these kinds (repeat or comma-separate): safety, commitment, appointment, cadence, "
                       "wake-up.")] = None,
    ics: Annotated[Optional[str], typer.Option(
        "--ics", metavar="FILE", help="Also write the dated items to FILE as an iCalendar file (stable UIDs).")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """What to do today: overdue first, then today, then the next days, each with its reason.

    Example: visitlog due --today 2026-11-20 --days 7 --ics ~/visitlog.ics
    """
    from .due import KINDS, due as due_items

    s = session(notes, today, lang)
    kind = [k.strip() for raw in kind or () for k in raw.split(",") if k.strip()]
    bad = [k for k in kind if k not in KINDS]
    if bad:
        raise fail(f"--kind {bad[0]!r}: use one of {', '.join(KINDS)}")
    items = due_items(s.notebook, s.today, s.settings, days)
    if customer:
        wanted = find_customer(s, customer).name
        items = [i for i in items if i.customer == wanted]
    if kind:
        items = [i for i in items if i.kind in kind]
    if ics:
        from datetime import datetime, timezone

        from .render.ics import calendar
        from .files import atomic_write

        data, count = calendar(items, s.lang, datetime.now(timezone.utc))
        try:
            atomic_write(Path(ics).expanduser(), data)
        except OSError as exc:
            raise fail(t("ics-cannot", s.lang, path=ics, detail=exc.strerror or exc))
        typer.echo(t("ics-written", s.lang, count=count, path=ics), err=True)
    if json:
        from .render import jsonout

        jsonout.emit({"today": s.today.isoformat(), "items": [jsonout.item(i, s.today, s.lang) for i in items],
                      "errors": s.errors_json()})
        return
    from .render.duetext import due_view
    from .render.text import console

    out = console()
    for part in due_view(items, s.today, s.lang, s.settings.due_days if days is None else days, out.width):
        out.print(part)


@app.command()
def done(
    key: Annotated[str, typer.Argument(metavar="ID|PATH:LINE", help="An id from `visitlog due`, or path:line.",
                                       show_default=False)],
    notes: NotesOpt = None,
    today: TodayOpt = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Tick off a promise (`- [ ]` -> `- [x] ... ✅ today`) or record the formal reply
    on an adverse event (`replied: today`). Only that line changes.

    Example: visitlog done c59415d3 --today 2026-11-20
    """
    from .write import DoneError, close

    s = session(notes, today, lang)
    try:
        closed = close(s.notebook, s.root, s.settings, s.today, key)
    except DoneError as exc:
        raise fail(exc.text(s.lang))
    if json:
        from .render import jsonout

        jsonout.emit({"done": jsonout.closed(closed, s.today, s.lang), "errors": s.errors_json()})
        return
    from .render.jsonout import item_text

    message = "done-replied" if closed.item.kind == "safety" else "done-action"
    typer.echo(t(message, s.lang, customer=closed.item.customer, text=item_text(closed.item, s.lang),
                 date=closed.date.isoformat(), source=closed.source))


# ---------------------------------------------------------------- score
def _choices(values: list[str] | None, known: tuple[str, ...], message: str, lang: str, *, upper=False) -> list[str]:
    """Repeatable or comma-separated option values, checked against `known`."""
    out = [v.strip().upper() if upper else v.strip().lower() for raw in values or () for v in raw.split(",") if v.strip()]
    bad = [v for v in out if v not in known]
    if bad:
        raise fail(t(message, lang, value=bad[0]))
    return out


@app.command()
def score(
    notes: NotesOpt = None,
    today: TodayOpt = None,
    tier: Annotated[Optional[List[str]], typer.Option("--tier", help="Only these tiers: A, B, C.")] = None,
    segment: Annotated[Optional[List[str]], typer.Option(
        "--segment", help="Only these segments: consultative, maintain, wake-up.")] = None,
    explain: Annotated[Optional[str], typer.Option(
        "--explain", metavar="CUSTOMER", help="Show every input, weight and threshold behind one customer's scores.",
        autocompletion=complete_customer)] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Potential tiers (A/B/C) and RFM segments, sorted by tier then potential.

    Example: visitlog score --today 2026-11-20 --explain 王主任
    """
    from .render import score as view
    from .render.jsonout import emit
    from .score import SEGMENTS, TIERS, ranked, score as score_of

    s = session(notes, today, lang)
    tiers = _choices(tier, TIERS, "score-bad-tier", s.lang, upper=True)
    segments = _choices(segment, SEGMENTS, "score-bad-segment", s.lang)
    if explain:
        c = find_customer(s, explain)
        one = score_of(c, s.today, s.settings)
        if json:
            emit({"today": s.today.isoformat(), "customers": [{**view.as_json(one, c), "explain": view.explain_json(one)}],
                  "errors": s.errors_json()})
            return
        from .render.text import console

        out = console()
        for part in view.explain(one, c, s.today, s.settings, s.lang):
            out.print(part)
        return
    rows = ranked(s.notebook, s.today, s.settings, tiers, segments)
    if json:
        emit({"today": s.today.isoformat(), "customers": [view.as_json(r, s.notebook.customer(r.customer)) for r in rows],
              "errors": s.errors_json()})
        return
    from .render.text import console

    out = console()
    for part in view.table(rows, s.today, s.lang) if rows else [t("score-none", s.lang)]:
        out.print(part)


# ---------------------------------------------------------------- new
NewCustomerArg = Annotated[str, typer.Argument(
    help="Exact name or alias (a new name creates a customer).", autocompletion=complete_customer,
    show_default=False)]


def interactive() -> bool:
    """A person at a terminal: stdin and stdout are both ttys."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _confirm_new_customer(s: Session, name: str) -> None:
    """An unknown name: ask at a terminal (naming near misses), else go on with a notice."""
    from .new import near_misses

    near = near_misses(s.notebook, name)
    hint = t("new-near-miss", s.lang, names=", ".join(near)) if near else ""
    if not interactive():
        typer.echo(t("new-created-customer", s.lang, name=name, hint=hint), err=True)
    elif not typer.confirm(t("new-confirm", s.lang, name=name, hint=hint), default=not near, err=True):
        typer.echo(t("new-declined", s.lang), err=True)
        raise typer.Exit(1)


@app.command()
def new(
    customer: NewCustomerArg,
    notes: NotesOpt = None,
    when: Annotated[Optional[str], typer.Option("--date", metavar="'YYYY-MM-DD HH:MM'",
                                                help="The visit's moment (default: now).")] = None,
    channel: Annotated[str, typer.Option("--channel", help="visit | phone | online | message")] = "visit",
    purpose: Annotated[Optional[str], typer.Option(
        "--purpose", help="first | follow-up | academic | update | feedback | stock | other "
                          "(default: first for a new customer, else follow-up); picks the template.")] = None,
    style: Annotated[Optional[str], typer.Option(
        "--style", help="academic | transactional | hesitant (default: the profile's); picks the playbook.")] = None,
    todo: Annotated[Optional[List[str]], typer.Option("--todo", metavar="TEXT", help="An action (repeatable).")] = None,
    quick: Annotated[Optional[str], typer.Option(
        "--quick", metavar="SHORTHAND", help="Marker shorthand: ? question, ↑ interest, ! urgent; "
                                             "a deadline phrase makes an action.")] = None,
    edit: Annotated[Optional[bool], typer.Option(
        "--edit/--no-edit", help="Open $VISUAL/$EDITOR (default: when at a terminal).")] = None,
    new_customer: Annotated[bool, typer.Option("--new-customer", help="Create an unknown customer without asking.")] = False,
    playbook: Annotated[bool, typer.Option("--playbook/--no-playbook",
                                           help="Add the style's suggested follow-up actions.")] = True,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Write a new visit note from a template: profile prefilled, what is still open
    carried over, the style's playbook as dated actions; then open the editor, date
    every phrase deadline with 📅, and show what was understood. Never overwrites.

    Example: visitlog new 王主任 --date "2026-11-27 16:00" --quick "询问肝肾毒性? 剂型对比↑ 本周内提供!"
    """
    from datetime import datetime

    from . import new as capture
    from .parse import CHANNELS, PURPOSES, STYLES, parse_date
    from .templating import TemplateError

    s = session(notes, None, lang)
    for option, value, known in (("channel", channel, CHANNELS), ("purpose", purpose, PURPOSES),
                                 ("style", style, STYLES)):
        if value is not None and value not in known:
            raise fail(t("new-bad-choice", s.lang, option=option, known=", ".join(known), value=value))
    parsed = parse_date(when) if when else (datetime.now().replace(second=0, microsecond=0), True)
    if parsed is None:
        raise fail(t("new-bad-date", s.lang, value=when))
    if capture.resolve(s.notebook, customer) is None and not new_customer:
        _confirm_new_customer(s, customer)
    request = capture.Request(customer, parsed[0], parsed[1], channel, purpose, style, tuple(todo or ()), quick,
                              playbook)
    try:
        draft = capture.prepare(s.notebook, request, s.settings, s.lang, s.root)
    except TemplateError as exc:
        raise fail(t("new-template-error", s.lang, detail=str(exc)))
    path = capture.create(s.root, draft.folder, draft.stem, draft.text)
    rel = path.relative_to(s.root).as_posix()
    if edit or (edit is None and interactive()):
        note, args = capture.edit(path, os.environ)
        if note:
            typer.echo(t(note, s.lang, path=path, **args), err=True)
        if capture.is_empty(path):
            path.unlink(missing_ok=True)
            typer.echo(t("new-empty-removed", s.lang, path=rel), err=True)
            raise typer.Exit(1)
    capture.restamp(s.root, path, s.settings)
    visit, problems = capture.understand(s.root, path, s.settings)
    from .render.newprep import new_json, understood
    from .render.text import console

    err = console(stderr=True)
    for part in understood(rel, visit, problems, s.lang):
        err.print(part)
    if json:
        from .render import jsonout

        jsonout.emit({**new_json(rel, str(path), draft, visit, problems, s.lang), "errors": s.errors_json()})
    else:
        typer.echo(str(path))
    raise typer.Exit(1 if any(p.level == "error" for p in problems) else 0)


# ---------------------------------------------------------------- prep
@app.command()
def prep(customer: CustomerArg, notes: NotesOpt = None, today: TodayOpt = None, json: JsonOpt = False,
         lang: LangOpt = None) -> None:
    """The brief before a visit: profile, tier and segment, last contact, open promises,
    unanswered questions, adverse events, products, a suggested purpose, an opening
    line that refers to last time, tips for last time's scenario, the six-step call.

    Example: visitlog prep 刘芳 --today 2026-11-20
    """
    from .prep import brief

    s = session(notes, today, lang)
    b = brief(s.notebook, find_customer(s, customer), s.today, s.settings)
    if json:
        from .render import jsonout
        from .render.newprep import brief_json

        jsonout.emit({"today": s.today.isoformat(), **brief_json(b, s.lang), "errors": s.errors_json()})
        return
    from .render.newprep import brief_view
    from .render.text import console

    out = console()
    for part in brief_view(b, s.lang):
        out.print(part)


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
    from .review import parse_week, review as build, week_of

    s = session(notes, today, lang, load=False)
    try:
        chosen = parse_week(week) if week else week_of(s.today)
    except ValueError:
        raise fail(t("bad-week", s.lang, value=week))
    if chosen.start > s.today:
        raise fail(t("review-future-week", s.lang, week=chosen.label, today=s.today.isoformat()))
    s.load()
    r = build(s.notebook, chosen, s.today, s.settings)
    from .render import review as show

    if save:
        typer.echo(t("review-saved", s.lang, path=show.save(s.root, r, s.lang)), err=True)
    if json:
        from .render.jsonout import emit

        emit(show.to_json(r, s.lang, s.errors_json()))
        return
    from .render.text import console

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
    start: Annotated[Optional[str], typer.Option("--from", metavar="YYYY-MM-DD", help="Only visits on or after.")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="YYYY-MM-DD", help="Only visits on or before.")] = None,
    lang: LangOpt = None,
) -> None:
    """Visits or actions as a table for spreadsheets (CSV) or scripts (JSON).

    Example: visitlog export --format csv --what actions --out actions.csv
    """
    from .export import FORMATS, WHAT, rows, to_csv, to_json
    from .files import atomic_write

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
    s.load()
    data = rows(s.notebook, what, *bounds)
    payload = to_csv(data, what) if fmt == "csv" else to_json(data, what, s.errors_json())
    if out is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    try:
        atomic_write(Path(out), payload)
    except OSError as exc:
        raise fail(t("export-cannot-write", s.lang, path=out, detail=exc.strerror or exc))
    typer.echo(t("export-written", s.lang, n=len(data), what=t(f"export-what-{what}", s.lang), path=out), err=True)


GLOBAL_FLAGS = ("--no-cache",)


def hoist_global_flags(argv: list[str]) -> list[str]:
    """Move app-wide flags written after the command name in front of it.

    Every option may follow the command name (`visitlog due --no-cache`), but
    click only accepts the app's own options before it; this puts them there.
    Nothing after `--` is touched.
    """
    cut = argv.index("--") if "--" in argv else len(argv)
    flags = [a for a in argv[:cut] if a in GLOBAL_FLAGS]
    rest = [a for a in argv[:cut] if a not in GLOBAL_FLAGS]
    return flags + rest + argv[cut:]


def main() -> None:
    """Console-script entry point."""
    if os.name == "nt":  # pragma: no cover - Windows consoles
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    argv = hoist_global_flags(sys.argv[1:])
    startup.one_command(app, argv)(args=argv)  # typer builds only the command asked for


if __name__ == "__main__":  # pragma: no cover
    main()
