"""The parse cache: a note is parsed again exactly when it (or what it means) changed.

Each test writes a small notebook, loads it, changes something and loads it
again, counting how many files the parser was asked to read. `RACY_NS` is set
to 0 here so a file is stored as soon as it is written; the racy-file rule
has its own test.
"""
from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from visitlog.notebook import cache, load as load_module, parse
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
    monkeypatch.setattr(cache, "RACY_NS", 0)
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
    """Every entry on disk: {rel: stamp}, and fail if a shard cannot be read."""
    folder = cache.cache_dir(notes.root)
    key = cache.cache_key(load_settings(notes.root))
    out = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".pickle"):
            entries = cache._load_shard(folder / name, key)
            assert entries is not None, f"{name} is not a valid shard"
            out.update({rel: entry[0] for rel, entry in entries.items()})
    return out


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


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-pickle", "other-key"])
def test_corrupt_or_foreign_cache_is_rebuilt_silently(notes, parses, damage, capsys):
    notes.write("visits/a.md", VISIT)
    notes.write("visits/b.md", VISIT.replace("王建国", "刘芳"))
    expected = summary(load(notes))
    folder = cache.cache_dir(notes.root)
    for shard in folder.glob("*.pickle"):
        data = shard.read_bytes()
        shard.write_bytes({
            "garbage": b"\x80\x05not a pickle at all" * 10,
            "truncated": data[: len(data) // 2],
            "empty": b"",
            "other-pickle": pickle.dumps({"visits/a.md": "something else"}),
            "other-key": pickle.dumps(("visitlog-parse-cache", -1)) + data,
        }[damage])
    assert summary(load(notes)) == expected
    assert len(parses) == 4, "every file parsed again"
    assert capsys.readouterr().err == ""
    assert set(shards(notes)) == {"visits/a.md", "visits/b.md"}, "and the cache is whole again"
    load(notes)
    assert len(parses) == 4


def test_a_planted_pickle_cannot_run_code(notes, tmp_path):
    notes.write("visits/a.md", VISIT)
    load(notes)
    witness = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {witness}",))

    folder = cache.cache_dir(notes.root)
    key = cache.cache_key(load_settings(notes.root))
    for shard in folder.glob("*.pickle"):
        with open(shard, "wb") as f:
            p = pickle.Pickler(f)
            p.dump(key)
            p.dump({"visits/a.md": Evil()})
    assert summary(load(notes)) == summary(fresh(notes))
    assert not witness.exists()


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
    monkeypatch.setattr(cache, "_parser_checksum", lambda: 12345)
    load(notes)
    assert len(parses) == 2


def test_settings_key_is_stable_across_processes(notes):
    notes.write("visitlog.yaml", "workdays: [fri, mon, wed]\nneed_weights: {医保: 2, 指南: 1}\n"
                                 "compliance_words: [回扣, 好处]\n")
    code = ("import sys; from pathlib import Path; from visitlog.notebook import cache; from visitlog.notebook.settings import "
            "load_settings; print(cache.settings_key(load_settings(Path(sys.argv[1]))))")
    keys = {subprocess.run([sys.executable, "-c", code, str(notes.root)], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
            for seed in ("1", "2", "3")}
    assert len(keys) == 1


def test_racy_file_is_parsed_but_not_stored(notes, parses, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 60_000_000_000)   # anything written in the last minute
    notes.write("visits/a.md", VISIT)
    load(notes)
    load(notes)
    assert len(parses) == 2
    assert shards(notes) == {}


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


def test_cache_is_ignored_by_git_and_by_the_notebook(notes):
    notes.write("visits/a.md", VISIT)
    load(notes)
    folder = cache.cache_dir(notes.root)
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert load_module.note_paths(notes.root) == ["visits/a.md"]


def test_many_files_split_into_shards_and_an_edit_rewrites_one(notes, monkeypatch):
    monkeypatch.setattr(cache, "PER_SHARD", 4)
    for i in range(20):
        notes.write(f"visits/{i:02d}.md", VISIT.replace("王建国", f"客户{i:02d}"))
    load(notes)
    folder = cache.cache_dir(notes.root)
    names = sorted(p.name for p in folder.glob("*.pickle"))
    assert names == [f"parse-{i:02d}-of-08.pickle" for i in range(8)]
    before = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.pickle")}
    time.sleep(0.01)
    notes.write("visits/07.md", VISIT.replace("王建国", "改过的名字"))
    nb = load(notes)
    after = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.pickle")}
    rewritten = [n for n in names if after[n] != before[n]]
    assert rewritten == [f"parse-{cache.shard_of('visits/07.md', 8):02d}-of-08.pickle"]
    assert "改过的名字" in [c.name for c in nb.customers]
    monkeypatch.setattr(cache, "PER_SHARD", 100)            # the notebook "shrinks" below one shard
    load(notes)
    assert sorted(p.name for p in folder.glob("*.pickle")) == ["parse-00-of-01.pickle"]
    assert len(shards(notes)) == 20


WORKER = textwrap.dedent("""
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
    time.sleep(cache.RACY_NS / 1e9 + 3.1)          # old enough to be stored (the real racy window)
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
    shards(notes)                                   # every shard on disk is whole
    assert not list(cache.cache_dir(notes.root).glob("*.tmp")), "no temporary file left behind"
    assert summary(load(notes)) == summary(fresh(notes))


# ------------------------------------------------------------------ visits read back from the cache
def test_a_cached_visit_is_a_visit_equal_to_the_parsed_one(notes):
    import dataclasses

    from visitlog.notebook.model import Visit

    notes.write("visits/a.md", VISIT)
    fresh_visit = load(notes).visits[0]
    cached = load(notes).visits[0]
    assert isinstance(cached, Visit)
    assert "points" not in vars(cached), "points stay packed until read"
    assert cached == fresh_visit and fresh_visit == cached and not (cached != fresh_visit)
    assert hash(cached) == hash(fresh_visit)
    assert [p.text for p in cached.points] == ["询问肝肾毒性数据", "3个工作日内发送长期随访数据"]
    assert [p.text for p in cached.questions] == ["询问肝肾毒性数据"]
    assert repr(cached) == repr(fresh_visit)
    changed = dataclasses.replace(cached, customer="刘芳")
    assert changed.customer == "刘芳" and changed.points == fresh_visit.points
    assert pickle.loads(pickle.dumps(cached)) == fresh_visit
    with pytest.raises(dataclasses.FrozenInstanceError):
        cached.points = ()


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
    notes.json("check", ok=(0, 1))                                    # fills the cache
    assert shards(notes)
    for c in commands:
        assert notes.json(*c, ok=(0, 1)) == plain[c], c


def test_many_files_are_parsed_in_two_processes_with_the_same_result(notes, monkeypatch):
    for i in range(12):
        notes.write(f"visits/{i:02d}.md", VISIT.replace("王建国", f"客户{i:02d}"))
    notes.write("visits/bad.md", "---\ncustomer: 甲\ndate: 2026-13-40\n---\n")
    serial = fresh(notes)
    monkeypatch.setattr(cache, "PARALLEL_MIN", 4)
    monkeypatch.setattr(cache.os, "cpu_count", lambda: 2)
    seen = []
    original = cache._parse_parallel
    monkeypatch.setattr(cache, "_parse_parallel", lambda *a: seen.append(len(a[0])) or original(*a))
    parallel = load(notes)
    assert seen == [13]
    assert summary(parallel) == summary(serial)
    assert parallel.visits == serial.visits and parallel.problems == serial.problems


def test_leftovers_of_a_killed_writer_are_swept(notes):
    notes.write("visits/a.md", VISIT)
    load(notes)
    folder = cache.cache_dir(notes.root)
    old, new = folder / ".parse-killed.tmp", folder / ".parse-writing.tmp"
    old.write_bytes(b"half a shard")
    new.write_bytes(b"a shard being written right now")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    notes.write("visits/b.md", VISIT)               # something to write, so the run writes
    load(notes)
    assert not old.exists() and new.exists()
