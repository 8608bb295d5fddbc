"""Potential, tiers and RFM segments (SPEC section 6), as pure functions.

Every result carries its inputs and the threshold that decided it, so
`visitlog score --explain` can show the arithmetic and nothing is a black box.

- `potential(customer, settings, day)`  the 0-100 score from the 1-5 estimates
- `tier(customer, settings, day)`       A/B/C: the profile's override, else by thresholds
- `rfm(customer, today, settings)`      recency, frequency, need value, scores, segment
- `score(customer, today, settings)`    both, for one customer
- `ranked(notebook, today, settings)`   every customer, sorted by tier then potential
- history for the weekly review: `tier_changes`, `segment_change`, `changes`
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from ..notebook.model import POTENTIAL_KEYS, TIERS, Customer, Notebook, Point, Source, Visit
from ..notebook.settings import Settings

CONSULTATIVE, MAINTAIN, WAKE_UP = "consultative", "maintain", "wake-up"
SEGMENTS = (CONSULTATIVE, MAINTAIN, WAKE_UP)
COMPUTED, OVERRIDE, UNSCORED = "computed", "override", "unscored"

# how a band was decided (Band.rule)
AT_MOST, AT_LEAST, ABOVE, BELOW, NONE = "<=", ">=", ">", "<", "none"


class Part(NamedTuple):
    """One estimate's share of the potential: estimate → (v − 1) × 25 → × weight."""

    key: str
    estimate: int
    mapped: float          # (estimate - 1) * 25, 0-100
    weight: float
    points: float          # mapped * weight
    origin: Source | None  # the profile line or the visit that set the estimate


@dataclass(frozen=True)
class Potential:
    value: float | None                          # 0-100, one decimal; None when unscored
    inputs: tuple[tuple[str, int], ...]          # the 1-5 estimates known
    parts: tuple[Part, ...]                      # the known estimates' shares
    exact: float | None = None                   # the sum before rounding
    missing: tuple[str, ...] = ()                # estimates not known (then value is None)
    low: float | None = None                     # with estimates missing: the lowest and
    high: float | None = None                    # highest value still possible


@dataclass(frozen=True)
class Tier:
    tier: str
    source: str                                  # computed | override | unscored
    potential: Potential
    computed: str | None = None                  # the tier by thresholds (None when unscored)


class Band(NamedTuple):
    """A value scored 1-5 and the threshold that decided it."""

    value: float | None
    score: int
    rule: str              # <= or >= (met `limit`), > or < (beyond the last limit), none (no value)
    limit: float | None


class Mark(NamedTuple):
    """A line counted in the need value: its visit day and the point."""

    day: date
    point: Point

    @property
    def count(self) -> int:
        return int(self.point.interest) + int(self.point.urgent)


@dataclass(frozen=True)
class RFM:
    recency_days: int | None
    frequency: int
    need_value: float
    scores: tuple[int, int, int]
    segment: str
    last_contact: date | None
    marks: int                                    # ↑ and ! marks in the window
    keywords: tuple[tuple[str, float], ...]       # distinct need keywords and their weights
    bands: tuple[Band, ...] = ()                  # recency, frequency, need value
    window: tuple[date, date] | None = None       # both ends included
    contacts: tuple[date, ...] = ()               # the days of the contacts in the window
    marked: tuple[Mark, ...] = ()                 # the lines whose marks were counted

    @property
    def code(self) -> str:
        return "-".join(str(s) for s in self.scores)


@dataclass(frozen=True)
class Score:
    customer: str
    tier: Tier
    rfm: RFM


def _round1(x: Decimal) -> float:
    return float(x.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _dec(x: float) -> Decimal:
    """A setting's number as the decimal the user wrote (0.3, not 0.2999…)."""
    return Decimal(str(x))


def _origins(customer: Customer, day: date | None) -> dict[str, Source]:
    """Where each potential estimate known on `day` was last set."""
    out: dict[str, Source] = {}
    base = customer.profile_file
    if base is not None:
        lines = dict(base.lines)
        for key, _ in base.potential:
            out[key] = Source(base.source.path, lines.get(f"potential.{key}", lines.get("potential", 1)))
    for v in customer.visits:
        if day is not None and v.day > day:
            break
        for key, _ in v.potential:
            out[key] = v.source
    return out


def potential(customer: Customer, settings: Settings, day: date | None = None) -> Potential:
    """The 0-100 potential from the profile's 1-5 estimates, as known on `day`.

    All three estimates are needed; with any missing the customer is unscored
    (`value` None) and `low`/`high` say what the known ones already allow.
    """
    known = customer.profile_at(day)["potential"]
    origins = _origins(customer, day)
    inputs = tuple((k, known[k]) for k in POTENTIAL_KEYS if k in known)
    parts = []
    total = Decimal(0)
    for key, v in inputs:
        mapped = Decimal(v - 1) * 25
        weight = _dec(settings.potential_weights[key])
        total += mapped * weight
        parts.append(Part(key, v, float(mapped), float(weight), float(mapped * weight), origins.get(key)))
    missing = tuple(k for k in POTENTIAL_KEYS if k not in known)
    if missing:
        top = sum((_dec(settings.potential_weights[k]) * 100 for k in missing), Decimal(0))
        low, high = (_round1(total), _round1(total + top)) if inputs else (None, None)
        return Potential(None, inputs, tuple(parts), None, missing, low, high)
    return Potential(_round1(total), inputs, tuple(parts), float(total))


def grade(value: float, settings: Settings) -> str:
    """A by the A threshold, B by the B threshold, else C."""
    thresholds = settings.tier_thresholds
    return "A" if value >= thresholds["A"] else "B" if value >= thresholds["B"] else "C"


def tier(customer: Customer, settings: Settings, day: date | None = None) -> Tier:
    """Tier A/B/C on `day`: the profile's override, else by potential thresholds."""
    p = potential(customer, settings, day)
    computed = grade(p.value, settings) if p.value is not None else None
    if customer.tier_override:
        return Tier(customer.tier_override, OVERRIDE, p, computed)
    if computed is None:
        return Tier("C", UNSCORED, p, None)
    return Tier(computed, COMPUTED, p, computed)


def _band_at_most(value: float | None, limits: tuple[int, ...]) -> Band:
    """5 for <= limits[0], 4 for <= limits[1], ... else 1 (no value: 1)."""
    if value is None:
        return Band(None, 1, NONE, None)
    for score, limit in zip((5, 4, 3, 2), limits):
        if value <= limit:
            return Band(value, score, AT_MOST, limit)
    return Band(value, 1, ABOVE, limits[-1])


def _band_at_least(value: float, limits: tuple[int, ...]) -> Band:
    """5 for >= limits[0], 4 for >= limits[1], ... else 1."""
    for score, limit in zip((5, 4, 3, 2), limits):
        if value >= limit:
            return Band(value, score, AT_LEAST, limit)
    return Band(value, 1, BELOW, limits[-1])


def window(today: date, settings: Settings) -> tuple[date, date]:
    """The RFM window: today - N days to today, both included."""
    return today - timedelta(days=settings.rfm_window_days), today


def need_value(visits: list[Visit] | tuple[Visit, ...], settings: Settings):
    """One point per ↑ or ! mark (a line counts each kind once), plus the weight
    of each distinct need keyword: (value, marks, ((keyword, weight), ...))."""
    marks = sum(int(p.interest) + int(p.urgent) for v in visits for p in v.points)
    keywords = tuple(dict.fromkeys(t for v in visits for t in v.tags))
    weighted = tuple((k, float(_dec(settings.need_weight(k)))) for k in keywords)
    total = Decimal(marks) + sum((_dec(w) for _, w in weighted), Decimal(0))
    value = float(total)
    return (int(value) if value.is_integer() else value), marks, weighted


def segment(scores: tuple[int, int, int], settings: Settings) -> str:
    """Consultative when all three scores are high; wake-up when recency and
    frequency are both low; else maintain."""
    if all(s >= settings.consultative_min for s in scores):
        return CONSULTATIVE
    if scores[0] <= settings.wake_up_max and scores[1] <= settings.wake_up_max:
        return WAKE_UP
    return MAINTAIN


def rfm(customer: Customer, today: date, settings: Settings) -> RFM:
    """Recency, frequency and need value on `today`, with the segment."""
    past = customer.visits_until(today)
    start, end = window(today, settings)
    recent = [v for v in past if v.day >= start]
    last = past[-1].day if past else None
    recency = (today - last).days if last else None
    value, marks, keywords = need_value(recent, settings)
    bands = (
        _band_at_most(recency, settings.recency_days),
        _band_at_least(len(recent), settings.frequency_counts),
        _band_at_least(value, settings.need_values),
    )
    scores = (bands[0].score, bands[1].score, bands[2].score)
    marked = tuple(Mark(v.day, p) for v in recent for p in v.points if p.interest or p.urgent)
    return RFM(recency, len(recent), value, scores, segment(scores, settings), last, marks, keywords,
               bands, (start, end), tuple(v.day for v in recent), marked)


def score(customer: Customer, today: date, settings: Settings) -> Score:
    return Score(customer.name, tier(customer, settings, today), rfm(customer, today, settings))


def _rank(s: Score) -> tuple:
    value = s.tier.potential.value
    return (TIERS.index(s.tier.tier), value is None, -(value or 0), s.customer)


def ranked(notebook: Notebook, today: date, settings: Settings,
           tiers: tuple[str, ...] | list[str] = (), segments: tuple[str, ...] | list[str] = ()) -> list[Score]:
    """Every customer's score, by tier (A first) then potential (highest first,
    unscored last); only the `tiers` and `segments` asked for, when given."""
    out = [score(c, today, settings) for c in notebook.customers]
    out = [s for s in out if (not tiers or s.tier.tier in tiers) and (not segments or s.rfm.segment in segments)]
    return sorted(out, key=_rank)


# ---------------------------------------------------------------- history
class SegmentChange(NamedTuple):
    """The segment the day before a period (`old`, None when there was no contact
    yet) and at its last day (`new`), with the RFM codes."""

    old: str | None
    new: str
    old_rfm: str | None
    new_rfm: str


@dataclass(frozen=True)
class ScoreChange:
    """A tier or segment change of one customer in a period, for the weekly review."""

    customer: str
    kind: str                   # tier | segment
    day: date                   # tier: the visit day; segment: the period's last day
    old: str | None
    new: str
    source: Source | None       # tier: the visit that carried the profile change


def tier_changes(customer: Customer, settings: Settings, start: date, end: date) -> list[ScoreChange]:
    """Every change of tier letter on a day from `start` to `end`, both included.

    A tier can only change on the day of a visit that sets `potential` (the
    override and the thresholds have no dates), so only those days are checked:
    the tier the evening before against the tier at the end of that day.
    """
    out: list[ScoreChange] = []
    days: dict[date, Source] = {}
    for v in customer.visits:
        if v.potential and start <= v.day <= end:
            days[v.day] = v.source          # the last such visit of the day
    for day, source in days.items():
        old = tier(customer, settings, day - timedelta(days=1)).tier
        new = tier(customer, settings, day).tier
        if old != new:
            out.append(ScoreChange(customer.name, "tier", day, old, new, source))
    return out


def segment_change(customer: Customer, settings: Settings, start: date, end: date) -> SegmentChange | None:
    """The segment on the day before `start` against the segment on `end`;
    None when it is the same. A customer first contacted within the period has
    `old` None (there was no relationship to be in a segment)."""
    before_day = start - timedelta(days=1)
    after = rfm(customer, end, settings)
    if not customer.visits_until(before_day):
        if not customer.visits_until(end):
            return None
        return SegmentChange(None, after.segment, None, after.code)
    before = rfm(customer, before_day, settings)
    if before.segment == after.segment:
        return None
    return SegmentChange(before.segment, after.segment, before.code, after.code)


def changes(notebook: Notebook, settings: Settings, start: date, end: date) -> list[ScoreChange]:
    """Tier and segment changes of every customer from `start` to `end`, by customer."""
    out: list[ScoreChange] = []
    for c in notebook.customers:
        out.extend(tier_changes(c, settings, start, end))
        seg = segment_change(c, settings, start, end)
        if seg is not None:
            out.append(ScoreChange(c.name, "segment", end, seg.old, seg.new, None))
    return out
