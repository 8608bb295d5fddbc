"""`visitlog sync` and `visitlog history` on real git: a bare repository and three clones, three reps.

Git's identity comes from GIT_AUTHOR_*/GIT_COMMITTER_* and `-c user.name`, never
from the machine's global config (HOME and GIT_CONFIG_GLOBAL point into the
test's folder). Skipped, with the reason, when git is missing or too old.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from visitlog.notebook.gitrepo import MIN_VERSION, version

found = version()
pytestmark = pytest.mark.skipif(found is None or found[:2] < MIN_VERSION,
                                reason=f"needs git {'.'.join(map(str, MIN_VERSION))} or later (found: {found})")

TODAY = "2026-11-20"
REPS = ("王丽", "张强", "李娜")

SHARED = """\
---
customer: 刘芳
date: 2026-11-16 10:00
rep: 王丽
---
## 沟通要点
- 询问肝肾毒性数据 (?)

## 待办
- [ ] 整理肝肾毒性资料并发送 📅 2026-11-19

- 中间隔开的一行说明

## 后续
- [ ] 送患者教育材料 📅 2026-11-21

- 再隔开一行

- [ ] 邀请参加线上研讨会 📅 2026-11-25
"""


def base_env(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "VISITLOG_"))}
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_CONFIG_GLOBAL": str(home / "gitconfig"), "NO_COLOR": "1", "COLUMNS": "200",
                "VISITLOG_TODAY": TODAY})
    (home / "gitconfig").write_text("", encoding="utf-8")
    return env


def who(env: dict, rep: str) -> dict:
    mail = f"rep{REPS.index(rep) if rep in REPS else 9}@example.test"
    return {**env, "GIT_AUTHOR_NAME": rep, "GIT_COMMITTER_NAME": rep, "GIT_AUTHOR_EMAIL": mail,
            "GIT_COMMITTER_EMAIL": mail, "VISITLOG_REP": rep}


def git(cwd: Path, *args: str, env: dict, check: bool = True) -> str:
    done = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "core.quotepath=off", *args], cwd=cwd, env=env, capture_output=True,
                          text=True)
    if check and done.returncode:
        raise AssertionError(f"git {' '.join(args)}: {done.stderr}")
    return done.stdout


def visitlog(notes: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "visitlog", *args, "--notes", str(notes)], env=env,
                          capture_output=True, text=True, timeout=120)


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def tick(root: Path, rel: str, label: str, day: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.startswith("- [ ] ") and label in line:
            lines[n] = line.replace("- [ ] ", "- [x] ", 1) + f" ✅ {day}"
            break
    else:
        raise AssertionError(f"{label} not open in {rel}")
    path.write_text("\n".join(lines), encoding="utf-8")


def note(rep: str, customer: str, day: str, line: str) -> str:
    return f"---\ncustomer: {customer}\ndate: {day} 09:00\nrep: {rep}\n---\n- {line}\n"


@pytest.fixture
def district(tmp_path):
    """A bare repository seeded with one shared note, and a clone per rep (each with its own user.name)."""
    env = base_env(tmp_path)
    bare = tmp_path / "district.git"
    git(tmp_path, "init", "--bare", "--quiet", str(bare), env=env)
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "--quiet", str(bare), str(seed), env=env)
    write(seed, "visitlog.yaml", "language: zh\n")
    write(seed, "visits/2026-11-16-刘芳.md", SHARED)
    git(seed, "add", "-A", env=env)
    git(seed, "-c", "user.name=经理", "-c", "user.email=m@example.test", "commit", "-q", "-m", "start", env=env)
    git(seed, "push", "-q", "origin", "HEAD:main", env=env)
    clones = {}
    for rep in REPS:
        clone = tmp_path / f"clone-{REPS.index(rep)}"
        git(tmp_path, "clone", "--quiet", str(bare), str(clone), env=env)
        git(clone, "config", "user.name", rep, env=env)
        git(clone, "config", "user.email", f"rep{REPS.index(rep)}@example.test", env=env)
        clones[rep] = clone
    return env, bare, clones


def notes_of(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*.md")) if ".git" not in p.parts}


def test_three_reps_write_tick_and_sync_concurrently(district):
    env, bare, clones = district
    written = {}
    for n, rep in enumerate(REPS):
        root = clones[rep]
        for k in range(3):
            rel = f"visits/2026-11-{17 + k}-客户{n}{k}.md"
            write(root, rel, note(rep, f"客户{n}{k}", f"2026-11-{17 + k}", f"{rep} 的第 {k} 条"))
            written[rel] = (root / rel).read_text(encoding="utf-8")
    # each ticks a different promise of the shared note, lines apart
    tick(clones["王丽"], "visits/2026-11-16-刘芳.md", "整理肝肾毒性资料", "2026-11-19")
    tick(clones["李娜"], "visits/2026-11-16-刘芳.md", "邀请参加线上研讨会", "2026-11-20")
    (clones["张强"] / ".visitlog").mkdir()
    (clones["张强"] / ".visitlog" / "state.txt").write_text("local only", encoding="utf-8")

    results: dict[str, subprocess.CompletedProcess] = {}

    def run(rep: str) -> None:
        results[rep] = visitlog(clones[rep], "sync", "--lang", "en", env=who(env, rep))

    threads = [threading.Thread(target=run, args=(rep,)) for rep in REPS]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for rep, r in results.items():
        assert r.returncode == 0, f"{rep}: {r.stderr}"
        assert "committed: new: " in r.stderr
    for rep in REPS:                              # a second round brings everyone what the others pushed
        r = visitlog(clones[rep], "sync", "--lang", "en", env=who(env, rep))
        assert r.returncode == 0, r.stderr

    contents = [notes_of(clones[rep]) for rep in REPS]
    assert contents[0] == contents[1] == contents[2]
    for rel, text in written.items():             # every note written by anyone, unchanged, everywhere
        assert contents[0][rel] == text
    shared = contents[0]["visits/2026-11-16-刘芳.md"]
    assert "- [x] 整理肝肾毒性资料并发送 📅 2026-11-19 ✅ 2026-11-19" in shared
    assert "- [x] 邀请参加线上研讨会 📅 2026-11-25 ✅ 2026-11-20" in shared
    assert "- [ ] 送患者教育材料" in shared
    tracked = git(clones["王丽"], "ls-files", env=env)
    assert ".visitlog" not in tracked
    # the commit messages say what changed
    log = git(clones["王丽"], "log", "--format=%an|%s", env=env)
    assert any(line.startswith("王丽|new: ") and "done: 1 promise" in line for line in log.splitlines())


def test_conflicting_ticks_stop_with_both_versions_and_finish_on_the_next_sync(district):
    env, bare, clones = district
    rel = "visits/2026-11-16-刘芳.md"
    a, b = clones["王丽"], clones["张强"]
    tick(a, rel, "送患者教育材料", "2026-11-19")
    write(a, "visits/2026-11-19-陈明.md", note("王丽", "陈明", "2026-11-19", "王丽写的"))
    tick(b, rel, "送患者教育材料", "2026-11-20")
    b_line = "- [x] 送患者教育材料 📅 2026-11-21 ✅ 2026-11-20"
    a_line = "- [x] 送患者教育材料 📅 2026-11-21 ✅ 2026-11-19"

    first = visitlog(b, "sync", "--lang", "en", env=who(env, "张强"))
    assert first.returncode == 0, first.stderr
    second = visitlog(a, "sync", "--lang", "en", env=who(env, "王丽"))
    assert second.returncode == 1
    assert rel in second.stderr and "visitlog sync again" in second.stderr and "rebase --abort" in second.stderr
    text = (a / rel).read_text(encoding="utf-8")
    assert "<<<<<<<" in text and a_line in text and b_line in text      # both versions, in the file
    assert a_line in git(a, "show", f"ORIG_HEAD:{rel}", env=env)           # and ours, in git
    assert (a / "visits/2026-11-19-陈明.md").is_file()
    check = visitlog(a, "check", "--json", env=who(env, "王丽"))
    assert check.returncode == 1
    assert [p["line"] for p in json.loads(check.stdout)["problems"] if p["code"] == "conflict-marker"]
    again = visitlog(a, "sync", "--lang", "en", env=who(env, "王丽"))          # markers still there: stop again
    assert again.returncode == 1 and rel in again.stderr

    lines = text.split("\n")                       # the rep keeps her own tick and deletes the markers
    start = next(i for i, x in enumerate(lines) if x.startswith("<<<<<<<"))
    end = next(i for i, x in enumerate(lines) if x.startswith(">>>>>>>"))
    (a / rel).write_text("\n".join(lines[:start] + [a_line] + lines[end + 1:]), encoding="utf-8")
    done = visitlog(a, "sync", "--lang", "en", env=who(env, "王丽"))
    assert done.returncode == 0, done.stderr
    back = visitlog(b, "sync", "--lang", "en", env=who(env, "张强"))
    assert back.returncode == 0, back.stderr
    assert notes_of(a) == notes_of(b)
    assert (b / "visits/2026-11-19-陈明.md").read_text(encoding="utf-8") == note("王丽", "陈明", "2026-11-19", "王丽写的")
    assert a_line in (b / rel).read_text(encoding="utf-8")

    # the audit trail: who created the note, who ticked what
    hist = json.loads(visitlog(b, "history", "刘芳", "--json", "--lang", "en", env=who(env, "张强")).stdout)
    steps = hist["files"][0]["history"]
    assert steps[0]["author"] == "经理" and steps[0]["changes"][0]["code"] == "created"
    assert [c["text"] for s in steps for c in s["changes"] if c["code"] == "done"] == ["✅ 送患者教育材料"]
    text_view = visitlog(b, "history", rel, "--lang", "en", env=who(env, "张强"))
    assert text_view.returncode == 0 and "张强" in text_view.stdout and "✅ 送患者教育材料" in text_view.stdout


def test_no_network_commits_locally_and_says_the_push_is_pending(district, tmp_path):
    env, bare, clones = district
    a = clones["李娜"]
    git(a, "remote", "set-url", "origin", str(tmp_path / "gone.git"), env=env)
    write(a, "visits/2026-11-20-周伟.md", note("李娜", "周伟", "2026-11-20", "离线写的"))
    r = visitlog(a, "sync", "--lang", "en", env=who(env, "李娜"))
    assert r.returncode == 0, r.stderr
    assert "pending" in r.stderr
    assert "visits/2026-11-20-周伟.md" in git(a, "show", "--name-only", "--format=", "HEAD", env=env)


def test_outside_git_sync_and_history_say_how_to_start(tmp_path):
    env = base_env(tmp_path)
    root = tmp_path / "notes"
    write(root, "visits/2026-11-20-周伟.md", note("李娜", "周伟", "2026-11-20", "一条"))
    r = visitlog(root, "sync", "--lang", "en", env=env)
    assert r.returncode == 2 and "git" in r.stderr and "init" in r.stderr and "remote add" in r.stderr
    h = visitlog(root, "history", "周伟", "--lang", "en", env=env)
    assert h.returncode == 2 and "not in a git repository" in h.stderr


def test_current_rep_from_git_user_name(district):
    env, bare, clones = district
    a = clones["张强"]
    write(a, "visits/2026-11-18-周伟.md", note("张强", "周伟", "2026-11-18", "我的客户") +
          "- [ ] 安排一次科室会 📅 2026-11-20\n")
    write(a, "visits/2026-11-18-陈明.md", note("王丽", "陈明", "2026-11-18", "她的客户") +
          "- [ ] 回复医保报销政策的问题 📅 2026-11-20\n")
    plain = {k: v for k, v in env.items() if k != "VISITLOG_REP"}
    items = json.loads(visitlog(a, "due", "--json", env=plain).stdout)["items"]
    assert {i["customer"] for i in items if i["kind"] == "commitment"} == {"周伟"}


def test_a_fresh_git_init_with_a_remote_pushes_and_sets_the_upstream(tmp_path):
    env = base_env(tmp_path)
    bare = tmp_path / "empty.git"
    git(tmp_path, "init", "--bare", "--quiet", str(bare), env=env)
    root = tmp_path / "mine"
    write(root, "visits/2026-11-20-周伟.md", note("李娜", "周伟", "2026-11-20", "第一条"))
    git(root, "init", "--quiet", env=env)
    alone = visitlog(root, "sync", "--lang", "en", env=who(env, "李娜"))       # no remote yet: local, and how
    assert alone.returncode == 0 and "remote add origin" in alone.stderr
    git(root, "remote", "add", "origin", str(bare), env=env)
    first = visitlog(root, "sync", "--lang", "en", env=who(env, "李娜"))
    assert first.returncode == 0, first.stderr
    assert "pushed to origin/main" in first.stderr
    assert git(bare, "log", "--format=%s", "main", env=env).strip() == "new: 周伟 2026-11-20"
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", str(bare), str(other), env=env)
    assert (other / "visits/2026-11-20-周伟.md").is_file()


def test_a_note_with_conflict_markers_is_never_committed(district):
    env, bare, clones = district
    a = clones["王丽"]
    rel = "visits/2026-11-16-刘芳.md"
    text = (a / rel).read_text(encoding="utf-8")
    (a / rel).write_text(text + "<<<<<<< mine\n- [ ] 甲\n=======\n- [ ] 乙\n>>>>>>> theirs\n", encoding="utf-8")
    r = visitlog(a, "sync", "--lang", "en", env=who(env, "王丽"))
    assert r.returncode == 1 and rel in r.stderr and "nothing committed" in r.stderr
    assert git(a, "status", "--porcelain", env=env).strip()          # still uncommitted, both sides in the file
    assert git(a, "rev-list", "--count", "HEAD", env=env).strip() == "1"


def test_a_hand_pull_that_stopped_on_a_conflict_is_finished_by_sync(district):
    env, bare, clones = district
    rel = "visits/2026-11-16-刘芳.md"
    a, b = clones["王丽"], clones["张强"]
    tick(b, rel, "送患者教育材料", "2026-11-20")
    assert visitlog(b, "sync", env=who(env, "张强")).returncode == 0
    tick(a, rel, "送患者教育材料", "2026-11-19")
    git(a, "commit", "-qam", "tick", env=who(env, "王丽"))
    git(a, "-c", "pull.rebase=false", "pull", "-q", env=who(env, "王丽"), check=False)   # a merge, by hand
    stopped = visitlog(a, "sync", "--lang", "en", env=who(env, "王丽"))
    assert stopped.returncode == 1 and rel in stopped.stderr
    lines = (a / rel).read_text(encoding="utf-8").split("\n")
    start = next(i for i, x in enumerate(lines) if x.startswith("<<<<<<<"))
    end = next(i for i, x in enumerate(lines) if x.startswith(">>>>>>>"))
    (a / rel).write_text("\n".join(lines[:start] + lines[start + 1:start + 2] + lines[end + 1:]), encoding="utf-8")
    done = visitlog(a, "sync", "--lang", "en", env=who(env, "王丽"))
    assert done.returncode == 0, done.stderr
    assert visitlog(b, "sync", env=who(env, "张强")).returncode == 0
    assert notes_of(a) == notes_of(b)
