"""Deadline phrases in visit notes, resolved against the moment of the visit.

A rep writes "72小时内发送资料" or "call back next Tuesday"; this module finds
the first such phrase in an action's text and turns it into a date (and a time
of day when the phrase names one). Everything is resolved against the visit's
own date and time, never against today, so a note means the same thing
whenever it is read (SPEC section 3; docs/deadlines.md lists every form).

The grammar is a set of compiled regular expressions, each paired with a small
resolver. Every match is a *candidate*; candidates are taken in text order
(longest first at the same position) and the first one whose resolver accepts
it wins. A resolver may also *refuse* its match (a dose, a count, a treatment
duration, a recurring schedule, a vague word): the refused span then counts as
understood-and-not-a-deadline, so nothing shorter inside it is tried and the
dateparser fallback is not asked about it either.

dateparser is only a fallback for date-like text that the grammar did not
consume. It is imported lazily inside :func:`_dateparser_lookup`; importing
this module stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Callable, NamedTuple

from .dates import add_months, days_in_month, last_day

__all__ = [
    "Deadline",
    "Reading",
    "read_deadline",
    "WORKDAYS",
    "EXAMPLES_ZH",
    "EXAMPLES_EN",
    "find_deadline",
    "explicit_date",
]


@dataclass(frozen=True)
class Deadline:
    """A deadline understood from a phrase in an action's text."""

    date: date
    time: time | None  # set when the phrase names a time of day or a clock time
    phrase: str  # the exact substring of the text that was understood
    start: int  # text[start:end] == phrase
    end: int


WORKDAYS = frozenset({0, 1, 2, 3, 4})  # Monday=0


class Reading(NamedTuple):
    """What an action's words say about its deadline.

    `deadline` is None when no date can honestly be given. `past` is the
    phrase that makes the action read like something already done ("昨天晚上",
    "last Friday", "3 days ago") when that is why there is no deadline.
    `beyond` is the year whose official calendar the holiday library does not
    know yet, when a working-day or holiday phrase had to fall back to the
    plain work week there.
    """

    deadline: Deadline | None
    past: str | None = None
    beyond: int | None = None

#: Phrases shown by ``visitlog check`` as a hint when an action is vague.
EXAMPLES_ZH = ("48小时内", "三天后", "下周二上午", "本周内", "12月5日前", "月底前", "5个工作日内")
EXAMPLES_EN = ("within 48 hours", "in 3 days", "next Tuesday", "by Friday", "Dec 5", "end of month", "within 5 working days")


class _Lazy:
    """A regular expression compiled on first use, so importing this module stays cheap.

    After the first use the compiled methods sit in the instance dict and are
    found without going through ``__getattr__`` again.
    """

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags

    def __getattr__(self, name: str):
        compiled = re.compile(self.source, self.flags)
        self.__dict__.update(
            match=compiled.match, search=compiled.search, finditer=compiled.finditer, fullmatch=compiled.fullmatch
        )
        return getattr(compiled, name)


_SPACES = frozenset(" \t\n\r\f\v\u3000\xa0")


def _first_chars(source: str, flags: int) -> frozenset[str] | None:
    """The characters a match of the pattern can start with, or None when that is not a small set.

    Worked out once from the parsed pattern (zero-width assertions are transparent,
    optional parts add the next part's first characters). A rule with such a set is
    only tried where one of its characters occurs, instead of scanning the whole text.
    """
    try:
        from re import _constants as C, _parser as P  # Python 3.11+
    except ImportError:  # pragma: no cover - older Pythons
        import sre_constants as C  # type: ignore[no-redef]
        import sre_parse as P  # type: ignore[no-redef]

    def seq(items) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in items:
            first, nullable = one(op, av)
            if first is None:
                return None, False
            out |= first
            if not nullable:
                return out, False
        return out, True

    def one(op, av) -> tuple[set[str] | None, bool]:
        if op is C.LITERAL:
            ch = chr(av)
            return ({ch, ch.upper(), ch.lower()} if flags & re.IGNORECASE else {ch}), False
        if op is C.IN:
            out: set[str] = set()
            for kind, value in av:
                if kind is C.LITERAL:
                    out.add(chr(value))
                elif kind is C.RANGE and value[1] - value[0] <= 64:
                    out.update(chr(c) for c in range(value[0], value[1] + 1))
                elif kind is C.CATEGORY and value is C.CATEGORY_SPACE:
                    out |= _SPACES
                elif kind is C.CATEGORY and value is C.CATEGORY_DIGIT:
                    out.update("0123456789")
                else:
                    return None, False
            if flags & re.IGNORECASE:
                out |= {c.upper() for c in out} | {c.lower() for c in out}
            return out, False
        if op is C.SUBPATTERN:
            return seq(av[-1].data if hasattr(av[-1], "data") else av[-1])
        if op is C.BRANCH:
            out, nullable = set(), False
            for alternative in av[1]:
                first, empty = seq(alternative.data if hasattr(alternative, "data") else alternative)
                if first is None:
                    return None, False
                out |= first
                nullable = nullable or empty
            return out, nullable
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) or str(op) == "POSSESSIVE_REPEAT":
            low, _high, item = av
            first, empty = seq(item.data if hasattr(item, "data") else item)
            return first, (first is not None and (empty or low == 0))
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return set(), True
        return None, False

    try:
        first, nullable = seq(P.parse(source, flags).data)
    except Exception:
        return None
    return None if first is None or nullable or not first else frozenset(first)


class _RuleLazy(_Lazy):
    """A rule's pattern, compiled on first use with a cheap first-character test in front.

    Python's regular expressions skip quickly to a literal or a character class at
    the start of a pattern, but not past an optional group or a lookbehind, where they
    try the whole pattern at every position. For those patterns a lookahead of the
    characters a match can start with (:func:`_first_chars`) fails fast instead.
    """

    def __getattr__(self, name: str):
        source = self.source
        first = _first_chars(source, self.flags)
        if first is not None and not _starts_plainly(source, self.flags):
            chars = "".join(sorted(first))
            source = "(?=[" + "".join("\\" + c if c in "\\]^-[" else c for c in chars) + "])(?:" + source + ")"
        compiled = re.compile(source, self.flags)
        self.__dict__.update(
            match=compiled.match, search=compiled.search, finditer=compiled.finditer, fullmatch=compiled.fullmatch
        )
        return getattr(compiled, name)


def _starts_plainly(source: str, flags: int) -> bool:
    """Does the pattern start with a literal, a class or a choice of literals (which the engine already skips to)?"""
    try:
        from re import _constants as C, _parser as P
    except ImportError:  # pragma: no cover
        import sre_constants as C  # type: ignore[no-redef]
        import sre_parse as P  # type: ignore[no-redef]
    try:
        items = P.parse(source, flags).data
    except Exception:
        return True
    while items and items[0][0] is C.SUBPATTERN:
        items = items[0][1][-1].data
    if not items:
        return False
    op, av = items[0]
    if op in (C.LITERAL, C.IN):
        return True
    if op is C.BRANCH:
        return all(alt.data and alt.data[0][0] is C.LITERAL for alt in av[1])
    return False


# --------------------------------------------------------------------------
# explicit dates: 📅 YYYY-MM-DD and due:YYYY-MM-DD
# --------------------------------------------------------------------------

_CALENDAR_MARK = _Lazy(r"📅\ufe0f?\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
_DUE_MARK = _Lazy(r"(?<![A-Za-z])due:\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])", re.IGNORECASE)


def explicit_date(text: str) -> tuple[date, int, int] | None:
    """The date written as ``📅 YYYY-MM-DD`` or ``due:YYYY-MM-DD``, with its span.

    The 📅 form wins over ``due:`` when both are present (SPEC section 2 lists
    them in that order); within one form the first valid date wins. An
    impossible date (2026-02-30) is skipped. Returns ``(date, start, end)``
    where ``text[start:end]`` is the whole mark, or None.
    """
    if not isinstance(text, str):
        return None
    for pattern in (_CALENDAR_MARK, _DUE_MARK):
        for m in pattern.finditer(text):
            try:
                found = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            return found, m.start(), m.end()
    return None


# --------------------------------------------------------------------------
# small helpers: numbers and calendar arithmetic
# --------------------------------------------------------------------------

# Full-width digits and separators are matched as their ASCII twins; the
# mapping is one character to one character, so spans stay valid.
# Traditional characters are read as their simplified twins (one for one, too), so
# every rule written in simplified Chinese also reads 五日內, 兩個禮拜內, 週三, 九月三號, 後天.
_TRADITIONAL = (
    "內内 週周 禮礼 個个 號号 後后 兩两 點点 時时 鐘钟 頭头 當这 這这 來来 過过 於于 從从 開开 會会 間间"
    " 幾几 數数 國国 慶庆 節节 勞劳 動动 農农 曆历 陽阳 歲岁 終终 結结 為为 還还 聖圣 誕诞 燈灯 臘腊 閏闰"
    " 萬万 遲迟 擇择 適适 隨随 馬马 緊紧 盡尽 續续 療疗 術术 藥药 給给 劑剂 組组 級级 發发 裡里 裏里 剛刚"
    " 經经 連连 見见 顯显 緩缓 達达 標标 調调 補补 長长 屆届 夠够 約约 號号 體体 準准 備备 確确 認认 寫写"
    " 傳传 電电 話话 聯联 繫系 處处 辦办 們们 對对 寄寄 於于 個个 鐘钟 晝昼 聽听 尋寻 曉晓 黃黄 週周 禮礼"
    " 現现 剩剩 離离 將将 應应 該该 須须 預预 計计 劃划 壹一 貳二 參三 肆四 伍五 陸六 柒七 捌八 玖九 拾十"
)
_TRAD_PAIRS = dict(pair for pair in _TRADITIONAL.split())
_TRAD_PAIRS["當"] = "当"
_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９：／－．～\u3000" + "".join(k for k, _ in [tuple(p) for p in _TRAD_PAIRS.items()]),
    "0123456789:/-.~ " + "".join(_TRAD_PAIRS.values()),
)

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100}


def _cn_int(s: str) -> int | None:
    """A Chinese numeral (一..九百九十九, 两, 廿/卅) as an int, or None.

    Two adjacent digits in rising order (两三, 三五) read as a range and give
    the upper bound: "两三天内" is a deadline of three days.
    """
    s = s.replace("廿", "二十").replace("卅", "三十")
    if not s:
        return None
    if len(s) == 2 and s[0] in _CN_DIGIT and s[1] in _CN_DIGIT and 0 < _CN_DIGIT[s[0]] < _CN_DIGIT[s[1]]:
        return _CN_DIGIT[s[1]]
    total, current, last_unit = 0, None, 1000
    for ch in s:
        if ch in _CN_DIGIT:
            if current not in (None, 0):
                return None
            current = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            unit = _CN_UNIT[ch]
            if unit >= last_unit:
                return None
            total += (1 if current is None else current) * unit
            current, last_unit = None, unit
        else:
            return None
    if current is not None:
        total += current
    return total


_EN_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def _number(s: str) -> float | None:
    """A count written in digits, Chinese numerals or English words.

    Ranges ("2-3", "两到三", "3~5") give their upper bound; 半 / "half a" is 0.5;
    "a"/"an" is 1 and "a couple of" is 2.
    """
    if s.isdigit() and s.isascii():
        return int(s)  # the usual case, without a regular expression
    if len(s) == 1 and s in _CN_DIGIT:
        return _CN_DIGIT[s]
    s = s.strip().lower()
    if not s:
        return None
    parts = re.split(r"\s*(?:-|~|到|至)\s*", s) if s[0] in "0123456789零〇一二两三四五六七八九十百廿卅" else [s]
    s = parts[-1]
    if s in ("半",) or re.fullmatch(r"half\s+an?", s):
        return 0.5
    if s in ("a", "an"):
        return 1
    if re.fullmatch(r"(?:a\s+)?couple\s+of", s):
        return 2
    if s[0].isdigit():
        try:
            value = float(s)
        except ValueError:
            return None
        return int(value) if value.is_integer() else value
    if s[0] in "零〇一二两三四五六七八九十百廿卅":
        return _cn_int(s)
    words = re.split(r"[\s-]+", s)
    if len(words) == 1:
        return _EN_SMALL.get(words[0], _EN_TENS.get(words[0]))
    if len(words) == 2 and words[0] in _EN_TENS and words[1] in _EN_SMALL and _EN_SMALL[words[1]] < 10:
        return _EN_TENS[words[0]] + _EN_SMALL[words[1]]
    return None


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _last_workday_offset(workdays: frozenset[int]) -> int:
    """Offset from Monday of the last work day of a week (Sunday when none)."""
    return max(workdays) if workdays else 6


def _weekend_offset(workdays: frozenset[int]) -> int:
    """Offset from Monday of the first day of the weekend (Saturday by default)."""
    if workdays and max(workdays) < 6:
        return max(workdays) + 1
    return 5


def _add_workdays(day: date, count: int, workdays: frozenset[int]) -> date | None:
    """The count-th work day after `day` (the visit day itself never counts)."""
    if not workdays or count < 1:
        return None
    current = day
    while count:
        current += timedelta(days=1)
        if current.weekday() in workdays:
            count -= 1
    return current


def _next_month_day(ctx: "_Ctx", month: int, day: int) -> date | None:
    """The next month/day to come, on or after the visit day."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    for year in range(ctx.day.year, ctx.day.year + 9):  # Feb 29 needs up to 8 years
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= ctx.day:
            return candidate
    return None


def _next_day_of_month(ctx: "_Ctx", day: int) -> date | None:
    """The next `day`-th of a month to come, on or after the visit day."""
    if not 1 <= day <= 31:
        return None
    first = ctx.day.replace(day=1)
    for offset in range(13):
        month = add_months(first, offset)
        if day <= days_in_month(month.year, month.month):
            candidate = month.replace(day=day)
            if candidate >= ctx.day:
                return candidate
    return None


# --------------------------------------------------------------------------
# the grammar
# --------------------------------------------------------------------------


class _Ctx(NamedTuple):
    moment: datetime
    day: date
    workdays: frozenset[int]
    region: str = "CN"
    state: dict | None = None  # shared by one call: the work calendar, what reads as past


def _workcal(ctx: _Ctx):
    """The region's working days (public holidays, make-up days), created on first need."""
    state = ctx.state if ctx.state is not None else {}
    cal = state.get("cal")
    if cal is None:
        key = (ctx.region, ctx.workdays)
        cal = _CALENDARS.get(key)
        if cal is None:
            from .calendar import WorkCalendar  # lazy: imports the holiday library

            if len(_CALENDARS) > 64:
                _CALENDARS.clear()
            cal = _CALENDARS[key] = WorkCalendar(ctx.region, ctx.workdays)
        cal.beyond = None  # what this call finds past the holiday data
        state["cal"] = cal
    return cal


_CALENDARS: dict = {}


class _Hit(NamedTuple):
    day: date
    clock: time | None = None
    period: str | None = None  # "am"/"pm"/"eve": how a following bare hour reads
    anchored: bool = False  # True for a date with an explicit year: may lie in the past
    end: int = 0  # when set, where the phrase really ends (a resolver that read further)


#: Returned by a resolver that recognises a date-like phrase it cannot resolve
#: (a compound span such as "in 1 year and 2 months"): dateparser is asked.
_DEFER = _Hit(date.min)
#: Returned by a resolver whose phrase lies in the past (昨天, last Friday, 3 days ago):
#: no deadline, and `check` says the action reads like something already done.
_PAST = _Hit(date.min, anchored=True)

Resolver = Callable[[re.Match, str, _Ctx], "_Hit | None"]


class _Rule(NamedTuple):
    name: str
    pattern: re.Pattern
    resolve: Resolver
    script: str  # "zh" or "en": the rule is skipped when the text has no such characters; "" always runs
    refuses: bool  # a rule that only ever refuses (vague words, bare durations) loses ties
    needs: frozenset[str]  # the rule runs only when the lower-cased text contains one of these


_RULES: list[_Rule] = []

_WEEKDAY_STEMS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Substrings one of which a rule's pattern cannot match without (see _rule).
_NEEDS: dict[str, tuple[str, ...]] = {
    "zh-span": ("内", "后"),
    "zh-span-ahead": ("未", "接", "今", "往", "此", "之"),
    "zh-compound": ("内", "后"),
    "en-span": ("in", "after"),
    "en-span-from": ("from", "later", "hence", "after", "before", "on"),
    "zh-duration": ("时", "头", "天", "日", "周", "期", "拜", "月", "年", "作"),
    "en-duration": ("hour", "hr", "day", "week", "wk", "fortnight", "month", "year", "yr"),
    "zh-weekday": ("周", "期", "拜"),
    "zh-weekend": ("末",),
    "zh-week": ("周", "期", "拜"),
    "en-weekday": _WEEKDAY_STEMS,
    "en-next-week-weekday": ("week",),
    "en-week": ("week", "eow"),
    "zh-day": ("天", "日", "晚", "早", "今朝", "听朝", "今夜", "而家", "现在"),
    "en-day": ("today", "tonight", "tomorrow", "tmr", "day", "eod", "cob", "business", "morning", "afternoon", "evening"),
    "zh-month-part": ("底", "末", "中", "旬"),
    "zh-month": ("月",),
    "zh-year-end": ("年",),
    "zh-quarter-end": ("季",),
    "en-month-end": ("end", "eom", "eoy", "eoq", "month", "mid", "late", "quarter", "q1", "q2", "q3", "q4"),
    "iso": ("-", "/", "."),
    "zh-date": ("月",),
    "zh-month-day": ("月",),
    "zh-day-only": ("号", "日"),
    "month-slash-day": ("/",),
    "en-date": _MONTH_STEMS,
    "en-ordinal-day": ("st", "nd", "rd", "th"),
    "vague-zh": (
        "后续", "尽快", "下次", "有空", "择期", "改天", "近期", "近日", "日后", "以后", "今后", "回头", "稍后", "抽空", "有时间",
        "找时间", "几天", "几周", "数日", "数天", "一段时间", "适时", "随后", "马上", "立即", "立刻", "及时", "抓紧", "早日", "不久",
    ),
    "vague-en": (
        "later", "soon", "asap", "some", "point", "possible", "course", "next time", "future", "eventually",
        "shortly", "bit", "few", "several", "early", "mid", "a.s.a.p",
    ),
}


def _rule(name: str, pattern: str, flags: int = 0, needs: tuple[str, ...] = ()) -> Callable[[Resolver], Resolver]:
    """Register a resolver for a pattern (declaration order is irrelevant).

    The name's prefix (``zh-``, ``en-``, ``vague-zh``...) says which script the
    rule needs, so English rules never run over purely Chinese text and back;
    `needs` lists substrings (lower case) of which one must occur for the
    pattern to have any chance: a cheap test that skips most rules on most text.
    """

    def register(fn: Resolver) -> Resolver:
        needs_ = needs or _NEEDS[name]
        script = "zh" if "zh" in name.split("-") else "en" if "en" in name.split("-") else ""
        refuses = name.startswith("vague") or name.endswith("duration")
        # English rules run over an ASCII-lower-cased copy of the text, which is twice
        # as fast as IGNORECASE; their resolvers read case from `scan` when it matters.
        compile_flags = flags & ~re.IGNORECASE if script == "en" else flags
        _RULES.append(_Rule(name, _RuleLazy(pattern, compile_flags), fn, script, refuses, frozenset(needs_)))
        return fn

    return register


def _left(scan: str, start: int, width: int = 8) -> str:
    """The text just before a match, trailing spaces dropped."""
    return scan[max(0, start - width) : start].rstrip()


def _right(scan: str, end: int, width: int = 8) -> str:
    """The text just after a match, leading spaces dropped."""
    return scan[end : end + width].lstrip()


# Words before a Chinese span that tie it to something other than the visit:
# a position in a course (第), a recurrence (每, 隔), the past (近, 过去, 前, 上),
# a treatment or post-operative period (服用3天后, 用药2周后, 术后3天内).
_ZH_SPAN_LEFT = (
    "第", "每", "隔", "近", "最近", "过去", "前", "上", "这", "那", "几", "数", "多",
    "持续", "连续", "服用", "使用", "用药", "服药", "治疗", "疗程", "术后", "药后", "用后",
    "注射", "给药", "停药", "月",
)
# Words after a span that make it a description rather than a promise.
_ZH_SPAN_RIGHT = ("的", "起效", "见效", "显效", "缓解", "达标", "达峰", "容")
_ZH_NUMERAL_CHARS = "0123456789.零〇一二两三四五六七八九十百廿卅几数"

_ZH_NUM = r"(?:[0-9]{1,3}(?:\.[0-9]{1,2})?|[零〇一二两三四五六七八九十百]{1,6})"
_ZH_NUM_RANGE = rf"(?:{_ZH_NUM}(?:\s*[-~到至]\s*{_ZH_NUM})?|半)"
_ZH_SPAN_BEFORE = _Lazy(rf"{_ZH_NUM}\s*(?:个)?(?:年|月|周|星期|礼拜|天|日|小时|钟头)(?:零|又)?$")


def _span_date(ctx: _Ctx, n: float, unit: str) -> date | None:
    """The visit moved on by n units (h, d, w, m, y, wd)."""
    if n is None or n <= 0:
        return None
    whole = float(n).is_integer()
    if unit in ("min", "s", "q"):
        seconds = n * {"min": 60, "s": 1, "q": 900}[unit]
        return (ctx.moment + timedelta(seconds=seconds)).date() if seconds <= 86400 * 3660 else None
    if unit == "h":
        return (ctx.moment + timedelta(hours=n)).date() if n <= 24 * 3660 else None
    if unit in ("d", "w"):
        days = n * (7 if unit == "w" else 1)
        if days > 3660:
            return None
        if float(days).is_integer():
            return ctx.day + timedelta(days=int(days))
        return (ctx.moment + timedelta(days=days)).date()
    if unit == "m":
        if n == 0.5:
            return ctx.day + timedelta(days=15)
        if n > 120:
            return None
        if whole:
            return add_months(ctx.day, int(n))
        if (n * 2).is_integer():
            return add_months(ctx.day, int(n)) + timedelta(days=15)
        return None
    if unit == "y":
        months = n * 12
        if months > 120 or not float(months).is_integer():
            return None
        return add_months(ctx.day, int(months))
    if unit == "wd":
        if not whole or n > 1000:
            return None
        return _workcal(ctx).add(ctx.day, int(n))
    return None


_ZH_UNITS = {
    "小时": "h", "个小时": "h", "钟头": "h", "个钟头": "h", "个钟": "h", "分钟": "min", "个分钟": "min", "刻钟": "q",
    "秒": "s", "秒钟": "s",
    "天": "d", "日": "d",
    "周": "w", "星期": "w", "个星期": "w", "礼拜": "w", "个礼拜": "w",
    "月": "m", "个月": "m",
    "年": "y",
    "工作日": "wd", "个工作日": "wd", "工作天": "wd", "个工作天": "wd",
}


@_rule(
    "zh-span",
    rf"(?P<num>{_ZH_NUM_RANGE})\s*(?P<half1>个半)?\s*"
    r"(?P<unit>个?工作日|个?工作天|个?小时|个?钟头|个钟|个?分钟|刻钟|秒钟?|天|日|周|个?星期|个?礼拜|个?月|年)"
    r"(?P<half2>半)?\s*(?P<suffix>之内|以内|内|之后|以后|过后|后)",
)
def _zh_span(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """N小时/天/周/个月/个工作日 + 内/后: the visit moved on by N units."""
    left = _left(scan, m.start())
    if left.endswith(_ZH_SPAN_LEFT) or (left and left[-1] in _ZH_NUMERAL_CHARS):
        return None
    follow = _ZH_AFTER_SPAN.match(scan, m.end())
    if follow is None and _right(scan, m.end()).startswith(_ZH_SPAN_RIGHT):
        return None
    if left and left[-1] in "年月周期拜天日时头零又" and _ZH_SPAN_BEFORE.search(left):
        return _DEFER  # the second half of a compound the compound rule refused
    unit_text = m.group("unit")
    num_text = m.group("num")
    if unit_text == "月" and num_text != "半" and not m.group("half1"):
        return None  # "3月内" reads as March: only 个月 is a span of months
    n = _number(num_text)
    if n is None:
        return None
    if m.group("half1") or m.group("half2"):
        if not float(n).is_integer() or n < 1:
            return None
        n += 0.5
    unit = _ZH_UNITS[unit_text]
    found = _span_date(ctx, n, unit)
    if found and follow is not None and follow.group("wd"):
        if m.group("suffix") not in ("后", "之后", "以后", "过后"):
            return None
        weekday = _ZH_WEEKDAY[follow.group("wd")]
        if unit == "w" and float(n).is_integer():  # 三周后的周一: Monday of the week three weeks on
            found = _week_start(ctx.day) + timedelta(days=7 * int(n) + weekday)
        else:  # 两天后的周五: the first Friday on or after that day
            found = _coming_weekday(found, weekday, same_day=True)
        return _Hit(found, end=follow.end()) if found >= ctx.day else None
    return _Hit(found) if found else None


# "两天后的上午", "三周后的周一": a span continued by a time of day or a weekday.
_ZH_AFTER_SPAN = _Lazy(
    r"\s*的\s*(?:(?=凌晨|早上|早晨|清晨|朝早|上午|中午|下午|晏昼|傍晚|晚上|夜晚|夜间|夜里)|(?:周|星期|礼拜)(?P<wd>[一二三四五六日天]|[1-7](?![0-9])))"
)

_ZH_PART = (
    rf"(?:{_ZH_NUM}|半)\s*(?:个半)?\s*(?:个?小时|个?钟头|个?分钟|天|日|周|个?星期|个?礼拜|个月|年)半?"
)


@_rule(
    "zh-compound",
    rf"(?P<parts>{_ZH_PART}(?:\s*(?:又|零|和|加|,|，)?\s*{_ZH_PART}){{1,3}})\s*(?P<suffix>之内|以内|内|之后|以后|过后|后)",
)
def _zh_compound(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """一个星期又三天内, 五个星期3小时内, 3天12小时后, 一年零两个月后: the parts added up."""
    left = _left(scan, m.start())
    if left.endswith(_ZH_SPAN_LEFT) or (left and left[-1] in _ZH_NUMERAL_CHARS):
        return None
    if _right(scan, m.end()).startswith(_ZH_SPAN_RIGHT):
        return None
    parts = []
    for part in _ZH_PART_FIND.finditer(m.group("parts")):
        n = _number(part.group("n"))
        if n is None:
            return None
        if part.group("h1") or part.group("h2"):
            n += 0.5
        parts.append((n, _ZH_UNITS[part.group("u")]))
    found = _sum_span(ctx, parts)
    return _Hit(found) if found else None


_ZH_PART_FIND = _Lazy(
    rf"(?P<n>{_ZH_NUM}|半)\s*(?P<h1>个半)?\s*(?P<u>个?小时|个?钟头|个?分钟|天|日|周|个?星期|个?礼拜|个月|年)(?P<h2>半)?"
)


def _sum_span(ctx: _Ctx, parts: list[tuple[float, str]]) -> date | None:
    """The visit moved on by every part in turn: months and years first, then days, then hours."""
    if not parts or any(n is None or n < 0 for n, _ in parts) or any(u == "wd" for _, u in parts):
        return None
    if len(parts) == 1:
        return _span_date(ctx, parts[0][0], parts[0][1])
    months = sum(n * (12 if u == "y" else 1) for n, u in parts if u in ("m", "y"))
    months = float(months)
    if months > 120 or not (months * 2).is_integer():
        return None
    seconds = sum(n * {"w": 604800, "d": 86400, "h": 3600, "min": 60, "s": 1}[u] for n, u in parts if u not in ("m", "y"))
    if seconds > 3660 * 86400 or (months == 0 and seconds == 0):
        return None
    moment = datetime.combine(add_months(ctx.day, int(months)), ctx.moment.time())
    if not float(months).is_integer():
        moment += timedelta(days=15)
    return (moment + timedelta(seconds=seconds)).date()


@_rule(
    "zh-span-ahead",
    rf"(?:未来|接下来的?|今后|往后|此后|之后的?)\s*(?P<num>{_ZH_NUM_RANGE})\s*(?P<half1>个半)?\s*"
    r"(?P<unit>个?工作日|个?工作天|个?小时|个?钟头|天|日|周|个?星期|个?礼拜|个月|年)(?:之内|以内|内|里|中)?",
)
def _zh_span_ahead(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """未来两天, 接下来一周内, 今后三个月: the end of that span."""
    n = _number(m.group("num"))
    if n is None:
        return None
    if m.group("half1"):
        n += 0.5
    found = _span_date(ctx, n, _ZH_UNITS[m.group("unit")])
    return _Hit(found) if found else None


_EN_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen)"
)
_EN_NUM = rf"(?:[0-9]{{1,3}}(?:\.[0-9]{{1,2}})?(?:\s*(?:-|to)\s*[0-9]{{1,3}})?|{_EN_WORDNUM}|an?|(?:a\s+)?couple\s+of|half\s+an?)"
_EN_UNIT = (
    r"(?:(?:working|business|work)[-\s]days?|workdays?|hours?|hrs?|h|days?|weeks?|wks?|fortnights?"
    r"|months?|years?|yrs?|minutes?|mins?|seconds?|secs?|(?<=[0-9])[wd])"
)


def _en_unit(word: str) -> tuple[str, int]:
    word = word.lower()
    if word.startswith(("working", "business", "work")):
        return "wd", 1
    if word.startswith("min"):
        return "min", 1
    if word.startswith("sec"):
        return "s", 1
    if word.startswith("h"):
        return "h", 1
    if word.startswith("d"):
        return "d", 1
    if word.startswith("fortnight"):
        return "w", 2
    if word.startswith("w"):
        return "w", 1
    if word.startswith("m"):
        return "m", 1
    return "y", 1


_EN_DISTANT = _Lazy(r"(?:of|ago|before|since|after|post|prior|into|following)\b|'s?\s+(?!time)|from\s+(?!now|today)", re.I)
_EN_SPAN_LEFT = _Lazy(r"(?:\b(?:once|every|each|per|first|last|past|previous)|[0-9.])$", re.I)


_EN_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|tue|wed|thurs|thur|thu|fri|sat|sun|mon)"
_EN_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_EN_FROM = (
    r"(?P<post>\s+(?:(?:from|after)\s+(?:now|today|the\s+visit|this\s+visit)|later|hence|on)(?![a-z])"
    r"|\s+(?P<dir>from|after|before)\s+(?=[a-z0-9]))"
)
_EN_PART = rf"(?:{_EN_NUM})[\s-]*(?:{_EN_UNIT})(?![a-z])"
_EN_PARTS = rf"(?P<parts>{_EN_PART}(?:\s*(?:,\s*and|,|and|plus)\s*{_EN_PART}){{0,3}})"


@_rule(
    "en-span",
    rf"\b(?:within|in|inside(?:\s+of)?|after|over|during)\s+(?:the\s+)?(?P<next>next\s+|coming\s+|following\s+)?{_EN_PARTS}"
    rf"(?:'s?\s+time)?{_EN_FROM}?",
    re.IGNORECASE,
)
def _en_span(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """within / in / after N hours, days, weeks, months, working days; in 1 year and 2 months."""
    if m.group(0).startswith(("over", "during")) and not m.group("next"):
        return None  # "over 3 days" is a duration
    if not m.group("post") and not m.group("dir") and _EN_DISTANT.match(_right(scan, m.end(), 12)):
        return None  # "within 2 weeks of starting", "after 3 days of treatment"
    return _en_span_resolve(m, scan, ctx)


@_rule(
    "en-span-from",
    rf"\b{_EN_PARTS}{_EN_FROM}",
    re.IGNORECASE,
)
def _en_span_from(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """N days from now / later / hence / from tomorrow / after Friday / before Dec 5."""
    if not m.group("post") and not m.group("dir"):
        return None
    return _en_span_resolve(m, scan, ctx)


@_rule(
    "en-span-next",
    rf"\b(?:the\s+)?(?:next|coming|following)\s+{_EN_PARTS}",
    re.IGNORECASE,
    needs=("next", "coming", "following"),
)
def _en_span_next(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """the next 3 days, next 4 business days: the end of that span."""
    if re.search(r"\b(?:for|of|last|past)$", _left(scan, m.start(), 12)):
        return None  # "for the next 3 days" is how long, not by when
    return _en_span_resolve(m, scan, ctx)


_EN_PART_FIND = _Lazy(rf"(?P<n>{_EN_NUM})[\s-]*(?P<u>{_EN_UNIT})(?![a-z])")


_EN_SPAN_BEFORE = _Lazy(rf"(?:{_EN_NUM})[\s-]*(?:{_EN_UNIT})\s*(?:,|and|,\s*and)?$", re.IGNORECASE)


def _en_span_resolve(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    if _EN_SPAN_LEFT.search(_left(scan, m.start(), 10)):
        return None
    if _EN_SPAN_BEFORE.search(_left(scan, m.start(), 24)):
        return _DEFER  # the second half of a compound that was refused
    parts = []
    text = m.group("parts")
    offset = m.start("parts")
    for part in _EN_PART_FIND.finditer(text):
        unit_word = scan[offset + part.start("u") : offset + part.end("u")]
        if unit_word in ("D", "W", "H"):
            return None  # "3D", "2W": not a count of days
        n = _number(part.group("n"))
        if n is None:
            return None
        unit, factor = _en_unit(part.group("u"))
        parts.append((n * factor, unit))
    if not parts:
        return None
    base, end, sign = ctx, 0, 1
    direction = m.groupdict().get("dir")
    if direction:
        anchor = _match_at(scan, m.end(), ctx)
        if anchor is None:
            return None
        hit, end = anchor
        base = ctx._replace(day=hit.day, moment=datetime.combine(hit.day, ctx.moment.time()))
        sign = -1 if direction == "before" else 1
    if sign < 0:
        if len(parts) != 1 or parts[0][1] not in ("d", "w"):
            return None
        n, unit = parts[0]
        if not float(n).is_integer():
            return None
        found = base.day - timedelta(days=int(n) * (7 if unit == "w" else 1))
    elif len(parts) == 1:
        found = _span_date(base, parts[0][0], parts[0][1])
    else:
        found = _sum_span(base, parts)
    return _Hit(found, anchored=base is not ctx and hit.anchored, end=end) if found else None


# Rules whose phrase names a day, and so can anchor "3 days after Friday", "16 days from 01/02/2018".
_ANCHOR_RULES = frozenset({
    "iso", "zh-date", "month-slash-day", "numeric-dmy", "en-date", "en-weekday", "en-next-week-weekday",
    "en-day", "en-ordinal-day", "en-nth-weekday", "en-festival", "zh-day", "zh-weekday", "zh-month-day",
    "zh-day-only", "zh-nth-weekday", "zh-festival",
})


_RANGE_JOINT = _Lazy(r"\s*(?:-|~|—|–|ー|至|到|until|till|to|through)\s*")
_RANGE_RULES = frozenset({"zh-day", "zh-weekday", "zh-month-day", "zh-day-only"})
_JOINT_FIRST = frozenset(" \t-~—–ー至到ut")


def _match_at(scan: str, pos: int, ctx: _Ctx) -> tuple[_Hit, int] | None:
    """The longest day-naming phrase that starts exactly at `pos`, resolved."""
    lowered = _ascii_lower(scan)
    best = None
    for rule in _RULES:
        if rule.name not in _ANCHOR_RULES:
            continue
        m = rule.pattern.match(lowered if rule.script == "en" else scan, pos)
        if m is None or m.end() <= pos or (best is not None and m.end() <= best[1]):
            continue
        hit = rule.resolve(m, scan, ctx)
        if hit is None or hit is _DEFER or hit.period == "past":
            continue
        best = (hit, hit.end or m.end())
    return best


@_rule(
    "zh-whole-span",
    rf"^\s*(?P<num>{_ZH_NUM_RANGE})\s*(?P<half1>个半)?\s*(?P<unit>天|周|个?星期|个?礼拜|个?月|年)(?P<half2>半)?\s*[。.!！]?\s*$",
    needs=("天", "周", "期", "拜", "月", "年"),
)
def _zh_whole_span(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """A duration that is the whole text (半个月, 一个半月, 两周): a span from the visit.

    Inside a sentence a bare duration says how long (服用3天) and is no deadline.
    """
    unit_text, num_text = m.group("unit"), m.group("num")
    if unit_text == "月" and num_text != "半" and not m.group("half1"):
        return None  # "3月" is March
    n = _number(num_text)
    if n is None:
        return None
    if m.group("half1") or m.group("half2"):
        if not float(n).is_integer() or n < 1:
            return None
        n += 0.5
    found = _span_date(ctx, n, _ZH_UNITS[unit_text])
    return _Hit(found) if found else None


@_rule(
    "zh-duration",
    rf"(?<![0-9])(?:{_ZH_NUM_RANGE})\s*(?:个半)?\s*(?:个?工作日|个?小时|个?钟头|天|日|周|个?星期|个?礼拜|个月|年)",
)
def _zh_duration(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """A bare duration (服用3天, 24小时): understood, and not a deadline."""
    return None


@_rule("en-duration", rf"\b(?:{_EN_NUM})[\s-]*(?:{_EN_UNIT})(?![a-z])", re.IGNORECASE)
def _en_duration(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """A bare duration (for 3 days, twice a day): understood, and not a deadline."""
    return None


def _coming_weekday(day: date, weekday: int, same_day: bool) -> date:
    """The next given weekday after `day` (or on it, when same_day)."""
    ahead = (weekday - day.weekday()) % 7
    if ahead == 0 and not same_day:
        ahead = 7
    return day + timedelta(days=ahead)


# ---- weekdays ---------------------------------------------------------------

_ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
               "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_ZH_WEEK_LEFT = ("上", "每", "隔", "第", "逢", "个", "前", "过去")
_ZH_NEXT = r"(?P<prefix>下下个?|下个?|本|这个?)?"


@_rule(
    "zh-weekday",
    r"(?:(?P<prefix>下下个?|下个?|本|这个?)(?:周|星期|礼拜)(?:的?(?:周|星期|礼拜))?|周|星期|礼拜)"
    r"(?P<d>[一二三四五六日天]|[1-7](?![0-9]))",
)
def _zh_weekday(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """周X, 星期X, 礼拜X, 本周X/这周X, 下周X, 下下周X."""
    prefix = m.group("prefix") or ""
    left = _left(scan, m.start())
    if left.endswith(_ZH_WEEK_LEFT) or (not prefix and left and left[-1] in _ZH_NUMERAL_CHARS):
        return None
    if not prefix and (_right(scan, m.end()).startswith(("次", "遍", "回", "至", "到")) or left.endswith(("至", "到", "~", "-"))):
        return None  # "两周一次", "周一至周五"
    weekday = _ZH_WEEKDAY[m.group("d")]
    if prefix.startswith("下下"):
        return _Hit(_week_start(ctx.day) + timedelta(days=14 + weekday))
    if prefix.startswith("下"):
        return _Hit(_week_start(ctx.day) + timedelta(days=7 + weekday))
    if prefix:  # 本周X / 这周X: this calendar week, never in the past
        found = _week_start(ctx.day) + timedelta(days=weekday)
        return _Hit(found)  # before the visit day: read as past
    return _Hit(_coming_weekday(ctx.day, weekday, same_day=False))


def _this_week_end(ctx: _Ctx, weeks_ahead: int = 0) -> date:
    end = _week_start(ctx.day) + timedelta(days=7 * weeks_ahead + _last_workday_offset(ctx.workdays))
    return max(end, ctx.day)


def _weekend(ctx: _Ctx, weeks_ahead: int = 0) -> date:
    start = _week_start(ctx.day) + timedelta(days=7 * weeks_ahead + _weekend_offset(ctx.workdays))
    return max(start, ctx.day)


@_rule(
    "zh-weekend",
    _ZH_NEXT + r"(?:周末|礼拜末)(?P<before>之前|以前|前)?",
)
def _zh_weekend(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """周末 is the first day of the weekend; 周末前 the last work day before it."""
    if _left(scan, m.start()).endswith(_ZH_WEEK_LEFT):
        return None
    prefix = m.group("prefix") or ""
    weeks = 2 if prefix.startswith("下下") else 1 if prefix.startswith("下") else 0
    if m.group("before"):
        return _Hit(_this_week_end(ctx, weeks))
    return _Hit(_weekend(ctx, weeks))


@_rule(
    "zh-week",
    r"(?P<prefix>下下个?|下个?|本|这个?|当)(?:周|星期|礼拜)(?P<suffix>之内|以内|内)?",
)
def _zh_week(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """本周(内)/这周/下周(内)/下下周: the last work day of that week."""
    if _left(scan, m.start()).endswith(("上", "每")):
        return None
    after = _right(scan, m.end(), 2)
    if not m.group("suffix") and after.startswith(("初", "中", "前", "末", "一", "二", "三", "四", "五", "六", "日", "天")):
        return None  # 下周初 is no single day; 下周前 is ambiguous
    prefix = m.group("prefix")
    weeks = 2 if prefix.startswith("下下") else 1 if prefix.startswith("下") else 0
    return _Hit(_this_week_end(ctx, weeks))


_EN_CUE = r"(?:by|before|until|till|on|due|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before)"


@_rule(
    "en-weekday",
    rf"\b(?P<pre>{_EN_CUE}\s+)?(?:(?P<which>next|this\s+coming|this|coming)\s+)?(?P<wd>{_EN_WD})(?![a-z])\.?"
    r"(?P<week>\s+(?:of\s+)?(?:next|this)\s+week)?",
    re.IGNORECASE,
)
def _en_weekday(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """next/this <weekday>, by <weekday>, a bare <weekday>, <weekday> next week."""
    word = scan[m.start("wd") : m.end("wd")]  # m ran over lower-cased text; case matters here
    if re.search(r"\b(?:last|every|each|previous|past|other|alternate)$", _left(scan, m.start(), 10), re.I):
        return None
    which = (m.group("which") or "").lower()
    week = (m.group("week") or "").lower()
    if len(word) <= 4 and not (m.group("pre") or which or week):
        # a bare abbreviation: "Dr. Sun" and "sat down" are not dates
        if not word[0].isupper() or word.lower() in ("sun", "sat", "mon"):
            return None
    weekday = _EN_WEEKDAYS[word.lower()]
    this_week = _week_start(ctx.day) + timedelta(days=weekday)
    if which == "next" or week.endswith("next week"):
        return _Hit(this_week + timedelta(days=7))
    if week.endswith("this week"):
        return _Hit(this_week) if this_week >= ctx.day else None
    if which == "this":
        return _Hit(_coming_weekday(ctx.day, weekday, same_day=True))
    return _Hit(_coming_weekday(ctx.day, weekday, same_day=False))


@_rule(
    "en-next-week-weekday",
    rf"\b(?:{_EN_CUE}\s+)?(?P<which>next|this)\s+week(?:,?\s+on|,)?\s+(?P<wd>{_EN_WD})(?![a-z])",
    re.IGNORECASE,
)
def _en_next_week_weekday(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """next week (on) Tuesday."""
    weekday = _EN_WEEKDAYS[m.group("wd").lower()]
    found = _week_start(ctx.day) + timedelta(days=weekday)
    if m.group("which").lower() == "next":
        return _Hit(found + timedelta(days=7))
    return _Hit(found)  # before the visit day: read as past


@_rule(
    "en-week",
    r"\b(?:(?:by|before|until|till)\s+)?(?:"
    r"(?:the\s+)?end\s+of\s+(?P<a>(?:the\s+|this\s+)?week|next\s+week|the\s+following\s+week)"
    r"|(?P<b>eow|this\s+week|within\s+the\s+week|later\s+this\s+week|next\s+week|the\s+week\s+after\s+next)"
    r"|(?P<c>the\s+weekend\s+after\s+next|(?:the\s+|this\s+)?weekend|next\s+weekend))\b",
    re.IGNORECASE,
)
def _en_week(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """this week / end of the week / next week / the week after next / weekend."""
    if re.search(r"\b(?:early|mid|last|every|each|past|previous)[-\s]*$", _left(scan, m.start(), 10), re.I):
        return None
    words = re.sub(r"\s+", " ", (m.group("a") or m.group("b") or m.group("c")).lower())
    weeks = 2 if "after next" in words else 1 if ("next" in words or "following" in words) else 0
    if m.group("c"):
        if re.match(r"(?:by|before|until|till)\b", m.group(0), re.I):
            return _Hit(_this_week_end(ctx, weeks))  # "by the weekend": before it starts
        return _Hit(_weekend(ctx, weeks))
    return _Hit(_this_week_end(ctx, weeks))


# ---- days -------------------------------------------------------------------

_ZH_DAY_WORDS = {
    "今天": (0, None), "今日": (0, None), "当天": (0, None), "当日": (0, None),
    "今早": (0, "早上"), "今晚": (0, "晚上"),
    "明天": (1, None), "明日": (1, None), "次日": (1, None), "第二天": (1, None), "隔天": (1, None),
    "明早": (1, "早上"), "明晚": (1, "晚上"),
    "后天": (2, None), "明后天": (2, None), "大后天": (3, None),
    # Cantonese, as Hong Kong reps write it (after the Traditional characters are read as simplified)
    "听日": (1, None), "听朝": (1, "早上"), "听晚": (1, "晚上"), "后日": (2, None), "大后日": (3, None),
    "今朝": (0, "早上"), "今夜": (0, "晚上"), "而家": (0, None), "现在": (0, None), "明晨": (1, "早上"),
}


@_rule(
    "zh-day",
    r"(?P<w>大后天|明后天|后天|明天|明日|明早|明晚|明晨|今天|今日|今晚|今早|今朝|今夜|当天|当日|次日|第二天|隔天"
    r"|听日|听朝|听晚|大后日|后日|而家|现在)(?P<suffix>之内|以内|内|之前|以前|前)?",
)
def _zh_day(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """今天, 当天, 明天, 后天, 大后天, 今晚, 明早 ..."""
    left = _left(scan, m.start(), 2)
    word = m.group("w")
    if word in ("后天", "当日", "当天", "后日") and left.endswith(("先", "的", "每", "一", "之", "以", "然", "最")):
        return None
    if word == "现在" and _right(scan, m.end(), 1)[:1] in ("的", "是", "用", "在", "有"):
        return None  # "现在的方案", "现在用药": now as a description, not a promise
    offset, period = _ZH_DAY_WORDS[word]
    clock = _PERIOD_CLOCK[period] if period else None
    return _Hit(ctx.day + timedelta(days=offset), clock, _PERIOD_KIND.get(period))


@_rule(
    "en-day",
    r"\b(?:(?:by|before|until|till|no\s+later\s+than)\s+)?(?P<w>(?:the\s+)?day\s+after\s+tomorrow|tomorrow|tmrw|tmr"
    r"|today|tonight|(?:(?:the\s+)?end\s+of\s+(?:the\s+)?day|eod|cob|close\s+of\s+business)(?:\s+(?:today|tomorrow))?"
    r"|within\s+the\s+day"
    r"|this\s+(?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
def _en_day(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """today, tonight, tomorrow, the day after tomorrow, end of day."""
    word = re.sub(r"\s+", " ", m.group("w").lower())
    if "after tomorrow" in word:
        return _Hit(ctx.day + timedelta(days=2))
    if word in ("tomorrow", "tmrw", "tmr") or word.endswith(" tomorrow"):
        return _Hit(ctx.day + timedelta(days=1))
    if not word.endswith(" today") and re.match(rf"\s*(?:on\s+)?(?:{_EN_WD}|{_EN_MON}\.?\s+[0-9]|the\s+[0-9])", scan[m.end() :], re.I):
        return None  # "EOD Friday": the day that follows decides
    if word == "tonight":
        return _Hit(ctx.day, _PERIOD_CLOCK["evening"], "eve")
    if word.startswith("this "):
        period = word[5:]
        return _Hit(ctx.day, _PERIOD_CLOCK[period], _PERIOD_KIND[period])
    return _Hit(ctx.day)


# ---- months, quarters, years ------------------------------------------------

_ZH_MONTH_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_ZH_DAY_NUM = r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|[二]?十[一二三四五六七八九]?|[一二三四五六七八九]|廿[一二三四五六七八九]?|卅一?)"


def _part_of_month(year: int, month: int, part: str) -> date:
    """The deadline for 底/末 (last day), 中 (15th), 上旬 (10th), 中旬 (20th), 下旬 (last day)."""
    if part in ("中",):
        return date(year, month, 15)
    if part == "上旬":
        return date(year, month, 10)
    if part == "中旬":
        return date(year, month, 20)
    return last_day(year, month)


@_rule(
    "zh-month-part",
    rf"(?:(?P<prefix>本|这个?|当|下下个?|下个?)|(?<![0-9])(?P<mnum>{_ZH_MONTH_NUM}))?\s*月份?(?P<part>底|末|中旬|中|上旬|下旬)"
    r"(?P<before>之前|以前|前)?",
)
def _zh_month_part(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """月底, 本月底, 下月末, 12月底, 月中, 下旬."""
    left = _left(scan, m.start(), 3)
    if left.endswith(("上", "每", "个", "岁", "年")) and not m.group("mnum"):
        return None
    if left.endswith(("上", "每")):
        return None
    part = m.group("part")
    if part == "中" and _right(scan, m.end(), 1).startswith(("心", "间", "旬")):
        return None
    if m.group("mnum"):
        month = _number(m.group("mnum"))
        if month is None or not 1 <= month <= 12:
            return None
        month = int(month)
        for year in (ctx.day.year, ctx.day.year + 1):
            found = _part_of_month(year, month, part)
            if found >= ctx.day:
                return _Hit(found)
        return None
    prefix = m.group("prefix") or ""
    months = 2 if prefix.startswith("下下") else 1 if prefix.startswith("下") else 0
    first = add_months(ctx.day.replace(day=1), months)
    found = _part_of_month(first.year, first.month, part)
    return _Hit(found)  # before the visit day: read as past


@_rule(
    "zh-month",
    r"(?P<prefix>本|这个?|当|下下个?|下个?)月(?P<suffix>之内|以内|内)?",
)
def _zh_month(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """本月(内), 这个月, 下个月(内): the last day of that month."""
    after = _right(scan, m.end(), 2)
    if not m.group("suffix") and after[:1] and (after[0] in "初底末中上下份0123456789一二三四五六七八九十廿卅号"):
        return None
    prefix = m.group("prefix")
    months = 2 if prefix.startswith("下下") else 1 if prefix.startswith("下") else 0
    first = add_months(ctx.day.replace(day=1), months)
    return _Hit(last_day(first.year, first.month))


@_rule(
    "zh-year-end",
    r"(?:(?P<year>(?:19|20)[0-9]{2})\s*|(?P<prefix>今|本|明|当))?年(?P<part>底|末|终|内)(?P<before>之前|以前|前)?",
)
def _zh_year_end(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """年底/年末/今年内/明年底/2027年底: 31 December."""
    if m.group("year"):
        if _left(scan, m.start(), 1)[-1:].isdigit():
            return None
        return _Hit(date(int(m.group("year")), 12, 31), anchored=True)
    prefix = m.group("prefix")
    left = _left(scan, m.start(), 2)
    if not prefix and (left[-1:] in set(_ZH_NUMERAL_CHARS) | {"去", "前", "每", "上", "新", "中", "老", "青", "少", "成", "周", "全"}):
        return None
    if not prefix and m.group("part") == "内":
        return None  # a bare 年内 follows a number (3年内): left to zh-span
    year = ctx.day.year + (1 if prefix == "明" else 0)
    return _Hit(date(year, 12, 31))


@_rule(
    "zh-quarter-end",
    r"(?P<prefix>本|这个?|当|下个?)?季度?(?:末|底)(?P<before>之前|以前|前)?",
)
def _zh_quarter_end(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """季度末/本季度末/下季度末: the last day of that quarter."""
    left = _left(scan, m.start(), 2)
    if left.endswith(("上", "每")) or (not m.group("prefix") and left[-1:] and left[-1] in _ZH_NUMERAL_CHARS + "第Qq"):
        return None  # 第四季度末 names a quarter that may not be this one
    prefix = m.group("prefix") or ""
    return _Hit(_quarter_end(ctx.day, 1 if prefix.startswith("下") else 0))


def _quarter_end(day: date, quarters: int) -> date:
    first = add_months(day.replace(day=1), 3 * quarters)
    month = (first.month - 1) // 3 * 3 + 3
    return last_day(first.year, month)


_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_EN_MON = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"


@_rule(
    "en-month-end",
    r"\b(?:(?:by|before|until|till)\s+)?(?:"
    r"(?:the\s+)?(?:end|last\s+day)\s+of\s+(?P<which>(?:the\s+|this\s+)?month|next\s+month|the\s+following\s+month"
    rf"|(?P<mon>{_EN_MON})(?:\s+(?P<year>(?:19|20)[0-9]{{2}}))?|(?P<yw>(?:the\s+|this\s+)?year|next\s+year)"
    r"|(?P<qw>(?:the\s+|this\s+)?quarter|next\s+quarter)|q(?P<qn>[1-4]))"
    r"|(?P<short>eom|month[-\s]end|eoy|year[-\s]end|eoq|quarter[-\s]end|this\s+month|within\s+the\s+month|next\s+month"
    r"|this\s+quarter|next\s+quarter)"
    rf"|mid[-\s]?(?P<mid>{_EN_MON})|late\s+(?P<late>{_EN_MON}))\b",
    re.IGNORECASE,
)
def _en_month_end(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """end of (the) month / next month / November, EOM, year-end, quarter-end, mid-December."""
    if re.search(r"\b(?:early|last|every|each|past|previous)[-\s]*$", _left(scan, m.start(), 10), re.I):
        return None
    if m.group("mid"):
        found = _next_month_day(ctx, _EN_MONTHS[m.group("mid").lower()], 15)
        return _Hit(found) if found else None
    if m.group("late"):
        m_late = _EN_MONTHS[m.group("late").lower()]
        for year in (ctx.day.year, ctx.day.year + 1):
            if last_day(year, m_late) >= ctx.day:
                return _Hit(last_day(year, m_late))
        return None
    if m.group("qn"):
        month = int(m.group("qn")) * 3
        for year in (ctx.day.year, ctx.day.year + 1):
            if last_day(year, month) >= ctx.day:
                return _Hit(last_day(year, month))
        return None
    if m.group("mon"):
        month = _EN_MONTHS[m.group("mon").lower()]
        if m.group("year"):
            return _Hit(last_day(int(m.group("year")), month), anchored=True)
        for year in (ctx.day.year, ctx.day.year + 1):
            if last_day(year, month) >= ctx.day:
                return _Hit(last_day(year, month))
        return None
    if m.group("short") and re.search(r"\bof$", _left(scan, m.start(), 6), re.I):
        return None  # "the 25th of next month" names a day, see en-ordinal-day
    words = re.sub(r"[-\s]+", " ", (m.group("which") or m.group("yw") or m.group("qw") or m.group("short")).lower())
    ahead = 1 if ("next" in words or "following" in words) else 0
    if m.group("yw") or words in ("eoy", "year end"):
        return _Hit(date(ctx.day.year + ahead, 12, 31))
    if m.group("qw") or words in ("eoq", "quarter end", "this quarter", "next quarter"):
        return _Hit(_quarter_end(ctx.day, ahead))
    first = add_months(ctx.day.replace(day=1), ahead)
    return _Hit(last_day(first.year, first.month))


# ---- absolute dates -----------------------------------------------------------


def _absolute(ctx: _Ctx, year: int | None, month: int, day: int) -> _Hit | None:
    if year is None:
        found = _next_month_day(ctx, month, day)
        return _Hit(found) if found else None
    try:
        return _Hit(date(year, month, day), anchored=True)
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    value = _number(text)
    return int(value) if value is not None and float(value).is_integer() else None


@_rule(
    "iso",
    r"(?<![0-9./-])(?P<y>(?:19|20)[0-9]{2})\s*(?P<sep>[-/.])\s*(?P<m>[0-9]{1,2})\s*(?P=sep)\s*(?P<d>[0-9]{1,2})(?![0-9])"
    r"(?P<before>之前|以前|前)?",
)
def _iso(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """2026-11-25, 2026/11/25, 2026.11.25."""
    if _right(scan, m.end(), 1)[:1] in ("-", "/", ".") and _right(scan, m.end(), 2)[1:2].isdigit():
        return None
    return _absolute(ctx, int(m.group("y")), int(m.group("m")), int(m.group("d")))


@_rule(
    "zh-date",
    rf"(?:(?P<y>(?<![0-9])[0-9]{{4}}|[一二][〇零一二三四五六七八九]{{3}})\s*年\s*[，,、]?\s*|(?P<yrel>今年|明年|本年))?(?<![0-9])(?P<m>{_ZH_MONTH_NUM})\s*月\s*"
    rf"(?P<d>{_ZH_DAY_NUM})(?![0-9])\s*(?P<suf>日|号)?(?P<before>之前|以前|前)?",
)
def _zh_date(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """11月25日, 11月25号, 十二月一日, 2026年11月25日, 明年1月5日."""
    if not (m.group("suf") or m.group("before") or m.group("y")):
        return None  # "11月25" alone may be a count; insist on 日/号, 前 or a year
    month, day = _int(m.group("m")), _int(m.group("d"))
    if month is None or day is None:
        return None
    if m.group("y"):
        year = "".join(str(_CN_DIGIT.get(ch, ch)) for ch in m.group("y"))  # 二〇二六 -> 2026
        return _absolute(ctx, int(year), month, day)
    if m.group("yrel"):
        year = ctx.day.year + (1 if m.group("yrel") == "明年" else 0)
        hit = _absolute(ctx, year, month, day)
        return hit._replace(anchored=False) if hit and hit.day >= ctx.day else None
    return _absolute(ctx, None, month, day)


@_rule(
    "zh-month-day",
    rf"(?P<prefix>本|这个?|当|下个?)月\s*(?P<d>{_ZH_DAY_NUM})(?![0-9])\s*(?P<suf>日|号)(?P<before>之前|以前|前)?",
)
def _zh_month_day(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """本月25号, 下个月5日."""
    day = _int(m.group("d"))
    if day is None:
        return None
    first = add_months(ctx.day.replace(day=1), 1 if m.group("prefix").startswith("下") else 0)
    try:
        found = first.replace(day=day)
    except ValueError:
        return None
    return _Hit(found)  # before the visit day: read as past


# What follows "N号" when it numbers a thing rather than a day of the month.
_ZH_NOT_A_DAY_AFTER = _Lazy(
    r"\s*(?:[床楼线房室窗门口柜机位患病药文件层台车码箱盒瓶片粒支包元块份条项组批届次路站厅馆院区栋座卡袋剂针球]"
    r"|[0-9]|[a-zA-Z]|-|至|到|~)"
)
_ZH_DAY_CUE_LEFT = ("于", "在", "到", "截止", "截至", "最迟", "最晚", "by", "before", "until")
_ZH_TIME_AFTER = _Lazy(r"\s*(?:凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|[0-9]{1,2}\s*[:点])")


@_rule(
    "zh-day-only",
    rf"(?<![0-9月])(?P<d>{_ZH_DAY_NUM})(?![0-9])\s*(?P<suf>号|日)(?P<before>之前|以前|前)?",
)
def _zh_day_only(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """25号前, 截止30日: the next such day of a month (needs a cue)."""
    left = _left(scan, m.start(), 4)
    if left[-1:] in set(_ZH_NUMERAL_CHARS) | {"第", "每", "个", "期", "星", "拜", "周"}:
        return None
    if _ZH_NOT_A_DAY_AFTER.match(scan, m.end()) or left[-1:].isascii() and left[-1:].isalnum():
        return None  # 5号床, 3号患者, 2号线, 7号文件: a number, not a day of the month
    day = _int(m.group("d"))
    found = _next_day_of_month(ctx, day) if day else None
    return _Hit(found) if found else None


_UNIT_AFTER = _Lazy(
    r"\s*(?:片|粒|支|盒|瓶|袋|剂|mg|ml|g\b|μg|ug|mcg|kg|例|人|名|位|次|的|量|患者|之|倍|%|％|个|分|份|组|期|级|型"
    r"|tablets?|doses?|patients?|cases?|pts?\b|units?|boxes|of\b)",
    re.IGNORECASE,
)
_MD_CUE_LEFT = _Lazy(r"(?:\b(?:by|before|on|until|till|due|from)|截止|截至|于|在|到|最迟|最晚|日期[:：]?)$", re.I)
_MD_CUE_RIGHT = _Lazy(r"\s*(?:之前|以前|前|当天|上午|下午|晚上|中午|早上|[0-9]{1,2}\s*[:点]|[0-9]{1,2}\s*[ap]\.?m)", re.I)


@_rule(
    "month-slash-day",
    r"(?<![0-9./:-])(?P<m>[0-9]{1,2})\s*/\s*(?P<d>[0-9]{1,2})(?:\s*/\s*(?P<y>(?:19|20)[0-9]{2}))?(?![0-9/.:%-])"
    r"(?P<before>\s*(?:之前|以前|前))?",
)
def _month_slash_day(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """11/25 (month/day) and 11/25/2026; fractions like 1/2片 are refused."""
    if _UNIT_AFTER.match(scan, m.end()):
        return None
    month, day = int(m.group("m")), int(m.group("d"))
    if month > 12 >= day and m.group("y"):
        month, day = day, month  # 21/04/2016: only a day can be 21
    left = _left(scan, m.start(), 12)
    cued = bool(m.group("before") or m.group("y") or _MD_CUE_LEFT.search(left) or _MD_CUE_RIGHT.match(scan, m.end()))
    if not cued:
        fraction_like = month < day <= 10
        before_ok = not left or not (left[-1].isalnum() or left[-1] in "+-*×x=")
        after = scan[m.end() : m.end() + 1]
        after_ok = not after or not after.isascii() or not after.isalnum()
        if fraction_like or not (before_ok and after_ok):
            return None
    return _absolute(ctx, int(m.group("y")) if m.group("y") else None, month, day)


@_rule(
    "numeric-dmy",
    r"(?<![0-9./:-])(?P<a>[0-9]{1,2})\s*(?P<sep>[-.])\s*(?P<b>[0-9]{1,2})\s*(?P=sep)\s*(?P<y>[0-9]{4})(?![0-9])"
    r"(?P<before>\s*(?:之前|以前|前))?",
    needs=("-", "."),
)
def _numeric_dmy(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """13.5.2015 and 21-04-2016: day first (a first number above 12 can only be a day)."""
    a, b = int(m.group("a")), int(m.group("b"))
    if m.group("sep") == "-" and b > 12 >= a:
        a, b = b, a  # 04-21-2016: month first, since 21 can only be a day
    elif m.group("sep") == "-" and a <= 12 and b <= 12:
        a, b = b, a  # both could be a month: read as written in the US, month first, like 04/05/2016
    return _absolute(ctx, int(m.group("y")), b, a)


_EN_NOT_A_DAY = _Lazy(
    r"\s*(?:mg|ml|g\b|mcg|µg|ug|%|patients?|cases?|pts?\b|people|tablets?|doses?|units?|boxes|samples?|beds?|:[0-9])",
    re.IGNORECASE,
)


@_rule(
    "en-date",
    rf"\b(?P<pre>{_EN_CUE}\s+)?(?:(?P<mon1>{_EN_MON})\.?\s+(?:the\s+)?(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?:the\s+)?(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\.?\s*(?:of\s+)?(?<![0-9])(?=[a-z])(?P<mon2>{_EN_MON})\.?)(?![0-9a-z])"
    r"(?:,?\s*(?P<y>[0-9]{4})(?![0-9:]))?",
    re.IGNORECASE,
)
def _en_date(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """Nov 25, November 25th, 25 Nov, the 5th of December, Dec 5, 2026."""
    if not m.group("y") and (_EN_NOT_A_DAY.match(scan, m.end()) or scan[m.end() : m.end() + 1].isalpha()):
        return None  # "May 10mg", "Mar 3 patients", "3 Decembers"
    group = "mon1" if m.group("mon1") else "mon2"
    word = scan[m.start(group) : m.end(group)]  # m ran over lower-cased text; case matters here
    if word == "may" and not m.group("pre"):
        return None  # the verb "may"
    month = _EN_MONTHS[word.lower()]
    day = int(m.group("d1") or m.group("d2"))
    return _absolute(ctx, int(m.group("y")) if m.group("y") else None, month, day)


_ORD_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_ORD_WORDS = {w: i + 1 for i, w in enumerate(_ORD_UNITS + ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
              "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"])}
_ORD_WORDS.update({f"twenty{sep}{w}": 21 + i for i, w in enumerate(_ORD_UNITS) for sep in ("-", " ")})
_ORD_WORDS.update({"thirtieth": 30, "thirty-first": 31, "thirty first": 31})
_ORD_WORD_RE = "|".join(sorted((re.escape(w).replace("\\ ", "\\s+") for w in _ORD_WORDS), key=len, reverse=True))


@_rule(
    "en-date-words",
    rf"\b(?:(?P<pre>{_EN_CUE})\s+)?(?:(?:the\s+)?(?P<w1>{_ORD_WORD_RE})\s+of\s+(?P<m1>{_EN_MON})"
    rf"|(?P<m2>{_EN_MON})\s+(?:the\s+)?(?P<w2>{_ORD_WORD_RE})"
    rf"|(?:the\s+)?(?P<w3>{_ORD_WORD_RE})\s+of\s+(?P<rel>next|this|the\s+following)\s+month)(?![a-z])\.?(?:,?\s*(?P<y>[0-9]{{4}})(?![0-9:]))?",
    needs=("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
           "twelfth", "teenth", "twentieth", "thirtieth"),
)
def _en_date_words(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """the fourth of July, the twenty-first of May, December first."""
    word = re.sub(r"\s+", " ", m.group("w1") or m.group("w2") or m.group("w3"))
    if m.group("rel"):
        first = add_months(ctx.day.replace(day=1), 0 if m.group("rel") == "this" else 1)
        try:
            return _Hit(first.replace(day=_ORD_WORDS[word]))
        except ValueError:
            return None
    month_word = m.group("m1") or m.group("m2")
    if month_word == "may" and not (m.group("pre") or m.group("m1")):
        return None
    return _absolute(ctx, int(m.group("y")) if m.group("y") else None, _EN_MONTHS[month_word], _ORD_WORDS[word])


@_rule(
    "en-ordinal-day",
    r"\b(?:(?P<pre>by|before|on|until|till|due|around|about|for)\s+)?(?P<the>the\s+)?(?P<d>[0-9]{1,2})(?:st|nd|rd|th)\b"
    r"(?:\s+(?:of\s+)?(?P<rel>next|this|the\s+following)\s+month\b)?",
    re.IGNORECASE,
)
def _en_ordinal_day(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """by the 5th: the next 5th of a month; the 25th of next month."""
    if m.group("rel"):
        first = add_months(ctx.day.replace(day=1), 0 if m.group("rel").lower() == "this" else 1)
        try:
            found = first.replace(day=int(m.group("d")))
        except ValueError:
            return None
        return _Hit(found)  # before the visit day: read as past
    after = scan[m.end() :]
    if not m.group("pre") and not (m.group("the") and re.match(r"\s*(?:$|[.,;:!?)]|at\b|by\b|[0-9])", after)):
        return None  # "the 3rd patient", "4th line": an ordinal alone is no date
    if re.match(r"\s+(?:of\b|patients?|cases?|visits?|doses?|cycles?|week|line|floor|time|place)", after, re.I):
        return None
    found = _next_day_of_month(ctx, int(m.group("d")))
    return _Hit(found) if found else None


# ---- public holidays and festivals ---------------------------------------------

_ZH_FESTIVALS = {
    "春节": "spring", "过年": "spring", "农历新年": "spring", "新春": "spring", "大年初一": "spring",
    "除夕": "eve", "大年三十": "eve", "年三十": "eve",
    "元宵节": "lantern", "元宵": "lantern",
    "元旦": "new-year",
    "清明节": "qingming", "清明": "qingming",
    "正月初一": "spring", "正月十五": "lantern", "农历八月十五": "mid-autumn", "阴历八月十五": "mid-autumn",
    "农历五月初五": "dragon-boat", "农历九月初九": "double-ninth",
    "五一劳动节": "labour", "劳动节": "labour", "五一": "labour",
    "端午节": "dragon-boat", "端午": "dragon-boat", "端阳节": "dragon-boat",
    "中秋节": "mid-autumn", "中秋": "mid-autumn",
    "国庆节": "national", "国庆": "national", "十一": "national",
    "重阳节": "double-ninth", "重阳": "double-ninth",
    "圣诞节": "christmas", "圣诞": "christmas", "平安夜": "christmas-eve",
    "儿童节": "children", "六一": "children", "教师节": "teachers", "妇女节": "womens", "三八节": "womens",
    "青年节": "youth", "情人节": "valentine",
}
_ZH_FESTIVAL_NAMES = "|".join(sorted(_ZH_FESTIVALS, key=len, reverse=True))


def _festival(ctx: _Ctx, key: str, relation: str, years_ahead: int | None = None) -> _Hit | None:
    """The festival's day ("on"), the last working day before its days off ("before"), or the first after ("after").

    The next one to come: the first year in which that day is not before the visit day.
    """
    from .calendar import festival_day  # lazy: the lunar calendar comes with the holiday library

    if years_ahead is not None:  # 明年春节: that year's, whether or not this year's is still to come
        years = (ctx.day.year + years_ahead,)
    else:
        years = (ctx.day.year - 1, ctx.day.year, ctx.day.year + 1)
    for year in years:
        day = festival_day(key, year, ctx.region)
        if day is None:
            continue
        if relation == "before":
            cal = _workcal(ctx)
            found = cal.last_before(cal.break_start(day))
        elif relation == "after":
            found = _workcal(ctx).first_after_break(day)
        else:
            found = day
        if found >= ctx.day:
            return _Hit(found)
    return None


_ZH_RELATION = {"前": "before", "之前": "before", "以前": "before", "后": "after", "之后": "after", "以后": "after",
                "过后": "after"}


@_rule(
    "zh-festival",
    rf"(?P<year>今年|明年|后年)?的?(?P<name>{_ZH_FESTIVAL_NAMES})(?:假期|长假|小长假|黄金周|放假|节假日|假)?(?P<rel>之前|以前|前|之后|以后|过后|后|当天|那天)?",
    needs=("春节", "过年", "新年", "新春", "大年", "年三十", "除夕", "元宵", "元旦", "正月", "农历", "阴历", "清明", "五一", "劳动节", "端午", "端阳",
           "中秋", "国庆", "十一", "重阳", "圣诞", "平安夜", "儿童节", "六一", "教师节", "妇女节", "三八", "青年节", "情人节"),
)
def _zh_festival(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """春节前, 国庆后, 五一前, 中秋前, 端午节, 元旦前, 圣诞节: holidays and festivals, lunar ones included."""
    name = m.group("name")
    left = _left(scan, m.start(), 2)
    if name in ("十一", "五一", "六一", "三八", "中秋", "清明", "元宵", "端午", "重阳", "国庆", "圣诞", "新春") or name.startswith("五一"):
        if left[-1:] and (left[-1] in _ZH_NUMERAL_CHARS or left[-1] in "第月号日周期拜每上去"):
            return None  # 十一月, 第十一, 三十一, 上中秋, 每年国庆 are no promise of this year's festival
    if name in ("十一", "五一", "六一", "三八") and not (m.group("rel") or m.group(0) != name):
        return None  # a bare 十一 is eleven: only 十一前, 十一假期 name the holiday
    if name in ("十一",) and _right(scan, m.end(), 1)[:1] in ("月", "日", "号", "点", "个", "天", "岁"):
        return None
    rel = m.group("rel") or ""
    year = {"今年": 0, "明年": 1, "后年": 2}.get(m.group("year") or "")
    return _festival(ctx, _ZH_FESTIVALS[name], _ZH_RELATION.get(rel, "on"), year)


_EN_FESTIVALS = {
    "christmas eve": "christmas-eve", "christmas day": "christmas", "christmas": "christmas", "xmas": "christmas",
    "chinese new year": "spring", "lunar new year": "spring", "spring festival": "spring", "cny": "spring",
    "new year's day": "new-year", "new years day": "new-year", "new year's": "new-year", "new year": "new-year",
    "mid-autumn festival": "mid-autumn", "mid autumn festival": "mid-autumn", "mid-autumn": "mid-autumn",
    "dragon boat festival": "dragon-boat", "national day": "national", "golden week": "national",
    "labour day": "labour", "labor day": "labour", "may day": "labour",
    "tomb-sweeping day": "qingming", "tomb sweeping day": "qingming", "qingming": "qingming",
    "lantern festival": "lantern", "valentine's day": "valentine", "valentines day": "valentine",
}
_EN_FESTIVAL_NAMES = "|".join(re.escape(n) for n in sorted(_EN_FESTIVALS, key=len, reverse=True))


@_rule(
    "en-festival",
    rf"\b(?:(?P<rel>by|before|after|until|till|prior\s+to|ahead\s+of|on|following)\s+)?(?:the\s+)?(?P<name>{_EN_FESTIVAL_NAMES})"
    r"(?:\s+(?:holidays?|break|festival))?(?![a-z])",
    needs=("christmas", "xmas", "new year", "spring festival", "cny", "mid-autumn", "mid autumn", "dragon boat",
           "national day", "golden week", "labour day", "labor day", "may day", "tomb", "qingming", "lantern",
           "valentine"),
)
def _en_festival(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """before Christmas, after Chinese New Year, by National Day, on Mid-Autumn Festival."""
    if re.search(r"\b(?:last|every|each|past|previous)$", _left(scan, m.start(), 10)):
        return None
    name = re.sub(r"\s+", " ", m.group("name"))
    if name == "may day" and scan[m.start("name")] == "m":
        return None  # "may day" in lower case is a modal verb and a noun
    rel = (m.group("rel") or "").split()[0] if m.group("rel") else ""
    relation = "before" if rel in ("by", "before", "until", "till", "prior", "ahead") else "after" if rel in ("after", "following") else "on"
    return _festival(ctx, _EN_FESTIVALS[name], relation)


# ---- the n-th weekday of a month ----------------------------------------------

_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "last": -1, "一": 1, "1": 1, "二": 2, "2": 2, "三": 3, "3": 3, "四": 4, "4": 4,
             "五": 5, "5": 5}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    if n < 0:
        last = last_day(year, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    found = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return found if found.month == month else None


def _nth_weekday_to_come(ctx: _Ctx, months_ahead: int | None, month: int | None, year: int | None,
                         weekday: int, n: int) -> _Hit | None:
    if year is not None and month is not None:
        found = _nth_weekday(year, month, weekday, n)
        return _Hit(found, anchored=True) if found else None
    if months_ahead is not None:
        first = add_months(ctx.day.replace(day=1), months_ahead)
        found = _nth_weekday(first.year, first.month, weekday, n)
        return _Hit(found) if found else None
    for y in (ctx.day.year, ctx.day.year + 1):
        found = _nth_weekday(y, month, weekday, n)
        if found and found >= ctx.day:
            return _Hit(found)
    return None


@_rule(
    "en-nth-weekday",
    rf"\b(?:(?:on|by|before|until|till)\s+)?the\s+(?P<n>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+"
    rf"(?P<wd>{_EN_WD})(?![a-z])\.?\s+(?:of|in)\s+(?:(?P<rel>next|this|the|the\s+following|the\s+coming)\s+month"
    rf"|(?P<mon>{_EN_MON})(?![a-z])\.?(?:,?\s+(?P<y>[0-9]{{4}}))?)",
    needs=("first", "second", "third", "fourth", "fifth", "last", "1st", "2nd", "3rd", "4th", "5th"),
)
def _en_nth_weekday(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """the second Monday of next month, the last Friday of the month, the first Tuesday in December."""
    n = _ORDINALS[m.group("n")]
    weekday = _EN_WEEKDAYS[m.group("wd")]
    rel = m.group("rel")
    if rel:
        ahead = 1 if ("next" in rel or "following" in rel or "coming" in rel) else 0
        return _nth_weekday_to_come(ctx, ahead, None, None, weekday, n)
    month = _EN_MONTHS[m.group("mon")]
    return _nth_weekday_to_come(ctx, None, month, int(m.group("y")) if m.group("y") else None, weekday, n)


@_rule(
    "zh-nth-weekday",
    rf"(?:(?P<rel>下下个?|下个?|本|这个?)月|(?:(?P<y>[0-9]{{4}})\s*年\s*)?(?P<m>{_ZH_MONTH_NUM})\s*月)(?:份)?\s*的?\s*"
    r"(?:第(?P<n>[一二三四五1-5])个|(?P<last>最后一个))\s*(?:周|星期|礼拜)(?P<d>[一二三四五六日天]|[1-7](?![0-9]))",
    needs=("第", "最后一"),
)
def _zh_nth_weekday(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """下个月第二个周一, 12月的第一个星期五, 本月最后一个周五."""
    n = -1 if m.group("last") else _ORDINALS[m.group("n")]
    weekday = _ZH_WEEKDAY[m.group("d")]
    rel = m.group("rel")
    if rel is not None:
        ahead = 2 if rel.startswith("下下") else 1 if rel.startswith("下") else 0
        return _nth_weekday_to_come(ctx, ahead, None, None, weekday, n)
    month = _int(m.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    return _nth_weekday_to_come(ctx, None, month, int(m.group("y")) if m.group("y") else None, weekday, n)


# ---- words that are understood as vague -------------------------------------


@_rule(
    "vague-zh",
    r"后续|尽快|下次|有空|择期|改天|近期|近日|日后|以后|今后|回头|稍后|抽空|有时间|找时间|过几天|过两天|几天|几周|数日|数天"
    r"|一段时间|适时|随后|马上|立即|立刻|及时|抓紧|早日|不久",
)
def _vague_zh(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """Vague words: understood, and deliberately no date."""
    return None


@_rule(
    "vague-en",
    r"\b(?:later|soon|asap|as\s+soon\s+as\s+possible|some\s*time|at\s+some\s+point|when\s+possible|in\s+due\s+course"
    r"|next\s+time|in\s+the\s+future|eventually|shortly|in\s+a\s+bit|a\s+few\s+(?:hours|days|weeks|months)"
    r"|several\s+(?:hours|days|weeks|months)|early\s+next\s+(?:week|month)|mid[-\s]next\s+(?:week|month))\b|a\.s\.a\.p\.",
    re.IGNORECASE,
)
def _vague_en(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """Vague words: understood, and deliberately no date."""
    return None


# ---- the past: no deadline, and `check` says the action reads as done --------

_ZH_PAST_TAIL = (
    r"(?:\s*的?\s*(?:[一二三四五六日天1-7](?![0-9])|底|末|初|中旬|下旬|上旬|中(?![心间]))?)"
    r"(?:\s*的?\s*(?:凌晨|早上|早晨|清晨|朝早|上午|中午|下午|晏昼|傍晚|晚上|夜晚|夜间|夜里))?"
    r"(?:\s*(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:点钟?|:[0-9]{2})(?:半|一刻|三刻|[0-9]{1,2}分?)?)?"
)


@_rule(
    "past-zh",
    r"(?:大前天|前天|昨天|昨日|昨晚|昨早|昨夜|昨晨|前晚|前日|琴日|寻日|琴晚|寻晚|刚才|刚刚|早些时候|上上个?(?:周|星期|礼拜|月)"
    r"|(?<![早晚马路线以之])上个?(?:周末|周|星期|礼拜|月)|去年|前年"
    rf"|(?<![提会术饭餐睡考赛课节前])(?:{_ZH_NUM_RANGE})\s*(?:个半)?\s*(?:个?小时|个?钟头|分钟|天|周|个?星期|个?礼拜|个月|年|个工作日)(?:之前|以前|前)(?![后内]))"
    + _ZH_PAST_TAIL,
    needs=("昨", "刚", "早些", "去年", "琴", "寻", "前天", "前日", "前晚", "前年", "上周", "上个", "上星", "上礼", "上月",
           "上上", "天前", "周前", "期前", "拜前", "月前", "年前", "时前", "头前", "钟前", "日前", "以前", "之前"),
)
def _past_zh(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """昨天, 前天, 上周三, 上个月底, 去年, 3天前, 两周以前, 刚才: already past."""
    if _left(scan, m.start(), 1).endswith(("每", "第")):
        return None
    return _Hit(date.min, None, "past", True)


_EN_PAST_WHEN = (
    rf"(?:yesterday|the\s+day\s+before\s+yesterday|last\s+night|earlier\s+(?:today|this\s+week)|the\s+other\s+day"
    rf"|(?:last|previous|this\s+past)\s+(?:week(?:end)?|month|year|quarter|{_EN_WD}|{_EN_MON})(?![a-z])"
    rf"(?:\s*,?\s*(?:on\s+)?{_EN_WD}(?![a-z]))?"
    r"|the\s+week\s+before\s+last|the\s+(?:week|month|day)\s+before"
    rf"|(?:{_EN_NUM})[\s-]*(?:minutes?|mins?|{_EN_UNIT})\s+(?:ago|back|earlier|before\s+now)"
    rf"|(?:on\s+)?{_EN_WD}\s+(?:of\s+)?(?:last|the\s+previous|the\s+past)\s+week)(?![a-z])"
)


@_rule(
    "past-en",
    rf"\b{_EN_PAST_WHEN}"
    r"(?:\s+(?:morning|afternoon|evening|night|at\s+[0-9]{1,2}(?::[0-9]{2})?\s*(?:a\.?m\.?|p\.?m\.?)?))?",
    needs=("yesterday", "last", "previous", "past", "ago", "back", "earlier", "other day", "before"),
)
def _past_en(m: re.Match, scan: str, ctx: _Ctx) -> _Hit | None:
    """yesterday, last night, last Friday, last week Sunday, 3 days ago: already past."""
    return _Hit(date.min, None, "past", True)


# --------------------------------------------------------------------------
# times of day
# --------------------------------------------------------------------------

_PERIOD_CLOCK = {
    "凌晨": time(6, 0), "早上": time(8, 0), "早晨": time(8, 0), "清晨": time(8, 0), "上午": time(9, 0),
    "中午": time(12, 0), "下午": time(14, 0), "傍晚": time(17, 0), "晚上": time(19, 0), "夜里": time(21, 0),
    "朝早": time(8, 0), "晏昼": time(14, 0), "夜晚": time(19, 0), "夜间": time(21, 0),
    "morning": time(9, 0), "noon": time(12, 0), "midday": time(12, 0), "afternoon": time(14, 0),
    "evening": time(19, 0), "night": time(21, 0),
}
# The hour after which a period is over: a bare period at a later visit moment means tomorrow.
_PERIOD_END = {
    "凌晨": time(8, 0), "早上": time(10, 0), "早晨": time(10, 0), "清晨": time(9, 0), "上午": time(12, 0),
    "中午": time(14, 0), "下午": time(18, 0), "傍晚": time(19, 0), "晚上": time(23, 59), "夜里": time(23, 59),
    "朝早": time(10, 0), "晏昼": time(18, 0), "夜晚": time(23, 59), "夜间": time(23, 59),
    "morning": time(12, 0), "noon": time(14, 0), "midday": time(14, 0), "afternoon": time(18, 0),
    "evening": time(23, 59), "night": time(23, 59),
}
_PERIOD_KIND = {
    "凌晨": "am", "早上": "am", "早晨": "am", "清晨": "am", "上午": "am", "中午": "noon", "下午": "pm",
    "傍晚": "pm", "晚上": "eve", "夜里": "eve", "朝早": "am", "晏昼": "pm", "夜晚": "eve", "夜间": "eve", "morning": "am", "noon": "noon", "midday": "noon",
    "afternoon": "pm", "evening": "eve", "night": "eve",
}

_ZH_HOUR = r"(?:[0-9]{1,2}|[零一二两三四五六七八九十]{1,3})"
_ZH_CLOCK = (
    rf"(?:(?P<h>{_ZH_HOUR})\s*(?:点钟?|點|(?<=[0-9])时)(?:\s*(?P<half>半)|\s*(?P<q>一刻|三刻)|\s*(?P<mi>[0-9]{{1,2}}|[零一二三四五六七八九十]{{1,3}})\s*分?)?"
    r"|(?P<hh>[0-9]{1,2})\s*:\s*(?P<mm>[0-9]{2})(?![0-9]))"
)
_ZH_TIME = _Lazy(
    r"(?P<period>凌晨|早上|早晨|清晨|朝早|上午|中午|下午|晏昼|傍晚|晚上|夜晚|夜间|夜里)?\s*(?:" + _ZH_CLOCK + r")?(?P<before>之前|以前|前)?"
)
_ZH_TIME_FIND = _Lazy(r"(?=凌晨|早上|早晨|清晨|朝早|上午|中午|下午|晏昼|傍晚|晚上|夜晚|夜间|夜里|[0-9零一二两三四五六七八九十])" + _ZH_TIME.source)
_EN_TIME = _Lazy(
    r"(?:(?:at|around|by|before|until|till|@)\s*)?(?:"
    r"(?P<h>[0-9]{1,2})(?::(?P<mi>[0-9]{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|(?P<hh>[0-9]{1,2}):(?P<mm>[0-9]{2})(?![0-9])"
    r"|(?:in\s+the\s+)?(?P<per>morning|afternoon|evening|noon|midday|night)\b"
    r"|(?<=at )(?P<bh>[0-9]{1,2})(?![0-9:./%a-z]))",
    re.IGNORECASE,
)


class _Clock(NamedTuple):
    start: int
    end: int
    clock: time
    period: str | None  # the period word, when there was one
    explicit: bool  # an hour was written


def _zh_clock(m: re.Match, default_kind: str | None) -> _Clock | None:
    period = m.group("period")
    kind = _PERIOD_KIND.get(period) if period else default_kind
    if m.group("hh") is not None:
        hour, minute = int(m.group("hh")), int(m.group("mm"))
    elif m.group("h") is not None:
        hour = _int(m.group("h"))
        if hour is None:
            return None
        minute = 30 if m.group("half") else 15 if m.group("q") == "一刻" else 45 if m.group("q") else (_int(m.group("mi")) or 0)
    elif period:
        return _Clock(m.start(), m.end(), _PERIOD_CLOCK[period], period, False)
    else:
        return None
    if kind in ("pm", "eve") and 1 <= hour < 12:
        hour += 12
    elif kind == "noon" and 1 <= hour <= 3:
        hour += 12
    elif kind is None and 1 <= hour <= 6 and m.group("h") is not None:
        hour += 12  # "3点前": business hours, not 3 a.m.
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return _Clock(m.start(), m.end(), time(hour, minute), period, True)


def _en_clock(m: re.Match, default_kind: str | None) -> _Clock | None:
    if m.group("per"):
        word = m.group("per").lower()
        return _Clock(m.start(), m.end(), _PERIOD_CLOCK[word], word, False)
    if m.group("ampm"):
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        if not 1 <= hour <= 12:
            return None
        pm = m.group("ampm").lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    elif m.group("bh") is not None:  # "tonight at 8", "Friday at 3": an hour with no minutes
        hour, minute = int(m.group("bh")), 0
        if (default_kind in ("pm", "eve") and 1 <= hour < 12) or (default_kind is None and 1 <= hour <= 6):
            hour += 12  # as 3点: working hours, so 3 is 15:00
    else:
        hour, minute = int(m.group("hh")), int(m.group("mm"))
        if default_kind in ("pm", "eve") and 1 <= hour < 12:
            hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return _Clock(m.start(), m.end(), time(hour, minute), None, True)


_JOIN = _Lazy(r"[\s,，、]*(?:的|at\s+|around\s+|@\s*|在)?\s*", re.IGNORECASE)


def _time_after(scan: str, pos: int, default_kind: str | None) -> _Clock | None:
    """A time of day written right after a date ("明天下午3点", "Friday at 3pm")."""
    nxt = scan[pos : pos + 1]
    if not nxt or (nxt not in _TIME_NEAR and not (nxt.isascii() and nxt.isalnum())):
        return None  # the usual case: the date is followed by a word that is no time
    pos = _JOIN.match(scan, pos).end()
    en = _EN_TIME.match(scan, pos) if scan[pos : pos + 1].isascii() else None
    if en and en.end() > pos and en.group("ampm"):
        return _en_clock(en, default_kind)  # "3:30pm": the English reading has the period
    zh = _ZH_TIME.match(scan, pos)
    if zh and zh.end() > pos and (zh.group("period") or zh.group("h") or zh.group("hh")):
        found = _zh_clock(zh, default_kind)
        if found:
            return found
    if en and en.end() > pos:
        return _en_clock(en, default_kind)
    return None


# The characters a time of day (or the joint before one: 的, 在, a space, a comma) can start with.
_TIME_NEAR = frozenset(" \t,，、的在@凌早清朝上中下晏傍晚夜零一二两三四五六七八九十")

_EN_TIME_BEFORE = _Lazy(
    r"(?:(?:at|around|@)\s*)?(?:[0-9]{1,2}(?::[0-9]{2})?\s*(?:a\.?m\.?|p\.?m\.?)|[0-9]{1,2}:[0-9]{2}|noon|midday)"
    r"(?:\s*,)?\s+(?:on\s+)?$",
    re.IGNORECASE,
)


def _time_before(scan: str, start: int) -> _Clock | None:
    """A clock time written right before a date ("3pm tomorrow", "10:00 on Friday")."""
    head = scan[max(0, start - 24) : start]
    if not head or not head[-1].isspace() or ("m" not in head and ":" not in head and "M" not in head):
        return None  # needs "3pm ", "10:00 ", "noon ", "midday " right before
    m = _EN_TIME_BEFORE.search(head)
    if not m:
        return None
    offset = start - len(head)
    inner = _EN_TIME.match(scan, offset + m.start())
    if not inner:
        return None
    found = _en_clock(inner, None)
    if not found:
        return None
    return found._replace(start=offset + m.start(), end=offset + m.end())


def _bare_time(scan: str, ctx: _Ctx) -> tuple[_Clock, date] | None:
    """The first time of day with no date: the visit day, or the next day when it is already over."""
    found: list[_Clock] = []
    for m in _ZH_TIME_FIND.finditer(scan):
        if m.end() > m.start() and (m.group("period") or m.group("h") or m.group("hh")):
            clock = _bare_zh_clock(m, scan)
            if clock:
                found.append(clock)
                break
    for m in _EN_TIME.finditer(scan) if _LATIN.search(scan) else ():
        per = (m.group("per") or "").lower()
        if per in ("morning", "afternoon", "evening") and not re.match(r"in\s+the", m.group(0), re.I):
            continue  # a bare "morning" is too loose; "in the morning" will do
        if m.start() and scan[m.start() - 1].isalnum():
            continue
        if m.group("hh") is not None and not 7 <= int(m.group("hh")) <= 22:
            continue  # "1:10 dilution" is a ratio
        clock = _en_clock(m, None)
        if clock:
            found.append(clock)
            break
    if not found:
        return None
    first = min(found, key=lambda c: c.start)
    return first, _bare_day(ctx, first)


def _bare_zh_clock(m: re.Match, scan: str) -> _Clock | None:
    left = scan[m.start() - 1 : m.start()] if m.start() else ""
    if left and (left.isdigit() or left in ":：."):
        return None
    if m.group("hh") is not None:
        if not 7 <= int(m.group("hh")) <= 22 and not m.group("period"):
            return None  # "1:10稀释" is a ratio
        if _right(scan, m.end(), 1) in (":", "："):
            return None
    elif m.group("h") is not None and not m.group("period"):
        # "3点建议" counts items; only "3点前", "3点半", "3点钟", "3点20分" read as clock times
        if not (m.group("before") or m.group("half") or m.group("q") or m.group("mi") or "钟" in m.group(0)):
            return None
        if left and left in _ZH_NUMERAL_CHARS:
            return None
    return _zh_clock(m, None)


def _bare_day(ctx: _Ctx, found: _Clock) -> date:
    now = ctx.moment.time().replace(tzinfo=None)
    end = _PERIOD_END[found.period] if (found.period and not found.explicit) else found.clock
    return ctx.day if now <= end else ctx.day + timedelta(days=1)


# --------------------------------------------------------------------------
# putting it together
# --------------------------------------------------------------------------

_TRIGGER = _Lazy(
    r"[0-9零〇一二两三四五六七八九十廿卅]\s*(?:个)?\s*(?:日|号|天|周|星期|礼拜|小时|钟头)"
    rf"|\b{_EN_MON}\.?\s+[0-9]|[0-9](?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MON}\b"
    r"|\b(?:january|february|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|tomorrow|fortnight)\b"
    r"|\b[0-9]+\s*(?:hours?|days?|weeks?|months?|years?)\b|\b[0-9]{1,2}(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)


def find_deadline(
    text: str, moment: datetime, workdays: frozenset[int] = WORKDAYS, region: str = "CN"
) -> Deadline | None:
    """The first deadline phrase in `text`, resolved against the visit moment; None when vague.

    `moment` is the visit's date and time (a plain ``date`` is read as its
    midnight); `workdays` are the weekdays (Monday=0) that count as work days
    for "this week", "next week" and "N working days"; `region` (CN, HK, TW,
    SG) picks the public holidays and make-up working days. A date phrase wins
    over a bare time of day; a time written next to a date sets
    ``Deadline.time``. Never raises: an input that cannot be read gives None.
    """
    return read_deadline(text, moment, workdays, region).deadline


_NOTHING = Reading(None)


def read_deadline(
    text: str, moment: datetime, workdays: frozenset[int] = WORKDAYS, region: str = "CN"
) -> Reading:
    """Like :func:`find_deadline`, and also why there is no date, or why it may move."""
    if not isinstance(text, str) or not text:
        return _NOTHING
    if not isinstance(moment, datetime):
        if isinstance(moment, date):
            moment = datetime.combine(moment, time())
        else:
            return _NOTHING
    if workdays is not WORKDAYS:
        workdays = _workdays(workdays)
    state: dict = {}
    ctx = _Ctx(moment, moment.date(), workdays, region if isinstance(region, str) else "CN", state)
    scan = text if _FULL_WIDTH_CHARS.isdisjoint(text) else text.translate(_FULL_WIDTH)
    try:
        found = _find(text, scan, ctx)
    except (OverflowError, ValueError):
        return _NOTHING  # arithmetic at the edges of the calendar (year 1 or 9999)
    cal = state.get("cal")
    beyond = cal.beyond if cal is not None and found is not None else None
    if found is None:
        return Reading(None, state.get("past")) if state.get("past") else _NOTHING
    return Reading(found, None, beyond)


_LATIN = _Lazy(r"[A-Za-z]")
_HAN = _Lazy(r"[\u3400-\u9fff]")


def _workdays(workdays) -> frozenset[int]:
    """The weekdays of `workdays` that are weekdays (a settings value: the same few sets every call)."""
    try:
        return _known_workdays(frozenset(workdays) if not isinstance(workdays, frozenset) else workdays)
    except TypeError:
        return WORKDAYS


@lru_cache(maxsize=64)
def _known_workdays(workdays: frozenset) -> frozenset[int]:
    return frozenset(d for d in workdays if isinstance(d, int) and 0 <= d <= 6)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_UPPER = _Lazy(r"[A-Z]")
_FULL_WIDTH_CHARS = frozenset(chr(c) for c in _FULL_WIDTH)


def _ascii_lower(scan: str) -> str:
    """The text English rules read: ASCII letters in lower case, and Chinese characters as spaces.

    One character for one, so spans stay valid. Chinese characters count as letters for
    ``\\b``, so without this "已yesterday" or "在next Friday前" would hide their English words.
    """
    if scan.isascii():
        return scan.lower()
    lowered = scan.translate(_ASCII_LOWER) if _UPPER.search(scan) else scan
    if _LATIN.search(lowered):
        lowered = _LATIN_AFTER_HAN.sub(" ", _HAN_AFTER_LATIN.sub(" ", lowered))
    return lowered


# A Chinese character right next to a Latin letter is read as a space, so \b sees the word's edge.
_HAN_BEFORE_LATIN = r"[\u3400-\u9fff\uf900-\ufaff](?=[a-z])"
_LATIN_AFTER_HAN = _Lazy(_HAN_BEFORE_LATIN)
_HAN_AFTER_LATIN = _Lazy(r"(?<=[a-z])[\u3400-\u9fff\uf900-\ufaff]")
def _needs_index() -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[tuple[str, int], ...]]]:
    """Which rules a character wakes: a rule needing "内" runs only when "内" is in the text.

    Single characters map straight to rule numbers; a word maps from its first character to
    (word, rule number) pairs, checked by a substring test only when that character occurs.
    """
    singles: dict[str, set[int]] = {}
    words: dict[str, set[tuple[str, int]]] = {}
    for index, rule in enumerate(_RULES):
        for need in rule.needs:
            if len(need) == 1:
                singles.setdefault(need, set()).add(index)
            else:
                words.setdefault(need[0], set()).add((need, index))
    return ({c: tuple(sorted(v)) for c, v in singles.items()}, {c: tuple(sorted(v)) for c, v in words.items()})


_BY_CHAR, _BY_WORD = _needs_index()
_WAKE_CHARS = frozenset(_BY_CHAR) | frozenset(_BY_WORD)



# Rules that only ever refuse a bare duration ("服用3天", "for 3 days"): they are run only when
# nothing else gave a deadline, to mark that text as understood before the bare-time and
# dateparser steps look at it.
_LATE = frozenset({"zh-duration", "en-duration"})


@lru_cache(maxsize=4096)
def _candidates(scan: str, late: bool = False) -> tuple[tuple[int, int, _Rule, re.Match], ...]:
    """The rule matches in `scan`, in order: a function of the text alone (the visit's moment is
    applied when they are resolved), so a phrase written again ("下周二", "月底前") is matched once."""
    lowered = _ascii_lower(scan)
    present = _WAKE_CHARS.intersection(lowered)
    if lowered is not scan and not scan.isascii():
        present |= _WAKE_CHARS.intersection(scan)  # Chinese characters are blanked out of `lowered`
    if not present:
        return ()
    wake: set[int] = set()
    by_char, by_word = _BY_CHAR, _BY_WORD
    for ch in present:
        rules = by_char.get(ch)
        if rules:
            wake.update(rules)
        pairs = by_word.get(ch)
        if pairs:
            for word, index in pairs:
                if index not in wake and word in (lowered if word.isascii() else scan):
                    wake.add(index)
    if not wake:
        return ()
    allowed = _allowed(_LATIN.search(lowered) is not None, _HAN.search(scan) is not None, late, len(scan) <= 12)
    found = []
    for index in sorted(wake.intersection(allowed)):
        rule = _RULES[index]
        for m in rule.pattern.finditer(lowered if rule.script == "en" else scan):
            if m.end() > m.start():
                found.append((m.start(), -m.end(), rule, m))
    if len(found) > 1:
        found.sort(key=lambda c: (c[0], c[1], c[2].refuses))
    return tuple(found)


@lru_cache(maxsize=None)
def _allowed(latin: bool, han: bool, late: bool, short: bool) -> frozenset[int]:
    """The rules that may run on a text with (or without) Latin letters and Chinese characters.

    A rule for a whole text (zh-whole-span) runs only on short texts.
    """
    scripts = {"", "en" if latin else "", "zh" if han else ""}
    return frozenset(
        i for i, rule in enumerate(_RULES)
        if rule.script in scripts and (rule.name in _LATE) is late and (short or rule.name != "zh-whole-span")
    )


_ABSOLUTE_RULES = frozenset({"iso", "zh-date", "zh-month-day", "month-slash-day", "numeric-dmy", "en-date"})
_BETWEEN_WEEKDAY_AND_DATE = _Lazy(r"[\s,，、(（]*")


_RANGE_STARTS = _ANCHOR_RULES | _RANGE_RULES


def _find(text: str, scan: str, ctx: _Ctx) -> Deadline | None:
    consumed: list[tuple[int, int]] = []
    deferred = False
    candidates = _candidates(scan)
    for start, neg_end, rule, m in candidates:
        end = -neg_end
        if any(s < end and start < e for s, e in consumed):
            continue
        hit = rule.resolve(m, scan, ctx)
        if hit is not None and hit is not _DEFER and hit.end:
            end = hit.end
        consumed.append((start, end))
        if hit is _DEFER:
            deferred = True
            continue
        if hit is not None and (hit.period == "past" or (not hit.anchored and hit.day < ctx.day)):
            ctx.state.setdefault("past", text[start:end])
            continue
        if hit is None:
            continue
        if "weekday" in rule.name:
            hit, end = _date_after_weekday(scan, ctx, candidates, hit, end)
        joint = _RANGE_JOINT.match(scan, end) if rule.name in _RANGE_STARTS and scan[end : end + 1] in _JOINT_FIRST else None
        if joint is not None:
            later = _match_at(scan, joint.end(), ctx)  # "9月3号-10月24号", "今日 - 下禮拜五": due when the range closes
            if later is not None and later[0].day >= hit.day:
                hit, end = later
        found = _with_time(text, scan, ctx, hit, start, end)
        if rule.name.endswith("-day") and found.day_is_over(ctx):
            ctx.state.setdefault("past", found.phrase)  # "今天上午" written at 16:00: already done
            consumed.append((found.start, found.end))
            continue
        return found.deadline
    bare = _bare_time(scan, ctx) if _may_hold_time(scan) else None
    if bare and not any(s <= bare[0].end and bare[0].start <= e for s, e in consumed):
        clock, day = bare
        return Deadline(day, clock.clock, text[clock.start : clock.end], clock.start, clock.end)
    if deferred or _needs_fallback(scan, consumed):
        for start, neg_end, rule, m in _candidates(scan, late=True):  # bare durations are no dates
            if not any(s < -neg_end and start < e for s, e in consumed):
                consumed.append((start, -neg_end))
        if deferred or _needs_fallback(scan, consumed):
            return _fallback(text, ctx)
    return None


_PERIOD_WORDS = ("凌晨", "早上", "早晨", "清晨", "朝早", "上午", "中午", "下午", "晏昼", "傍晚", "晚上", "夜晚", "夜间", "夜里")


def _may_hold_time(scan: str) -> bool:
    """A cheap test before looking for a bare time of day: a clock sign, a period word or Latin text."""
    if "点" in scan or ":" in scan or "时" in scan or _LATIN.search(scan):
        return True
    return any(word in scan for word in _PERIOD_WORDS)


def _date_after_weekday(scan: str, ctx: _Ctx, candidates: list, hit: _Hit, end: int) -> tuple[_Hit, int]:
    """In "Friday, December 5" or "周五（12月4日）" the date is more precise than the weekday: it wins."""
    gap_end = _BETWEEN_WEEKDAY_AND_DATE.match(scan, end).end()
    for start, neg_end, rule, m in candidates:
        if start == gap_end and rule.name in _ABSOLUTE_RULES:
            found = rule.resolve(m, scan, ctx)
            if found is not None and found is not _DEFER:
                return found, -neg_end
    return hit, end


class _Found(NamedTuple):
    deadline: Deadline
    period: str | None  # the period word that set the time, when no hour was written
    explicit: bool

    @property
    def phrase(self) -> str:
        return self.deadline.phrase

    @property
    def start(self) -> int:
        return self.deadline.start

    @property
    def end(self) -> int:
        return self.deadline.end

    def day_is_over(self, ctx: _Ctx) -> bool:
        """Is this a time of the visit day itself that had ended before the visit moment?"""
        found = self.deadline
        if found.date != ctx.day or found.time is None or ctx.moment.time() == time():
            return False
        now = ctx.moment.time().replace(tzinfo=None)
        end = _PERIOD_END.get(self.period) if (self.period and not self.explicit) else found.time
        return end is not None and end < now


def _with_time(text: str, scan: str, ctx: _Ctx, hit: _Hit, start: int, end: int) -> _Found:
    clock = hit.clock
    period = {"am": "早上", "eve": "晚上"}.get(hit.period) if clock is not None else None
    explicit = False
    after = _time_after(scan, end, hit.period)
    if after:
        clock, end, period, explicit = after.clock, after.end, after.period, after.explicit
    else:
        before = _time_before(scan, start)
        if before:
            clock, start, period, explicit = before.clock, before.start, before.period, before.explicit
    return _Found(Deadline(hit.day, clock, text[start:end], start, end), period, explicit)


def _needs_fallback(scan: str, consumed: list[tuple[int, int]]) -> bool:
    """Is there date-like text that no rule looked at?"""
    for m in _TRIGGER.finditer(scan):
        if not any(s < m.end() and m.start() < e for s, e in consumed):
            return True
    return False


_DP_DAYISH = _Lazy(
    r"[0-9零〇一二两三四五六七八九十廿卅]\s*(?:个)?\s*(?:日|号|天|周|星期|礼拜|小时|钟头)"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|tomorrow|fortnight"
    r"|[0-9]+\s*(?:hours?|days?|weeks?|months?|years?)|[0-9]{1,2}(?:st|nd|rd|th))\b"
    rf"|\b{_EN_MON}\.?\s+[0-9]|[0-9]\s+(?:of\s+)?{_EN_MON}\b",
    re.IGNORECASE,
)
_DP_WORDISH = _Lazy(r"[^\W\d_]")
_DP_CLOCK = _Lazy(r"[0-9]{1,2}\s*(?::[0-9]{2}|[ap]\.?m\b|点)", re.IGNORECASE)


def _fallback(text: str, ctx: _Ctx) -> Deadline | None:
    moment = ctx.moment.replace(tzinfo=None)
    found = _dateparser_lookup(text, moment)
    if found is None:
        return None
    substring, when = found
    start = text.find(substring)
    day = when.date()
    if start < 0 or day < ctx.day or day.year > ctx.day.year + 10:
        return None
    clock = when.time() if _DP_CLOCK.search(substring) else None
    return Deadline(day, clock, substring, start, start + len(substring))


@lru_cache(maxsize=512)
def _dateparser_lookup(text: str, moment: datetime) -> tuple[str, datetime] | None:
    """Ask dateparser, and keep its answer only when it is unambiguous.

    Exactly one date must be found; its words must name a day (a count of
    days or weeks, a day of a month, a weekday, today/tomorrow), never only a
    year or a month; and the words must contain a letter or a Chinese
    character (a bare "2-3" is a range, not Feb 3).
    """
    try:
        from dateparser.search import search_dates  # lazy: slow to import, rarely needed

        results = search_dates(
            text,
            languages=["zh", "en"],
            settings={
                "RELATIVE_BASE": moment,
                "PREFER_DATES_FROM": "future",
                "RETURN_AS_TIMEZONE_AWARE": False,
                "REQUIRE_PARTS": ["day"],
            },
        )
    except Exception:  # dateparser has many ways to fail on odd input; none of them may escape
        return None
    if not results or len(results) != 1:
        return None
    substring, when = results[0]
    if not isinstance(when, datetime) or not _DP_DAYISH.search(substring) or not _DP_WORDISH.search(substring):
        return None
    return substring, when
