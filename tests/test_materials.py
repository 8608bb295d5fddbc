"""The material library, needs read across visits, and what to bring (docs/materials.md)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from visitlog.notebook.settings import DEFAULTS, SettingsError, settings_from_mapping
from visitlog.rules.materials import (ladder, material_problems, planned, sent, suggestions, what_to_bring,
                                      with_suggestions)
from visitlog.rules.needs import inferred_needs

TODAY = date(2026, 11, 20)


def material(notes, stem: str, title: str, kind: str = "evidence", layer: str | None = None, needs="[药物经济学]",
             until: str = "2027-06-30", **extra) -> None:
    lines = [f"title: {title}", f"kind: {kind}", f"needs: {needs}", f"approved_until: {until}"]
    if layer:
        lines.append(f"layer: {layer}")
    lines += [f"{k}: {v}" for k, v in extra.items()]
    notes.write(f"materials/{stem}.md", "---\n" + "\n".join(lines) + "\n---\n" + f"{title}的说明。\n")


@pytest.fixture
def wang(notes):
    """A customer asking about pharmacoeconomics in 3 of 5 contacts, with a ladder of cost materials."""
    notes.profile("王建国", 4, 5, 4, since="2025-03-02", aliases="[王主任]")
    material(notes, "cost-basic", "成本效果简版", layer="basic")
    material(notes, "cost-advanced", "药经模型期刊版", layer="advanced", issued="2026-10-01")
    material(notes, "cost-advanced-old", "药经模型旧版", layer="advanced", issued="2025-01-01")
    material(notes, "cost-expert", "专家解读费用", layer="expert")
    notes.visit("王建国", "2026-09-01 10:00", """
        - 问药物经济学模型的数据来源 ?
        - [x] 把[[成本效果简版]]发过去 📅 2026-09-03 ✅ 2026-09-02
        """)
    notes.visit("王建国", "2026-09-20 10:00", "- 聊了指南更新")
    notes.visit("王建国", "2026-10-10 10:00", "- 医院开始DRG付费，科里在算账", tags="[医保]")
    notes.visit("王建国", "2026-10-30 10:00", "- 病例讨论的安排")
    notes.visit("王建国", "2026-11-18 10:00", "- 药事会要看药经资料 (!)")
    return notes


# ------------------------------------------------------------------ the library
def test_a_material_file_is_read_with_its_fields(notes):
    material(notes, "pe", "宣教手册", kind="patient-education", needs="[患者教育, 患者管理]", tiers="[a, B]",
             products="[格列沐缓释片]", id="PE-1", issued="2026-04-01")
    nb = notes.load()
    (m,) = nb.materials
    assert (m.id, m.title, m.kind, m.layer, m.needs, m.tiers, m.products) == (
        "PE-1", "宣教手册", "patient-education", None, ("患者教育", "患者管理"), ("A", "B"), ("格列沐缓释片",))
    assert (m.approved_until, m.issued, m.explicit_id) == (date(2027, 6, 30), date(2026, 4, 1), True)
    assert nb.material("pe") is m and nb.material("pe-1") is m and nb.material("宣教手册") is m
    assert not nb.visits and not [p for p in nb.problems if p.code == "not-a-visit"]


def test_a_bad_layer_is_an_error_with_its_line_and_the_rest_is_read(notes):
    material(notes, "a", "甲", layer="beginner")
    material(notes, "b", "乙", layer="basic")
    nb = notes.load()
    assert [m.title for m in nb.materials] == ["乙"]
    (p,) = [p for p in nb.problems if p.source.path == "materials/a.md"]
    assert (p.level, p.code, p.source.line, p.arg("value")) == ("error", "unknown-value", 6, "beginner")


def test_two_materials_with_one_title_warn_and_the_first_file_wins(notes):
    material(notes, "a", "同名")
    material(notes, "b", "同名")
    nb = notes.load()
    assert [m.source.path for m in nb.materials] == ["materials/a.md"]
    assert [(p.source.path, p.code) for p in nb.problems] == [("materials/b.md", "duplicate-material")]


# ------------------------------------------------------------------ what was sent
def test_a_material_named_in_a_done_action_is_received_on_its_done_day(wang):
    nb = wang.load()
    c = nb.customer("王建国")
    (r,) = sent(nb, c, TODAY)
    assert (r.material.title, r.day, r.source.line) == ("成本效果简版", date(2026, 9, 2), 6)
    assert sent(nb, c, date(2026, 9, 1)) == ()          # not yet done that day


def test_open_cancelled_and_asked_for_give_nothing_plain_line_and_id_do(notes):
    material(notes, "a", "甲资料", id="M-A")
    material(notes, "b", "乙资料")
    material(notes, "c", "丙资料")
    material(notes, "d", "丁资料", id="M-D")
    notes.visit("刘芳", "2026-11-02 10:00", """
        - 当面给了[[乙资料|那份乙]]
        - 想要[[丙资料]] ?
        - [ ] 下周把[[甲资料]]发过去 📅 2026-11-09
        - [-] 原想发[[丁资料]]，取消
        - [x] 已发M-D给刘主任，M-DX 不是它 ✅ 2026-11-03
        """)
    nb = notes.load()
    c = nb.customer("刘芳")
    assert [(r.material.title, r.day) for r in sent(nb, c, TODAY)] == [("乙资料", date(2026, 11, 2)),
                                                                       ("丁资料", date(2026, 11, 3))]
    assert [p.material.title for p in planned(nb, c, TODAY)] == ["甲资料"]
    assert nb.visits[0].points[0].text == "当面给了那份乙"      # a link reads as its shown text


def test_the_timeline_ladder_groups_layers_by_need(wang):
    nb = wang.load()
    (rung,) = ladder(nb, nb.customer("王建国"), TODAY)
    assert rung.need == "cost-benefit"
    assert [(layer, [r.material.title for r in had]) for layer, had in rung.had] == [
        ("basic", ["成本效果简版"]), ("advanced", []), ("expert", [])]
    out = wang.run("timeline", "王建国", "--today", "2026-11-20", "--lang", "zh").stdout
    assert "资料阶梯" in out and "成本效益: 基础 ✓ 成本效果简版 (09-02) │ 进阶 · │ 专家 ·" in out


# ------------------------------------------------------------------ needs read across visits
def test_a_need_in_3_of_the_last_5_contacts_is_inferred_with_its_evidence(wang):
    nb = wang.load()
    (need,) = inferred_needs(nb, nb.customer("王建国"), TODAY, DEFAULTS)
    assert (need.id, need.rule, need.recent, need.of) == ("cost-benefit", "recent", 3, 5)
    assert [(m.day.isoformat(), m.words) for m in need.mentions] == [
        ("2026-09-01", ("药物经济学",)), ("2026-10-10", ("医保", "DRG")), ("2026-11-18", ("药经",))]


def test_the_inference_thresholds_come_from_settings(wang):
    nb = wang.load()
    c = nb.customer("王建国")
    assert inferred_needs(nb, c, TODAY, replace(DEFAULTS, need_min_contacts=4, need_span_days=90)) == ()
    (need,) = inferred_needs(nb, c, TODAY, replace(DEFAULTS, need_recent_contacts=3, need_min_contacts=2,
                                                   need_span_days=400))
    assert (need.rule, need.recent, need.of) == ("recent", 2, 3)
    # three of the last five are not enough for 4, but the mentions span 78 days >= 60: a lasting need
    (need,) = inferred_needs(nb, c, TODAY, replace(DEFAULTS, need_min_contacts=4))
    assert (need.rule, need.span_days) == ("lasting", 78)
    assert inferred_needs(nb, c, TODAY, replace(DEFAULTS, need_min_contacts=4, need_lookback_days=30)) == ()


def test_need_settings_are_checked(tmp_path):
    with pytest.raises(SettingsError, match="need_min_contacts"):
        settings_from_mapping({"need_recent_contacts": 2, "need_min_contacts": 3}, "visitlog.yaml")
    assert settings_from_mapping({"need_span_days": 30}, "x").need_span_days == 30


def test_a_tag_no_emphasis_knows_is_its_own_need(notes):
    for day in ("2026-10-01", "2026-10-15", "2026-11-01"):
        notes.visit("周婷", f"{day} 09:00", "- 例行拜访", tags="[冷链]")
    nb = notes.load()
    (need,) = inferred_needs(nb, nb.customer("周婷"), TODAY, DEFAULTS)
    assert (need.id, need.emphasis) == ("冷链", None)


def test_a_notebook_extends_the_need_map(notes):
    notes.write("materials/needs.yaml", """
        cost-benefit:
          keywords: [算账]
        cold-chain:
          keywords: [冷链]
          zh: 说明冷链配送保障
        """)
    for day in ("2026-10-01", "2026-10-15", "2026-11-01"):
        notes.visit("周婷", f"{day} 09:00", "- 科里又在算账，问冷链怎么保证 ?")
    nb = notes.load()
    needs = inferred_needs(nb, nb.customer("周婷"), TODAY, DEFAULTS)
    assert sorted((n.id, n.words) for n in needs) == [("cold-chain", ("冷链",)), ("cost-benefit", ("算账",))]
    assert next(n for n in needs if n.id == "cold-chain").emphasis.text("zh") == "说明冷链配送保障"


def test_a_bad_need_map_is_a_problem_of_its_file(notes):
    notes.write("materials/needs.yaml", "cost-benefit: [oops]\n")
    nb = notes.load()
    assert [(p.source.path, p.level, p.code) for p in nb.problems] == [("materials/needs.yaml", "error", "needs-file")]
    assert any(e.id == "cost-benefit" for e in nb.emphases)   # the shipped map is still used


# ------------------------------------------------------------------ what to bring
def test_the_next_layer_not_yet_had_is_suggested_newest_first(wang):
    nb = wang.load()
    found = suggestions(nb, nb.customer("王建国"), TODAY, DEFAULTS, tier="B", segment="maintain", established=False)
    (s,) = found
    assert (s.rule, s.material.title, dict(s.args)["layer"], dict(s.args)["had"]) == (
        "need", "药经模型期刊版", "advanced", "basic")


def test_with_every_lower_layer_had_the_expert_layer_comes_next(wang):
    wang.visit("王建国", "2026-11-19 10:00", "- [x] 送去[[药经模型期刊版]] ✅ 2026-11-19\n- [x] 再送[[药经模型旧版]] ✅ 2026-11-19")
    nb = wang.load()
    (s,) = suggestions(nb, nb.customer("王建国"), TODAY, DEFAULTS, tier="B", segment="maintain", established=False)
    assert s.material.title == "专家解读费用"


def test_an_expired_material_is_never_suggested(wang):
    material(wang, "cost-advanced", "药经模型期刊版", layer="advanced", until="2026-11-19", issued="2026-10-01")
    nb = wang.load()
    (s,) = suggestions(nb, nb.customer("王建国"), TODAY, DEFAULTS, tier="B", segment="maintain", established=False)
    assert s.material.title == "药经模型旧版"
    assert suggestions(nb, nb.customer("王建国"), date(2026, 11, 19), DEFAULTS, tier="B", segment="maintain",
                       established=False)[0].material.title == "药经模型期刊版"   # still approved that day


def test_a_need_with_no_approved_material_asks_for_one(notes):
    for day in ("2026-10-01", "2026-10-15", "2026-11-01"):
        notes.visit("周婷", f"{day} 09:00", "- 问儿童怎么用 ?", tags="[儿科需求]")
    material(notes, "kids", "儿科用药指导", needs="[儿科需求]", until="2026-10-31")
    nb = notes.load()
    (s,) = suggestions(nb, nb.customer("周婷"), TODAY, DEFAULTS, tier="C", segment="maintain", established=False)
    assert (s.rule, s.material, s.need.id) == ("missing", None, "paediatric")


def test_tier_limits_scarce_resources_go_to_a_only(notes):
    material(notes, "seat", "全国年会席位", kind="event", needs="[学术支持]", tiers="[A]")
    material(notes, "talk", "科室会", kind="event", needs="[学术支持]")
    notes.visit("刘芳", "2026-11-10 10:00", "- 例行拜访")
    nb = notes.load()
    c = nb.customer("刘芳")
    found = suggestions(nb, c, TODAY, DEFAULTS, tier="A", segment="maintain", established=False)
    assert [(s.rule, s.material.title) for s in found] == [("scarce", "全国年会席位")]
    assert suggestions(nb, c, TODAY, DEFAULTS, tier="B", segment="maintain", established=False) == ()
    # and a tier-limited material does not answer a B customer's need either
    for day in ("2026-10-01", "2026-10-15", "2026-11-01"):
        notes.visit("刘芳", f"{day} 09:00", "- 想要学术支持", tags="[学术支持]")
    nb = notes.load()
    found = suggestions(nb, nb.customer("刘芳"), TODAY, DEFAULTS, tier="B", segment="maintain", established=False)
    assert [s.material.title for s in found] == ["科室会"]


def test_established_customers_get_the_update_of_the_month_until_they_had_two(notes):
    material(notes, "u1", "十一月医保动态", kind="update", needs="[医保]", issued="2026-11-05")
    material(notes, "u0", "九月旧动态", kind="update", needs="[医保]", issued="2026-09-01")
    notes.visit("刘芳", "2026-11-10 10:00", "- 例行拜访")
    nb = notes.load()
    c = nb.customer("刘芳")
    found = suggestions(nb, c, TODAY, DEFAULTS, tier="C", segment="maintain", established=True)
    assert [(s.rule, s.material.title) for s in found] == [("update", "十一月医保动态")]
    assert suggestions(nb, c, TODAY, DEFAULTS, tier="C", segment="maintain", established=False) == ()
    found = suggestions(nb, c, TODAY, replace(DEFAULTS, updates_per_month=1), tier="C", segment="maintain",
                        established=True)
    assert [s.material.title for s in found] == ["十一月医保动态"]
    notes.visit("刘芳", "2026-11-12 10:00", "- 当面给了[[十一月医保动态]]")
    nb = notes.load()
    found = suggestions(nb, nb.customer("刘芳"), TODAY, replace(DEFAULTS, updates_per_month=1), tier="C",
                        segment="maintain", established=True)
    assert found == ()


def test_a_wake_up_brings_a_hot_topic_and_new_evidence(notes):
    material(notes, "u1", "指南更新", kind="update", needs="[指南]", issued="2026-11-01")
    material(notes, "e1", "新研究", needs="[学术支持]", issued="2026-10-01")
    material(notes, "e0", "老研究", needs="[学术支持]", issued="2025-01-01")
    notes.visit("孙伟", "2026-08-01 10:00", "- 例行拜访")
    nb = notes.load()
    found = what_to_bring(nb, nb.customer("孙伟"), TODAY, DEFAULTS)
    assert [(s.rule, s.material.title, dict(s.args)["days"]) for s in found] == [
        ("wake-up-topic", "指南更新", 111), ("wake-up-evidence", "新研究", 111)]


def test_due_contact_items_carry_the_first_suggestion(wang):
    from visitlog.rules.due import due

    nb = wang.load()
    items = with_suggestions(nb, due(nb, TODAY, DEFAULTS, 30), TODAY, DEFAULTS)
    contact = [i for i in items if i.kind in ("cadence", "appointment", "wake-up")]
    assert contact and all(i.bring.material.title == "药经模型期刊版" for i in contact)
    data = wang.json("due", "--today", "2026-11-20", "--days", "30")
    row = next(i for i in data["items"] if i["kind"] in ("cadence", "appointment", "wake-up"))
    assert row["bring"]["material"]["title"] == "药经模型期刊版" and "cost-benefit" in row["bring"]["reason"]


# ------------------------------------------------------------------ check
def test_check_reports_a_wiki_link_to_a_missing_material_but_not_one_to_a_note(notes):
    material(notes, "a", "甲资料")
    notes.profile("刘芳")
    notes.visit("刘芳", "2026-11-02 10:00", """
        - 给了[[甲资料]]，见[[刘芳]]的档案和[[2026-10-01-刘芳]]
        - [ ] 下周发[[乙资料]] 📅 2026-11-09
        """)
    notes.visit("刘芳", "2026-10-01 10:00", "- 首次拜访")
    nb = notes.load()
    assert [(p.source.line, p.code, p.arg("name")) for p in nb.problems] == [(6, "missing-material", "乙资料")]
    result = notes.run("check", "--lang", "en")
    assert result.exit_code == 0 and "visits/2026-11-02-刘芳.md:6: warning: [[乙资料]] names no material" in result.stdout


def test_check_warns_where_an_expired_material_is_still_planned(notes):
    material(notes, "a", "旧价格表", until="2026-06-30")
    notes.visit("刘芳", "2026-06-02 10:00", "- [ ] 下周发[[旧价格表]] 📅 2026-06-09\n- [x] 发了[[旧价格表]] ✅ 2026-06-03")
    nb = notes.load()
    (p,) = material_problems(nb, TODAY)
    assert (p.source.line, p.code, p.arg("until")) == (5, "material-expired", "2026-06-30")
    assert material_problems(nb, date(2026, 6, 30)) == []
    out = notes.run("check", "--today", "2026-11-20", "--lang", "zh").stdout
    assert "visits/2026-06-02-刘芳.md:5: warning: 这里仍计划发送《旧价格表》，但它的批准已于 2026-06-30 到期" in out


# ------------------------------------------------------------------ views
def test_prep_shows_what_to_bring_with_reason_and_file(wang):
    screen = wang.run("prep", "王建国", "--today", "2026-11-20", "--lang", "zh").stdout
    assert "• 药经模型期刊版  [进阶 · 证据] — 需求「成本效益」· 下一层：进阶（已有：基础）" in screen
    assert "推断的需求（1）" in screen.splitlines()[-1]                  # folded: named on the last line
    out = wang.run("prep", "王建国", "--today", "2026-11-20", "--lang", "zh", "-v").stdout
    assert "推断的需求 (1)" in out and "成本效益  最近5次联系中有3次提到（药物经济学、医保、DRG）" in out
    assert "• 药经模型期刊版  [进阶 · 证据]" in out and "→ 突出成本-效果和药物经济学数据" in out
    assert "需求「成本效益」· 下一层：进阶（已有：基础）" in out and "materials/cost-advanced.md" in out
    data = wang.json("prep", "王建国", "--today", "2026-11-20")
    (need,) = data["inferred_needs"]
    assert (need["need"], need["rule"], need["recent"], need["of"]) == ("cost-benefit", "recent", 3, 5)
    assert [c["date"] for c in need["contacts"]] == ["2026-09-01", "2026-10-10", "2026-11-18"]
    assert data["what_to_bring"][0]["material"]["path"] == "materials/cost-advanced.md"


def test_score_explain_shows_inferred_needs(wang):
    out = wang.run("score", "--explain", "王建国", "--today", "2026-11-20", "--lang", "en").stdout
    assert "Inferred needs (1)" in out and "in 3 of the last 5 contacts" in out
    assert "2026-10-10  医保、DRG" in out
    data = wang.json("score", "--explain", "王建国", "--today", "2026-11-20")
    assert data["customers"][0]["explain"]["inferred_needs"][0]["need"] == "cost-benefit"


# ------------------------------------------------------------------ review
def test_review_counts_materials_sent_by_need_and_layer_and_lists_needs_without_material(wang):
    from visitlog.rules.materials import materials_review

    wang.visit("王建国", "2026-11-17 10:00", "- [x] 送去[[药经模型期刊版]] ✅ 2026-11-17")
    wang.visit("刘芳", "2026-11-16 10:00", "- 问儿童剂量 ?", tags="[儿科需求]", products="[沐宁止咳颗粒]")
    material(wang, "kids", "格列沐儿童资料", needs="[儿科需求]", products="[格列沐缓释片]")
    nb = wang.load()
    m = materials_review(nb, date(2026, 11, 16), date(2026, 11, 22), DEFAULTS)
    assert [(r.need, dict(r.layers)["advanced"], r.customers) for r in m.sent] == [("cost-benefit", 1, ("王建国",))]
    assert [(x.need, x.customers, x.products) for x in m.missing] == [("paediatric", ("刘芳",), ("沐宁止咳颗粒",))]
    assert materials_review(nb, date(2026, 11, 18), date(2026, 11, 22), DEFAULTS).sent == ()
    data = wang.json("review", "--week", "2026-W47", "--today", "2026-11-20")
    assert data["materials"]["sent"][0]["layers"] == {"basic": 0, "advanced": 1, "expert": 0, "none": 0}
    assert data["materials"]["missing"][0]["need"] == "paediatric"
    out = wang.run("review", "--week", "2026-W47", "--today", "2026-11-20", "--lang", "zh").stdout
    assert "• 成本效益: 进阶 1  (王建国)" in out and "• 儿科 · 沐宁止咳颗粒: 刘芳  (儿科需求)" in out


def test_a_notebook_without_a_library_shows_no_material_sections(notes):
    notes.visit("刘芳", "2026-11-16 10:00", "- 例行拜访", tags="[医保]")
    data = notes.json("review", "--week", "2026-W47", "--today", "2026-11-20")
    assert "materials" not in data
    out = notes.run("prep", "刘芳", "--today", "2026-11-20", "--lang", "en").stdout
    assert "no material library" in out


def test_an_unreadable_approval_date_leaves_the_material_out(notes):
    material(notes, "a", "甲", until="下个月")
    nb = notes.load()
    assert nb.materials == ()
    assert [(p.code, p.source.line) for p in nb.problems] == [("bad-date", 5)]


# ------------------------------------------------------------------ no input crashes the library
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st  # noqa: E402

from visitlog.notebook.model import Material  # noqa: E402
from visitlog.notebook.parse import parse_note  # noqa: E402

_MKEYS = ["title", "id", "kind", "layer", "needs", "products", "tiers", "approved_until", "issued"]
_mvalues = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.text(max_size=20),
                     st.lists(st.one_of(st.text(max_size=8), st.integers()), max_size=3),
                     st.sampled_from(["basic", "expert", "update", "A", "2026-02-30", "2027-01-01", "[[x]]"]))


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(_MKEYS), _mvalues, max_size=9), st.text(max_size=60))
def test_any_material_front_matter_gives_a_material_or_problems(fm, body):
    import yaml

    text = "---\n" + yaml.safe_dump(fm, allow_unicode=True) + "---\n" + body
    record, problems = parse_note("materials/x.md", text.encode("utf-8", "surrogatepass"), DEFAULTS)
    assert record is None or isinstance(record, Material)
    assert record is not None or problems


@hsettings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_wiki_link_text_parses(line):
    record, _ = parse_note("visits/x.md", f"---\ncustomer: 甲\ndate: 2026-11-01\n---\n- [[{line}]] 和 [[{line}|显示]]\n"
                           .encode("utf-8", "surrogatepass"), DEFAULTS)
    assert record is None or all(link.target for link in record.links)


def test_a_need_map_that_links_out_of_the_notebook_is_not_read(notes, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("cost-benefit:\n  keywords: [外面的词]\n", encoding="utf-8")
    (notes.root / "materials").mkdir(parents=True, exist_ok=True)
    try:
        (notes.root / "materials" / "needs.yaml").symlink_to(outside)
    except OSError:
        pytest.skip("no symlinks here")
    nb = notes.load()
    assert [(p.code, p.level) for p in nb.problems] == [("needs-file", "warning")]
    assert "外面的词" not in next(e for e in nb.emphases if e.id == "cost-benefit").keywords


def test_an_oversized_need_map_is_refused(notes):
    notes.write("materials/needs.yaml", "x: " + "y" * 1_000_001 + "\n")
    nb = notes.load()
    assert [(p.code, p.level) for p in nb.problems] == [("needs-file", "error")]
