"""Start-up stays light: heavy modules load only when a command needs them.

Each check runs a fresh interpreter (a module imported by an earlier test
would hide an import here) and lists which of the heavy modules it loaded.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

HEAVY = ("dateparser", "jieba", "icalendar", "pydantic")


def loaded_after(code: str, *args: str) -> list[str]:
    probe = code + textwrap.dedent(f"""
        import sys, json
        print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY + ('yaml',)!r}
                                and '.' not in m)), file=sys.__stderr__)
    """)
    env = {**os.environ, "NO_COLOR": "1", "VISITLOG_TODAY": "", "VISITLOG_NOTES": "", "VISITLOG_NO_CACHE": ""}
    r = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env)
    return json.loads(r.stderr.strip().splitlines()[-1])


def test_importing_the_cli_loads_no_heavy_module():
    assert loaded_after("import visitlog.cli") == []


RUN = textwrap.dedent("""
    import sys
    from visitlog.cli import app
    try:
        app(sys.argv[1:])
    except SystemExit:
        pass
""")


def test_a_warm_due_needs_neither_the_parser_nor_yaml_nor_pydantic(notes):
    notes.visit("王建国", "2026-11-18 10:00", "- [ ] 3天后确认资料是否收到\n- [ ] 后续跟进", next="下周四")
    notes.profile("王建国", 4, 5, 3)
    old = time.time() - 3600
    for path in notes.root.rglob("*.md"):
        os.utime(path, (old, old))
    args = ("due", "--notes", str(notes.root), "--today", "2026-11-20", "--days", "7")
    cold = loaded_after(RUN, *args)
    time.sleep(3.1)                  # past the cache's racy window (it watches the change time too)
    loaded_after(RUN, *args)         # fills the cache
    warm = loaded_after(RUN, *args)
    assert "yaml" in cold
    assert warm == [], f"a warm run loaded {warm}"


def test_plain_option_values_match_typers_own_coercion():
    """The light coercion of `startup` gives what typer's pydantic one gives, or defers to it."""
    from typer.main import get_command

    import typer.core as core
    from visitlog.cli import startup
    from visitlog.cli import app

    original = core.build_runtime_param._visitlog_original
    command = get_command(app)
    checked = 0
    for sub in command.commands.values():
        for param in sub.params:
            desc = param.type_descriptor
            kind = startup._kind(desc)
            if kind is None:
                continue
            fast, real = startup._Plain(desc, kind, original), original(desc)
            samples = {"str": ["王建国", "", "2026-11-20"], "bool": [True, False], "int": ["0", "7", "12", 3],
                       "list-str": [("a", "b"), []]}[kind]
            for value in samples + [None]:
                assert fast.coerce(value, param, None) == real.coerce(value, param, None), (sub.name, param.name)
                checked += 1
    assert checked > 20


def test_doubtful_values_get_typers_own_error(notes):
    result = notes.run("due", "--days", "-1")
    assert result.exit_code == 2
    assert "greater than or equal to 0" in result.output
    result = notes.run("due", "--days", "x")
    assert result.exit_code == 2
    assert "valid integer" in result.output


@pytest.mark.parametrize("argv", [["--version"]])
def test_version_still_works(argv):
    r = subprocess.run([sys.executable, "-m", "visitlog.cli", *argv], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("visitlog ")


def test_one_command_app_behaves_like_the_whole_app(notes):
    """`visitlog CMD ...` runs an app holding only CMD: same help, same errors, same output."""
    from typer.testing import CliRunner

    from visitlog.cli import startup
    from visitlog.cli import app

    notes.visit("王建国", "2026-11-18 10:00", "- [ ] 3天后确认资料是否收到", next="下周四")
    runner = CliRunner()
    env = {"NO_COLOR": "1", "COLUMNS": "200", "VISITLOG_TODAY": "", "VISITLOG_NOTES": ""}
    cases = [[name, "--help"] for name in ("check", "customers", "timeline", "due", "done", "score", "new", "prep",
                                            "review", "export")]
    cases += [["due", "--bad"], ["due", "--days", "x"], ["due", "--notes", str(notes.root), "--today",
                                                         "2026-11-20", "--json"],
              ["timeline", "王", "--notes", str(notes.root), "--json"], ["check", "--notes", str(notes.root)]]
    for argv in cases:
        slim = startup.one_command(app, argv, environ={})
        assert slim is not app and [c.callback.__name__ for c in slim.registered_commands] == [argv[0]]
        whole = runner.invoke(app, argv, env=env)
        alone = runner.invoke(slim, argv, env=env)
        assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output), argv
    assert len(app.registered_commands) >= 10, "the app itself is untouched"


@pytest.mark.parametrize("argv", [[], ["--help"], ["--no-cache", "due"], ["du"], ["duee"]])
def test_anything_but_a_command_name_gets_the_whole_app(argv):
    from visitlog.cli import startup
    from visitlog.cli import app

    assert startup.one_command(app, argv, environ={}) is app
    assert startup.one_command(app, ["due"], environ={"_VISITLOG_COMPLETE": "complete_bash"}) is app
