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
        from .render.text import problem_line

        for p in self.notebook.errors if self.notebook else ():
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


def complete_customer(incomplete: str) -> list[str]:
    """Shell completion: customer names and aliases from the notebook."""
    from .load import find_notebook, load
    from .settings import load_settings

    try:
        root = find_notebook(None)
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
) -> None:
    """visitlog: plain-text visit notes for pharmaceutical reps."""


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
        "--kind", help="Only these kinds: safety, commitment, appointment, cadence, wake-up.")] = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """What to do today: overdue first, then today, then the next days, each with its reason.

    Example: visitlog due --today 2026-11-20 --days 7
    """
    from .due import KINDS, due as due_items

    s = session(notes, today, lang)
    bad = [k for k in kind or () if k not in KINDS]
    if bad:
        raise fail(f"--kind {bad[0]!r}: use one of {', '.join(KINDS)}")
    items = due_items(s.notebook, s.today, s.settings, days)
    if customer:
        wanted = find_customer(s, customer).name
        items = [i for i in items if i.customer == wanted]
    if kind:
        items = [i for i in items if i.kind in kind]
    if json:
        from .render import jsonout

        jsonout.emit({"today": s.today.isoformat(), "items": [jsonout.item(i, s.today, s.lang) for i in items],
                      "errors": s.errors_json()})
        return
    from .render.text import console, due_view

    out = console()
    for part in due_view(items, s.today, s.lang):
        out.print(part)


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


def main() -> None:
    """Console-script entry point."""
    if os.name == "nt":  # pragma: no cover - Windows consoles
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
