"""Calendar arithmetic the rest of visitlog shares: month lengths and adding months."""
from __future__ import annotations

import calendar
from datetime import date


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def last_day(year: int, month: int) -> date:
    """The last day of the month."""
    return date(year, month, days_in_month(year, month))


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (or earlier), clamped to the month's end:
    01-31 plus one month is 02-28 (or 02-29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, days_in_month(year, month + 1)))
