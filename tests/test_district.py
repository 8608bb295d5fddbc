"""The other views in a team notebook, the manager's review (`review --team`) and the HTML report."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from test_team import TODAY, district  # noqa: F401  (the same small district)


@pytest.fixture
def env(tmp_path):
    return {"XDG_CONFIG_HOME": str(tmp_path / "config"), "VISITLOG_REP": "", "HOME": str(tmp_path / "home")}


def week_of_visits(notes):
    """A week of two reps: promises kept, late and overdue, an adverse event each, questions and competitors."""
    district(notes)
    notes.visit("陈明", "2026-11-18 10:00", """
        - 问老年患者剂量怎么调整 ?
        - [x] 回电话 📅 2026-11-18 ✅ 2026-11-19
        """, rep="王丽", competitors="[某竞品A]", rel="visits/2026-11-18-陈明.md")
    notes.visit("周伟", "2026-11-19 10:00", """
        - 老年患者的剂量调整有没有资料 ?
        - [x] 送指南 📅 2026-11-19 ✅ 2026-11-19
        """, rep="张强", competitors="[某竞品A, 某竞品B]", rel="visits/2026-11-19-周伟.md")


def test_customers_score_and_prep_show_my_share(notes, env):
    district(notes)
    me = {**env, "VISITLOG_REP": "王丽"}
    mine = {c["customer"] for c in notes.json("customers", "--today", TODAY, env=me)["customers"]}
    assert mine == {"刘芳", "陈明"}
    team = notes.json("customers", "--today", TODAY, "--team", env=me)["customers"]
    assert {c["customer"]: c["reps"] for c in team}["刘芳"] == ["王丽", "张强"]
    assert {r["customer"] for r in notes.json("score", "--today", TODAY, env=me)["customers"]} == {"刘芳", "陈明"}
    assert {r["customer"] for r in notes.json("score", "--today", TODAY, "--rep", "张强", env=me)["customers"]} == \
        {"刘芳", "周伟"}
    brief = notes.json("prep", "刘芳", "--today", TODAY, env=me)
    assert [p["text"] for p in brief["open_actions"]] == ["整理肝肾毒性资料"]
    assert len(brief["adverse_events"]) == 1                      # 张强's adverse event: never hidden
    both = notes.json("prep", "刘芳", "--today", TODAY, "--team", env=me)
    assert sorted(p["text"] for p in both["open_actions"]) == ["整理肝肾毒性资料", "送患者教育材料"]


def test_review_of_one_rep_counts_their_own_week(notes, env):
    week_of_visits(notes)
    mine = notes.json("review", "--today", TODAY, env={**env, "VISITLOG_REP": "王丽"})
    assert mine["contacts"]["total"] == 3
    assert mine["commitments"]["made"] == 3
    assert mine["adverse_events"] == []
    his = notes.json("review", "--today", TODAY, "--rep", "张强", env=env)
    assert his["contacts"]["total"] == 3 and len(his["adverse_events"]) == 1


def test_team_review_json_has_a_row_per_rep_agreeing_with_their_own(notes, env):
    week_of_visits(notes)
    team = notes.json("review", "--today", TODAY, "--team", env=env)
    assert [r["rep"] for r in team["reps"]] == ["张强", "王丽"]
    for row in team["reps"]:
        own = notes.json("review", "--today", TODAY, "--rep", row["rep"], env=env)
        assert row["contacts"] == own["contacts"]["total"]
        assert row["commitments"] == {k: own["commitments"][k] for k in
                                      ("made", "kept", "late", "overdue", "open", "on_time_rate")}
        assert len(row["adverse_events"]) == len(own["adverse_events"])
        assert [w["week"] for w in row["on_time_trend"]][-1] == "2026-W47"
    wang = {r["rep"]: r for r in team["reps"]}["王丽"]
    assert wang["commitments"]["late"] == 1                        # 回电话: ticked a day after its date
    zhang = {r["rep"]: r for r in team["reps"]}["张强"]
    assert zhang["adverse_events"][0]["customer"] == "刘芳" and zhang["adverse_events"][0]["status"] == "overdue"
    # the district's questions and competitors span every rep
    assert any(q["count"] == 2 for q in team["questions"])
    assert {c["name"]: c["count"] for c in team["competitors"]} == {"某竞品A": 2, "某竞品B": 1}


def test_team_review_text_and_markdown(notes, env):
    week_of_visits(notes)
    result = notes.run("review", "--today", TODAY, "--team", "--save", "--lang", "en", env=env)
    assert result.exit_code == 0, result.stderr
    assert "District review 2026-W47" in result.stdout and "王丽" in result.stdout and "张强" in result.stdout
    md = (notes.root / "reviews" / "2026-W47-team.md").read_text(encoding="utf-8")
    assert md.startswith("# District review 2026-W47") and "| 王丽 | 3 |" in md
    assert "某竞品A" in md


def test_review_html_is_self_contained_with_charts(notes, env):
    week_of_visits(notes)
    notes.visit("<b>x</b>", "2026-11-18 11:00", "- 有什么新数据 ?", rep="王丽", rel="visits/2026-11-18-x.md")
    result = notes.run("review", "--today", TODAY, "--team", "--save", "--html", env=env)
    assert result.exit_code == 0, result.stderr
    page = (notes.root / "reviews" / "2026-W47-team.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 3
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(", page)
    assert not re.findall(r"https?://(?!www\.w3\.org/2000/svg)", page)       # nothing fetched
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    mine = notes.run("review", "--today", TODAY, "--save", "--html", env={**env, "VISITLOG_REP": "王丽"})
    assert mine.exit_code == 0
    assert (notes.root / "reviews" / "2026-W47-王丽.html").is_file()
    assert (notes.root / "reviews" / "2026-W47-王丽.md").is_file()
    solo = notes.run("review", "--today", TODAY, "--html", "--rep", "张强", env=env)
    assert solo.exit_code == 0 and (notes.root / "reviews" / "2026-W47-张强.html").is_file()


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("VISITLOG_NO_INSTALL") or not shutil.which("apt-get") or os.geteuid() != 0:
        return None
    try:                                            # the test setup installs it where it can (a CI image)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], capture_output=True, timeout=600,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    except (OSError, subprocess.SubprocessError):
        return None
    return shutil.which("chromium")


def test_the_report_opens_in_a_real_headless_browser(notes, env, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium and it could not be installed (apt-get install chromium): the HTML is checked "
                    "statically above")
    week_of_visits(notes)
    assert notes.run("review", "--today", TODAY, "--team", "--html", "--lang", "zh", env=env).exit_code == 0
    page = notes.root / "reviews" / "2026-W47-team.html"
    shot = tmp_path / "team.png"
    base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}", "--disable-extensions", "--disable-background-networking"]
    try:
        dom = subprocess.run(base + ["--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=90)
        snap = subprocess.run(base + ["--window-size=1100,1400", f"--screenshot={shot}", page.as_uri()],
                              capture_output=True, text=True, timeout=90)
    except subprocess.TimeoutExpired:
        pytest.skip("Chromium did not finish within 90 s on this machine")
    if dom.returncode != 0 or not dom.stdout.strip():
        pytest.skip(f"Chromium cannot run here: {dom.stderr.strip()[-200:]}")
    # the browser parsed the page into a document with the charts and the sections
    assert dom.stdout.count("<svg") == 3 and "<circle" in dom.stdout and "<rect" in dom.stdout
    assert "团队周复盘 2026-W47" in dom.stdout and "王丽" in dom.stdout
    assert snap.returncode == 0 and shot.is_file()
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000      # a drawn page, not a blank one
    keep = os.environ.get("VISITLOG_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
    print(f"screenshot: {shot}", file=sys.stderr)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_team_review_text_fits_80_columns(notes, env, lang):
    """The manager's screen at 80 columns: headings wrap onto two lines, paragraphs and lists wrap."""
    from rich.cells import cell_len

    week_of_visits(notes)
    notes.visit("杨帆", "2026-11-18 09:00", "- 复诊", rep="张强", adverse_event="患者用药后头晕，已建议减量观察并复查血压")
    out = notes.run("review", "--today", TODAY, "--team", "--lang", lang, env={**env, "COLUMNS": "80"}).stdout
    assert "杨帆" in out and max(cell_len(line) for line in out.splitlines()) <= 80, out
