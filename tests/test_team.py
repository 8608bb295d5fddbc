"""A district notebook: `rep:` on visits, the current rep, one rep's view, conflict markers in `check`."""
from __future__ import annotations

import pytest

from visitlog.notebook.parse import parse_note
from visitlog.notebook.settings import DEFAULTS

TODAY = "2026-11-20"


@pytest.fixture
def env(tmp_path):
    """No user config, no rep from the environment: each test says who it is."""
    return {"XDG_CONFIG_HOME": str(tmp_path / "config"), "VISITLOG_REP": "", "HOME": str(tmp_path / "home")}


def district(notes):
    """Two reps share 刘芳; 王丽 alone sees 陈明, 张强 alone sees 周伟."""
    notes.visit("刘芳", "2026-11-16 10:00", """
        ## 待办
        - [ ] 整理肝肾毒性资料 📅 2026-11-19
        """, rep="王丽", rel="visits/2026-11-16-刘芳.md")
    notes.visit("刘芳", "2026-11-18 15:00", """
        ## 待办
        - [ ] 送患者教育材料 📅 2026-11-20
        """, rep="张强", rel="visits/2026-11-18-刘芳.md",
        adverse_event="患者68岁，用药后双踝轻度水肿")
    notes.visit("陈明", "2026-11-17 09:00", """
        ## 待办
        - [ ] 回复医保报销政策的问题 📅 2026-11-19
        """, rep="王丽")
    notes.visit("周伟", "2026-11-17 09:00", """
        ## 待办
        - [ ] 安排一次科室会 📅 2026-11-21
        """, rep="张强")


def test_a_visit_names_its_rep():
    raw = "---\ncustomer: 刘芳\ndate: 2026-11-18\nrep: 王丽\n---\n- 聊了剂型\n".encode()
    visit, problems = parse_note("visits/a.md", raw, DEFAULTS)
    assert visit.rep == "王丽" and not problems
    visit, _ = parse_note("visits/b.md", "---\ncustomer: 刘芳\ndate: 2026-11-18\n---\n".encode(), DEFAULTS)
    assert visit.rep is None


def test_conflict_markers_are_errors_at_their_lines(notes):
    notes.write("visits/2026-11-18-刘芳.md", """
        ---
        customer: 刘芳
        date: 2026-11-18
        ---
        ## 待办
        <<<<<<< HEAD
        - [x] 发资料 ✅ 2026-11-19
        =======
        - [ ] 发资料 📅 2026-11-20
        >>>>>>> 3f2a1c9 (sync)
        标题
        =======
        """)
    data = notes.json("check", ok=(1,))
    marks = [(p["line"], p["level"]) for p in data["problems"] if p["code"] == "conflict-marker"]
    # the setext underline after the conflict (line 12) is Markdown, not a marker
    assert marks == [(6, "error"), (8, "error"), (10, "error")]
    text = notes.run("check", "--lang", "en")
    assert "visits/2026-11-18-刘芳.md:6: error: git conflict marker '<<<<<<<'" in text.stdout


def test_a_notebook_of_one_rep_behaves_as_before(notes, env):
    notes.visit("刘芳", "2026-11-16 10:00", "- [ ] 整理资料 📅 2026-11-19", rep="王丽")
    notes.visit("陈明", "2026-11-16 11:00", "- [ ] 回电话 📅 2026-11-19")
    everyone = notes.json("due", "--today", TODAY, env=env)["items"]
    assert {i["customer"] for i in everyone if i["kind"] == "commitment"} == {"刘芳", "陈明"}
    assert notes.json("due", "--today", TODAY, "--rep", "someone", env=env)["items"] == everyone


def test_my_view_by_default_in_a_team_notebook(notes, env):
    district(notes)
    mine = notes.json("due", "--today", TODAY, env={**env, "VISITLOG_REP": "王丽"})["items"]
    promises = sorted((i["customer"], i["text"]) for i in mine if i["kind"] == "commitment")
    assert promises == [("刘芳", "整理肝肾毒性资料"), ("陈明", "回复医保报销政策的问题")]
    assert all(i["rep"] == "王丽" for i in mine if i["kind"] != "safety")
    # 张强's adverse event on 刘芳, whom 王丽 covers too, is never hidden from her, and says who recorded it
    # (both its steps: the report to pharmacovigilance and the formal reply)
    safety = [i for i in mine if i["kind"] == "safety"]
    assert [(i["customer"], i["rep"], i["step"]) for i in safety] == [("刘芳", "张强", "report"),
                                                                      ("刘芳", "张强", "reply")]
    assert all("张强" in i["reason"] for i in safety)
    # each rep's cadence counts that rep's own contacts: 刘芳 gets one cadence item per covering rep
    team = notes.json("due", "--today", TODAY, "--days", "30", "--team", env=env)["items"]
    cadence = sorted((i["customer"], i["rep"]) for i in team if i["kind"] == "cadence")
    assert ("刘芳", "王丽") in cadence and ("刘芳", "张强") in cadence
    assert len({i["id"] for i in team}) == len(team)


def test_rep_option_env_and_all(notes, env):
    district(notes)
    his = notes.json("due", "--today", TODAY, "--rep", "张强", env={**env, "VISITLOG_REP": "王丽"})["items"]
    assert {i["customer"] for i in his if i["kind"] == "commitment"} == {"刘芳", "周伟"}
    everyone = notes.json("due", "--today", TODAY, "--rep", "all", env=env)["items"]
    assert everyone == notes.json("due", "--today", TODAY, "--team", env=env)["items"]
    assert {i["customer"] for i in everyone if i["kind"] == "commitment"} == {"刘芳", "陈明", "周伟"}
    bad = notes.run("due", "--today", TODAY, "--rep", "李四", env=env)
    assert bad.exit_code == 2 and "王丽" in bad.stderr and "张强" in bad.stderr


def test_no_one_known_shows_everyone_and_says_how(notes, env):
    district(notes)
    result = notes.run("due", "--today", TODAY, "--json", "--lang", "en", env=env)
    assert result.exit_code == 0 and "--rep" in result.stderr
    import json

    assert len(json.loads(result.stdout)["items"]) == len(notes.json("due", "--today", TODAY, "--team", env=env)["items"])


def test_user_config_names_the_rep(notes, env, tmp_path):
    district(notes)
    config = tmp_path / "config" / "visitlog"
    config.mkdir(parents=True)
    (config / "config.yaml").write_text("rep: 张强\n", encoding="utf-8")
    mine = notes.json("due", "--today", TODAY, env=env)["items"]
    assert {i["customer"] for i in mine if i["kind"] == "commitment"} == {"刘芳", "周伟"}


def test_new_writes_the_current_rep(notes, env):
    from pathlib import Path

    notes.visit("刘芳", "2026-11-16 10:00", "- 聊了剂型", rep="王丽")
    made = notes.run("new", "刘芳", "--date", "2026-11-20 10:00", "--no-edit", env={**env, "VISITLOG_REP": "王丽"})
    assert made.exit_code == 0, made.stderr
    text = Path(made.stdout.strip()).read_text(encoding="utf-8")
    assert "date: 2026-11-20 10:00\nrep: 王丽\n" in text
    other = notes.run("new", "刘芳", "--date", "2026-11-20 15:00", "--no-edit", "--rep", "Li: Na", env=env)
    visit = parse_note("x.md", Path(other.stdout.strip()).read_bytes(), DEFAULTS)[0]
    assert visit.rep == "Li: Na"
    nobody = notes.run("new", "陈明", "--date", "2026-11-20 16:00", "--no-edit", "--new-customer", env=env)
    assert "rep:" not in Path(nobody.stdout.strip()).read_text(encoding="utf-8")


def test_the_text_view_names_who_recorded_a_colleagues_adverse_event(notes, env):
    district(notes)
    text = notes.run("due", "--today", TODAY, "--lang", "zh", "--no-pager", env={**env, "VISITLOG_REP": "王丽"}).stdout
    safety = [line for line in text.splitlines() if "安全" in line]
    assert len(safety) == 2 and all("张强记录" in line for line in safety)      # the report, then the reply
    assert "王丽" not in text                                   # my own items carry no name
    team = notes.run("due", "--today", TODAY, "--lang", "en", "--team", "--no-pager", env=env).stdout
    assert "整理肝肾毒性资料 · 王丽" in team and "recorded by 张强" in team
