"""visitlog review: the numbers of each section on a hand-built week, topics, week boundaries, --save."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from visitlog.rules.review import Week, parse_week, review, week_of
from visitlog.notebook.settings import DEFAULTS
from visitlog.rules.topics import Lexicon, group, keywords, lexicon

# ---------------------------------------------------------------- a hand-built week: 2026-W48, reviewed Friday 11-27


def w48(notes):
    """Monday 2026-11-23 .. Sunday 11-29, reviewed on Friday 2026-11-27."""
    notes.profile("王主任", 5, 5, 5)                     # potential 100 → A
    notes.profile("李医生", 3, 3, 3)                     # potential 50 → B, until 11-24 raises it
    notes.visit("王主任", "2026-11-02 10:00", "- 上次拜访")
    notes.visit("王主任", "2026-11-05 10:00", "- 又问肝肾毒性 ?")           # 3 weeks back: in the 4-week window
    notes.visit("王主任", "2026-10-20 10:00", "- 肝肾毒性还是担心 ?")       # 5 weeks back: outside it
    notes.visit("王主任", "2026-11-23 10:00", """
        - 询问肝肾毒性数据 ?
        - 提到某竞品注射频率更低
        - [ ] 明天发资料
        - [x] 提供说明书 ✅ 2026-11-24
        - [x] 送文献 📅 2026-11-24 ✅ 2026-11-25
        - [-] 取消的事 📅 2026-11-24
        - [ ] 下周发病例汇编 📅 2026-12-02
        - [x] 事后才补上的 📅 2026-11-24 ✅ 2026-11-30
        """, tags="[药物经济学]", competitors="[某竞品]")
    notes.visit("李医生", "2026-10-20 09:00", "- 初次见面")
    notes.visit("李医生", "2026-11-24 15:00", "- 肝肾毒性怎么样？", channel="phone",
                tags="[药物经济学, 患者管理]", competitors="[某竞品]", next="2026-12-01",
                potential="{prescriptions: 5}",
                adverse_event="{description: 皮疹, replied: 2026-11-25}")
    notes.visit("张医生", "2026-11-26 09:00", """
        - 价格偏高 ?
        - 希望有回扣
        - [ ] 后续跟进
        """, adverse_event="头晕")
    notes.visit("周医生", "2026-11-10 09:00", "- 新客户")          # due a follow-up 11-13, never contacted
    notes.visit("旧客户", "2026-08-01")
    return notes


@pytest.fixture
def week(notes):
    w48(notes)
    return notes.json("review", "--week", "2026-W48", "--today", "2026-11-27")


def test_contacts_by_tier_and_channel(week):
    c = week["contacts"]
    assert week["week"] == "2026-W48" and week["start"] == "2026-11-23" and week["end"] == "2026-11-29"
    assert week["as_of"] == "2026-11-27"
    assert c["total"] == 3 and c["customers"] == 3
    # tiers as of the review day: 李医生 became A on 11-24; 张医生 has no potential → C
    assert c["by_tier"] == {"A": 2, "B": 0, "C": 1}
    assert c["by_channel"] == {"visit": 2, "phone": 1, "online": 0, "message": 0}
    assert c["new_customers"] == ["张医生"]


def test_contacts_against_the_plan(week):
    c = week["contacts"]
    status = {(i["customer"], i["kind"]): i["status"] for i in c["plan_items"]}
    assert status[("王主任", "cadence")] == "met"            # third follow-up of a new customer, due 11-06
    assert status[("李医生", "cadence")] == "met"            # any contact meets the new-customer follow-up
    assert status[("周医生", "cadence")] == "missed"         # new customer due 11-13, not contacted
    assert status[("旧客户", "wake-up")] == "missed"
    # A customers short of two in-depth contacts in the 30 days to 11-27: 李医生 only phoned
    assert c["tier_a_short"] == [{"customer": "李医生", "contacts": 0, "target": 2}]
    assert c["since"] == "2026-10-29"


def test_commitments_made_kept_late_overdue(week):
    k = week["commitments"]
    fates = {i["text"]: i["fate"] for i in k["items"]}
    assert "取消的事" not in fates                           # cancelled: not made
    assert fates == {
        "明天发资料": "overdue",                              # due 11-24 (明天), still open on 11-27
        "提供说明书": "kept",                                 # done, no deadline
        "送文献": "late",                                     # done 11-25 after 11-24
        "下周发病例汇编": "open",                             # not due yet
        "事后才补上的": "overdue",                            # ticked 11-30: not known on 11-27
        "后续跟进": "open",                                   # vague
    }
    assert (k["made"], k["kept"], k["late"], k["overdue"], k["open"]) == (6, 1, 1, 2, 2)
    assert k["on_time_rate"] == 0.25                          # 1 kept of 4 done or past due


def test_questions_grouped_by_topic_with_four_weeks(week):
    topics = {q["topic"]: q for q in week["questions"]}
    assert set(topics) == {"肝肾毒性", "价格偏高"}
    liver = topics["肝肾毒性"]
    assert liver["count"] == 2 and sorted(liver["customers"]) == ["李医生", "王主任"]
    assert liver["four_weeks"] == 3                           # + 11-05; 10-20 is five weeks back
    assert week["questions"][0]["topic"] == "肝肾毒性"        # biggest first
    assert topics["价格偏高"]["count"] == 1


def test_needs_and_competitors(week):
    assert week["needs"] == [
        {"keyword": "药物经济学", "count": 2, "customers": ["王主任", "李医生"]},
        {"keyword": "患者管理", "count": 1, "customers": ["李医生"]},
    ]
    assert week["competitors"] == [{"name": "某竞品", "count": 2, "customers": ["王主任", "李医生"]}]


def test_adverse_events_and_the_24_hour_reply(week):
    events = {a["customer"]: a for a in week["adverse_events"]}
    assert events["李医生"]["replied"] == "2026-11-25" and events["李医生"]["in_time"] is True
    assert events["李医生"]["status"] == "replied"
    assert events["张医生"]["date"] == "2026-11-26T09:00"
    assert events["张医生"]["reply_due"] == "2026-11-27T09:00"
    assert events["张医生"]["replied"] is None and events["张医生"]["status"] == "waiting"
    assert events["张医生"]["in_time"] is None


def test_adverse_event_reply_overdue_and_late(notes):
    notes.visit("甲", "2026-11-23 09:00", adverse_event="皮疹")
    notes.visit("乙", "2026-11-23 10:00", adverse_event="{description: 头晕, replied: 2026-11-26}")
    data = notes.json("review", "--week", "2026-W48", "--today", "2026-11-27")
    events = {a["customer"]: (a["status"], a["in_time"]) for a in data["adverse_events"]}
    assert events == {"甲": ("overdue", False), "乙": ("replied", False)}


def test_wake_up_counts_silence_to_the_review_day(week):
    assert week["wake_up"] == [{"customer": "旧客户", "tier": "C", "last_contact": "2026-08-01", "silent_days": 118}]


def test_tier_and_segment_changes(week):
    tier = [c for c in week["changes"] if c["field"] == "tier"]
    assert tier == [{"customer": "李医生", "field": "tier", "old": "B", "new": "A", "date": "2026-11-24",
                     "source": "visits/2026-11-24-李医生.md:1"}]
    assert all(c["customer"] != "张医生" for c in week["changes"])   # new this week: no "before"


def test_compliance_and_vague_actions_of_the_week(week):
    found = {(f["customer"], f["code"]) for f in week["compliance"] if f["code"] != "adverse-event-details"}
    assert found == {("张医生", "inducement"), ("张医生", "vague-action")}
    assert all(f["path"] == "visits/2026-11-26-张医生.md" for f in week["compliance"]
               if f["code"] != "adverse-event-details")
    # an adverse event without the patient's age, conditions and co-medication is a compliance finding too
    assert ("张医生", "adverse-event-details") in {(f["customer"], f["code"]) for f in week["compliance"]}


def test_next_week_items_by_day(week):
    nxt = week["next_week"]
    assert [i["due"] for i in nxt] == sorted(i["due"] for i in nxt)
    assert all("2026-11-30" <= i["due"] <= "2026-12-06" for i in nxt)
    pairs = {(i["customer"], i["kind"], i["due"]) for i in nxt}
    assert ("王主任", "commitment", "2026-12-02") in pairs
    assert ("李医生", "appointment", "2026-12-01") in pairs
    assert {"id", "kind", "customer", "due", "overdue_days", "text", "reason", "source"} <= set(nxt[0])
    carried = {(i["customer"], i["text"]) for i in week["carried_over"]}
    assert ("王主任", "明天发资料") in carried


def test_errors_key_and_stderr(notes):
    w48(notes)
    notes.write("visits/broken.md", "---\ncustomer: 坏\ndate: 2026-13-45\n---\n")
    result = notes.run("review", "--week", "2026-W48", "--today", "2026-11-27", "--json")
    assert result.exit_code == 0
    import json

    data = json.loads(result.stdout)
    assert [e["path"] for e in data["errors"]] == ["visits/broken.md"]
    assert "visits/broken.md" in result.stderr and "visits/broken.md" not in result.stdout.split('"errors"')[0]


# ---------------------------------------------------------------- weeks


def test_parse_week_and_iso_year_ends():
    w = parse_week("2026-W53")
    assert (w.start, w.end) == (date(2026, 12, 28), date(2027, 1, 3))
    assert parse_week("2026w47") == Week(2026, 47) and parse_week("2026-W09").label == "2026-W09"
    assert week_of(date(2027, 1, 1)) == Week(2026, 53)
    assert week_of(date(2027, 1, 4)) == Week(2027, 1)
    assert Week(2026, 53).next() == Week(2027, 1)
    for bad in ("2027-W53", "2026-W00", "2026-W54", "2026-47", "W47", "", "2026-W4x"):
        with pytest.raises(ValueError):
            parse_week(bad)


@pytest.mark.parametrize("value", ["2027-W53", "2026-47", "next week"])
def test_bad_week_is_a_usage_error(notes, value):
    notes.visit("甲", "2026-11-23")
    result = notes.run("review", "--week", value, "--today", "2026-11-27")
    assert result.exit_code == 2
    assert "2026-W47" in result.stderr


def test_a_week_that_has_not_begun_is_refused(notes):
    notes.visit("甲", "2026-11-23")
    result = notes.run("review", "--week", "2026-W49", "--today", "2026-11-27")
    assert result.exit_code == 2 and "2026-W49" in result.stderr and result.stdout == ""
    assert notes.run("review", "--week", "2026-W49", "--today", "2026-11-30", "--json").exit_code == 0


def test_default_week_is_the_week_of_today(notes):
    notes.visit("甲", "2026-11-22 23:30")
    assert notes.json("review", "--today", "2026-11-20")["week"] == "2026-W47"
    assert notes.json("review", "--today", "2026-11-23")["week"] == "2026-W48"


def test_sunday_night_and_monday_morning(notes):
    notes.visit("周日", "2026-11-22 23:30", "- 周日的问题 ?")
    notes.visit("周一", "2026-11-23 00:10", "- 周一的问题 ?")
    w47 = notes.json("review", "--week", "2026-W47", "--today", "2026-12-01")
    w48 = notes.json("review", "--week", "2026-W48", "--today", "2026-12-01")
    assert w47["contacts"]["total"] == 1 and w47["contacts"]["new_customers"] == ["周日"]
    assert w48["contacts"]["total"] == 1 and w48["contacts"]["new_customers"] == ["周一"]
    assert [q["customers"] for q in w47["questions"]] == [["周日"]]


def test_year_end_2026_w53_and_2027_w01(notes):
    notes.visit("年末", "2026-12-28 00:00")
    notes.visit("元旦", "2027-01-01 10:00", channel="phone")
    notes.visit("周日晚", "2027-01-03 23:30")
    notes.visit("新年周一", "2027-01-04 00:10")
    w53 = notes.json("review", "--week", "2026-W53", "--today", "2027-01-08")
    w01 = notes.json("review", "--week", "2027-W01", "--today", "2027-01-08")
    assert (w53["start"], w53["end"]) == ("2026-12-28", "2027-01-03")
    assert w53["contacts"]["total"] == 3 and w53["contacts"]["by_channel"]["phone"] == 1
    assert w01["contacts"]["total"] == 1 and w01["contacts"]["new_customers"] == ["新年周一"]
    assert notes.json("review", "--today", "2027-01-01")["week"] == "2026-W53"


def test_a_week_not_over_stops_at_today(notes):
    notes.visit("甲", "2026-11-24 10:00", "- [x] 发资料 📅 2026-11-24 ✅ 2026-11-24")
    notes.visit("乙", "2026-11-28 10:00")                    # dated after the review day: not read
    data = notes.json("review", "--week", "2026-W48", "--today", "2026-11-25")
    assert data["as_of"] == "2026-11-25" and data["contacts"]["total"] == 1
    assert data["commitments"]["kept"] == 1


# ---------------------------------------------------------------- topics


def test_differently_worded_chinese_questions_fall_together():
    texts = ["询问肝肾毒性数据", "肝肾毒性怎么样？", "又问到肝肾毒性：eGFR 30-45的患者有没有长期数据",
             "问医保报销比例和支付标准", "问能不能医保报销", "问2岁以下的孩子能不能用"]
    topics = group(texts, ["王", "李", "王", "郑", "周", "马"])
    named = {t.name: sorted(t.members) for t in topics}
    assert named["肝肾毒性"] == [0, 1, 2]
    assert named["医保报销"] == [3, 4]
    # "能不能" is a question form, not a topic: the child question stays alone
    assert [5] in named.values()


def test_english_questions_group_by_shared_content_words():
    texts = ["Asked about liver and kidney toxicity data", "What about kidney toxicity in the elderly?",
             "Is it covered by insurance reimbursement?", "Reimbursement ratio under the new insurance policy?",
             "Dosing for children?"]
    topics = group(texts, list("abcde"))
    named = {t.name: sorted(t.members) for t in topics}
    assert named["kidney toxicity"] == [0, 1]
    assert named["insurance reimbursement"] == [2, 3]
    assert named["Dosing for children"] == [4]              # alone: named by the question itself


def test_question_words_and_generic_words_are_not_keywords():
    assert keywords("询问肝肾毒性数据") == ("肝肾", "毒性")
    assert keywords("肝肾毒性怎么样？") == ("肝肾", "毒性")
    assert keywords("有没有患者数据？") == ()


def test_notebook_words_are_kept_whole_and_products_are_silent():
    lex = lexicon(products=["格列沐缓释片"], names=["某竞品A"])
    assert "格列沐" in lex.words and "格列沐" in lex.silent
    words = keywords("问格列沐的低血糖发生率是不是比某竞品A低", lex)
    assert "某竞品a" in words and "低血糖" in words and "格列沐" not in words
    assert isinstance(Lexicon(), Lexicon)


def test_review_rule_groups_the_sample_phrasing(notes):
    """SPEC's own example, through the whole rule."""
    notes.visit("王主任", "2026-11-18 10:00", "- 询问肝肾毒性数据 (?)")
    notes.visit("李医生", "2026-11-19 10:00", "- 肝肾毒性怎么样？")
    r = review(notes.load(), parse_week("2026-W47"), date(2026, 11, 20), DEFAULTS)
    assert [(q.topic, q.count, q.customers) for q in r.questions] == [("肝肾毒性", 2, ("王主任", "李医生"))]


# ---------------------------------------------------------------- output


def test_save_writes_markdown_that_is_not_read_back(notes):
    w48(notes)
    before = notes.load()
    result = notes.run("review", "--week", "2026-W48", "--today", "2026-11-27", "--save", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    saved = notes.root / "reviews" / "2026-W48.md"
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# 周复盘 2026-W48\n")
    for heading in ("## 联系", "## 承诺兑现", "## 高频问题", "## 需求关键词", "## 竞品提及", "## 不良反应",
                    "## 待唤醒客户", "## 级别与分群变化", "## 合规与模糊待办", "## 下周安排"):
        assert f"\n{heading}" in text, heading
    assert "| 肝肾毒性 | 2 |" in text and "覆盖" in result.stderr
    after = notes.load()
    assert len(after.visits) == len(before.visits) and after.problems == before.problems
    assert [p.name for p in saved.parent.iterdir()] == ["2026-W48.md"]     # no temp file left behind
    # saving again overwrites the generated file
    notes.visit("新来的", "2026-11-25 10:00")
    assert notes.run("review", "--week", "2026-W48", "--today", "2026-11-27", "--save").exit_code == 0
    assert "新来的" in saved.read_text(encoding="utf-8")


def test_markdown_tables_are_well_formed_in_english(notes):
    w48(notes)
    notes.run("review", "--week", "2026-W48", "--today", "2026-11-27", "--save", "--lang", "en")
    text = (notes.root / "reviews" / "2026-W48.md").read_text(encoding="utf-8")
    assert text.startswith("# Weekly review 2026-W48\n") and "## Commitments" in text
    block: list[str] = []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            block.append(line)
            continue
        if block:
            cells = {len(row.replace("\\|", "").split("|")) for row in block}
            assert len(cells) == 1, block                 # every row of a table has the same columns
            assert set(block[1].replace("|", "").split()) <= {"---", "---:"}
            block = []


def test_terminal_view_fits_80_columns_and_draws_bars(notes):
    from rich.cells import cell_len

    w48(notes)
    result = notes.run("review", "--week", "2026-W48", "--today", "2026-11-27", "--lang", "zh",
                       env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert "周复盘 2026-W48" in lines[0]
    assert any("肝肾毒性" in line and "█" in line for line in lines)
    assert any(line.startswith("A") and "█" in line for line in lines)


def test_json_machine_words_stay_english(notes):
    w48(notes)
    data = notes.json("review", "--week", "2026-W48", "--today", "2026-11-27", "--lang", "zh")
    assert {i["fate"] for i in data["commitments"]["items"]} <= {"kept", "late", "overdue", "open"}
    assert {c["field"] for c in data["changes"]} <= {"tier", "segment"}
    assert {i["kind"] for i in data["next_week"]} <= {"safety", "commitment", "appointment", "cadence", "wake-up"}


def test_importing_the_cli_does_not_import_jieba():
    code = "import sys, visitlog.cli, visitlog.rules.review, visitlog.rules.topics; print('jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_topics_do_not_depend_on_the_process_hash_seed():
    """Two keywords tied on every count (same questions, same length): the one written first seeds the topic,
    whatever order a set gives them in this process."""
    import os
    from pathlib import Path

    code = ("from visitlog.rules.topics import group, lexicon; "
            "print([t.keywords for t in group(['低血糖发生率高吗', '低血糖怎么样', '发生率如何'], ['甲', '乙', '丙'], "
            "lexicon(names=['低血糖', '发生率', '报销']))])")
    src = str(Path(__file__).resolve().parent.parent / "src")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": src}).stdout
            for seed in range(1, 9)}
    assert seen == {"[('低血糖',), ('发生率',)]\n"}, seen
