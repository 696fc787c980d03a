from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.progress.habits import (
    ENOUGH_SLEEP_S,
    HABIT_STEP_WEEKS,
    Habit,
    HabitCounts,
    HabitLog,
    Habits,
    counts_words,
    habit_counts,
    habit_wins,
    kept_weeks,
)
from runcoach.domain.progress.wins import WinKind
from runcoach.domain.run.runs import Feel
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


# ---- habits kept, week by week ---------------------------------------------------------------


def week_of(start, **told):
    """Habits told on the days ``start + offset`` for each offset in told's lists."""
    days = {}
    for name, offsets in told.items():
        for k in offsets:
            day = start + timedelta(k)
            value = 8 * 3600.0 if name == "sleep_s" else True
            days[day] = replace(days.get(day, Habits()), **{name: value})
    return days


def test_the_strength_routine_twice_in_a_week_is_a_win_on_the_second_day():
    log = HabitLog(week_of(MONDAY, strength=[0, 3, 5]))
    wins = habit_wins(log, MONDAY, MONDAY + timedelta(6), MONDAY + timedelta(6))
    assert [(w.day, w.title) for w in wins] == [
        (MONDAY + timedelta(3), "Habit kept: strength routine on 2 days of the week")
    ]
    assert wins[0].kind is WinKind.HABIT_KEPT and "WHO 2020" in wins[0].detail


def test_once_a_week_is_no_win_yet():
    log = HabitLog(week_of(MONDAY, strength=[0]))
    assert habit_wins(log, MONDAY, MONDAY + timedelta(6), MONDAY + timedelta(6)) == []


def test_eating_well_and_enough_sleep_count_on_the_fifth_day_of_a_week():
    log = HabitLog(week_of(MONDAY, ate_well=[0, 1, 2, 3, 6], sleep_s=[0, 1, 2, 3]))
    wins = habit_wins(log, MONDAY, MONDAY + timedelta(6), MONDAY + timedelta(6))
    assert [(w.day, w.title) for w in wins] == [
        (MONDAY + timedelta(6), "Habit kept: ate well on 5 days of the week")
    ]


def test_a_warm_up_before_every_run_counts_once_the_week_is_over_with_three_runs_or_more():
    runs = {MONDAY + timedelta(k) for k in (1, 3, 5)}
    log = HabitLog(week_of(MONDAY, warm_up=[1, 3, 5]), runs)
    sunday = MONDAY + timedelta(6)
    assert habit_wins(log, MONDAY, sunday, MONDAY + timedelta(5)) == []  # not over yet
    (win,) = habit_wins(log, MONDAY, sunday, sunday)
    assert win.day == MONDAY + timedelta(5) and "every run of the week (3 runs)" in win.title
    missed = HabitLog(log.days, runs | {MONDAY + timedelta(6)})  # a 4th run without warm-up
    assert habit_wins(missed, MONDAY, sunday, sunday) == []
    two = {MONDAY + timedelta(1), MONDAY + timedelta(3)}
    two_runs = HabitLog(week_of(MONDAY, warm_up=[1, 3]), two)
    assert habit_wins(two_runs, MONDAY, sunday, sunday) == []


def test_a_habit_kept_week_after_week_is_told_the_first_week_and_every_fourth_not_weekly():
    weeks = 9
    days = {}
    for w in range(weeks):
        days.update(week_of(MONDAY + timedelta(weeks=w), strength=[1, 4]))
    last = MONDAY + timedelta(weeks=weeks) - timedelta(1)
    wins = habit_wins(HabitLog(days), MONDAY, last, last)
    assert [w.title for w in reversed(wins)] == [
        "Habit kept: strength routine on 2 days of the week",
        f"Habit kept {HABIT_STEP_WEEKS} weeks in a row: strength routine twice a week",
        f"Habit kept {2 * HABIT_STEP_WEEKS} weeks in a row: strength routine twice a week",
    ]


def test_a_week_missed_starts_the_count_again_and_the_weeks_before_a_period_count():
    days = {}
    for w in (0, 2, 3, 4, 5):  # week 1 missed
        days.update(week_of(MONDAY + timedelta(weeks=w), strength=[0, 2]))
    kept = kept_weeks(HabitLog(days), MONDAY + timedelta(weeks=6))
    assert [k.weeks for k in kept] == [1, 1, 2, 3, 4]
    fifth = MONDAY + timedelta(weeks=5)
    (win,) = habit_wins(HabitLog(days), fifth, fifth + timedelta(6), fifth + timedelta(6))
    assert win.title.startswith("Habit kept 4 weeks in a row")


def test_days_after_today_are_not_counted():
    log = HabitLog(week_of(MONDAY, strength=[0, 3]))
    assert habit_wins(log, MONDAY, MONDAY + timedelta(6), MONDAY + timedelta(2)) == []


def test_a_period_counts_the_habits_told_in_it():
    runs = {MONDAY + timedelta(k) for k in (1, 3, 5)}
    log = HabitLog(week_of(MONDAY, strength=[0], warm_up=[1, 5], ate_well=[0, 1], sleep_s=[2]),
                   runs)  # fmt: skip
    short = MONDAY + timedelta(4)
    days = dict(log.days) | {short: Habits(sleep_s=6 * 3600.0)}
    counts = habit_counts(HabitLog(days, runs), MONDAY, MONDAY + timedelta(6))
    assert counts == HabitCounts(5, 1, 2, 3, 2, 1, 2, 7 * 3600.0)
    assert counts_words(counts) == (
        "strength 1 day, warm-up before 2 of 3 run days, ate well 2 days, "
        "7 h+ sleep 1 of 2 nights (average 7h00)"
    )
    assert habit_counts(log, MONDAY + timedelta(7), MONDAY + timedelta(13)) is None


def test_a_heart_rate_is_a_number_of_beats_per_minute_with_or_without_bpm():
    from runcoach.domain.units import parse_heart_rate

    assert parse_heart_rate("52") == parse_heart_rate("52 bpm") == 52.0
    with pytest.raises(InvalidInput, match="for example 52"):
        parse_heart_rate("fast")
