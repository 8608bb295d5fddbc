"""`visitlog new`: templates, carry-over, playbooks, shorthand, the editor, safe writes."""
from __future__ import annotations

import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visitlog.edit.new import near_misses, quick, stamp
from visitlog.notebook.settings import DEFAULTS
from visitlog.edit.templating import load_template, template_dirs

WHEN = "2026-11-27 16:00"          # a Friday
MOMENT = datetime(2026, 11, 27, 16, 0)


def written(notes) -> list[Path]:
    return sorted(p for p in (notes.root / "visits").rglob("*.md") if p.name.startswith("2026-11-27"))


def new_text(notes, *args, env=None) -> str:
    """Run `new` (in Chinese unless --lang says otherwise) and return the note it wrote."""
    result = notes.run("new", *args, *(() if "--lang" in args else ("--lang", "zh")), env=env)
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip()).read_text(encoding="utf-8")


def contact(notes, name, index=-1):
    return notes.json("timeline", name)["contacts"][index]


def script(tmp_path: Path, body: str) -> str:
    """A scripted $EDITOR: a small python program that gets the note's path last."""
    path = tmp_path / "editor.py"
    path.write_text("import sys\npath = sys.argv[-1]\n" + textwrap.dedent(body), encoding="utf-8")
    return f"{sys.executable} {path}"


# ------------------------------------------------------------------ templates
def test_unknown_customer_gets_the_first_visit_template(notes):
    text = new_text(notes, "钱医生", "--date", WHEN, "--no-edit")
    assert "customer: 钱医生" in text and "date: 2026-11-27 16:00" in text
    assert "purpose: first" in text
    assert "首次拜访" in text                       # the first-visit template's own hint
    assert "## 沟通要点" in text and "## 待办" in text and "## 客户画像" in text


def test_known_customer_gets_follow_up_and_profile_prefilled(notes):
    notes.write("customers/王建国.md", """
        ---
        name: 王建国
        aliases: [王主任]
        hospital: 市第一人民医院
        department: 内分泌科
        title: 主任医师
        role: decision-maker
        ---
        """)
    notes.visit("王建国", "2026-11-18 10:00", "- 聊了病例讨论会", products="[格列沐缓释片]")
    text = new_text(notes, "王主任", "--date", WHEN, "--no-edit", "--channel", "phone")
    assert "customer: 王建国" in text                # the canonical name, not the alias
    assert "purpose: follow-up" in text
    for line in ("hospital: 市第一人民医院", "department: 内分泌科", "title: 主任医师", "role: decision-maker",
                 "channel: phone", "products: [格列沐缓释片]"):
        assert line in text
    assert written(notes)[0].name == "2026-11-27-王建国.md"
    assert contact(notes, "王建国")["channel"] == "phone"


@pytest.mark.parametrize("purpose,marker", [("academic", "tags: [学术支持]"), ("feedback", "adverse_event"),
                                            ("stock", "purpose: stock")])
def test_purpose_picks_the_template(notes, purpose, marker):
    text = new_text(notes, "钱医生", "--date", WHEN, "--no-edit", "--purpose", purpose, "--new-customer")
    assert f"purpose: {purpose}" in text
    assert marker in text
    if purpose == "stock":                          # no stock.md: the default template
        assert "首次拜访" not in text and "tags: []" in text


def test_notebook_template_overrides_the_shipped_one(notes):
    notes.write("templates/first.md", """
        ---
        customer: "{{customer}}"
        date: "{{date}}"
        purpose: "{{purpose}}"
        ---
        ## 我的模板 {{customer}}
        {{actions}}
        """)
    text = new_text(notes, "钱医生", "--date", WHEN, "--no-edit", "--todo", "明天回电")
    assert "## 我的模板 钱医生" in text
    assert "- [ ] 明天回电 📅 2026-11-28" in text
    assert "hospital" not in text


def test_templates_are_found_without_a_notebook():
    assert any((d / "default.md").is_file() for d in template_dirs(None))
    assert load_template(None, "stock").name == "default"
    assert load_template(None, "first").path.name == "first.md"


# ------------------------------------------------------------------ carry-over
def test_open_actions_and_unanswered_questions_are_carried_as_reminders(notes):
    notes.visit("李秀兰", "2026-11-19 09:30", """
        ## 沟通要点
        - 问援助项目和医保谈判价能不能叠加 ? #医保
        - 问过说明书里的儿童用法 ?
        - 说明书儿童用法当场讲清楚了
        ## 待办
        - [ ] 下周二前把研究者手册送到 📅 2026-11-24
        - [x] 提供说明书 ✅ 2026-11-19
        - [ ] 援助项目的事尽快问清楚
        """)
    text = new_text(notes, "李秀兰", "--date", WHEN, "--no-edit")
    section = text.split("## 上次遗留", 1)[1].split("\n## ", 1)[0]
    assert "未完成：下周二前把研究者手册送到（原定 2026-11-24，11-19 承诺）" in section
    assert "未完成：援助项目的事尽快问清楚（没有日期，11-19 承诺）" in section
    assert "尚未答复：问援助项目和医保谈判价能不能叠加（11-19 提出）" in section
    assert "儿童用法" not in section                 # answered on the spot
    assert "提供说明书" not in section                # done
    assert "- [ ]" not in section and "?" not in section and "#医保" not in section
    new = contact(notes, "李秀兰")
    assert new["actions"] == [] and new["questions"] == [] and new["tags"] == [] and new["points"] == []
    brief = notes.json("prep", "李秀兰", "--today", "2026-11-27")      # the reminder answers nothing
    assert [q["text"] for q in brief["unanswered_questions"]] == ["问援助项目和医保谈判价能不能叠加"]
    due = notes.json("due", "--today", "2026-11-27", "--kind", "commitment")["items"]
    assert len(due) == 2, "nothing is counted twice"


# ------------------------------------------------------------------ playbooks
@pytest.mark.parametrize("style,dates", [
    ("academic", ["2026-11-29", "2026-12-04", "2026-12-12"]),      # 48 h, 7 days, 15 days
    ("transactional", ["2026-11-28", "2026-11-30"]),               # 24 h, 3 days
    ("hesitant", ["2026-11-30", "2026-12-04"]),                    # 3 days, 1 week
])
def test_playbook_dates_count_from_the_visit_moment(notes, style, dates):
    notes.profile("孙伟", 3, 3, 3, style=style, department="内分泌科")
    text = new_text(notes, "孙伟", "--date", WHEN, "--no-edit", "--accept", "all")
    assert f"style: {style}" in text
    data = contact(notes, "孙伟")
    assert [a["due"] for a in data["actions"]] == dates
    assert all(a["due_from"] == "explicit" for a in data["actions"])


def test_playbook_steps_are_suggestions_until_accepted(notes):
    notes.profile("孙伟", 3, 3, 3, style="academic")
    result = notes.run("new", "孙伟", "--date", WHEN, "--no-edit", "--lang", "zh",
                       "--quick", "问了肾功能分层数据?", "--accept", "2")
    assert result.exit_code == 0, result.stderr
    text = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert "```suggested" in text
    data = contact(notes, "孙伟")
    assert [(a["text"], a["due"]) for a in data["actions"]] == [("提供作用机制相关的文献综述", "2026-12-04")]
    assert data["suggestions"] == ["整理II期临床数据并附亚组分析，发给客户", "邀请参加线上学术研讨会"]
    assert "已采纳：提供作用机制相关的文献综述" in result.stderr
    assert "建议（未采纳）：邀请参加线上学术研讨会" in result.stderr
    due = notes.json("due", "--today", "2026-11-27", "--days", "30", "--kind", "commitment")["items"]
    assert [i["text"] for i in due] == ["提供作用机制相关的文献综述"], "a suggestion is not a promise"


def test_playbook_steps_are_scoped_by_product_or_area(notes):
    notes.profile("周婷", 3, 3, 3, style="hesitant", department="儿科")
    notes.visit("周婷", "2026-11-01", "- 问了儿童剂量 ?", products="[某止咳糖浆]")
    text = new_text(notes, "周婷", "--date", WHEN, "--no-edit")
    assert "低血糖" not in text, "no diabetes handout for a paediatric customer"
    assert "儿童" in text.split("```suggested", 1)[1]
    notes.profile("王建国", 3, 3, 3, style="hesitant", department="内分泌科")
    assert "低血糖" in new_text(notes, "王建国", "--date", WHEN, "--no-edit", "--new-customer")


def test_style_option_overrides_the_profile_and_no_playbook_skips_it(notes):
    notes.profile("孙伟", 3, 3, 3, style="academic")
    text = new_text(notes, "孙伟", "--date", WHEN, "--no-edit", "--style", "transactional")
    assert "style: transactional" in text and "进药申请模板" in text and "II期" not in text
    text = new_text(notes, "孙伟", "--date", WHEN, "--no-edit", "--no-playbook")
    assert "II期" not in text and "建议跟进" not in text


def test_playbook_steps_still_open_are_not_suggested_again(notes):
    notes.profile("孙伟", 3, 3, 3, style="transactional")
    first = new_text(notes, "孙伟", "--date", WHEN, "--no-edit", "--accept", "all")
    second = new_text(notes, "孙伟", "--date", "2026-11-27 17:30", "--no-edit")
    assert first.count("进药申请模板") == 1
    assert "- [ ] 提供药事会进药申请模板" not in second and "建议跟进" not in second
    assert "未完成：提供药事会进药申请模板" in second          # reminded, not repeated
    assert len(notes.json("due", "--today", "2026-11-27", "--kind", "commitment", "--days", "7")["items"]) == 2


def test_notebook_playbook_replaces_a_style(notes):
    notes.write("templates/playbooks.yaml", """
        hesitant:
          - after: 2d
            zh: 电话问问患者用得怎么样
        """)
    notes.profile("赵志强", 3, 2, 2, style="hesitant")
    text = new_text(notes, "赵志强", "--date", WHEN, "--no-edit")
    assert "```suggested\n- [ ] 电话问问患者用得怎么样 📅 2026-11-29" in text
    assert "低血糖发生率" not in text


# ------------------------------------------------------------------ shorthand
def flags(points):
    return [(p.text, p.question, p.interest, p.urgent, p.is_action) for p in points]


def test_quick_splits_after_markers_and_finds_actions():
    got = quick("询问肝肾毒性? 同成分不同剂型对比数据↑ 本周内提供!", MOMENT, DEFAULTS.workdays)
    assert flags(got) == [
        ("询问肝肾毒性", True, False, False, False),
        ("同成分不同剂型对比数据", False, True, False, False),
        ("本周内提供", False, False, True, True),
    ]
    assert got[2].deadline == "本周内"


def test_quick_chinese_punctuation_full_width_and_parentheses():
    got = quick("问剂量要不要调整？对比数据（↑）；科室会 下周二前要！，带文献", MOMENT, DEFAULTS.workdays)
    assert flags(got) == [
        ("问剂量要不要调整", True, False, False, False),
        ("对比数据", False, True, False, False),
        ("科室会 下周二前要", False, False, True, True),
        ("带文献", False, False, False, False),
    ]


def test_quick_english_punctuation_keeps_words_together():
    got = quick("asks about liver toxicity? wants the dosage-form comparison ^, send it within 2 days!",
                MOMENT, DEFAULTS.workdays)
    assert flags(got) == [
        ("asks about liver toxicity", True, False, False, False),
        ("wants the dosage-form comparison", False, True, False, False),
        ("send it within 2 days", False, False, True, True),
    ]


def test_quick_writes_points_and_actions_into_the_note(notes):
    text = new_text(notes, "李医生", "--date", WHEN, "--no-edit", "--quick",
                    "询问肝肾毒性? 同成分不同剂型对比数据↑ #患者教育 本周内提供!")
    assert "- 询问肝肾毒性 (?)" in text
    assert "- 同成分不同剂型对比数据 #患者教育 (↑)" in text
    assert "- [ ] 本周内提供 (!) 📅 2026-11-27" in text
    c = contact(notes, "李医生")
    assert c["questions"] == ["询问肝肾毒性"]
    assert c["interests"] == ["同成分不同剂型对比数据"] and c["tags"] == ["患者教育"]
    assert c["urgent"] == ["本周内提供"]
    assert [a["due"] for a in c["actions"]] == ["2026-11-27"]


# ------------------------------------------------------------------ deadlines stamped
def test_todo_phrases_get_dates_and_vague_ones_a_warning(notes):
    result = notes.run("new", "王主任", "--date", WHEN, "--no-edit", "--new-customer",
                       "--todo", "72小时内发送长期随访数据", "--todo", "后续跟进产品资料",
                       "--todo", "确认库存 📅 2026-12-24")
    assert result.exit_code == 0, result.stderr
    text = written(notes)[0].read_text(encoding="utf-8")
    assert "- [ ] 72小时内发送长期随访数据 📅 2026-11-30\n" in text
    assert "- [ ] 后续跟进产品资料\n" in text
    assert "- [ ] 确认库存 📅 2026-12-24\n" in text
    assert "2026-11-30" in result.stderr                     # what it understood
    assert "后续跟进产品资料" in result.stderr and "warning" in result.stderr
    assert result.stdout.strip().endswith("visits/2026/2026-11-27-王主任.md")


def test_stamp_changes_only_phrase_lines_and_keeps_bom_and_crlf():
    raw = ("\ufeff---\r\ncustomer: 甲\r\ndate: 2026-11-27 16:00\r\n---\r\n"
           "- [ ] 明天发资料\r\n- [ ] 已定 📅 2026-12-01\r\n- [x] 3天后确认\r\n- [ ] 下次再说\r\n- 周三来 ?\r\n")
    out = stamp(raw.encode("utf-8"), "visits/a.md", DEFAULTS).decode("utf-8")
    before, after = raw.split("\r\n"), out.split("\r\n")
    assert out.startswith("\ufeff") and len(before) == len(after)
    assert [(b, a) for b, a in zip(before, after) if b != a] == [("- [ ] 明天发资料", "- [ ] 明天发资料 📅 2026-11-28")]


def test_written_file_is_utf8_lf_without_bom(notes):
    new_text(notes, "钱医生", "--date", WHEN, "--no-edit", "--todo", "明天回电")
    raw = written(notes)[0].read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw and raw.endswith(b"\n")
    raw.decode("utf-8")


def test_json_gives_the_path_and_the_parsed_contact(notes):
    data = notes.json("new", "钱医生", "--date", WHEN, "--no-edit", "--todo", "明天回电")
    assert data["path"].endswith("2026-11-27-钱医生.md") and data["source"] == "visits/2026/2026-11-27-钱医生.md"
    assert data["new_customer"] is True and data["purpose"] == "first"
    assert data["contact"]["actions"][0]["due"] == "2026-11-28"


# ------------------------------------------------------------------ never overwrite
def test_second_visit_the_same_day_gets_a_new_name(notes):
    existing = notes.write("visits/2026/2026-11-27-钱医生.md", "手写的，不是模板\n")
    before = existing.read_bytes()
    new_text(notes, "钱医生", "--date", WHEN, "--no-edit")
    new_text(notes, "钱医生", "--date", "2026-11-27 17:00", "--no-edit")
    names = [p.name for p in written(notes)]
    assert names == ["2026-11-27-钱医生-2.md", "2026-11-27-钱医生-3.md", "2026-11-27-钱医生.md"]
    assert existing.read_bytes() == before
    assert not [p for p in notes.root.rglob("*") if p.name.endswith(".tmp")]


# ------------------------------------------------------------------ the editor
def test_editor_text_is_kept_and_its_phrases_dated(notes, tmp_path):
    editor = script(tmp_path, """
        text = open(path, encoding='utf-8').read()
        text = text.replace('mood:', 'mood: positive', 1)
        open(path, 'w', encoding='utf-8').write(text + '\\n- [ ] 下周二带文献拜访\\n- 问剂量 ?\\n')
        """)
    result = notes.run("new", "张主任", "--date", WHEN, "--edit", env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 0, result.stderr
    text = written(notes)[0].read_text(encoding="utf-8")
    assert "- [ ] 下周二带文献拜访 📅 2026-12-01" in text
    c = contact(notes, "张主任")
    assert c["mood"] == "positive" and c["questions"] == ["问剂量"]
    assert "问剂量" in result.stderr                  # understood and shown


def test_visual_wins_over_editor_and_is_split_like_a_shell(notes, tmp_path):
    visual = tmp_path / "my visual.py"
    visual.write_text("import sys\nopen(sys.argv[-1], 'a', encoding='utf-8').write('- ' + sys.argv[1] + '\\n')\n",
                      encoding="utf-8")
    env = {"VISUAL": f"{sys.executable} '{visual}' 'from visual'", "EDITOR": "false"}
    result = notes.run("new", "张主任", "--date", WHEN, "--edit", env=env)
    assert result.exit_code == 0, result.stderr
    assert "- from visual\n" in written(notes)[0].read_text(encoding="utf-8")


def test_no_edit_never_runs_the_editor(notes, tmp_path):
    editor = script(tmp_path, "open(path, 'w').write('')\n")
    new_text(notes, "张主任", "--date", WHEN, "--no-edit", env={"EDITOR": editor, "VISUAL": ""})
    assert written(notes)


def test_editor_leaving_an_empty_file_removes_it(notes, tmp_path):
    editor = script(tmp_path, "open(path, 'w', encoding='utf-8').write('  \\n')\n")
    result = notes.run("new", "张主任", "--date", WHEN, "--edit", env={"EDITOR": editor, "VISUAL": ""})
    assert result.exit_code == 1
    assert written(notes) == []
    assert "2026-11-27-张主任.md" in result.stderr and result.stdout == ""


def test_an_editor_that_cannot_start_keeps_the_note(notes):
    result = notes.run("new", "张主任", "--date", WHEN, "--edit", "--todo", "明天回电", "--lang", "en",
                       env={"EDITOR": "/no/such/editor", "VISUAL": ""})
    assert result.exit_code == 0
    assert "the editor could not start" in result.stderr
    assert "📅 2026-11-28" in written(notes)[0].read_text(encoding="utf-8")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("问剂量?？↑^!！(（)）#，。；;,. a明天3天内下周二") + ["\n"]), max_size=40))
def test_quick_never_crashes_and_keeps_no_marker_in_its_text(text):
    for p in quick(text, MOMENT, DEFAULTS.workdays):
        assert p.text and p.text == p.text.strip()
        assert not set(p.text) & set("?？↑!！")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["- [ ] 明天发资料", "- [x] 3天后确认", "- [ ] 下次再说", "- 周三来 ?", "",
                                 "- [ ] 已定 📅 2026-12-01", "  ", "- [ ] 48小时内回电  "]), max_size=8),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_stamp_touches_only_open_phrase_actions(body, newline, bom):
    text = newline.join(["---", "customer: 甲", "date: 2026-11-27 16:00", "---", *body, ""])
    raw = (("\ufeff" if bom else "") + text).encode("utf-8")
    out = stamp(raw, "visits/a.md", DEFAULTS).decode("utf-8")
    before, after = raw.decode("utf-8").split(newline), out.split(newline)
    assert len(before) == len(after) and out.startswith("\ufeff") == bom
    for b, a in zip(before, after):
        assert a == b or (b.lstrip("\ufeff").startswith("- [ ] ") and "📅" not in b and "下次" not in b
                          and a.startswith(b.rstrip()) and "📅 2026-11-" in a)


# ------------------------------------------------------------------ unknown customers
def test_unknown_customer_without_a_terminal_is_created_with_a_notice(notes):
    notes.visit("王建国", "2026-11-18 10:00", "- 聊了病例讨论会")
    result = notes.run("new", "王主任", "--date", WHEN, "--no-edit", "--lang", "en")
    assert result.exit_code == 0
    assert "'王主任' was not a customer yet" in result.stderr
    assert "王建国" in result.stderr                 # surname + title: the near miss is named
    assert "customer: 王主任" in written(notes)[0].read_text(encoding="utf-8")


def test_new_customer_flag_skips_the_notice_and_prefix_is_not_a_match(notes):
    notes.visit("王建国", "2026-11-18 10:00", "- 聊了病例讨论会")
    result = notes.run("new", "王", "--date", WHEN, "--no-edit", "--new-customer")
    assert result.exit_code == 0 and "王建国" not in result.stderr
    assert "customer: 王\n" in written(notes)[0].read_text(encoding="utf-8")


def test_alias_is_an_exact_match(notes):
    notes.write("customers/王建国.md", "---\nname: 王建国\naliases: [王主任]\n---\n")
    result = notes.run("new", "王主任", "--date", WHEN, "--no-edit")
    assert result.exit_code == 0 and "王主任" not in result.stderr.split("\n")[0]
    assert "customer: 王建国" in written(notes)[0].read_text(encoding="utf-8")


def test_near_misses(notes):
    notes.write("customers/王建国.md", "---\nname: 王建国\naliases: [老王]\n---\n")
    notes.visit("李秀兰", "2026-11-19 09:30")
    nb = notes.load()
    assert near_misses(nb, "王建同") == ("王建国",)
    assert near_misses(nb, "王主任") == ("王建国",)
    assert near_misses(nb, "李主任") == ("李秀兰",)
    assert near_misses(nb, "张主任") == ()
    notes.write("customers/刘芳.md", "---\nname: 刘芳\n---\n")
    notes.write("customers/林国华.md", "---\nname: 林国华\naliases: [林主任]\n---\n")
    assert near_misses(notes.load(), "刘主任") == ("刘芳",)   # not 林主任, one letter away


# ------------------------------------------------------------------ usage errors
@pytest.mark.parametrize("args", [("--date", "27/11"), ("--channel", "fax"), ("--purpose", "chat"),
                                  ("--style", "bold")])
def test_bad_options_are_usage_errors_and_write_nothing(notes, args):
    result = notes.run("new", "钱医生", "--no-edit", *args)
    assert result.exit_code == 2 and result.stderr.strip()
    assert not (notes.root / "visits").exists()


def test_new_and_prep_complete_customer_names():
    import typer

    from visitlog.cli import app
    from visitlog.cli.common import complete_customer

    group = typer.main.get_command(app)
    for name in ("new", "prep"):
        argument = [p for p in group.commands[name].params if p.name == "customer"][0]
        assert argument._custom_shell_complete is not None or argument.shell_complete is not None
    assert callable(complete_customer)
