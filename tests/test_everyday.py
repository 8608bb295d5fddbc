"""Issue #17 beyond the morning view: nothing hides, labels in both languages, names, the editor, the calendar,
the everyday commands and help in Chinese."""
from __future__ import annotations

import pytest

BROKEN = "---\ncustomer: 甲\ndate: [oops\n---\n- [ ] 明天回电\n"


# ---------------------------------------------------------------- nothing hides
@pytest.mark.parametrize("args", [("due",), ("customers",), ("score",), ("timeline", "乙"), ("prep", "乙"),
                                  ("review", "--week", "2026-W47"), ("due", "--json")])
def test_every_reading_command_ends_by_saying_how_many_notes_could_not_be_read(notes, args):
    notes.write("visits/broken.md", BROKEN)
    notes.write("visits/broken2.md", BROKEN.replace("甲", "丙"))
    notes.visit("乙", "2026-11-18", "- [ ] 明天回电")
    result = notes.run(*args, "--today", "2026-11-20", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "2 note(s) could not be read — run `visitlog check`"
    assert result.stderr.count("could not be read") == 1
    zh = notes.run(*args, "--today", "2026-11-20", "--lang", "zh")
    assert "有 2 条记录无法读取" in zh.stderr and "visitlog check" in zh.stderr


def test_no_footer_when_every_note_was_read_or_from_check_itself(notes):
    notes.visit("乙", "2026-11-18", "- [ ] 明天回电")
    assert "could not be read" not in notes.run("due", "--today", "2026-11-20", "--lang", "en").stderr
    notes.write("visits/broken.md", BROKEN)
    result = notes.run("check", "--lang", "en")
    assert result.exit_code == 1 and "could not be read" not in result.stderr + result.stdout


def _tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


@pytest.mark.parametrize("command", [("due",), ("customers", "--json"), ("check",), ("review",), ("score",)])
def test_a_folder_without_notes_is_not_a_notebook_and_nothing_is_written(tmp_path, notes, command):
    folder = tmp_path / "typo"
    (folder / "sub").mkdir(parents=True)
    (folder / "readme.txt").write_text("not a note", encoding="utf-8")
    before = _tree(folder)
    from typer.testing import CliRunner

    from visitlog.cli import app

    result = CliRunner().invoke(app, [*command, "--notes", str(folder), "--lang", "en"],
                                env={"NO_COLOR": "1", "VISITLOG_NOTES": "", "VISITLOG_TODAY": ""})
    assert result.exit_code == 2
    assert f"no visit notes found in {folder} (is this your notebook?)" in result.stderr
    assert _tree(folder) == before                                    # no cache, nothing at all


def test_a_notes_path_that_is_a_file_says_so(tmp_path):
    from typer.testing import CliRunner

    from visitlog.cli import app

    file = tmp_path / "note.md"
    file.write_text("---\ncustomer: 甲\ndate: 2026-11-18\n---\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["due", "--notes", str(file), "--lang", "en"], env={"VISITLOG_NOTES": ""})
    assert result.exit_code == 2 and "is a file, not a notebook folder" in result.stderr
    missing = CliRunner().invoke(app, ["due", "--notes", str(tmp_path / "nope"), "--lang", "en"],
                                 env={"VISITLOG_NOTES": ""})
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


# ---------------------------------------------------------------- labels in, labels out
def test_every_label_the_interface_shows_is_read_back_as_its_value():
    from visitlog.i18n import t, word
    from visitlog.notebook.labels import value_of
    from visitlog.notebook.parse import CHANNELS, MOODS, PURPOSES, STYLES
    from visitlog.rules.due import KINDS
    from visitlog.rules.score import SEGMENTS

    for lang in ("zh", "en"):
        for kind, known in (("channel", CHANNELS), ("purpose", PURPOSES), ("mood", MOODS), ("style", STYLES),
                            ("segment", SEGMENTS)):
            for value in known:
                assert value_of(kind, word(kind, value, lang), known) == value
                if kind != "segment":                     # notes are read with the table alone (the index key)
                    assert value_of(kind, word(kind, value, lang), known, interface=False) == value
        for value in KINDS:
            assert value_of("kind", t(f"kind-{value}", lang), KINDS) == value
    assert value_of("channel", "wechat", CHANNELS) == "message" == value_of("channel", "微信", CHANNELS)
    assert value_of("channel", "飞鸽", CHANNELS) is None


def test_options_take_labels_in_both_languages(notes):
    notes.profile("王建国", 5, 5, 5, since="2026-01-01")
    notes.visit("王建国", "2026-11-18", "- [ ] 发资料 📅 2026-11-20")
    notes.visit("李医生", "2026-06-18", "见了一面")
    by_word = {k: notes.json("due", "--today", "2026-11-20", "--kind", k)["items"]
               for k in ("commitment", "promise", "承诺")}
    assert by_word["commitment"] == by_word["promise"] == by_word["承诺"] and by_word["承诺"]
    mixed = notes.json("due", "--today", "2026-11-20", "--kind", "承诺，唤醒")["items"]
    assert {i["kind"] for i in mixed} == {"commitment", "wake-up"}
    woken = notes.json("score", "--today", "2026-11-20", "--segment", "唤醒")["customers"]
    assert woken and all(c["segment"] == "wake-up" for c in woken)
    assert notes.json("score", "--today", "2026-11-20", "--tier", "a级")["customers"][0]["customer"] == "王建国"
    for channel in ("电话", "phone", "微信", "wechat"):
        result = notes.run("new", "王建国", "--date", "2026-11-19 10:00", "--no-edit", "--channel", channel,
                           "--purpose", "回访")
        assert result.exit_code == 0, result.stderr
    written = sorted((notes.root / "visits").rglob("2026-11-19*.md"))
    channels = sorted(p.read_text(encoding="utf-8").split("channel: ")[1].split()[0] for p in written)
    assert channels == ["message", "message", "phone", "phone"]
    bad = notes.run("new", "王建国", "--no-edit", "--channel", "飞鸽", "--lang", "zh")
    assert bad.exit_code == 2 and "电话 (phone)" in bad.stderr


# ---------------------------------------------------------------- names
def test_near_misses_catch_one_character_and_the_same_pinyin(notes):
    from visitlog.edit.new import near_misses

    notes.visit("周婷", "2026-11-13")
    notes.visit("张伟", "2026-11-13")
    notes.write("customers/林国华.md", "---\nname: 林国华\naliases: [林主任]\n---\n")
    nb = notes.load()
    assert near_misses(nb, "周亭") == ("周婷",)          # same pinyin zhou ting, one character
    assert near_misses(nb, "章伟") == ("张伟",)          # the surname differs, but sounds the same
    assert near_misses(nb, "周霆") == ("周婷",)          # one character in the given name
    assert near_misses(nb, "刘主任") == ()               # 刘 is not 林: a different surname
    result = notes.run("timeline", "周亭", "--lang", "en")
    assert result.exit_code == 2 and "周婷" in result.stderr   # every command names the same near miss


def test_an_unknown_name_defaults_to_no_at_a_terminal(notes, monkeypatch):
    from visitlog.cli import new as new_cli

    notes.visit("周婷", "2026-11-13")
    monkeypatch.setattr(new_cli, "interactive", lambda: True)
    result = CliRunner_input(notes, "\n", "new", "周亭", "--date", "2026-11-20 10:00", "--no-edit", "--lang", "en")
    assert result.exit_code == 1 and "Nothing written" in result.stderr     # Enter: the default, No
    assert "周婷" in result.stderr and "[y/N]" in result.stderr
    assert not list((notes.root / "visits").rglob("*周亭*"))
    result = CliRunner_input(notes, "y\n", "new", "周亭", "--date", "2026-11-20 10:00", "--no-edit")
    assert result.exit_code == 0 and list((notes.root / "visits").rglob("*周亭*"))


def CliRunner_input(notes, text, *args):
    from typer.testing import CliRunner

    from visitlog.cli import app

    return CliRunner().invoke(app, [*args, "--notes", str(notes.root)], input=text,
                              env={"NO_COLOR": "1", "VISITLOG_TODAY": "", "VISITLOG_NOTES": ""})


def test_new_resolves_a_unique_prefix_like_every_command(notes):
    notes.visit("王建国", "2026-11-13")
    result = notes.run("new", "王建", "--date", "2026-11-20 10:00", "--no-edit", "--lang", "en")
    assert result.exit_code == 0 and "'王建' is 王建国" in result.stderr
    written = [p for p in (notes.root / "visits").rglob("*.md") if "2026-11-20" in p.name]
    assert "customer: 王建国" in written[0].read_text(encoding="utf-8")


# ---------------------------------------------------------------- the editor and --date
def _editor(tmp_path, body: str) -> str:
    import sys
    import textwrap

    path = tmp_path / "editor.py"
    path.write_text("import sys\npath = sys.argv[-1]\n" + textwrap.dedent(body), encoding="utf-8")
    return f"{sys.executable} {path}"


def _notes_written(notes):
    return sorted(p for p in (notes.root / "visits").rglob("*.md") if "2026-11-27" in p.name)


@pytest.mark.parametrize("body, said", [
    ("open(path, 'a', encoding='utf-8').write('- 写了一半\\n')\nsys.exit(1)\n", "exited with code 1"),   # :cq
    ("pass\n", "left as the template"),                                                          # :q
])
def test_an_editor_that_fails_or_changes_nothing_records_nothing(notes, tmp_path, body, said):
    notes.visit("张主任", "2026-11-18")
    editor = _editor(tmp_path, body)
    result = notes.run("new", "张主任", "--date", "2026-11-27 10:00", "--edit", "--lang", "en",
                       env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 1 and said in result.stderr and "nothing recorded" in result.stderr
    assert _notes_written(notes) == [] and result.stdout == ""


def test_an_untouched_note_with_command_line_todos_is_kept(notes, tmp_path):
    notes.visit("张主任", "2026-11-18")
    result = notes.run("new", "张主任", "--date", "2026-11-27 10:00", "--edit", "--todo", "明天回电",
                       env={"EDITOR": _editor(tmp_path, "pass\n"), "VISUAL": ""})
    assert result.exit_code == 0 and "明天回电 📅 2026-11-28" in _notes_written(notes)[0].read_text(encoding="utf-8")


def test_actions_typed_in_the_editor_get_their_date(notes, tmp_path):
    notes.visit("张主任", "2026-11-18")
    editor = _editor(tmp_path, """
        text = open(path, encoding='utf-8').read()
        open(path, 'w', encoding='utf-8').write(text + '\\n- [ ] 72小时内发随访数据\\n- [ ] 下周一前回复\\n')
        """)
    result = notes.run("new", "张主任", "--date", "2026-11-27 10:00", "--edit", env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 0, result.stderr
    text = _notes_written(notes)[0].read_text(encoding="utf-8")
    assert "72小时内发随访数据 📅 2026-11-30" in text and "下周一前回复 📅 2026-11-30" in text


@pytest.mark.parametrize("when, day, clock", [
    ("昨天下午3点", "2026-11-26", "15:00"), ("today 10:00", "2026-11-27", "10:00"), ("前天上午10点半", "2026-11-25", "10:30"),
    ("yesterday 3pm", "2026-11-26", "15:00"), ("上周五", "2026-11-20", None), ("2026-11-24 09:00", "2026-11-24", "09:00"),
])
def test_new_takes_natural_dates_against_the_day_of_today(notes, when, day, clock):
    notes.visit("张主任", "2026-11-18")
    result = notes.run("new", "张主任", "--date", when, "--no-edit", env={"VISITLOG_TODAY": "2026-11-27"})
    assert result.exit_code == 0, result.stderr
    note = next(p for p in (notes.root / "visits").rglob(f"{day}-*.md"))
    assert f"date: {day} {clock}" in note.read_text(encoding="utf-8") if clock else \
        f"date: {day}\n" in note.read_text(encoding="utf-8")


def test_new_without_date_takes_visitlog_today(notes):
    notes.visit("张主任", "2026-11-18")
    result = notes.run("new", "张主任", "--no-edit", "--todo", "明天回电", env={"VISITLOG_TODAY": "2026-11-27"})
    assert result.exit_code == 0, result.stderr
    assert "明天回电 📅 2026-11-28" in _notes_written(notes)[0].read_text(encoding="utf-8")
    bad = notes.run("new", "张主任", "--no-edit", "--date", "某天", "--lang", "en")
    assert bad.exit_code == 2 and "某天" in bad.stderr


def test_customers_mark_overdue_in_words_not_colour_alone(notes):
    notes.visit("甲", "2026-11-10", "- [ ] 回电 📅 2026-11-12")
    notes.visit("乙", "2026-11-19", "- [ ] 回电 📅 2026-11-25")
    out = notes.run("customers", "--today", "2026-11-20", "--lang", "zh").stdout       # NO_COLOR
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "11-12 逾期" in rows["甲"] and "逾期" not in rows["乙"]
