"""Word lists tuned by hand live in data files (visitlog/data/) that a notebook extends."""
from __future__ import annotations

from datetime import date

from visitlog.notebook.settings import load_settings
from visitlog.notebook.wordlists import packaged_json, packaged_lines
from visitlog.rules.prep import scenarios, scenario_words
from visitlog.rules.topics import keywords, lexicon


def test_packaged_lists_are_read_from_data_files():
    cues = packaged_json("scenarios.json")
    assert {"doubts", "competitor", "price", "busy", "good", "price_tags"} <= set(cues)
    assert "_about" not in cues
    assert "药物经济学" in packaged_lines("glossary.txt")
    assert not any(w.startswith("#") for w in packaged_lines("glossary.txt"))


def test_a_notebook_adds_scenario_cues(notes):
    notes.visit("甲", "2026-11-18 10:00", "## 沟通要点\n- 刚下查房，只聊了一会")
    plain = notes.load()
    assert [s.key for s in scenarios(plain.visits[0], load_settings(notes.root))] == []
    notes.write("visitlog.yaml", "scenario_words: {busy: [刚下查房]}\n")
    settings = load_settings(notes.root)
    assert "没时间" in scenario_words(settings)["busy"]          # the shipped cues stay
    found = scenarios(notes.load().visits[0], settings)
    assert [(s.key, s.evidence) for s in found] == [("busy", "刚下查房")]


def test_unknown_scenario_is_a_settings_error(notes):
    notes.write("visitlog.yaml", "scenario_words: {weather: [下雨]}\n")
    notes.visit("甲", "2026-11-18 10:00")
    result = notes.run("prep", "甲")
    assert result.exit_code == 2 and "scenario_words" in result.stderr and "weather" in result.stderr


def test_a_notebook_glossary_word_is_kept_whole(notes):
    text = "关于处方外流的数据"
    assert keywords(text, lexicon()) == ("处方", "外流")
    # Two different questions that share only the character pair 处方 are one topic
    # until the notebook says 处方外流 is a word of its own.
    for name, question in (("甲", "处方外流对门诊有什么影响?"), ("乙", "处方用量有限制吗?")):
        notes.visit(name, "2026-11-18 10:00", f"## 沟通要点\n- {question}")
    week = ("review", "--week", "2026-W47", "--today", "2026-11-20")
    assert [t["count"] for t in notes.json(*week)["questions"]] == [2]
    notes.write("visitlog.yaml", "glossary: [处方外流]\n")
    assert keywords(text, lexicon(names=load_settings(notes.root).glossary)) == ("处方外流",)
    assert [t["count"] for t in notes.json(*week)["questions"]] == [1, 1]
