"""`visitlog due`: every rule of SPEC sections 5-6, its settings override, the order, the filters, the views."""
from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len

from visitlog.rules.due import established, item_id, next_due_by_customer, urgency_key
from visitlog.notebook.model import Item, Source
from visitlog.notebook.settings import DEFAULTS


def items(data, kind=None, customer=None, step=None):
    out = data["items"]
    if kind:
        out = [i for i in out if i["kind"] == kind]
    if customer:
        out = [i for i in out if i["customer"] == customer]
    if step:
        out = [i for i in out if i.get("step") == step]
    return out


def dues(data, kind, customer):
    return [i["due"] for i in items(data, kind, customer)]


def settings(notes, text):
    notes.write("visitlog.yaml", text)


# ---------------------------------------------------------------- cadence: new customers
def test_new_customer_follow_ups_at_first_plus_3_7_14(notes):
    notes.visit("新医生", "2026-11-02 10:00")
    assert dues(notes.json("due", "--today", "2026-11-05"), "cadence", "新医生") == ["2026-11-05"]
    notes.visit("新医生", "2026-11-04")                       # follow-up 1 -> F + 7
    data = notes.json("due", "--today", "2026-11-09")
    assert dues(data, "cadence", "新医生") == ["2026-11-09"]
    assert items(data, "cadence")[0]["rule"] == "new-customer"
    assert "3/7/14" in items(data, "cadence")[0]["reason"]
    notes.visit("新医生", "2026-11-08")                       # follow-up 2 -> F + 14
    assert dues(notes.json("due", "--today", "2026-11-16"), "cadence", "新医生") == ["2026-11-16"]
    notes.visit("新医生", "2026-11-12")                       # follow-up 3 -> tier cadence (unscored: C, 30 days)
    data = notes.json("due", "--today", "2026-12-12")
    assert dues(data, "cadence", "新医生") == ["2026-12-12"]
    assert items(data, "cadence")[0]["rule"] == "tier"


def test_new_customer_never_due_before_the_day_after_the_last_contact(notes):
    notes.visit("新医生", "2026-11-02")
    notes.visit("新医生", "2026-11-09")                       # k = 1: F + 7 = 11-09, the day of this contact
    assert dues(notes.json("due", "--today", "2026-11-10"), "cadence", "新医生") == ["2026-11-10"]


def test_new_customer_schedule_from_settings(notes):
    settings(notes, "new_customer_schedule: [2, 5]\n")
    notes.visit("新医生", "2026-11-02")
    assert dues(notes.json("due", "--today", "2026-11-04"), "cadence", "新医生") == ["2026-11-04"]
    notes.visit("新医生", "2026-11-04")
    notes.visit("新医生", "2026-11-07")                       # two follow-ups: the schedule is over
    data = notes.json("due", "--today", "2026-12-07")
    assert [(i["due"], i["rule"]) for i in items(data, "cadence")] == [("2026-12-07", "tier")]


def test_a_profile_without_visits_counts_since_as_first_contact(notes):
    notes.profile("钱医生", 3, 3, 3, since="2026-11-10")
    data = notes.json("due", "--today", "2026-11-13")
    assert [(i["due"], i["source"]) for i in items(data, "cadence")] == [("2026-11-13", "customers/钱医生.md:1")]


# ---------------------------------------------------------------- cadence: tiers
def tiered(notes, name, p, i, d, contacts, **fields):
    """A customer past the new-customer schedule: first contact 10-01 and three follow-ups."""
    notes.profile(name, p, i, d, since="2026-10-01", **fields)
    for n, (day, channel) in enumerate([("2026-10-01", "visit"), ("2026-10-04", "visit"), ("2026-10-08", "visit"),
                                        ("2026-10-12", "visit")] + contacts):
        notes.visit(name, day, rel=f"visits/{name}-{n}.md", channel=channel)


def test_tier_a_counts_only_visit_and_online_contacts(notes):
    tiered(notes, "甲主任", 5, 5, 5, [("2026-11-01", "online"), ("2026-11-10", "phone")])
    data = notes.json("due", "--today", "2026-11-20")
    [cad] = items(data, "cadence", "甲主任")
    assert cad["due"] == "2026-11-16" and cad["overdue_days"] == 4   # 11-01 + 15; the phone call does not count
    assert cad["tier"] == "A" and cad["rule"] == "tier" and cad["text"] == "an in-depth contact (visit or online)"
    assert cad["source"] == "visits/甲主任-4.md:1"
    zh = notes.json("due", "--today", "2026-11-20", "--lang", "zh")
    assert items(zh, "cadence")[0]["reason"] == "A级客户，每月至少2次深度沟通（拜访或线上，每 15 天）；上次 11-01"


def test_tier_cadence_and_channels_from_settings(notes):
    settings(notes, "cadence: {A: 10}\ncadence_channels: {A: [visit, phone]}\n")
    tiered(notes, "甲主任", 5, 5, 5, [("2026-11-01", "online"), ("2026-11-10", "phone")])
    assert dues(notes.json("due", "--today", "2026-11-20"), "cadence", "甲主任") == ["2026-11-20"]


def test_tier_b_and_c_count_every_channel(notes):
    tiered(notes, "乙医生", 3, 3, 3, [("2026-11-10", "phone")])       # potential 50 -> B
    tiered(notes, "丙医生", 1, 1, 1, [("2026-11-10", "message")])     # potential 0 -> C
    tiered(notes, "丁医生", None, None, None, [("2026-11-10", "visit")])  # unscored -> C
    data = notes.json("due", "--today", "2026-12-10", "--days", "0")
    assert dues(data, "cadence", "乙医生") == ["2026-11-24"]
    assert dues(data, "cadence", "丙医生") == ["2026-12-10"]
    assert dues(data, "cadence", "丁医生") == ["2026-12-10"]
    assert items(data, "cadence", "丁医生")[0]["tier"] == "C"


def test_tier_override_in_the_profile(notes):
    tiered(notes, "丙医生", 1, 1, 1, [("2026-11-10", "visit")], tier="B")
    assert dues(notes.json("due", "--today", "2026-11-24", "--days", "0"), "cadence", "丙医生") == ["2026-11-24"]


# ---------------------------------------------------------------- cadence: established customers
def test_established_customer_follows_the_tier_whatever_its_follow_ups(notes):
    notes.profile("老客户", 1, 1, 1, since="2025-01-01")
    notes.visit("老客户", "2026-11-01")                       # one contact: no +3/+7/+14 schedule
    data = notes.json("due", "--today", "2026-12-01", "--days", "0")
    assert [(i["due"], i["rule"]) for i in items(data, "cadence") if i["rule"] != "academic"] == [
        ("2026-12-01", "tier")]


def test_established_customer_gets_the_update_when_it_comes_first(notes):
    settings(notes, "cadence: {C: 45}\n")
    notes.profile("老客户", 1, 1, 1, since="2025-01-01")
    notes.visit("老客户", "2026-11-01", channel="phone")
    data = notes.json("due", "--today", "2026-12-01", "--days", "0")
    cad = [i for i in items(data, "cadence") if i["rule"] != "academic"]
    assert [(i["due"], i["rule"]) for i in cad] == [("2026-12-01", "update")]   # one item: the earliest rule
    assert "30" in cad[0]["reason"] and "11-01" in cad[0]["reason"]


def test_update_days_from_settings(notes):
    settings(notes, "update_days: 20\n")
    notes.profile("老客户", 1, 1, 1, since="2025-01-01")
    notes.visit("老客户", "2026-11-01")
    data = notes.json("due", "--today", "2026-11-21", "--days", "0")
    assert [i["rule"] for i in items(data, "cadence") if i["due"] == "2026-11-21"] == ["update"]


def test_academic_item_after_the_last_academic_contact(notes):
    notes.profile("老客户", 1, 1, 1, since="2025-01-01")
    notes.visit("老客户", "2026-08-01", purpose="academic")
    notes.visit("老客户", "2026-09-01", purpose="follow-up")
    notes.visit("老客户", "2026-11-01", purpose="follow-up")
    data = notes.json("due", "--today", "2026-10-30", "--days", "0")
    academic = [i for i in items(data, "cadence") if i["rule"] == "academic"]
    assert [(i["due"], i["source"]) for i in academic] == [("2026-10-30", "visits/2026-08-01-老客户.md:1")]


def test_academic_item_counts_from_the_first_logged_visit_when_none(notes):
    settings(notes, "academic_days: 60\n")
    notes.profile("老客户", 1, 1, 1, since="2025-01-01")
    notes.visit("老客户", "2026-08-01", purpose="follow-up")
    notes.visit("老客户", "2026-09-20")
    data = notes.json("due", "--today", "2026-09-30", "--days", "0")
    academic = [i for i in items(data, "cadence") if i["rule"] == "academic"]
    assert [i["due"] for i in academic] == ["2026-09-30"]
    assert "08-01" in academic[0]["reason"]


def test_established_months_from_settings(notes):
    notes.profile("钱医生", 1, 1, 1, since="2026-08-01")
    notes.visit("钱医生", "2026-11-10")
    nb = notes.load()
    c = nb.customer("钱医生")
    assert not established(c, date(2026, 11, 20), DEFAULTS)
    assert established(c, date(2027, 2, 1), DEFAULTS)                   # 6 months to the day
    assert not established(c, date(2027, 1, 31), DEFAULTS)
    settings(notes, "established_months: 3\n")
    data = notes.json("due", "--today", "2026-11-20", "--days", "90")
    assert "academic" in {i["rule"] for i in items(data, "cadence")}


# ---------------------------------------------------------------- wake-up
def test_wake_up_after_more_than_sixty_silent_days(notes):
    notes.profile("周医生", 2, 2, 2, since="2025-01-01")
    notes.visit("周医生", "2026-09-01")
    data = notes.json("due", "--today", "2026-10-31", "--days", "0")     # 60 days: not yet
    assert items(data, "wake-up") == []
    data = notes.json("due", "--today", "2026-11-01", "--days", "0")     # 61 days
    [w] = items(data, "wake-up")
    assert (w["due"], w["overdue_days"], w["source"]) == ("2026-11-01", 0, "visits/2026-09-01-周医生.md:1")
    assert "61" in w["reason"] and "09-01" in w["reason"]


def test_wake_up_days_from_settings(notes):
    settings(notes, "wake_up_days: 30\n")
    notes.visit("周医生", "2026-09-01")
    assert dues(notes.json("due", "--today", "2026-10-20"), "wake-up", "周医生") == ["2026-10-02"]


# ---------------------------------------------------------------- safety
def test_safety_is_due_24_hours_after_the_visit_until_replied(notes):
    notes.visit("赵医生", "2026-11-18 10:00", adverse_event="皮疹")
    notes.visit("钱医生", "2026-11-18", adverse_event="true")
    notes.visit("孙医生", "2026-11-18", adverse_event="{description: 乏力, replied: 2026-11-19}")
    data = notes.json("due", "--today", "2026-11-20")
    safety = items(data, "safety", step="reply")
    assert [(i["customer"], i["due"], i["due_time"]) for i in safety] == [
        ("赵医生", "2026-11-19", "10:00"), ("钱医生", "2026-11-19", None)]
    assert safety[0]["text"] == "皮疹" and safety[0]["source"] == "visits/2026-11-18-赵医生.md:4"
    assert safety[1]["text"] == "formal reply on the adverse event"
    # each unreported event also goes to pharmacovigilance the same day (孙医生's reply closed both)
    report = items(data, "safety", step="report")
    assert [(i["customer"], i["due"], i["due_time"]) for i in report] == [
        ("赵医生", "2026-11-18", None), ("钱医生", "2026-11-18", None)]
    assert [i["text"] for i in report] == ["report to pharmacovigilance / medical: 皮疹",
                                           "report to pharmacovigilance / medical: Adverse event"]
    assert [i["step"] for i in items(data, "safety")] == ["report", "report", "reply", "reply"]


def test_safety_hours_from_settings(notes):
    settings(notes, "adverse_reply_hours: 48\n")
    notes.visit("赵医生", "2026-11-18 10:00", adverse_event="皮疹")
    data = notes.json("due", "--today", "2026-11-18")
    assert [(i["due"], i["due_time"]) for i in items(data, "safety", step="reply")] == [("2026-11-20", "10:00")]


def test_a_reply_after_today_is_still_open_on_a_replayed_day(notes):
    notes.visit("赵医生", "2026-11-18 10:00", adverse_event="{description: 皮疹, replied: 2026-11-25}")
    assert dues(notes.json("due", "--today", "2026-11-20"), "safety", "赵医生") == ["2026-11-18", "2026-11-19"]
    assert dues(notes.json("due", "--today", "2026-11-25"), "safety", "赵医生") == []


# ---------------------------------------------------------------- commitments and appointments
def test_commitments_dated_phrase_and_vague(notes):
    notes.visit("郑医生", "2026-11-18 10:00", """
        ## 待办
        - [ ] 发说明书 📅 2026-11-19
        - [ ] 72小时内整理数据
        - [ ] 后续跟进产品资料
        - [x] 提供样品 ✅ 2026-11-18
        - [-] 约科室会 📅 2026-11-19
        - [x] 送文献 ✅ 2026-11-25
    """)
    data = notes.json("due", "--today", "2026-11-20")
    got = [(i["text"], i["due"], i["overdue_days"]) for i in items(data, "commitment")]
    assert got == [("发说明书", "2026-11-19", 1), ("72小时内整理数据", "2026-11-21", -1),
                   ("后续跟进产品资料", None, None),
                   ("送文献", None, None)]                   # ticked on 11-25: still open on a replayed 11-20
    assert [i["text"] for i in data["items"][-2:]] == ["后续跟进产品资料", "送文献"], "vague actions come last"
    by_text = {i["text"]: i for i in items(data, "commitment")}
    assert by_text["72小时内整理数据"]["reason"] == "promised at the 11-18 visit: '72小时内'"
    assert by_text["发说明书"]["reason"] == "promised at the 11-18 visit"
    assert by_text["发说明书"]["source"] == "visits/2026-11-18-郑医生.md:6"
    assert "no deadline" in by_text["后续跟进产品资料"]["reason"]


def test_appointment_is_the_next_of_the_latest_contact(notes):
    notes.visit("孙主任", "2026-11-16 16:00", next="下周二上午")
    data = notes.json("due", "--today", "2026-11-20", "--days", "7")
    [a] = items(data, "appointment")
    assert (a["due"], a["source"]) == ("2026-11-24", "visits/2026-11-16-孙主任.md:4")
    assert "下周二上午" in a["reason"]
    notes.visit("孙主任", "2026-11-19", channel="phone")               # a later contact without `next`
    assert items(notes.json("due", "--today", "2026-11-20", "--days", "7"), "appointment") == []


def test_a_vague_next_gives_no_appointment(notes):
    notes.visit("孙主任", "2026-11-16", next="下次再说")
    assert items(notes.json("due", "--today", "2026-11-20", "--days", "30"), "appointment") == []


# ---------------------------------------------------------------- order, window, filters
def _item(kind, due, tier="C", customer="x", time=None):
    return Item(kind, customer, due, "", "r", (), Source("a.md", 1), item_id(kind, "a.md", customer),
                tier=tier, due_time=time)


def test_urgency_order():
    d = date(2026, 11, 20)
    ordered = [
        _item("safety", date(2026, 11, 21)),                 # safety before anything, even when not overdue
        _item("cadence", date(2026, 11, 10), "C"),           # most overdue next
        _item("commitment", date(2026, 11, 19), "A"),        # same date: tier A before B ...
        _item("wake-up", date(2026, 11, 19), "A"),           # ... same tier: commitment before wake-up
        _item("commitment", date(2026, 11, 19), "B"),
        _item("appointment", date(2026, 11, 20), "C"),
        _item("commitment", None, "A"),                      # vague last
    ]
    assert sorted(reversed(ordered), key=urgency_key) == ordered
    assert [i.overdue_days(d) for i in ordered[1:3]] == [10, 1]


def test_order_on_the_command_line(notes):
    tiered(notes, "甲主任", 5, 5, 5, [("2026-11-05", "visit")])      # A: due 11-20
    tiered(notes, "丙医生", 1, 1, 1, [("2026-10-21", "visit")])      # C: due 11-20
    notes.visit("丁医生", "2026-11-19 15:00", "- [ ] 明天回复", adverse_event="头晕")
    notes.visit("戊医生", "2026-11-10", "- [ ] 发资料 📅 2026-11-12")
    data = notes.json("due", "--today", "2026-11-20", "--days", "0", "--kind", "safety", "--kind", "commitment",
                      "--kind", "cadence")
    got = [(i["kind"], i["customer"], i["due"]) for i in data["items"]]
    assert got[:2] == [("safety", "丁医生", "2026-11-19"), ("safety", "丁医生", "2026-11-20")]   # report, reply
    assert got[2] == ("commitment", "戊医生", "2026-11-12")
    assert got.index(("cadence", "甲主任", "2026-11-20")) < got.index(("cadence", "丙医生", "2026-11-20"))


def test_days_window(notes):
    notes.visit("郑医生", "2026-11-18", "- [ ] a 📅 2026-11-20\n- [ ] b 📅 2026-11-23\n- [ ] c 📅 2026-11-24")
    texts = lambda *a: [i["text"] for i in items(notes.json("due", "--today", "2026-11-20", *a), "commitment")]
    assert texts() == ["a", "b"]                              # default: 3 days
    assert texts("--days", "0") == ["a"]
    assert texts("--days", "4") == ["a", "b", "c"]
    settings(notes, "due_days: 4\n")
    assert texts() == ["a", "b", "c"]


def data_promises(notes):
    return notes.json("due", "--today", "2026-11-20", "--kind", "承诺")


def test_customer_and_kind_filters(notes):
    notes.profile("王建国", 5, 5, 5, aliases="[王主任]", since="2026-11-01")
    notes.visit("王主任", "2026-11-18", "- [ ] 发资料 📅 2026-11-20")
    notes.visit("李医生", "2026-11-18", "- [ ] 回电 📅 2026-11-20")
    data = notes.json("due", "--today", "2026-11-20", "--customer", "王主任")
    assert {i["customer"] for i in data["items"]} == {"王建国"}
    data = notes.json("due", "--today", "2026-11-20", "--customer", "李")          # a unique prefix
    assert {i["customer"] for i in data["items"]} == {"李医生"}
    data = notes.json("due", "--today", "2026-11-20", "--kind", "commitment")
    assert {i["kind"] for i in data["items"]} == {"commitment"} and len(data["items"]) == 2
    data = notes.json("due", "--today", "2026-11-20", "--kind", "commitment,cadence")
    assert {i["kind"] for i in data["items"]} == {"commitment", "cadence"}
    assert notes.json("due", "--today", "2026-11-20", "--kind", "promise") == data_promises(notes)
    bad = notes.run("due", "--kind", "promis", "--lang", "zh")
    assert bad.exit_code == 2 and "承诺 (commitment)" in bad.stderr          # the choices as the screen shows them
    result = notes.run("due", "--customer", "没有这人")
    assert result.exit_code == 2 and "没有这人" in result.stderr


# ---------------------------------------------------------------- ids and JSON
def test_json_shape_and_stable_ids(notes):
    path = notes.visit("郑医生", "2026-11-18", "## 待办\n- [ ] 发资料 📅 2026-11-20\n- [ ] 发资料 📅 2026-11-21")
    data = notes.json("due", "--today", "2026-11-20")
    assert set(data) == {"today", "items", "errors"} and data["today"] == "2026-11-20"
    first = items(data, "commitment")
    assert set(first[0]) >= {"id", "kind", "customer", "due", "overdue_days", "text", "reason", "source"}
    assert len({i["id"] for i in first}) == 2, "the same text twice in one file: two ids"
    text = path.read_text(encoding="utf-8").replace("## 待办", "补一行\n\n## 待办")
    path.write_text(text, encoding="utf-8")
    again = items(notes.json("due", "--today", "2026-11-20"), "commitment")
    assert [i["id"] for i in again] == [i["id"] for i in first], "edits elsewhere keep ids"
    assert [i["source"] for i in again] != [i["source"] for i in first]
    path.write_text(text.replace("- [ ] 发资料 📅 2026-11-21", "- [ ] 发说明书 📅 2026-11-21"), encoding="utf-8")
    changed = items(notes.json("due", "--today", "2026-11-20"), "commitment")
    assert first[1]["id"] not in {i["id"] for i in changed}, "a changed text is a new item"
    assert first[0]["id"] in {i["id"] for i in changed}


def test_customers_next_due_agrees_with_due(notes):
    tiered(notes, "甲主任", 5, 5, 5, [("2026-11-05", "visit")])
    notes.visit("李医生", "2026-11-18", "- [ ] 回电 📅 2026-11-19")
    data = notes.json("due", "--today", "2026-11-20", "--days", "400")
    listed = notes.json("customers", "--today", "2026-11-20")
    for row in listed["customers"]:
        mine = [i["due"] for i in items(data, customer=row["customer"]) if i["due"]]
        assert row["next_due"] == min(mine)
    nb = notes.load()
    assert next_due_by_customer(nb, date(2026, 11, 20), DEFAULTS)["李医生"] == date(2026, 11, 19)


# ---------------------------------------------------------------- the view for people
def test_the_view_groups_and_fits_80_columns(notes):
    notes.profile("王建国", 5, 5, 5, since="2026-10-01")
    for day in ["2026-10-01", "2026-10-04", "2026-10-08", "2026-10-15"]:
        notes.visit("王建国", day)
    notes.visit("王建国", "2026-11-18 10:00", """
        - [ ] 72小时内整理长期随访数据（按肾功能分层）并发送给王主任，附上药物经济学分析和医保政策解读的完整材料
        - [ ] 后续跟进
    """, adverse_event="患者65岁，用药后轻度低血糖，合并二甲双胍", next="下周四下午")
    result = notes.run("due", "--today", "2026-11-20", "--lang", "zh", env={"COLUMNS": "80"})
    out = result.stdout
    assert result.exit_code == 0
    assert max(cell_len(line.rstrip()) for line in out.splitlines()) <= 80
    assert "王建国 A" in out and "逾期 1 天" in out and "无日期" in out     # by customer; when said in words
    assert out.index("安全") < out.index("承诺")
    assert "后续跟进" in out and "完整材料" not in out               # one line per item: the long text cropped
    full = notes.run("due", "--today", "2026-11-20", "--lang", "zh", "-v", env={"COLUMNS": "80"}).stdout
    assert "完整材料" in full                                         # -v wraps it, nothing is cut
    en = notes.run("due", "--today", "2026-11-20", "--lang", "en", env={"COLUMNS": "80"}).stdout
    assert "1 d overdue" in en and "no date" in en
    assert max(cell_len(line.rstrip()) for line in en.splitlines()) <= 80


def test_nothing_due(notes):
    notes.write("visitlog.yaml", "language: en\n")
    notes.visit("甲", "2026-11-19", "- [x] 回电 ✅ 2026-11-19")
    assert "Nothing due" in notes.run("due", "--today", "2026-11-20", "--days", "0").stdout


# ---------------------------------------------------------------- iCalendar export
def test_ics_export_parses_back_with_stable_uids(notes, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    notes.visit("赵医生", "2026-11-18 10:00", "- [ ] 发资料 📅 2026-11-20\n- [ ] 后续再说", adverse_event="皮疹")
    target = tmp_path / "out" / "due.ics"
    target.parent.mkdir()
    result = notes.run("due", "--today", "2026-11-20", "--ics", str(target))
    assert result.exit_code == 0 and str(target) in result.stderr
    first = icalendar.Calendar.from_ical(target.read_bytes())
    events = {str(e["uid"]): e for e in first.walk("VEVENT")}
    data = notes.json("due", "--today", "2026-11-20")
    dated = [i for i in data["items"] if i["due"]]
    assert set(events) == {f"{i['id']}@visitlog" for i in dated}
    safety = events[f"{items(data, 'safety')[0]['id']}@visitlog"]
    assert safety.decoded("dtstart") == date(2026, 11, 20)       # due 11-19 10:00, overdue: on today (issue #17)
    action = events[f"{items(data, 'commitment')[0]['id']}@visitlog"]
    assert action.decoded("dtstart") == date(2026, 11, 20)                         # all-day
    assert action.decoded("dtend") == date(2026, 11, 21)
    assert "发资料" in str(action["summary"])
    # a second export (the promise moved) updates the same events: same UIDs, no copies, no temp files left
    path = notes.root / "visits/2026-11-18-赵医生.md"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-11-20", "2026-11-21"), encoding="utf-8")
    assert notes.run("due", "--today", "2026-11-20", "--ics", str(target)).exit_code == 0
    second = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert set(second) == set(events)
    assert second[f"{items(data, 'commitment')[0]['id']}@visitlog"].decoded("dtstart") == date(2026, 11, 21)
    assert sorted(p.name for p in target.parent.iterdir()) == ["due.ics"]


def test_ics_follows_the_filters(notes, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    notes.visit("赵医生", "2026-11-18", "- [ ] 发资料 📅 2026-11-20")
    notes.visit("钱医生", "2026-11-18", "- [ ] 回电 📅 2026-11-20")
    target = tmp_path / "due.ics"
    notes.run("due", "--today", "2026-11-20", "--customer", "钱医生", "--kind", "commitment", "--ics", str(target))
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert [str(e["summary"]).split(" ", 1)[1] for e in events] == ["钱医生: 回电"]


def test_importing_the_cli_does_not_import_icalendar():
    import subprocess
    import sys

    code = "import sys, visitlog.cli, visitlog.rules.due, visitlog.edit.done; print('icalendar' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
