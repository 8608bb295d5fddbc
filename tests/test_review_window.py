"""`review` reads the points (discussion lines) of its own weeks only: the same review as reading them all."""
from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from visitlog.notebook.load import load
from visitlog.notebook.settings import load_settings
from visitlog.render import district as show_district
from visitlog.render import review as show
from visitlog.rules.district import district
from visitlog.rules.review import parse_month, parse_week, points_since, review, span, week_of
from visitlog.rules.team import rep_notebook, reps_of

PERIODS = [("2026-11-20", None), ("2026-11-20", "W46"), ("2026-11-20", "month"), ("2026-11-20", "span"),
           ("2026-09-09", None), ("2026-03-04", "W05")]


def _generate(root: Path, size: int, kind: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        import make_notebook
    finally:
        sys.path.pop(0)
    getattr(make_notebook, kind)(size, str(root), end=date(2026, 11, 20))
    old = time.time() - 3600                                  # not racy: the index stores every note
    for path in root.rglob("*.md"):
        os.utime(path, (old, old))


def _period(today: date, which: str | None):
    if which is None:
        return week_of(today)
    if which == "month":
        return parse_month("2026-10")
    if which == "span":
        return span(date(2026, 8, 1), today)
    return parse_week(f"{today.year}-{which}")


@pytest.mark.parametrize("kind, size", [("make_notebook", 1000), ("make_district", 900)])
def test_the_review_is_the_same_with_only_its_weeks_points(tmp_path, kind, size):
    root = tmp_path / "nb"
    _generate(root, size, kind)
    settings = load_settings(root)
    full = load(root, settings)                                # parses and fills the index
    stripped = 0
    for n, (day, which) in enumerate(PERIODS):
        today = date.fromisoformat(day)
        period = _period(today, which)
        since = points_since(period, settings)
        for cached in (True, False) if n == 0 else (True,):   # from the index (and once parsed afresh)
            light = load(root, settings, points=since, use_cache=cached)
            before = [v for v in light.visits if v.day < since]
            assert all(v.points == () for v in before)
            stripped += any(w.points for v, w in zip(light.visits, full.visits) if v.day < since)
            assert [v for v in light.visits if v.day >= since] == [v for v in full.visits if v.day >= since]
            if reps_of(full):
                a, b = district(full, period, today, settings), district(light, period, today, settings)
                assert show_district.to_json(a, "zh", []) == show_district.to_json(b, "zh", []), (day, which)
                assert show_district.markdown(a, "en") == show_district.markdown(b, "en")
                notebooks = [(rep_notebook(full, r), rep_notebook(light, r)) for r in reps_of(full)[:2]]
            else:
                notebooks = [(full, light)]
            for whole, part in notebooks:
                a, b = review(whole, period, today, settings), review(part, period, today, settings)
                assert show.to_json(a, "zh", []) == show.to_json(b, "zh", []), (day, which)
                assert show.markdown(a, "zh") == show.markdown(b, "zh")
    assert stripped >= 3                                       # the window did leave points out


def test_the_window_follows_the_rfm_setting(tmp_path):
    (tmp_path / "visitlog.yaml").write_text("rfm_window_days: 200\n", encoding="utf-8")
    week = parse_week("2026-W47")
    assert points_since(week, load_settings(tmp_path)) == date(2026, 4, 29)     # the eve's 200-day window
    (tmp_path / "plain").mkdir()
    assert points_since(week, load_settings(tmp_path / "plain")) == date(2026, 8, 17)  # 90 days
