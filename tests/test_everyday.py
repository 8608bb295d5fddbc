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


# ---------------------------------------------------------------- init, open, search, done, review
def test_init_writes_settings_an_example_and_the_user_config(tmp_path, notes, monkeypatch):
    import yaml

    from visitlog.notebook.load import find_notebook

    config_home = tmp_path / "config"
    target = tmp_path / "mine"
    env = {"XDG_CONFIG_HOME": str(config_home), "VISITLOG_TODAY": "2026-11-20"}
    result = notes.run("init", str(target), "--lang", "zh", env=env)       # DIR wins over --notes
    assert result.exit_code == 0, result.stderr
    assert "language: zh" in (target / "visitlog.yaml").read_text(encoding="utf-8")
    example = next((target / "visits").rglob("*.md"))
    assert example.name == "2026-11-20-示例医生.md"
    config = config_home / "visitlog" / "config.yaml"
    assert yaml.safe_load(config.read_text(encoding="utf-8"))["notes"] == str(target.resolve())
    from visitlog.notebook.load import load
    from visitlog.notebook.settings import load_settings

    nb = load(target, load_settings(target))                                # the example is a real note
    assert [c.name for c in nb.customers] == ["示例医生"] and not nb.errors
    before = sorted(p.name for p in target.rglob("*"))
    again = notes.run("init", str(target), env=env)
    assert again.exit_code == 2 and sorted(p.name for p in target.rglob("*")) == before
    other = tmp_path / "other"
    result = notes.run("init", str(other), "--lang", "en", env=env)
    assert result.exit_code == 0 and "names another notebook" in result.stderr   # the first one stays
    assert yaml.safe_load(config.read_text(encoding="utf-8"))["notes"] == str(target.resolve())
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    assert find_notebook(None, environ={}, cwd=tmp_path / "nowhere") == target.resolve()


def test_open_runs_the_editor_at_the_line(notes, tmp_path):
    import sys

    notes.visit("王建国", "2026-11-18 10:00", "- 聊了聊\n- [ ] 明天发资料")
    seen = tmp_path / "argv.txt"
    vim = tmp_path / "vim"
    vim.write_text(f"import sys\nopen({str(seen)!r}, 'w', encoding='utf-8').write('\\n'.join(sys.argv[1:]))\n",
                   encoding="utf-8")
    env = {"EDITOR": f"{sys.executable} {vim}", "VISUAL": ""}
    item = notes.json("due", "--today", "2026-11-20", "--kind", "commitment")["items"][0]
    for target in (item["id"], item["id"][:4], item["source"]):
        result = notes.run("open", target, "--today", "2026-11-20", env=env)
        assert result.exit_code == 0, result.stderr
        assert seen.read_text(encoding="utf-8").splitlines() == [f"+{item['source'].rsplit(':', 1)[1]}",
                                                                  str(notes.root / item["source"].rsplit(":", 1)[0])]
    result = notes.run("open", "王建", env=env)                              # a customer: the latest note
    assert result.exit_code == 0 and seen.read_text(encoding="utf-8").splitlines()[0] == "+1"
    assert notes.run("open", "没有这人", env=env).exit_code == 2


def test_editor_line_arguments():
    from pathlib import Path

    from visitlog.edit.starter import at_line

    p = Path("/n/a.md")
    assert at_line(["nvim"], p, 7) == ["nvim", "+7", "/n/a.md"]
    assert at_line(["code", "--wait"], p, 7) == ["code", "--wait", "-g", "/n/a.md:7"]
    assert at_line(["hx"], p, 7) == ["hx", "/n/a.md:7"]
    assert at_line(["gedit"], p, 7) == ["gedit", "/n/a.md"]


def test_search_by_text_tag_product_competitor_and_dates(notes):
    notes.visit("王建国", "2026-10-18", "- 问医保报销比例 ?\n- [ ] 下周送医保政策", tags="[医保]", products="[舒沐坦]")
    notes.visit("李秀兰", "2026-11-19", "- 医保谈判价落地时间", competitors="[某竞品A]")
    notes.visit("李秀兰", "2026-11-12", "- 聊了别的")
    data = notes.json("search", "医保")
    assert [(h["customer"], len(h["lines"])) for h in data["hits"]] == [("王建国", 2), ("李秀兰", 1)]
    assert data["hits"][0]["lines"][0]["source"].endswith(".md:7")
    assert [h["customer"] for h in notes.json("search", "医保", "--from", "2026-11-01")["hits"]] == ["李秀兰"]
    assert [h["customer"] for h in notes.json("search", "--competitor", "某竞品a")["hits"]] == ["李秀兰"]
    assert [h["customer"] for h in notes.json("search", "--tag", "医保", "--product", "舒沐坦")["hits"]] == ["王建国"]
    out = notes.run("search", "谈判价", "--lang", "zh").stdout
    assert "李秀兰" in out and "医保谈判价落地时间" in out and "共 1 次联系" in out
    assert notes.run("search").exit_code == 2
    assert notes.run("search", "x", "--from", "昨天").exit_code == 2


def test_done_takes_several_ids_and_unique_prefixes(notes):
    notes.visit("王建国", "2026-11-18 10:00", "- [ ] 明天发资料\n- [ ] 后天回电\n- [ ] 下周一拜访")
    items = notes.json("due", "--today", "2026-11-20", "--kind", "commitment", "--days", "7")["items"]
    ids = [i["id"] for i in items]
    result = notes.run("done", ids[0], ids[1][:5], "--today", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    text = next((notes.root / "visits").rglob("*.md")).read_text(encoding="utf-8")
    assert text.count("✅ 2026-11-20") == 2
    left = notes.json("due", "--today", "2026-11-20", "--kind", "commitment", "--days", "7")["items"]
    assert [i["id"] for i in left] == ids[2:]
    result = notes.run("done", ids[2], "nosuchid", "--today", "2026-11-20")
    assert result.exit_code == 2 and "nosuchid" in result.stderr               # the good one is still closed
    assert not notes.json("due", "--today", "2026-11-20", "--kind", "commitment", "--days", "7")["items"]


def test_review_a_month_or_any_span(notes):
    notes.visit("王建国", "2026-11-03 10:00", "- 聊了聊")
    notes.visit("王建国", "2026-11-18 10:00", "- 又聊了聊")
    notes.visit("王建国", "2026-10-28 10:00", "- 十月")
    month = notes.json("review", "--month", "2026-11", "--today", "2026-11-30")
    assert (month["start"], month["end"], month["contacts"]["total"]) == ("2026-11-01", "2026-11-30", 2)
    out = notes.run("review", "--month", "2026-11", "--today", "2026-11-30", "--lang", "zh").stdout
    assert "月度复盘 2026-11" in out and "2026-11-01（周日）至 2026-11-30（周一）" in out
    span = notes.json("review", "--from", "2026-10-25", "--to", "2026-11-05", "--today", "2026-11-30")
    assert span["contacts"]["total"] == 2
    assert notes.run("review", "--month", "2026-13").exit_code == 2
    assert notes.run("review", "--month", "2026-11", "--week", "2026-W47").exit_code == 2
    assert notes.run("review", "--from", "2026-11-05", "--to", "2026-11-01").exit_code == 2


# ---------------------------------------------------------------- the calendar
def test_the_calendar_puts_overdue_items_on_today_says_how_to_close_and_cancels_what_was_closed(notes, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    from datetime import date, datetime, timedelta

    notes.visit("赵医生", "2026-11-10 10:00", "- [ ] 发资料 📅 2026-11-12\n- [ ] 回电 📅 2026-11-21")
    target = tmp_path / "due.ics"
    assert notes.run("due", "--today", "2026-11-20", "--ics", str(target), "--lang", "zh").exit_code == 0
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    data = notes.json("due", "--today", "2026-11-20")
    late = next(i for i in data["items"] if i["text"] == "发资料")
    event = events[f"{late['id']}@visitlog"]
    assert event.decoded("dtstart") == date(2026, 11, 20)                     # on today, not 11-12
    assert "逾期 8 天" in str(event["summary"]) and "overdue" in str(event["categories"].to_ical())
    alarm = event.walk("VALARM")[0]
    assert alarm.decoded("trigger") == timedelta(hours=9)                       # 09:00 today: it still rings
    assert f"visitlog done {late['id']}" in str(event["description"])
    cadence = next(i for i in data["items"] if i["kind"] == "cadence")
    assert "visitlog new 赵医生" in str(events[f"{cadence['id']}@visitlog"]["description"])
    assert notes.run("done", late["id"], "--today", "2026-11-20").exit_code == 0
    assert notes.run("due", "--today", "2026-11-20", "--ics", str(target)).exit_code == 0
    again = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    gone = again[f"{late['id']}@visitlog"]
    assert str(gone["status"]) == "CANCELLED" and int(gone["sequence"]) > int(event["sequence"])
    assert all(str(e.get("status", "")) != "CANCELLED" for k, e in again.items() if k != f"{late['id']}@visitlog")
    from visitlog.render.ics import calendar                                    # exported after 09:00 today
    from visitlog.rules.due import due

    nb = notes.load()
    items = [i for i in due(nb, date(2026, 11, 22), __import__("visitlog.notebook.settings").notebook.settings.DEFAULTS)
             if i.due and i.due < date(2026, 11, 22)]
    raw, _ = calendar(items, "en", datetime(2026, 11, 22, 6, 0), today=date(2026, 11, 22),
                      now=datetime(2026, 11, 22, 14, 7))
    first = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
    assert first.decoded("dtstart") == datetime(2026, 11, 22, 14, 22)          # a quarter of an hour from now
    assert first.walk("VALARM")[0].decoded("trigger") == timedelta(0)


# ---------------------------------------------------------------- help
# (help in the interface language, with an example and no type names: tests/test_help.py)


def test_prep_says_an_overdue_adverse_event_reply_in_words_and_keeps_the_indent(notes):
    long = "患者72岁，高血压合并2型糖尿病，服药第5天出现双踝轻度水肿伴头晕，合并阿司匹林、阿托伐他汀，已停药观察，家属要求尽快给出书面说明"
    notes.visit("刘芳", "2026-11-17 15:20", "- 反馈不良反应", adverse_event=long)
    out = notes.run("prep", "刘芳", "--today", "2026-11-20", "--lang", "zh", env={"COLUMNS": "80"}).stdout
    assert "正式回复已超时 2 天" in out
    at = out.splitlines().index(next(line for line in out.splitlines() if line.startswith("    患者72岁")))
    assert out.splitlines()[at + 1].startswith("    ") and out.splitlines()[at + 1].strip()
    assert "formal reply overdue by 2 d" in notes.run("prep", "刘芳", "--today", "2026-11-20", "--lang", "en").stdout
