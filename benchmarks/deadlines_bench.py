"""Deadline phrases: visitlog's grammar against dateparser alone, on the same table.

Run from the repository root:

    .venv/bin/python benchmarks/deadlines_bench.py [--repeat N]

Both resolve every row of tests/deadline_cases.py against the row's visit
moment. A row is correct when the date found equals the expected date (None
for vague text and confounders counts as correct only when nothing is found).
Speed is phrases per second over the whole table, best of several rounds;
one-off costs (importing, dateparser's first call, which loads its language
data) are measured apart, in fresh interpreters. visitlog's own dateparser fallback cache is cleared
before every round, so rows that reach the fallback pay for it every time.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from deadline_cases import CASES  # noqa: E402


def dateparser_settings(moment: datetime) -> dict:
    return {
        "RELATIVE_BASE": moment.replace(tzinfo=None),
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


def dateparser_alone(text: str, moment: datetime) -> date | None:
    """dateparser as generously as is reasonable: the whole text first, then a search inside it."""
    import dateparser
    from dateparser.search import search_dates

    options = dateparser_settings(moment)
    try:
        whole = dateparser.parse(text, languages=["zh", "en"], settings=options)
        if whole is not None:
            return whole.date()
        found = search_dates(text, languages=["zh", "en"], settings=options)
    except Exception:
        return None
    return found[0][1].date() if found else None


def visitlog_resolve(text: str, moment: datetime, region: str = "CN") -> date | None:
    from visitlog.notebook.deadlines import WORKDAYS, find_deadline

    found = find_deadline(text, moment, WORKDAYS, region)
    return found.date if found else None


def sample_actions() -> list[tuple[str, datetime]]:
    """Every action line of the sample notebook (notes/), as the parser hands it over, with its visit moment."""
    import re

    from visitlog.notebook.parse import parse_date, strip_fields

    out = []
    for path in sorted((ROOT / "notes").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        when = re.search(r"^date:\s*(.+)$", text, re.M)
        parsed = parse_date(when.group(1).strip()) if when else None
        moment = parsed[0] if parsed else datetime(2026, 11, 18, 10)
        for line in text.splitlines():
            m = re.match(r"\s*- \[.\] (.*)", line)
            if m:
                out.append((strip_fields(m.group(1)), moment))
    return out


def per_line(resolve, lines, rounds: int) -> float:
    """Microseconds per action line: the best of `rounds` passes, garbage collector paused."""
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for text, moment in lines:
                resolve(text, moment)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best / len(lines) * 1e6


def score(resolve) -> tuple[int, list[tuple[str, date | None, date | None]]]:
    wrong = []
    for case in CASES:
        got = resolve(case.text, case.moment, case.region) if resolve is visitlog_resolve else resolve(case.text, case.moment)
        if got != case.expected:
            wrong.append((case.text, case.expected, got))
    return len(CASES) - len(wrong), wrong


def rate(resolve, rounds: int, before_round=None) -> float:
    """Phrases per second: the best of `rounds` passes over the whole table.

    As timeit does, the garbage collector is paused while a round runs (and a
    collection is made before it), so neither engine pays for the other's
    garbage.
    """
    best = float("inf")
    for _ in range(rounds):
        if before_round:
            before_round()
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for case in CASES:
                resolve(case.text, case.moment)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return len(CASES) / best


def timed_subprocess(code: str, **extra_env: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **extra_env)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds over the table for each engine (default 5)")
    args = parser.parse_args()

    print(f"table: {len(CASES)} phrases (tests/deadline_cases.py), {args.repeat} rounds each, best round counts\n")

    import_code = "import time; t = time.perf_counter(); import visitlog.notebook.deadlines; print(time.perf_counter() - t)"
    with tempfile.TemporaryDirectory() as pycache:  # byte-code goes to a scratch folder, not into src/
        cached = {"PYTHONPYCACHEPREFIX": pycache, "PYTHONDONTWRITEBYTECODE": ""}
        import_cold = timed_subprocess(import_code, **cached)
        import_warm = min(timed_subprocess(import_code, **cached) for _ in range(3))
    first_dateparser = timed_subprocess(
        "import time; t = time.perf_counter()\n"
        "from datetime import datetime\n"
        "from dateparser.search import search_dates\n"
        "search_dates('3天后确认', languages=['zh', 'en'], settings={'RELATIVE_BASE': datetime(2026, 11, 27, 16)})\n"
        "print(time.perf_counter() - t)"
    )
    print("one-off costs (fresh interpreter):")
    print(f"  import visitlog.notebook.deadlines          {import_warm * 1000:8.1f} ms (first, compiling to byte-code: {import_cold * 1000:.1f} ms)")
    print(f"  dateparser import + first call     {first_dateparser * 1000:8.1f} ms\n")

    from visitlog.notebook import deadlines

    correct_v, wrong_v = score(visitlog_resolve)  # also warms the lazy fallback import
    correct_d, wrong_d = score(dateparser_alone)  # also warms dateparser's language data
    speed_v = rate(visitlog_resolve, args.repeat, deadlines._dateparser_lookup.cache_clear)
    speed_d = rate(dateparser_alone, args.repeat)

    print(f"{'engine':<18}{'correct':>12}{'phrases/s':>14}")
    print(f"{'visitlog':<18}{f'{correct_v}/{len(CASES)}':>12}{speed_v:>14,.0f}")
    print(f"{'dateparser alone':<18}{f'{correct_d}/{len(CASES)}':>12}{speed_d:>14,.0f}")
    print(f"\nvisitlog is {speed_v / speed_d:.1f}x dateparser's phrases per second")

    lines = sample_actions()
    for text, moment in lines:  # warm: lazy patterns compiled, the holiday library loaded if a line needs it
        visitlog_resolve(text, moment)
    rounds = max(args.repeat * 4, 20)
    line_v = per_line(deadlines.find_deadline, lines, rounds)
    line_d = per_line(dateparser_alone, lines, max(1, args.repeat // 2))
    print(f"\nsample notebook (notes/): {len(lines)} action lines, best of {rounds} passes")
    print(f"  visitlog          {line_v:8.1f} µs per action line (target: 15)")
    print(f"  dateparser alone  {line_d:8.1f} µs per action line ({line_d / line_v:.0f}x visitlog)")
    for name, wrong in (("visitlog", wrong_v), ("dateparser alone", wrong_d)):
        if wrong:
            print(f"\n{name} got {len(wrong)} wrong, e.g.:")
            for text, expected, got in wrong[:8]:
                print(f"  {text!r}: expected {expected}, got {got}")


if __name__ == "__main__":
    main()
