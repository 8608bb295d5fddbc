"""Settings: every number of the rules, with the defaults of SPEC section 6.

A notebook may override any of them in `visitlog.yaml` at its root. Unlike a bad
note, a bad setting would silently change every answer, so an unknown key or a
bad value is fatal (`SettingsError`, exit 2) and names the key and the file.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .model import TIERS

SETTINGS_FILE = "visitlog.yaml"

WEEKDAY_NAMES = {
    "mon": 0, "monday": 0, "tue": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
    "周一": 0, "周二": 1, "周三": 2, "周四": 3, "周五": 4, "周六": 5, "周日": 6,
}


class SettingsError(Exception):
    """A settings file that cannot be used. `key` is the offending key, if any."""

    def __init__(self, path: str, key: str | None, message: str):
        self.path, self.key, self.message = path, key, message
        where = f"{path}: {key}: " if key else f"{path}: "
        super().__init__(where + message)


@dataclass(frozen=True)
class Settings:
    language: str | None = None                 # zh | en; None: from the locale
    workdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    region: str = "CN"                          # CN | HK | TW | SG: public holidays, make-up days
    # cadence
    new_customer_schedule: tuple[int, ...] = (3, 7, 14)
    established_months: int = 6
    cadence: dict = field(default_factory=lambda: {"A": 15, "B": 14, "C": 30})
    cadence_channels: dict = field(default_factory=lambda: {"A": ("visit", "online")})
    update_days: int = 30
    academic_days: int = 90
    wake_up_days: int = 60
    adverse_reply_hours: int = 24
    due_days: int = 3
    stale_promise_days: int = 30                # `due`: promises overdue longer fold into a count (--all)
    # potential and tiers
    potential_weights: dict = field(
        default_factory=lambda: {"prescriptions": 0.5, "influence": 0.3, "department": 0.2})
    tier_thresholds: dict = field(default_factory=lambda: {"A": 70.0, "B": 40.0})
    # RFM
    rfm_window_days: int = 90
    recency_days: tuple[int, ...] = (7, 14, 30, 60)        # <= each -> 5, 4, 3, 2; else 1
    frequency_counts: tuple[int, ...] = (8, 5, 3, 2)       # >= each -> 5, 4, 3, 2; else 1
    need_values: tuple[int, ...] = (10, 6, 3, 1)           # >= each -> 5, 4, 3, 2; else 1
    need_weights: dict = field(default_factory=dict)       # keyword -> weight
    default_need_weight: float = 1.0
    consultative_min: int = 4
    wake_up_max: int = 2
    # check
    compliance_words: tuple[str, ...] = ()      # the notebook's own red-flag words; "family: word" adds to a family
    compliance_allow: tuple[str, ...] = ()      # phrases that are never a compliance finding (false positives)
    # word lists that extend the packaged ones (visitlog/data/)
    scenario_words: dict = field(default_factory=dict)     # prep scenario -> extra cue words
    glossary: tuple[str, ...] = ()                         # extra words question topics keep whole
    # inferred needs and materials (docs/materials.md)
    need_recent_contacts: int = 5         # look at the last N contacts ...
    need_min_contacts: int = 3            # ... a need mentioned in at least this many of them is inferred
    need_span_days: int = 60              # or mentioned in two contacts at least this many days apart
    need_lookback_days: int = 180         # contacts older than this say nothing about needs
    material_new_days: int = 90           # an update or evidence issued this recently is new (wake-up)
    updates_per_month: int = 2            # established customers: updates within update_days before no more

    def need_weight(self, keyword: str) -> float:
        return self.need_weights.get(keyword, self.default_need_weight)


DEFAULTS = Settings()


# Upper bounds: a value past them is a typo (or an attack), and would overflow dates and times.
MAX_DAYS = 3650                 # every setting counted in days: ten years
MAX_MONTHS = 120
MAX_HOURS = 24 * MAX_DAYS
MAX_COUNT = 1_000_000           # counts of contacts and need values
MAX_NEED_WEIGHT = 1000.0
# The years a date in a note (or --today) may fall in: ten years of days either side stay inside
# Python's calendar, so no rule's date arithmetic can overflow. Other years are a `bad-date`.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _shown(v: Any) -> str:
    """A value for a message, cut to a bounded length (a huge number or list stays readable)."""
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


def _int(key: str, v: Any, *, low: int = 0, high: int = MAX_DAYS) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
        raise ValueError(f"expected a whole number from {low} to {high}, got {_shown(v)}")
    return v


def _number(key: str, v: Any, high: float = MAX_NEED_WEIGHT) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= high:  # NaN fails too
        raise ValueError(f"expected a number from 0 to {high:g}, got {_shown(v)}")
    return float(v)


def _fraction(key: str, v: Any) -> float:
    return _number(key, v, 1.0)


def _percent(key: str, v: Any) -> float:
    return _number(key, v, 100.0)


def _ints(n: int | None, descending: bool | None, high: int = MAX_DAYS):
    def check(key: str, v: Any) -> tuple[int, ...]:
        if not isinstance(v, list) or not v or (n is not None and len(v) != n):
            size = f"{n} " if n else ""
            raise ValueError(f"expected a list of {size}whole numbers, got {_shown(v)}")
        out = tuple(_int(key, x, high=high) for x in v)
        if descending is True and list(out) != sorted(out, reverse=True):
            raise ValueError(f"expected numbers from high to low, got {_shown(v)}")
        if descending is False and list(out) != sorted(out):
            raise ValueError(f"expected numbers from low to high, got {_shown(v)}")
        return out
    return check


def _language(key: str, v: Any) -> str:
    if v not in ("zh", "en"):
        raise ValueError(f"expected zh or en, got {_shown(v)}")
    return v


REGIONS = ("CN", "HK", "TW", "SG")


def _region(key: str, v: Any) -> str:
    if not isinstance(v, str) or v.strip().upper() not in REGIONS:
        raise ValueError(f"expected one of {', '.join(REGIONS)}, got {v!r}")
    return v.strip().upper()


def _workdays(key: str, v: Any) -> frozenset[int]:
    if not isinstance(v, list) or not v:
        raise ValueError(f"expected a list of weekdays such as [mon, tue, wed, thu, fri], got {_shown(v)}")
    out = set()
    for x in v:
        if isinstance(x, int) and not isinstance(x, bool) and 1 <= x <= 7:
            out.add(x - 1)                      # ISO: 1 = Monday
        elif isinstance(x, str) and x.strip().lower() in WEEKDAY_NAMES:
            out.add(WEEKDAY_NAMES[x.strip().lower()])
        else:
            raise ValueError(f"unknown weekday {_shown(x)} (use mon..sun or 1..7)")
    return frozenset(out)


def _tier_map(check_value):
    def check(key: str, v: Any) -> dict:
        if not isinstance(v, dict):
            raise ValueError(f"expected a mapping such as {{A: ..., B: ...}}, got {_shown(v)}")
        bad = [k for k in v if k not in TIERS]
        if bad:
            raise ValueError(f"unknown tier {_shown(bad[0])} (tiers are A, B, C)")
        return {k: check_value(key, x) for k, x in v.items()}
    return check


def _channels(key: str, v: Any) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ValueError(f"expected a list of channels, got {_shown(v)}")
    return tuple(v)


def _weights(key: str, v: Any) -> dict:
    if not isinstance(v, dict):
        raise ValueError(f"expected a mapping, got {_shown(v)}")
    allowed = ("prescriptions", "influence", "department")
    bad = [k for k in v if k not in allowed]
    if bad:
        raise ValueError(f"unknown weight {_shown(bad[0])} (use {', '.join(allowed)})")
    return {k: _fraction(key, x) for k, x in v.items()}


def _keyword_weights(key: str, v: Any) -> dict:
    if not isinstance(v, dict):
        raise ValueError(f"expected a mapping of keyword: weight, got {_shown(v)}")
    return {str(k): _number(key, x) for k, x in v.items()}


def _words(key: str, v: Any) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise ValueError(f"expected a list of words, got {_shown(v)}")
    return tuple(x.strip() for x in v)


def _scenario_words(key: str, v: Any) -> dict:
    from .wordlists import packaged_json

    known = tuple(packaged_json("scenarios.json"))
    if not isinstance(v, dict):
        raise ValueError(f"expected a mapping of scenario: [words], got {v!r}")
    bad = [k for k in v if k not in known]
    if bad:
        raise ValueError(f"unknown scenario {bad[0]!r} (use {', '.join(known)})")
    return {k: _words(key, x) for k, x in v.items()}


_COMPLIANCE_FAMILIES = ("inducement", "prescriber-data", "off-label", "claim", "disparaging", "patient-identity")


def _compliance_words(key: str, v: Any) -> tuple[str, ...]:
    """A list of words (code `compliance`), or a mapping of family: [words] that extends the families."""
    if isinstance(v, dict):
        bad = [k for k in v if k not in _COMPLIANCE_FAMILIES]
        if bad:
            raise ValueError(f"unknown compliance family {bad[0]!r} (use {', '.join(_COMPLIANCE_FAMILIES)})")
        return tuple(f"{family}:{word}" for family, words in v.items() for word in _words(key, words))
    return _words(key, v)


def _positive(key: str, v: Any) -> int:
    return _int(key, v, low=1)


def _bounded(high: int):
    def check(key: str, v: Any) -> int:
        return _int(key, v, low=1, high=high)
    return check


# key -> (validator, merge into the default mapping?)
_SCHEMA = {
    "language": (_language, False),
    "workdays": (_workdays, False),
    "region": (_region, False),
    "new_customer_schedule": (_ints(None, False), False),
    "established_months": (_bounded(MAX_MONTHS), False),
    "cadence": (_tier_map(_positive), True),
    "cadence_channels": (_tier_map(_channels), True),
    "update_days": (_positive, False),
    "academic_days": (_positive, False),
    "wake_up_days": (_positive, False),
    "adverse_reply_hours": (_bounded(MAX_HOURS), False),
    "due_days": (_int, False),
    "stale_promise_days": (_positive, False),
    "potential_weights": (_weights, True),
    "tier_thresholds": (_tier_map(_percent), True),
    "rfm_window_days": (_positive, False),
    "recency_days": (_ints(4, False), False),
    "frequency_counts": (_ints(4, True, MAX_COUNT), False),
    "need_values": (_ints(4, True, MAX_COUNT), False),
    "need_weights": (_keyword_weights, False),
    "default_need_weight": (_number, False),
    "consultative_min": (_bounded(5), False),        # RFM scores run 1-5
    "wake_up_max": (_bounded(5), False),
    "compliance_words": (_compliance_words, False),
    "compliance_allow": (_words, False),
    "scenario_words": (_scenario_words, False),
    "glossary": (_words, False),
    "need_recent_contacts": (_positive, False),
    "need_min_contacts": (_positive, False),
    "need_span_days": (_positive, False),
    "need_lookback_days": (_positive, False),
    "material_new_days": (_positive, False),
    "updates_per_month": (_positive, False),
}
assert set(_SCHEMA) == {f.name for f in fields(Settings)}


def settings_from_mapping(data: Any, path: str) -> Settings:
    """Overlay a parsed settings mapping on the defaults, or raise SettingsError."""
    if data is None:
        return DEFAULTS
    if not isinstance(data, dict):
        raise SettingsError(path, None, "expected a mapping of setting: value")
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _SCHEMA:
            raise SettingsError(path, _shown(key) if not isinstance(key, str) or len(key) > 60 else key,
                                f"unknown setting (known: {', '.join(sorted(_SCHEMA))})")
        check, merge = _SCHEMA[key]
        try:
            parsed = check(key, value)
        except (ValueError, TypeError, OverflowError) as exc:
            raise SettingsError(path, key, str(exc)) from None
        if merge:
            parsed = {**getattr(DEFAULTS, key), **parsed}
        changes[key] = parsed
    out = replace(DEFAULTS, **changes)
    thresholds = out.tier_thresholds
    if thresholds["A"] < thresholds["B"]:
        raise SettingsError(path, "tier_thresholds", "A must be at least B")
    if out.need_min_contacts > out.need_recent_contacts:
        raise SettingsError(path, "need_min_contacts",
                            f"must be at most need_recent_contacts ({out.need_recent_contacts}), "
                            f"got {out.need_min_contacts}")
    total = sum(out.potential_weights.values())
    if abs(total - 1) > 1e-9:                  # the potential is on a 0-100 scale
        raise SettingsError(path, "potential_weights",
                            f"the three weights must add up to 1 (with the defaults for the ones not set), "
                            f"got {total:g}: {out.potential_weights}")
    return out


def load_settings(root: Path) -> Settings:
    """Read `visitlog.yaml` in the notebook root; the defaults when there is none."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        return DEFAULTS
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(str(path), None, f"cannot read: {exc}") from None
    from .fastyaml import read as read_plain

    lines = text.replace("\r\n", "\n").split("\n")
    plain = read_plain(lines, 0, len(lines), timestamps=True)  # the usual flat file, without importing yaml
    if plain is not None:
        return settings_from_mapping(plain[0] or None, str(path))
    import yaml

    from .safeyaml import Refused, load as load_yaml

    try:
        data, _, duplicates = load_yaml(text, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Refused as exc:
        from ..i18n import t

        raise SettingsError(str(path), None, f"line {exc.line + 1}: {t(exc.code, 'en', **exc.args_)}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        detail = str(getattr(exc, "problem", None) or exc)[:200]
        raise SettingsError(str(path), None, f"{where}not valid YAML: {detail}") from None
    if duplicates:
        key, line, first = duplicates[0]
        raise SettingsError(str(path), key, f"line {line + 1}: given twice (first on line {first + 1})")
    return settings_from_mapping(data, str(path))


def user_config_path() -> Path:
    """The user config file (`visitlog/config.yaml` in the platform's user config folder)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("visitlog")) / "config.yaml"


def user_config() -> dict:
    """The user config file's mapping (`notes:`, `rep:`); empty when it is missing or unreadable."""
    config = user_config_path()
    if not config.is_file():
        return {}
    import yaml

    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8-sig")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}
