"""Potential, tiers and RFM segments (SPEC section 6), as pure functions.

Every result carries its inputs, so `visitlog score --explain` can show the
arithmetic and nothing is a black box.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .model import POTENTIAL_KEYS, Customer, Visit
from .settings import Settings

CONSULTATIVE, MAINTAIN, WAKE_UP = "consultative", "maintain", "wake-up"
COMPUTED, OVERRIDE, UNSCORED = "computed", "override", "unscored"


@dataclass(frozen=True)
class Potential:
    value: float | None                          # 0-100, None when unscored
    inputs: tuple[tuple[str, int], ...]          # the 1-5 estimates known
    parts: tuple[tuple[str, float, float], ...]  # (key, mapped 0-100, weight)


@dataclass(frozen=True)
class Tier:
    tier: str
    source: str                                  # computed | override | unscored
    potential: Potential


@dataclass(frozen=True)
class RFM:
    recency_days: int | None
    frequency: int
    need_value: float
    scores: tuple[int, int, int]
    segment: str
    last_contact: date | None
    marks: int                                    # ↑ and ! points in the window
    keywords: tuple[tuple[str, float], ...]       # distinct need keywords and their weights

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


def potential(customer: Customer, settings: Settings, day: date | None = None) -> Potential:
    """The 0-100 potential from the profile's 1-5 estimates, as known on `day`."""
    known = customer.profile_at(day)["potential"]
    inputs = tuple((k, known[k]) for k in POTENTIAL_KEYS if k in known)
    if len(inputs) < len(POTENTIAL_KEYS):
        return Potential(None, inputs, ())
    parts = []
    total = Decimal(0)
    for key, v in inputs:
        mapped = Decimal(v - 1) * 25
        weight = Decimal(str(settings.potential_weights[key]))
        total += mapped * weight
        parts.append((key, float(mapped), float(weight)))
    return Potential(_round1(total), inputs, tuple(parts))


def tier(customer: Customer, settings: Settings, day: date | None = None) -> Tier:
    """Tier A/B/C on `day`: the profile's override, else by potential thresholds."""
    p = potential(customer, settings, day)
    if customer.tier_override:
        return Tier(customer.tier_override, OVERRIDE, p)
    if p.value is None:
        return Tier("C", UNSCORED, p)
    thresholds = settings.tier_thresholds
    grade = "A" if p.value >= thresholds["A"] else "B" if p.value >= thresholds["B"] else "C"
    return Tier(grade, COMPUTED, p)


def _band_at_most(value: float, limits: tuple[int, ...]) -> int:
    """5 for <= limits[0], 4 for <= limits[1], ... else 1."""
    for score, limit in zip((5, 4, 3, 2), limits):
        if value <= limit:
            return score
    return 1


def _band_at_least(value: float, limits: tuple[int, ...]) -> int:
    """5 for >= limits[0], 4 for >= limits[1], ... else 1."""
    for score, limit in zip((5, 4, 3, 2), limits):
        if value >= limit:
            return score
    return 1


def window(today: date, settings: Settings) -> tuple[date, date]:
    """The RFM window: today - N days to today, both included."""
    return today - timedelta(days=settings.rfm_window_days), today


def need_value(visits: list[Visit] | tuple[Visit, ...], settings: Settings):
    """One point per ↑ or ! line, plus the weight of each distinct need keyword."""
    marks = sum(int(p.interest) + int(p.urgent) for v in visits for p in v.points)
    keywords = tuple(dict.fromkeys(t for v in visits for t in v.tags))
    weighted = tuple((k, settings.need_weight(k)) for k in keywords)
    return marks + sum(w for _, w in weighted), marks, weighted


def rfm(customer: Customer, today: date, settings: Settings) -> RFM:
    """Recency, frequency and need value on `today`, with the segment."""
    past = customer.visits_until(today)
    start, _ = window(today, settings)
    recent = [v for v in past if v.day >= start]
    last = past[-1].day if past else None
    recency = (today - last).days if last else None
    value, marks, keywords = need_value(recent, settings)
    scores = (
        _band_at_most(recency, settings.recency_days) if recency is not None else 1,
        _band_at_least(len(recent), settings.frequency_counts),
        _band_at_least(value, settings.need_values),
    )
    if all(s >= settings.consultative_min for s in scores):
        segment = CONSULTATIVE
    elif scores[0] <= settings.wake_up_max and scores[1] <= settings.wake_up_max:
        segment = WAKE_UP
    else:
        segment = MAINTAIN
    return RFM(recency, len(recent), value, scores, segment, last, marks, keywords)


def score(customer: Customer, today: date, settings: Settings) -> Score:
    return Score(customer.name, tier(customer, settings, today), rfm(customer, today, settings))
