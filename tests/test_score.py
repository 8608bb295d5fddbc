"""`visitlog score`: potential and tiers, RFM and segments, tier history, explain, JSON, filters, check."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from visitlog.rules.score import (
    changes, grade, ranked, rfm, segment_change, tier, tier_changes,
)
from visitlog.notebook.settings import DEFAULTS, load_settings, settings_from_mapping

TODAY = date(2026, 11, 30)


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def customer(notes, name):
    return notes.load().customer(name)


def rfm_of(notes, name, settings=DEFAULTS, today=TODAY):
    return rfm(customer(notes, name), today, settings)


def visits(notes, name, days_ago, body=""):
    """One visit per entry of `days_ago`, each in its own file."""
    for n, d in enumerate(days_ago):
        notes.visit(name, ago(d), body, rel=f"visits/{name}-{n}.md")


# ---------------------------------------------------------------- potential and tiers
def test_potential_is_the_weighted_sum_of_the_estimates(notes):
    notes.profile("高主任", 4, 5, 3)       # 0.5*75 + 0.3*100 + 0.2*50 = 77.5
    t = tier(customer(notes, "高主任"), DEFAULTS)
    assert (t.tier, t.source, t.potential.value) == ("A", "computed", 77.5)
    assert [(p.key, p.estimate, p.mapped, p.weight, p.points) for p in t.potential.parts] == [
        ("prescriptions", 4, 75.0, 0.5, 37.5), ("influence", 5, 100.0, 0.3, 30.0), ("department", 3, 50.0, 0.2, 10.0)]
    assert str(t.potential.parts[0].origin) == "customers/高主任.md:3"


@pytest.mark.parametrize("p,i,d,value,expected", [
    (5, 3, 2, 70.0, "A"),      # exactly the A threshold
    (4, 5, 1, 67.5, "B"),
    (3, 3, 1, 40.0, "B"),      # exactly the B threshold
    (2, 4, 2, 40.0, "B"),
    (3, 2, 2, 37.5, "C"),
    (1, 1, 1, 0.0, "C"),
    (5, 5, 5, 100.0, "A"),
])
def test_tier_thresholds_on_real_estimates(notes, p, i, d, value, expected):
    notes.profile("甲", p, i, d)
    t = tier(customer(notes, "甲"), DEFAULTS)
    assert (t.potential.value, t.tier) == (value, expected)


@pytest.mark.parametrize("value,expected", [(70, "A"), (69.9, "B"), (40, "B"), (39.9, "C"), (100, "A"), (0, "C")])
def test_grade_boundaries(value, expected):
    assert grade(value, DEFAULTS) == expected


@pytest.mark.parametrize("weights,value,expected", [
    ("{prescriptions: 0.7, influence: 0.3, department: 0}", 70.0, "A"),
    ("{prescriptions: 0.699, influence: 0.301, department: 0}", 69.9, "B"),
    ("{prescriptions: 0.4, influence: 0.6, department: 0}", 40.0, "B"),
    ("{prescriptions: 0.399, influence: 0.601, department: 0}", 39.9, "C"),
])
def test_weights_from_settings_at_the_boundaries(notes, weights, value, expected):
    notes.write("visitlog.yaml", f"potential_weights: {weights}\n")
    notes.profile("甲", 5, 1, 1)          # prescriptions 100, influence 0, department 0
    data = notes.json("score", "--today", "2026-11-30")
    got = data["customers"][0]
    assert (got["potential"], got["tier"]) == (value, expected)


def test_thresholds_from_settings(notes):
    notes.write("visitlog.yaml", "tier_thresholds: {A: 80, B: 50}\n")
    notes.profile("甲", 4, 5, 3)          # 77.5: A by default, B here
    notes.profile("乙", 2, 4, 2)          # 40: B by default, C here
    got = {c["customer"]: c["tier"] for c in notes.json("score", "--today", "2026-11-30")["customers"]}
    assert got == {"甲": "B", "乙": "C"}


def test_weights_must_add_up_to_one(notes):
    with pytest.raises(Exception) as exc:
        settings_from_mapping({"potential_weights": {"prescriptions": 0.6}}, "notes/visitlog.yaml")
    assert exc.value.key == "potential_weights" and "1.1" in str(exc.value)
    notes.write("visitlog.yaml", "potential_weights: {prescriptions: 0.6}\n")
    result = notes.run("score")
    assert result.exit_code == 2 and "potential_weights" in result.stderr


def test_rounding_is_half_up_to_one_decimal(notes):
    notes.write("visitlog.yaml", "potential_weights: {prescriptions: 0.333, influence: 0.333, department: 0.334}\n")
    notes.profile("甲", 2, 1, 1)          # 25 * 0.333 = 8.325 -> 8.3
    notes.profile("乙", 1, 1, 2)          # 25 * 0.334 = 8.35 -> 8.4 (half up, not to even)
    got = {c["customer"]: c["potential"] for c in notes.json("score", "--today", "2026-11-30")["customers"]}
    assert got == {"甲": 8.3, "乙": 8.4}


def test_manual_override_beats_the_score(notes):
    notes.profile("覆盖", 5, 5, 5, tier="B")
    notes.profile("小写", 1, 1, 1, tier="a")
    notes.profile("无估计", tier="A")
    got = {c["customer"]: c for c in notes.json("score", "--today", "2026-11-30")["customers"]}
    assert (got["覆盖"]["tier"], got["覆盖"]["tier_source"], got["覆盖"]["potential"]) == ("B", "override", 100.0)
    assert (got["小写"]["tier"], got["小写"]["tier_source"]) == ("A", "override")
    assert (got["无估计"]["tier"], got["无估计"]["tier_source"], got["无估计"]["potential"]) == ("A", "override", None)
    t = tier(customer(notes, "覆盖"), DEFAULTS)
    assert t.computed == "A"


def test_a_visit_cannot_override_the_tier(notes):
    notes.profile("甲", 1, 1, 1)
    notes.visit("甲", "2026-11-20", tier="A")
    got = notes.json("score", "--today", "2026-11-30")["customers"][0]
    assert (got["tier"], got["tier_source"]) == ("C", "computed")


def test_unscored_and_partial_potential(notes):
    notes.visit("无档案", "2026-11-20")
    notes.write("customers/部分.md", "---\nname: 部分\npotential: {prescriptions: 4}\n---\n")
    got = {c["customer"]: c for c in notes.json("score", "--today", "2026-11-30")["customers"]}
    for name in ("无档案", "部分"):
        assert (got[name]["potential"], got[name]["tier"], got[name]["tier_source"]) == (None, "C", "unscored")
    assert got["部分"]["potential_inputs"] == {"prescriptions": 4}
    p = tier(customer(notes, "部分"), DEFAULTS).potential
    assert p.missing == ("influence", "department")
    assert (p.low, p.high) == (37.5, 87.5)         # 37.5 + 0 .. 37.5 + 30 + 20


def test_a_visit_completes_a_partial_potential(notes):
    notes.write("customers/部分.md", "---\nname: 部分\npotential: {prescriptions: 4}\n---\n")
    notes.visit("部分", "2026-11-10", potential="{influence: 5, department: 3}")
    c = customer(notes, "部分")
    assert tier(c, DEFAULTS, date(2026, 11, 9)).source == "unscored"
    assert (tier(c, DEFAULTS, date(2026, 11, 10)).tier, tier(c, DEFAULTS, date(2026, 11, 10)).potential.value) == (
        "A", 77.5)


# ---------------------------------------------------------------- RFM bands
@pytest.mark.parametrize("days,expected", [
    (0, 5), (7, 5), (8, 4), (14, 4), (15, 3), (30, 3), (31, 2), (60, 2), (61, 1), (200, 1)])
def test_recency_boundaries(notes, days, expected):
    visits(notes, "甲", [days])
    r = rfm_of(notes, "甲")
    assert (r.recency_days, r.scores[0]) == (days, expected)


def test_no_contact_at_all_scores_recency_1(notes):
    notes.profile("只有档案", 3, 3, 3)
    r = rfm_of(notes, "只有档案")
    assert (r.recency_days, r.last_contact, r.code, r.segment) == (None, None, "1-1-1", "wake-up")


@pytest.mark.parametrize("count,expected", [
    (9, 5), (8, 5), (7, 4), (5, 4), (4, 3), (3, 3), (2, 2), (1, 1), (0, 1)])
def test_frequency_boundaries(notes, count, expected):
    visits(notes, "甲", [1 + 9 * n for n in range(count)] or [120])
    r = rfm_of(notes, "甲")
    assert (r.frequency, r.scores[1]) == (count, expected)


@pytest.mark.parametrize("value,expected", [
    (11, 5), (10, 5), (9, 4), (6, 4), (5, 3), (3, 3), (2, 2), (1, 2), (0, 1)])
def test_need_value_boundaries(notes, value, expected):
    visits(notes, "甲", [3], "\n".join(f"- 兴趣点{n} ↑" for n in range(value)))
    r = rfm_of(notes, "甲")
    assert (r.need_value, r.scores[2]) == (value, expected)


def test_window_includes_both_ends(notes):
    visits(notes, "甲", [0, 90, 91], "- 关心 ↑")
    notes.visit("甲", "2026-12-01", "- 将来的 ↑ !", rel="visits/future.md")   # after today: not counted
    r = rfm_of(notes, "甲")
    assert r.window == (date(2026, 9, 1), TODAY)
    assert r.contacts == (date(2026, 9, 1), TODAY)
    assert (r.frequency, r.marks, r.recency_days) == (2, 2, 0)


def test_need_value_counts_marks_and_distinct_weighted_keywords(notes):
    notes.write("visitlog.yaml", "need_weights: {药物经济学: 2.5}\ndefault_need_weight: 0.5\n")
    settings = load_settings(notes.root)
    notes.visit("甲", ago(10), """
        - 关心价格 (↑)
        - 本周内需要 ！
        - 想要对比数据 ↑ 而且很急 !
        - 只是问问 ?
        - [ ] 下周一前送资料 ↑
        """, tags="[药物经济学, 学术支持]", rel="visits/a.md")
    notes.visit("甲", ago(5), "- 又问到 #药物经济学 和 #患者教育", rel="visits/b.md")
    r = rfm_of(notes, "甲", settings)
    assert r.marks == 5                           # ↑, !, ↑+!, and the action's ↑; the ? is not a need
    assert r.keywords == (("药物经济学", 2.5), ("学术支持", 0.5), ("患者教育", 0.5))
    assert r.need_value == 8.5 and r.scores[2] == 4
    assert [m.count for m in r.marked] == [1, 1, 2, 1]


def test_fractional_keyword_weights_add_up_exactly(notes):
    notes.write("visitlog.yaml", "default_need_weight: 0.1\n")
    tags = ", ".join(f"k{n}" for n in range(10))
    notes.visit("甲", ago(1), tags=f"[{tags}]")
    r = rfm_of(notes, "甲", load_settings(notes.root))
    assert r.need_value == 1 and r.scores[2] == 2        # 0.1 * 10 is 1, not 0.9999999999999999


def test_rfm_thresholds_from_settings(notes):
    notes.write("visitlog.yaml", "recency_days: [3, 10, 20, 40]\nfrequency_counts: [4, 3, 2, 1]\n"
                                 "need_values: [4, 3, 2, 1]\nrfm_window_days: 30\n")
    settings = load_settings(notes.root)
    visits(notes, "甲", [5, 25, 31], "- 兴趣 ↑")
    r = rfm_of(notes, "甲", settings)
    assert (r.recency_days, r.frequency, r.need_value) == (5, 2, 2)
    assert r.code == "4-3-3"


# ---------------------------------------------------------------- segments
def test_segments_by_rule(notes):
    visits(notes, "顾问", [14, 20, 30, 40, 50], "- 关心 ↑ !\n- 想要 ↑")          # 4-4-4 exactly
    visits(notes, "唤醒", [31, 45])                                           # 2-2-1
    visits(notes, "维护", [31, 40, 50])                                       # 2-3-1: frequency too high
    visits(notes, "也维护", [1, 2, 3, 4, 5], "- 关心 ↑")                         # 5-4-3: need too low
    got = {c["customer"]: (c["rfm"], c["segment"]) for c in notes.json("score", "--today", "2026-11-30")["customers"]}
    assert got == {"顾问": ("4-4-5", "consultative"), "唤醒": ("2-2-1", "wake-up"),
                   "维护": ("2-3-1", "maintain"), "也维护": ("5-4-3", "maintain")}


def test_segment_settings(notes):
    visits(notes, "甲", [1, 2, 3], "- 关心 ↑")                                 # 5-3-3
    assert rfm_of(notes, "甲").segment == "maintain"
    assert rfm_of(notes, "甲", settings_from_mapping({"consultative_min": 3}, "f")).segment == "consultative"
    visits(notes, "乙", [20, 25])                                             # 3-2-1
    assert rfm_of(notes, "乙").segment == "maintain"
    assert rfm_of(notes, "乙", settings_from_mapping({"wake_up_max": 3}, "f")).segment == "wake-up"


# ---------------------------------------------------------------- tier and segment history
def test_tier_history_follows_the_visits_that_changed_the_profile(notes):
    notes.profile("甲", 3, 3, 3)                                              # 50: B
    notes.visit("甲", "2026-11-10", potential="{prescriptions: 5}")           # 75: A
    notes.visit("甲", "2026-11-20 15:00", potential="{influence: 1, department: 1}")  # 50: B
    notes.visit("甲", "2026-11-25", potential="{prescriptions: 5}")           # unchanged: no change
    c = customer(notes, "甲")
    assert [tier(c, DEFAULTS, date(2026, 11, d)).tier for d in (9, 10, 19, 20)] == ["B", "A", "A", "B"]
    got = tier_changes(c, DEFAULTS, date(2026, 11, 9), date(2026, 11, 30))
    assert [(ch.day, ch.old, ch.new, ch.source) for ch in got] == [
        (date(2026, 11, 10), "B", "A", c.visits[0].source), (date(2026, 11, 20), "A", "B", c.visits[1].source)]
    assert {(ch.customer, ch.kind) for ch in got} == {("甲", "tier")}
    assert str(got[0].source) == "visits/2026-11-10-甲.md:1"
    assert tier_changes(c, DEFAULTS, date(2026, 11, 11), date(2026, 11, 19)) == []
    assert tier_changes(c, DEFAULTS, date(2026, 11, 20), date(2026, 11, 20))[0].new == "B"   # both ends included
    # the command replays the past
    assert notes.json("score", "--today", "2026-11-15")["customers"][0]["tier"] == "A"
    assert notes.json("score", "--today", "2026-11-09")["customers"][0]["tier"] == "B"


def test_tier_history_from_unscored_and_with_override(notes):
    notes.visit("新", "2026-11-03")
    notes.visit("新", "2026-11-05", potential="{prescriptions: 4, influence: 4, department: 4}")  # 75: A
    notes.profile("定", 1, 1, 1, tier="A")
    notes.visit("定", "2026-11-05", potential="{prescriptions: 5, influence: 5, department: 5}")
    c = customer(notes, "新")
    assert [(ch.day, ch.old, ch.new, ch.source) for ch in tier_changes(c, DEFAULTS, date(2026, 11, 2),
                                                                      date(2026, 11, 8))] == [
        (date(2026, 11, 5), "C", "A", c.visits[1].source)]
    assert tier(c, DEFAULTS, date(2026, 11, 4)).source == "unscored"
    assert tier_changes(customer(notes, "定"), DEFAULTS, date(2026, 11, 2), date(2026, 11, 8)) == []


def test_segment_history(notes):
    visits(notes, "甲", [35, 50])                      # on 11-30: 2-2-1 wake-up; a week before: 3-2-1 maintain
    notes.visit("新", "2026-11-28")                     # first contact within the week
    c = customer(notes, "甲")
    start, end = date(2026, 11, 24), date(2026, 11, 30)
    assert rfm(c, date(2026, 11, 23), DEFAULTS).segment == "maintain"
    assert rfm(c, end, DEFAULTS).segment == "wake-up"
    assert segment_change(c, DEFAULTS, start, end) == ("maintain", "wake-up", "3-2-1", "2-2-1")
    assert segment_change(c, DEFAULTS, end, end) is None
    assert segment_change(customer(notes, "新"), DEFAULTS, start, end) == (None, "maintain", None, "5-1-1")
    assert segment_change(customer(notes, "新"), DEFAULTS, date(2026, 11, 1), date(2026, 11, 7)) is None
    got = [(x.customer, x.kind, x.day, x.old, x.new) for x in changes(notes.load(), DEFAULTS, start, end)]
    assert got == [("新", "segment", end, None, "maintain"), ("甲", "segment", end, "maintain", "wake-up")]


# ---------------------------------------------------------------- the command
def test_json_shape(notes):
    notes.profile("王建国", 4, 5, 3, aliases="[王主任]")
    notes.visit("王主任", "2026-11-20 10:00", "- 对剂型对比感兴趣 ↑", tags="[学术支持]")
    notes.write("visits/broken.md", "---\ncustomer: 坏\ndate: 2026-13-45\n---\n")
    result = notes.run("score", "--today", "2026-11-30", "--json")
    assert result.exit_code == 0
    import json
    data = json.loads(result.stdout)
    assert set(data) == {"today", "customers", "errors"} and data["today"] == "2026-11-30"
    assert data["errors"] == [{"path": "visits/broken.md", "line": 3, "message": data["errors"][0]["message"]}]
    assert "visits/broken.md:3" in result.stderr
    assert data["customers"] == [{
        "customer": "王建国", "aliases": ["王主任"], "potential": 77.5, "tier": "A", "tier_source": "computed",
        "recency_days": 10, "frequency": 1, "need_value": 2, "rfm": "4-1-2", "segment": "maintain",
        "last_contact": "2026-11-20", "scores": {"recency": 4, "frequency": 1, "need": 2},
        "potential_inputs": {"prescriptions": 4, "influence": 5, "department": 3},
    }]


def _sample(notes):
    notes.profile("甲", 5, 5, 5)                         # 100 A
    notes.profile("乙", 4, 5, 3)                         # 77.5 A
    notes.profile("丙", 3, 3, 3)                         # 50 B
    notes.profile("丁", 1, 1, 1, tier="B")               # 0, B by hand
    notes.profile("戊", 2, 2, 2)                         # 25 C
    visits(notes, "甲", [70])                            # wake-up
    visits(notes, "乙", [1, 10, 20, 30, 40], "- 关心 ↑ !\n- 想要 ↑")  # consultative
    visits(notes, "丙", [3])
    visits(notes, "己", [2])                             # no profile: unscored C


def test_sorted_by_tier_then_potential(notes):
    _sample(notes)
    got = [(c["customer"], c["tier"], c["potential"]) for c in notes.json("score", "--today", "2026-11-30")["customers"]]
    assert got == [("甲", "A", 100.0), ("乙", "A", 77.5), ("丙", "B", 50.0), ("丁", "B", 0.0),
                   ("戊", "C", 25.0), ("己", "C", None)]


def test_filters(notes):
    _sample(notes)

    def names(*args):
        return [c["customer"] for c in notes.json("score", "--today", "2026-11-30", *args)["customers"]]

    assert names("--tier", "A") == ["甲", "乙"]
    assert names("--tier", "b", "--tier", "C") == ["丙", "丁", "戊", "己"]
    assert names("--tier", "A,C") == ["甲", "乙", "戊", "己"]
    assert names("--segment", "wake-up") == ["甲", "丁", "戊"]
    assert names("--segment", "consultative") == ["乙"]
    assert names("--tier", "A", "--segment", "maintain") == []
    assert "No customers match." in notes.run("score", "--today", "2026-11-30", "--tier", "A", "--segment", "maintain", "--lang", "en").stdout
    bad = notes.run("score", "--tier", "D", "--lang", "en")
    assert bad.exit_code == 2 and "--tier 'D'" in bad.stderr
    bad = notes.run("score", "--segment", "sleepy", "--lang", "zh")
    assert bad.exit_code == 2 and "唤醒" in bad.stderr


def test_table_for_people(notes):
    _sample(notes)
    out = notes.run("score", "--today", "2026-11-30", "--lang", "en").stdout
    lines = out.splitlines()
    assert lines[0].split() == ["Customer", "Tier", "Potential", "RFM", "Segment", "Last", "contact"]
    rows = [line.split()[0] for line in lines[1:7]]
    assert rows == ["甲", "乙", "丙", "丁", "戊", "己"]
    assert "██████████" in lines[1] and "1-1-1" in lines[1] and "wake-up" in lines[1] and "09-21 (70 d ago)" in lines[1]
    assert "B*" in lines[4] and "C?" in lines[6]
    assert "6 customers · A 2 · B 2 · C 2 · consultative 1 · maintain 2 · wake-up 3" in out
    zh = notes.run("score", "--today", "2026-11-30", "--lang", "zh").stdout
    assert "顾问式" in zh and "唤醒" in zh and "70 天前" in zh and "手工指定" in zh


def test_explain_shows_the_arithmetic_in_english(notes):
    notes.profile("王建国", 4, 5, 3, aliases="[王主任]")
    notes.visit("王主任", ago(10), """
        - 对剂型对比感兴趣 ↑
        - 本周内要 !
        """, tags="[学术支持, 药物经济学]", rel="visits/a.md")
    notes.visit("王建国", ago(30), "- 问价格 ↑", rel="visits/b.md")
    out = notes.run("score", "--today", "2026-11-30", "--explain", "王主任", "--lang", "en").stdout
    for expected in [
        "王建国 (王主任): score on 2026-11-30",
        "weights prescriptions 0.5, influence 0.3, department 0.2; thresholds A ≥ 70, B ≥ 40 (the defaults)",
        "4 → (4−1)×25 = 75 × 0.5 = 37.5",
        "5 → (5−1)×25 = 100 × 0.3 = 30",
        "3 → (3−1)×25 = 50 × 0.2 = 10",
        "customers/王建国.md:4",
        "potential = 37.5 + 30 + 10 = 77.5",
        "77.5 ≥ 70 → tier A",
        "window 2026-09-01 – 2026-11-30",
        "recency: last contact 2026-11-20, days since = 10 ≤ 14 → 4",
        "frequency: 2 contacts in the window ≥ 2 → 2",
        "10-31, 11-20",
        "need value: 3 ↑/! marks + 2 for need keywords = 5 ≥ 3 → 3",
        "+1 ↑  11-20  对剂型对比感兴趣",
        "#学术支持 +1, #药物经济学 +1",
        "RFM 4-2-3 → maintain: not all three ≥ 4 (F 2 < 4, M 3 < 4), "
        "and not both recency and frequency ≤ 2 (R 4 > 2)",
    ]:
        assert expected in out, expected
    lines = [line.split() for line in out.splitlines()]
    at = lines.index(["+1", "!", "11-20", "本周内要"])
    assert lines[at + 1] == ["visits/a.md:7"], "each counted mark has its source on the line below"


def test_explain_in_chinese_with_override_missing_and_wake_up(notes):
    notes.write("customers/林国华.md", "---\nname: 林国华\ntier: B\npotential: {prescriptions: 2}\n---\n")
    notes.visit("林国华", ago(75))
    out = notes.run("score", "--today", "2026-11-30", "--explain", "林", "--lang", "zh").stdout
    for expected in [
        "林国华：2026-11-30 的评分",
        "处方潜力",
        "2 → (2−1)×25 = 25 × 0.5 = 12.5",
        "缺少估计值：学术影响力, 科室权重 → 未评分",
        "潜力分会在 12.5 到 62.5 之间",
        "B级：客户档案中手工指定（customers/林国华.md:3）；潜力分未知",
        "距今天数 75 > 60 → 1",
        "窗口内 1 次联系 < 2 → 1",
        "窗口内没有 ↑/! 标记，也没有需求关键词",
        "RFM 1-1-1 → 唤醒：R 1 ≤ 2 且 F 1 ≤ 2",
    ]:
        assert expected in out, expected


def test_explain_names_settings_and_rounding(notes):
    notes.write("visitlog.yaml", "potential_weights: {prescriptions: 0.334, influence: 0.333, department: 0.333}\n"
                                 "tier_thresholds: {A: 60}\nconsultative_min: 3\n")
    notes.profile("甲", 5, 4, 3)                  # 33.4 + 24.975 + 16.65 = 75.025 -> 75
    visits(notes, "甲", [1, 2, 3], "- 关心 ↑")
    out = notes.run("score", "--today", "2026-11-30", "--explain", "甲", "--lang", "en").stdout
    assert "thresholds A ≥ 60, B ≥ 40 (from visitlog.yaml)" in out
    assert "potential = 33.4 + 24.975 + 16.65 = 75 (rounded from 75.025)" in out
    assert "75 ≥ 60 → tier A" in out
    assert "RFM 5-3-3 → consultative: all three scores ≥ 3" in out


def test_explain_json_and_unknown_customer(notes):
    notes.profile("王建国", 4, 5, 3)
    notes.visit("王建国", ago(10), "- 关心 ↑")
    data = notes.json("score", "--today", "2026-11-30", "--explain", "王")
    one = data["customers"][0]
    assert one["customer"] == "王建国" and one["rfm"] == "4-1-2"
    assert [p["points"] for p in one["explain"]["potential"]["parts"]] == [37.5, 30, 10]
    assert one["explain"]["rfm"]["bands"]["recency"] == {"value": 10, "score": 4, "rule": "<=", "limit": 14}
    assert one["explain"]["rfm"]["marks"][0]["text"] == "关心"
    bad = notes.run("score", "--explain", "nobody", "--lang", "en")
    assert bad.exit_code == 2 and "no customer matches 'nobody'" in bad.stderr


def test_sample_notebook_has_every_tier_and_segment(notes):
    sample = Path(__file__).resolve().parents[1] / "notes"
    from visitlog.notebook.load import load

    settings = load_settings(sample)
    scores = ranked(load(sample, settings), date(2026, 11, 20), settings)
    assert {s.tier.tier for s in scores} == {"A", "B", "C"}
    assert {s.rfm.segment for s in scores} == {"consultative", "maintain", "wake-up"}
    assert {s.tier.source for s in scores} == {"computed", "override", "unscored"}


# ---------------------------------------------------------------- check
def test_check_reports_bad_potential_with_path_and_line(notes):
    notes.write("customers/甲.md", """
        ---
        name: 甲
        potential:
          prescriptions: 6
          influence: 高
          department: 3
        ---
        """)
    notes.write("customers/乙.md", "---\nname: 乙\npotential: 5\n---\n")
    notes.visit("甲", "2026-11-10", potential="{influence: 0}")
    notes.visit("乙", "2026-11-11", potential="{prescriptions: 4.5, department: 2}")
    notes.visit("丙", "2026-11-12", potential="[4, 5, 3]")
    data = notes.json("check", ok=(1,))
    got = [(p["path"], p["line"], p["code"]) for p in data["problems"]]
    assert got == [
        ("customers/乙.md", 3, "bad-type"),
        ("customers/甲.md", 4, "potential-range"),
        ("customers/甲.md", 5, "potential-range"),
        ("visits/2026-11-10-甲.md", 4, "potential-range"),
        ("visits/2026-11-11-乙.md", 4, "potential-range"),
        ("visits/2026-11-12-丙.md", 4, "bad-type"),
    ]
    text = notes.run("check", "--lang", "en").stdout
    assert "customers/甲.md:4: error: potential 'prescriptions' must be a whole number 1-5, got 6; ignored" in text
    assert "visits/2026-11-10-甲.md:4: error: potential 'influence' must be a whole number 1-5, got 0" in text
    # what was valid still counts; the bad values are ignored
    c = customer(notes, "乙")
    assert c.profile_at()["potential"] == {"department": 2}
    assert tier(customer(notes, "甲"), DEFAULTS).potential.inputs == (("department", 3),)


def test_a_contact_today_reads_today_not_zero_days_ago(notes):
    notes.visit("甲", "2026-11-20")
    out = notes.run("score", "--today", "2026-11-20", "--lang", "zh").stdout
    assert "11-20 (今天)" in out and "0 天前" not in out
