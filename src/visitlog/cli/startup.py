"""Keep start-up light: typer builds only the command it runs.

The morning commands with `--json` do not come here at all: the console
script answers them without typer (visitlog/__main__.py). Nothing here
patches typer: an earlier version replaced a name inside `typer.core` to
avoid pydantic, which issue #11 rules out (we do not patch other people's
internals); the lean start is our own code instead.
"""
from __future__ import annotations

from typing import Any


def one_command(app: Any, argv: list[str], environ: dict | None = None) -> Any:
    """`app` reduced to the command `argv` names, so typer builds that command's parser, not all ten.

    typer turns every registered command into a click command (signatures, type
    hints, help) before it looks at the arguments: about 10 ms for visitlog's
    commands, of which `visitlog due` needs one. When the first argument is
    exactly a command's name, the app is copied with only that command; its
    parsing, help and errors are the command's own, unchanged. Anything else
    (an option first, an unknown or partial name, shell completion) gets the
    whole app.
    """
    import copy
    import os

    env = os.environ if environ is None else environ
    if not argv or argv[0].startswith("-") or getattr(app, "registered_groups", None) or any(
            key.startswith("_") and key.endswith("_COMPLETE") for key in env):
        return app
    chosen = [info for info in getattr(app, "registered_commands", ())
              if (info.name or info.callback.__name__.lower().replace("_", "-")) == argv[0]]
    if len(chosen) != 1:
        return app
    slim = copy.copy(app)
    slim.registered_commands = chosen
    return slim
