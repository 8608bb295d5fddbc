"""The whole notebook: files found and skipped, customers assembled, profiles evolving."""
from __future__ import annotations

from datetime import date

from visitlog.rules.customers import NoSuchCustomer, match
from visitlog.notebook.load import find_notebook, note_paths

import pytest


def test_skipped_places(notes):
    for rel in ["visits/a.md", "visits/2026/b.md", "reviews/2026-W47.md", "templates/visit.md",
                "visits/_draft.md", ".obsidian/x.md", "visits/.hidden.md", "visits/notes.txt",
                "archive/reviews/c.md"]:
        notes.write(rel, "---\ncustomer: 甲\ndate: 2026-11-20\n---\n")
    assert note_paths(notes.root) == ["archive/reviews/c.md", "visits/2026/b.md", "visits/a.md"]


def test_one_broken_file_does_not_stop_the_rest(notes):
    notes.visit("甲", "2026-11-20", "- [ ] 买资料 📅 2026-11-22")
    notes.write("visits/broken.md", "---\ncustomer: 坏\ndate: 2026-11-27\ntags: [a, b\n---\n")
    nb = notes.load()
    assert [c.name for c in nb.customers] == ["甲"]
    assert [(e.source.path, e.code) for e in nb.errors] == [("visits/broken.md", "yaml")]


def test_aliases_merge_visits_into_the_profile(notes):
    notes.profile("孙丽", 5, 5, 5, aliases="[孙主任]")
    notes.visit("孙丽", "2026-10-01")
    notes.visit("孙主任", "2026-11-01")
    nb = notes.load()
    assert [c.name for c in nb.customers] == ["孙丽"]
    assert [v.customer for v in nb.customer("孙主任").visits] == ["孙丽", "孙主任"]


def test_profile_evolves_visit_by_visit(notes):
    notes.write("customers/孙丽.md", "---\nname: 孙丽\ndepartment: 儿科\ntitle: 主治医师\n"
                "potential: {prescriptions: 2, influence: 2, department: 2}\n---\n")
    notes.visit("孙丽", "2026-10-01")
    notes.visit("孙丽", "2026-11-01", title="副主任医师", potential="{influence: 4}")
    notes.visit("孙丽", "2026-11-15", title="副主任医师")
    c = notes.load().customer("孙丽")
    assert c.profile_at(date(2026, 10, 15))["title"] == "主治医师"
    assert c.profile_at()["title"] == "副主任医师"
    assert c.profile_at()["potential"] == {"prescriptions": 2, "influence": 4, "department": 2}
    assert c.profile_at(date(2026, 10, 15))["potential"]["influence"] == 2
    assert [(ch.day, ch.field, ch.old, ch.new) for ch in c.changes] == [
        (date(2026, 11, 1), "title", "主治医师", "副主任医师"),
        (date(2026, 11, 1), "potential.influence", 2, 4),
    ]


def test_first_contact_is_since_else_first_visit(notes):
    notes.profile("甲", since="2025-03-02")
    notes.visit("甲", "2026-11-01")
    notes.visit("乙", "2026-10-05")
    notes.visit("乙", "2026-11-05")
    nb = notes.load()
    assert nb.customer("甲").first_contact == date(2025, 3, 2)
    assert nb.customer("乙").first_contact == date(2026, 10, 5)


def test_alias_claimed_twice_is_a_warning(notes):
    notes.profile("王建国", aliases="[王主任]")
    notes.profile("王芳", aliases="[王主任]")
    nb = notes.load()
    assert [(p.source.path, p.code) for p in nb.problems] == [("customers/王芳.md", "duplicate-name")]
    assert nb.canonical("王主任") == "王建国"


def test_visits_of_the_same_day_are_ordered_by_time(notes):
    notes.visit("甲", "2026-11-20 15:00", rel="visits/b.md")
    notes.visit("甲", "2026-11-20 09:00", rel="visits/a2.md")
    c = notes.load().customer("甲")
    assert [v.moment.hour for v in c.visits] == [9, 15]


def test_match_by_name_alias_and_prefix(notes):
    notes.profile("王建国", aliases="[王主任]")
    notes.profile("王芳")
    notes.visit("李秀兰", "2026-11-20")
    nb = notes.load()
    assert match(nb, "王主任").name == "王建国"
    assert match(nb, "李").name == "李秀兰"
    with pytest.raises(NoSuchCustomer) as ambiguous:
        match(nb, "王")
    assert ambiguous.value.ambiguous and set(ambiguous.value.candidates) == {"王建国", "王芳"}
    assert match(nb, "王建").name == "王建国"
    with pytest.raises(NoSuchCustomer) as unknown:
        match(nb, "张三")
    assert not unknown.value.ambiguous


def test_find_notebook_order(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "notes"
    for d in (a, b, c):
        d.mkdir()
    assert find_notebook(str(a), {"VISITLOG_NOTES": str(b)}, tmp_path) == a
    assert find_notebook(None, {"VISITLOG_NOTES": str(b)}, tmp_path) == b
    assert find_notebook(None, {}, tmp_path) == c
