"""Golden text of every human view on the sample notebook, at 80 columns, zh and en.

A layout change shows up as a reviewed diff of `tests/golden/*.txt`. To accept
a change on purpose, regenerate them and read the diff before committing:

    VISITLOG_GOLDEN=update .venv/bin/python -m pytest tests/test_golden.py
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from visitlog.cli import app

SAMPLE = Path(__file__).resolve().parent.parent / "notes"
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = "2026-11-20"

VIEWS = {
    "due": ["due"],
    "due-verbose": ["due", "-v"],
    "customers": ["customers"],
    "score": ["score"],
    "score-explain": ["score", "--explain", "赵志强"],
    "timeline": ["timeline", "王建国"],
    "prep": ["prep", "刘芳"],
    "prep-sun": ["prep", "孙伟"],
    "prep-verbose": ["prep", "刘芳", "-v"],
    "review": ["review", "--week", "2026-W47"],
    "check": ["check"],
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("golden") / "notes"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".visitlog"))
    return root


def render(sample: Path, args: list[str], lang: str) -> str:
    env = {"NO_COLOR": "1", "COLUMNS": "80", "LINES": "40", "VISITLOG_TODAY": TODAY, "VISITLOG_NOTES": "",
           "VISITLOG_REP": "", "PAGER": "cat", "TERM": "dumb"}
    result = CliRunner().invoke(app, [*args, "--notes", str(sample), "--lang", lang], env=env,
                                catch_exceptions=False)
    return f"$ visitlog {' '.join(args)} --lang {lang}  (exit {result.exit_code})\n{result.stdout}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_view_matches_golden(sample, view, lang):
    got = render(sample, VIEWS[view], lang)
    path = GOLDEN / f"{view}.{lang}.txt"
    if os.environ.get("VISITLOG_GOLDEN") == "update":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with VISITLOG_GOLDEN=update"
    assert got == path.read_text(encoding="utf-8"), f"{path.name} differs (VISITLOG_GOLDEN=update to accept)"


@pytest.fixture(scope="module")
def district(tmp_path_factory) -> Path:
    from test_screen import make_district

    return make_district(tmp_path_factory.mktemp("golden-district") / "district")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_morning_cut_to_two_screens_matches_golden(district, lang):
    """One rep's list on a generated district notebook, at a real 80×24 terminal: two screens (issue #13)."""
    from conftest import run_at_terminal

    args = ["due", "--rep", "王丽", "--today", TODAY, "--lang", lang]
    code, out = run_at_terminal([*args, "--notes", str(district)], rows=24, env={"HOME": str(district.parent)})
    got = f"$ visitlog {' '.join(args)}  (80×24 terminal, exit {code})\n{out}"
    path = GOLDEN / f"due-screen.{lang}.txt"
    if os.environ.get("VISITLOG_GOLDEN") == "update":
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with VISITLOG_GOLDEN=update"
    assert got == path.read_text(encoding="utf-8"), f"{path.name} differs (VISITLOG_GOLDEN=update to accept)"
