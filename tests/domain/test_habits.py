from __future__ import annotations

from datetime import date, timedelta

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.habits import ENOUGH_SLEEP_S, Habit, Habits
from runcoach.domain.runs import Feel
from runcoach.domain.today.health import CheckIn, Status, health_on
from runcoach.domain.units import (
    UnitSystem,
    format_hours,
    format_weight,
    parse_hours,
    parse_weight,
)

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "hours"),
    [("7.5h", 7.5), ("7h30", 7.5), ("7h30m", 7.5), ("7:30", 7.5), ("7:05", 7 + 5 / 60),
     ("450min", 7.5), ("7.5", 7.5), ("8 hours", 8.0), ("0h", 0.0)],
)  # fmt: skip
def test_hours_of_sleep_are_read_as_people_write_them(text, hours):
    assert parse_hours(text) == pytest.approx(hours * 3600)


@pytest.mark.parametrize("text", ["7:60", "late", "-7h", "7h30s", ""])
def test_what_is_not_a_number_of_hours_is_refused_with_examples(text):
    with pytest.raises(InvalidInput, match="7h30"):
        parse_hours(text)


def test_hours_are_shown_as_hours_and_minutes():
    assert (format_hours(27000), format_hours(25200), format_hours(26990)) == (
        "7h30", "7h00", "7h30")  # fmt: skip


def test_a_weight_in_pounds_is_kilograms_inside_and_a_bare_number_is_in_the_runners_units():
    assert parse_weight("70.4kg") == 70.4
    assert parse_weight("155 lb") == pytest.approx(155 * 0.45359237)
    assert parse_weight("155", UnitSystem.IMPERIAL) == parse_weight("155lbs")
    assert parse_weight("70", UnitSystem.METRIC) == 70.0
    assert format_weight(70.307, UnitSystem.IMPERIAL) == "155.0 lb"
    assert format_weight(70.307) == "70.3 kg"


@pytest.mark.parametrize(
    "told",
    [{"sleep_s": 16.5 * 3600}, {"sleep_s": -1.0}, {"weight_kg": 24.9}, {"weight_kg": 301.0},
     {"resting_hr": 24.0}, {"resting_hr": 121.0}],
)  # fmt: skip
def test_implausible_habits_are_refused(told):
    with pytest.raises(InvalidInput, match="not plausible"):
        Habits(**told)


def test_the_edges_of_the_plausible_ranges_are_accepted_and_no_sleep_is_told_not_missing():
    edges = Habits(sleep_s=0.0, weight_kg=25.0, resting_hr=120.0)
    assert not edges.empty and not edges.kept(Habit.SLEEP)


def test_seven_hours_is_enough_sleep_and_a_minute_less_is_not():
    assert Habits(sleep_s=ENOUGH_SLEEP_S).kept(Habit.SLEEP)
    assert not Habits(sleep_s=ENOUGH_SLEEP_S - 60).kept(Habit.SLEEP)


def test_habits_told_later_override_what_they_tell_and_keep_the_rest():
    morning = Habits(strength=True, sleep_s=6 * 3600.0, weight_kg=70.0)
    evening = Habits(strength=False, ate_well=True)
    assert evening.over(morning) == Habits(False, None, True, 6 * 3600.0, 70.0, None)


def test_a_check_in_of_habits_alone_does_not_end_a_sick_day():
    sick = CheckIn(MONDAY, Feel.SICK)
    habits_only = CheckIn(MONDAY + timedelta(1), habits=Habits(sleep_s=9 * 3600.0))
    assert not habits_only.about_health
    assert health_on([sick, habits_only], MONDAY + timedelta(1)).status is Status.SICK
    assert health_on([sick], MONDAY + timedelta(1)).status is Status.SICK
