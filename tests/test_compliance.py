"""The compliance families (notebook/compliance.py, docs/compliance.md): per family a table of
lines that must be found and look-alike lines that must not, in Chinese and English."""
from __future__ import annotations

import pytest

from visitlog.notebook import compliance
from visitlog.notebook.parse import parse_note
from visitlog.notebook.settings import DEFAULTS, settings_from_mapping


def codes(line: str, **kw) -> set[str]:
    return {code for _, code, _, _ in compliance.scan(line, **kw)}


def kinds(line: str) -> set[str]:
    return {args["what"] for _, code, args, _ in compliance.scan(line) if code == "personal-data"}


HITS = {
    "inducement": [
        "对方暗示需要回扣", "送了主任两张礼品卡", "周五请他吃饭", "约主任周末一起喝酒唱歌",
        "下个月给主任安排讲课费", "公司出钱安排主任去三亚旅游", "帮主任报销机票和酒店", "过年给科室发红包",
        "给护士长送了一盒茶叶", "每开一盒给他返20元", "按处方量给主任提成", "主任说多开我们的药就给劳务费",
        "塞了一个信封的现金", "给他买了块手表", "准备了京东卡作为感谢",
        "Gave him a $200 gift card", "Took Dr Li to dinner on Friday", "offered a kickback for listing",
        "She asked for a red envelope before the holiday", "We paid for his flights to Sanya",
        "He wants a speaker fee for every prescription", "bought the director lunch and drinks",
        "a sponsored trip to Bali for him and his wife", "promised cash if he prescribes more",
    ],
    "prescriber-data": [
        "想拿到每个医生的处方量", "能不能帮忙统方", "让信息科导出一份用量数据", "王主任处方量排名第几",
        "按医生统计一下我们产品的用量", "问问药房哪位医生开得多", "他上个月开了多少盒",
        "asked the pharmacy for prescriber-level data", "How many boxes Dr Wang prescribed last month",
        "get the prescription data for each doctor", "her prescription numbers for October",
    ],
    "off-label": [
        "可以超说明书用于儿童", "主任想超适应症使用", "建议他试用于孕妇", "说明书外的用法也可以推荐",
        "told him it works off-label for kids", "recommended it for an unapproved indication",
        "suggested using it outside the label", "It's not approved for children but works well",
    ],
    "claim": [
        "绝对安全，没有任何副作用", "这个药百分之百有效", "保证治愈", "零副作用", "疗效最好的药",
        "可以根治糖尿病", "效果立竿见影", "比竞品安全多了，没有之一",
        "The drug is completely safe", "It has no side effects", "guaranteed results in two weeks",
        "the best drug on the market", "It works for every patient", "a miracle drug for diabetes",
    ],
    "disparaging": [
        "竞品就是垃圾", "他们家的药是假药", "某竞品A效果差，会被淘汰", "那个仿制药骗人的",
        "Their product is garbage", "the competitor's drug is dangerous", "told him the rival brand is junk",
    ],
    "patient-identity": [
        "3床患者用药后皮疹", "住院号 12345678", "患者病历号已记下", "登记了患者姓名和电话",
        "patient in bed 12 had a rash", "MRN 445566", "wrote down the patient's name",
    ],
}

CLEAN = {
    "inducement": [
        "会议在宴会厅举行", "主任很有礼貌", "主任说忙得没空吃饭", "餐后血糖控制不理想", "医保报销比例提高了",
        "患者援助项目的申请表", "给科室送了患者教育手册", "公司严禁任何形式的回扣", "主任拒绝了我们的礼品",
        "学术会议的注册已完成", "讲课的幻灯片已发给主任", "饭后服用，每日一次",
        "Lunch break was short", "take the medicine after dinner", "we presented the new data",
        "no gifts were offered", "cash flow at the pharmacy is tight", "patient assistance program forms",
    ],
    "prescriber-data": [
        "科室整体用量上升", "主任的用药习惯偏保守", "处方潜力估计为4", "用药后血糖平稳", "患者用药依从性差",
        "discussed prescribing habits", "department-level demand is growing", "prescription pad design",
    ],
    "off-label": [
        "按说明书用药", "主任问能否超说明书使用，已转医学部回复", "新适应症已获批",
        "he asked about off-label use; referred to medical information", "approved for adults with type 2 diabetes",
        "not yet approved for the formulary",
    ],
    "claim": [
        "side effects were discussed", "No side effects were reported in the trial", "最好下周再来",
        "幽门螺杆菌根治方案", "绝对风险降低2%", "患者报告没有不良反应", "patient reported no side effects",
        "absolute risk reduction of 2%", "不能说绝对安全", "最新的III期数据",
    ],
    "disparaging": [
        "主任反馈竞品价格更低", "医疗垃圾分类要求", "伤害人体的风险", "the competitor's price is lower",
        "junk mail from the hospital", "mushroom poisoning case",
    ],
    "patient-identity": [
        "科室共60床", "床位紧张", "临床反馈良好", "卧床休息", "bed rest for three days",
        "the ward has 40 beds", "不记录住院号",
    ],
}


@pytest.mark.parametrize("family,line", [(f, line) for f, lines in HITS.items() for line in lines])
def test_each_family_finds_its_lines(family, line):
    assert family in codes(line), compliance.scan(line)


@pytest.mark.parametrize("family,line", [(f, line) for f, lines in CLEAN.items() for line in lines])
def test_look_alike_lines_are_not_flagged(family, line):
    assert codes(line) == set(), compliance.scan(line)


PERSONAL_HITS = [
    ("科室联系人手机 13912345678", "phone"), ("联系人 +8613812345678", "phone"), ("电话 010-12345678", "phone"),
    ("手机１３８１２３４５６７８", "phone"), ("香港同事 +852 9123 4567", "phone"), ("新加坡 +65 9123 4567", "phone"),
    ("电话 (021) 6234 5678", "phone"), ("call me at +1 415 555 2671", "phone"), ("手机 139-1234-5678", "phone"),
    ("身份证 110101199003071234", "id-number"), ("身份证 110101 19900307 1233", "id-number"),
    ("编号110101199003071233", "id-number"), ("HKID A123456(3)", "id-number"),
    ("邮箱 zhang.san@example.com", "email"), ("email her at li_na@hospital.org.cn", "email"),
    ("微信 zhangsan_88", "messaging-id"), ("WeChat: drwang", "messaging-id"), ("QQ号 12345678", "messaging-id"),
    ("家住朝阳区建国路88号3栋2单元501室", "address"), ("he lives at 12 Baker Street", "address"),
    ("患者王建国，男，65岁", "patient-name"), ("Patient John Smith, 65, had a rash", "patient-name"),
]

PERSONAL_CLEAN = [
    "产品编码 DD13812345678", "批号 110101199003071235", "date: 2026-11-27 16:00", "剂量 10mg，3例，2026-11-27 复诊",
    "年销售额12345678元", "加了主任微信", "发微信给主任", "患者高龄，用药后出现低血糖", "患者王某，男，65岁",
    "患者李女士反馈乏力", "医院在建国路88号", "住院部5号楼3层", "WeChat group for the department",
    "医院8月起按DRG付费", "国药准字H20123456", "NCT01234567 trial results",
]


@pytest.mark.parametrize("line,kind", PERSONAL_HITS)
def test_personal_data_of_every_form(line, kind):
    assert kind in kinds(line), compliance.scan(line)


@pytest.mark.parametrize("line", PERSONAL_CLEAN)
def test_personal_data_look_alikes(line):
    assert compliance.scan(line) == []


def test_notebook_words_and_allow_list():
    assert "compliance" in codes("送了一箱水果", words=("水果",))
    assert "inducement" in codes("给主任送了荔枝", words=("inducement:荔枝",))
    assert codes("周五请他吃饭", allow=("请他吃饭",)) == set()


def test_settings_take_family_words_and_allow_phrases():
    settings = settings_from_mapping({"compliance_words": {"inducement": ["荔枝"]},
                                      "compliance_allow": ["请他吃饭"]}, "visitlog.yaml")
    text = "---\ncustomer: 甲\ndate: 2026-11-27\n---\n- 给主任送了荔枝\n- 周五请他吃饭\n".encode()
    _, problems = parse_note("visits/a.md", text, settings)
    assert [(p.source.line, p.code) for p in problems] == [(5, "inducement")]


def test_every_builtin_pattern_has_triggers():
    """A pattern without a literal every match contains would run on every line (slow)."""
    data = compliance._data()
    missing = [p for f in data["families"].values() for p in f["patterns"] if compliance.triggers(p) is None]
    assert not missing


# ---------------------------------------------------------------- through the commands
BODY = """
- 科室联系人手机 13912345678 ?
- [ ] 明天打 +852 9123 4567 确认资料
- 医院总机 010-12345678 <!-- compliance-ok: personal-data 医院公开电话 -->
- 对方暗示需要回扣
"""


def test_silenced_lines_show_in_check_all_only(notes):
    notes.visit("乙", "2026-11-27 10:00", BODY)
    plain = notes.json("check", ok=(0, 1))["problems"]
    assert 7 not in {p["line"] for p in plain}
    every = notes.json("check", "--all", ok=(0, 1))["problems"]
    assert {(p["line"], p["level"], p["code"]) for p in every if p["line"] == 7} == {(7, "silenced", "personal-data")}
    assert {(p["line"], p["code"]) for p in plain} >= {(5, "personal-data"), (6, "personal-data"), (8, "inducement")}
    result = notes.run("check")
    assert "--all" in result.stderr
    timeline = notes.json("timeline", "乙")
    assert all("compliance-ok" not in text for c in timeline["contacts"] for text in c.get("points", []))


def test_personal_data_is_masked_on_the_way_out(notes, tmp_path):
    notes.visit("乙", "2026-11-27 10:00", BODY, adverse_event="患者王建国，男，65岁，3床，皮疹")
    exported = notes.run("export", "--format", "json").stdout
    assert "13912345678" not in exported and "139****5678" in exported and "王建国" not in exported
    ics = tmp_path / "due.ics"
    notes.run("due", "--today", "2026-11-27", "--ics", str(ics))
    calendar = ics.read_text(encoding="utf-8")
    assert "9123 4567" not in calendar and "+852 **** 4567" in calendar
    brief = notes.run("prep", "乙", "--today", "2026-11-28").stdout
    assert "13912345678" not in brief and "139****5678" in brief
    assert "13912345678" in notes.run("prep", "乙", "--today", "2026-11-28", "--unmasked").stdout
    notes.run("review", "--today", "2026-11-28", "--week", "2026-W48", "--save", "--html", "--unmasked")
    for saved in (notes.root / "reviews").iterdir():
        text = saved.read_text(encoding="utf-8")
        assert "13912345678" not in text and "9123 4567" not in text and "王建国" not in text, saved.name


def test_mask_keeps_the_width():
    assert compliance.mask("手机 13812345678") == "手机 138****5678"
    assert compliance.mask("+852 9123 4567 和 a.b@c.com") == "+852 **** 4567 和 a**@c.com"
    assert compliance.mask("没有个人信息 2026-11-27") == "没有个人信息 2026-11-27"


@pytest.mark.parametrize("description,missing", [
    ("皮疹", ("age", "conditions", "co-medication")),
    ("患者70岁，用药后皮疹，合并阿司匹林", ("conditions",)),
    ("患者72岁，高血压合并2型糖尿病，双踝水肿，合并阿司匹林", ()),
    ("a 65-year-old with type 2 diabetes, also taking metformin, had a rash", ()),
    ("rash after two days", ("age", "conditions", "co-medication")),
])
def test_adverse_event_details(description, missing):
    assert compliance.adverse_missing(description) == missing


def test_adverse_event_details_from_keys():
    text = ("---\ncustomer: 甲\ndate: 2026-11-27\nadverse_event:\n  description: 皮疹\n  age: 70\n"
            "  conditions: 高血压\n  co_medication: 无\n---\n- 已上报\n").encode()
    visit, problems = parse_note("visits/a.md", text, DEFAULTS)
    assert visit.adverse_event.missing == ()
    assert "adverse-event-details" not in {p.code for p in problems}
    _, problems = parse_note("visits/a.md", "---\ncustomer: 甲\ndate: 2026-11-27\nadverse_event: 皮疹\n---\n".encode(),
                             DEFAULTS)
    assert [(p.source.line, p.code) for p in problems if p.code == "adverse-event-details"] == [(4, "adverse-event-details")]


def test_new_prints_the_findings_of_the_note_it_wrote(notes):
    notes.visit("甲", "2026-11-20 10:00", "- 初次拜访")
    result = notes.run("new", "甲", "--date", "2026-11-28 10:00", "--no-edit", "--quick", "绝对安全 手机13812345678")
    assert "claim" in result.stderr or "绝对" in result.stderr
    assert "13812345678" in result.stderr or "phone" in result.stderr or "电话" in result.stderr
