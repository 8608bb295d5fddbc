"""The index's per-customer summaries (rules/facts.py, notebook/summary.py): `due` from them is `due`
from the notes, whatever changed since they were stored.

Each test loads the summaries, changes something, loads again and compares the items with those of
a notebook parsed from scratch (no index). `RACY_NS` is 0 here, so what was just written is stored;
the racy-file rule has its own test.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from visitlog.notebook import index, parse
from visitlog.notebook.load import load
from visitlog.notebook.settings import load_settings
from visitlog.notebook.summary import load_summary
from visitlog.rules import facts as facts_module
from visitlog.rules.facts import customer_facts, for_day, stored_ok, summarizer, summary_key
from visitlog.rules.team import ALL, covering, due_for, facts_due, facts_reps

TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def store_at_once(monkeypatch):
    monkeypatch.setattr(index, "RACY_NS", 0)
    monkeypatch.delenv("VISITLOG_NO_CACHE", raising=False)


@pytest.fixture
def parses(monkeypatch):
    seen: list[str] = []
    original = parse.parse_note

    def counting(rel, raw, settings):
        seen.append(rel)
        return original(rel, raw, settings)

    monkeypatch.setattr(parse, "parse_note", counting)
    return seen


def morning(notes, today: date = TODAY, rep: str | None = None):
    """(items, problems, answered from the stored summaries?) as the lean `due --json` computes them."""
    root = notes.root
    settings = load_settings(root)
    found = load_summary(root, settings, summarizer(settings), summary_key(), accept=stored_ok)
    facts = for_day(found.records, today, settings,
                    lambda: (found.notebook or load(root, settings, points=False)).customers)
    known = facts_reps(facts)
    return facts_due(facts, len(known) > 1, today, settings, rep), found.problems, found.notebook is None


def truth(notes, today: date = TODAY, rep: str | None = None):
    """The same from the notes parsed afresh, through the notebook (no index, no summaries)."""
    settings = load_settings(notes.root)
    nb = load(notes.root, settings, use_cache=False)
    return due_for(nb, today, settings, rep), nb.problems


def check(notes, *, stored: bool, today: date = TODAY, rep: str | None = None):
    items, problems, from_index = morning(notes, today, rep)
    assert (items, problems) == truth(notes, today, rep)
    assert from_index == stored
    return items


@pytest.fixture
def book(notes):
    notes.visit("王建国", "2026-11-16 10:00", "- [ ] 3天后确认资料是否收到\n- [ ] 后续跟进", next="下周四")
    notes.visit("王建国", "2026-10-02 10:00", "- 学术会 ↑", purpose="academic")
    notes.visit("刘芳", "2026-11-18 15:00", "- 提到皮疹 (!)", adverse_event="患者服药后皮疹", channel="phone")
    notes.visit("李主任", "2025-09-02", "- [ ] 发送指南解读 📅 2025-09-10")
    notes.profile("王建国", 4, 5, 3, aliases="[王主任]", since="2025-01-02")
    notes.write("visits/bad.md", "---\ncustomer: 甲\ndate: 2026-13-40\n---\n")
    return notes


def test_a_second_run_reads_summaries_and_parses_nothing(book, parses):
    first = check(book, stored=False)
    assert first
    parses.clear()
    items, _, from_index = morning(book)
    assert from_index and parses == [] and items == first


def test_an_edit_is_seen(book, parses):
    check(book, stored=False)
    path = book.root / "visits" / "2026-11-16-王建国.md"
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("- [ ] 后续跟进", "- [x] 后续跟进"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns - 10_000_000_000))
    items = check(book, stored=False)
    assert "后续跟进" not in [i.text for i in items]
    check(book, stored=True)


def test_an_added_deleted_and_renamed_note_is_seen(book):
    check(book, stored=False)
    added = book.visit("赵医生", "2026-11-19 09:00", "- [ ] 周五前寄样品")
    assert "赵医生" in {i.customer for i in check(book, stored=False)}
    check(book, stored=True)
    added.rename(added.with_name("2026-11-19-赵医生-改.md"))
    items = check(book, stored=False)
    assert any(i.source.path.endswith("赵医生-改.md") for i in items)
    (book.root / "visits" / "2026-11-19-赵医生-改.md").unlink()
    assert "赵医生" not in {i.customer for i in check(book, stored=False)}
    check(book, stored=True)


def test_touch_without_change_gives_the_same_items(book):
    first = check(book, stored=False)
    path = book.root / "visits" / "2026-11-18-刘芳.md"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 5_000_000_000))
    assert check(book, stored=False) == first
    assert check(book, stored=True) == first


def test_same_size_edit_within_the_same_second_is_seen(book, monkeypatch):
    """Two writes of the same size in one tick: summaries of a notebook this fresh are never stored."""
    monkeypatch.setattr(index, "RACY_NS", 3_000_000_000)
    path = book.root / "visits" / "2026-11-16-王建国.md"
    stamp = path.stat()
    check(book, stored=False)
    path.write_text(path.read_text(encoding="utf-8").replace("3天后", "2天后"), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size
    items = check(book, stored=False)
    assert [i.due for i in items if i.text.startswith("2天后")] == [date(2026, 11, 18)]


def test_a_new_folder_problem_is_seen(book):
    """The listing's own problems (a broken link) are part of the state the summaries belong to."""
    check(book, stored=False)
    os.symlink(book.root / "nowhere.md", book.root / "visits" / "dangling.md")
    _, problems, from_index = morning(book)
    assert not from_index and "link-broken" in [p.code for p in problems]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "bad row", "foreign class", "planted bring"])
def test_a_damaged_index_or_summary_row_is_rebuilt_silently(book, damage, capsys):
    check(book, stored=False)
    path = index.index_path(book.root)
    if damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:300])
    else:
        con = sqlite3.connect(path)
        if damage == "planted bring":    # a record of the model where the facts never have one
            rows = con.execute("SELECT pos, value FROM summaries").fetchall()
            planted = '{"c":"Source","v":["x.md",1]}'
            for pos, value in rows:
                con.execute("UPDATE summaries SET value=? WHERE pos=?",
                            (value.replace(',"action",null,null,null,', f',"action",null,null,{planted},'), pos))
            assert any("Source" in v for v, in con.execute("SELECT value FROM summaries"))
        else:
            value = '["CustomerFacts",[1,2]]' if damage == "bad row" else '["Visit",[]]'
            con.execute("UPDATE summaries SET value=?", (value,))
        con.commit()
        con.close()
    check(book, stored=False)
    check(book, stored=True)
    assert capsys.readouterr() == ("", "")


def test_a_settings_change_rebuilds_them(book):
    before = check(book, stored=False)
    check(book, stored=True)
    book.write("visitlog.yaml", "wake_up_days: 30\ncadence: {A: 7, B: 14, C: 20}\n")
    after = check(book, stored=False)
    assert after != before
    check(book, stored=True)


def test_a_parser_module_change_rebuilds_them(book, monkeypatch):
    check(book, stored=False)
    check(book, stored=True)
    monkeypatch.setattr(index, "source_checksum", lambda: 12345)
    check(book, stored=False)


def test_a_rules_module_change_rebuilds_them(book, monkeypatch):
    check(book, stored=False)
    monkeypatch.setattr(facts_module, "summary_key", lambda: "facts-changed")
    root = book.root
    settings = load_settings(root)
    assert load_summary(root, settings, summarizer(settings), facts_module.summary_key()).notebook is not None


def test_every_rules_module_the_facts_are_built_with_is_in_their_key(tmp_path, monkeypatch):
    """facts.py and every module of rules/ it imports (transitively): a change in any rebuilds the summaries."""
    import ast
    import shutil

    rules = Path(facts_module.__file__).parent
    used, todo = set(), ["facts"]
    while todo:
        name = todo.pop()
        if name in used:
            continue
        used.add(name)
        for node in ast.walk(ast.parse((rules / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                todo.append(node.module.split(".")[0])
    assert {f"{n}.py" for n in used} <= set(facts_module.KEY_MODULES)
    copy = tmp_path / "rules-copy"
    shutil.copytree(rules, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = summary_key()
    monkeypatch.setattr(facts_module, "__file__", str(copy / "facts.py"))
    assert summary_key() == before
    for name in facts_module.KEY_MODULES:
        original = (copy / name).read_bytes()
        (copy / name).write_bytes(original + b"\n# changed\n")
        assert summary_key() != before, name
        (copy / name).write_bytes(original)


def test_a_replayed_day_is_answered_from_the_visits(book):
    """`--today` before a customer's latest note: the stored facts do not hold, the visits are read."""
    check(book, stored=False)
    for day in (date(2026, 11, 17), date(2025, 9, 5), date(2026, 10, 1)):
        check(book, stored=True, today=day)
    check(book, stored=True)


def test_a_day_between_an_adverse_event_and_its_report_is_a_replay(notes):
    """`reported:` and `replied:` after the visit: a day before them sees the steps still open."""
    notes.visit("刘芳", "2026-11-10 15:00", "- 提到皮疹 (!)",
                adverse_event="{description: 患者服药后皮疹, reported: 2026-11-12, replied: 2026-11-16}")
    check(notes, stored=False)
    for day in (date(2026, 11, 11), date(2026, 11, 13), date(2026, 11, 17)):
        items = check(notes, stored=True, today=day)
        steps = sorted(i.reason for i in items if i.kind == "safety")
        assert len(steps) == (2 if day < date(2026, 11, 12) else 1 if day < date(2026, 11, 16) else 0)


def test_stored_facts_are_the_facts_of_any_later_day(book):
    """The one builder: facts as the files stand equal the facts of a day on or after their horizon."""
    settings = load_settings(book.root)
    for c in load(book.root, settings, use_cache=False).customers:
        stored = customer_facts(c, settings)
        for day in (stored.horizon, TODAY, date(2027, 3, 1)):
            built = customer_facts(c, settings, day)
            # `seen` keeps only the contacts that can still cover the customer on that day
            assert {**built.__dict__, "horizon": None, "seen": None} == {**stored.__dict__, "horizon": None,
                                                                          "seen": None}
            assert covering(built, day, settings) == covering(stored, day, settings)


def test_a_team_notebook_for_each_rep(notes):
    notes.visit("王建国", "2026-11-16 10:00", "- [ ] 3天后确认资料是否收到", rep="张伟", next="下周一")
    notes.visit("王建国", "2026-11-10 10:00", "- 学术会 ↑", rep="李娜", purpose="academic")
    notes.visit("刘芳", "2026-11-17 10:00", "- [ ] 下周一前寄样品", rep="李娜", adverse_event="头晕")
    notes.visit("刘芳", "2026-07-01 10:00", "- 电话", rep="张伟", channel="phone")
    notes.visit("李主任", "2026-11-01 10:00", "- 拜访")
    for rep in (None, ALL, "张伟", "李娜"):
        check(notes, stored=rep is not None, rep=rep)
    items = check(notes, stored=True, rep="张伟")
    assert any(i.kind == "safety" and i.customer == "刘芳" for i in items)


CLOCK_AHEAD = "import time as _clock; _ns = _clock.time_ns; _clock.time_ns = lambda: _ns() + 60_000_000_000\n"
READER = CLOCK_AHEAD + textwrap.dedent("""
    import sys
    from visitlog.__main__ import parse, answer
    import os
    argv = ["due", "--json", "--notes", sys.argv[1], "--today", "2026-11-20"]
    for _ in range(int(sys.argv[2])):
        out = answer(*parse(argv, os.environ), os.environ)[0]
        assert out.startswith(b"{")
""")


def test_concurrent_runs_never_fail_or_leave_stale_summaries(notes):
    """Two processes answer `due` over and over while a third edits, adds and deletes notes."""
    for i in range(40):
        notes.visit(f"客户{i:02d}", "2026-11-02 10:00", f"- [ ] 周五前寄资料{i}", rel=f"visits/{i:02d}.md")
    env = {**os.environ, "VISITLOG_NO_CACHE": ""}
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(notes.root), "15"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    editor = textwrap.dedent("""
        import sys, os, time
        root = sys.argv[1]
        text = open(os.path.join(root, "visits", "00.md"), encoding="utf-8").read()
        for round in range(30):
            with open(os.path.join(root, "visits", f"{round % 40:02d}.md"), "w", encoding="utf-8") as f:
                f.write(text.replace("寄资料0", f"寄资料{round}-改"))
            extra = os.path.join(root, "visits", f"new-{round}.md")
            with open(extra, "w", encoding="utf-8") as f:
                f.write(text.replace("客户00", f"新客户{round}"))
            if round % 3 == 0:
                os.unlink(extra)
            time.sleep(0.01)
    """)
    edit = subprocess.run([sys.executable, "-c", editor, str(notes.root)], capture_output=True, text=True)
    assert edit.returncode == 0, edit.stderr
    for reader in readers:
        _, err = reader.communicate(timeout=300)
        assert reader.returncode == 0, err
    old = time.time() - 3600
    for path in notes.root.rglob("*.md"):
        os.utime(path, (old, old))
    check(notes, stored=False)
    check(notes, stored=True)


@pytest.mark.parametrize("data", [
    {}, {"a": [], "b": {}}, {"items": [{"due": None, "n": 3, "f": 2.5, "ok": True, "no": False, "t": (1, "二")}]},
    {"text": "引号\" 换行\n 制表\t \u2028 😀 \\x", "day": date(2026, 11, 20), "deep": [[[{"k": [{}]}]]]},
    {"big": 10 ** 30, "neg": -0.0, "tiny": 1e-300, "set": {1}}, {"nan": float("nan")}, {1: "int key"},
])
def test_json_output_is_the_json_modules(data):
    """jsonout.dumps writes its own indented JSON: byte for byte what json.dumps writes."""
    import json

    from visitlog.render.jsonout import dumps

    assert dumps(data) == (json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")


def test_json_output_of_a_morning_is_the_json_modules(book):
    import json

    from visitlog.render.jsonout import due_payload, dumps

    items, problems, _ = morning(book)
    for lang in ("zh", "en"):
        data = due_payload(items, TODAY, lang, problems)
        assert dumps(data) == (json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")
