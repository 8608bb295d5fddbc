"""Hostile disks: nothing replaced that the user did not name, every failed write a message and exit 2.

Tests run as root, so a read-only folder or a full disk is simulated where the
bytes are written: the temporary file of `notebook.files` opens /dev/full (a
real ENOSPC from the kernel), or its creation fails with EROFS / EACCES.
"""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from visitlog.notebook import files

TODAY = "2026-11-20"


@pytest.fixture
def seeded(notes):
    notes.visit("钱医生", "2026-11-18 10:00", "- [ ] 发资料 📅 2026-11-20", adverse_event="皮疹")
    return notes


# ---------------------------------------------------------------- output files the user named
def test_export_refuses_to_replace_an_existing_file_without_force(seeded, tmp_path):
    target = tmp_path / "keep.csv"
    target.write_bytes(b"my own spreadsheet")
    result = seeded.run("export", "--out", str(target))
    assert result.exit_code == 2 and "--force" in result.stderr
    assert target.read_bytes() == b"my own spreadsheet"
    result = seeded.run("export", "--out", str(target), "--force")
    assert result.exit_code == 0 and target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_never_writes_inside_the_notebook_even_with_force(seeded):
    note = seeded.root / "visits/2026-11-18-钱医生.md"
    before = note.read_bytes()
    for extra in ((), ("--force",)):
        result = seeded.run("export", "--out", str(note), *extra)
        assert result.exit_code == 2 and "notebook" in result.stderr
        assert note.read_bytes() == before
    result = seeded.run("export", "--out", str(seeded.root / "visits" / "new.csv"), "--force")
    assert result.exit_code == 2 and not (seeded.root / "visits" / "new.csv").exists()


def test_ics_refuses_a_file_it_did_not_write_and_replaces_its_own(seeded, tmp_path):
    target = tmp_path / "cal.ics"
    target.write_text("BEGIN:VCALENDAR\nPRODID:-//someone else//EN\nEND:VCALENDAR\n")
    result = seeded.run("due", "--today", TODAY, "--ics", str(target))
    assert result.exit_code == 2 and "--force" in result.stderr
    assert "someone else" in target.read_text()
    assert seeded.run("due", "--today", TODAY, "--ics", str(target), "--force").exit_code == 0
    assert b"visitlog" in target.read_bytes()
    # once it is visitlog's own calendar, the morning run refreshes it without --force
    assert seeded.run("due", "--today", TODAY, "--ics", str(target)).exit_code == 0


def test_ics_never_writes_inside_the_notebook(seeded):
    note = seeded.root / "visits/2026-11-18-钱医生.md"
    before = note.read_bytes()
    result = seeded.run("due", "--today", TODAY, "--ics", str(note), "--force")
    assert result.exit_code == 2 and note.read_bytes() == before


def test_output_through_a_link_into_the_notebook_is_refused(seeded, tmp_path):
    link = tmp_path / "innocent.csv"
    link.symlink_to(seeded.root / "visits/2026-11-18-钱医生.md")
    before = link.read_bytes()
    assert seeded.run("export", "--out", str(link), "--force").exit_code == 2
    assert link.read_bytes() == before


# ---------------------------------------------------------------- full disk, read-only folder
def _full_disk(monkeypatch):
    def mkstemp(dir=None, prefix="", suffix=""):
        return os.open("/dev/full", os.O_WRONLY), os.path.join(dir or ".", f"{prefix}fullfull{suffix}")
    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)


def _read_only(monkeypatch):
    def mkstemp(dir=None, prefix="", suffix=""):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.path.join(dir or ".", prefix + suffix))
    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    real_mkdir = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self.exists():
            return real_mkdir(self, *args, **kwargs)
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
    monkeypatch.setattr(Path, "mkdir", mkdir)


def _denied(monkeypatch):
    def mkstemp(dir=None, prefix="", suffix=""):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.path.join(dir or ".", prefix + suffix))
    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
DISKS = [pytest.param(_full_disk, marks=needs_dev_full, id="full"), pytest.param(_read_only, id="read-only"),
         pytest.param(_denied, id="permission")]


def _snapshot(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and ".visitlog" not in p.parts}


@pytest.mark.parametrize("disk", DISKS)
@pytest.mark.parametrize("command", [
    ("new", "钱医生", "--date", "2026-11-20 09:00", "--no-edit"),
    ("review", "--today", TODAY, "--save"),
    ("done", "visits/2026-11-18-钱医生.md:4", "--today", TODAY),
    ("export", "--out", "{tmp}/out/visits.csv"),
    ("due", "--today", TODAY, "--ics", "{tmp}/out/due.ics"),
], ids=["new", "review-save", "done", "export", "ics"])
def test_every_failed_write_is_a_message_and_exit_2(seeded, tmp_path, monkeypatch, disk, command):
    (tmp_path / "out").mkdir()
    before = _snapshot(seeded.root)
    disk(monkeypatch)
    result = seeded.run(*(part.replace("{tmp}", str(tmp_path)) for part in command),
                        env={"VISITLOG_NO_CACHE": "1"})
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "visitlog:" in result.stderr
    assert _snapshot(seeded.root) == before, "nothing in the notebook changed"
    assert list((tmp_path / "out").iterdir()) == []


# ---------------------------------------------------------------- kill -9 and temporary files
def test_kill_9_while_new_writes_never_leaves_an_empty_note(tmp_path):
    """The process dies (os._exit: no cleanup, as with kill -9) at the fsync of the note's bytes."""
    root = tmp_path / "notes"
    root.mkdir()
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from visitlog.edit import new
        os.fsync = lambda fd: os._exit(137)
        new.create(Path({str(root)!r}), "visits/2026", "2026-11-20-钱医生", "---\\ncustomer: 钱医生\\n---\\n")
    """)
    code = subprocess.run([sys.executable, "-c", script]).returncode
    assert code == 137
    folder = root / "visits/2026"
    assert [p.name for p in folder.glob("*.md")] == [], "no note, rather than an empty one"
    leftovers = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert leftovers and all(p.name.startswith(".") for p in leftovers)


def test_a_crash_s_temporary_files_are_swept_by_the_next_write(notes):
    folder = notes.root / "visits" / "2026"
    folder.mkdir(parents=True)
    old = folder / ".2026-11-19-钱医生.md.ab12cd34.tmp"
    young = folder / ".2026-11-20-李医生.md.ef56gh78.tmp"
    foreign = folder / ".my-notes.ab12cd34.tmp"          # not a note's: never touched
    for p in (old, young, foreign):
        p.write_bytes(b"half")
    stale = time.time() - files.STALE_SECONDS - 60
    os.utime(old, (stale, stale))
    os.utime(foreign, (stale, stale))
    result = notes.run("new", "钱医生", "--date", "2026-11-20 09:00", "--no-edit", "--new-customer")
    assert result.exit_code == 0, result.stderr
    assert not old.exists() and young.exists() and foreign.exists()


def test_create_new_never_replaces(tmp_path):
    target = tmp_path / "a.md"
    target.write_bytes(b"mine")
    assert files.create_new(target, b"other") is False
    assert target.read_bytes() == b"mine"
    assert files.create_new(tmp_path / "b.md", b"new") is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


# ---------------------------------------------------------------- settings out of range
@pytest.mark.parametrize("line, key", [
    ("due_days: 99999999999999999999999999999999", "due_days"),
    ("wake_up_days: 3651", "wake_up_days"),
    ("cadence: {A: 100000}", "cadence"),
    ("recency_days: [7, 14, 30, 100000000000000000000]", "recency_days"),
    ("adverse_reply_hours: 10000000000000000000000", "adverse_reply_hours"),
    ("default_need_weight: 1e999", "default_need_weight"),
    ("tier_thresholds: {A: .nan}", "tier_thresholds"),
    ("potential_weights: {prescriptions: 2, influence: -0.5, department: -0.5}", "potential_weights"),
    ("consultative_min: 6", "consultative_min"),
])
def test_settings_out_of_range_are_exit_2_naming_the_key(seeded, line, key):
    seeded.write("visitlog.yaml", line + "\n")
    result = seeded.run("due", "--today", TODAY)
    assert result.exit_code == 2 and key in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr) < 400


def test_days_and_today_beyond_the_calendar_are_usage_errors(seeded):
    assert seeded.run("due", "--today", TODAY, "--days", "99999999999999").exit_code == 2
    for day in ("9999-12-31", "0001-01-01"):
        assert seeded.run("due", "--today", day).exit_code == 2


def test_a_visit_dated_past_the_calendar_is_a_bad_date(notes):
    notes.visit("王医生", "9999-12-31 23:00", "- [ ] 72小时内发资料\n- [ ] 回电 📅 0001-01-01")
    data = notes.json("check", ok=(1,))
    assert {p["code"] for p in data["problems"] if p["level"] == "error"} >= {"bad-date"}
    for command in (("due",), ("customers",), ("review",), ("score",)):
        assert notes.run(*command, "--today", TODAY).exit_code == 0


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_a_device_is_never_replaced_even_with_force(seeded):
    result = seeded.run("export", "--out", "/dev/null", "--force")
    assert result.exit_code == 2 and "regular file" in result.stderr
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_new_and_review_save_never_write_through_a_link_out_of_the_notebook(notes, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    notes.visit("钱医生", "2026-11-18 10:00")
    (notes.root / "reviews").symlink_to(outside)
    result = notes.run("review", "--today", TODAY, "--save")
    assert result.exit_code == 2 and list(outside.iterdir()) == []
    (notes.root / "visits" / "2026").symlink_to(outside)
    result = notes.run("new", "钱医生", "--date", "2026-11-20 09:00", "--no-edit")
    assert result.exit_code == 2 and "Traceback" not in result.stderr and list(outside.iterdir()) == []
