"""`--help` and usage errors in the interface language, and only in it (issue #17, docs/architecture.md "Help").

The top level and `due` are golden text at 80 columns in zh and en (tests/golden/help*.txt;
`VISITLOG_GOLDEN=update` regenerates them, as for tests/test_golden.py).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from visitlog.cli import app
from visitlog.i18n import MESSAGES
from visitlog.i18n.help import MESSAGES as HELP

GOLDEN = Path(__file__).resolve().parent / "golden"
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]
TYPE_NAMES = re.compile(r"<str>|<list|<int>|<float|<bool|<path|\bTEXT\b|\bINTEGER\b")
ENGLISH = re.compile(r"\b(Usage|Options|Arguments|Commands|Error|Try|Show|Only|The|for help)\b")


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """A working folder with no notebook and no user config: the locale alone decides."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def invoke(args: list[str], lang_env: str | None = None, **env: str):
    full = {"COLUMNS": "80", "NO_COLOR": "1", "VISITLOG_NOTES": "", "VISITLOG_TODAY": "", "LC_ALL": "",
            "LC_MESSAGES": "", "LANGUAGE": "", "LANG": lang_env or "C.UTF-8", **env}
    return CliRunner().invoke(app, args, env=full, catch_exceptions=False)


def check_golden(name: str, got: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("VISITLOG_GOLDEN") == "update":
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with VISITLOG_GOLDEN=update"
    assert got == path.read_text(encoding="utf-8"), f"{path.name} differs (VISITLOG_GOLDEN=update to accept)"


def cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


# ---------------------------------------------------------------- golden screens
@pytest.mark.parametrize("lang,locale", [("zh", "zh_CN.UTF-8"), ("en", "en_US.UTF-8")])
def test_top_level_help_golden(nowhere, lang, locale):
    result = invoke(["--help"], locale)
    assert result.exit_code == 0
    check_golden(f"help.{lang}", result.stdout)
    assert all(cells(line) <= 80 for line in result.stdout.splitlines())
    example = "示例：visitlog init" if lang == "zh" else "Example: visitlog init"
    assert example in result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_due_help_golden(nowhere, lang):
    result = invoke(["due", "--help", "--lang", lang])
    assert result.exit_code == 0
    check_golden(f"help-due.{lang}", result.stdout)
    assert all(cells(line) <= 80 for line in result.stdout.splitlines())


# ---------------------------------------------------------------- every command, both languages
@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_is_in_one_language_without_type_names(nowhere, name):
    zh = invoke([name, "--help", "--lang", "zh"])
    en = invoke([name, "--help", "--lang", "en"])
    assert zh.exit_code == en.exit_code == 0
    assert zh.stdout.startswith(f"用法：visitlog {name} [选项]")
    assert en.stdout.startswith(f"Usage: visitlog {name} [OPTIONS]")
    assert "选项：" in zh.stdout and "Options:" in en.stdout
    for out in (zh.stdout, en.stdout):
        assert not TYPE_NAMES.search(out), out
        assert all(cells(line) <= 80 for line in out.splitlines()), out
    assert not ENGLISH.search(zh.stdout), zh.stdout
    # Chinese words may be values (`唤醒`, `昨天下午3点`, a customer in an example), never a Chinese sentence
    assert not re.search(r"[，。；：（）、]", en.stdout), en.stdout


def test_every_help_text_is_a_catalog_entry_and_every_entry_is_used():
    group = get_command(app)
    used = {"help-app"} | {f"help-{name}" for name in group.commands}
    params = list(group.params)
    for command in group.commands.values():
        params += command.params
    for param in params:
        key = param.help if param.help in MESSAGES else f"help-{param.name.replace('_', '-')}"
        assert key in HELP, f"{param.name}: help {param.help!r} is not a key of i18n/help.py"
        used.add(key)
    used.add("help-help")                           # click's -h/--help, by its name
    frame = {k for k in HELP if not k.startswith("help-") or k in (
        "help-usage", "help-options-metavar", "help-command-metavar", "help-section-arguments",
        "help-section-options", "help-section-commands", "help-required", "help-section-end")}
    assert not sorted(set(HELP) - used - frame), "help texts no command or option uses"
    for name in group.commands:
        summary = MESSAGES[f"help-{name}"]
        for lang in ("zh", "en"):
            assert cells(summary[lang].split("\n\n")[0]) <= 80 - 2 - 9 - 2 - 2, (name, lang)   # one line in the list
            assert summary[lang].split("\n\n")[-1].startswith("示例：visitlog " if lang == "zh" else "Example: visitlog ")


def test_help_wraps_chinese_by_cells_and_keeps_the_column(nowhere):
    out = invoke(["new", "--help", "--lang", "zh"]).stdout
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  --purpose PURPOSE"))
    column = lines[at].index("首访")
    assert lines[at + 1].startswith(" " * column) and lines[at + 1].strip()
    assert all(cells(line) <= 80 for line in lines)


# ---------------------------------------------------------------- the language choice
def test_the_locale_chooses_the_help_language(nowhere):
    assert invoke(["due", "--help"], "zh_CN.UTF-8").stdout.startswith("用法：visitlog due")
    assert invoke(["due", "--help"], "en_US.UTF-8").stdout.startswith("Usage: visitlog due")
    assert invoke(["due", "--help"], "en_US.UTF-8", LC_ALL="zh_TW.UTF-8").stdout.startswith("用法：")
    assert invoke(["due", "--help"], "en_US.UTF-8", LC_MESSAGES="zh_CN.UTF-8").stdout.startswith("用法：")


def test_the_notebook_setting_wins_over_the_locale_and_lang_wins_over_both(nowhere, notes):
    notes.visit("王建国", "2026-11-18 10:00", "- 讨论")
    notes.write("visitlog.yaml", "language: en\n")
    root = str(notes.root)
    assert invoke(["due", "--notes", root, "--help"], "zh_CN.UTF-8").stdout.startswith("Usage: visitlog due")
    assert invoke(["due", "--help"], "zh_CN.UTF-8", VISITLOG_NOTES=root).stdout.startswith("Usage:")
    assert invoke(["due", "--notes", root, "--lang", "zh", "--help"], "en_US.UTF-8").stdout.startswith("用法：")
    assert invoke(["due", "--help", "--lang=zh", f"--notes={root}"], "en_US.UTF-8").stdout.startswith("用法：")
    notes.write("visitlog.yaml", "language: zh\n")
    assert invoke(["due", "--notes", root, "--help"], "en_US.UTF-8").stdout.startswith("用法：")
    # a notebook whose settings cannot be read does not stop the help: the locale decides
    notes.write("visitlog.yaml", "language: [\n")
    assert invoke(["due", "--notes", root, "--help"], "zh_CN.UTF-8").stdout.startswith("用法：")


def test_the_console_script_falls_through_to_the_help_in_chinese(nowhere):
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "COLUMNS": "80",
           "VISITLOG_NOTES": "", "XDG_CONFIG_HOME": str(nowhere / "config")}
    r = subprocess.run([sys.executable, "-m", "visitlog", "due", "-h"], capture_output=True, text=True, env=env,
                       cwd=nowhere, encoding="utf-8")
    first = r.stdout.splitlines()[0] if r.stdout else ""
    assert r.returncode == 0 and first.startswith("用法：") and first.endswith("visitlog due [选项]"), r.stdout + r.stderr


# ---------------------------------------------------------------- usage errors
ERRORS = [
    (["due", "--bogus"], "没有这个选项：--bogus", "No such option: --bogus", "due"),
    (["prep"], "缺少参数 'CUSTOMER'", "Missing argument 'CUSTOMER'", "prep"),
    (["due", "--days", "x"], "'--days' 的值无效：'x' 不是大于等于 0 的整数", "Invalid value for '--days': 'x' is not", "due"),
    (["due", "--limit", "-1"], "'--limit' 的值无效", "Invalid value for '--limit'", "due"),
    (["dux"], "没有 'dux' 这个命令。是否要用：'due'？", "No such command 'dux'. Did you mean 'due'?", None),
    (["snooze", "c1"], "缺少选项 '--until'", "Missing option '--until'", "snooze"),
    (["timeline", "王", "李"], "多出了参数：李", "Got unexpected extra arguments (李)", "timeline"),
    (["due", "--notes"], "选项 '--notes' 后面要跟一个值", "Option '--notes' requires a value", None),
]


@pytest.mark.parametrize("args,zh,en,command", ERRORS)
def test_usage_errors_in_both_languages(nowhere, args, zh, en, command):
    for locale, expected in (("zh_CN.UTF-8", zh), ("en_US.UTF-8", en)):
        result = invoke(args, locale)
        assert result.exit_code == 2, result.output
        assert expected in result.stderr, result.stderr
        assert result.stdout == ""
        if command:
            path = f"visitlog {command}"
            if locale.startswith("zh"):
                assert result.stderr.startswith(f"用法：{path} [选项]")
                assert f"运行 '{path} -h' 查看帮助。" in result.stderr and "错误：" in result.stderr
            else:
                assert result.stderr.startswith(f"Usage: {path} [OPTIONS]")
                assert f"Try '{path} -h' for help." in result.stderr and "Error: " in result.stderr
        if locale.startswith("zh"):
            assert not ENGLISH.search(result.stderr), result.stderr


def test_a_usage_error_follows_lang_and_the_notebook(nowhere, notes):
    notes.visit("王建国", "2026-11-18 10:00", "- 讨论")
    notes.write("visitlog.yaml", "language: zh\n")
    assert "错误：没有这个选项：--x" in invoke(["due", "--notes", str(notes.root), "--x"], "en_US.UTF-8").stderr
    assert "Error: No such option: --x" in invoke(["due", "--lang", "en", "--x"], "zh_CN.UTF-8").stderr
    bad = invoke(["due", "--notes", str(notes.root), "--lang", "fr"], "zh_CN.UTF-8")
    assert bad.exit_code == 2 and "--lang 只能是 zh 或 en" in bad.stderr


def test_no_arguments_shows_the_help(nowhere):
    result = invoke([], "zh_CN.UTF-8")
    assert result.exit_code == 2 and "用法：visitlog [选项] 命令 [参数]..." in result.output
    assert "示例：visitlog init" in result.output


def test_wrapped_chinese_never_starts_a_line_with_a_closing_mark_nor_ends_one_with_an_opening_mark():
    from visitlog.render.duetext import wrap

    text = "按哪一天计算（默认今天；也可设 VISITLOG_TODAY）。已沉默73天：用热点话题重新打开（2026-11-05 发布）"
    for width in range(20, 70):
        lines = wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), width
        assert all(cells(line) <= width for line in lines), width
        assert not [line for line in lines[1:] if line[0] in "）。，；："], (width, lines)
        assert not [line for line in lines[:-1] if line[-1] in "（“"], (width, lines)


def test_wrap_keeps_a_quoted_ascii_word_whole_and_breaks_after_a_bar():
    from visitlog.render.duetext import wrap

    text = "an adverse event gets `reported: today` (its report item); 约见|appointment、节奏|cadence"
    for width in range(12, 60):
        lines = wrap(text, width)
        assert not [line for line in lines if line == "`" or line.startswith(("` ", "|"))], (width, lines)
        assert "`reported:" in " ".join(lines) and "today`" in " ".join(lines), (width, lines)
