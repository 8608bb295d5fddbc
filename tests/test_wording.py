"""Numbers that are settings are never hard-coded in the words shown."""
from __future__ import annotations


def test_the_adverse_event_tip_names_the_reply_hours_of_the_settings(notes):
    notes.visit("甲", "2026-11-18 10:00", "## 沟通要点\n- 反馈一例皮疹", adverse_event="患者65岁，皮疹")
    tips = lambda: [s["tip"] for s in notes.json("prep", "甲", "--today", "2026-11-20", "--lang", "en")["scenarios"]
                    if s["scenario"] == "adverse"]
    assert "within 24 hours" in tips()[0]
    notes.write("visitlog.yaml", "adverse_reply_hours: 48\n")
    assert "within 48 hours" in tips()[0] and "24" not in tips()[0]
    zh = notes.json("prep", "甲", "--today", "2026-11-20", "--lang", "zh")["scenarios"]
    assert "48小时内" in zh[0]["tip"]
