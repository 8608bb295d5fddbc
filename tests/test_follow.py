"""Follow-ups that fit real work (issue #18): snooze and skip, chained steps, a customer's own rhythm,
group contacts, thin records."""
from __future__ import annotations

from visitlog.notebook.parse import parse_hours, parse_note
from visitlog.notebook.settings import DEFAULTS


def items(notes, today, days="30", **filters):
    data = notes.json("due", "--today", today, "--days", days)
    return [i for i in data["items"] if all(i.get(k) == v for k, v in filters.items())]


def one(notes, today, **filters):
    found = items(notes, today, **filters)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- snooze and skip
def test_snooze_writes_a_line_and_the_item_comes_back_on_that_day(notes):
    notes.profile("王建国", 5, 5, 5, since="2026-01-05")
    path = notes.visit("王建国", "2026-11-10 10:00", "- 谈了缓释片的肾功能数据 ?")
    cadence = one(notes, "2026-11-20", kind="cadence", rule="tier")
    assert cadence["due"] == "2026-11-25"
    before = path.read_bytes()
    result = notes.run("snooze", cadence["id"], "--until", "2026-12-01", "--why", "王主任外出进修",
                       "--today", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(before), "the note only grows"
    added = after[len(before):].decode("utf-8")
    assert "## 跟进调整" in added or "## Follow-up changes" in added
    assert f"2026-11-20" in added and "2026-12-01" in added and cadence["id"] in added and "王主任外出进修" in added

    snoozed = one(notes, "2026-11-26", kind="cadence", rule="tier")       # would have been due 11-25
    assert snoozed["state"] == "snoozed" and snoozed["until"] == "2026-12-01"
    assert "王主任外出进修" in snoozed["reason"] and snoozed["due"] == "2026-12-01"
    back = one(notes, "2026-12-01", kind="cadence", rule="tier")          # the snooze ends: back, due today
    assert back["state"] == "open" and back["due"] == "2026-12-01" and "王主任外出进修" in back["reason"]
    replay = one(notes, "2026-11-19", kind="cadence", rule="tier")        # before it was snoozed
    assert replay["state"] == "open" and replay["due"] == "2026-11-25" and replay["why"] is None


def test_snooze_takes_a_phrase_and_refuses_a_past_day_or_no_reason(notes):
    notes.visit("钱医生", "2026-11-10 10:00", "- [ ] 明天发资料")
    [promise] = [i for i in items(notes, "2026-11-20") if i["kind"] == "commitment"]
    path = notes.root / "visits/2026-11-10-钱医生.md"
    before = path.read_bytes()
    assert notes.run("snooze", promise["id"], "--until", "2026-11-19", "--why", "x",
                     "--today", "2026-11-20").exit_code == 2
    assert notes.run("snooze", promise["id"], "--until", "下周二", "--why", " ",
                     "--today", "2026-11-20").exit_code == 2
    assert notes.run("snooze", promise["id"], "--until", "等主任通知", "--why", "x",
                     "--today", "2026-11-20").exit_code == 2
    assert path.read_bytes() == before
    result = notes.run("snooze", promise["id"], "--until", "下周二", "--why", "客户出差", "--today", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    moved = one(notes, "2026-11-20", kind="commitment")
    assert moved["due"] == "2026-11-24" and moved["state"] == "snoozed"


def test_safety_items_cannot_be_snoozed(notes):
    notes.visit("赵医生", "2026-11-19 16:00", "- 已上报", adverse_event="皮疹")
    safety = [i for i in notes.json("due", "--today", "2026-11-20")["items"] if i["kind"] == "safety"]
    assert [i["step"] for i in safety] == ["report", "reply"]
    for item in safety:                       # neither the report nor the reply waits
        result = notes.run("snooze", item["id"], "--until", "2026-11-25", "--why", "x", "--today", "2026-11-20")
        assert result.exit_code == 2 and ("adverse" in result.stderr or "不良反应" in result.stderr)


def test_skip_a_promise_cancels_it_and_keeps_the_reason(notes):
    raw = "---\r\ncustomer: 钱医生\r\ndate: 2026-11-10 10:00\r\n---\r\n- [ ] 明天发资料\r\n- 谈了剂型 ↑"
    path = notes.write("visits/a.md", raw=("\ufeff" + raw).encode("utf-8"))
    promise = one(notes, "2026-11-20", kind="commitment")
    result = notes.run("skip", promise["id"], "--why", "客户说不需要了", "--today", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf---\r\n") and not after.endswith(b"\n"), "BOM and no final newline kept"
    text = after.decode("utf-8-sig")
    assert "- [-] 明天发资料\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert "跳过" in text or "skipped" in text
    assert not items(notes, "2026-11-20", kind="commitment")
    timeline = notes.json("timeline", "钱医生", "--today", "2026-11-20")
    assert any("客户说不需要了" in f["why"] for c in timeline["contacts"] for f in c.get("follow", []))


def test_skip_restarts_a_cadence_count_from_that_day(notes):
    notes.profile("刘芳", 1, 1, 1, since="2026-01-05")
    notes.visit("刘芳", "2026-10-01", "- 讲了指南 ?")
    wake = one(notes, "2026-12-01", days="0", kind="wake-up")
    assert wake["due"] == "2026-12-01"
    assert notes.run("skip", wake["id"], "--why", "已调到外院", "--today", "2026-12-01").exit_code == 0
    assert not items(notes, "2026-12-01", days="0", kind="wake-up")
    again = one(notes, "2027-01-31", days="0", kind="wake-up")
    assert again["due"] == "2027-01-31" and "已调到外院" in again["reason"]     # 61 days after the skip
    assert items(notes, "2026-11-30", days="1", kind="wake-up")[0]["due"] == "2026-12-01"   # replay: not yet skipped


def test_the_snooze_line_is_not_a_point_and_reads_in_both_languages():
    for line in ("- 2026-11-20 暂缓至 2026-11-25（节奏 c1a2b3c4）：主任出差？",
                 "- 2026-11-20 snoozed until 2026-11-25 (cadence c1a2b3c4): away!"):
        raw = f"---\ncustomer: 甲\ndate: 2026-11-10\n---\n## 跟进调整\n{line}\n".encode()
        visit, problems = parse_note("visits/a.md", raw, DEFAULTS)
        assert not visit.points and not visit.questions and not visit.urgent
        [note] = visit.follow
        assert (note.action, note.target, str(note.made), str(note.until)) == ("snooze", "c1a2b3c4", "2026-11-20",
                                                                               "2026-11-25")


# ---------------------------------------------------------------- chained steps
CHAIN = """\
## 待办
- [ ] 72小时内整理数据并发送
- [ ] 3天后确认是否收到
"""


def test_a_chained_step_waits_then_counts_from_the_first_steps_done_day(notes):
    path = notes.visit("王建国", "2026-11-10 10:00", CHAIN)
    waiting = one(notes, "2026-11-12", kind="commitment", state="waiting")
    assert waiting["due"] is None and waiting["waits_for"] == "72小时内整理数据并发送"
    first = one(notes, "2026-11-12", kind="commitment", state="open")
    result = notes.run("done", first["id"], "--today", "2026-11-16")
    assert result.exit_code == 0, result.stderr
    dated = one(notes, "2026-11-16", kind="commitment")
    assert dated["due"] == "2026-11-19" and dated["state"] == "open"          # 3 days after the ✅, not the visit
    assert one(notes, "2026-11-15", kind="commitment", state="waiting")       # replay: before the ✅
    # done on the chained step itself
    assert notes.run("done", dated["id"], "--today", "2026-11-18").exit_code == 0
    assert not items(notes, "2026-11-18", kind="commitment")
    assert "- [x] 3天后确认是否收到 ✅ 2026-11-18" in path.read_text(encoding="utf-8")


def test_done_on_a_waiting_step_is_allowed(notes):
    notes.visit("王建国", "2026-11-10 10:00", CHAIN)
    waiting = one(notes, "2026-11-12", kind="commitment", state="waiting")
    assert notes.run("done", waiting["id"], "--today", "2026-11-12").exit_code == 0
    assert [i["state"] for i in items(notes, "2026-11-12", kind="commitment")] == ["open"]


def test_explicit_dependency_fields_and_wording_without_a_phrase(notes):
    notes.visit("李医生", "2026-11-10 10:00", """\
        - [ ] 寄样品说明 🆔 send 📅 2026-11-12
        - [ ] 提醒科室做一次病例汇总 📅 2026-11-13
        - [ ] ask about the trial ⛔ send
        - [ ] 收到后电话回访一次
    """)
    listed = {i["text"]: i for i in items(notes, "2026-11-11", kind="commitment")}
    assert listed["ask about the trial"]["state"] == "waiting"
    assert listed["ask about the trial"]["waits_for"] == "寄样品说明"
    assert listed["收到后电话回访一次"]["waits_for"] == "ask about the trial"
    check = notes.json("check", ok=(0,))
    assert not [p for p in check["problems"] if p["code"] == "vague-action"], "a chained step is not vague"


def test_a_step_with_its_own_date_is_not_chained_by_wording():
    raw = ("---\ncustomer: 甲\ndate: 2026-11-10\n---\n- [ ] 发资料 📅 2026-11-11\n"
           "- [ ] 3天后确认是否收到 📅 2026-11-14\n- [ ] 两天后确认 ⛔ nothing\n").encode()
    visit, problems = parse_note("visits/a.md", raw, DEFAULTS)
    assert visit.actions[1].after is None
    assert any(p.code == "chain-unknown" for p in problems)


def test_new_does_not_stamp_a_waiting_step(notes):
    result = notes.run("new", "钱医生", "--date", "2026-11-20 10:00", "--no-edit", "--new-customer",
                       "--todo", "72小时内发资料", "--todo", "3天后确认是否收到")
    assert result.exit_code == 0, result.stderr
    text = next((notes.root / "visits").rglob("*.md")).read_text(encoding="utf-8")
    assert "- [ ] 3天后确认是否收到\n" in text and "72小时内发资料 📅 2026-11-23" in text


# ---------------------------------------------------------------- a customer's own rhythm
def test_profile_cadence_and_hours_move_the_cadence_item(notes):
    notes.profile("周婷", 2, 2, 2, since="2026-01-05", cadence=20, channel="phone", hours="周二上午")
    notes.visit("周婷", "2026-11-02", "- 讲了用药指导 ?")        # Monday
    item = one(notes, "2026-11-20", kind="cadence", rule="tier")
    assert item["due"] == "2026-11-24"                            # 11-22 (Sun) + 20 days -> the next Tuesday
    assert "20" in item["reason"] and "周二上午" in item["reason"]
    prep = notes.run("prep", "周婷", "--today", "2026-11-20")
    assert "周二上午" in prep.stdout and "20" in prep.stdout


def test_hours_are_read_in_both_languages():
    assert parse_hours("周二上午") == ((1, "am"),)
    assert parse_hours("Tue/Thu pm") == ((1, "pm"), (3, "pm"))
    assert parse_hours("周一至周三") == ((0, ""), (1, ""), (2, ""))
    assert parse_hours("随时") is None


# ---------------------------------------------------------------- group contacts
def test_a_department_meeting_credits_each_attendee(notes):
    for name in ("王建国", "刘芳", "杨帆"):
        notes.profile(name, 3, 3, 3, since="2026-01-05")
        notes.visit(name, "2026-10-01", "- 讲了指南 ?")
    notes.write("visits/2026-11-18-科室会.md", """\
        ---
        customer: 王建国
        customers: [王建国, 刘芳, 杨帆]
        date: 2026-11-18 12:00
        purpose: academic
        ---
        - 科室会讲了缓释剂型的肾功能数据 ?
        - [ ] 给刘芳发患者教育材料 📅 2026-11-21
        - [ ] 整理会议纪要 📅 2026-11-20
    """)
    wake = [i for i in items(notes, "2026-12-01") if i["kind"] == "wake-up"]
    assert not wake, "every attendee was contacted on 11-18"
    promises = {i["text"]: i["customer"] for i in items(notes, "2026-11-19") if i["kind"] == "commitment"}
    assert promises == {"给刘芳发患者教育材料": "刘芳", "整理会议纪要": "王建国"}
    timeline = notes.json("timeline", "杨帆", "--today", "2026-11-20")
    assert timeline["contacts"][-1]["host"] == "王建国"
    score = notes.json("score", "--today", "2026-11-20")
    rows = {r["customer"]: r for r in score["customers"]}
    assert rows["杨帆"]["frequency"] == rows["王建国"]["frequency"] == 2
    assert rows["杨帆"]["last_contact"] == "2026-11-18"


# ---------------------------------------------------------------- thin records
def test_check_warns_about_a_thin_visit(notes):
    notes.visit("甲", "2026-11-10", "拜访了甲主任，介绍了产品")
    notes.visit("乙", "2026-11-10", "- 问到肾功能 ?")
    notes.visit("丙", "2026-11-10")                              # front matter only: a logged contact
    problems = notes.json("check")["problems"]
    assert [p["path"] for p in problems if p["code"] == "thin-visit"] == ["visits/2026-11-10-甲.md"]


def test_review_and_timeline_show_the_reason(notes):
    notes.profile("王建国", 5, 5, 5, since="2026-01-05")
    notes.visit("王建国", "2026-11-10 10:00", "- 谈了缓释片的肾功能数据 ?")
    cadence = one(notes, "2026-11-18", kind="cadence", rule="tier")
    assert notes.run("snooze", cadence["id"], "--until", "2026-12-01", "--why", "王主任外出进修",
                     "--today", "2026-11-18", "--lang", "zh").exit_code == 0
    week = notes.json("review", "--week", "2026-W47", "--today", "2026-11-20")
    assert [(f["customer"], f["action"], f["until"], f["why"]) for f in week["follow"]] == [
        ("王建国", "snooze", "2026-12-01", "王主任外出进修")]
    screen = notes.run("review", "--week", "2026-W47", "--today", "2026-11-20", "--lang", "zh").stdout
    assert "本周暂缓与跳过" in screen and "节奏暂缓至 2026-12-01——王主任外出进修" in screen
    assert "王主任外出进修" in notes.run("timeline", "王建国", "--today", "2026-11-20", "--lang", "zh").stdout
    assert not notes.json("review", "--week", "2026-W46", "--today", "2026-11-20")["follow"]


def test_a_chain_in_a_group_contact_stays_with_its_customer(notes):
    notes.write("visits/2026-11-18-科室会.md", """\
        ---
        customers: [杨帆, 钱立]
        date: 2026-11-18 12:00
        ---
        - [ ] 72小时内把病例数据发给钱立
        - [ ] 收到后确认钱立能否参加病例汇总
        - [ ] 整理会议纪要 📅 2026-11-20
    """)
    listed = {i["text"]: i for i in items(notes, "2026-11-19") if i["kind"] == "commitment"}
    assert listed["收到后确认钱立能否参加病例汇总"]["customer"] == "钱立"
    assert listed["收到后确认钱立能否参加病例汇总"]["waits_for"] == "72小时内把病例数据发给钱立"
    assert listed["整理会议纪要"]["customer"] == "杨帆"


def test_review_counts_a_snoozed_promise_by_its_new_date_and_a_waiting_step_as_open(notes):
    notes.visit("钱医生", "2026-11-16 10:00", "- [ ] 明天发资料\n- [ ] 3天后确认是否收到\n- [ ] 两天内回电")
    callback = next(i for i in items(notes, "2026-11-16") if "回电" in i["text"])
    assert notes.run("snooze", callback["id"], "--until", "2026-11-25", "--why", "客户出差",
                     "--today", "2026-11-17").exit_code == 0
    week = notes.json("review", "--week", "2026-W47", "--today", "2026-11-20")["commitments"]
    fates = {p["text"]: p["fate"] for p in week["items"]}
    assert fates == {"明天发资料": "overdue", "3天后确认是否收到": "open", "两天内回电": "open"}


def test_prep_does_not_call_a_waiting_step_overdue(notes):
    notes.visit("钱医生", "2026-11-10 10:00", CHAIN)
    brief = notes.json("prep", "钱医生", "--today", "2026-11-20")
    step = next(p for p in brief["open_actions"] if "确认" in p["text"])
    assert step["state"] == "no-date" and step["overdue_days"] is None
