"""The district's commands: sync (share the notebook through git) and history (who wrote and changed what)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import t
from .common import JsonOpt, LangOpt, NotesOpt, app, fail, find_customer, session


# ---------------------------------------------------------------- sync
@app.command()
def sync(notes: NotesOpt = None, lang: LangOpt = None) -> None:
    """End of the day: commit the notebook's notes (never .visitlog/) with a message saying what
    changed, rebase on the upstream, push. A conflict stops with both versions kept (exit 1);
    no network: committed locally, push pending (exit 0). Needs git 2.25 or later.

    Example: visitlog sync --notes ~/district-notes
    """
    from ..edit.sync import CONFLICT, LOCAL, MARKERS, PENDING, GitMissing, NotARepo, SyncError, sync as run_sync
    from ..notebook.gitrepo import MIN_VERSION, version
    from ..notebook.team import current_rep

    s = session(notes, None, lang, load=False)
    try:
        out = run_sync(s.root, s.settings, author=current_rep(None, s.root)[0])
    except GitMissing as exc:
        found = exc.args[0] if exc.args and exc.args[0] else "-"
        raise fail(t("sync-no-git", s.lang, version=".".join(map(str, MIN_VERSION)), found=found))
    except NotARepo:
        raise fail(t("sync-not-repo", s.lang, path=s.root))
    except SyncError as exc:
        raise fail(t("sync-failed", s.lang, step=exc.args[0], detail=exc.args[1]), code=1)
    say = lambda key, **kw: typer.echo(t(key, s.lang, **kw), err=True)  # noqa: E731
    say("sync-committed", message=out.committed) if out.committed else say("sync-nothing")
    if out.pulled:
        say("sync-pulled", n=out.pulled, upstream=out.upstream)
    if out.state == LOCAL:
        say("sync-local", path=s.root, branch=out.branch or "main")
    elif out.state == PENDING:
        say("sync-pending", upstream=out.upstream, detail=out.detail.splitlines()[-1] if out.detail else "")
    elif out.state == CONFLICT and out.detail == MARKERS:
        say("sync-markers")
        for rel in out.conflicts:
            typer.echo(f"  {rel}", err=True)
        raise typer.Exit(1)
    elif out.state == CONFLICT:
        say("sync-conflict", upstream=out.upstream or "@{upstream}")
        for rel in out.conflicts:
            typer.echo(f"  {rel}", err=True)
        say("sync-conflict-how", path=s.root)
        raise typer.Exit(1)
    else:
        say("sync-pushed" if out.pushed else "sync-done", upstream=out.upstream)


# ---------------------------------------------------------------- history
@app.command()
def history(
    target: Annotated[str, typer.Argument(metavar="CUSTOMER|PATH", help="help-history-target", show_default=False)],
    notes: NotesOpt = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """The audit trail from git: every note of a customer (or one file), who created it and every
    later change with its date, author and what changed ("✅ 发资料", "replied set").

    Example: visitlog history 王主任
    """
    from ..notebook.gitrepo import GitMissing, file_log, toplevel
    from ..rules.history import file_history

    s = session(notes, None, lang)
    top = toplevel(s.root)
    if top is None:
        raise fail(t("history-no-git", s.lang, path=s.root))
    rels = _history_files(s, target)
    try:
        files = [(rel, file_history(file_log(top, _in_repo(top, s.root, rel)), rel, s.settings)) for rel in rels]
    except GitMissing:
        raise fail(t("history-no-git", s.lang, path=s.root))
    if json:
        from ..render.jsonout import emit
        from ..render.team import history_json

        emit({**history_json(target, files, s.lang), "errors": s.errors_json()})
        return
    from ..render.team import history_view

    for line in history_view(files, s.lang):
        typer.echo(line)


def _in_repo(top: Path, root: Path, rel: str) -> str:
    return (root.resolve() / rel).relative_to(top.resolve()).as_posix()


def _history_files(s, target: str) -> list[str]:
    """The notes `target` names: a file of the notebook (relative to it or to here), else a customer's notes."""
    root = s.root.resolve()
    for candidate in (Path(target), root / target):
        try:
            full = candidate.resolve()
            if full.is_file() or not full.exists() and candidate.suffix == ".md":
                return [full.relative_to(root).as_posix()]
        except (OSError, ValueError):
            continue
    c = find_customer(s, target)
    rels = [v.source.path for v in c.visits]
    if c.profile_file is not None:
        rels.insert(0, c.profile_file.source.path)
    return rels
