"""Keep start-up light: plain option values without pydantic.

typer 0.2x coerces every command-line value through a pydantic TypeAdapter.
Building the first one imports pydantic, which costs more than the rest of
visitlog's start-up together (about 0.1 s; docs/performance.md). For the plain
parameters visitlog declares — `str`, `bool`, `int` (optionally with `min`/`max`) and
lists of `str` — the answer is obvious, so `install()` answers those directly
and hands everything else, and every value it is not sure about (an `int`
option given "x", a value out of range), to typer's own coercion, so the
messages and the behaviour of odd values stay typer's.

It patches one name in `typer.core` (the factory of a parameter's coercion).
When typer's internals are not as expected it does nothing at all.
"""
from __future__ import annotations

import re
from typing import Any, Callable

_INT = re.compile(r"[+-]?[0-9]+\Z")


def _kind(descriptor: Any) -> str | None:
    """'str', 'bool', 'int' or 'list-str' when the descriptor is one of the plain cases, else None."""
    from typing import get_args, get_origin

    info = getattr(descriptor, "parameter_info", None)
    if info is None or getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return None
    if getattr(descriptor, "file_annotation", None) is not None:
        return None
    try:
        if descriptor.is_choice or descriptor.is_path:
            return None
    except Exception:
        return None
    annotation = descriptor.annotation
    if annotation is str or annotation is bool:
        return annotation.__name__
    if annotation is int and not getattr(info, "clamp", False):
        return "int"
    if get_origin(annotation) is list and get_args(annotation) == (str,):
        return "list-str"
    return None


class _Plain:
    """A parameter's coercion for the plain cases; anything unsure goes to typer's."""

    def __init__(self, descriptor: Any, kind: str, build: Callable[[Any], Any]):
        self.descriptor, self.kind, self._build, self._real = descriptor, kind, build, None

    def real(self) -> Any:
        if self._real is None:
            self._real = self._build(self.descriptor)
        return self._real

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        if self.kind == "list-str" and isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return list(value)
        if not multi and (self.kind == "str" and isinstance(value, str) or self.kind == "bool" and
                          isinstance(value, bool)):
            return value
        if not multi and self.kind == "int":
            number = value if type(value) is int else int(value) if isinstance(value, str) and _INT.match(value) \
                else None
            info = self.descriptor.parameter_info
            if number is not None and (info.min is None or number >= info.min) and (
                    info.max is None or number <= info.max):
                return number
        return self.real().coerce(value, param=param, ctx=ctx)

    def __getattr__(self, name: str) -> Any:  # anything else typer may ask of a runtime param
        return getattr(self.real(), name)


def install() -> bool:
    """Patch typer's coercion factory; True when done (or already done)."""
    try:
        from typer import core
    except ImportError:  # pragma: no cover - typer is a dependency
        return False
    original = getattr(core, "build_runtime_param", None)
    param_class = getattr(core, "_TyperParameter", None)
    if original is None or param_class is None or not hasattr(param_class, "get_runtime_param"):
        return False
    if getattr(original, "_visitlog_plain", False):
        return True

    def build_runtime_param(descriptor: Any) -> Any:
        kind = _kind(descriptor)
        return _Plain(descriptor, kind, original) if kind else original(descriptor)

    build_runtime_param._visitlog_plain = True  # type: ignore[attr-defined]
    build_runtime_param._visitlog_original = original  # type: ignore[attr-defined]
    core.build_runtime_param = build_runtime_param
    return True


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
    try:
        from typer.main import get_command_name
    except ImportError:  # pragma: no cover
        return app
    chosen = [info for info in getattr(app, "registered_commands", ())
              if (info.name or get_command_name(info.callback.__name__)) == argv[0]]
    if len(chosen) != 1:
        return app
    slim = copy.copy(app)
    slim.registered_commands = chosen
    return slim
