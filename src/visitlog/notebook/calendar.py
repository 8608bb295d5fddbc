"""The calendar people live by: public holidays, make-up working days, festivals.

`deadlines.py` asks this module only when a phrase needs it ("5个工作日内",
"国庆前", "before Christmas"), so the holiday library (the `holidays`
package: official holidays and, for the mainland, the State Council's make-up
working days, 调休) is imported lazily, on the first such phrase.

Every answer depends on the notebook's `region` (CN, HK, TW, SG; default CN).
The library knows each region's official calendar up to a year, its
*horizon* (:func:`horizon`): for the mainland the last year whose State
Council decree (holidays and make-up days) it holds; elsewhere the year before
the first one in which it marks a holiday as estimated (Singapore's Islamic and
Hindu holidays are announced yearly; Hong Kong's and Taiwan's follow fixed
rules, which the library carries to 2100). After the horizon a working day is simply one
of the notebook's `workdays` (Monday–Friday by default), and the caller is told
(`beyond`), so `visitlog check` can warn that the date may move once the
year's official calendar is out.

Festival days are computed for every year: the lunar ones (春节, 元宵, 端午,
中秋, 重阳) from the library's Chinese lunisolar calendar, 清明 from the solar
term, the rest are fixed dates (国庆 is 1 October, 10 October in Taiwan and
9 August in Singapore).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

REGIONS = ("CN", "HK", "TW", "SG")
DEFAULT_REGION = "CN"

# The festival keys deadlines.py resolves, with their fixed date where they have one.
_FIXED = {
    "new-year": (1, 1),
    "labour": (5, 1),
    "christmas-eve": (12, 24),
    "christmas": (12, 25),
    "new-years-eve": (12, 31),
    "youth": (5, 4),
    "children": (6, 1),
    "teachers": (9, 10),
    "womens": (3, 8),
    "valentine": (2, 14),
}
_NATIONAL_DAY = {"CN": (10, 1), "HK": (10, 1), "TW": (10, 10), "SG": (8, 9)}
LUNAR = frozenset({"spring", "eve", "lantern", "dragon-boat", "mid-autumn", "double-ninth", "qingming"})


def _lib():
    import holidays  # lazy: imported only for a working-day or festival phrase

    return holidays


@lru_cache(maxsize=None)
def _lunisolar():
    from holidays.calendars.chinese import _ChineseLunisolar

    return _ChineseLunisolar()


@lru_cache(maxsize=256)
def festival_day(key: str, year: int, region: str = DEFAULT_REGION) -> date | None:
    """The day of a festival in a given (Gregorian) year, or None when unknown."""
    if key == "national":
        month, day = _NATIONAL_DAY.get(region, _NATIONAL_DAY[DEFAULT_REGION])
        return date(year, month, day)
    if key in _FIXED:
        month, day = _FIXED[key]
        return date(year, month, day)
    if key not in LUNAR:
        return None
    if not 1902 <= year <= 2099:
        return None
    try:
        cal = _lunisolar()
        if key in ("spring", "lantern"):
            found = cal.lunar_new_year_date(year)[0]
            return found + timedelta(days=14) if key == "lantern" else found
        if key == "eve":
            return cal.lunar_new_year_date(year + 1)[0] - timedelta(days=1)
        if key == "dragon-boat":
            return cal.dragon_boat_date(year)[0]
        if key == "mid-autumn":
            return cal.mid_autumn_date(year)[0]
        if key == "double-ninth":
            return cal.double_ninth_date(year)[0]
        if key == "qingming":
            return cal.qingming_date(year)[0]
    except Exception:  # outside the library's tables
        return None
    return None


@lru_cache(maxsize=None)
def horizon(region: str = DEFAULT_REGION) -> int:
    """The last year for which the library holds the region's official calendar."""
    lib = _lib()
    country = lib.country_holidays(region)
    cls = type(country)
    decreed = []
    for klass in cls.__mro__:
        special = vars(klass).get("special_public_holidays")
        if isinstance(special, dict) and special:
            decreed.append(max(special))
    module = __import__(cls.__module__, fromlist=["*"])
    for name in dir(module):
        obj = getattr(module, name)
        special = getattr(obj, "special_public_holidays", None) if name.endswith("StaticHolidays") else None
        if isinstance(special, dict) and special:
            decreed.append(max(special))
    cap = max(decreed) if region == "CN" and decreed else 2100
    year = 2020  # every region has official data for 2020; look for the first estimated year after it
    while year < cap:
        names = lib.country_holidays(region, years=year + 1).values()
        if any("estimated" in n.lower() or "推定" in n for n in names):
            return year
        year += 1
    return year


@lru_cache(maxsize=64)
def _year(region: str, year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(public holidays, make-up working days) of one year in one region."""
    lib = _lib()
    country = lib.country_holidays(region, years=year)
    offs = frozenset(d for d in country if d.year == year)
    makeup = frozenset(d for d in getattr(country, "weekend_workdays", ()) if d.year == year)
    return offs, makeup


class WorkCalendar:
    """Working days of a region, with the notebook's work week.

    `beyond` is set to the first year asked about that lies after the
    library's horizon (there only the work week counts).
    """

    def __init__(self, region: str, workdays: frozenset[int]):
        self.region = region if region in REGIONS else DEFAULT_REGION
        self.workdays = workdays
        self.beyond: int | None = None
        self._horizon: int | None = None
        self._years: dict[int, tuple[frozenset[date], frozenset[date]]] = {}

    def is_workday(self, day: date) -> bool:
        if self._horizon is None:
            try:
                self._horizon = horizon(self.region)
            except Exception:  # the library is missing or broken: only the work week counts
                self._horizon = 0
        if day.year > self._horizon or day.year < 1950:
            if self.beyond is None or day.year < self.beyond:
                self.beyond = day.year
            return day.weekday() in self.workdays
        known = self._years.get(day.year)
        if known is None:
            known = self._years[day.year] = _year(self.region, day.year)
        offs, makeup = known
        if day in makeup:
            return True
        return day.weekday() in self.workdays and day not in offs

    def add(self, day: date, count: int) -> date | None:
        """The count-th working day after `day` (the day itself never counts)."""
        if not self.workdays or count < 1:
            return None
        current = day
        for _ in range(count * 7 + 60):
            current += timedelta(days=1)
            if self.is_workday(current):
                count -= 1
                if not count:
                    return current
        return None

    def last_before(self, day: date) -> date:
        """The last working day before `day` (at most two weeks back)."""
        current = day
        for _ in range(14):
            current -= timedelta(days=1)
            if self.is_workday(current):
                return current
        return day - timedelta(days=1)

    def first_after_break(self, day: date) -> date:
        """The first working day after the run of days off that contains `day`."""
        current = day
        for _ in range(21):
            current += timedelta(days=1)
            if self.is_workday(current):
                return current
        return day + timedelta(days=1)

    def break_start(self, day: date) -> date:
        """The first day of the run of days off that contains `day` (the day itself when it is a working day)."""
        current = day
        for _ in range(21):
            before = current - timedelta(days=1)
            if self.is_workday(before):
                return current
            current = before
        return current
