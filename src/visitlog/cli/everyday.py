"""Everyday commands people expect: init, open, search."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import choose_language, t
from .common import JsonOpt, LangOpt, NotesOpt, TodayOpt, app, fail, find_customer, parse_today, session


# ---------------------------------------------------------------- init
@app.command()
def init(
    folder: Annotated[Optional[str], typer.Argument(metavar="DIR", help="help-init-folder",
                                                    show_default=False)] = None,
    notes: NotesOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """Start a notebook: DIR with visitlog.yaml and one example note, and DIR as the `notes:` of the user
    config, so every command finds it from anywhere.

    Example: visitlog init ~/visits
    """
    from ..edit.starter import UserConfigError, create_notebook, remember

    chosen = choose_language(lang, None)
    root = Path(folder or notes or "notes").expanduser()
    try:
        written = create_notebook(root, chosen, parse_today(today, chosen))
    except FileExistsError:
        raise fail(t("init-exists", chosen, path=root))
    except OSError as exc:
        raise fail(t("write-failed", chosen, path=exc.filename or root, detail=exc.strerror or exc))
    for rel in written:
        typer.echo(t("init-wrote", chosen, path=root / rel), err=True)
    try:
        config, before = remember(root)
    except UserConfigError as exc:
        typer.echo(t("init-config-kept", chosen, path=exc.args[0], notes=exc.args[1]), err=True)
    else:
        typer.echo(t("init-config", chosen, path=config, before=before or "—"), err=True)
    typer.echo(str(root.resolve()))


# ---------------------------------------------------------------- open
@app.command("open")
def open_note(
    target: Annotated[str, typer.Argument(metavar="CUSTOMER|ID|PATH:LINE",
                                          help="help-open-target", show_default=False)],
    notes: NotesOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """Open the note behind a customer, an item or a path:line in $VISUAL/$EDITOR, at that line where the
    editor takes one (vi, vim, nvim, nano, emacs, micro, helix, kakoune, VS Code).

    Example: visitlog open c59415d3
    """
    from ..edit.new import editor_command, fallback_editor
    from ..edit.starter import at_line, locate

    s = session(notes, today, lang)
    place = locate(s.notebook, s.root, s.today, s.settings, target)
    if place is None:
        place = _customer_place(s, target)
    path = s.root / place.path
    command = editor_command(os.environ) or fallback_editor()
    if command is None:
        raise fail(t("open-no-editor", s.lang, path=f"{path}:{place.line}"))
    import subprocess

    try:
        code = subprocess.call(at_line(command, path, place.line))
    except OSError as exc:
        raise fail(t("new-editor-failed", s.lang, detail=exc.strerror or exc, path=path))
    typer.echo(f"{place.path}:{place.line}", err=True)
    raise typer.Exit(1 if code else 0)


def _customer_place(s, target: str):
    c = find_customer(s, target)
    if c.visits:
        return c.visits[-1].source
    if c.profile_file is not None:
        return c.profile_file.source
    raise fail(t("open-nothing", s.lang, name=c.name))  # pragma: no cover - a customer has a note or a profile


# ---------------------------------------------------------------- search
@app.command()
def search(
    text: Annotated[Optional[str], typer.Argument(metavar="WORDS", help="help-search-text",
                                                  show_default=False)] = None,
    tag: Annotated[Optional[str], typer.Option("--tag", metavar="TAG", help="help-search-tag")] = None,
    product: Annotated[Optional[str], typer.Option("--product", metavar="PRODUCT", help="help-search-product")] = None,
    competitor: Annotated[Optional[str], typer.Option("--competitor", metavar="NAME", help="help-search-competitor")] = None,
    start: Annotated[Optional[str], typer.Option("--from", metavar="YYYY-MM-DD", help="help-search-from")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="YYYY-MM-DD", help="help-search-to")] = None,
    notes: NotesOpt = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Find contacts by what was said: discussion points, promises, the next contact, adverse events;
    narrowed by tag, product, competitor and dates. Each line with its path:line.

    Example: visitlog search 医保 --product 舒沐坦 --from 2026-10-01
    """
    from ..render import search as view
    from ..rules.search import search as find

    s = session(notes, None, lang)
    bounds = [_day(option, value, s.lang) for option, value in (("--from", start), ("--to", end))]
    if not (text or tag or product or competitor or start or end):
        raise fail(t("search-nothing", s.lang))
    hits = find(s.notebook, text, tag=tag, product=product, competitor=competitor, start=bounds[0], end=bounds[1])
    if json:
        from ..render.jsonout import emit

        emit({**view.as_json(hits), "errors": s.errors_json()})
        return
    from .common import show

    show(lambda width: view.view(hits, s.lang, width))


def _day(option: str, value: str | None, lang: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise fail(t("export-bad-date", lang, option=option.lstrip("-"), value=value))
