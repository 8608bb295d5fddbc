"""An adverse event's two steps (issue #16): the report to pharmacovigilance / the medical department
the same day (`reported:`), then the formal reply within `adverse_reply_hours` (`replied:`).

The first two tests are the shared acceptance checks this issue changed on purpose
(.ci/acceptance-changed): the same notes, the new expectations.
"""
from __future__ import annotations

import pytest

TEAM_ENV = {"VISITLOG_REP": ""}


def safety(data, customer=None):
    return [i for i in data["items"] if i["kind"] == "safety" and (customer is None or i["customer"] == customer)]


def steps(data):
    return [(i["customer"], i["due"], i["step"]) for i in safety(data)]


# ---------------------------------------------------------------- the changed acceptance checks
def test_adverse_event_is_reported_the_same_day_and_replied_within_24_hours(notes):
    # acceptance test_due.py::test_adverse_event_reply_within_24_hours, with the report step
    notes.visit("赵医生", "2026-11-27 16:00", "- 反馈一例皮疹 !", adverse_event="患者70岁，用药后皮疹，合并阿司匹林")
    notes.visit("钱医生", "2026-11-20 09:00", adverse_event="{description: 轻度乏力, replied: 2026-11-21}")
    data = notes.json("due", "--today", "2026-11-30")
    assert steps(data) == [("赵医生", "2026-11-27", "report"), ("赵医生", "2026-11-28", "reply")]
    assert [i["kind"] for i in data["items"][:2]] == ["safety", "safety"], "safety items come first"
    report, reply = safety(data)
    assert report["text"] == "report to pharmacovigilance / medical: 患者70岁，用药后皮疹，合并阿司匹林"
    assert "the same day" in report["reason"] and report["rule"] == "adverse-event-report"
    assert reply["text"] == "患者70岁，用药后皮疹，合并阿司匹林" and reply["rule"] == "adverse-event"
    assert report["source"] == reply["source"] == "visits/2026-11-27-赵医生.md:4"
    assert report["id"] != reply["id"]
    zh = notes.json("due", "--today", "2026-11-30", "--lang", "zh")
    assert safety(zh)[0]["text"].startswith("上报药物警戒/医学部：") and "当天" in safety(zh)[0]["reason"]


def test_done_on_the_first_safety_item_sets_reported_then_the_reply_sets_replied(notes):
    # acceptance test_new_done.py::test_done_on_safety_sets_replied: the first safety item is the report
    path = notes.write("visits/2026-11-27-赵医生.md",
                       "---\ncustomer: 赵医生\ndate: 2026-11-27 16:00\nadverse_event: 皮疹\n---\n- 已上报\n")
    target = safety(notes.json("due", "--today", "2026-11-28"))[0]
    assert target["step"] == "report"
    result = notes.json("done", target["id"], "--today", "2026-11-28")
    assert result["done"]["closed"] == "reported" and result["done"]["step"] == "report"
    assert path.read_text(encoding="utf-8") == (
        "---\ncustomer: 赵医生\ndate: 2026-11-27 16:00\nadverse_event: {description: 皮疹, reported: 2026-11-28}\n"
        "---\n- 已上报\n")
    [left] = safety(notes.json("due", "--today", "2026-11-28"))
    assert left["step"] == "reply"
    text = notes.run("done", left["id"], "--today", "2026-11-28", "--lang", "en").stdout
    assert "Formal reply recorded" in text
    assert not safety(notes.json("due", "--today", "2026-11-28"))
    assert "reported: 2026-11-28, replied: 2026-11-28}" in path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- which steps are open
@pytest.mark.parametrize("event,expected", [
    ("患者60岁，皮疹，无合并用药", ["report", "reply"]),
    ("{description: 皮疹, reported: 2026-11-27}", ["reply"]),
    ("{description: 皮疹, reported: 2026-11-27, replied: 2026-11-28}", []),
    ("{description: 皮疹, replied: 2026-11-28}", []),          # a formal reply comes after the report
    ("true", ["report", "reply"]),
])
def test_the_open_steps(notes, event, expected):
    notes.visit("赵医生", "2026-11-27 16:00", adverse_event=event)
    assert [i["step"] for i in safety(notes.json("due", "--today", "2026-11-30"))] == expected


def test_a_report_dated_after_today_is_still_open_on_a_replayed_day(notes):
    notes.visit("赵医生", "2026-11-27 16:00", adverse_event="{description: 皮疹, reported: 2026-11-29}")
    assert [i["step"] for i in safety(notes.json("due", "--today", "2026-11-28"))] == ["report", "reply"]
    assert [i["step"] for i in safety(notes.json("due", "--today", "2026-11-29"))] == ["reply"]


def test_the_report_comes_before_the_reply_even_when_the_reply_is_due_the_same_day(notes):
    notes.write("visitlog.yaml", "adverse_reply_hours: 2\n")
    notes.visit("甲医生", "2026-11-27 09:00", adverse_event="皮疹")
    notes.visit("乙医生", "2026-11-26 09:00", adverse_event="头晕")
    got = steps(notes.json("due", "--today", "2026-11-27"))
    assert got == [("乙医生", "2026-11-26", "report"), ("乙医生", "2026-11-26", "reply"),
                   ("甲医生", "2026-11-27", "report"), ("甲医生", "2026-11-27", "reply")]


# ---------------------------------------------------------------- ids
def test_ids_are_stable_and_each_step_has_its_own(notes):
    path = notes.visit("赵医生", "2026-11-27 16:00", "- 反馈皮疹", adverse_event="皮疹")
    before = {i["step"]: i["id"] for i in safety(notes.json("due", "--today", "2026-11-28"))}
    text = path.read_text(encoding="utf-8").replace("customer: 赵医生\n", "customer: 赵医生\nchannel: visit\n")
    path.write_text(text + "- 另外聊了剂型\n", encoding="utf-8")               # lines move, the event stays
    after = {i["step"]: i["id"] for i in safety(notes.json("due", "--today", "2026-11-28"))}
    assert after == before and len(set(before.values())) == 2
    notes.run("done", before["report"], "--today", "2026-11-27")
    assert {i["step"]: i["id"] for i in safety(notes.json("due", "--today", "2026-11-28"))} == {
        "reply": before["reply"]}
    # the report's id no longer names an open item: done on it again is refused, nothing written
    written = path.read_bytes()
    assert notes.run("done", before["report"], "--today", "2026-11-28").exit_code == 2
    assert path.read_bytes() == written


def test_done_by_path_and_line_names_both_steps_and_asks_for_an_id(notes):
    path = notes.visit("赵医生", "2026-11-27 16:00", adverse_event="皮疹")
    before = path.read_bytes()
    result = notes.run("done", "visits/2026-11-27-赵医生.md:4", "--today", "2026-11-28")
    ids = [i["id"] for i in safety(notes.json("due", "--today", "2026-11-28"))]
    assert result.exit_code == 2 and all(i in result.stderr for i in ids)
    assert path.read_bytes() == before


def test_done_on_the_report_keeps_a_block_mapping_its_comment_and_crlf(notes):
    raw = ("---\r\ncustomer: 赵医生\r\ndate: 2026-11-27 16:00\r\nadverse_event:   # 医学部已知悉\r\n"
           "  description: 皮疹\r\n  age: 60\r\n---\r\n- x\r\n").encode("gb18030")
    path = notes.write("visits/a.md", raw=raw)
    report = [i for i in safety(notes.json("due", "--today", "2026-11-28")) if i["step"] == "report"][0]
    assert notes.run("done", report["id"], "--today", "2026-11-27").exit_code == 0
    assert path.read_bytes() == ("---\r\ncustomer: 赵医生\r\ndate: 2026-11-27 16:00\r\nadverse_event:   # 医学部已知悉\r\n"
                                 "  description: 皮疹\r\n  age: 60\r\n  reported: 2026-11-27\r\n---\r\n- x\r\n"
                                 ).encode("gb18030")


# ---------------------------------------------------------------- check
def test_a_report_or_reply_dated_before_the_event_is_a_warning(notes):
    notes.write("visits/a.md", "---\ncustomer: 赵医生\ndate: 2026-11-27\nadverse_event:\n"
                               "  description: 患者60岁，高血压，无合并用药，皮疹\n  reported: 2026-11-20\n"
                               "  replied: 2026-11-28\n---\n- x\n")
    data = notes.json("check")
    found = [(p["line"], p["code"]) for p in data["problems"]]
    assert found == [(6, "adverse-event-date")]
    text = notes.run("check", "--lang", "en").stdout
    assert "visits/a.md:6: warning: adverse event: reported: 2026-11-20 is before the contact" in text
    notes.write("visits/b.md", "---\ncustomer: 钱医生\ndate: 2026-11-27\n"
                               "adverse_event: {description: 患者60岁，高血压，无合并用药，皮疹, replied: 2026-11-26}\n---\n")
    assert [p["code"] for p in notes.json("check")["problems"] if p["path"] == "visits/b.md"] == [
        "adverse-event-date"]


# ---------------------------------------------------------------- a team notebook
def test_a_colleagues_event_shows_both_steps_marked_and_never_hidden(notes):
    notes.visit("刘芳", "2026-11-16 10:00", "- 聊了剂型", rep="王丽", rel="visits/a.md")
    notes.visit("刘芳", "2026-11-18 15:00", "- 反馈水肿", rep="张强", rel="visits/b.md",
                adverse_event="患者68岁，高血压，合并阿司匹林，双踝水肿")
    env = {"VISITLOG_REP": "王丽"}
    mine = safety(notes.json("due", "--today", "2026-11-20", env=env))
    assert [(i["step"], i["rep"]) for i in mine] == [("report", "张强"), ("reply", "张强")]
    assert all("张强" in i["reason"] for i in mine)
    text = notes.run("due", "--today", "2026-11-20", "--lang", "zh", "--no-pager", env=env).stdout
    assert [line for line in text.splitlines() if "上报药物警戒" in line and "张强记录" in line]
    his = safety(notes.json("due", "--today", "2026-11-20", env={"VISITLOG_REP": "张强"}))
    assert [i["step"] for i in his] == ["report", "reply"] and "张强" not in his[0]["reason"]
    notes.run("done", mine[0]["id"], "--today", "2026-11-18", env=env)
    assert [i["step"] for i in safety(notes.json("due", "--today", "2026-11-20", env=env))] == ["reply"]


# ---------------------------------------------------------------- what the other views say
def test_review_json_markdown_and_html_know_both_steps(notes):
    notes.visit("张医生", "2026-11-24 09:00", adverse_event="{description: 皮疹, reported: 2026-11-24}")
    notes.visit("李医生", "2026-11-25 10:00", adverse_event="头晕")
    notes.visit("王医生", "2026-11-23 10:00", adverse_event="{description: 乏力, reported: 2026-11-25, "
                                                            "replied: 2026-11-25}")
    data = notes.json("review", "--week", "2026-W48", "--today", "2026-11-27")
    got = {a["customer"]: (a["reported"], a["report_due"], a["report_status"], a["report_in_time"])
           for a in data["adverse_events"]}
    assert got == {"张医生": ("2026-11-24", "2026-11-24", "reported", True),
                   "李医生": (None, "2026-11-25", "overdue", False),
                   "王医生": ("2026-11-25", "2026-11-23", "reported", False)}
    assert notes.run("review", "--week", "2026-W48", "--today", "2026-11-27", "--lang", "zh", "--html").exit_code == 0
    md = (notes.root / "reviews/2026-W48.md").read_text(encoding="utf-8")
    assert "| 上报 |" in md and "11-24 已上报，当天" in md and "未上报（应于 11-25 当天）" in md
    assert "11-25 上报，晚于当天（11-23）" in md
    html = (notes.root / "reviews/2026-W48.html").read_text(encoding="utf-8")
    assert "<th>上报</th>" in html and "未上报（应于 11-25 当天）" in html
    text = notes.run("review", "--week", "2026-W48", "--today", "2026-11-27", "--lang", "en").stdout
    assert "NOT REPORTED (due 11-25)" in text


def test_the_calendar_has_one_event_per_step(notes, tmp_path):
    notes.visit("赵医生", "2026-11-27 16:00", adverse_event="皮疹")
    target = tmp_path / "out.ics"
    assert notes.run("due", "--today", "2026-11-27", "--ics", str(target), "--lang", "en").exit_code == 0
    ics = target.read_bytes().decode("utf-8").replace("\r\n ", "")          # unfolded
    ids = [i["id"] for i in safety(notes.json("due", "--today", "2026-11-27"))]
    assert all(f"UID:{i}@visitlog" in ics for i in ids)
    assert "[safety] 赵医生: report to pharmacovigilance / medical: 皮疹" in ics
    assert f"visitlog done {ids[0]}" in ics


def test_prep_says_the_report_and_its_tip(notes):
    notes.visit("刘芳", "2026-11-17 15:20", "- 反馈水肿", adverse_event="患者72岁，高血压，合并阿司匹林，双踝水肿")
    data = notes.json("prep", "刘芳", "--today", "2026-11-20")
    [event] = data["adverse_events"]
    assert (event["reported"], event["report_due"], event["report_status"]) == (None, "2026-11-17", "open")
    assert "the same day" in data["scenarios"][0]["tip"]
    text = notes.run("prep", "刘芳", "--today", "2026-11-20", "--lang", "zh").stdout
    assert "尚未上报药物警戒/医学部（应于 2026-11-17 当天）" in text
    notes.visit("刘芳", "2026-11-17 15:20", "- 反馈水肿",
                adverse_event="{description: 患者72岁，高血压，合并阿司匹林，双踝水肿, reported: 2026-11-17}")
    data = notes.json("prep", "刘芳", "--today", "2026-11-20")
    assert data["adverse_events"][0]["report_status"] == "reported"
    assert "reported to pharmacovigilance 2026-11-17" in data["scenarios"][0]["tip"]
    screen = notes.run("prep", "刘芳", "--today", "2026-11-20", "--lang", "zh").stdout
    assert "已于2026-11-17上报药物警戒" in screen and "尚未上报" not in screen
    assert "已于 2026-11-17 上报" in notes.run("prep", "刘芳", "--today", "2026-11-20", "--lang", "zh", "-v").stdout
