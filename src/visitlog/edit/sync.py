"""`visitlog sync`: commit the notebook's own files, rebase on the upstream, push. Git does the work.

One run, in order (docs/team.md):

1. Not in a git work tree, or no `git` (2.25 or later): `NotARepo` / `GitMissing`.
2. A rebase stopped by an earlier sync: if files are still unmerged, or still
   hold conflict markers, stop again (`CONFLICT`) naming them; otherwise stage
   them and `git rebase --continue`, then go on with step 5.
3. Stage the notebook's folder only (`git add -A -- <notebook>`), never
   `.visitlog/` (the local cache) wherever it is; nothing outside the notebook.
4. Commit what is staged with a subject that says what changed (rules/history.py).
5. No upstream branch: with a remote (`git init` + `git remote add`, or a
   clone of an empty repository), its branch of the same name becomes the
   upstream, or the first push (`push -u`) makes it; with no remote the
   commit stays local (`LOCAL`), with how to add one.
   `git fetch`; when it fails (no network), the push is pending (`PENDING`, exit 0).
6. `git rebase --autostash <upstream>`. A conflict stops there (`CONFLICT`,
   exit 1): the rebase is left in progress, each conflicted note holds both
   versions between markers (`visitlog check` points at them), our commit is
   still in `ORIG_HEAD` and the reflog, theirs in the upstream branch; nothing
   is lost, and `git rebase --abort` gives back exactly our side.
7. `git push`; rejected because someone pushed in between: fetch and rebase
   again (a few times); failed otherwise (no network): `PENDING`.

Nothing here forces, resets or deletes: every step is one a person could run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..notebook.gitrepo import GitMissing, Result, require, run, toplevel
from ..notebook.settings import Settings
from ..rules.history import changes, commit_message

SYNCED, LOCAL, PENDING, CONFLICT, NOTHING = "synced", "local", "pending", "conflict", "nothing"
PUSH_TRIES = 3
MARKERS = "markers"                         # Outcome.detail: notes with markers, not a git conflict in progress

__all__ = ["GitMissing", "NotARepo", "SyncError", "Outcome", "sync"]


class NotARepo(Exception):
    """The notebook is not inside a git work tree."""


class SyncError(Exception):
    """git refused a step for a reason that is not a conflict or the network (args: the step, git's words)."""


@dataclass
class Outcome:
    state: str                              # synced | local | pending | conflict | nothing
    committed: str | None = None            # the subject of the commit made, if any
    pulled: int = 0                         # commits brought in from the upstream
    pushed: bool = False
    upstream: str | None = None
    conflicts: list[str] = field(default_factory=list)   # paths relative to the notebook
    detail: str = ""                        # git's own words, when something failed
    branch: str | None = None


def _git_dir(top: Path) -> Path:
    r = run(top, "rev-parse", "--absolute-git-dir")
    return Path(r.out.strip())


def _rebasing(top: Path) -> bool:
    g = _git_dir(top)
    return (g / "rebase-merge").exists() or (g / "rebase-apply").exists()


def _unmerged(top: Path) -> list[str]:
    r = run(top, "diff", "--name-only", "--diff-filter=U", "-z")
    return [p for p in r.out.split("\0") if p]


def _has_markers(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False
    return any(line.startswith(("<<<<<<<", ">>>>>>>")) for line in text.splitlines())


def _rel(top: Path, root: Path, path: str) -> str:
    full = (top / path).resolve()
    try:
        return full.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def _pathspec(top: Path, root: Path) -> list[str]:
    rel = root.resolve().relative_to(top.resolve()).as_posix()
    base = "." if rel in ("", ".") else rel
    return ["--", base, ":(exclude,glob)**/.visitlog/**", ":(exclude,glob).visitlog/**"]


def _message(top: Path, root: Path, settings: Settings) -> str:
    r = run(top, "diff", "--cached", "--name-status", "-z", "--no-renames", *_pathspec(top, root))
    fields = [f for f in r.out.split("\0") if f]
    per_file = []
    for status, path in zip(fields[0::2], fields[1::2]):
        rel = _rel(top, root, path)
        if not path.endswith(".md"):
            continue
        old = run(top, "show", f"HEAD:{path}") if not status.startswith("A") else None
        new = run(top, "show", f":0:{path}") if not status.startswith("D") else None
        per_file.append((rel, changes(rel, old.out if old and old.ok else None,
                                      new.out if new and new.ok else None, settings)))
    return commit_message(per_file)


def _upstream(top: Path) -> str | None:
    r = run(top, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}")
    return r.out.strip() if r.ok and r.out.strip() else None


def _first_upstream(top: Path, out: Outcome) -> str | None:
    """No upstream yet, but a remote (a fresh `git init` + `git remote add`, or a clone of an empty repository):
    the branch of the same name there becomes the upstream; when there is none, the first push makes it."""
    if out.branch is None:
        return None
    configured = run(top, "config", "--get", f"branch.{out.branch}.remote").out.strip()
    remotes = [r for r in run(top, "remote").out.split() if r]
    remote = configured or ("origin" if "origin" in remotes else remotes[0] if len(remotes) == 1 else "")
    if not remote:
        return None
    fetch = run(top, "fetch", "--quiet", remote, timeout=120)
    if not fetch.ok:
        out.state, out.detail, out.upstream = PENDING, fetch.err.strip(), remote
        return None
    if run(top, "rev-parse", "--verify", "--quiet", f"refs/remotes/{remote}/{out.branch}").ok:
        run(top, "branch", f"--set-upstream-to={remote}/{out.branch}")
        return f"{remote}/{out.branch}"
    push = run(top, "push", "--quiet", "-u", remote, f"HEAD:refs/heads/{out.branch}", timeout=120)
    if not push.ok:
        out.state, out.detail, out.upstream = PENDING, push.err.strip(), remote
        return None
    out.state, out.pushed, out.upstream = SYNCED, True, f"{remote}/{out.branch}"
    return out.upstream


def _conflict(top: Path, root: Path, out: Outcome, detail: str) -> Outcome:
    out.state = CONFLICT
    out.conflicts = [_rel(top, root, p) for p in _unmerged(top)]
    out.detail = detail
    return out


def _rebase_onto_upstream(top: Path, root: Path, out: Outcome) -> bool:
    """Fetch and rebase; False when the caller must stop (`out` says why)."""
    fetch = run(top, "fetch", "--quiet", timeout=120)
    if not fetch.ok:
        out.state, out.detail = PENDING, fetch.err.strip()
        return False
    count = run(top, "rev-list", "--count", f"HEAD..{out.upstream}")
    incoming = int(count.out.strip() or 0) if count.ok else 0
    if incoming:
        rebase = run(top, "-c", "core.editor=true", "rebase", "--autostash", out.upstream or "@{upstream}")
        if not rebase.ok:
            if _rebasing(top):
                _conflict(top, root, out, (rebase.out + rebase.err).strip())
                return False
            raise SyncError("rebase", (rebase.out + rebase.err).strip())
        out.pulled += incoming
    return True


def _continue(top: Path, root: Path, out: Outcome) -> bool:
    """Finish a rebase an earlier sync left: False while a conflict is still there."""
    left = _unmerged(top)
    if any(_has_markers(top / p) for p in left) or (not left and _any_markers_staged(top)):
        _conflict(top, root, out, "")
        return False
    for p in left:
        run(top, "add", "-A", "--", p)
    go = run(top, "-c", "core.editor=true", "rebase", "--continue")
    if not go.ok:
        if _rebasing(top):
            _conflict(top, root, out, (go.out + go.err).strip())
            return False
        raise SyncError("rebase --continue", (go.out + go.err).strip())
    return True


def _finish_merge(top: Path, root: Path, out: Outcome) -> bool:
    """A `git pull` (merge) that stopped on a conflict: finish it once no file holds markers."""
    left = _unmerged(top)
    if any(_has_markers(top / p) for p in left):
        _conflict(top, root, out, "")
        return False
    for p in left:
        run(top, "add", "-A", "--", p)
    done = run(top, "commit", "--quiet", "--no-edit", "--no-verify")
    if not done.ok:
        raise SyncError("commit", (done.out + done.err).strip())
    return True


def _marked_changes(top: Path, root: Path) -> list[str]:
    """Changed or new notes of the notebook that hold conflict markers (paths relative to the notebook)."""
    r = run(top, "status", "--porcelain=v1", "-z", "--untracked-files=all", *_pathspec(top, root))
    out = []
    for entry in r.out.split("\0"):
        if len(entry) > 3 and entry.endswith(".md") and _has_markers(top / entry[3:]):
            out.append(_rel(top, root, entry[3:]))
    return out


def _any_markers_staged(top: Path) -> bool:
    r = run(top, "diff", "--cached", "--name-only", "-z")
    return any(_has_markers(top / p) for p in r.out.split("\0") if p)


def sync(root: Path, settings: Settings, *, author: str | None = None) -> Outcome:
    """One sync of the notebook at `root` (see the module's text). `author`: the rep, when git knows no user."""
    require()
    top = toplevel(root)
    if top is None:
        raise NotARepo(str(root))
    out = Outcome(NOTHING)
    branch = run(top, "symbolic-ref", "--quiet", "--short", "HEAD")
    out.branch = branch.out.strip() or None
    if _rebasing(top) and not _continue(top, root, out):
        return out
    if (_git_dir(top) / "MERGE_HEAD").exists() and not _finish_merge(top, root, out):
        return out
    marked = _marked_changes(top, root)
    if marked:                                      # never commit a note that still holds both sides
        out.state, out.conflicts, out.detail = CONFLICT, marked, MARKERS
        return out
    add = run(top, "add", "-A", *_pathspec(top, root))
    if not add.ok:
        raise SyncError("add", add.err.strip())
    staged = run(top, "diff", "--cached", "--quiet", *_pathspec(top, root))
    if staged.code == 1:
        message = _message(top, root, settings)
        ident = []
        if author and not run(top, "config", "--get", "user.name").out.strip():
            ident = ["-c", f"user.name={author}"]
        commit = run(top, *ident, "commit", "--quiet", "--no-verify", "-m", message, *_pathspec(top, root))
        if not commit.ok:
            raise SyncError("commit", (commit.out + commit.err).strip())
        out.committed = message
    out.upstream = _upstream(top)
    if out.upstream is None:
        found = _first_upstream(top, out)
        if found is None:
            if out.state != PENDING:
                out.state = LOCAL
            return out
        out.upstream = found
    for _ in range(PUSH_TRIES):
        if not _rebase_onto_upstream(top, root, out):
            return out
        ahead = run(top, "rev-list", "--count", f"{out.upstream}..HEAD")
        if ahead.ok and ahead.out.strip() == "0":
            out.state = SYNCED
            return out
        push = run(top, "push", "--quiet", timeout=120)
        if push.ok:
            out.state, out.pushed = SYNCED, True
            return out
        words = push.err.lower()
        if "rejected" in words or "non-fast-forward" in words or "fetch first" in words:
            continue                                # someone pushed in between: rebase on theirs and try again
        out.state, out.detail = PENDING, push.err.strip()
        return out
    out.state, out.detail = PENDING, "the upstream kept moving; run visitlog sync again"
    return out

