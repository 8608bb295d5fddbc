"""The console script (`visitlog`) and `python -m visitlog`: the lean start, else the full command line.

The morning commands a script or a status bar runs over and over —
`due --json` and `customers --json`, with `--today`, `--notes`, `--days`,
`--rep`, `--team`, `--lang`, `--no-cache` (and `due --kind`) — and the text
`due` (also `-v`, `--all`, `--limit`, `--pager`/`--no-pager`) when stdout
is not a terminal (a pipe, a file: no colour, no pager) are answered here
without importing typer, click, rich or pydantic (about half of a warm
`due --json` on a district's notebook was importing them). Everything else,
and anything here is not sure of, falls through to the full command line
(`visitlog.cli`), which then runs as if this module did not exist:

- any other command, option or form (`-h`, `--customer`, `--ics`, an option
  other than `--kind` given twice, `--`, a value that looks like an option,
  shell completion);
- text `due` at a terminal (colour, the pager), or when rich would not print
  plain text or would measure differently (`FORCE_COLOR`, `TTY_COMPATIBLE=1`,
  `UNICODE_VERSION`, a stdout that is not UTF-8, a width below one column);
- anything that would end in a message of the full CLI: a `--lang` other
  than zh/en, a bad `--today`, `--days`, `--limit` or `--kind`, no notebook
  or a folder without notes, a bad `visitlog.yaml`, an unknown `--rep`.

Nothing is written before that decision, so a fall-through never prints
twice. `due --json` on a notebook without a material library answers from
the index's per-customer summaries (`notebook/summary.py`, `rules/facts.py`):
the same due rules over the facts they read, without building a visit. The answer is built by the same rule and the same JSON code as the
full command (`rules.team.due_for`, `rules.customers.overview`,
`render.jsonout`); the session steps the full CLI takes (`cli/common.py`:
language, notebook, settings, day, load errors on stderr, whose work to
show) are mirrored here, and `tests/test_lean.py` checks that both give the
same bytes on stdout and stderr and the same exit code. A change to the JSON
of `due` or `customers` in `cli/` must be made here too; the test says so.
"""
from __future__ import annotations

import os
import sys

COMMANDS = {
    "due": ("--notes", "--today", "--days", "--rep", "--lang", "--limit", "--kind"),
    "customers": ("--notes", "--today", "--rep", "--lang"),
}
FLAGS = {
    "due": ("--json", "--no-cache", "--team", "-v", "--verbose", "--all", "--pager", "--no-pager"),
    "customers": ("--json", "--no-cache", "--team"),
}
REPEATABLE = ("--kind",)             # given again, its values add up (as typer's list option)
TEXT = ("due",)                      # answered without --json too, when stdout is not a terminal


class _FallThrough(Exception):
    """The full command line answers this one."""


def parse(argv: list[str], environ: dict) -> tuple[str, dict] | None:
    """(command, options) when the lean start can answer `argv`, else None."""
    if not argv or argv[0] not in COMMANDS or any(k.startswith("_") and k.endswith("_COMPLETE") for k in environ):
        return None
    command, allowed, flags = argv[0], COMMANDS[argv[0]], FLAGS[argv[0]]
    options: dict = {}
    rest = argv[1:]
    i = 0
    while i < len(rest):
        arg = rest[i]
        name, eq, value = arg.partition("=")
        if arg in flags:
            if arg in options:
                return None
            options[arg] = True
        elif name in allowed:
            if not eq:
                if i + 1 >= len(rest) or rest[i + 1].startswith("-"):
                    return None
                i += 1
                value = rest[i]
            if name in REPEATABLE:
                options.setdefault(name, []).append(value)
            elif name in options:
                return None
            else:
                options[name] = value
        else:
            return None
        i += 1
    if "--team" in options:                  # Session.viewer: --team is --rep all, whatever --rep says
        options["--rep"] = "all"
    if "--json" not in options and not (command in TEXT and _plain_stdout(environ)):
        return None
    return command, options


def _plain_stdout(environ: dict) -> bool:
    """True when the full CLI's console would print plain text to stdout: not a terminal (`cli/common.show`
    pages only at one), no colour forced, rich's own cell widths (render/cells.py), UTF-8."""
    if environ.get("FORCE_COLOR") or environ.get("TTY_COMPATIBLE") == "1" or "UNICODE_VERSION" in environ:
        return False
    try:
        if sys.stdout.isatty():
            return False
    except (AttributeError, ValueError):
        return False
    return (getattr(sys.stdout, "encoding", "") or "").lower().replace("_", "-") in ("utf-8", "utf8")


def _width(environ: dict) -> int:
    """The width rich's console gives the view when stdout is not a terminal: `COLUMNS` when it is a
    number, else the terminal's on stdin, stdout or stderr (the first that is one), else 80."""
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        try:
            return int(columns)
        except ValueError:                   # a digit int() does not read ("²"): the full CLI's to say
            raise _FallThrough from None
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        return width or 80
    return 80


def _today(value: str | None):
    from datetime import date

    if not value:
        return date.today()
    from .notebook.settings import FIRST_YEAR, LAST_YEAR

    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise _FallThrough from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:  # the full CLI's bound (cli/common.parse_today): its message
        raise _FallThrough
    return day


def _days(value: str | None, most: int | None = 3650) -> int | None:
    """A count option (`--days`, `--limit`) as the full CLI reads it, or _FallThrough for its message."""
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit() or not text.isascii():
        raise _FallThrough
    days = int(text)
    if most is not None and days > most:     # the full CLI's bound (cli/due.py): its message
        raise _FallThrough
    return days


def _viewer(known: tuple[str, ...], root, rep: str | None, lang: str, notices: list[str]) -> str | None:
    """`Session.viewer` of cli/common.py (`known`: the notebook's reps), its notices collected instead of printed."""
    from .i18n import t
    from .rules.team import ALL

    if len(known) <= 1:                      # not a team notebook (rules.team.is_team)
        return None
    if (rep or "").strip().lower() == ALL:
        return ALL
    from .notebook.team import current_rep

    name, origin = current_rep(rep, root)
    if name is None:
        notices.append(t("team-who-are-you", lang, reps=", ".join(known)))
        return ALL
    if name not in known:
        if origin == "option":
            raise _FallThrough              # the full CLI's error message and exit code
        notices.append(t("team-rep-not-here", lang, rep=name, origin=t(f"team-origin-{origin}", lang),
                         reps=", ".join(known)))
    return name


def answer(command: str, options: dict, environ: dict) -> tuple[bytes, list[str], list[str]]:
    """(stdout bytes, stderr lines before it, stderr lines after it) of the command, or _FallThrough."""
    from .i18n import choose_language, t
    from .notebook.load import NotebookNotFound, find_notebook, has_notes, load
    from .notebook.settings import SettingsError, load_settings
    from .render import jsonout

    lang = options.get("--lang")
    if lang is not None and lang not in ("zh", "en"):
        raise _FallThrough
    try:
        root = find_notebook(options.get("--notes"), environ)
        settings = load_settings(root)
    except (NotebookNotFound, SettingsError):
        raise _FallThrough from None
    lang = choose_language(lang, settings.language)
    if not has_notes(root):
        raise _FallThrough                   # the full CLI's "no notes here" message, exit 2
    # --today given (even empty) wins; else VISITLOG_TODAY when not empty, as click reads an envvar
    today = _today(options["--today"] if "--today" in options else environ.get("VISITLOG_TODAY") or None)
    days = _days(options.get("--days"))
    text = "--json" not in options           # the morning list for people (only `due`: see parse)
    limit = _days(options.get("--limit"), most=None)
    width = _width(environ) if text else 0
    kinds = _kinds(options.get("--kind"))
    if text and width < 1:
        raise _FallThrough                   # rich prints nothing at all there
    use_cache = "--no-cache" not in options
    stderr: list[str] = []
    # This process answers one command and exits: the collector waits while the notebook is built,
    # and its records (which live until the exit and hold no cycles) are then moved out of its
    # sight, or its passes walk all of them again and again (0.1 s at 10k visits, 2-3 s at 100k).
    # A choice of this process's entry point, not of the loader: `load()` leaves the collector as
    # it found it.
    import gc

    if command == "due" and not (root / "materials").is_dir():
        # the due rules' facts of each customer (rules/facts.py), from the index's summary rows when the
        # notebook has not changed: no visit is built. What to bring needs the material library and
        # the visits' points: a notebook with `materials/` takes the branch below.
        from .notebook.summary import load_summary
        from .rules.facts import for_day, stored_ok, summarizer, summary_key
        from .rules.team import facts_due, facts_reps

        gc.disable()
        summary = load_summary(root, settings, summarizer(settings), summary_key(), use_cache=use_cache,
                               accept=stored_ok)
        facts = for_day(summary.records, today, settings,
                        lambda: (summary.notebook or load(root, settings, use_cache=use_cache, points=False)).customers)
        gc.freeze()
        gc.enable()
        problems = summary.problems
        errors = [p for p in problems if p.level == "error"]
        stderr += [f"{p.source}: {p.level}: {jsonout.message(p, lang)}" for p in errors]
        known = facts_reps(facts)
        viewer = _viewer(known, root, options.get("--rep"), lang, stderr)
        items = facts_due(facts, len(known) > 1, today, settings, viewer, days)
        out = _due_out(items, problems, today, settings, lang, days, kinds, width, limit, options)
    elif command == "due":
        from .rules.materials import with_suggestions
        from .rules.team import due_for, reps_of

        # due never reads points; what to bring does (needs), when there is a library (cli/due.py)
        gc.disable()
        notebook = load(root, settings, use_cache=use_cache, points=True)
        gc.freeze()
        gc.enable()
        errors = list(notebook.errors)
        stderr += [f"{p.source}: {p.level}: {jsonout.message(p, lang)}" for p in errors]
        viewer = _viewer(reps_of(notebook), root, options.get("--rep"), lang, stderr)
        items = with_suggestions(notebook, due_for(notebook, today, settings, viewer, days), today, settings)
        out = _due_out(items, notebook.problems, today, settings, lang, days, kinds, width, limit, options)
    else:
        from .rules.team import overview_for, reps_by_customer, reps_of

        gc.disable()
        notebook = load(root, settings, use_cache=use_cache)
        gc.freeze()
        gc.enable()
        errors = list(notebook.errors)
        stderr += [f"{p.source}: {p.level}: {jsonout.message(p, lang)}" for p in errors]
        viewer = _viewer(reps_of(notebook), root, options.get("--rep"), lang, stderr)
        rows = overview_for(notebook, today, settings, viewer)
        reps = reps_by_customer(notebook, today, settings) if viewer else None
        out = jsonout.dumps(jsonout.customers_payload(rows, today, lang, notebook.problems, reps))
    unread = len({p.source.path for p in errors})
    # Session.footer_unread: said once, last (after stdout, as the full CLI says it when its command closes)
    return out, stderr, [t("unread-notes", lang, n=unread)] if unread else []


def _kinds(raw: list[str] | None) -> list[str]:
    """`--kind` as the full CLI reads it (cli/common.label_values), or _FallThrough for its message."""
    if not raw:
        return []
    from .notebook.labels import values_of
    from .rules.due import KINDS

    kinds, bad = values_of("kind", raw, KINDS)
    if bad:
        raise _FallThrough
    return kinds


def _due_out(items, problems, today, settings, lang: str, days: int | None, kinds: list[str], width: int,
             limit: int | None, options: dict) -> bytes:
    """What `due` prints on stdout, from the rule's items, as cli/due.py prints it: the kinds asked for, then
    the JSON, or the text as the full CLI prints it where there is no terminal (`morning`, then
    `render.duetext`'s one view, plain: what rich prints there)."""
    from .render import jsonout
    from .rules.due import only

    items = only(items, None, kinds)
    if "--json" in options:
        return jsonout.dumps(jsonout.due_payload(items, today, lang, problems))
    from .render.duetext import due_text
    from .rules.morning import morning

    m = morning(items, today, settings, show_all="--all" in options, limit=limit)
    view = due_text(m, items, today, lang, settings.due_days if days is None else days, width,
                    verbose="-v" in options or "--verbose" in options)
    try:
        return view.encode("utf-8")
    except UnicodeEncodeError:               # (a lone surrogate): the full CLI's to say
        raise _FallThrough from None


def lean(argv: list[str], environ: dict | None = None) -> bool:
    """Answer `argv` here when it can be; False when the full command line must."""
    env = os.environ if environ is None else environ
    parsed = parse(argv, env)
    if parsed is None:
        return False
    try:
        out, before, after = answer(*parsed, env)
    except _FallThrough:
        return False
    _say(before)
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    _say(after)
    return True


_ANSI = None


def _say(lines: list[str]) -> None:
    """Messages on stderr as the full CLI's `typer.echo(..., err=True)` writes them: flushed, and without
    ANSI escape sequences (a note's path or text may hold some) when stderr is not a terminal."""
    global _ANSI
    if not lines:
        return
    text = "".join(line + "\n" for line in lines)
    if "\033" in text and not sys.stderr.isatty():
        import re

        _ANSI = _ANSI or re.compile(r"\033\[[;?0-9]*[a-zA-Z]")    # click's own pattern
        text = _ANSI.sub("", text)
    sys.stderr.write(text)
    sys.stderr.flush()


def main() -> None:
    """Console-script entry point."""
    if os.name == "nt":  # pragma: no cover - Windows consoles
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    if not lean(sys.argv[1:]):
        from .cli import main as full

        full()


if __name__ == "__main__":
    main()
