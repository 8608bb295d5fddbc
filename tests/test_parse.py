"""One note in, one record out: front matter, markers, actions, line numbers, encodings."""
from __future__ import annotations

import textwrap
from datetime import date, datetime

from visitlog.notebook.model import ProfileFile, Visit
from visitlog.notebook.parse import clean_point, parse_note
from visitlog.notebook.settings import DEFAULTS, settings_from_mapping


def parse(text: str, rel: str = "visits/a.md", settings=DEFAULTS):
    raw = textwrap.dedent(text).lstrip("\n").encode("utf-8")
    return parse_note(rel, raw, settings)


def codes(problems):
    return [(p.source.line, p.level, p.code) for p in problems]


VISIT = """
---
customer: 王建国
date: 2026-11-18 10:00
channel: phone
purpose: follow-up
tags: [药物经济学, 学术支持]
competitors: [某竞品]
products: [XX片]
---
## 沟通要点
- 询问肝肾毒性数据 (?)
- 对同成分不同剂型的对比数据感兴趣 ↑
- 本周内需要 （！）
- 提到某竞品注射频率更低，需要患者教育材料 #患者教育
- 普通的一句话

## 待办
- [ ] 整理长期随访数据并发送 📅 2026-11-21
- [x] 提供说明书 ✅ 2026-11-18
- [-] 约科室会
- [ ] 确认库存 due:2026-12-24
"""


def test_front_matter_fields():
    visit, problems = parse(VISIT)
    assert isinstance(visit, Visit)
    assert problems == ()
    assert visit.customer == "王建国"
    assert visit.moment == datetime(2026, 11, 18, 10, 0) and visit.has_time
    assert visit.channel == "phone" and visit.purpose == "follow-up"
    assert visit.products == ("XX片",) and visit.competitors == ("某竞品",)


def test_markers_bare_parenthesised_and_full_width():
    visit, _ = parse(VISIT)
    assert [p.text for p in visit.questions] == ["询问肝肾毒性数据"]
    assert [p.text for p in visit.interests] == ["对同成分不同剂型的对比数据感兴趣"]
    assert [p.text for p in visit.urgent] == ["本周内需要"]
    plain = [p for p in visit.points if p.text == "普通的一句话"][0]
    assert not (plain.question or plain.interest or plain.urgent)


def test_several_markers_on_one_line_and_caret():
    visit, _ = parse("""
    ---
    customer: 甲
    date: 2026-11-18
    ---
    - 新剂型? ^ 很急！
    - 肝肾毒性怎么样？
    - 参考 https://example.com/a?b=1 的链接
    - 块引用 ^block-1
    """)
    first = visit.points[0]
    assert first.question and first.interest and first.urgent
    assert first.text == "新剂型 很急"
    assert visit.points[1].question and visit.points[1].text == "肝肾毒性怎么样"
    assert not visit.points[2].question, "a URL query string is not a question"
    assert not visit.points[3].interest, "an Obsidian block id is not an interest mark"


def test_inline_tags_join_front_matter_tags_without_duplicates():
    visit, _ = parse(VISIT)
    assert visit.tags == ("药物经济学", "学术支持", "患者教育")
    assert "#" not in visit.points[3].text


def test_actions_status_dates_and_line_numbers():
    visit, _ = parse(VISIT)
    got = [(a.source.line, a.status, a.due, a.due_from, a.done, a.label) for a in visit.actions]
    assert got == [
        (18, "open", date(2026, 11, 21), "explicit", None, "整理长期随访数据并发送"),
        (19, "done", None, None, date(2026, 11, 18), "提供说明书"),
        (20, "cancelled", None, None, None, "约科室会"),
        (21, "open", date(2026, 12, 24), "explicit", None, "确认库存"),
    ]
    assert visit.actions[0].section == "待办"


def test_explicit_date_wins_over_a_phrase():
    visit, _ = parse("""
    ---
    customer: 甲
    date: 2026-11-27 16:00
    ---
    - [ ] 明天发资料 📅 2026-12-08
    """)
    assert visit.actions[0].due == date(2026, 12, 8) and visit.actions[0].due_from == "explicit"


def test_phrase_deadline_resolved_against_the_visit():
    visit, problems = parse("""
    ---
    customer: 甲
    date: 2026-11-27 16:00
    ---
    - [ ] 72小时内发送长期随访数据
    """)
    assert visit.actions[0].due == date(2026, 11, 30)
    assert visit.actions[0].due_from == "phrase" and visit.actions[0].phrase
    assert problems == ()


def test_vague_open_action_is_a_warning_on_its_line_but_not_when_done():
    _, problems = parse("""
    ---
    customer: 甲
    date: 2026-11-27
    ---

    - [ ] 后续跟进产品资料
    - [x] 尽快回电
    """)
    assert codes(problems) == [(6, "warning", "vague-action")]


def test_bom_and_crlf_keep_line_numbers():
    raw = "\ufeff---\r\ncustomer: 周杰\r\ndate: 2026-11-27\r\n---\r\n- [ ] 明天回电\r\n".encode("utf-8")
    visit, problems = parse_note("visits/win.md", raw, DEFAULTS)
    assert problems == ()
    assert visit.customer == "周杰"
    assert [(a.label, a.source.line) for a in visit.actions] == [("明天回电", 5)]


def test_broken_yaml_is_an_error_with_a_line_and_no_record():
    record, problems = parse("""
    ---
    customer: 坏
    date: 2026-11-27
    tags: [a, b
    ---
    - [ ] 明天
    """)
    assert record is None
    assert [(p.level, p.code) for p in problems] == [("error", "yaml")]
    assert 2 <= problems[0].source.line <= 5


def test_bad_date_points_at_the_date_line():
    record, problems = parse("---\ncustomer: 坏\ntags: [x]\ndate: 2026-13-45\n---\n")
    assert record is None
    assert codes(problems) == [(4, "error", "bad-date")]


def test_missing_date_and_missing_customer():
    _, problems = parse("---\ncustomer: 坏\n---\n")
    assert codes(problems) == [(1, "error", "missing-field")]
    _, problems = parse("---\ndate: 2026-11-20\n---\n")
    assert codes(problems) == [(1, "error", "missing-field")]


def test_not_a_visit_is_reported_not_dropped():
    record, problems = parse("# 随手记\n- [ ] 没有front matter\n")
    assert record is None and codes(problems) == [(1, "warning", "not-a-visit")]
    record, problems = parse("---\ntags: [日记]\n---\n今天下雨\n")
    assert record is None and codes(problems) == [(1, "warning", "not-a-visit")]


def test_unclosed_front_matter():
    record, problems = parse("---\ncustomer: 甲\ndate: 2026-11-20\n- [ ] x\n")
    assert record is None and codes(problems) == [(1, "error", "front-matter-unclosed")]


def test_not_utf8_is_an_error_with_its_line():
    raw = "---\ncustomer: 甲\ndate: 2026-11-20\n---\n".encode("utf-8") + "备注".encode("gbk") + b"\n"
    record, problems = parse_note("visits/gbk.md", raw, DEFAULTS)
    assert record is None and codes(problems) == [(5, "error", "encoding")]


def test_unknown_values_are_warnings_and_kept():
    visit, problems = parse("---\ncustomer: 甲\ndate: 2026-11-20\nchannel: 飞鸽\nmood: happy\n---\n")
    assert visit.channel == "飞鸽"
    assert codes(problems) == [(4, "warning", "unknown-value"), (5, "warning", "unknown-value")]


def test_labels_in_front_matter_are_read_as_their_values():
    visit, problems = parse("---\ncustomer: 甲\ndate: 2026-11-20\nchannel: 微信\npurpose: 回访\nmood: 积极\n---\n")
    assert (visit.channel, visit.purpose, visit.mood) == ("message", "follow-up", "positive") and not problems
    visit, problems = parse("---\ncustomer: 甲\ndate: 2026-11-20\nchannel: WeChat\n---\n")
    assert visit.channel == "message" and not problems


def test_adverse_event_forms():
    text_form, _ = parse("---\ncustomer: 甲\ndate: 2026-11-20 09:00\nadverse_event: 患者65岁，轻度低血糖\n---\n")
    assert text_form.adverse_event.description == "患者65岁，轻度低血糖"
    assert text_form.adverse_event.replied is None and text_form.adverse_event.source.line == 4
    flag, _ = parse("---\ncustomer: 甲\ndate: 2026-11-20\nadverse_event: true\n---\n")
    assert flag.adverse_event is not None and flag.adverse_event.description == ""
    mapping, _ = parse("---\ncustomer: 甲\ndate: 2026-11-20\n"
                       "adverse_event: {description: 乏力, replied: 2026-11-21}\n---\n")
    assert mapping.adverse_event.replied == date(2026, 11, 21)
    none, _ = parse("---\ncustomer: 甲\ndate: 2026-11-20\nadverse_event: false\n---\n")
    assert none.adverse_event is None


def test_profile_fields_and_partial_potential_on_a_visit():
    visit, problems = parse("""
    ---
    customer: 甲
    date: 2026-11-20
    title: 副主任医师
    potential: {prescriptions: 4}
    tier: A
    ---
    """)
    assert dict(visit.profile) == {"title": "副主任医师"}
    assert visit.potential == (("prescriptions", 4),)
    assert codes(problems) == [(6, "warning", "visit-cannot-set")]


def test_potential_out_of_range_points_at_its_key():
    profile, problems = parse("""
    ---
    name: 王建国
    potential:
      prescriptions: 7
      influence: 5
      department: three
    ---
    """, rel="customers/王建国.md")
    assert isinstance(profile, ProfileFile)
    assert profile.potential == (("influence", 5),)
    assert codes(problems) == [(4, "error", "potential-range"), (6, "error", "potential-range")]


def test_profile_file():
    profile, problems = parse("""
    ---
    name: 王建国
    aliases: [王主任, 王老师]
    hospital: 市第一人民医院
    since: 2025-03-02
    tier: b
    potential: {prescriptions: 4, influence: 5, department: 3}
    ---
    喜欢看数据。
    """, rel="customers/王建国.md")
    assert problems == ()
    assert profile.name == "王建国" and profile.aliases == ("王主任", "王老师")
    assert profile.since == date(2025, 3, 2) and profile.tier == "B"
    assert dict(profile.fields) == {"hospital": "市第一人民医院"}
    assert profile.notes == "喜欢看数据。"


def test_compliance_words_and_personal_data_by_line():
    _, problems = parse("""
    ---
    customer: 甲
    date: 2026-11-27
    ---
    - 对方暗示需要回扣
    - 科室联系人手机 139-1234-5678
    - 身份证 110101199003071234
    - 剂量 10mg，3例，2026-11-27 复诊
    """)
    assert codes(problems) == [(5, "warning", "inducement"), (6, "warning", "personal-data"),
                               (7, "warning", "personal-data")]


def test_compliance_words_from_settings():
    settings = settings_from_mapping({"compliance_words": ["吃饭"]}, "visitlog.yaml")
    _, problems = parse("---\ncustomer: 甲\ndate: 2026-11-27\n---\n- 约了吃饭\n- 没空吃饭\n", settings=settings)
    assert codes(problems) == [(5, "warning", "inducement"), (5, "warning", "compliance"),
                               (6, "warning", "compliance")]


def test_code_blocks_are_not_points():
    visit, _ = parse("---\ncustomer: 甲\ndate: 2026-11-27\n---\n```\n- [ ] 不是待办?\n```\n- 真的?\n")
    assert [p.text for p in visit.points] == ["真的"]
    assert visit.actions == ()


def test_clean_point_removes_markers_only():
    assert clean_point("询问肝肾毒性数据 (?)") == "询问肝肾毒性数据"
    assert clean_point("本周内提供!") == "本周内提供"
    assert clean_point("对比数据↑ #学术支持") == "对比数据"


def test_cancelled_actions_get_no_phrase_deadline():
    visit, problems = parse("---\ncustomer: 甲\ndate: 2026-11-27 16:00\n---\n- [-] 明天发资料\n- [-] 送样 📅 2026-12-01\n")
    assert [a.due for a in visit.actions] == [None, date(2026, 12, 1)]
    assert problems == (), "a cancelled promise is not vague"
