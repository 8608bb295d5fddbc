"""Settings: defaults from SPEC 6, overrides from visitlog.yaml, fatal errors naming the key."""
from __future__ import annotations

import pytest

from visitlog.notebook.settings import DEFAULTS, SettingsError, load_settings, settings_from_mapping


def test_defaults_are_the_spec_numbers():
    assert DEFAULTS.new_customer_schedule == (3, 7, 14)
    assert DEFAULTS.cadence == {"A": 15, "B": 14, "C": 30}
    assert DEFAULTS.wake_up_days == 60 and DEFAULTS.adverse_reply_hours == 24
    assert DEFAULTS.potential_weights == {"prescriptions": 0.5, "influence": 0.3, "department": 0.2}
    assert DEFAULTS.tier_thresholds == {"A": 70.0, "B": 40.0}
    assert DEFAULTS.workdays == frozenset(range(5))


def test_partial_mappings_merge_with_defaults():
    s = settings_from_mapping({"cadence": {"A": 10}, "workdays": ["mon", "tue", "wed", "thu", "fri", "sat"]}, "f")
    assert s.cadence == {"A": 10, "B": 14, "C": 30}
    assert s.workdays == frozenset(range(6))


@pytest.mark.parametrize("data,key", [
    ({"cadense": {"A": 10}}, "cadense"),
    ({"cadence": {"D": 10}}, "cadence"),
    ({"cadence": {"A": -1}}, "cadence"),
    ({"wake_up_days": "sixty"}, "wake_up_days"),
    ({"language": "fr"}, "language"),
    ({"workdays": ["funday"]}, "workdays"),
    ({"recency_days": [7, 14, 30]}, "recency_days"),
    ({"frequency_counts": [2, 3, 5, 8]}, "frequency_counts"),
    ({"potential_weights": {"volume": 1}}, "potential_weights"),
    ({"tier_thresholds": {"A": 30, "B": 40}}, "tier_thresholds"),
])
def test_bad_settings_name_the_key(data, key):
    with pytest.raises(SettingsError) as exc:
        settings_from_mapping(data, "notes/visitlog.yaml")
    assert exc.value.key == key
    assert key in str(exc.value) and "notes/visitlog.yaml" in str(exc.value)


def test_settings_file_errors(notes):
    notes.write("visitlog.yaml", "cadence: {A: 10\n")
    with pytest.raises(SettingsError) as exc:
        load_settings(notes.root)
    assert "visitlog.yaml" in str(exc.value) and "line" in str(exc.value)
    notes.write("visitlog.yaml", "- a\n- b\n")
    with pytest.raises(SettingsError):
        load_settings(notes.root)


def test_bad_settings_stop_every_command_with_exit_2(notes):
    notes.visit("甲", "2026-11-20")
    notes.write("visitlog.yaml", "cadense: {A: 10}\n")
    result = notes.run("customers", "--today", "2026-11-28")
    assert result.exit_code == 2
    assert "cadense" in result.stderr and "visitlog.yaml" in result.stderr


def test_empty_settings_file_is_the_defaults(notes):
    notes.write("visitlog.yaml", "# nothing yet\n")
    assert load_settings(notes.root) == DEFAULTS
