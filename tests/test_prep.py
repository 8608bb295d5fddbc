"""`visitlog prep`: the brief before a visit."""
from __future__ import annotations

from datetime import date

import pytest

from visitlog.rules.prep import address, scenarios, unanswered_questions
from visitlog.notebook.settings import DEFAULTS

TODAY = "2026-11-20"


@pytest.fixture
def liu(notes):
    """An established tier-A customer whose last visit reported an adverse event, with no reply yet."""
    notes.write("customers/刘芳.md", """
        ---
        name: 刘芳
        hospital: 市第一人民医院
        department: 心内科
        title: 副主任医师
        since: 2024-12-05
        potential: {prescriptions: 5, influence: 4, department: 3}
        ---
        """)
    notes.visit("刘芳", "2026-10-20 14:00", """
        - 问联合用药有没有文献 ?
        - [ ] 月底前把联合用药的文献发给刘主任
        """, purpose="academic")
    notes.visit("刘芳", "2026-11-17 15:20", """
        ## 沟通要点
        - 刘主任主动反馈一例不良反应，已停药 !
        - 对疗效评价一般：清晨血压还是偏高
        - 问是剂量不够还是服药时间不对 ?
        - 某竞品C上周开了科室会
        ## 待办
        - [x] 当天上报医学部药物警戒 ✅ 2026-11-17
        - [ ] 下周内整理清晨血压的处理建议 📅 2026-11-27
        - [ ] 找时间再约
        """, mood="negative", products="[舒沐坦片]", competitors="[某竞品C]",
        adverse_event="患者72岁，服药第5天双踝水肿伴头晕，合并阿司匹林")
    return notes


def test_prep_puts_an_open_adverse_event_first(liu):
    data = liu.json("prep", "刘芳", "--today", TODAY, "--lang", "en")
    assert data["customer"] == "刘芳" and data["tier"] == "A" and data["established"] is True
    assert data["adverse_events"] == [{
        "date": "2026-11-17", "description": "患者72岁，服药第5天双踝水肿伴头晕，合并阿司匹林", "replied": None,
        "reply_due": "2026-11-18", "status": "open", "reported": None, "report_due": "2026-11-17",
        "report_status": "open", "source": "visits/2026-11-17-刘芳.md:7"}]
    assert data["suggested_purpose"]["purpose"] == "feedback"
    assert data["suggested_purpose"]["rule"] == "adverse"
    assert [s["scenario"] for s in data["scenarios"]] == ["adverse", "doubts", "competitor"]
    assert "24 hours" in data["scenarios"][0]["tip"]
    assert data["address"] == "刘主任"
    assert "刘主任" in data["opening"] and "reaction" in data["opening"]
    assert data["products"] == ["舒沐坦片"]
    assert len(data["checklist"]) == 6


def test_prep_lists_open_promises_with_their_status(liu):
    data = liu.json("prep", "刘芳", "--today", TODAY)
    got = [(a["text"], a["state"], a["overdue_days"]) for a in data["open_actions"]]
    assert got == [
        ("月底前把联合用药的文献发给刘主任", "overdue", 20),
        ("下周内整理清晨血压的处理建议", "upcoming", -7),
        ("找时间再约", "no-date", None),
    ]
    assert data["open_actions"][0]["promised"] == "2026-10-20"


def test_prep_text_is_one_screen_with_the_event_and_the_tips(liu):
    result = liu.run("prep", "刘芳", "--today", TODAY, "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "拜访前准备：刘芳" in out
    assert "正式回复已超时 2 天（应于 2026-11-18 前回复）" in out      # in words (issue #17)
    assert "患者72岁" in out
    assert "逾期 20 天" in out
    assert "建议本次目的: 用药反馈" in out
    assert "当天报药物警戒/医学部" in out            # the adverse-reaction tip
    assert "尚未上报药物警戒/医学部（应于 2026-11-17 当天）" in out   # the report step, before the reply
    assert len(out.splitlines()) <= 38
    assert out.splitlines()[-1].startswith("未显示：") and "visitlog prep 刘芳 -v" in out.splitlines()[-1]
    full = liu.run("prep", "刘芳", "--today", TODAY, "--lang", "zh", "-v").stdout
    assert "回访六步" in full and "  1. " in full and "RFM" in full
    assert liu.run("prep", "刘芳", "--today", TODAY, "--lang", "zh", "--all").stdout == full


def test_after_the_reply_the_event_is_history_and_promises_come_first(liu):
    path = liu.root / "visits/2026-11-17-刘芳.md"
    text = path.read_text(encoding="utf-8").replace(
        "adverse_event: 患者72岁，服药第5天双踝水肿伴头晕，合并阿司匹林",
        "adverse_event: {description: 双踝水肿, replied: 2026-11-18}")
    path.write_text(text, encoding="utf-8")
    data = liu.json("prep", "刘芳", "--today", TODAY)
    assert data["adverse_events"][0]["status"] == "replied"
    assert data["suggested_purpose"]["rule"] == "deliver"       # one promise overdue


# ------------------------------------------------------------------ unanswered questions
def test_unanswered_questions_rule(notes):
    notes.visit("何静", "2026-10-23 10:00", """
        - 社区查肾功能不方便，多久查一次合适 ?
        - 问2岁以下的孩子能不能用 ?
        - 孩子的用法当场讲了：2岁以下不推荐
        - 问医保报销以后每月自付多少 ?
        - [x] 明天发肾功能监测建议 ✅ 2026-10-24
        """)
    notes.visit("何静", "2026-11-06 10:00", """
        - 自付金额对比表给了，何医生说清楚了
        - 又问了一次医保自付的比例 ?
        """)
    c = notes.load().customer("何静")
    got = [(q.point.text, q.day.isoformat()) for q in unanswered_questions(c, date(2026, 11, 20), DEFAULTS)]
    # kidney: answered by a done action; children: on the spot; first 自付: by a later point;
    # the second 自付 question stays open
    assert got == [("又问了一次医保自付的比例", "2026-11-06")]


def test_questions_asked_again_are_listed_once(notes):
    notes.visit("王建国", "2026-09-02 10:00", "- 询问肝肾毒性数据 ?")
    notes.visit("王建国", "2026-11-18 10:00", "- 又问到肝肾毒性：eGFR 30-45 的长期数据 ?")
    data = notes.json("prep", "王建国", "--today", TODAY)
    assert [q["text"] for q in data["unanswered_questions"]] == ["又问到肝肾毒性：eGFR 30-45 的长期数据"]
    assert data["suggested_purpose"]["rule"] == "questions"
    assert "肝肾毒性" in data["opening"]


def test_generic_words_and_the_customer_s_name_make_no_topic(notes):
    notes.write("customers/王建国.md", "---\nname: 王建国\naliases: [王主任]\n---\n")
    notes.visit("王建国", "2026-11-10 10:00", "- 谈判价出来以后，王主任想知道什么时候落地 ?")
    notes.visit("王建国", "2026-11-18 10:00", """
        - 王主任想知道老年患者的低血糖发生率 ?
        - 给王主任看了病例讨论会的安排
        """)
    c = notes.load().customer("王建国")
    got = [q.point.text for q in unanswered_questions(c, date(2026, 11, 20), DEFAULTS)]
    assert got == ["谈判价出来以后，王主任想知道什么时候落地", "王主任想知道老年患者的低血糖发生率"]


def test_old_questions_fall_out_of_the_window(notes):
    notes.visit("孙伟", "2026-07-01 10:00", "- 问老年人剂量 ?")
    c = notes.load().customer("孙伟")
    assert unanswered_questions(c, date(2026, 11, 20), DEFAULTS) == ()


# ------------------------------------------------------------------ suggested purpose
def test_suggested_purpose_rules(notes):
    notes.profile("新人", 3, 3, 3)                                  # a profile, no visit yet
    notes.profile("老客户", 3, 3, 3, since="2025-01-10")
    notes.visit("老客户", "2026-07-01 10:00", "- 科室会讲了新指南", purpose="academic")
    notes.visit("老客户", "2026-11-10 10:00", "- 聊了指南更新", purpose="update")
    notes.visit("沉默", "2026-08-01 10:00", "- 聊了一次")
    notes.visit("新客户", "2026-11-16 10:00", "- 第一次见面")
    rules = {name: notes.json("prep", name, "--today", TODAY)["suggested_purpose"]
             for name in ("新人", "老客户", "沉默", "新客户")}
    assert rules["新人"]["purpose"] == "first"
    assert (rules["老客户"]["purpose"], rules["老客户"]["rule"]) == ("academic", "academic")
    assert (rules["沉默"]["purpose"], rules["沉默"]["rule"]) == ("update", "wake-up")
    assert rules["新客户"]["rule"] == "new"


def test_prep_of_a_customer_with_no_contact(notes):
    notes.profile("新人", 3, 3, 3, title="主任药师")
    data = notes.json("prep", "新人", "--today", TODAY)
    assert data["last_contact"] is None and data["open_actions"] == []
    assert data["address"] == "新老师"
    text = notes.run("prep", "新人", "--today", TODAY, "--lang", "en").stdout
    assert "no contact recorded yet" in text


# ------------------------------------------------------------------ scenarios and address
@pytest.mark.parametrize("body,fields,expected", [
    ("- 门诊刚散，时间紧，只聊了几分钟", {}, ["busy"]),
    ("- 有两位患者嫌贵，想换回原来的药", {}, ["price"]),
    ("- 空腹血糖大多达标", {"mood": "positive"}, ["good"]),
    ("- 效果一般，有几位还是偏高", {"mood": "neutral"}, ["doubts"]),
    ("- 没说什么", {"mood": "negative"}, ["doubts"]),
    ("- 聊了一会儿", {"competitors": "[某竞品A]"}, ["competitor"]),
    ("- 他说很担心老年人低血糖", {"mood": "positive"}, []),
    ("## 客户画像\n- 学术型，控费压力大", {}, []),
])
def test_scenario_of_the_last_contact(notes, body, fields, expected):
    notes.visit("甲", "2026-11-19 10:00", body, **fields)
    v = notes.load().customer("甲").visits[-1]
    assert [s.key for s in scenarios(v)] == expected


def test_address_prefers_an_alias_then_the_title(notes):
    notes.write("customers/王建国.md", "---\nname: 王建国\naliases: [老王, 王主任]\ntitle: 主任医师\n---\n")
    notes.write("customers/欧阳华.md", "---\nname: 欧阳华\ntitle: 主治医师\n---\n")
    notes.write("customers/李院长.md", "---\nname: 李院长\n---\n")
    nb = notes.load()
    profile = lambda name: nb.customer(name).profile_at()  # noqa: E731
    assert address(nb.customer("王建国"), profile("王建国")) == "王主任"
    assert address(nb.customer("欧阳华"), profile("欧阳华")) == "欧阳医生"
    assert address(nb.customer("李院长"), profile("李院长")) == "李院长"


def test_prep_unknown_customer_is_a_usage_error(notes):
    notes.visit("王建国", "2026-11-18 10:00", "- 聊了")
    result = notes.run("prep", "王建同", "--today", TODAY)
    assert result.exit_code == 2 and "王建国" in result.stderr


# ------------------------------------------------------------------ one screen (issue #17, docs/new-prep.md)
SAMPLE = __import__("pathlib").Path(__file__).resolve().parent.parent / "notes"


def _cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import shutil

    root = tmp_path_factory.mktemp("prep") / "notes"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".visitlog"))
    return root


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_sample_customer_fits_one_80_by_40_screen(sample, lang):
    from typer.testing import CliRunner

    from visitlog.cli import app

    names = sorted(p.stem for p in (sample / "customers").glob("*.md"))
    assert len(names) >= 10
    env = {"COLUMNS": "80", "LINES": "40", "NO_COLOR": "1", "VISITLOG_NOTES": "", "VISITLOG_TODAY": ""}
    for name in names:
        r = CliRunner().invoke(app, ["prep", name, "--notes", str(sample), "--today", TODAY, "--lang", lang],
                               env=env, catch_exceptions=False)
        lines = r.stdout.splitlines()
        assert r.exit_code == 0 and len(lines) <= 38, (name, len(lines), r.stdout)
        assert all(_cells(line) <= 80 for line in lines), (name, r.stdout)
        last = " ".join(lines[-2:])
        assert f"visitlog prep {name} -v" in last, (name, last)
        full = CliRunner().invoke(app, ["prep", name, "--notes", str(sample), "--today", TODAY, "--lang", lang,
                                        "-v"], env=env, catch_exceptions=False).stdout
        assert len(full.splitlines()) > len(lines) and all(_cells(line) <= 80 for line in full.splitlines())


def test_a_crowded_brief_folds_the_least_pressing_first_and_says_so(liu):
    for n in range(1, 9):
        liu.visit("刘芳", f"2026-11-0{n} 09:00" if n < 10 else f"2026-11-{n} 09:00", f"""
            - 问第{n}个关于长期安全性和肾功能分层的问题，想知道老年患者的数据 ?
            - [ ] 第{n}项：整理一份关于服药时间与清晨血压关系的材料并当面讲解 📅 2026-11-1{n}
            """)
    out = liu.run("prep", "刘芳", "--today", TODAY, "--lang", "zh", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    assert len(lines) <= 38 and all(_cells(line) <= 80 for line in lines)
    assert "正式回复已超时 2 天" in out and "患者72岁" in out                  # safety stays, in full
    assert out.count("  ☐ ") == 5                                           # the first five due promises
    assert "另 6 项承诺" in lines[-1] or "另 6 项承诺" in " ".join(lines[-2:])
    first = next(i for i, line in enumerate(lines) if line.startswith("  ☐ 第1项"))     # a row that wraps
    assert lines[first + 1].startswith("    ") and not lines[first + 1].startswith("     ")  # under the text


def test_wrapped_lines_keep_the_indent_of_their_row():
    from rich.text import Text

    from visitlog.render.prepscreen import hanging, refit

    lines = hanging([("很长的一句话" * 12, ""), ("  [逾期 3 天]", "red")], 40, marker="☐ ")
    assert [line.plain[:4] for line in lines[1:]] == ["    "] * (len(lines) - 1)
    assert all(_cells(line.plain) <= 40 for line in lines)
    assert any(span.style == "red" for line in lines for span in line.spans)     # the status keeps its colour
    row = Text("  • ") + Text("one two three four five six seven eight nine ten eleven", style="bold")
    fitted = refit(row, 30)
    assert len(fitted) > 1 and all(line.plain.startswith("    ") for line in fitted[1:])
