"""Who is working: the current rep, first found of `--rep`, `VISITLOG_REP`, the user config's `rep:`,
git's `user.name` in the notebook's repository (docs/team.md)."""
from __future__ import annotations

import os
from pathlib import Path


def configured_rep() -> str | None:
    """`rep:` in the user config file (the same file as `notes:`), or None."""
    from .settings import user_config

    rep = user_config().get("rep")
    return str(rep).strip() or None if isinstance(rep, (str, int)) and not isinstance(rep, bool) else None


def current_rep(option: str | None, root: Path | str, environ: dict | None = None) -> tuple[str | None, str]:
    """(the rep, where it came from: option | env | config | git | none)."""
    env = os.environ if environ is None else environ
    if option and option.strip():
        return option.strip(), "option"
    if env.get("VISITLOG_REP", "").strip():
        return env["VISITLOG_REP"].strip(), "env"
    rep = configured_rep()
    if rep:
        return rep, "config"
    from .gitrepo import user_name

    rep = user_name(root)
    return (rep, "git") if rep else (None, "none")
