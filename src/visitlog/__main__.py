"""The console script (`visitlog`) and `python -m visitlog`: the lean start, else the full command line.

The morning commands a script or a status bar runs over and over —
`due --json` and `customers --json`, with `--today`, `--notes`, `--days`,
`--rep`, `--lang`, `--no-cache` — are answered here without importing typer,
click, rich or pydantic (about half of a warm `due --json` on a district's
notebook was importing them). Everything else, and anything here is not sure
of, falls through to the full command line (`visitlog.cli`), which then runs
as if this module did not exist:

- any other command, option or form (`-h`, `--kind`, `--customer`, `--team`,
  an option given twice, `--`, a value that looks like an option, shell
  completion);
- anything that would end in a message of the full CLI: a `--lang` other
  than zh/en, a bad `--today` or `--days`, no notebook or a folder without
  notes, a bad `visitlog.yaml`, an unknown `--rep`.

Nothing is written before that decision, so a fall-through never prints
twice. The answer is built by the same rule and the same JSON code as the
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
    "due": ("--notes", "--today", "--days", "--rep", "--lang"),
    "customers": ("--notes", "--today", "--rep", "--lang"),
}
FLAGS = ("--json", "--no-cache")


class _FallThrough(Exception):
    """The full command line answers this one."""


def parse(argv: list[str], environ: dict) -> tuple[str, dict] | None:
    """(command, options) when the lean start can answer `argv`, else None."""
    if not argv or argv[0] not in COMMANDS or any(k.startswith("_") and k.endswith("_COMPLETE") for k in environ):
        return None
    command, allowed = argv[0], COMMANDS[argv[0]]
    options: dict = {}
    rest = argv[1:]
    i = 0
    while i < len(rest):
        arg = rest[i]
        name, eq, value = arg.partition("=")
        if arg in FLAGS:
            if arg in options:
                return None
            options[arg] = True
        elif name in allowed:
            if not eq:
                if i + 1 >= len(rest) or rest[i + 1].startswith("-"):
                    return None
                i += 1
                value = rest[i]
            if name in options:
                return None
            options[name] = value
        else:
            return None
        i += 1
    if "--json" not in options:
        return None
    return command, options


def _today(value: str | None):
    from datetime import date

    if not value:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _FallThrough from None


def _days(value: str | None) -> int | None:
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit() or not text.isascii():
        raise _FallThrough
    days = int(text)
    if days > 3650:                      # the full CLI's bound (cli/due.py): its message
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


def answer(command: str, options: dict, environ: dict) -> tuple[bytes, list[str]]:
    """(stdout bytes, stderr lines) of the command, or _FallThrough."""
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
        from .rules.facts import for_day, summarizer, summary_key
        from .rules.team import facts_due, facts_reps

        gc.disable()
        summary = load_summary(root, settings, summarizer(settings), summary_key(), use_cache=use_cache)
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
        data = jsonout.due_payload(items, today, lang, problems)
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
        data = jsonout.due_payload(items, today, lang, notebook.problems)
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
        data = jsonout.customers_payload(rows, today, lang, notebook.problems, reps)
    unread = len({p.source.path for p in errors})
    if unread:                               # Session.footer_unread: said once, last
        stderr.append(t("unread-notes", lang, n=unread))
    return jsonout.dumps(data), stderr


def lean(argv: list[str], environ: dict | None = None) -> bool:
    """Answer `argv` here when it can be; False when the full command line must."""
    env = os.environ if environ is None else environ
    parsed = parse(argv, env)
    if parsed is None:
        return False
    try:
        out, err = answer(*parsed, env)
    except _FallThrough:
        return False
    for line in err:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    return True


def main() -> None:
    """Console-script entry point."""
    if os.name == "nt":  # pragma: no cover - Windows consoles
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
    if not lean(sys.argv[1:]):
        from .cli import main as full

        full()


if __name__ == "__main__":
    main()
