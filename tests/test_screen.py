"""At a terminal the morning list fits two screens (issue #13, docs/due.md "Two screens at a terminal").

The list runs on a real pseudo-terminal (`conftest.run_at_terminal`), on a
district notebook generated small (600 visits, two reps) plus a few notes that
cannot be read, so the load errors printed above the list count too.
"""
from __future__ import annotations

import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import run_at_terminal, terminal_lines

TODAY = "2026-11-20"
BAD = 3                 # notes that cannot be read: their errors take lines above the list


def make_district(root: Path, visits: int = 600) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        import make_notebook
    finally:
        sys.path.pop(0)
    make_notebook.make_district(visits, str(root), end=date(2026, 11, 20))
    for n in range(BAD):
        (root / "visits" / f"2026-11-0{n + 1}-坏记录{n}.md").write_text(
            f"---\ncustomer: 坏记录{n}\ndate: 2026-11-0{n + 1} 25:00\nrep: 王丽\n---\n- [ ] 回电\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def district(tmp_path_factory) -> Path:
    return make_district(tmp_path_factory.mktemp("screen") / "district")


def due(root: Path, *args: str, rows: int = 24, rep: str = "王丽", lang: str = "zh") -> str:
    code, out = run_at_terminal(["due", "--notes", str(root), "--today", TODAY, "--lang", lang, "--rep", rep, *args],
                                rows=rows, env={"HOME": str(root.parent)})
    assert code == 0, out
    return out


def piped(root: Path, *args: str, rep: str = "王丽") -> str:
    """The list as a pipe gets it (not a terminal)."""
    from typer.testing import CliRunner

    from visitlog.cli import app

    env = {"NO_COLOR": "1", "COLUMNS": "80", "VISITLOG_TODAY": "", "VISITLOG_NOTES": "", "VISITLOG_REP": "",
           "HOME": str(root.parent)}
    r = CliRunner().invoke(app, ["due", "--notes", str(root), "--today", TODAY, "--lang", "zh", "--rep", rep, *args],
                           env=env, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.stdout


def names(text: str) -> list[str]:
    """The customers of a morning list, in its order (a name heads its first step)."""
    return re.findall(r"^(\S+) [ABC] +(?:逾期|今天|明天|无日期|暂缓|等待|\d\d-\d\d)", text, flags=re.M)


@pytest.mark.parametrize("rows", [24, 12])
def test_one_reps_list_fits_two_screens_and_says_what_is_below(district, rows):
    whole = piped(district)
    out = due(district, rows=rows)
    assert terminal_lines(whole, 80) > 2 * rows                  # the whole list would not fit
    assert terminal_lines(out, 80) <= 2 * rows                   # errors, summary, list and footer do
    assert out.count(": error: ") == BAD and "条记录无法读取" in out       # nothing of stderr is dropped
    assert out.split("\n")[BAD] == whole.split("\n")[0]           # the same summary: it counts every item
    shown, every = names(out), names(whole)
    assert shown and shown == every[:len(shown)]                  # the most urgent customers, whole
    below = re.search(r"另有 (\d+) 位客户的 (\d+) 项未列出（最早：(\S+) [^；）]+(?:；逾期 (\d+) 项)?）：--limit 0 全部列出",
                      out.replace("\n", ""))
    assert below, out
    assert int(below.group(1)) == len(every) - len(shown) and below.group(3) == every[len(shown)]
    data = json.loads(piped(district, "--json"))
    folded = {"stale": 30}
    hidden = set(every[len(shown):])
    theirs = [i for i in data["items"] if i["customer"] in hidden
              and not (i["kind"] == "commitment" and (i["overdue_days"] or 0) > folded["stale"])
              and not (i["rule"] == "new-customer" and any(j["kind"] == "wake-up" and j["customer"] == i["customer"]
                                                          for j in data["items"]))]
    assert int(below.group(2)) == len(theirs)                    # every item below the cut is counted
    late = sum(1 for i in theirs if (i["overdue_days"] or 0) > 0 and i["state"] == "open")
    assert int(below.group(4) or 0) == late                      # and the overdue ones said so
    if rows == 12:
        assert late > 0                                          # (a cut inside the overdue part)


def test_piped_the_list_is_whole_and_the_options_lift_the_cut(district):
    whole = piped(district)
    assert "未列出（最早" not in whole and "另有" not in whole
    assert whole == piped(district, "--limit", "0")
    every = names(whole)
    assert names(due(district, "--limit", "0")) == every
    assert names(due(district, "-v")) == every                     # -v: every customer, paged
    assert "另有" not in due(district, "--all")
    assert names(due(district, "--limit", "3")) == every[:3]       # an explicit limit is the rep's


def test_english_footer(district):
    out = due(district, lang="en")
    assert re.search(r"\d+ more customer\(s\), \d+ item\(s\) not shown \(next: \S+ [^)]+\) · --limit 0: all", out)


def test_safety_is_never_cut(notes):
    start = date(2026, 11, 1)
    for n in range(12):
        day = (start + timedelta(days=n)).isoformat()
        notes.visit(f"客户{n:02d}", f"{day} 10:00", f"- [ ] 回电{n} 📅 {day}\n- [ ] 寄资料{n}", adverse_event=f"皮疹{n}")
    for n in range(20):
        notes.visit(f"老客户{n:02d}", "2026-11-10", f"- [ ] 送材料{n} 📅 2026-11-2{n % 3 + 1}")
    out = due(notes.root, rows=8, rep="all")
    assert all(f"皮疹{n}" in out for n in range(12)), out        # 12 safety customers: more than two screens hold
    assert not [n for n in names(out) if n.startswith("老客户")] and "另有 20 位客户" in out
    limited = notes.run("due", "--today", TODAY, "--lang", "zh", "--limit", "1").stdout
    assert all(f"皮疹{n}" in limited for n in range(12))         # not even by an explicit --limit
