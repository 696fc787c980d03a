"""Volume, run days, streaks and intensity over a period, checked by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from runcoach.domain.days import zone
from runcoach.domain.progress.measures import (
    Intensity,
    intensity_by_heart_rate,
    intensity_by_pace,
    same_period_last_year,
    totals,
    week_streaks,
    weekly_volume,
)
from runcoach.domain.run.runs import Lap, Run, Sport, WorkoutType
from runcoach.domain.units import Pace

LJUBLJANA = zone("Europe/Ljubljana")


def run_at(when: datetime, km: float, minutes: float, **extra: object) -> Run:
    return Run(start=when, distance_m=km * 1000, moving_s=minutes * 60, **extra)  # type: ignore[arg-type]


def test_totals_count_distance_time_ascent_run_days_and_the_longest_run():
    runs = [
        run_at(datetime(2026, 3, 2, 6, tzinfo=UTC), 10, 50, ascent_m=80, id=1),
        run_at(datetime(2026, 3, 2, 17, tzinfo=UTC), 5, 25, ascent_m=20, id=2),
        run_at(datetime(2026, 3, 4, 6, tzinfo=UTC), 21.1, 110, id=3),
        run_at(datetime(2026, 3, 4, 9, tzinfo=UTC), 40, 90, sport=Sport.CYCLING, id=4),
    ]
    found = totals(runs, date(2026, 3, 2), date(2026, 3, 8), UTC)
    assert (found.runs, found.run_days) == (3, 2)
    assert found.distance_m == pytest.approx(36100)
    assert found.duration_s == 185 * 60
    assert found.ascent_m == 100
    assert (found.longest_run_m, found.longest_run_id) == (21100, 3)
    assert found.run_days_per_week == 2.0


def test_a_running_activity_tagged_cross_training_or_strength_is_not_a_run():
    day = datetime(2026, 3, 2, 6, tzinfo=UTC)
    runs = [
        run_at(day, 10, 50, id=1),
        run_at(day, 390, 120, workout_type=WorkoutType.CROSS_TRAINING, id=2),  # a drive
        run_at(day, 2, 40, workout_type=WorkoutType.STRENGTH, id=3),  # a gym session
    ]
    found = totals(runs, date(2026, 3, 2), date(2026, 3, 8), UTC)
    assert (found.runs, found.distance_m, found.longest_run_id) == (1, 10_000, 1)


def test_a_run_just_after_midnight_local_time_counts_on_the_local_day_and_week():
    # Monday 00:30 in Ljubljana (CET, +1) is Sunday 23:30 UTC
    run = run_at(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), 8, 40)
    weeks = weekly_volume([run], date(2026, 2, 23), date(2026, 3, 8), LJUBLJANA)
    assert [w.runs for w in weeks] == [0, 1]
    weeks_utc = weekly_volume([run], date(2026, 2, 23), date(2026, 3, 8), UTC)
    assert [w.runs for w in weeks_utc] == [1, 0]


def test_weekly_volume_lists_empty_weeks_too():
    run = run_at(datetime(2026, 3, 18, 7, tzinfo=UTC), 12, 60)
    weeks = weekly_volume([run], date(2026, 3, 2), date(2026, 3, 29), UTC)
    assert [w.week_start for w in weeks] == [date(2026, 3, d) for d in (2, 9, 16, 23)]
    assert [w.distance_m for w in weeks] == [0, 0, 12000, 0]


def four_day_weeks(first_monday: date, weeks: int) -> list[date]:
    return [first_monday + timedelta(weeks=w, days=d) for w in range(weeks) for d in (0, 2, 4, 6)]


def test_a_streak_of_four_day_weeks_runs_across_the_new_year():
    # ISO weeks starting Mon 15 Dec 2025 .. Mon 5 Jan 2026: four weeks, the year turns inside
    days = four_day_weeks(date(2025, 12, 15), 4)
    streaks = week_streaks(days, today=date(2026, 1, 11), min_run_days=4)
    assert streaks.current is not None and streaks.current.weeks == 4
    assert streaks.current.first_week == date(2025, 12, 15)


def test_a_week_with_three_run_days_breaks_the_streak():
    days = four_day_weeks(date(2026, 1, 5), 2) + four_day_weeks(date(2026, 1, 26), 3)
    days += [date(2026, 1, 19), date(2026, 1, 20), date(2026, 1, 21)]
    streaks = week_streaks(days, today=date(2026, 2, 15), min_run_days=4)
    assert streaks.current is not None and streaks.current.weeks == 3
    assert streaks.longest == streaks.current


def test_the_week_in_progress_does_not_break_a_streak_until_it_is_over():
    days = four_day_weeks(date(2026, 1, 5), 3)
    wednesday = date(2026, 1, 28)
    streaks = week_streaks([*days, date(2026, 1, 26)], today=wednesday, min_run_days=4)
    assert streaks.current is not None and streaks.current.weeks == 3


def test_a_missed_week_ends_the_current_streak_but_keeps_the_longest():
    days = four_day_weeks(date(2026, 1, 5), 5)
    streaks = week_streaks(days, today=date(2026, 2, 25), min_run_days=4)
    assert streaks.current is None
    assert streaks.longest is not None and streaks.longest.weeks == 5


def test_weeks_in_a_row_with_a_run_is_a_streak_of_one_run_day():
    days = [date(2026, 1, 4), date(2026, 1, 7), date(2026, 1, 13)]  # Sun wk1, Wed wk2, Tue wk3
    streaks = week_streaks(days, today=date(2026, 1, 14), min_run_days=1)
    assert streaks.current is not None and streaks.current.weeks == 3


def test_intensity_by_pace_splits_an_interval_run_by_its_laps():
    start = datetime(2026, 3, 2, 7, tzinfo=UTC)
    laps = [
        Lap(start=start, elapsed_s=900, distance_m=2800),  # 5:21/km: easy vs 4:00 threshold
        Lap(start=start, elapsed_s=240, distance_m=1000),  # 4:00/km: hard
        Lap(start=start, elapsed_s=260, distance_m=1000),  # 4:20/km: moderate (92 %)
        Lap(start=start, elapsed_s=120, distance_m=None),  # no distance: unknown
    ]
    run = Run(start=start, moving_s=1520, distance_m=4800, laps=laps)
    split = intensity_by_pace([run], Pace(240))
    assert (split.easy_s, split.moderate_s, split.hard_s, split.unknown_s) == (900, 260, 240, 120)
    assert split.share(Intensity.EASY) == pytest.approx(900 / 1400)


def test_intensity_by_heart_rate_uses_the_run_average_without_laps():
    start = datetime(2026, 3, 2, 7, tzinfo=UTC)
    runs = [
        Run(start=start, moving_s=3600, avg_hr=140),  # 73.7 % of 190: easy
        Run(start=start, moving_s=1800, avg_hr=160),  # 84.2 %: moderate
        Run(start=start, moving_s=1200, avg_hr=175),  # 92.1 %: hard
        Run(start=start, moving_s=600),
    ]
    split = intensity_by_heart_rate(runs, max_hr=190)
    assert (split.easy_s, split.moderate_s, split.hard_s, split.unknown_s) == (
        3600,
        1800,
        1200,
        600,
    )


def test_last_year_of_a_leap_day_is_the_28th_of_february():
    assert same_period_last_year(date(2028, 1, 1), date(2028, 2, 29)) == (
        date(2027, 1, 1),
        date(2027, 2, 28),
    )
