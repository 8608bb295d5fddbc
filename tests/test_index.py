"""The notebook index: a note is parsed again exactly when it (or what it means) changed.

Each test writes a small notebook, loads it, changes something and loads it
again, counting how many files the parser was asked to read. `RACY_NS` is set
to 0 here so a file is stored as soon as it is written; the racy-file rule
has its own test.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from visitlog.notebook import index, load as load_module, parse, records
from visitlog.notebook.settings import load_settings

VISIT = """\
---
customer: 王建国
date: 2026-11-18 10:00
---
## 沟通要点
- 询问肝肾毒性数据 (?)

## 待办
- [ ] 3个工作日内发送长期随访数据
"""


@pytest.fixture(autouse=True)
def store_at_once(monkeypatch):
    monkeypatch.setattr(index, "RACY_NS", 0)
    monkeypatch.delenv("VISITLOG_NO_CACHE", raising=False)


@pytest.fixture
def parses(monkeypatch):
    """The paths handed to the parser, in order."""
    seen: list[str] = []
    original = parse.parse_note

    def counting(rel, raw, settings):
        seen.append(rel)
        return original(rel, raw, settings)

    monkeypatch.setattr(parse, "parse_note", counting)
    return seen


def load(notes):
    return load_module.load(notes.root, load_settings(notes.root))


def fresh(notes):
    """The notebook parsed from scratch, for comparison."""
    root = notes.root
    settings = load_settings(root)
    rels = load_module.note_paths(root)
    return load_module.assemble(root, load_module.read_notes(root, rels, settings, use_cache=False), len(rels))


def summary(nb) -> list:
    return [(str(v.source), v.customer, v.moment.isoformat(), [(a.label, a.due and a.due.isoformat())
                                                                 for a in v.actions]) for v in nb.visits]


def shards(notes) -> dict:
    """Every row of the index: {rel: stamp}; fail unless each row decodes to the model's records."""
    con = sqlite3.connect(index.index_path(notes.root))
    try:
        key = con.execute("SELECT value FROM meta WHERE name='key'").fetchone()[0]
        assert key == index.index_key(load_settings(notes.root))
        out = {}
        for rel, size, mtime, ctime, inode, head, body, problems in con.execute("SELECT * FROM files"):
            records.load_record(head, body), records.load_problems(problems)
            out[rel] = (size, mtime, ctime, inode)
        return out
    finally:
        con.close()


def write(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_second_load_parses_nothing_and_gives_the_same_notebook(notes, parses):
    notes.write("visits/a.md", VISIT)
    notes.write("visits/b.md", VISIT.replace("王建国", "刘芳"))
    notes.profile("王建国", 4, 5, 3)
    first = load(notes)
    assert len(parses) == 3
    second = load(notes)
    assert len(parses) == 3, "an unchanged notebook is not parsed again"
    assert second.visits == first.visits and second.problems == first.problems
    assert second.customers == first.customers
    assert set(shards(notes)) == {"visits/a.md", "visits/b.md", "customers/王建国.md"}


def test_edit_with_the_same_size_and_a_new_mtime_is_seen(notes, parses):
    path = notes.write("visits/a.md", VISIT)
    load(notes)
    before = path.stat()
    write(path, VISIT.replace("10:00", "11:00"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert path.stat().st_size == before.st_size
    nb = load(notes)
    assert parses == ["visits/a.md", "visits/a.md"]
    assert nb.visits[0].moment.hour == 11


def test_edit_with_the_same_mtime_and_another_size_is_seen(notes, parses):
    path = notes.write("visits/a.md", VISIT)
    load(notes)
    before = path.stat()
    write(path, VISIT.replace("王建国", "王建国主任"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_size != before.st_size
    assert load(notes).visits[0].customer == "王建国主任"


def test_edit_with_the_same_size_and_the_same_mtime_is_still_seen(notes, parses):
    """A copy tool that restores the old mtime: the change time and inode still differ."""
    path = notes.write("visits/a.md", VISIT)
    load(notes)
    before = path.stat()
    tmp = path.with_name("a.md.new")
    write(tmp, VISIT.replace("10:00", "15:00"))
    os.utime(tmp, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(tmp, path)
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load(notes).visits[0].moment.hour == 15


def test_added_file_is_seen(notes, parses):
    notes.write("visits/a.md", VISIT)
    load(notes)
    notes.write("visits/sub/b.md", VISIT.replace("王建国", "刘芳"))
    nb = load(notes)
    assert parses == ["visits/a.md", "visits/sub/b.md"]
    assert [c.name for c in nb.customers] == ["刘芳", "王建国"]


def test_deleted_file_is_gone_from_the_notebook_and_the_cache(notes, parses):
    notes.write("visits/a.md", VISIT)
    b = notes.write("visits/b.md", VISIT.replace("王建国", "刘芳"))
    load(notes)
    b.unlink()
    nb = load(notes)
    assert [c.name for c in nb.customers] == ["王建国"]
    assert set(shards(notes)) == {"visits/a.md"}
    assert len(parses) == 2


def test_renamed_file_is_read_under_its_new_name(notes, parses):
    path = notes.write("visits/a.md", VISIT)
    load(notes)
    path.rename(path.with_name("2026-11-18-王建国.md"))
    nb = load(notes)
    assert [str(v.source) for v in nb.visits] == ["visits/2026-11-18-王建国.md:1"]
    assert [str(a.source) for a in nb.visits[0].actions] == ["visits/2026-11-18-王建国.md:9"]
    assert set(shards(notes)) == {"visits/2026-11-18-王建国.md"}


def test_touch_without_change_parses_again_with_the_same_result(notes, parses):
    path = notes.write("visits/a.md", VISIT)
    first = load(notes)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 5_000_000_000))
    second = load(notes)
    assert parses == ["visits/a.md", "visits/a.md"]
    assert second.visits == first.visits
    load(notes)
    assert len(parses) == 2, "stored again with the new stamp"


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "garbage":
        path.write_bytes(b"SQLite format 3\x00 but not really" * 100)
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "half-page":                      # a write cut off in the middle of a page
        path.write_bytes(data[:4096] + b"\x00" * 1000)
    elif how == "foreign":                        # someone else's SQLite file under our name
        path.unlink()
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE files (path TEXT, note TEXT)")
        con.execute("INSERT INTO files VALUES ('visits/a.md', 'x')")
        con.commit()
        con.close()
    elif how in ("other-key", "bad-rows", "wrong-types"):
        con = sqlite3.connect(path)
        if how == "other-key":
            con.execute("UPDATE meta SET value='another version'")
        elif how == "bad-rows":
            con.execute("UPDATE files SET head='[\"Visit\", [1, 2, 3]]', problems='{]'")
        else:                                     # right shape, wrong types: a date where a text goes
            con.execute("UPDATE files SET head=replace(head, '\"王建国\"', '{\"d\":\"2026-01-01\"}')")
        con.commit()
        con.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "half-page", "foreign", "other-key",
                                    "bad-rows", "wrong-types"])
def test_corrupt_or_foreign_index_is_rebuilt_silently(notes, parses, damage, capsys):
    notes.write("visits/a.md", VISIT)
    notes.write("visits/b.md", VISIT.replace("王建国", "刘芳"))
    expected = summary(load(notes))
    for wal in index.index_dir(notes.root).glob("index.sqlite-*"):
        wal.unlink()                              # (closed connections leave none; be sure)
    _damage(index.index_path(notes.root), damage)
    assert summary(load(notes)) == expected
    assert len(parses) in (3, 4), "the damaged entries parsed again"
    assert capsys.readouterr().err == ""
    assert set(shards(notes)) == {"visits/a.md", "visits/b.md"}, "and the index is whole again"
    load(notes)
    assert len(parses) in (3, 4), "and used"


def test_a_planted_index_cannot_run_code_or_hide_a_view(notes, tmp_path):
    """An index that arrives with the notebook: triggers, views, odd SQL are never run; rows are data."""
    notes.write("visits/a.md", VISIT)
    load(notes)
    path = index.index_path(notes.root)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE planted (x TEXT)")
    con.execute("CREATE TRIGGER t AFTER INSERT ON files BEGIN INSERT INTO planted VALUES ('ran'); END")
    con.execute("UPDATE files SET head='[\"os.system\", [\"touch pwned\"]]'")
    con.commit()
    con.close()
    assert summary(load(notes)) == summary(fresh(notes))
    con = sqlite3.connect(path)
    tables = {name for name, in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    assert "planted" not in tables and "t" not in tables, "a foreign schema is replaced, not used"
    assert not (notes.root / "pwned").exists() and not (Path.cwd() / "pwned").exists()


def test_the_index_holds_data_only():
    """No module that reads the index imports a deserializer that can build arbitrary objects."""
    import ast

    for module in (index, records):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                    for alias in node.names} | {node.module.split(".")[0] for node in ast.walk(tree)
                                                if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & {"pickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle"}, module.__name__
        assert "enable_load_extension" not in Path(module.__file__).read_text(encoding="utf-8")


def test_settings_change_invalidates(notes, parses):
    notes.write("visits/a.md", VISIT)             # Wednesday 2026-11-18: 3 work days -> Monday 11-23
    assert load(notes).visits[0].actions[0].due.isoformat() == "2026-11-23"
    notes.write("visitlog.yaml", "workdays: [mon, tue, wed, thu, fri, sat]\n")
    nb = load(notes)
    assert nb.visits[0].actions[0].due.isoformat() == "2026-11-21"
    assert len(parses) == 2
    notes.write("visitlog.yaml", "workdays: [mon, tue, wed, thu, fri, sat]\ncompliance_words: [随访数据]\n")
    nb = load(notes)
    assert [p.code for p in nb.problems if p.code == "compliance"] == ["compliance"]
    assert len(parses) == 3


def test_a_new_parser_invalidates(notes, parses, monkeypatch):
    notes.write("visits/a.md", VISIT)
    load(notes)
    monkeypatch.setattr(index, "source_checksum", lambda: 12345)
    load(notes)
    assert len(parses) == 2


def test_every_notebook_module_is_in_the_key(notes, tmp_path, monkeypatch):
    """fastyaml.py, records.py, load.py...: a change in any module of notebook/ rebuilds the index."""
    import shutil

    package = Path(index.__file__).parent
    copy = tmp_path / "notebook-copy"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = index.source_checksum()
    monkeypatch.setattr(index, "__file__", str(copy / "index.py"))
    assert index.source_checksum() == before
    for name in sorted(p.name for p in package.glob("*.py")):
        original = (copy / name).read_bytes()
        (copy / name).write_bytes(original + b"\n# changed\n")
        assert index.source_checksum() != before, name
        (copy / name).write_bytes(original)


def test_settings_key_is_stable_across_processes(notes):
    notes.write("visitlog.yaml", "workdays: [fri, mon, wed]\nneed_weights: {医保: 2, 指南: 1}\n"
                                 "compliance_words: [回扣, 好处]\n")
    code = ("import sys; from pathlib import Path; from visitlog.notebook import index; from visitlog.notebook.settings import "
            "load_settings; print(index.settings_key(load_settings(Path(sys.argv[1]))))")
    keys = {subprocess.run([sys.executable, "-c", code, str(notes.root)], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
            for seed in ("1", "2", "3")}
    assert len(keys) == 1


def test_racy_file_is_parsed_but_not_stored(notes, parses, monkeypatch):
    monkeypatch.setattr(index, "RACY_NS", 60_000_000_000)   # anything written in the last minute
    notes.write("visits/a.md", VISIT)
    load(notes)
    load(notes)
    assert len(parses) == 2
    assert not index.index_path(notes.root).exists() or shards(notes) == {}


def test_no_cache_switch_parses_everything_and_writes_nothing(notes, parses, monkeypatch):
    notes.write("visits/a.md", VISIT)
    monkeypatch.setenv("VISITLOG_NO_CACHE", "1")
    load(notes)
    load(notes)
    assert len(parses) == 2
    assert not (notes.root / ".visitlog").exists()


def test_no_cache_option_of_the_command(notes, parses, monkeypatch):
    monkeypatch.setenv("VISITLOG_NO_CACHE", "")
    notes.write("visits/a.md", VISIT)
    notes.run("check")
    notes.run("check")
    assert len(parses) == 1
    result = notes.run("--no-cache", "check")
    assert result.exit_code == 0, result.output
    assert len(parses) == 2
    assert os.environ["VISITLOG_NO_CACHE"] == ""    # the option changes nothing process-wide
    notes.run("check")
    assert len(parses) == 2                         # ... so the next run in this process uses the cache again


def test_unwritable_notebook_works_without_a_cache(notes, parses):
    notes.write("visits/a.md", VISIT)
    (notes.root / ".visitlog").write_text("a file where the cache folder would go")
    assert [v.customer for v in load(notes).visits] == ["王建国"]
    assert [v.customer for v in load(notes).visits] == ["王建国"]
    assert len(parses) == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_notebook_works_without_a_cache(notes, parses):
    notes.write("visits/a.md", VISIT)
    os.chmod(notes.root, 0o555)
    try:
        assert [v.customer for v in load(notes).visits] == ["王建国"]
        assert not (notes.root / ".visitlog").exists()
    finally:
        os.chmod(notes.root, 0o755)


def test_index_is_ignored_by_git_and_by_the_notebook(notes):
    notes.write("visits/a.md", VISIT)
    load(notes)
    ignore = (index.index_dir(notes.root) / ".gitignore").read_text().splitlines()
    assert "*" in ignore
    assert load_module.note_paths(notes.root) == ["visits/a.md"]
    import shutil

    if shutil.which("git") is None:
        print("git not installed: the git half of this check is skipped")
        return
    subprocess.run(["git", "init", "-q", str(notes.root)], check=True)
    status = subprocess.run(["git", "-C", str(notes.root), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert ".visitlog" not in status and "visits/a.md" in status


def test_an_edit_rewrites_its_row_only(notes):
    for i in range(20):
        notes.write(f"visits/{i:02d}.md", VISIT.replace("王建国", f"客户{i:02d}"))
    load(notes)
    before = shards(notes)
    notes.write("visits/07.md", VISIT.replace("王建国", "改过的名字"))
    nb = load(notes)
    after = shards(notes)
    assert [rel for rel in after if after[rel] != before[rel]] == ["visits/07.md"]
    assert "改过的名字" in [c.name for c in nb.customers]


def test_same_size_edit_within_the_same_second_is_seen(notes, parses, monkeypatch):
    """Two writes in one tick with the same size: the racy rule keeps the first from being trusted."""
    monkeypatch.setattr(index, "RACY_NS", 3_000_000_000)
    path = notes.write("visits/a.md", VISIT)
    stamp = path.stat()
    assert load(notes).visits[0].moment.hour == 10
    write(path, VISIT.replace("10:00", "11:00"))   # same size, same second
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert load(notes).visits[0].moment.hour == 11
    assert not index.index_path(notes.root).exists() or shards(notes) == {}, "nothing this fresh is stored"


def test_the_old_pickle_cache_is_removed(notes):
    old = notes.root / ".visitlog" / "cache"
    old.mkdir(parents=True)
    (old / "parse-00-of-01.pickle").write_bytes(b"old")
    (old / ".gitignore").write_text("*\n")
    notes.write("visits/a.md", VISIT)
    load(notes)
    assert not old.exists()


# The index stores no file changed in its last few seconds (its racy window,
# index.RACY_NS). Instead of sleeping past it, the child process's clock runs
# ahead: notes written just now look as old as notes written a minute ago.
CLOCK_AHEAD = "import time as _clock; _ns = _clock.time_ns; _clock.time_ns = lambda: _ns() + 60_000_000_000\n"
WORKER = CLOCK_AHEAD + textwrap.dedent("""
    import sys, json
    from pathlib import Path
    from visitlog.notebook.load import load
    from visitlog.notebook.settings import load_settings
    root = Path(sys.argv[1])
    for _ in range(int(sys.argv[2])):
        nb = load(root, load_settings(root))
        assert all(v.customer for v in nb.visits)
    print(json.dumps(len(nb.visits)))
""")


def test_concurrent_runs_never_fail_or_corrupt_the_cache(notes):
    """Two processes load over and over while a third edits, adds and deletes notes."""
    for i in range(60):
        notes.write(f"visits/{i:02d}.md", VISIT.replace("王建国", f"客户{i:02d}"))
    env = {**os.environ, "VISITLOG_NO_CACHE": ""}
    readers = [subprocess.Popen([sys.executable, "-c", WORKER, str(notes.root), "25"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    editor = textwrap.dedent("""
        import sys, os, time
        root = sys.argv[1]
        text = open(os.path.join(root, "visits", "00.md"), encoding="utf-8").read()
        for round in range(40):
            n = round % 60
            path = os.path.join(root, "visits", f"{n:02d}.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace("客户00", f"编辑{round}"))
            extra = os.path.join(root, "visits", f"new-{round}.md")
            with open(extra, "w", encoding="utf-8") as f:
                f.write(text)
            if round % 3 == 0:
                os.unlink(extra)
            time.sleep(0.01)
    """)
    edit = subprocess.run([sys.executable, "-c", editor, str(notes.root)], capture_output=True, text=True)
    assert edit.returncode == 0, edit.stderr
    for reader in readers:
        out, err = reader.communicate(timeout=300)
        assert reader.returncode == 0, err
        assert err == ""
        assert json.loads(out) >= 60
    assert shards(notes)                           # the index is whole and every row decodes
    assert summary(load(notes)) == summary(fresh(notes))


# ------------------------------------------------------------------ records read back from the index
def test_a_stored_visit_is_the_parsed_visit(notes):
    notes.write("visits/a.md", VISIT + "\n不良事件见下\n")
    notes.visit("刘芳", "2026-11-19", "- 提到皮疹 (!)", adverse_event="患者皮疹", products="[甲药, 乙药]")
    notes.profile("刘芳", 4, 5, 3, aliases="[刘主任]", since="2025-01-02")
    parsed = fresh(notes)
    load(notes)
    stored = load(notes)
    assert stored.visits == parsed.visits and stored.profiles == parsed.profiles
    assert stored.problems == parsed.problems
    assert repr(stored) == repr(parsed)
    assert all(type(v) is type(p) for v, p in zip(stored.visits, parsed.visits))


def test_without_points_the_visits_are_the_same_but_their_points(notes):
    notes.write("visits/a.md", VISIT)
    full = load(notes)
    for source in ("index", "parser"):
        light = load_module.load(notes.root, load_settings(notes.root), points=False) if source == "index" else \
            load_module.assemble(notes.root, load_module.read_notes(
                notes.root, ["visits/a.md"], load_settings(notes.root), use_cache=False, points=False), 1)
        assert light.visits[0].points == () and full.visits[0].points
        assert __import__("dataclasses").replace(light.visits[0], points=full.visits[0].points) == full.visits[0]


def test_every_command_says_the_same_with_and_without_the_cache(notes):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        import make_notebook
    finally:
        sys.path.pop(0)
    make_notebook.make_notebook(120, str(notes.root), end=__import__("datetime").date(2026, 11, 20))
    name = sorted(p.stem for p in (notes.root / "customers").glob("*.md"))[0]
    commands = [("check",), ("due", "--today", "2026-11-20", "--days", "30"), ("score", "--today", "2026-11-20"),
                ("customers", "--today", "2026-11-20"), ("review", "--today", "2026-11-20"),
                ("timeline", name, "--today", "2026-11-20"), ("prep", name, "--today", "2026-11-20")]
    plain = {c: notes.json(*c, ok=(0, 1), env={"VISITLOG_NO_CACHE": "1"}) for c in commands}
    assert not (notes.root / ".visitlog").exists()
    notes.json("check", ok=(0, 1))                                    # fills the index
    assert shards(notes)
    for c in commands:
        assert notes.json(*c, ok=(0, 1)) == plain[c], c


def test_many_files_are_parsed_in_two_processes_with_the_same_result(notes, monkeypatch):
    for i in range(12):
        notes.write(f"visits/{i:02d}.md", VISIT.replace("王建国", f"客户{i:02d}"))
    notes.write("visits/bad.md", "---\ncustomer: 甲\ndate: 2026-13-40\n---\n")
    serial = fresh(notes)
    monkeypatch.setattr(index, "PARALLEL_MIN", 4)
    monkeypatch.setattr(index.os, "cpu_count", lambda: 2)
    seen = []
    original = index._parse_parallel
    monkeypatch.setattr(index, "_parse_parallel", lambda *a: seen.append(len(a[0])) or original(*a))
    parallel = load(notes)
    assert seen == [13]
    assert summary(parallel) == summary(serial)
    assert parallel.visits == serial.visits and parallel.problems == serial.problems


def _twelve(notes) -> None:
    for i in range(12):
        notes.write(f"visits/{i:02d}.md", VISIT.replace("王建国", f"客户{i:02d}"))
    notes.write("visits/bad.md", "---\ncustomer: 甲\ndate: 2026-13-40\n---\n")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the shared-counter split needs fork")
@pytest.mark.parametrize("use_cache", [True, False])
def test_both_processes_take_chunks_from_one_counter(notes, monkeypatch, use_cache):
    _twelve(notes)
    serial = fresh(notes)
    monkeypatch.setattr(index, "PARALLEL_MIN", 4)
    monkeypatch.setattr(index, "CHUNK", 2)                 # 7 chunks shared between the two processes
    monkeypatch.setattr(index.os, "cpu_count", lambda: 2)
    root = notes.root
    rels = load_module.note_paths(root)
    parsed = load_module.read_notes(root, rels, load_settings(root), use_cache=use_cache)
    together = load_module.assemble(root, parsed, len(rels))
    assert summary(together) == summary(serial)
    assert together.visits == serial.visits and together.problems == serial.problems


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the shared-counter split needs fork")
def test_a_worker_that_dies_mid_run_leaves_its_chunks_to_the_parent(notes, monkeypatch):
    _twelve(notes)
    serial = fresh(notes)
    monkeypatch.setattr(index, "PARALLEL_MIN", 4)
    monkeypatch.setattr(index, "CHUNK", 2)
    monkeypatch.setattr(index.os, "cpu_count", lambda: 2)

    def dies(read_one, chunks, counter, send):       # takes a chunk, never sends it, and is gone
        with counter.get_lock():
            counter.value += 1
        os._exit(1)

    monkeypatch.setattr(index, "_work", dies)
    root = notes.root
    rels = load_module.note_paths(root)
    parsed = load_module.read_notes(root, rels, load_settings(root), use_cache=False)
    assert load_module.assemble(root, parsed, len(rels)).visits == serial.visits
