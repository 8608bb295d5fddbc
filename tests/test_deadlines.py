"""Deadline phrases resolved against the visit moment (SPEC section 3, docs/deadlines.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from visitlog.notebook.deadlines import (
    EXAMPLES_EN,
    EXAMPLES_ZH,
    WORKDAYS,
    Deadline,
    explicit_date,
    find_deadline,
)

sys.path.insert(0, str(Path(__file__).parent))
from deadline_cases import CASES, FRI, SUN, WED  # noqa: E402

SRC = Path(__file__).resolve().parent.parent / "src"


# ---------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------


def test_the_table_is_large_and_covers_the_required_moments():
    assert len(CASES) >= 150
    moments = {c.moment for c in CASES}
    assert datetime(2026, 11, 27, 20, 0) in moments  # Friday evening
    assert any(m.weekday() == 6 for m in moments)  # a Sunday
    assert any(m.weekday() == 2 and m.hour < 12 for m in moments)  # a Wednesday morning
    for month_end in (date(2026, 1, 31), date(2026, 2, 27), date(2026, 12, 31)):
        assert month_end in {m.date() for m in moments}
    assert sum(c.expected is None for c in CASES) >= 30  # vague text and confounders
    assert any(ord(ch) > 0x3000 for c in CASES for ch in c.text)
    assert any(c.text.isascii() for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.moment:%a%m%d-%H%M}:{c.text}" for c in CASES])
def test_phrase_resolves_against_the_visit(case):
    found = find_deadline(case.text, case.moment, WORKDAYS, case.region)
    if case.expected is None:
        assert found is None, f"{case.text!r} should have no date, got {found}"
        return
    assert found is not None, f"{case.text!r} gave no date"
    assert found.date == case.expected
    if case.time is not None:
        assert found.time == case.time
    assert case.text[found.start : found.end] == found.phrase


# ---------------------------------------------------------------------------
# specific conventions
# ---------------------------------------------------------------------------


def test_reading_later_never_moves_the_deadline():
    visit = datetime(2026, 11, 18, 10, 0)
    assert find_deadline("72小时内整理长期随访数据并发送", visit).date == date(2026, 11, 21)


def test_phrase_and_span_name_what_was_understood():
    text = "请在72小时内发送"
    found = find_deadline(text, FRI)
    assert found == Deadline(date(2026, 11, 30), None, "72小时内", 2, 7)
    found = find_deadline("send the summary by Friday afternoon", WED)
    assert (found.phrase, found.date, found.time) == ("by Friday afternoon", date(2026, 11, 20), time(14, 0))


def test_first_phrase_wins():
    found = find_deadline("3天后确认收到，一周内补充数据", FRI)
    assert (found.phrase, found.date) == ("3天后", date(2026, 11, 30))


def test_a_real_phrase_beats_a_vague_word():
    assert find_deadline("尽快，最迟周三", FRI).date == date(2026, 12, 2)
    assert find_deadline("later, by Monday at the latest", FRI).date == date(2026, 11, 30)


def test_times_of_day_keep_the_date():
    assert find_deadline("下周四下午", FRI) == Deadline(date(2026, 12, 3), time(14, 0), "下周四下午", 0, 5)
    assert find_deadline("明天晚上8点", FRI).time == time(20, 0)
    assert find_deadline("Friday at 10:15am", WED).time == time(10, 15)
    assert find_deadline("明天", FRI).time is None


def test_other_work_weeks():
    six_days = frozenset({0, 1, 2, 3, 4, 5})
    assert find_deadline("本周内", WED, six_days).date == date(2026, 11, 21)
    assert find_deadline("3个工作日内", FRI, six_days).date == date(2026, 12, 1)
    assert find_deadline("this week", WED, frozenset({0, 1, 2, 3})).date == date(2026, 11, 19)
    assert find_deadline("3个工作日内", FRI, frozenset()) is None
    assert find_deadline("本周内", WED, WORKDAYS).date == date(2026, 11, 20)


def test_moments_of_other_kinds():
    aware = datetime(2026, 11, 27, 16, 0, tzinfo=timezone(timedelta(hours=8)))
    assert find_deadline("72小时内", aware).date == date(2026, 11, 30)
    assert find_deadline("明天", date(2026, 11, 27)).date == date(2026, 11, 28)


def test_edges_of_the_calendar_give_none_rather_than_an_error():
    assert find_deadline("72小时内", datetime(9999, 12, 31, 23, 0)) is None
    assert find_deadline("下个月底", datetime(9999, 12, 1)) is None
    assert find_deadline("今天", datetime(1, 1, 1)) == Deadline(date(1, 1, 1), None, "今天", 0, 2)


def test_explicit_dates():
    assert explicit_date("发送新版说明书 📅 2026-12-08") == (date(2026, 12, 8), 8, 20)
    assert explicit_date("确认库存 due:2026-12-24")[0] == date(2026, 12, 24)
    assert explicit_date("both due:2026-12-24 and 📅 2026-12-08")[0] == date(2026, 12, 8)
    assert explicit_date("📅 2026-02-30 is impossible") is None
    assert explicit_date("overdue:2026-12-24") is None
    assert explicit_date("明天") is None


def test_examples_shown_as_hints_all_work():
    assert EXAMPLES_ZH and EXAMPLES_EN
    for phrase in EXAMPLES_ZH + EXAMPLES_EN:
        found = find_deadline(phrase, FRI)
        assert found is not None and found.phrase == phrase, phrase


def test_compound_spans_go_to_dateparser_and_odd_answers_are_refused():
    from visitlog.notebook.deadlines import _dateparser_lookup

    assert _dateparser_lookup("2-3例", FRI) is None  # a range of counts, not 3 February
    assert _dateparser_lookup("in December", FRI) is None  # no day
    found = find_deadline("renew in 1 year and 2 months", FRI)
    assert found.date == date(2028, 1, 27)


def test_english_rules_are_written_in_lower_case():
    """English rules run over lower-cased text, so an upper-case literal could never match."""
    import re

    from visitlog.notebook.deadlines import _RULES

    for rule in _RULES:
        if rule.script == "en":
            literal = re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", rule.pattern.source)
            assert not re.search(r"[A-Z]", literal), rule.name


# ---------------------------------------------------------------------------
# importing stays cheap
# ---------------------------------------------------------------------------


def test_importing_the_module_does_not_import_dateparser():
    code = (
        "import sys, visitlog.notebook.deadlines as d\n"
        "from datetime import datetime\n"
        "d.find_deadline('72小时内发送', datetime(2026, 11, 18, 10))\n"
        "d.find_deadline('后续跟进 follow up later', datetime(2026, 11, 18, 10))\n"
        "print('dateparser' in sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------

moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 12, 31))
workday_sets = st.frozensets(st.integers(0, 6))
date_ish = st.sampled_from(
    list("0123456789一二两三四五六七八九十半周星期礼拜天日号月年内后前底末上下午晚今明本这个点:/-.，,  ")
    + ["小时", "工作日", "next ", "by ", "in ", "within ", "days", "week", "Mon", "Friday", "Dec ", "am", "pm", "📅"]
)
tricky_text = st.lists(date_ish, max_size=25).map("".join)

_CN_COUNTS = ["一", "两", "三", "五", "七", "十", "十五", "二十", "半", "1", "3", "7", "10", "24", "48", "72", "100"]
_zh_span = st.builds(
    "{}{}{}".format,
    st.sampled_from(_CN_COUNTS),
    st.sampled_from(["小时", "个小时", "天", "日", "周", "个星期", "个礼拜", "个月", "个工作日"]),
    st.sampled_from(["内", "之内", "以内", "后", "以后", "之后"]),
)
_zh_weekday = st.builds(
    "{}{}{}".format,
    st.sampled_from(["", "下", "下下", "本", "这", "下个"]),
    st.sampled_from(["周", "星期", "礼拜"]),
    st.sampled_from(list("一二三四五六日天")),
)
_zh_words = st.sampled_from(
    ["今天", "当天", "明天", "明日", "后天", "大后天", "今晚", "明早", "本周内", "这周内", "下周内", "下下周",
     "月底", "本月底", "月末", "下月底", "年底前", "季度末", "周末", "周末前", "下周末", "下午", "上午", "晚上"]
)
_en_span = st.builds(
    "{} {} {}".format,
    st.sampled_from(["within", "in", "after", "within the next"]),
    st.sampled_from(["1", "2", "3", "10", "48", "a", "an", "two", "twenty-four", "a couple of", "half a"]),
    st.sampled_from(["hours", "hour", "days", "day", "weeks", "week", "months", "month", "working days", "business days"]),
)
_en_weekday = st.builds(
    "{}{}".format,
    st.sampled_from(["", "next ", "this ", "by ", "before ", "on "]),
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
)
_en_words = st.sampled_from(
    ["today", "tonight", "tomorrow", "the day after tomorrow", "this week", "next week", "by the end of the week",
     "end of the month", "end of next month", "EOD", "3 days from now", "a week from Friday", "2 weeks later"]
)
relative_phrase = st.one_of(_zh_span, _zh_weekday, _zh_words, _en_span, _en_weekday, _en_words)
filler = st.sampled_from(["", "请", "发送资料", "给主任", " ", "please send ", " the data", "。", "，"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=40), tricky_text), moment=moments, workdays=workday_sets)
def test_any_text_gives_a_deadline_or_none(text, moment, workdays):
    found = find_deadline(text, moment, workdays)
    assert found is None or isinstance(found, Deadline)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start : found.end] == found.phrase
        assert isinstance(found.date, date)
        assert found.time is None or isinstance(found.time, time)


@settings(max_examples=400, deadline=None)
@given(before=filler, phrase=relative_phrase, after=filler, moment=moments, workdays=workday_sets)
def test_a_relative_phrase_never_lands_before_the_visit(before, phrase, after, moment, workdays):
    text = before + phrase + after
    found = find_deadline(text, moment, workdays)
    if found is not None:
        assert found.date >= moment.date(), (text, moment, found)
        assert text[found.start : found.end] == found.phrase


@settings(max_examples=200, deadline=None)
@given(phrase=relative_phrase, moment=moments)
def test_the_phrase_is_found_where_it_was_put(phrase, moment):
    text = "记录：" + phrase + "。"
    found = find_deadline(text, moment)
    if found is not None:
        assert found.start >= 3
        assert text[found.start : found.end] == found.phrase


@given(text=st.text(max_size=60))
def test_explicit_date_never_raises(text):
    found = explicit_date(text)
    if found is not None:
        day, start, end = found
        assert isinstance(day, date) and 0 <= start < end <= len(text)


def test_garbage_arguments_give_none():
    assert find_deadline("", FRI) is None
    assert find_deadline(None, FRI) is None  # type: ignore[arg-type]
    assert find_deadline("明天", None) is None  # type: ignore[arg-type]
    assert find_deadline("明天", SUN, workdays=None) is not None  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# check: past phrases, the region's calendar
# ---------------------------------------------------------------------------


def test_read_deadline_says_why_there_is_no_date():
    from visitlog.notebook.deadlines import read_deadline

    reading = read_deadline("昨天晚上已给主任打电话", FRI)
    assert reading.deadline is None and reading.past == "昨天晚上"
    assert read_deadline("met last week Sunday", FRI).past == "last week Sunday"
    assert read_deadline("后续跟进", FRI).past is None  # vague, not past
    assert read_deadline("昨天聊过，明天再发", FRI).past is None  # a deadline was found


def test_check_warns_that_a_past_action_reads_as_done(notes):
    notes.visit("甲", "2026-11-27 16:00", "- [ ] 昨天晚上已给主任打电话\n- [ ] 后续跟进\n- [x] 前天送过样品 ✅ 2026-11-25")
    data = notes.json("check", ok=(0, 1))
    codes = [(p["line"], p["code"]) for p in data["problems"]]
    assert (5, "past-action") in codes
    assert (6, "vague-action") in codes
    assert not [c for c in codes if c[0] == 5 and c[1] == "vague-action"]
    assert not [c for c in codes if c[0] == 7]  # done: nothing to say
    zh = notes.run("check", "--lang", "zh")
    assert "已经做过" in zh.stdout and "昨天晚上" in zh.stdout


_zh_past = st.one_of(
    st.sampled_from(["昨天", "昨日", "昨晚", "前天", "大前天", "前日", "琴日", "尋日", "刚才", "刚刚", "去年", "前年",
                     "去年底", "上个月底", "上個月", "上周", "上週", "上上周", "上个星期", "上禮拜"]),
    st.builds("{}{}".format, st.sampled_from(["上周", "上个星期", "上礼拜", "上上周", "上週"]), st.sampled_from(list("一二三四五六日天"))),
    st.builds("{}{}{}".format, st.sampled_from(_CN_COUNTS), st.sampled_from(["天", "周", "个星期", "个月", "年", "小时", "個禮拜"]),
              st.sampled_from(["前", "之前", "以前"])),
).flatmap(lambda p: st.builds("{}{}".format, st.just(p), st.sampled_from(["", "晚上", "下午", "上午8点", "的", "下午3点半"])))
_en_past = st.one_of(
    st.sampled_from(["yesterday", "the day before yesterday", "last night", "earlier today", "the other day",
                     "last week", "last month", "last year", "the week before last", "last weekend"]),
    st.builds("{} {}".format, st.sampled_from(["last", "previous", "this past"]),
              st.sampled_from(["Monday", "Tuesday", "Friday", "Sunday", "week Sunday", "week Friday", "December"])),
    st.builds("{} {} ago".format, st.sampled_from(["2", "3", "a", "two", "ten"]), st.sampled_from(["days", "weeks", "months", "hours"])),
    st.builds("on {} last week".format, st.sampled_from(["Monday", "Thursday", "Sunday"])),
).flatmap(lambda p: st.builds("{}{}".format, st.just(p), st.sampled_from(["", " morning", " at 5pm", " evening"])))
_neutral = st.sampled_from(["", "已", "给主任打了电话", "发过资料", "we met ", " we called", "sent the slides ", "，", " "])


@settings(max_examples=400, deadline=None)
@given(before=_neutral, phrase=st.one_of(_zh_past, _en_past), after=_neutral, moment=moments, workdays=workday_sets)
def test_a_past_phrase_never_gives_a_deadline_on_or_after_the_visit(before, phrase, after, moment, workdays):
    from visitlog.notebook.deadlines import read_deadline

    text = f"{before} {phrase} {after}"
    reading = read_deadline(text, moment, workdays)
    assert reading.deadline is None or reading.deadline.date < moment.date(), (text, moment, reading)
    assert reading.deadline is not None or reading.past, (text, "should be read as past")


_holiday_phrase = st.builds(
    "{}{}".format,
    st.sampled_from(["春节", "國慶", "国庆", "中秋", "端午", "五一", "元旦", "清明", "十一假期", "圣诞节", "元宵", "重阳",
                     "before Christmas", "after Chinese New Year", "by National Day ", "after the Dragon Boat Festival "]),
    st.sampled_from(["", "前", "后", "之前", "以后", "當天"]),
)


@settings(max_examples=150, deadline=None)
@given(phrase=st.one_of(_holiday_phrase, st.builds("{}个工作日内".format, st.integers(1, 30))),
       moment=moments, region=st.sampled_from(["CN", "HK", "TW", "SG"]))
def test_holiday_and_working_day_phrases_land_on_or_after_the_visit(phrase, moment, region):
    found = find_deadline(phrase, moment, WORKDAYS, region)
    if found is not None:
        assert found.date >= moment.date(), (phrase, moment, region, found)
        assert phrase[found.start : found.end] == found.phrase


def test_working_days_follow_the_region_and_warn_past_the_holiday_data():
    from visitlog.notebook.calendar import horizon
    from visitlog.notebook.deadlines import read_deadline

    monday = datetime(2026, 9, 28, 10)
    assert find_deadline("5个工作日内", monday).date == date(2026, 10, 10)  # CN: 1-7 Oct off, Sat 10 Oct worked
    assert find_deadline("5個工作天內", monday, WORKDAYS, "HK").date == date(2026, 10, 6)
    assert read_deadline("5个工作日内", monday).beyond is None
    late = read_deadline("3个工作日内", datetime(horizon("CN"), 12, 31, 10))
    assert late.beyond == horizon("CN") + 1  # the next year: Monday-Friday, and check will warn
    assert late.deadline.date == date(horizon("CN") + 1, 1, 5) or late.deadline.date.weekday() < 5


def test_check_warns_when_working_days_run_past_the_holiday_data(notes):
    from visitlog.notebook.calendar import horizon

    year = horizon("CN")
    notes.visit("甲", f"{year}-12-30 10:00", "- [ ] 5个工作日内发资料\n- [ ] 明天发资料")
    data = notes.json("check", ok=(0, 1))
    codes = [(p["line"], p["code"]) for p in data["problems"]]
    assert (5, "calendar-beyond") in codes and not [c for c in codes if c[0] == 6]


def test_region_setting(notes):
    from visitlog.notebook.settings import SettingsError, settings_from_mapping

    assert settings_from_mapping({"region": "hk"}, "x").region == "HK"
    assert settings_from_mapping(None, "x").region == "CN"
    with pytest.raises(SettingsError):
        settings_from_mapping({"region": "JP"}, "x")
    notes.write("visitlog.yaml", "region: HK\n")
    notes.visit("甲", "2026-09-28 10:00", "- [ ] 5个工作日内发资料")
    data = notes.json("timeline", "甲", "--today", "2026-09-28")
    due = [a["due"] for c in data["contacts"] for a in c["actions"]]
    assert due == ["2026-10-06"]


def test_the_holiday_library_is_imported_only_when_a_phrase_needs_it():
    code = (
        "import sys, visitlog.notebook.deadlines as d\n"
        "from datetime import datetime\n"
        "d.find_deadline('72小时内发送 next Friday 12月5日前', datetime(2026, 11, 18, 10))\n"
        "print('holidays' in sys.modules)\n"
        "d.find_deadline('3个工作日内', datetime(2026, 11, 18, 10))\n"
        "print('holidays' in sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["False", "True"]
