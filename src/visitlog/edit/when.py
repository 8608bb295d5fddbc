"""When a contact happened, as a rep says it: `new --date 昨天下午3点`, `today 10:00`, `2026-11-27 16:00`.

`moment(text, today, now)` returns (datetime, has_time) or None. The day is
an ISO date, a month-day (`11-27`, `11月27日`), or a word relative to `today`
(今天/今日/today, 昨天/昨日/yesterday, 前天, 明天/tomorrow, 后天, 上周五 /
last fri); the time, if any, is `HH:MM`, `3pm`, `10am`, or Chinese
(下午3点, 上午10点半, 晚上8点15分, 15点). No day but a time means today. The
clock is a parameter: tests pass `today` (from `--today` or VISITLOG_TODAY).
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

_DAY_WORDS = {
    "今天": 0, "今日": 0, "today": 0, "昨天": -1, "昨日": -1, "yesterday": -1, "前天": -2,
    "明天": 1, "明日": 1, "tomorrow": 1, "后天": 2,
}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
             "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}

def _cn_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS for ch in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[text] if len(text) == 1 else None


_NUM = r"(\d{1,2}|[零〇一二两三四五六七八九十]{1,3})"
_CLOCK = re.compile(r"(\d{1,2})(?::|：)(\d{2})\s*(am|pm)?$", re.I)
_AMPM = re.compile(r"(\d{1,2})\s*(am|pm)$", re.I)


def _time_of(text: str) -> time | None:
    text = text.strip().lower()
    m = _CLOCK.match(text)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2))
        if m.group(3):
            hour = hour % 12 + (12 if m.group(3) == "pm" else 0)
        return time(hour, minute) if hour < 24 and minute < 60 else None
    m = _AMPM.match(text)
    if m:
        hour = int(m.group(1))
        return time(hour % 12 + (12 if m.group(2) == "pm" else 0)) if 1 <= hour <= 12 else None
    m = re.match(rf"(上午|下午|晚上|傍晚|早上|早晨|凌晨|中午|晚)?\s*{_NUM}\s*[点時时]\s*(?:(半)|{_NUM}\s*分?)?$", text)
    if m:
        part, hour, half, minute = m.group(1), _cn_number(m.group(2)), m.group(3), m.group(4)
        minute_value = 30 if half else (_cn_number(minute) if minute else 0)
        if hour is None or minute_value is None:
            return None
        if part in ("下午", "晚上", "傍晚", "晚") and hour < 12:
            hour += 12
        elif part == "中午" and hour < 6:
            hour += 12
        return time(hour, minute_value) if hour < 24 and minute_value < 60 else None
    return None


def _day_of(text: str, today: date) -> date | None:
    text = text.strip().lower()
    if text in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[text])
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{1,2})[-/月](\d{1,2})[日号]?", text)
    if m:
        try:
            day = date(today.year, int(m.group(1)), int(m.group(2)))
        except ValueError:
            return None
        return day if day <= today + timedelta(days=1) else day.replace(year=today.year - 1)
    m = re.fullmatch(r"(?:上周|上星期|上礼拜|last\s+)(一|二|三|四|五|六|日|天|mon|tue|wed|thu|fri|sat|sun)\w*", text)
    if m:
        monday = today - timedelta(days=today.weekday() + 7)
        return monday + timedelta(days=_WEEKDAYS[m.group(1)])
    m = re.fullmatch(r"(?:本周|这周|周|星期|礼拜)(一|二|三|四|五|六|日|天)", text)
    if m:
        day = today - timedelta(days=today.weekday()) + timedelta(days=_WEEKDAYS[m.group(1)])
        return day if day <= today else day - timedelta(days=7)
    return None


def moment(text: str, today: date) -> tuple[datetime, bool] | None:
    """The contact's moment and whether a time was given, or None when `text` says no day and no time."""
    text = " ".join(text.split())
    if not text:
        return None
    day = _day_of(text, today)
    if day is not None:
        return datetime.combine(day, time()), False
    clock = _time_of(text)
    if clock is not None:
        return datetime.combine(today, clock), True
    for n in range(len(text) - 1, 0, -1):         # a day, then a time: "昨天下午3点", "today 10:00"
        head, tail = text[:n].strip(), text[n:].strip()
        day = _day_of(head, today)
        if day is None:
            continue
        clock = _time_of(tail)
        if clock is not None:
            return datetime.combine(day, clock), True
    return None
