"""Hostile notes: YAML bombs, duplicate keys, odd line endings, NUL bytes, empty customers.

Each case is a clear `path:line` problem, the rest of the notebook still used,
bounded time and output.
"""
from __future__ import annotations

import pytest

from visitlog.notebook import fastyaml
from visitlog.notebook.parse import parse_note
from visitlog.notebook.settings import DEFAULTS

TODAY = "2026-11-20"


def problems(data, code):
    return [p for p in data["problems"] if p["code"] == code] if "problems" in data else []


def bomb(levels: int = 9) -> str:
    lines = ['l0: &l0 ["哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + f"\ntags: *l{levels - 1}\n"


# ---------------------------------------------------------------- YAML anchors and aliases
def test_an_alias_bomb_is_refused_at_its_anchor_in_bounded_time_and_output(notes):
    notes.write("visits/bomb.md", "---\ncustomer: 王主任\ndate: 2026-11-18\n" + bomb() + "---\n- [ ] 明天回电\n")
    notes.visit("钱医生", "2026-11-18 10:00", "- [ ] 发资料 📅 2026-11-20")
    result = notes.run("due", "--today", TODAY, "--json")
    assert result.exit_code == 0
    assert len(result.stdout) + len(result.stderr) < 5000
    assert "visits/bomb.md:4: error:" in result.stderr and "&l0" in result.stderr
    assert "钱医生" in result.stdout                       # the rest of the notebook is used


@pytest.mark.parametrize("front, line", [
    ("tags: &t [a, b]\n", 4),                       # an anchor alone: a note needs none
    ("tags: [a]\nproducts: *nothing\n", 5),         # an alias to nothing
    ("potential: {prescriptions: &p 3, influence: *p}\n", 4),
])
def test_anchors_and_aliases_are_refused(front, line):
    raw = f"---\ncustomer: 王主任\ndate: 2026-11-18\n{front}---\n".encode()
    record, found = parse_note("visits/a.md", raw, DEFAULTS)
    assert [(p.source.line, p.code) for p in found if p.level == "error"][:1] in ([(line, "yaml-alias")],
                                                                                 [(line, "yaml")])
    assert record is None


def test_messages_are_cut_to_a_bounded_length(notes):
    notes.write("visits/a.md", "---\ncustomer: [" + ", ".join(["很长的名字"] * 5000) + "]\ndate: 2026-11-18\n---\n")
    notes.write("visits/b.md", "---\ncustomer: 王主任\ndate: 2026-11-18\nchannel: " + "拜" * 100000 + "\n---\n")
    result = notes.run("check", "--lang", "en")
    lines = [line for line in result.stdout.splitlines() if line.startswith("visits/")]
    assert len(lines) == 2 and all(len(line) < 600 for line in lines), [len(x) for x in lines]


def test_front_matter_over_a_megabyte_is_not_read(notes):
    notes.write("visits/huge.md", "---\ncustomer: 王主任\ndate: 2026-11-18\ntags: [" + ", ".join(["x" * 20] * 60000)
                + "]\n---\n")
    data = notes.json("check", ok=(1,))
    assert [(p["line"], p["code"]) for p in data["problems"]] == [(2, "front-matter-too-large")]


# ---------------------------------------------------------------- duplicate keys
def test_a_duplicate_key_is_an_error_at_its_second_line_and_the_first_value_stays(notes):
    notes.write("visits/a.md", "---\ncustomer: 王主任\ndate: 2026-11-18\nchannel: phone\ndate: 2026-12-25\n---\n")
    data = notes.json("check", ok=(1,))
    [dup] = problems(data, "yaml-duplicate-key")
    assert dup["line"] == 5 and "date" in dup["message"] and "3" in dup["message"]
    [visit] = notes.json("timeline", "王主任")["contacts"]
    assert visit["date"].startswith("2026-11-18")


def test_a_duplicate_sub_key_is_reported_too():
    raw = "---\ncustomer: 王\ndate: 2026-11-18\npotential:\n  prescriptions: 2\n  prescriptions: 5\n---\n".encode()
    record, found = parse_note("visits/a.md", raw, DEFAULTS)
    assert [(p.source.line, p.code) for p in found] == [(6, "yaml-duplicate-key")]
    assert dict(record.potential) == {"prescriptions": 2}


@pytest.mark.parametrize("front", [
    "customer: 王\ndate: 2026-11-18\ncustomer: 李\n",
    "customer: 王\ndate: 2026-11-18\npotential:\n  influence: 2\n  influence: 3\n",
    "customer: 王\ndate: 2026-11-18\ntags: &a [x]\n",
])
def test_the_fast_reader_steps_aside_where_pyyaml_reports(front):
    lines = ["---", *front.rstrip("\n").split("\n"), "---"]
    assert fastyaml.read(lines, 1, len(lines) - 1) is None
    record, found = parse_note("visits/a.md", "\n".join(lines).encode(), DEFAULTS)
    assert any(p.level == "error" for p in found)


@pytest.mark.parametrize("text, key", [
    ("due_days: 3\ndue_days: 30\n", "due_days"),
    ("cadence: {A: 10}\nlanguage: en\ncadence: {A: 20}\n", "cadence"),
])
def test_a_duplicate_setting_is_exit_2_naming_the_key(notes, text, key):
    notes.write("visitlog.yaml", text)
    result = notes.run("due", "--today", TODAY)
    assert result.exit_code == 2 and key in result.stderr and "twice" in result.stderr


def test_an_alias_bomb_in_the_settings_is_exit_2_at_once(notes):
    notes.write("visitlog.yaml", bomb().replace("tags:", "compliance_words:"))
    result = notes.run("due", "--today", TODAY)
    assert result.exit_code == 2 and "visitlog.yaml" in result.stderr and len(result.stderr) < 500


# ---------------------------------------------------------------- empty customer, line endings, NUL
@pytest.mark.parametrize("value", ["~", "null", '""', "''", "  "])
def test_an_empty_customer_is_reported_at_its_line(notes, value):
    notes.write("visits/a.md", f"---\ndate: 2026-11-18\ncustomer: {value}\n---\n- [ ] 明天回电\n")
    data = notes.json("check", ok=(1,))
    assert [(p["line"], p["code"]) for p in data["problems"] if p["level"] == "error"] == [(3, "empty-field")]


def test_a_lone_cr_is_a_line_ending(notes):
    notes.write("visits/mac.md", raw="---\rcustomer: 王主任\rdate: 2026-11-18 10:00\r---\r## 待办\r"
                                     "- [ ] 明天发资料\r- [ ] 回电 📅 2026-11-25\r".encode())
    data = notes.json("due", "--today", TODAY, "--days", "7")
    got = sorted((i["text"], i["due"], i["source"]) for i in data["items"] if i["kind"] == "commitment")
    assert got == [("回电", "2026-11-25", "visits/mac.md:7"), ("明天发资料", "2026-11-19", "visits/mac.md:6")]


def test_mixed_line_endings_count_lines_the_same_everywhere():
    raw = "---\r\ncustomer: 王\rdate: 2026-11-18\n---\r\n- [ ] 回扣 明天\r- [ ] 13812345678 后天\n".encode()
    record, found = parse_note("visits/a.md", raw, DEFAULTS)
    assert [a.source.line for a in record.actions] == [5, 6]
    assert {(p.source.line, p.code) for p in found} >= {(5, "inducement"), (6, "personal-data")}


def test_a_nul_byte_is_reported_at_its_own_line(notes):
    notes.write("visits/a.md", raw=b"---\ncustomer: \xe7\x8e\x8b\ndate: 2026-11-18\n---\nok\n\nbad\x00line\nok\n- [ ] x\x00\x00\n")
    data = notes.json("check", ok=(1,))
    assert [(p["line"], p["code"]) for p in problems(data, "nul-byte")] == [(7, "nul-byte"), (9, "nul-byte")]
    assert notes.json("timeline", "王")["contacts"], "the rest of the note is still read"


def test_a_nul_byte_in_front_matter_is_reported_there():
    raw = b"---\ncustomer: a\ndate: 2026-11-18\x00\n---\n"
    _, found = parse_note("visits/a.md", raw, DEFAULTS)
    assert (3, "nul-byte") in [(p.source.line, p.code) for p in found]
    assert all(p.source.line != 1 for p in found)


# ---------------------------------------------------------------- encodings, and done writing them back
NOTE = "---\ncustomer: 王主任\ndate: 2026-11-18 10:00\n---\n## 待办\n- [ ] 回电 📅 2026-11-20\n- [ ] 送资料 📅 2026-11-25\n"


@pytest.mark.parametrize("encoding, bom, name", [
    ("gb18030", b"", "GB18030"),
    ("utf-16-le", b"\xff\xfe", "UTF-16"),
    ("utf-16-be", b"\xfe\xff", "UTF-16"),
])
@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_other_encodings_are_read_with_a_warning_and_done_writes_them_back(notes, encoding, bom, name, ending):
    raw = bom + NOTE.replace("\n", ending).encode(encoding)
    path = notes.write("visits/old.md", raw=raw)
    data = notes.json("check")
    assert [(p["line"], p["level"], p["code"]) for p in data["problems"]] == [(1, "warning", "encoding-fallback")]
    assert name in data["problems"][0]["message"]
    due = notes.json("due", "--today", TODAY)
    [item] = [i for i in due["items"] if i["text"] == "回电"]
    result = notes.run("done", item["id"], "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    expected = bom + NOTE.replace("- [ ] 回电 📅 2026-11-20", "- [x] 回电 📅 2026-11-20 ✅ 2026-11-20") \
        .replace("\n", ending).encode(encoding)
    assert after == expected


def test_random_bytes_are_not_taken_for_gb18030():
    for raw in (b"\x81\x30\x81\x30\x00\x01", b"\xff\xfe\xfd", bytes(range(128, 256))):
        record, found = parse_note("visits/a.md", raw, DEFAULTS)
        assert record is None and [p.code for p in found] in (["encoding"], ["nul-byte", "not-a-visit"])


def test_done_on_a_lone_cr_note_changes_one_line(notes):
    raw = "---\rcustomer: 王主任\rdate: 2026-11-18 10:00\radverse_event: 皮疹\r---\r- [ ] 回电 📅 2026-11-20\r".encode()
    path = notes.write("visits/mac.md", raw=raw)
    items = notes.json("due", "--today", TODAY)["items"]
    for item in items:
        if item["kind"] in ("safety", "commitment"):
            assert notes.run("done", item["id"], "--today", TODAY).exit_code == 0
    assert path.read_bytes() == (
        "---\rcustomer: 王主任\rdate: 2026-11-18 10:00\radverse_event: {description: 皮疹, reported: 2026-11-20, replied: 2026-11-20}\r"
        "---\r- [x] 回电 📅 2026-11-20 ✅ 2026-11-20\r").encode()


def test_a_character_yaml_does_not_allow_is_reported_at_its_line():
    raw = b"---\ncustomer: a\ndate: 2026-11-18\nchannel: ph\x01one\n---\n"
    _, found = parse_note("visits/a.md", raw, DEFAULTS)
    assert [(p.source.line, p.code) for p in found] == [(4, "yaml")]
