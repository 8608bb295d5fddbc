"""The weekly review (SPEC sections 5 and 6): a week of notes turned into numbers and lists.

`review(notebook, week, today, settings)` is pure: it reads the notebook and
returns a `Review` record; renderers (`render/review.py`) make it text,
Markdown or JSON.

A review describes its ISO week (Monday 00:00 to Sunday 23:59) *as it stood
at its end, or today if the week is not over* — the day called `as_of`. So a
review of a past week says the same thing whenever it is made again: an action
ticked (✅) after `as_of` counts as still open, an adverse event replied after
it as not yet replied, silence is counted up to `as_of`, and notes dated after
it are not read. See docs/review.md for every decision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..notebook.compliance import CODES
from ..notebook.model import CANCELLED, CHANNELS, TIERS, Customer, Item, Notebook, Problem, Source, Visit
from ..notebook.settings import Settings
from .due import reply_deadline
from .promises import KEPT, LATE, OVERDUE, Promise, promise

FINDINGS = CODES + ("adverse-event-details", "vague-action")
# what becomes of a promise
# what becomes of a contact the plan asked for
MET, MISSED, PENDING = "met", "missed", "pending"
# an adverse event's reply
REPLIED, WAITING = "replied", "waiting"
REPORTED, BY_REPLY = "reported", "by-reply"     # its report to pharmacovigilance (`reported:`)
TOPIC_WEEKS = 4
MONTH_DAYS = 30

_WEEK = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")


@dataclass(frozen=True)
class Week:
    """An ISO week: Monday `start` to Sunday `end`, both included."""

    year: int
    number: int

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def next(self) -> "Week":
        return week_of(self.end + timedelta(days=1))

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Period:
    """Any span of days reviewed like a week (`review --month 2026-11`, `--from/--to`): `start` to `end`,
    both included; `next()` is the seven days after it (the review's "next week")."""

    start: date
    end: date
    label: str
    title_key: str = "review-title-period"

    def next(self) -> "Period":
        return Period(self.end + timedelta(days=1), self.end + timedelta(days=7), "next")

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def parse_month(text: str) -> Period:
    """`2026-11` (or `2026/11`, `202611`) as the Period of that calendar month; ValueError otherwise."""
    import calendar
    import re

    m = re.fullmatch(r"\s*(\d{4})[-/]?(\d{1,2})\s*", text or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(text)
    year, month = int(m.group(1)), int(m.group(2))
    return Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]),
                  f"{year}-{month:02d}", "review-title-month")


def span(start: date, end: date) -> Period:
    """The Period `--from START --to END`; ValueError when it ends before it starts."""
    if end < start:
        raise ValueError(f"{start} > {end}")
    return Period(start, end, f"{start.isoformat()}_{end.isoformat()}")


def week_of(day: date) -> Week:
    """The ISO week holding `day` (2027-01-01 is in 2026-W53)."""
    year, number, _ = day.isocalendar()
    return Week(year, number)


def parse_week(text: str) -> Week:
    """`2026-W47` (or `2026W47`, `2026-w47`) as a Week; ValueError when it is not a real ISO week."""
    m = _WEEK.match(text or "")
    if not m:
        raise ValueError(text)
    year, number = int(m.group(1)), int(m.group(2))
    try:
        date.fromisocalendar(year, number, 1)       # 2026-W53 exists, 2027-W53 does not
    except ValueError:
        raise ValueError(text) from None
    return Week(year, number)


# ---------------------------------------------------------------- records
@dataclass(frozen=True)
class PlanItem:
    """A contact the cadence plan (or an agreed appointment) asked for by the week's end."""

    item: Item
    status: str                                  # met | missed | pending


@dataclass(frozen=True)
class TierTarget:
    """An A customer's in-depth contacts in the 30 days to `as_of`, against the monthly target."""

    customer: str
    contacts: int
    target: int


@dataclass(frozen=True)
class Contacts:
    total: int
    customers: int                               # distinct customers contacted
    by_tier: tuple[tuple[str, int], ...]         # every tier, zeros included
    by_channel: tuple[tuple[str, int], ...]      # every channel, zeros included
    new_customers: tuple[str, ...]               # first contact this week
    plan: tuple[PlanItem, ...]
    since: date                                  # first day of the 30 days `tier_a_short` counts
    tier_a_short: tuple[TierTarget, ...]         # A customers below the monthly in-depth target

    def plan_by_tier(self) -> tuple[tuple[str, int, int], ...]:
        """(tier, customers the plan asked for, those of them with every item met) for every tier."""
        out = []
        for grade in TIERS:
            items: dict[str, list[str]] = {}
            for p in self.plan:
                if p.item.tier == grade:
                    items.setdefault(p.item.customer, []).append(p.status)
            out.append((grade, len(items), sum(1 for s in items.values() if all(x == MET for x in s))))
        return tuple(out)


@dataclass(frozen=True)
class Commitments:
    promises: tuple[Promise, ...]

    def count(self, fate: str) -> int:
        return sum(1 for p in self.promises if p.fate == fate)

    @property
    def made(self) -> int:
        return len(self.promises)

    @property
    def on_time_rate(self) -> float | None:
        """Kept on time, of the promises whose fate is known (done, or past their deadline)."""
        decided = self.count(KEPT) + self.count(LATE) + self.count(OVERDUE)
        return round(self.count(KEPT) / decided, 2) if decided else None


@dataclass(frozen=True)
class Asked:
    customer: str
    text: str
    day: date
    source: Source


@dataclass(frozen=True)
class QuestionTopic:
    topic: str
    keywords: tuple[str, ...]
    questions: tuple[Asked, ...]                 # this week's
    four_weeks: int                              # questions on the topic in the four weeks ending this one

    @property
    def count(self) -> int:
        return len(self.questions)

    @property
    def customers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q.customer for q in self.questions))


@dataclass(frozen=True)
class Mention:
    """A need keyword or a competitor: how many of the week's contacts named it, and who."""

    name: str
    count: int
    customers: tuple[str, ...]


@dataclass(frozen=True)
class Adverse:
    customer: str
    visit: Visit
    description: str
    reply_due: datetime
    replied: date | None                         # as of `as_of`
    status: str                                  # replied | waiting | overdue
    in_time: bool | None                         # None while waiting within the time allowed
    # the report to pharmacovigilance / the medical department, due the visit's day
    reported: date | None = None                 # as of `as_of`
    report_status: str = ""                      # reported | waiting | overdue | by-reply (replied, no date)
    report_in_time: bool | None = None


@dataclass(frozen=True)
class Silent:
    customer: str
    tier: str
    last_contact: date
    silent_days: int


@dataclass(frozen=True)
class Shift:
    """A tier or segment that changed during the week."""

    customer: str
    field: str                                   # tier | segment
    old: str
    new: str
    day: date                                    # tier: the visit that changed it; segment: `as_of`
    source: Source | None                        # tier: that visit


@dataclass(frozen=True)
class Finding:
    customer: str
    problem: Problem


@dataclass(frozen=True)
class Review:
    week: Week
    today: date
    as_of: date
    contacts: Contacts
    commitments: Commitments
    questions: tuple[QuestionTopic, ...]
    needs: tuple[Mention, ...]
    competitors: tuple[Mention, ...]
    adverse_events: tuple[Adverse, ...]
    wake_up: tuple[Silent, ...]
    changes: tuple[Shift, ...]
    compliance: tuple[Finding, ...]
    next_week: tuple[Item, ...]                  # due next Monday..Sunday, by day
    carried_over: tuple[Item, ...]               # due by this week's end and still open
    wake_up_days: int = 60                       # the threshold `wake_up` used
    materials: Any = None                        # materials.MaterialReview; None without a library
    follow: tuple = ()                           # (customer, FollowNote): snoozes and skips decided this week


# ---------------------------------------------------------------- the rule
def as_of_day(week: Week, today: date) -> date:
    """The day the review speaks for: the week's Sunday, or today if that comes first."""
    return min(week.end, today)


def points_since(week: Week | Period, settings: Settings) -> date:
    """The first day whose visits' points (discussion lines) the review of `week` reads: the questions of
    the four weeks ending with it (`question_topics`), and the need marks of the RFM window that ends the
    eve of it (`changes`: the segment before). Visits before it are read without their points; a material
    library reads every contact's lines (`materials_review`), so the caller loads them all then."""
    return min(week.start - timedelta(weeks=TOPIC_WEEKS - 1),
               week.start - timedelta(days=1 + settings.rfm_window_days))


def _week_visits(c: Customer, start: date, until: date) -> tuple[Visit, ...]:
    return tuple(v for v in c.visits if start <= v.day <= until)


def review(notebook: Notebook, week: Week, today: date, settings: Settings) -> Review:
    from .materials import materials_review
    from .score import tier as tier_of

    as_of = as_of_day(week, today)
    tiers = {c.name: tier_of(c, settings, as_of).tier for c in notebook.customers}
    visits = [(c, v) for c in notebook.customers for v in _week_visits(c, week.start, as_of)]
    visits.sort(key=lambda cv: (cv[1].moment, cv[1].source))
    open_items = _open_items(notebook, as_of, settings)      # once, for next week and what is carried over
    return Review(
        week=week,
        today=today,
        as_of=as_of,
        contacts=contacts(notebook, week, as_of, settings, tiers, visits),
        commitments=commitments(visits, as_of, settings),
        questions=question_topics(notebook, week, as_of, settings.glossary),
        needs=mentions(visits, lambda v: v.tags),
        competitors=mentions(visits, lambda v: v.competitors),
        adverse_events=adverse_events(visits, as_of, settings),
        wake_up=wake_up(notebook, as_of, settings, tiers),
        changes=changes(notebook, week, as_of, settings),
        compliance=findings(notebook, visits),
        next_week=next_week(notebook, week, as_of, settings, open_items),
        carried_over=carried_over(notebook, week, as_of, settings, open_items),
        wake_up_days=settings.wake_up_days,
        materials=materials_review(notebook, week.start, as_of, settings),
        follow=follow_decisions(notebook, week.start, as_of),
    )


def follow_decisions(notebook: Notebook, start: date, as_of: date) -> tuple:
    """The snoozes and skips decided from `start` to `as_of`, each with its customer, by day."""
    from .due import item_ids_of

    seen, out = set(), []
    for c in notebook.customers:
        notes = [n for v in c.visits for n in v.follow] + list(c.profile_file.follow if c.profile_file else ())
        mine = None
        for n in notes:
            if not start <= n.made <= as_of or (n.source, n.target) in seen:
                continue
            mine = item_ids_of(c) if mine is None else mine
            if n.target in mine:
                seen.add((n.source, n.target))
                out.append((c.name, n))
    return tuple(sorted(out, key=lambda cn: (cn[1].made, cn[1].source)))


def contacts(notebook: Notebook, week: Week, as_of: date, settings: Settings, tiers: dict[str, str],
             visits: list[tuple[Customer, Visit]]) -> Contacts:
    by_tier = {t: 0 for t in TIERS}
    by_channel = {ch: 0 for ch in CHANNELS}
    for c, v in visits:
        by_tier[tiers[c.name]] = by_tier.get(tiers[c.name], 0) + 1
        by_channel[v.channel] = by_channel.get(v.channel, 0) + 1
    new = tuple(dict.fromkeys(c.name for c, _ in visits
                              if c.first_contact is not None and c.first_contact >= week.start))
    since = as_of - timedelta(days=MONTH_DAYS - 1)
    return Contacts(
        total=len(visits),
        customers=len({c.name for c, _ in visits}),
        by_tier=tuple(by_tier.items()),
        by_channel=tuple(by_channel.items()),
        new_customers=new,
        plan=plan(notebook, week, as_of, settings),
        since=since,
        tier_a_short=tier_a_short(notebook, since, as_of, settings, tiers),
    )


def plan(notebook: Notebook, week: Week, as_of: date, settings: Settings) -> tuple[PlanItem, ...]:
    """What the plan asked for by the week's end, as it stood the day before the week began.

    Cadence items (new-customer schedule, tier cadence, update, academic),
    agreed appointments (`next`) and wake-ups, due on or before Sunday. One is
    met by a contact during the week (up to `as_of`) that satisfies its rule:
    an in-depth channel for a tier whose cadence counts only those, an
    academic purpose for the academic item, any contact otherwise. An unmet
    item is missed when its day is `as_of` or earlier (the review is made at
    the end of that day), and pending while it is still to come.
    """
    from .due import APPOINTMENT, CADENCE, WAKE_UP, customer_items, urgency_key

    eve = week.start - timedelta(days=1)
    out: list[PlanItem] = []
    for c in notebook.customers:
        if not c.visits_until(eve):
            continue
        done_this_week = _week_visits(c, week.start, as_of)
        for item in customer_items(c, eve, settings):
            if item.kind not in (CADENCE, APPOINTMENT, WAKE_UP) or item.due is None or item.due > week.end:
                continue
            if item.rule == "academic":
                met = any(v.purpose == "academic" for v in done_this_week)
            elif item.rule == "tier" and settings.cadence_channels.get(item.tier):
                met = any(v.channel in settings.cadence_channels[item.tier] for v in done_this_week)
            else:
                met = bool(done_this_week)
            status = MET if met else MISSED if item.due <= as_of else PENDING
            out.append(PlanItem(item, status))
    out.sort(key=lambda p: urgency_key(p.item))
    return tuple(out)


def monthly_target(settings: Settings, grade: str = "A") -> int:
    """Contacts a month the tier's cadence implies: 30 / 15 days → 2."""
    return max(1, round(MONTH_DAYS / settings.cadence[grade]))


def tier_a_short(notebook: Notebook, since: date, as_of: date, settings: Settings,
                 tiers: dict[str, str]) -> tuple[TierTarget, ...]:
    """A customers with fewer in-depth contacts from `since` to `as_of` (30 days) than the cadence asks a month.

    A rolling month rather than the calendar month, so the list means the same
    in the first week of a month as in the last.
    """
    channels = settings.cadence_channels.get("A")
    target = monthly_target(settings, "A")
    out = []
    for c in notebook.customers:
        if tiers[c.name] != "A" or c.first_contact is None or c.first_contact > as_of:
            continue
        n = sum(1 for v in _week_visits(c, since, as_of) if channels is None or v.channel in channels)
        if n < target:
            out.append(TierTarget(c.name, n, target))
    out.sort(key=lambda x: (x.contacts, x.customer))
    return tuple(out)


def commitments(visits: list[tuple[Customer, Visit]], as_of: date, settings: Settings | None = None) -> Commitments:
    """The week's promises and their fate, each by the date `due` gives it: a snoozed promise by its new
    date, a chained step by the step before (no date while it waits; docs/due.md)."""
    from dataclasses import replace

    from .due import action_ids, chained, follow_notes

    out = []
    notes_of: dict[str, dict] = {}
    for c, v in visits:
        if c.name not in notes_of:
            notes_of[c.name] = follow_notes(c, as_of)
        notes = notes_of[c.name]
        ids = dict(action_ids(v)) if notes else {}
        for a in v.actions:
            if a.status == CANCELLED:
                continue
            due = a.due
            chain = chained(v, a, as_of, settings) if a.after is not None else None
            if chain is not None:
                due = None if chain[0] == "waiting" else chain[1]
            note = notes.get(ids.get(a)) if notes else None
            if note is not None and note.action == "snooze" and note.until is not None:
                due = note.until if due is None else max(due, note.until)
            out.append(promise(c.name, v, a if due == a.due else replace(a, due=due), as_of))
    return Commitments(tuple(out))


def question_topics(notebook: Notebook, week: Week, as_of: date, glossary: tuple[str, ...] = ()) -> tuple[QuestionTopic, ...]:
    """The week's `?` lines grouped by topic, each with its count over the last four weeks.

    The questions of the four weeks ending with this one are grouped together
    (more questions, better groups); a topic is reported when this week has
    at least one of its questions. This week's questions come first, so a
    topic is named from this week's wording.
    """
    from .topics import group, lexicon

    window_start = week.start - timedelta(weeks=TOPIC_WEEKS - 1)
    asked_now: list[Asked] = []
    asked_before: list[Asked] = []
    for c in notebook.customers:
        for v in _week_visits(c, window_start, as_of):
            for p in v.questions:
                (asked_now if v.day >= week.start else asked_before).append(Asked(c.name, p.text, v.day, p.source))
    if not asked_now:
        return ()
    asked_now.sort(key=lambda a: (a.day, a.source))
    asked_before.sort(key=lambda a: (a.day, a.source))
    everything = asked_now + asked_before
    # each name once (the lexicon is a set of words): 10,000 visits name the same few dozen
    lex = lexicon(products=dict.fromkeys(p for v in notebook.visits for p in v.products),
                  names=[*dict.fromkeys(n for v in notebook.visits for n in (*v.competitors, *v.tags)), *glossary])
    topics = group([a.text for a in everything], [a.customer for a in everything], lex)
    out = []
    for topic in topics:
        now = tuple(everything[i] for i in topic.members if i < len(asked_now))
        if now:
            out.append(QuestionTopic(topic.name, topic.keywords, now, len(topic.members)))
    out.sort(key=lambda q: (-q.count, -len(q.customers), -q.four_weeks, q.questions[0].day, q.topic))
    return tuple(out)


def mentions(visits: list[tuple[Customer, Visit]], names_of) -> tuple[Mention, ...]:
    """Each name (need keyword, competitor) with the number of contacts naming it and the customers."""
    counts: dict[str, int] = {}
    who: dict[str, dict[str, None]] = {}
    for c, v in visits:
        for name in dict.fromkeys(names_of(v)):
            counts[name] = counts.get(name, 0) + 1
            who.setdefault(name, {})[c.name] = None
    out = [Mention(name, n, tuple(who[name])) for name, n in counts.items()]
    out.sort(key=lambda m: (-m.count, -len(m.customers), m.name))
    return tuple(out)


def adverse_events(visits: list[tuple[Customer, Visit]], as_of: date, settings: Settings) -> tuple[Adverse, ...]:
    """Adverse events reported this week, whether each went to pharmacovigilance the same day and
    got its formal reply in time.

    `replied` is a date, so a reply counts as in time when it is dated on or
    before the day the reply was due; `reported` is in time on the visit's day.
    A reply without a `reported` date closes the report too (`by-reply`).
    """
    out = []
    for c, v in visits:
        ae = v.adverse_event
        if ae is None:
            continue
        due = reply_deadline(v, settings)
        replied = ae.replied if ae.replied is not None and ae.replied <= as_of else None
        if replied is not None:
            status, in_time = REPLIED, replied <= due.date()
        elif due.date() < as_of:
            status, in_time = OVERDUE, False
        else:
            status, in_time = WAITING, None
        reported = ae.reported if ae.reported is not None and ae.reported <= as_of else None
        if reported is not None:
            report, report_in_time = REPORTED, reported <= v.day
        elif replied is not None:
            report, report_in_time = BY_REPLY, None
        elif v.day < as_of:
            report, report_in_time = OVERDUE, False
        else:
            report, report_in_time = WAITING, None
        out.append(Adverse(c.name, v, ae.description, due, replied, status, in_time,
                           reported, report, report_in_time))
    return tuple(out)


def wake_up(notebook: Notebook, as_of: date, settings: Settings, tiers: dict[str, str]) -> tuple[Silent, ...]:
    """Customers silent for more than the wake-up threshold on `as_of`, longest silence first."""
    out = []
    for c in notebook.customers:
        past = c.visits_until(as_of)
        if not past:
            continue
        silent = (as_of - past[-1].day).days
        if silent > settings.wake_up_days:
            out.append(Silent(c.name, tiers[c.name], past[-1].day, silent))
    out.sort(key=lambda s: (-s.silent_days, s.customer))
    return tuple(out)


def changes(notebook: Notebook, week: Week, as_of: date, settings: Settings) -> tuple[Shift, ...]:
    """Tiers and RFM segments that changed from the eve of the week (the Sunday before) to `as_of`.

    Built on `score.changes`: a tier changes on the day of the visit that
    changed the customer's potential; a segment is compared between the eve
    and `as_of`. Customers first contacted this week had no segment before;
    they are listed as new customers instead.
    """
    from .score import changes as score_changes

    if as_of < week.start:
        return ()
    return tuple(Shift(ch.customer, ch.kind, ch.old, ch.new, ch.day, ch.source)
                 for ch in score_changes(notebook, settings, week.start, as_of) if ch.old is not None)


def findings(notebook: Notebook, visits: list[tuple[Customer, Visit]]) -> tuple[Finding, ...]:
    """Compliance wording, personal data and vague actions found in the week's visit files."""
    owner = {v.source.path: c.name for c, v in visits}
    out = [Finding(owner[p.source.path], p) for p in notebook.problems
           if p.code in FINDINGS and p.source.path in owner]
    out.sort(key=lambda f: (f.problem.source, f.problem.code))
    return tuple(out)


def _open_items(notebook: Notebook, as_of: date, settings: Settings) -> list[Item]:
    from .due import customer_items

    return [i for c in notebook.customers for i in customer_items(c, as_of, settings) if i.due is not None]


def next_week(notebook: Notebook, week: Week, as_of: date, settings: Settings,
              open_items: list[Item] | None = None) -> tuple[Item, ...]:
    """Items due Monday to Sunday of the following week, by day (then by urgency); `open_items`: the
    dated items on `as_of` (`_open_items`), when the caller has them."""
    from .due import urgency_key

    following = week.next()
    found = _open_items(notebook, as_of, settings) if open_items is None else open_items
    items = [i for i in found if i.due in following]
    items.sort(key=lambda i: (i.due, urgency_key(i)))
    return tuple(items)


def carried_over(notebook: Notebook, week: Week, as_of: date, settings: Settings,
                 open_items: list[Item] | None = None) -> tuple[Item, ...]:
    """Items due by the end of this week and still open on `as_of`, most urgent first."""
    from .due import urgency_key

    found = _open_items(notebook, as_of, settings) if open_items is None else open_items
    items = [i for i in found if i.due <= week.end]
    items.sort(key=urgency_key)
    return tuple(items)
