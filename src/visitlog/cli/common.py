"""What every command shares: the app, the common options, the session and the output helpers.

Each command parses its options, opens the notebook (`Session`), calls one rule
and one renderer. stdout is data; stderr is messages. Heavy modules are
imported inside the commands that need them, so start-up stays light.
"""
from __future__ import annotations

import os
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import __version__
from ..i18n import LANGUAGES, choose_language, t
from ..notebook.model import Notebook
from ..notebook.settings import Settings, SettingsError
from .helptext import HelpCommand, HelpGroup, current_language

class App(typer.Typer):
    """The app: every command is a `HelpCommand`, whose help is in the interface language (cli/helptext.py)."""

    def command(self, name: str | None = None, *, cls=None, **kwargs):
        return super().command(name, cls=cls or HelpCommand, **kwargs)


app = App(
    name="visitlog",
    help="help-app",                   # every help text is a catalog key: i18n/help.py
    cls=HelpGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)

USAGE = 2

NotesOpt = Annotated[Optional[str], typer.Option("--notes", metavar="DIR", help="help-opt-notes")]
TodayOpt = Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", envvar="VISITLOG_TODAY",
                                                  help="help-opt-today")]
JsonOpt = Annotated[bool, typer.Option("--json", help="help-opt-json")]
RepOpt = Annotated[Optional[str], typer.Option("--rep", metavar="NAME|all", help="help-opt-rep")]
TeamOpt = Annotated[bool, typer.Option("--team", help="help-opt-team")]
LangOpt = Annotated[Optional[str], typer.Option("--lang", metavar="zh|en", help="help-opt-lang")]


def fail(message: str, code: int = USAGE) -> typer.Exit:
    """Print a message on stderr and return the exit to raise."""
    typer.echo(f"visitlog: {message}", err=True)
    return typer.Exit(code)


def parse_today(value: str | None, lang: str) -> date:
    if not value:
        return date.today()
    from ..notebook.settings import FIRST_YEAR, LAST_YEAR

    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise fail(t("bad-today", lang, value=value)) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise fail(t("bad-today", lang, value=value))
    return day


@dataclass
class Session:
    """What every command starts from: the notebook, its settings, language and day."""

    root: Path
    settings: Settings
    lang: str
    today: date
    notebook: Notebook | None = None

    def load(self, *, report: bool = True, points: bool | date = True) -> Notebook:
        """Read the notebook; load errors go to stderr unless the command reports them itself.

        `points=False`: visits without their points, for rules that never read them (a date: only the
        visits from that day keep theirs)."""
        import gc

        from ..notebook.load import load

        # One command, then exit (as in the lean start, __main__.py): the collector waits while the
        # notebook is built, and its records (no cycles, alive until the exit) are then frozen out of
        # its sight; its passes over them cost a third of a second at 10k visits.
        enabled = gc.isenabled()
        gc.disable()
        try:
            self.notebook = load(self.root, self.settings, use_cache=cache_wanted(), points=points)
        finally:
            gc.freeze()
            if enabled:
                gc.enable()
        if report:
            self.report_errors()
            self.footer_unread()
        return self.notebook

    def footer_unread(self) -> None:
        """When some notes could not be read, the command ends (on stderr) by saying how many, so a list
        that lacks their items never looks complete. Said once, after everything else."""
        unread = len({p.source.path for p in self.notebook.errors}) if self.notebook else 0
        if not unread:
            return
        message = t("unread-notes", self.lang, n=unread)
        last = LAST_WORDS.get()
        if last is None:                  # not inside an invocation of the app (a rule tested on its own)
            typer.echo(message, err=True)
        elif message not in last:
            last.append(message)

    def viewer(self, rep: str | None, team: bool = False) -> str | None:
        """Whose work to show (rules/team.py): a rep's name, `all`, or None in a notebook of one rep or none.

        In a team notebook the default is the current rep (notebook/team.py);
        when no one is found, everyone, with a notice on how to say who you are.
        """
        from ..rules.team import ALL, is_team, reps_of

        if self.notebook is None or not is_team(self.notebook):
            return None
        if team or (rep or "").strip().lower() == ALL:
            return ALL
        from ..notebook.team import current_rep

        name, origin = current_rep(rep, self.root)
        known = reps_of(self.notebook)
        if name is None:
            typer.echo(t("team-who-are-you", self.lang, reps=", ".join(known)), err=True)
            return ALL
        if name not in known:
            if origin == "option":
                raise fail(t("team-unknown-rep", self.lang, rep=name, reps=", ".join(known)))
            typer.echo(t("team-rep-not-here", self.lang, rep=name, origin=t(f"team-origin-{origin}", self.lang),
                         reps=", ".join(known)), err=True)
        return name

    def report_errors(self) -> None:
        """Load errors go to stderr as `path:line: error: message`; the command goes on."""
        errors = self.notebook.errors if self.notebook else ()
        if not errors:
            return  # (and rich is not imported for nothing: `--json` never needs it)
        from ..render.text import problem_line

        for p in errors:
            typer.echo(problem_line(p, self.lang), err=True)

    def errors_json(self) -> list[dict]:
        from ..render import jsonout

        return jsonout.errors(self.notebook.problems if self.notebook else (), self.lang)


def session(notes: str | None, today: str | None, lang: str | None, *, load: bool = True,
            points: bool = True, empty_ok: bool = False) -> Session:
    """The notebook, settings, language and day; `points=False` for rules that never read points.

    A folder without a single note is not taken for a notebook (exit 2, nothing written into it) unless
    the command writes the first note (`empty_ok`)."""
    from ..notebook.load import NotebookNotFound, find_notebook, has_notes
    from ..notebook.settings import load_settings

    if lang is not None and lang not in LANGUAGES:
        raise fail(t("usage-bad-lang", current_language(), value=lang))
    early = choose_language(lang, None)
    try:
        root = find_notebook(notes)
    except NotebookNotFound as exc:
        path = exc.args[0]
        if path and Path(path).exists():
            raise fail(t("notebook-is-a-file", early, path=path))
        raise fail(t("notebook-missing", early, path=path) if path else t("no-notebook", early))
    try:
        settings = load_settings(root)
    except SettingsError as exc:
        raise fail(t("settings-error", early, detail=str(exc)))
    chosen = choose_language(lang, settings.language)
    if not empty_ok and not has_notes(root):
        raise fail(t("no-notes", chosen, path=root))
    s = Session(root, settings, chosen, parse_today(today, chosen))
    if load:
        s.load(points=points)
    return s


def find_customer(s: Session, query: str):
    from ..rules.customers import NoSuchCustomer, match

    try:
        return match(s.notebook, query)
    except NoSuchCustomer as exc:
        if exc.ambiguous:
            raise fail(t("ambiguous-customer", s.lang, name=query, names=", ".join(exc.candidates)))
        hint = t("did-you-mean", s.lang, names=", ".join(exc.candidates)) if exc.candidates else ""
        raise fail(t("unknown-customer", s.lang, name=query, hint=hint))


def complete_customer(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: customer names and aliases from the notebook (`--notes` if already typed)."""
    from ..notebook.load import find_notebook, load
    from ..notebook.settings import load_settings

    try:
        root = find_notebook((ctx.params or {}).get("notes"))
        notebook = load(root, load_settings(root))
    except Exception:
        return []
    names = [c.name for c in notebook.customers] + [alias for alias, _ in notebook.index]
    return sorted({n for n in names if n.startswith(incomplete)})


CustomerArg = Annotated[str, typer.Argument(
    metavar="CUSTOMER", help="help-arg-customer", autocompletion=complete_customer, show_default=False)]


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"visitlog {__version__}")
        raise typer.Exit()


# `--no-cache` for the one invocation it was given to: set by the app's callback,
# reset when that invocation's context closes. Nothing process-wide changes.
NO_CACHE: ContextVar[bool] = ContextVar("visitlog_no_cache", default=False)
# What the invocation says last, on stderr, once everything else is out (the unread-notes footer):
# collected while it runs, written when its context closes (the app's callback sets both up).
LAST_WORDS: ContextVar[list[str] | None] = ContextVar("visitlog_last_words", default=None)


def cache_wanted() -> bool:
    """False when this invocation was given `--no-cache`."""
    return not NO_CACHE.get()


@app.callback()
def main_options(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="help-version")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="help-no-cache")] = False,
) -> None:
    """visitlog: plain-text visit notes for pharmaceutical reps."""
    token = NO_CACHE.set(no_cache)
    last: list[str] = []
    last_token = LAST_WORDS.set(last)

    def close() -> None:
        for message in last:
            typer.echo(message, err=True)
        LAST_WORDS.reset(last_token)
        NO_CACHE.reset(token)

    ctx.call_on_close(close)



def output_target(s: Session, path: str, force: bool, ours=None) -> Path:
    """A file the user named for output (`--out`, `--ics`), checked before any work: never inside
    the notebook, never over an existing file unless `--force` (or `ours(head)` says we wrote it)."""
    from ..notebook.files import OutputRefused, check_output

    target = Path(path).expanduser()
    try:
        check_output(target, s.root, force, ours=ours)
    except OutputRefused as exc:
        raise fail(t(exc.code, s.lang, path=path))
    return target


def write_output(s: Session, target: Path, shown: str, data: bytes, cannot: str) -> None:
    """Write an output file atomically; a failed write is the message `cannot` and exit 2."""
    from ..notebook.files import atomic_write

    try:
        atomic_write(target, data)
    except OSError as exc:
        raise fail(t(cannot, s.lang, path=shown, detail=exc.strerror or exc))


def respond(s: Session, json: bool, payload, view, *, pager: bool = False) -> None:
    """How every reading command ends: one JSON object on stdout (`payload()`, with the
    load errors), or the view for people (`view(width)`), paged at a terminal when asked."""
    if json:
        from ..render.jsonout import emit

        data = payload()
        data.setdefault("errors", s.errors_json())
        emit(data)
        return
    show(view, pager=pager)


def show(view, *, pager: bool = True) -> None:
    """Print a view (`view(width) -> renderables`) on stdout; at a terminal, page it when it is taller
    than the screen (`$PAGER`, default `less -FRX`). Never a pager when stdout is not a terminal."""
    import shlex
    import subprocess
    import sys

    from ..render.text import console

    out = console()
    parts = view(out.width)
    if not (pager and sys.stdout.isatty()):
        for part in parts:
            out.print(part)
        return
    with out.capture() as captured:
        for part in parts:
            out.print(part)
    text = captured.get()

    command = os.environ.get("PAGER", "less -FRX")
    if text.count("\n") < out.height or command.strip() in ("", "cat"):
        sys.stdout.write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        subprocess.run(shlex.split(command), input=text.encode("utf-8"), env=env, check=False)
    except (OSError, ValueError):
        sys.stdout.write(text)


def _shown(kind: str, value: str, lang: str) -> str:
    """A value as the interface shows it, with the value itself when they differ: `承诺 (commitment)`."""
    from ..i18n import MESSAGES

    key = value if kind == "tier" else f"{kind}-{value}"
    label = t(key, lang) if key in MESSAGES else value
    return value if label == value else f"{label} ({value})"


def label_values(option: str, kind: str, raw, known: tuple[str, ...], lang: str) -> list[str]:
    """Option values typed as the interface shows them, in either language (`--kind 承诺,约见`), as
    machine values; a word that names none is a usage error listing the choices."""
    from ..notebook.labels import values_of

    out, bad = values_of(kind, raw, known)
    if bad:
        choices = ", ".join(_shown(kind, v, lang) for v in known)
        raise fail(t("bad-label", lang, option=option, value=bad[0], known=choices))
    return out


def label_value(option: str, kind: str, value: str | None, known: tuple[str, ...], lang: str) -> str | None:
    """One option value, as `label_values`; None stays None."""
    return None if value is None else label_values(option, kind, [value.replace(",", " ")], known, lang)[0]
