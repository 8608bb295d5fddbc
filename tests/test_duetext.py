"""The text view of `visitlog due`: one heading per customer, one line per step, a footer; -v says why and where."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from rich.cells import cell_len

LONG = ("72小时内整理长期随访数据（按肾功能分层）并发送给王主任，附上药物经济学分析、医保政策解读"
        "和近三年省内同类医院的用药对比的完整材料")
SAMPLE = Path(__file__).resolve().parent.parent / "notes"


def _notebook(notes):
    notes.profile("王建国", 5, 5, 5, since="2026-10-01")
    for day in ["2026-10-01", "2026-10-04", "2026-10-08", "2026-10-15"]:
        notes.visit("王建国", day)
    notes.visit("王建国", "2026-11-18 10:00", f"""
        - [ ] {LONG}
        - [ ] 后续跟进
    """, adverse_event="患者65岁，用药后轻度低血糖，合并二甲双胍", next="下周四下午")


def _lines(out: str) -> list[str]:
    lines = out.splitlines()
    assert all(line == line.rstrip() for line in lines)              # no trailing spaces
    return lines


def test_one_heading_per_customer_and_one_line_per_step_with_its_id(notes):
    _notebook(notes)
    notes.visit("李医生", "2026-11-19", "- [ ] 明天回电")
    items = notes.json("due", "--today", "2026-11-20", "--lang", "zh")["items"]
    out = notes.run("due", "--today", "2026-11-20", "--lang", "zh", env={"COLUMNS": "80"}).stdout
    lines = _lines(out)
    assert max(cell_len(line) for line in lines) <= 80
    assert sum(line.startswith("王建国 A ") for line in lines) == 1                # the customer once,
    assert sum(line.startswith("李医生 C ") for line in lines) == 1                # beside its first step
    closable = [i for i in items if i["kind"] in ("safety", "commitment")]
    for item in closable:                                            # the id ends its step's line
        assert sum(1 for line in lines if line.endswith("  " + item["id"])) == 1
    long_line = next(line for line in lines if LONG[:10] in line)
    assert "…" in long_line and LONG not in out                      # cropped to the line by default
    ids_at = {cell_len(line) - 8 for line in lines if re.search(r"  [sc][0-9a-f]{7}$", line)}
    assert len(ids_at) == 1                                          # one id column for every customer
    assert "visits/" not in out                                      # where: only under -v


def test_verbose_wraps_the_text_under_its_column_and_says_why_and_where(notes):
    _notebook(notes)
    items = notes.json("due", "--today", "2026-11-20", "--lang", "zh")["items"]
    out = notes.run("due", "--today", "2026-11-20", "--lang", "zh", "-v", env={"COLUMNS": "80"}).stdout
    lines = _lines(out)
    assert max(cell_len(line) for line in lines) <= 80
    for item in items:
        assert item["source"] in out
    first = next(n for n, line in enumerate(lines) if LONG[:10] in line)
    column = cell_len(lines[first][:lines[first].index(LONG[:10])])
    text = [lines[first][lines[first].index(LONG[:10]):].rsplit("  ", 1)[0].rstrip()]
    for line in lines[first + 1:]:
        assert cell_len(line) - cell_len(line.lstrip(" ")) == column  # continuation hangs under the text
        text.append(line.strip())
        if "".join(text).startswith(LONG):
            break
    assert "".join(text).startswith(LONG)                            # nothing of it was cut


def test_a_narrow_screen_stays_inside_the_screen(notes):
    _notebook(notes)
    for flag in ((), ("-v",)):
        out = notes.run("due", "--today", "2026-11-20", "--lang", "zh", *flag, env={"COLUMNS": "40"}).stdout
        assert max(cell_len(line) for line in _lines(out)) <= 40


def test_one_contact_closing_several_items_says_so(notes):
    notes.profile("徐医生", since="2026-01-05")                             # established
    notes.visit("徐医生", "2026-09-01", "聊了聊", next="2026-10-01")        # appointment, cadence, wake-up
    out = notes.run("due", "--today", "2026-11-20", "--lang", "zh").stdout
    steps = [line for line in out.splitlines() if line.startswith("徐医生") or line.startswith("        ")]
    assert len(steps) == 1 and "一次联系关闭 3 项：" in steps[0] and "约见" in steps[0] and "唤醒" in steps[0]
    en = notes.run("due", "--today", "2026-11-20", "--lang", "en").stdout
    assert "a contact closes 3" in en


def test_stale_steps_fold_into_the_footer_and_all_lists_them(notes):
    notes.profile("孙医生", since="2026-01-05")
    notes.visit("孙医生", "2026-08-01", "- [ ] 一周内送资料")              # 100+ days overdue: stale
    notes.visit("孙医生", "2026-11-18", "- [ ] 明天回电")
    notes.visit("马医生", "2026-08-20", "首次拜访")                        # new customer, silent > 60 days
    data = notes.json("due", "--today", "2026-11-20")
    assert any(i["rule"] == "new-customer" for i in data["items"])        # the JSON keeps every item
    out = notes.run("due", "--today", "2026-11-20", "--lang", "zh").stdout
    assert "一周内送资料" not in out and "新客户第" not in out
    footer = out.strip().splitlines()[-2]
    assert "孙医生 1 项逾期超 30 天的承诺" in footer and "马医生 1 项被唤醒取代的跟进" in footer
    assert "--all" in footer
    every = notes.run("due", "--today", "2026-11-20", "--lang", "zh", "--all").stdout
    assert "一周内送资料" in every and "新客户跟进" in every and "未列出" not in every
    notes.write("visitlog.yaml", "stale_promise_days: 200\n")
    assert "一周内送资料" in notes.run("due", "--today", "2026-11-20", "--lang", "zh").stdout


def test_limit_shows_the_most_urgent_customers_and_says_what_is_left(notes):
    for n, name in enumerate(["甲", "乙", "丙"]):
        notes.visit(name, f"2026-11-1{n}", f"- [ ] 回电{n} 📅 2026-11-1{n + 5}")
    out = notes.run("due", "--today", "2026-11-20", "--lang", "en", "--limit", "1").stdout
    assert "回电0" in out and "回电1" not in out and "回电2" not in out
    assert re.search(r"2 more customer\(s\) with \d+ item\(s\) past --limit", out)
    assert "回电2" in notes.run("due", "--today", "2026-11-20", "--limit", "0").stdout


def test_colours_and_the_reversed_safety_label(notes):
    _notebook(notes)
    plain = notes.run("due", "--today", "2026-11-20", "--lang", "en", env={"COLUMNS": "80"}).stdout
    assert "\x1b[" not in plain
    coloured = notes.run("due", "--today", "2026-11-20", "--lang", "en",
                         env={"COLUMNS": "80", "NO_COLOR": "", "FORCE_COLOR": "1"}).stdout
    label = re.search(r"\x1b\[1;7;31m(safety *)\x1b\[0m", coloured)      # the label reversed in red,
    assert label and len(label.group(1)) == len("promise")              # padded to the kind column
    assert "\x1b[1;31m1 d overdue" in coloured                         # overdue in words, and red


def test_the_sample_morning_fits_one_80_by_40_screen(tmp_path):
    from typer.testing import CliRunner

    from visitlog.cli import app

    root = tmp_path / "notes"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".visitlog"))
    for lang in ("zh", "en"):
        result = CliRunner().invoke(app, ["due", "--today", "2026-11-20", "--notes", str(root), "--lang", lang],
                                    env={"NO_COLOR": "1", "COLUMNS": "80", "VISITLOG_NOTES": ""})
        lines = result.stdout.splitlines()
        # 40 lines before issue #18's samples (a snoozed promise, a waiting step, a department meeting's new
        # attendee) added two customers and four lines; 50 keeps one tall terminal screen
        assert len(lines) < 50 and max(cell_len(line) for line in lines) <= 80   # and a line for the prompt
        assert lines[-1].startswith(("完成", "visitlog done"))                # the footer is on the screen


def test_a_pager_only_at_a_terminal(monkeypatch, tmp_path, capsys):
    from visitlog.cli import common

    seen = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open({str(seen)!r}, 'wb').write(sys.stdin.buffer.read())\""
    monkeypatch.setenv("PAGER", pager)
    monkeypatch.setenv("LINES", "5")
    monkeypatch.setenv("NO_COLOR", "1")
    view = lambda width: ["\n".join(f"line {n}" for n in range(20))]   # noqa: E731
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    common.show(view)
    assert "line 19" in capsys.readouterr().out and not seen.exists()   # piped: printed, never paged
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    common.show(view, pager=False)
    assert "line 19" in capsys.readouterr().out and not seen.exists()   # --no-pager
    common.show(view)
    assert "line 19" in seen.read_text(encoding="utf-8")                # a terminal and too long: paged
    seen.unlink()
    common.show(lambda width: ["short"])
    assert "short" in capsys.readouterr().out and not seen.exists()     # fits the screen: printed
