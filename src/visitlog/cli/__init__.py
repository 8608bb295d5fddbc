"""The `visitlog` command line: thin typer commands over the rules and the renderers.

Each command parses its options, opens the notebook (`common.session`), calls
one rule and one renderer. stdout is data; stderr is messages. Heavy modules
are imported inside the commands that need them, so start-up stays light.
The commands live in one module per group; importing them registers them.
"""
from __future__ import annotations

import os
import sys

from . import read, due, new, review  # noqa: F401,I001  (registers the commands, in help order)
from . import team  # noqa: F401,E402  (sync, history)
from . import follow  # noqa: F401,E402  (snooze, skip)
from . import everyday  # noqa: F401,E402  (init, open, search: issue #17)
from . import startup
from .common import app

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


