"""The lean start (visitlog/__main__.py) says exactly what the full command line says.

For every command line it answers, the bytes on stdout and stderr and the
exit code must be the full CLI's; for every one it should not answer, it must
fall through (and then the full CLI runs). Both run as real processes, like a
rep's shell runs them.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from visitlog import __main__ as lean

# The index stores no file changed in its last few seconds (its racy window,
# index.RACY_NS). Instead of sleeping past it, the child process's clock runs
# ahead: notes written just now look as old as notes written a minute ago.
CLOCK_AHEAD = "import time as _clock; _ns = _clock.time_ns; _clock.time_ns = lambda: _ns() + 60_000_000_000\n"
FULL = CLOCK_AHEAD + "import sys; from visitlog.cli import main; sys.argv = ['visitlog', *sys.argv[1:]]; main()"
LEAN = CLOCK_AHEAD + "import sys; from visitlog.__main__ import main; sys.argv = ['visitlog', *sys.argv[1:]]; main()"


def run(code: str, argv: list[str], env: dict | None = None, *, merged: bool = False) -> tuple[int, bytes, bytes]:
    """(exit code, stdout, stderr) of a process; `merged`: stderr into stdout, as `2>&1` (order counts)."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "VISITLOG_TODAY": "", "VISITLOG_NOTES": "",
                "VISITLOG_NO_CACHE": "", "VISITLOG_REP": "", "HOME": os.environ.get("HOME", "/tmp")}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "UNICODE_VERSION"):
        full_env.pop(name, None)
    full_env.update(env or {})
    r = subprocess.run([sys.executable, "-c", code, *argv], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                       stderr=subprocess.STDOUT if merged else subprocess.PIPE, env=full_env, timeout=120)
    return r.returncode, r.stdout, r.stderr or b""


def same(argv: list[str], env: dict | None = None, *, merged: bool = False) -> bytes:
    whole = run(FULL, argv, env, merged=merged)
    quick = run(LEAN, argv, env, merged=merged)
    assert quick == whole, argv
    return quick[1]


@pytest.fixture
def sample(notes):
    """A small notebook with a load error, a profile, an alias, promises and an adverse event."""
    notes.visit("王建国", "2026-11-16 10:00", "- [ ] 3天后确认资料是否收到\n- [ ] 后续跟进\n- 询问数据 (?)",
                next="下周四")
    notes.visit("刘芳", "2026-11-18 15:00", "- 提到皮疹 (!)", adverse_event="患者服药后皮疹", channel="phone")
    notes.visit("李主任", "2026-09-02", "- 学术会议邀请 ↑", purpose="academic")
    notes.profile("王建国", 4, 5, 3, aliases="[王主任]", since="2025-01-02")
    notes.write("visits/bad.md", "---\ncustomer: 甲\ndate: 2026-13-40\n---\n")
    return notes


CASES = [
    ["due", "--json"],
    ["due", "--json", "--today", "2026-11-20"],
    ["due", "--today=2026-11-20", "--json", "--days", "30"],
    ["due", "--json", "--days=0", "--today", "2026-11-17", "--lang", "en"],
    ["due", "--no-cache", "--json", "--today", "2026-11-20"],
    ["customers", "--json", "--today", "2026-11-20"],
    ["customers", "--json", "--today", "2026-11-20", "--lang", "en"],
    ["due", "--json", "--kind", "safety", "--today", "2026-11-20"],
    ["due", "--json", "--kind", "承诺,约见", "--kind=cadence", "--kind", ""],
    ["due", "--json", "--team"], ["customers", "--json", "--team", "--rep", "nobody"],
]


@pytest.mark.parametrize("argv", CASES)
def test_same_bytes_as_the_full_command_line(sample, argv):
    out = same([*argv, "--notes", str(sample.root)], env={"VISITLOG_TODAY": "2026-11-19"})
    assert out.startswith(b"{")


@pytest.mark.parametrize("argv", [
    ["due", "--json", "--kind", "safety,nonsense"], ["due", "--kind", "承诺，什么"], ["due", "--json", "--today", "2026-02-30"],
    ["due", "--json", "--days", "-1"], ["due", "--json", "--days", "x"], ["due", "--json", "--days", "99999"],
    ["due", "--json", "--lang", "fr"], ["due", "--json", "--json"], ["due", "--json", "--today"],
    ["due", "--json", "--", "x"], ["due", "-h"], ["score", "--json"], ["due", "--team", "--team"],
    ["customers", "--json", "--kind", "safety"], ["due", "--json", "--notes", "/nonexistent/notebook"],
    ["due", "--json", "--today", "1899-12-31"], ["due", "--today", "1899-12-31"], ["due", "--today", "3000-01-01"],
    ["due", "--limit", "x"], ["due", "--limit", "-1"], ["due", "--limit", "٣"], ["due", "-vv"], ["due", "-v", "-v"],
    ["due", "--ics", "/nonexistent/x.ics"], ["due", "--customer", "王建国"], ["customers"], ["due", "--days", "4000"],
    ["due", "--lang", "fr"], ["due", "--notes"],
])
def test_falls_through_with_the_full_command_lines_answer(sample, argv):
    env = {**os.environ, "VISITLOG_NOTES": str(sample.root)}
    assert lean.parse(argv, env) is None or not _answers(argv, env)
    same(argv, env={"VISITLOG_NOTES": str(sample.root)})


def _answers(argv, env) -> bool:
    try:
        lean.answer(*lean.parse(argv, env), env)
    except lean._FallThrough:
        return False
    return True


def test_shell_completion_and_bad_settings_fall_through(sample):
    assert lean.parse(["due", "--json"], {"_VISITLOG_COMPLETE": "bash_complete"}) is None
    sample.write("visitlog.yaml", "due_days: many\n")
    same(["due", "--json", "--notes", str(sample.root)])


def test_a_team_notebook_with_and_without_a_rep(notes):
    notes.visit("王建国", "2026-11-16 10:00", "- [ ] 3天后确认资料是否收到", rep="张伟")
    notes.visit("刘芳", "2026-11-17 10:00", "- [ ] 下周一前寄样品", rep="李娜")
    for command in ("due", "customers"):
        base = [command, "--json", "--notes", str(notes.root), "--today", "2026-11-20"]
        for extra, env in (([], {}), (["--rep", "张伟"], {}), (["--rep", "all"], {}), (["--rep", "无名"], {}),
                           ([], {"VISITLOG_REP": "李娜"}), ([], {"VISITLOG_REP": "无名"}), (["--team"], {}),
                           (["--team", "--rep", "无名"], {"VISITLOG_REP": "李娜"})):
            same(base + extra, env)


@pytest.mark.parametrize("size, replays", [(1000, True), (10_000, False)])
def test_identical_json_with_and_without_the_index_on_a_generated_notebook(notes, size, replays):
    """A district's notebook, every command the lean start answers (1k: also a replayed day), index on and off."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        import make_notebook
    finally:
        sys.path.pop(0)
    make_notebook.make_notebook(size, str(notes.root), end=date(2026, 11, 20))
    old = time.time() - 3600
    for path in notes.root.rglob("*.md"):
        os.utime(path, (old, old))
    cases = [["due", "--json", "--today", "2026-11-20"]]
    if replays:  # (10k: the morning list only, to keep the suite fast)
        cases += [["customers", "--json", "--today", "2026-11-20"], ["due", "--json", "--today", "2026-06-01"]]
    for argv in cases:
        argv = [*argv, "--notes", str(notes.root)]
        plain = run(FULL, argv, {"VISITLOG_NO_CACHE": "1"})
        run(LEAN, argv)                               # fills the index
        assert (notes.root / ".visitlog" / "index.sqlite").exists()
        assert run(LEAN, argv) == plain, argv
        if replays:
            assert run(FULL, argv) == plain, argv


def test_identical_json_with_and_without_the_index_on_the_sample_notebook(tmp_path):
    import shutil

    root = tmp_path / "notes"
    shutil.copytree(Path(__file__).resolve().parent.parent / "notes", root,
                    ignore=shutil.ignore_patterns(".visitlog"))
    old = time.time() - 3600
    for path in root.rglob("*.md"):
        os.utime(path, (old, old))
    for argv in (["due", "--json", "--today", "2026-11-20"], ["due", "--json", "--today", "2026-11-20", "--days", "30"],
                 ["customers", "--json", "--today", "2026-11-20"]):
        argv = [*argv, "--notes", str(root)]
        plain = run(FULL, argv, {"VISITLOG_NO_CACHE": "1"})
        run(LEAN, argv)
        assert run(LEAN, argv) == plain and run(FULL, argv) == plain, argv


def test_identical_json_from_the_summaries_on_the_sample_notebook_without_its_library(tmp_path):
    """Without `materials/`, the lean `due --json` answers from the index's per-customer summaries."""
    import shutil

    root = tmp_path / "notes"
    shutil.copytree(Path(__file__).resolve().parent.parent / "notes", root,
                    ignore=shutil.ignore_patterns(".visitlog", "materials"))
    old = time.time() - 3600
    for path in root.rglob("*.md"):
        os.utime(path, (old, old))
    for argv in (["due", "--json", "--today", "2026-11-20"], ["due", "--json", "--today", "2026-11-20", "--days", "30"],
                 ["due", "--json", "--today", "2026-10-01"], ["due", "--json", "--today", "2027-01-04"]):
        argv = [*argv, "--notes", str(root)]
        plain = run(FULL, argv, {"VISITLOG_NO_CACHE": "1"})
        run(LEAN, argv)
        assert run(LEAN, argv) == plain and run(FULL, argv) == plain, argv


def test_a_notebook_with_a_material_library(notes):
    """With `materials/`, due reads points (what to bring): the lean start does as the full CLI."""
    notes.profile("王建国", 4, 5, 4, since="2025-03-02")
    notes.write("materials/cost-basic.md", "---\ntitle: 成本效果简版\nkind: evidence\nneeds: [药物经济学]\n"
                                           "approved_until: 2027-06-30\nlayer: basic\n---\n简版说明。\n")
    notes.visit("王建国", "2026-09-01 10:00", "- 问药物经济学模型的数据来源 ?")
    notes.visit("王建国", "2026-10-10 10:00", "- 医院开始DRG付费，科里在算账 ↑", tags="[医保]")
    out = same(["due", "--json", "--notes", str(notes.root), "--today", "2026-11-20", "--days", "60"])
    assert b'"customer": "\xe7\x8e\x8b\xe5\xbb\xba\xe5\x9b\xbd"' in out


# ---------------------------------------------------------------- the text `due`, piped

TEXT_CASES = [
    ["due"],
    ["due", "--today", "2026-11-20"],
    ["due", "-v", "--today=2026-11-20", "--lang", "en"],
    ["due", "--days", "30", "--all", "--lang", "zh"],
    ["due", "--limit", "1", "--verbose", "--no-pager", "--today", "2026-11-17"],
    ["due", "--limit=0", "--pager", "--days=0", "--no-cache"],
    ["due", "--kind", "promise,安全", "-v", "--team"],
]


@pytest.mark.parametrize("argv", TEXT_CASES)
def test_the_text_due_piped_is_the_full_command_lines_to_the_byte(sample, argv):
    """Not a terminal: the lean start prints the morning list itself (no rich), with the broken note's error."""
    argv = [*argv, "--notes", str(sample.root)]
    assert lean.parse(argv, {}) is not None                          # (pytest's stdout is not a terminal)
    out = same(argv, env={"VISITLOG_TODAY": "2026-11-19"})
    assert out.startswith(b"2026-11-") and b"visitlog done" in out       # the summary ... the footer


@pytest.mark.parametrize("env", [
    {"COLUMNS": "80"}, {"COLUMNS": "41"}, {"COLUMNS": "12"}, {"COLUMNS": "1"}, {"COLUMNS": "0"},
    {"COLUMNS": "abc"}, {"NO_COLOR": ""}, {"COLUMNS": "60", "LINES": "5"}, {"TERM": "dumb"},
])
def test_the_width_and_colour_settings_of_a_pipe(sample, env):
    """The width rich gives a pipe (COLUMNS, else a terminal on stdin or stderr, else 80), kept; a line too
    long for a narrow screen is cut as rich cuts it; never colour (NO_COLOR or not)."""
    for verbose in ([], ["-v"]):
        same(["due", *verbose, "--notes", str(sample.root), "--today", "2026-11-20"], env)


def test_stderr_and_stdout_in_the_full_command_lines_order(sample):
    """Errors first, the list, then (last) how many notes could not be read: the same bytes through `2>&1`."""
    for argv in (["due"], ["due", "--json"]):
        out = same([*argv, "--notes", str(sample.root), "--today", "2026-11-20"], merged=True)
        assert out.index(b"bad.md") < out.index("王建国".encode()) < out.rindex(b"visitlog check")


def test_the_text_due_on_the_sample_notebook_is_the_golden_view():
    """The lean start's plain text is the one view: the golden files' (render/duetext.py, 80 columns)."""
    import shutil
    import tempfile

    golden = Path(__file__).resolve().parent / "golden"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "notes"
        shutil.copytree(Path(__file__).resolve().parent.parent / "notes", root,
                        ignore=shutil.ignore_patterns(".visitlog"))
        for view, extra in (("due", []), ("due-verbose", ["-v"])):
            for lang in ("zh", "en"):
                argv = ["due", *extra, "--notes", str(root), "--lang", lang]
                code, out, err = run(LEAN, argv, {"COLUMNS": "80", "LINES": "40", "VISITLOG_TODAY": "2026-11-20"})
                head, _, body = (golden / f"{view}.{lang}.txt").read_text(encoding="utf-8").partition("\n")
                assert (code, out.decode("utf-8")) == (0, body), (view, lang)


def test_odd_characters_line_up_and_are_cut_alike(notes):
    """Names and texts with wide emoji, joined emoji, combining marks, control codes, ANSI escapes, tabs and
    full-width forms: the lean start counts cells as rich does, at any width."""
    notes.visit("Zoë\u0301 👩\u200d⚕️", "2026-11-16 10:00", "- [ ] 回电\t确认\x07 ☎️ 样品 #️⃣ e\u0301\u0301 🇨🇳\n- [ ] 后续跟进")
    notes.visit("\x1b[31m红\x1b[0m字", "2026-11-18 15:00", "- [ ] 寄\u200b资料\r给 ＡＢＣ１２３ 主任 ｱｲｳ 가나다")
    notes.visit("李主任🩷", "2026-11-19", "- [ ] " + "很长的承诺" * 12)
    notes.write("visits/\x1b[1mbad\x1b[0m.md", "---\ncustomer: 甲\ndate: 2026-13-40\n---\n")
    for columns in ("100", "37", "19", "9"):
        for verbose in ([], ["-v"]):
            out = same(["due", *verbose, "--notes", str(notes.root), "--today", "2026-11-20"], {"COLUMNS": columns})
            assert "👩".encode() in out and b"\x1b" not in out and b"\x07" not in out


def test_a_team_notebooks_text_due(notes):
    notes.visit("王建国", "2026-11-16 10:00", "- [ ] 3天后确认资料是否收到", rep="张伟")
    notes.visit("刘芳", "2026-11-17 10:00", "- [ ] 下周一前寄样品", rep="李娜")
    base = ["due", "--notes", str(notes.root), "--today", "2026-11-20"]
    for extra, env in (([], {}), (["--rep", "张伟"], {}), (["--rep", "all", "-v"], {}), (["--rep", "无名"], {}),
                       ([], {"VISITLOG_REP": "无名"}), (["--team", "--kind", "承诺"], {"VISITLOG_REP": "张伟"})):
        same(base + extra, env)


@pytest.mark.parametrize("env", [{"FORCE_COLOR": "1"}, {"TTY_COMPATIBLE": "1"}, {"UNICODE_VERSION": "9.0"}])
def test_colour_forced_or_other_widths_go_to_the_full_command_line(sample, env):
    argv = ["due", "--notes", str(sample.root), "--today", "2026-11-20"]
    assert lean.parse(argv, env) is None
    same(argv, env)


def test_a_stdout_that_is_not_utf8_goes_to_the_full_command_line(monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="latin-1"))
    assert lean.parse(["due"], {}) is None and lean.parse(["due", "--json"], {}) is not None


def test_at_a_terminal_the_full_command_line_answers(sample, monkeypatch):
    """Colour and the pager are rich's: at a terminal the lean start does not answer (--json it does)."""
    import pty

    class Terminal:
        encoding = "utf-8"

        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    assert lean.parse(["due"], {}) is None and lean.parse(["due", "--json"], {}) is not None
    monkeypatch.undo()

    def at_terminal(code):
        leader, follower = pty.openpty()
        env = {**os.environ, "NO_COLOR": "", "COLUMNS": "90", "PAGER": "cat", "VISITLOG_NOTES": "",
               "VISITLOG_TODAY": "", "VISITLOG_REP": "", "TERM": "xterm-256color"}
        p = subprocess.Popen([sys.executable, "-c", code, "due", "--notes", str(sample.root), "--today",
                              "2026-11-20"], stdout=follower, stderr=subprocess.DEVNULL, env=env)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:                       # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        return p.wait(timeout=60), b"".join(chunks)

    whole, quick = at_terminal(FULL), at_terminal(LEAN)
    assert quick == whole and b"\x1b[" in quick[1]                    # in colour, as rich prints it
