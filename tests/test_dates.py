"""Month arithmetic has one home (notebook/dates.py), shared by deadlines and the rules."""
from datetime import date

import pytest

from visitlog.notebook import dates, deadlines
from visitlog.rules import due


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 1, 15), -13, date(2024, 12, 15)),
    (date(2026, 5, 20), 0, date(2026, 5, 20)),
])
def test_add_months_clamps_to_the_month_end(day, months, expected):
    assert dates.add_months(day, months) == expected


def test_one_implementation_serves_deadlines_and_rules():
    assert deadlines.add_months is dates.add_months is due.add_months
    assert dates.last_day(2026, 2) == date(2026, 2, 28) and dates.last_day(2024, 2) == date(2024, 2, 29)
