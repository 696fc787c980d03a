"""Properties that hold for any log: averages stay within the loads, streaks add up."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from runcoach.domain.progress.load import training_curve, week_strain
from runcoach.domain.progress.measures import week_counts, week_streaks

loads = st.lists(st.floats(min_value=0, max_value=400), min_size=1, max_size=120)
day_offsets = st.sets(st.integers(min_value=0, max_value=400), max_size=200)
START = date(2025, 12, 1)


@given(loads)
def test_fitness_and_fatigue_never_leave_the_range_of_the_loads(daily):
    for state in training_curve(START, daily):
        assert -1e-9 <= state.fitness <= max(daily) + 1e-9
        assert -1e-9 <= state.fatigue <= max(daily) + 1e-9


@given(loads)
def test_fatigue_reacts_faster_than_fitness_to_the_first_load(daily):
    first = training_curve(START, daily)[0]
    assert first.fatigue >= first.fitness


@given(st.lists(st.floats(min_value=0, max_value=300), min_size=7, max_size=7))
def test_strain_is_weekly_load_times_monotony(daily):
    week = week_strain(START, daily)
    if week.monotony is not None:
        assert week.strain is not None
        assert abs(week.strain - week.load * week.monotony) <= 1e-6 * max(1.0, week.strain)


@given(day_offsets, st.integers(min_value=1, max_value=7))
def test_no_streak_is_longer_than_the_weeks_that_qualify(offsets, min_days):
    days = [START + timedelta(days=d) for d in offsets]
    today = START + timedelta(days=400)
    streaks = week_streaks(days, today, min_days)
    qualifying = sum(1 for n in week_counts(days, today).values() if n >= min_days)
    longest = streaks.longest.weeks if streaks.longest else 0
    current = streaks.current.weeks if streaks.current else 0
    assert current <= longest <= qualifying
    assert (qualifying == 0) == (streaks.longest is None)
