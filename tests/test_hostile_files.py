"""Hostile file systems: names that are not UTF-8, folders that cannot be read, links out of the notebook.

Tests run as root, which reads any file whatever its mode: an unreadable
folder or file is simulated where the loader opens it (os.scandir / os.open
raising PermissionError), which is exactly what a non-root user's run sees.
"""
from __future__ import annotations

import errno
import os
import sys

import pytest

from visitlog.notebook import load as loader

TODAY = "2026-11-20"
GBK_NAME = "王主任".encode("gbk") + b".md"          # a name out of a zip made on Chinese Windows

needs_bytes_names = pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                                       reason="this file system refuses names that are not UTF-8")


def errors(data):
    return [(p["path"], p["line"], p["code"]) for p in data["problems"] if p["level"] == "error"]


@needs_bytes_names
@pytest.mark.parametrize("cache", ["1", ""], ids=["no-cache", "cache"])
def test_a_name_that_is_not_utf8_is_reported_escaped_and_skipped(notes, cache):
    notes.visit("钱医生", "2026-11-18 10:00", "- [ ] 发资料 📅 2026-11-20")
    folder = os.fsencode(notes.root / "visits")
    path = os.path.join(folder, GBK_NAME)
    with open(path, "wb") as f:
        f.write("---\ncustomer: 王主任\ndate: 2026-11-18\n---\n".encode())
    os.utime(path, (0, 0))                         # old enough for any cache to keep it
    os.mkdir(os.path.join(folder, "数据".encode("gbk")))
    env = {"VISITLOG_NO_CACHE": cache}
    for _ in range(2):                              # the second run reads what the first one kept
        data = notes.json("check", ok=(1,), env=env)
        assert sorted(errors(data)) == [("visits/\\xca\\xfd\\xbe\\xdd/", 1, "bad-file-name"),
                                        ("visits/\\xcd\\xf5\\xd6\\xf7\\xc8\\xce.md", 1, "bad-file-name")]
        for command in (("due", "--today", TODAY), ("customers",), ("timeline", "钱医生"), ("review", "--today", TODAY),
                        ("export",), ("score",)):
            result = notes.run(*command, env=env)
            assert result.exit_code == 0 and "bad-file-name" not in result.stderr, (command, result.stderr)
            assert "\\xcd\\xf5" in result.stderr
        assert "钱医生" in notes.run("due", "--today", TODAY, env=env).stdout


def test_an_unreadable_folder_is_reported(notes, monkeypatch):
    notes.visit("钱医生", "2026-11-18 10:00", "- [ ] 发资料 📅 2026-11-20")
    notes.visit("王主任", "2026-11-18 10:00", rel="visits/locked/a.md")
    locked = str(notes.root / "visits" / "locked")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), locked)
        return real(path)
    monkeypatch.setattr(loader.os, "scandir", scandir)
    data = notes.json("check", ok=(1,))
    assert errors(data) == [("visits/locked/", 1, "unreadable-folder")]
    assert "钱医生" in notes.run("due", "--today", TODAY).stdout


def test_an_unreadable_file_is_reported(notes, monkeypatch):
    notes.visit("钱医生", "2026-11-18 10:00")
    secret = notes.visit("王主任", "2026-11-18 10:00")
    real = os.open

    def fake_open(path, flags, *args, **kwargs):
        if os.fspath(path) == str(secret):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real(path, flags, *args, **kwargs)
    monkeypatch.setattr(loader.os, "open", fake_open)
    data = notes.json("check", ok=(1,), env={"VISITLOG_NO_CACHE": "1"})
    assert errors(data) == [("visits/2026-11-18-王主任.md", 1, "unreadable")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_like_a_note_never_hangs(notes):
    notes.visit("钱医生", "2026-11-18 10:00")
    os.mkfifo(notes.root / "visits" / "pipe.md")
    data = notes.json("check", env={"VISITLOG_NO_CACHE": "1"})
    assert [(p["path"], p["code"]) for p in data["problems"]] == [("visits/pipe.md", "special-file")]


def test_links_out_of_the_notebook_are_reported_and_not_followed(notes, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ncustomer: 外人\ndate: 2026-11-18\n---\n- [ ] 明天回电\n", encoding="utf-8")
    notes.visit("钱医生", "2026-11-18 10:00", "- [ ] 发资料 📅 2026-11-20")
    (notes.root / "visits" / "linked.md").symlink_to(outside / "secret.md")
    (notes.root / "shared").symlink_to(outside)
    (notes.root / "visits" / "gone.md").symlink_to(tmp_path / "nothing.md")
    (notes.root / "visits" / "same.md").symlink_to(notes.root / "visits" / "2026-11-18-钱医生.md")
    data = notes.json("check")
    got = sorted((p["path"], p["code"]) for p in data["problems"])
    assert got == [("shared", "link-outside"), ("visits/gone.md", "link-broken"),
                   ("visits/linked.md", "link-outside")]
    names = [c["customer"] for c in notes.json("customers", "--today", TODAY)["customers"]]
    assert names == ["钱医生"], "a link inside the notebook is read, one leaving it is not"


def test_done_never_writes_through_a_link_out_of_the_notebook(notes, tmp_path):
    """The note was a link inside the notebook when listed, and is replaced by one leading out before done."""
    outside = tmp_path / "outside.md"
    text = "---\ncustomer: 钱医生\ndate: 2026-11-18 10:00\n---\n- [ ] 发资料 📅 2026-11-20\n"
    outside.write_text(text, encoding="utf-8")
    note = notes.write("visits/a.md", text)
    [item] = [i for i in notes.json("due", "--today", TODAY)["items"] if i["kind"] == "commitment"]
    from visitlog.edit import done as done_module
    from visitlog.notebook.settings import DEFAULTS

    nb = notes.load()
    note.unlink()
    note.symlink_to(outside)
    with pytest.raises(done_module.DoneError) as caught:
        done_module.close(nb, notes.root, DEFAULTS, __import__("datetime").date(2026, 11, 20), item["id"])
    assert caught.value.code == "write-link-outside"
    assert outside.read_text(encoding="utf-8") == text


def test_profiles_are_recognised_in_any_customers_folder(notes):
    notes.write("rep2/customers/王建国.md", "---\nname: 王建国\naliases: [王主任]\ntitle: 主任\n---\n")
    notes.visit("王主任", "2026-11-18 10:00", rel="rep2/visits/a.md")
    customers = notes.json("customers", "--today", TODAY)["customers"]
    assert [c["customer"] for c in customers] == ["王建国"]


@needs_bytes_names
def test_a_name_with_a_newline_is_reported_escaped_on_one_line(notes):
    notes.visit("钱医生", "2026-11-18 10:00")
    notes.write("visits/a\nb.md", "---\ncustomer: 王主任\ndate: 2026-11-18\n---\n")
    result = notes.run("check")
    assert "visits/a\\x0ab.md:1: error:" in result.stdout + result.stderr
