"""`visitlog done`: one line changes, bytes elsewhere are kept, stale ids and concurrent edits are refused."""
from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from visitlog.rules.due import find_items, safety_items
from visitlog.notebook.settings import DEFAULTS
from visitlog.edit.done import DoneError, apply, plan, tick

TODAY = "2026-11-28"


def ids(notes, kind, text=None, today=TODAY):
    data = notes.json("due", "--today", today, "--days", "30")
    return [i["id"] for i in data["items"] if i["kind"] == kind and (text is None or text in i["text"])]


def step_ids(notes, step, today=TODAY):
    """The ids of the safety items of one step of an adverse event: report (the same day) or reply."""
    data = notes.json("due", "--today", today, "--days", "30")
    return [i["id"] for i in data["items"] if i["kind"] == "safety" and i["step"] == step]


def done(notes, key, today=TODAY):
    return notes.run("done", key, "--today", today)


def changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    b, a = before.split(b"\n"), after.split(b"\n")
    assert len(a) == len(b), "the number of lines is kept"
    return [(x, y) for x, y in zip(b, a) if x != y]


# ---------------------------------------------------------------- promises
def test_done_ticks_one_line_and_keeps_every_other_byte(notes):
    raw = ("---\ncustomer: 钱医生\ndate: 2026-11-27 16:00\n---\n## 待办\n"
           "- [ ] 明天发资料\n- [ ] 3天后确认是否收到\n手写备注  \n").encode("utf-8")
    path = notes.write("visits/a.md", raw=raw)
    [key] = ids(notes, "commitment", "明天发资料")
    result = done(notes, key)
    assert result.exit_code == 0, result.stderr
    assert "明天发资料" in result.stdout and "visits/a.md:6" in result.stdout
    assert changed_lines(raw, path.read_bytes()) == [
        ("- [ ] 明天发资料".encode(), "- [x] 明天发资料 ✅ 2026-11-28".encode())]
    assert ids(notes, "commitment", "明天发资料") == []
    assert ids(notes, "commitment", "3天后确认") != []


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_done_keeps_crlf_and_bom(notes, bom):
    raw = bom + ("---\r\ncustomer: 钱医生\r\ndate: 2026-11-27\r\n---\r\n"
                 "- [ ] 明天发资料\r\n- [ ] 回电 📅 2026-11-30\r\n\r\n尾注\r\n").encode("utf-8")
    path = notes.write("visits/crlf.md", raw=raw)
    [key] = ids(notes, "commitment", "回电")
    assert done(notes, key).exit_code == 0
    after = path.read_bytes()
    assert after.startswith(bom + b"---\r\n")
    assert changed_lines(raw, after) == [("- [ ] 回电 📅 2026-11-30\r".encode(),
                                          "- [x] 回电 📅 2026-11-30 ✅ 2026-11-28\r".encode())]


def test_done_on_a_file_without_a_final_newline(notes):
    raw = "---\ncustomer: 钱医生\ndate: 2026-11-27\n---\n- [ ] 明天发资料".encode("utf-8")
    path = notes.write("visits/a.md", raw=raw)
    [key] = ids(notes, "commitment")
    assert done(notes, key).exit_code == 0
    assert path.read_bytes() == "---\ncustomer: 钱医生\ndate: 2026-11-27\n---\n- [x] 明天发资料 ✅ 2026-11-28".encode()


def test_done_by_path_and_line(notes):
    path = notes.visit("钱医生", "2026-11-27", "- [ ] 明天发资料\n- [ ] 回电 📅 2026-11-30")
    assert done(notes, "visits/2026-11-27-钱医生.md:6").exit_code == 0
    assert path.read_text(encoding="utf-8").splitlines()[5] == "- [x] 回电 📅 2026-11-30 ✅ 2026-11-28"
    # the same path given from the working folder, through the notebook folder
    cwd = os.getcwd()
    os.chdir(notes.root.parent)
    try:
        assert done(notes, "notes/visits/2026-11-27-钱医生.md:5").exit_code == 0
    finally:
        os.chdir(cwd)
    assert path.read_text(encoding="utf-8").splitlines()[4] == "- [x] 明天发资料 ✅ 2026-11-28"


def test_an_id_survives_edits_elsewhere_in_the_file(notes):
    path = notes.visit("钱医生", "2026-11-27", "- [ ] 明天发资料\n- [ ] 回电 📅 2026-11-30")
    [key] = ids(notes, "commitment", "回电")
    text = path.read_text(encoding="utf-8").replace("- [ ] 明天发资料", "补充：\n\n- [ ] 明天发资料 📅 2026-11-29")
    path.write_text(text, encoding="utf-8")
    assert done(notes, key).exit_code == 0
    assert path.read_text(encoding="utf-8").splitlines()[-1] == "- [x] 回电 📅 2026-11-30 ✅ 2026-11-28"


def test_the_same_text_twice_closes_the_one_named(notes):
    path = notes.visit("钱医生", "2026-11-27", "- [ ] 发资料 📅 2026-11-28\n- [ ] 发资料 📅 2026-11-30")
    first, second = ids(notes, "commitment")
    assert done(notes, second).exit_code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == ["- [ ] 发资料 📅 2026-11-28", "- [x] 发资料 📅 2026-11-30 ✅ 2026-11-28"]
    assert ids(notes, "commitment") == [first]


def test_done_keeps_the_file_mode(notes):
    path = notes.visit("钱医生", "2026-11-27", "- [ ] 明天发资料")
    os.chmod(path, 0o640)
    assert done(notes, ids(notes, "commitment")[0]).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "no temporary file left"


def test_tick_forms():
    d = date(2026, 11, 28)
    assert tick("- [ ] 发资料", d) == "- [x] 发资料 ✅ 2026-11-28"
    assert tick("  * [/] 发资料 📅 2026-11-30  ", d) == "  * [x] 发资料 📅 2026-11-30 ✅ 2026-11-28  "
    assert tick("1. [ ] 发资料 ^abc-1", d) == "1. [x] 发资料 ✅ 2026-11-28 ^abc-1"
    assert tick("- [ ] 发资料 ✅ 2026-11-01", d) == "- [x] 发资料 ✅ 2026-11-28"


# ---------------------------------------------------------------- adverse events
SAFETY_FORMS = [
    ("adverse_event: 皮疹", ["adverse_event: {description: 皮疹, replied: 2026-11-28}"]),
    ("adverse_event: true", ["adverse_event: {replied: 2026-11-28}"]),
    ("adverse_event: 皮疹, 合并阿司匹林   # 已上报", ['adverse_event: {description: "皮疹, 合并阿司匹林", '
                                                   'replied: 2026-11-28}   # 已上报']),
    ("adverse_event: '患者: 70岁'", ["adverse_event: {description: '患者: 70岁', replied: 2026-11-28}"]),
    ("adverse_event: {description: 皮疹}", ["adverse_event: {description: 皮疹, replied: 2026-11-28}"]),
    ("adverse_event:\n  description: 皮疹\n  reported: 医学部",
     ["adverse_event:", "  description: 皮疹", "  reported: 医学部", "  replied: 2026-11-28"]),
    ("adverse_event:\n    description: 皮疹\n    replied:",
     ["adverse_event:", "    description: 皮疹", "    replied: 2026-11-28"]),
    ("adverse_event: >\n  皮疹，\n  已停药", ["adverse_event: {description: 皮疹， 已停药, replied: 2026-11-28}"]),
]


@pytest.mark.parametrize("form,expected", SAFETY_FORMS)
def test_done_on_safety_sets_replied(notes, form, expected):
    head = "---\ncustomer: 赵医生\ndate: 2026-11-27 16:00\n"
    tail = "mood: negative\n---\n- 已上报 !\n- [ ] 明天回电\n"
    path = notes.write("visits/a.md", head + form + "\n" + tail)
    [key] = step_ids(notes, "reply")
    description = notes.json("timeline", "赵医生")["contacts"][0]["adverse_event"]["description"]
    result = notes.json("done", key, "--today", TODAY)
    assert result["done"]["kind"] == "safety" and result["done"]["closed"] == "replied"
    assert result["done"]["source"] == "visits/a.md:4" and result["done"]["date"] == TODAY
    assert path.read_text(encoding="utf-8") == head + "\n".join(expected) + "\n" + tail
    assert ids(notes, "safety") == []           # a formal reply closes the report step too
    timeline = notes.json("timeline", "赵医生")["contacts"][0]["adverse_event"]
    assert timeline["replied"] == TODAY and timeline["description"] == description


def test_done_on_safety_keeps_crlf(notes):
    raw = "\ufeff---\r\ncustomer: 赵医生\r\ndate: 2026-11-27 16:00\r\nadverse_event:\r\n  description: 皮疹\r\n---\r\nx".encode()
    path = notes.write("visits/a.md", raw=raw)
    assert done(notes, step_ids(notes, "reply")[0]).exit_code == 0
    assert path.read_bytes() == ("\ufeff---\r\ncustomer: 赵医生\r\ndate: 2026-11-27 16:00\r\nadverse_event:\r\n"
                                 "  description: 皮疹\r\n  replied: 2026-11-28\r\n---\r\nx").encode()


def test_done_on_the_report_keeps_crlf_and_bom(notes):
    raw = "\ufeff---\r\ncustomer: 赵医生\r\ndate: 2026-11-27 16:00\r\nadverse_event: 皮疹\r\n---\r\nx".encode()
    path = notes.write("visits/a.md", raw=raw)
    assert done(notes, step_ids(notes, "report")[0]).exit_code == 0
    assert path.read_bytes() == ("\ufeff---\r\ncustomer: 赵医生\r\ndate: 2026-11-27 16:00\r\n"
                                 "adverse_event: {description: 皮疹, reported: 2026-11-28}\r\n---\r\nx").encode()


# ---------------------------------------------------------------- refusals: nothing written
def test_unknown_and_stale_ids_are_refused(notes):
    path = notes.visit("钱医生", "2026-11-27", "- [ ] 明天发资料")
    [key] = ids(notes, "commitment")
    path.write_text(path.read_text(encoding="utf-8").replace("明天发资料", "明天发说明书"), encoding="utf-8")
    before = path.read_bytes()
    for name in (key, "c0000000", "visits/2026-11-27-钱医生.md:99"):
        result = done(notes, name)
        assert result.exit_code == 2 and name in result.stderr and "visitlog due" in result.stderr
        assert path.read_bytes() == before


def test_done_twice_is_refused(notes):
    path = notes.visit("钱医生", "2026-11-27", "- [ ] 明天发资料")
    [key] = ids(notes, "commitment")
    assert done(notes, key).exit_code == 0
    before = path.read_bytes()
    assert done(notes, key, today="2026-11-29").exit_code == 2
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind", ["cadence", "wake-up", "appointment"])
def test_contact_items_are_closed_by_a_contact(notes, kind):
    path = notes.visit("钱医生", "2026-08-01", next="2026-08-05")
    before = path.read_bytes()
    [key] = ids(notes, kind, today="2026-11-28")[:1]
    result = done(notes, key)
    assert result.exit_code == 2 and "visitlog new 钱医生" in result.stderr
    assert path.read_bytes() == before


def test_a_file_changed_after_it_was_read_is_not_clobbered(notes):
    path = notes.visit("钱医生", "2026-11-27", "- [ ] 明天发资料\n- [ ] 回电 📅 2026-11-30")
    nb = notes.load()
    [item] = find_items(nb, date(2026, 11, 28), DEFAULTS, ids(notes, "commitment", "明天")[0])
    edit = plan(notes.root, item, date(2026, 11, 28), DEFAULTS)
    assert b"- [x] " in edit.after
    theirs = path.read_bytes().replace("回电".encode(), "回电给主任".encode())
    path.write_bytes(theirs)                                  # someone saves the note in the meantime
    with pytest.raises(DoneError) as refused:
        apply(edit)
    assert refused.value.code == "done-changed"
    assert path.read_bytes() == theirs
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_an_unchanged_file_is_written(notes):
    path = notes.visit("钱医生", "2026-11-27", "- [ ] 明天发资料")
    nb = notes.load()
    [item] = find_items(nb, date(2026, 11, 28), DEFAULTS, ids(notes, "commitment")[0])
    edit = plan(notes.root, item, date(2026, 11, 28), DEFAULTS)
    apply(edit)
    assert path.read_bytes() == edit.after


def test_done_json(notes):
    notes.visit("钱医生", "2026-11-27", "## 待办\n- [ ] 明天发资料")
    [key] = ids(notes, "commitment")
    data = notes.json("done", key, "--today", TODAY)
    assert data["errors"] == []
    got = data["done"]
    assert (got["id"], got["kind"], got["customer"], got["text"], got["source"], got["closed"], got["date"]) == (
        key, "commitment", "钱医生", "明天发资料", "visits/2026-11-27-钱医生.md:6", "done", TODAY)
    assert got["line"] == "- [x] 明天发资料 ✅ 2026-11-28"


# ---------------------------------------------------------------- any description survives the edit
_DESCRIPTIONS = st.text(alphabet=st.sampled_from(list("皮疹，：头晕 abc:#,{}[]'\"-?!&*|>%@`\\12")), min_size=1,
                        max_size=20).filter(lambda x: x.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(description=_DESCRIPTIONS, plain=st.booleans())
def test_any_description_reads_the_same_after_done(tmp_path, description, plain):
    import json
    import tempfile

    import yaml

    from visitlog.notebook.load import load

    written = description if plain else json.dumps(description, ensure_ascii=False)
    try:
        if plain and yaml.safe_load(f"k: {written}") != {"k": description}:
            written = json.dumps(description, ensure_ascii=False)
    except yaml.YAMLError:
        written = json.dumps(description, ensure_ascii=False)
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        root = Path(folder)
        (root / "a.md").write_text(f"---\ncustomer: 赵\ndate: 2026-11-27\nadverse_event: {written}\n---\n",
                                   encoding="utf-8")
        nb = load(root, DEFAULTS)
        report, reply = safety_items(nb.customers[0], nb.customers[0].visits, DEFAULTS)
        apply(plan(root, report, date(2026, 11, 27), DEFAULTS))
        after = load(root, DEFAULTS).visits[0].adverse_event
        assert (after.reported, after.replied) == (date(2026, 11, 27), None)
        assert after.description == description.strip()
        apply(plan(root, reply, date(2026, 11, 28), DEFAULTS))
        after = load(root, DEFAULTS).visits[0].adverse_event
        assert (after.reported, after.replied) == (date(2026, 11, 27), date(2026, 11, 28))
        assert after.description == description.strip()


def test_atomic_write_refuses_when_the_file_changed_and_keeps_mode(tmp_path):
    import os
    import stat

    import pytest

    from visitlog.notebook.files import FileChanged, atomic_write

    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    with pytest.raises(FileChanged):
        atomic_write(path, b"new", expected=b"something else")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.md"]
    atomic_write(path, b"new", expected=b"old")
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o640
    atomic_write(tmp_path / "sub" / "b.md", b"x")
    assert (tmp_path / "sub" / "b.md").read_bytes() == b"x"
