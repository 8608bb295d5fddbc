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


# The index stores no file changed in its last few seconds (its racy window,
# index.RACY_NS). Instead of sleeping past it, the child process's clock runs
# ahead: notes written just now look as old as notes written a minute ago.
CLOCK_AHEAD = "import time as _clock; _ns = _clock.time_ns; _clock.time_ns = lambda: _ns() + 60_000_000_000\n"
RUN = CLOCK_AHEAD + textwrap.dedent("""
    import sys
    from visitlog.cli import app
    try:
        app(sys.argv[1:])
    except SystemExit:
        pass
""")


LEAN = CLOCK_AHEAD + textwrap.dedent("""
    import sys
    from visitlog.__main__ import main
    sys.argv = ["visitlog", *sys.argv[1:]]
    try:
        main()
    except SystemExit:
        pass
""")


def _aged(notes):
    notes.visit("王建国", "2026-11-18 10:00", "- [ ] 3天后确认资料是否收到\n- [ ] 后续跟进", next="下周四")
    notes.profile("王建国", 4, 5, 3)
    old = time.time() - 3600
    for path in notes.root.rglob("*.md"):
        os.utime(path, (old, old))


def test_a_warm_due_needs_neither_the_parser_nor_yaml(notes):
    _aged(notes)
    args = ("due", "--notes", str(notes.root), "--today", "2026-11-20", "--days", "7")
    cold = loaded_after(RUN, *args)
    warm = loaded_after(RUN, *args)
    assert "yaml" in cold
    assert not {"yaml", "dateparser", "jieba", "icalendar"} & set(warm), f"a warm run loaded {warm}"


def test_the_lean_start_loads_no_typer_rich_or_pydantic(notes):
    _aged(notes)
    for command in (("due", "--days", "7", "--json"), ("customers", "--json"), ("due", "--days", "7"),
                    ("due", "-v", "--all", "--limit", "3")):   # (the text due: stdout is a pipe here)
        args = (*command, "--notes", str(notes.root), "--today", "2026-11-20")
        loaded_after(LEAN, *args)    # fills the index
        probe = LEAN + "\nimport json as _j\nprint(_j.dumps(sorted(m for m in sys.modules if m.split('.')[0] in " \
                       "('typer', 'click', 'rich', 'pydantic', 'yaml', 'dateparser', 'jieba'))), file=sys.__stderr__)"
        r = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True,
                           env={**os.environ, "VISITLOG_TODAY": "", "VISITLOG_NOTES": "", "VISITLOG_NO_CACHE": ""})
        if "--json" in command:
            assert json.loads(r.stdout)["today"] == "2026-11-20"
        else:
            assert r.stdout.startswith("2026-11-20 ") and "王建国" in r.stdout
        assert json.loads(r.stderr.strip().splitlines()[-1]) == [], command


def test_nothing_patches_typer():
    import typer.core

    import visitlog.cli  # noqa: F401

    assert not any(getattr(v, "_visitlog_plain", False) for v in vars(typer.core).values())


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
