"""visitlog export: visits or actions as CSV (UTF-8 with BOM, for Excel) or JSON."""
from __future__ import annotations

import csv
import io
import json

import pytest


def sample(notes):
    notes.visit("王建国", "2026-11-18 10:00", """
        ## 沟通要点
        - 询问肝肾毒性数据 (?)
        - 对缓释剂型感兴趣 ↑
        - 说法里有逗号, 和 "引号"

        ## 待办
        - [ ] 72小时内整理长期随访数据 📅 2026-11-21
        - [x] 提供说明书 ✅ 2026-11-18
        - [-] 取消的事
        """, tags="[药物经济学, 患者管理]", competitors="[某竞品A]", next="2026-11-25",
                adverse_event="患者65岁，轻度低血糖")
    notes.visit("李秀兰", "2026-11-19 09:30", "- 没有待办的一次拜访", channel="phone")
    notes.visit("王建国", "2026-10-01", "- 早先的拜访")


def read_csv(raw: bytes) -> list[dict]:
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_of_visits_opens_back_with_the_csv_module(notes, tmp_path):
    sample(notes)
    out = tmp_path / "out" / "visits.csv"
    result = notes.run("export", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "3" in result.stderr and str(out) in result.stderr
    rows = read_csv(out.read_bytes())
    assert [(r["customer"], r["date"]) for r in rows] == [
        ("王建国", "2026-10-01"), ("王建国", "2026-11-18"), ("李秀兰", "2026-11-19")]
    wang = rows[1]
    assert wang["time"] == "10:00" and wang["channel"] == "visit"
    assert wang["tags"] == "药物经济学; 患者管理" and wang["competitors"] == "某竞品A"
    assert wang["questions"] == "询问肝肾毒性数据" and wang["interests"] == "对缓释剂型感兴趣"
    assert wang["actions"] == "2" and wang["open_actions"] == "1"          # the cancelled one is not counted
    assert wang["adverse_event"] == "患者65岁，轻度低血糖" and wang["adverse_event_replied"] == ""
    assert wang["next_due"] == "2026-11-25"
    assert wang["source"] == "visits/2026-11-18-王建国.md:1"
    assert rows[2]["channel"] == "phone" and rows[2]["actions"] == "0"
    assert b"\r\n" in out.read_bytes()
    assert [p.name for p in out.parent.iterdir()] == ["visits.csv"]        # no temp file left behind


def test_csv_of_actions_one_row_per_checkbox(notes):
    sample(notes)
    result = notes.run("export", "--what", "actions")
    assert result.exit_code == 0
    rows = read_csv(result.stdout_bytes)
    assert [(r["text"], r["status"], r["due"], r["done"]) for r in rows] == [
        ("72小时内整理长期随访数据", "open", "2026-11-21", ""),
        ("提供说明书", "done", "", "2026-11-18"),
        ("取消的事", "cancelled", "", ""),
    ]
    assert {r["customer"] for r in rows} == {"王建国"} and {r["visit_date"] for r in rows} == {"2026-11-18"}
    assert rows[0]["source"] == "visits/2026-11-18-王建国.md:15"


def test_commas_quotes_and_chinese_survive_the_round_trip(notes):
    notes.visit("张医生", "2026-11-20", '- 价格, "偏高"; 怎么办 ?')
    rows = read_csv(notes.run("export").stdout_bytes)
    assert rows[0]["questions"] == '价格, "偏高"; 怎么办'


def test_json_export_keeps_lists_and_has_no_bom(notes):
    sample(notes)
    result = notes.run("export", "--format", "json", "--what", "visits")
    assert result.exit_code == 0
    assert not result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    data = json.loads(result.stdout_bytes.decode("utf-8"))
    assert set(data) == {"visits", "errors"}
    assert data["visits"][1]["tags"] == ["药物经济学", "患者管理"]
    assert data["visits"][0]["time"] is None
    actions = json.loads(notes.run("export", "--format", "json", "--what", "actions").stdout_bytes)
    assert [a["status"] for a in actions["actions"]] == ["open", "done", "cancelled"]


def test_from_and_to_select_visits_by_date(notes):
    sample(notes)
    rows = read_csv(notes.run("export", "--from", "2026-11-01", "--to", "2026-11-18").stdout_bytes)
    assert [(r["customer"], r["date"]) for r in rows] == [("王建国", "2026-11-18")]


@pytest.mark.parametrize("args", [("--format", "xlsx"), ("--what", "customers"), ("--from", "11/01")])
def test_bad_options_are_usage_errors(notes, args):
    sample(notes)
    result = notes.run("export", *args)
    assert result.exit_code == 2 and result.stdout == ""


def test_broken_notes_are_reported_not_exported(notes):
    sample(notes)
    notes.write("visits/broken.md", "---\ncustomer: 坏\ndate: 2026-13-45\n---\n")
    result = notes.run("export", "--format", "json")
    data = json.loads(result.stdout_bytes)
    assert len(data["visits"]) == 3 and [e["path"] for e in data["errors"]] == ["visits/broken.md"]
    assert "visits/broken.md" in result.stderr
