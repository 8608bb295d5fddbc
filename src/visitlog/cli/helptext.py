"""Help and usage errors in the interface language, through typer's documented extension points.

Every help text is a catalog key (i18n/help.py): a command's is `help-NAME`, an
option's or argument's is the key given as its `help=`. The app's click group and
commands are our own subclasses of typer's (`typer.Typer(cls=...)`,
`app.command(cls=...)`), which write the help screen themselves, in ONE language:

- the language is chosen as the interface language is (`i18n.choose_language`):
  `--lang` on the command line, else the notebook's `language:` (the notebook
  `--notes` names, or the one found as every command finds it), else the
  locale (LC_ALL, LC_MESSAGES, LANG). It is decided from the arguments before
  click parses them (help is an eager option: it is shown before `--lang` is
  parsed), once per invocation, and only when help or an error needs it;
- usage errors (no such option or command, a missing argument, a bad value)
  are caught where the group runs (`HelpGroup.main`) and written by us in that
  language, with the `Usage:` line and the `Try 'visitlog due -h' for help.` hint;
- widths are terminal cells (a Chinese character is two), and Chinese wraps
  between any two characters (render/duetext.wrap).

Nothing of typer or click is patched: the classes override the documented
methods of click commands (`format_help`, `format_usage`, `get_short_help_str`,
`resolve_command`, `main`).
"""
from __future__ import annotations

import re
import sys
from contextvars import ContextVar
from difflib import get_close_matches
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from ..i18n import LANGUAGES, MESSAGES, choose_language, t

# The arguments of the invocation under way (and, once decided, its language); set by HelpGroup.main.
_INVOCATION: ContextVar[dict | None] = ContextVar("visitlog_invocation", default=None)
USAGE_EXIT = 2


# ---------------------------------------------------------------- the language
def option_value(argv: list[str], name: str) -> str | None:
    """The value given to option `name` in `argv` (`--lang zh`, `--lang=zh`; the last one wins), before `--`."""
    value = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == name and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(name + "="):
            value = arg[len(name) + 1:]
    return value


def interface_language(argv: list[str], environ: dict | None = None) -> str:
    """The language of the invocation `argv`, as `Session` will choose it: --lang, the notebook, the locale."""
    option = option_value(argv, "--lang")
    if option in LANGUAGES:
        return option
    return choose_language(None, _notebook_language(option_value(argv, "--notes"), environ))


def _notebook_language(notes: str | None, environ: dict | None) -> str | None:
    """The notebook's `language:` setting; None when there is no notebook or its settings cannot be read
    (the command itself will say why, if it gets that far)."""
    from ..notebook.load import NotebookNotFound, find_notebook
    from ..notebook.settings import SettingsError, load_settings

    try:
        return load_settings(find_notebook(notes, environ)).language
    except (NotebookNotFound, SettingsError, OSError, ValueError):
        return None


def current_language() -> str:
    """The language of the invocation under way, decided the first time it is asked for."""
    state = _INVOCATION.get()
    if state is None:
        return interface_language([])
    if "lang" not in state:
        state["lang"] = interface_language(state["argv"])
    return state["lang"]


# ---------------------------------------------------------------- the words of a command
def command_help(name: str | None, lang: str) -> str:
    """A command's help text (the app's when `name` is None)."""
    key = f"help-{name}" if name else "help-app"
    return t(key, lang) if key in MESSAGES else ""


def summary(name: str, lang: str) -> str:
    """The first paragraph of a command's help: its line in the command list."""
    return command_help(name, lang).split("\n\n")[0]


def param_help(param: Any, lang: str) -> str:
    """An option's or argument's help: its catalog key, or for click's own options (help, completion)
    the key `help-NAME`; `(required)` added to a required option."""
    key = param.help if param.help in MESSAGES else f"help-{(param.name or '').replace('_', '-')}"
    text = t(key, lang) if key in MESSAGES else (param.help or "")
    if param.required and param.param_type_name == "option":
        text += ("" if lang == "zh" else " ") + t("help-required", lang)
    return text


def _metavar(param: Any) -> str:
    return param.metavar or (param.name or "").upper()


def _term(param: Any) -> str:
    """The left column: `--days N`, `-v, --verbose`, `--pager / --no-pager`, `CUSTOMER`."""
    if param.param_type_name == "argument":
        return _metavar(param)
    names = ", ".join(sorted(param.opts, key=len))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    if not param.is_flag and not getattr(param, "count", False):
        names += " " + _metavar(param)
    return names


def usage_pieces(command: Any, ctx: Any, lang: str) -> list[str]:
    """`[OPTIONS] CUSTOMER`, `[OPTIONS] ID|PATH:LINE...`, `[OPTIONS] COMMAND [ARGS]...`, in `lang`."""
    pieces = [t("help-options-metavar", lang)]
    for param in command.get_params(ctx):
        if param.param_type_name != "argument":
            continue
        name = _metavar(param)
        if param.nargs != 1 and not name.endswith("..."):
            name += "..."
        pieces.append(name if param.required else f"[{name}]")
    if isinstance(command, TyperGroup):
        pieces.append(t("help-command-metavar", lang))
    return pieces


def usage_line(command: Any, ctx: Any, lang: str) -> str:
    return t("help-usage", lang) + " ".join([ctx.command_path, *usage_pieces(command, ctx, lang)])


# ---------------------------------------------------------------- the help screen
def _wrap(text: str, width: int) -> list[str]:
    from ..render.duetext import wrap

    return wrap(text, max(width, 10)) or [""]


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def definition_list(rows: list[tuple[str, str]], width: int, first_max: int = 30) -> list[str]:
    """Two columns as click draws them, measured in cells: the terms up to `first_max` cells wide, each
    text wrapped beside its term (a longer term has its text on the next line)."""
    first = min(max((_cells(term) for term, _ in rows), default=0), first_max)
    column = 2 + first + 2
    out = []
    for term, text in rows:
        lines = _wrap(text, width - column) if text else [""]
        if _cells(term) <= first:
            out.append(("  " + term + " " * (first - _cells(term) + 2) + lines[0]).rstrip())
            rest = lines[1:]
        else:
            out.append("  " + term)
            rest = [line for line in lines if line]
        out += [" " * column + line for line in rest]
    return out


def help_screen(command: Any, ctx: Any, lang: str, width: int) -> str:
    """The whole help of `command`: usage, its text, arguments, options (and a group's commands)."""
    group = isinstance(command, TyperGroup)
    lines = [usage_line(command, ctx, lang)]
    text = command_help(None if group else command.name, lang)
    for paragraph in text.split("\n\n") if text else ():
        lines.append("")
        lines += ["  " + line for line in _wrap(paragraph, width - 2)]
    arguments, options = [], []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        (arguments if param.param_type_name == "argument" else options).append((_term(param), param_help(param, lang)))
    end = t("help-section-end", lang)
    sections = [("help-section-arguments", arguments), ("help-section-options", options)]
    if group:
        names = [n for n in command.list_commands(ctx) if not command.get_command(ctx, n).hidden]
        sections.append(("help-section-commands", [(n, summary(n, lang)) for n in names]))
    for key, rows in sections:
        if rows:
            lines += ["", t(key, lang) + end, *definition_list(rows, width)]
    return "\n".join(lines) + "\n"


class HelpCommand(TyperCommand):
    """A visitlog command: its help and usage line in the interface language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(help_screen(self, ctx, current_language(), formatter.width))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write(usage_line(self, ctx, current_language()) + "\n")

    def get_short_help_str(self, limit: int = 45) -> str:
        return summary(self.name or "", current_language())


class HelpGroup(TyperGroup):
    """The app: its help, its usage line, unknown commands and every usage error in the interface language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(help_screen(self, ctx, current_language(), formatter.width))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write(usage_line(self, ctx, current_language()) + "\n")

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            lang = current_language()
            close = get_close_matches(name, list(self.commands))
            hint = t("usage-did-you-mean", lang, names=", ".join(repr(n) for n in close)) if close else ""
            ctx.fail(t("usage-no-such-command", lang, name=name) + hint)
        return super().resolve_command(ctx, args)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """typer's main, with the usage errors written by us; the exit codes are click's (2 for usage)."""
        argv = list(sys.argv[1:] if args is None else args)
        token = _INVOCATION.set({"argv": argv})
        try:
            try:
                result = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
            except typer.TyperException as exc:           # click's exceptions (typer's own click)
                if not standalone_mode:
                    raise
                ctx = getattr(exc, "ctx", None)
                if getattr(exc, "exit_code", 1) == USAGE_EXIT and not (
                        ctx is not None and exc.format_message() == ctx.get_help()):  # (no arguments: the help)
                    show_usage_error(exc, current_language())
                else:
                    exc.show()
                sys.exit(exc.exit_code)
            except typer.Abort:
                if not standalone_mode:
                    raise
                typer.echo(t("usage-aborted", current_language()), err=True)
                sys.exit(1)
        finally:
            _INVOCATION.reset(token)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


# ---------------------------------------------------------------- usage errors
_EXTRA = re.compile(r"Got unexpected extra argument\S* \((.*)\)$", re.S)


def _hint(exc: Any) -> str:
    if getattr(exc, "param_hint", None):
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(x) for x in hint)
    param = getattr(exc, "param", None)
    return param.get_error_hint() if param is not None else ""


def usage_message(exc: Any, lang: str) -> str:
    """The sentence of a usage error, from what the exception carries (not its English text where avoidable)."""
    if hasattr(exc, "possibilities"):                                   # no such option
        text = t("usage-no-such-option", lang, option=exc.option_name)
        if exc.possibilities:
            text += t("usage-possible-options", lang, options=", ".join(sorted(exc.possibilities)))
        return text
    if isinstance(exc, typer.BadParameter):
        if hasattr(exc, "param_type"):                                  # a missing argument or option
            kind = exc.param_type or getattr(exc.param, "param_type_name", "argument")
            return t("usage-missing-option" if kind == "option" else "usage-missing-argument", lang, name=_hint(exc))
        return t("usage-bad-value", lang, name=_hint(exc), detail=exc.message)
    message = getattr(exc, "message", str(exc))
    if hasattr(exc, "option_name"):                                     # an option used wrongly
        key = ("usage-needs-value" if " requires " in message else
               "usage-takes-no-value" if " does not take " in message else None)
        return t(key, lang, name=f"'{exc.option_name}'") if key else message
    extra = _EXTRA.match(message)
    if extra:
        return t("usage-extra-args", lang, args=extra[1])
    if message == "Missing command.":
        return t("usage-missing-command", lang)
    return message                                                      # ours, already in `lang`


def show_usage_error(exc: Any, lang: str) -> None:
    """`Usage: ...`, `Try '... -h' for help.`, a blank line and `Error: ...`, on stderr."""
    ctx = getattr(exc, "ctx", None)
    lines = []
    if ctx is not None:                   # (the parser's own errors come without one, as in click)
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(t("usage-try", lang, command=ctx.command_path, option=ctx.help_option_names[0]))
        lines.append("")
    lines.append(t("usage-error", lang, message=usage_message(exc, lang)))
    typer.echo("\n".join(lines), err=True)


def count(most: int | None = None):
    """A parser for a whole number of 0 or more (at most `most`), whose error is in the interface language."""
    def parse(value: Any) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not (text.isascii() and text.isdigit()):
            raise typer.BadParameter(t("usage-not-a-count", current_language(), value=value))
        number = int(text)
        if most is not None and number > most:
            raise typer.BadParameter(t("usage-count-too-big", current_language(), value=number, most=most))
        return number

    return parse
