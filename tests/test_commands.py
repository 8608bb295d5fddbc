"""check, customers and timeline through the CLI: JSON shapes, exit codes, messages."""
from __future__ import annotations

import json
import subprocess
import sys


def test_check_json_lists_problems_and_exits_1_on_errors(notes):
    notes.visit("甲", "2026-11-27 16:00", "- [ ] 明天发资料")
    notes.write("visits/baddate.md", "---\ncustomer: 坏\ndate: 2026-13-45\n---\n")
    notes.write("visits/vague.md", "---\ncustomer: 甲\ndate: 2026-11-27\n---\n- [ ] 后续跟进\n")
    data = notes.json("check", ok=(1,))
    got = [(p["path"], p["line"], p["level"], p["code"]) for p in data["problems"]]
    assert got == [("visits/baddate.md", 3, "error", "bad-date"), ("visits/vague.md", 5, "warning", "vague-action")]
    assert all(p["message"] for p in data["problems"])


def test_check_text_is_path_line_level_message(notes):
    notes.write("visits/baddate.md", "---\ncustomer: 坏\ndate: 2026-13-45\n---\n")
    result = notes.run("check", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "visits/baddate.md:3: error: 'date' is not a valid date: '2026-13-45' (use YYYY-MM-DD or YYYY-MM-DD HH:MM)"]


def test_check_warnings_only_exit_0(notes):
    notes.write("visits/vague.md", "---\ncustomer: 甲\ndate: 2026-11-27\n---\n- [ ] 后续跟进\n")
    assert notes.run("check").exit_code == 0


def test_check_speaks_chinese(notes):
    notes.write("visits/nodate.md", "---\ncustomer: 坏\n---\n")
    result = notes.run("check", "--lang", "zh")
    assert "缺少必填字段 'date'" in result.stdout


def test_language_from_the_notebook_setting(notes):
    notes.write("visitlog.yaml", "language: zh\n")
    notes.write("visits/nodate.md", "---\ncustomer: 坏\n---\n")
    assert "缺少必填字段" in notes.run("check", env={"LANG": "en_US.UTF-8"}).stdout
    assert "missing required field" in notes.run("check", "--lang", "en").stdout


def test_customers_json(notes):
    notes.profile("王建国", 4, 5, 3, aliases="[王主任]")
    notes.visit("王主任", "2026-11-18 10:00")
    notes.visit("李医生", "2026-11-10")
    notes.visit("李医生", "2026-11-20")
    data = notes.json("customers", "--today", "2026-11-28")
    assert data["errors"] == []
    rows = {c["customer"]: c for c in data["customers"]}
    assert rows["王建国"]["aliases"] == ["王主任"] and rows["王建国"]["tier"] == "A"
    assert rows["王建国"]["contacts"] == 1 and rows["王建国"]["last_contact"] == "2026-11-18"
    assert rows["李医生"]["tier"] == "C" and rows["李医生"]["tier_source"] == "unscored"
    assert rows["李医生"]["contacts"] == 2 and rows["李医生"]["segment"] in ("consultative", "maintain", "wake-up")
    assert rows["李医生"]["next_due"] is not None


def test_customers_reports_load_errors_in_json_and_on_stderr(notes):
    notes.visit("甲", "2026-11-20")
    notes.write("visits/broken.md", "---\ncustomer: 坏\ndate: [\n---\n")
    result = notes.run("customers", "--json", "--today", "2026-11-28")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [c["customer"] for c in data["customers"]] == ["甲"]
    assert data["errors"][0]["path"] == "visits/broken.md" and data["errors"][0]["line"] >= 1
    assert "visits/broken.md:" in result.stderr


def test_timeline_json(notes):
    notes.write("customers/孙丽.md", "---\nname: 孙丽\naliases: [孙主任]\ndepartment: 儿科\ntitle: 主治医师\n---\n")
    notes.visit("孙丽", "2026-10-01 09:30", "- 关注剂量 ?\n- [x] 送说明书 ✅ 2026-10-02\n- [ ] 后续跟进",
                channel="phone", tags="[儿科需求]")
    notes.visit("孙主任", "2026-11-01", "- 新指南 ↑\n- 急需患者教育材料 !", title="副主任医师",
                adverse_event="{description: 皮疹, replied: 2026-11-02}", next="2026-11-15")
    data = notes.json("timeline", "孙", "--today", "2026-11-28")
    assert data["customer"] == "孙丽" and data["aliases"] == ["孙主任"]
    assert data["profile"]["title"] == "副主任医师" and data["profile"]["department"] == "儿科"
    assert [(c["field"], c["old"], c["new"], c["date"]) for c in data["changes"]] == [
        ("title", "主治医师", "副主任医师", "2026-11-01")]
    first, second = data["contacts"]
    assert first["date"] == "2026-10-01T09:30" and second["date"] == "2026-11-01"
    assert first["channel"] == "phone" and second["channel"] == "visit"
    assert first["questions"] == ["关注剂量"] and first["tags"] == ["儿科需求"]
    assert [(a["text"], a["status"], a["due"], a["done"]) for a in first["actions"]] == [
        ("送说明书", "done", None, "2026-10-02"), ("后续跟进", "open", None, None)]
    assert second["interests"] == ["新指南"] and second["urgent"] == ["急需患者教育材料"]
    assert second["adverse_event"]["replied"] == "2026-11-02"
    assert second["next"]["due"] == "2026-11-15"
    assert first["source"].endswith(".md:1")


def test_timeline_text_shows_changes_and_fates(notes):
    notes.profile("甲", title="主治医师")
    notes.visit("甲", "2026-11-01", "- [x] 送资料 📅 2026-11-03 ✅ 2026-11-05", title="副主任医师")
    out = notes.run("timeline", "甲", "--lang", "en").stdout
    assert "title: 主治医师 → 副主任医师" in out
    assert "✅ 2026-11-05 late" in out


def test_unknown_and_ambiguous_customers_are_usage_errors(notes):
    notes.visit("王建国", "2026-11-20")
    notes.visit("王芳", "2026-11-20")
    unknown = notes.run("timeline", "王建军", "--lang", "en")
    assert unknown.exit_code == 2 and "王建国" in unknown.stderr, "a near miss is suggested"
    ambiguous = notes.run("timeline", "王", "--lang", "en")
    assert ambiguous.exit_code == 2 and "王建国" in ambiguous.stderr and "王芳" in ambiguous.stderr


def test_bad_today_is_a_usage_error(notes):
    notes.visit("甲", "2026-11-20")
    result = notes.run("customers", "--today", "2026-02-30")
    assert result.exit_code == 2 and "--today" in result.stderr


def test_missing_notebook_is_a_usage_error(tmp_path):
    from typer.testing import CliRunner
    from visitlog.cli import app

    result = CliRunner().invoke(app, ["customers", "--notes", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "nope" in result.stderr


def test_importing_the_cli_stays_light():
    code = ("import sys, visitlog.cli, visitlog.notebook.load, visitlog.notebook.parse; "
            "print(sorted(m for m in ('dateparser', 'jieba', 'icalendar', 'frontmatter') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_messages_are_wholly_in_the_chosen_language(notes):
    notes.write("visits/a.md", "---\ncustomer: 甲\ndate: 2026-11-20\ntags: {a: 1}\n---\n")
    zh = notes.run("check", "--lang", "zh").stdout
    en = notes.run("check", "--lang", "en").stdout
    assert "'tags' 应为列表" in zh
    assert "'tags' should be a list" in en


def test_app_wide_flags_may_follow_the_command_name():
    from visitlog.cli import hoist_global_flags

    assert hoist_global_flags(["due", "--json", "--no-cache"]) == ["--no-cache", "due", "--json"]
    assert hoist_global_flags(["new", "甲", "--", "--no-cache"]) == ["new", "甲", "--", "--no-cache"]


def test_no_cache_after_the_command_leaves_no_cache_behind(notes):
    import os

    notes.visit("甲", "2026-11-20", "- [ ] 明天回电")
    exe = os.path.join(os.path.dirname(sys.executable), "visitlog")
    env = {k: v for k, v in os.environ.items() if k != "VISITLOG_NO_CACHE"}
    run = subprocess.run([exe, "due", "--notes", str(notes.root), "--today", "2026-11-20", "--no-cache", "--json"],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["items"][0]["text"] == "明天回电"
    assert not (notes.root / ".visitlog").exists()


def test_completion_reads_the_notebook_named_by_notes(notes, tmp_path):
    notes.profile("王建国", aliases="[王主任]")
    notes.visit("王芳", "2026-11-20")
    env = {"_VISITLOG_COMPLETE": "complete_bash", "COMP_WORDS": f"visitlog timeline --notes {notes.root} 王",
           "COMP_CWORD": "4"}
    import os

    exe = os.path.join(os.path.dirname(sys.executable), "visitlog")
    elsewhere = tmp_path / "elsewhere"  # no ./notes here: only --notes names the notebook
    elsewhere.mkdir()
    env = {**os.environ, **env, "VISITLOG_NOTES": ""}
    out = subprocess.run([exe], capture_output=True, text=True, env=env, cwd=elsewhere).stdout
    assert set(out.split()) == {"王建国", "王主任", "王芳"}
