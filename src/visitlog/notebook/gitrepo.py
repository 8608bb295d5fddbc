"""The `git` command, read-only: is the notebook in a repository, who is its user, what does its log say.

visitlog keeps no history of its own: git is the engine (docs/team.md). Every
call runs `git -C <notebook>` with a timeout, never a shell, never a pager, in
the C locale, and never prompts (`GIT_TERMINAL_PROMPT=0`). Git 2.25 or later
is needed (`git restore`, `rebase --autostash` in `pull`, `-C`, porcelain v1
with `-z`); `version()` reports what is there.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

MIN_VERSION = (2, 25)
TIMEOUT = 60


class GitMissing(Exception):
    """No `git` command, or one older than MIN_VERSION (args: the version found, or None)."""


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def ok(self) -> bool:
        return self.code == 0


def git_env(environ: dict | None = None) -> dict:
    env = dict(os.environ if environ is None else environ)
    env.update({"LC_ALL": "C", "LANG": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "PAGER": "cat",
                "GIT_OPTIONAL_LOCKS": "0"})
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    return env


def executable() -> str | None:
    return shutil.which("git")


def version() -> tuple[int, ...] | None:
    exe = executable()
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=TIMEOUT).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", out)
    return tuple(int(x) for x in m.groups() if x is not None) if m else None


def require() -> str:
    """The git executable, or GitMissing."""
    found = version()
    if found is None:
        raise GitMissing(None)
    if found[:2] < MIN_VERSION:
        raise GitMissing(".".join(map(str, found)))
    return executable()  # type: ignore[return-value]


def run(root: Path | str, *args: str, check: bool = False, stdin: str | None = None,
        timeout: int = TIMEOUT) -> Result:
    """`git -C root args...`; never raises for a git failure (see `Result.code`), GitMissing without git."""
    exe = executable()
    if exe is None:
        raise GitMissing(None)
    try:
        done = subprocess.run([exe, "-C", str(root), *args], capture_output=True, timeout=timeout,
                              env=git_env(), input=stdin.encode("utf-8") if stdin is not None else None)
    except subprocess.TimeoutExpired:
        return Result(124, "", f"git {args[0] if args else ''}: timed out after {timeout} s")
    except OSError as exc:
        raise GitMissing(None) from exc
    return Result(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


def toplevel(root: Path | str) -> Path | None:
    """The repository's top folder holding `root`, or None when `root` is not in a git work tree."""
    if executable() is None:
        return None
    r = run(root, "rev-parse", "--show-toplevel")
    return Path(r.out.strip()) if r.ok and r.out.strip() else None


def user_name(root: Path | str) -> str | None:
    """`user.name` as the repository holding `root` sees it (its own config, then the user's), or None."""
    if toplevel(root) is None:
        return None
    try:
        r = run(root, "config", "--get", "user.name", timeout=10)
    except GitMissing:
        return None
    name = r.out.strip()
    return name or None


# ---------------------------------------------------------------- the log of one file
@dataclass(frozen=True)
class Revision:
    """One commit that touched a file: who, when, what, and the file's text after it (None: deleted)."""

    commit: str
    author: str
    email: str
    when: str               # ISO 8601 with the offset, as git prints it
    subject: str
    path: str               # the file's path at this commit, relative to the repository
    text: str | None


_SEP = "\x1e"


def file_log(top: Path, rel: str, limit: int = 200) -> list[Revision]:
    """Every commit that touched `rel` (relative to the repository top), oldest first, renames followed."""
    r = run(top, "log", "--follow", f"--max-count={limit}", "--format=" + _SEP + "%H%x1f%an%x1f%ae%x1f%aI%x1f%s",
            "--name-status", "-z", "--", rel)
    if not r.ok:
        return []
    out: list[Revision] = []
    for chunk in r.out.split(_SEP):
        if not chunk.strip("\0\n"):
            continue
        head, _, rest = chunk.partition("\n")
        fields = head.split("\x1f")
        if len(fields) < 5:
            continue
        commit, author, email, when, subject = fields[:5]
        parts = [p for p in rest.strip("\n").split("\0") if p != ""]
        status = parts[0].strip() if parts else "M"
        path = parts[-1].strip() if len(parts) > 1 else rel
        text = None
        if not status.startswith("D"):
            shown = run(top, "show", f"{commit}:{path}")
            text = shown.out if shown.ok else None
        out.append(Revision(commit, author, email, when, subject, path, text))
    return out[::-1]
