"""Habit wins hold for any log: one per habit and week at most, never for a week that
missed its target, and the same whether asked week by week or for the whole span."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from runcoach.domain.progress.habits import (
    ENOUGH_SLEEP_S,
    MIN_WARM_UP_RUN_DAYS,
    MOST_DAYS_PER_WEEK,
    STRENGTH_DAYS_PER_WEEK,
    Habit,
    HabitLog,
    Habits,
    habit_wins,
    kept_weeks,
)

MONDAY = date(2026, 1, 5)
WEEKS = 10
NEED = {Habit.STRENGTH: STRENGTH_DAYS_PER_WEEK, Habit.ATE_WELL: MOST_DAYS_PER_WEEK,
        Habit.SLEEP: MOST_DAYS_PER_WEEK}  # fmt: skip

a_day = st.builds(
    Habits,
    strength=st.sampled_from([None, True, False]),
    warm_up=st.sampled_from([None, True, False]),
    ate_well=st.sampled_from([None, True, False]),
    sleep_s=st.one_of(st.none(), st.sampled_from([5 * 3600.0, ENOUGH_SLEEP_S, 9 * 3600.0])),
)
logs = st.builds(
    lambda told, ran: HabitLog(
        {MONDAY + timedelta(k): h for k, h in told.items()},
        frozenset(MONDAY + timedelta(k) for k in ran),
    ),
    st.dictionaries(st.integers(0, 7 * WEEKS - 1), a_day, max_size=7 * WEEKS),
    st.sets(st.integers(0, 7 * WEEKS - 1)),
)
LAST = MONDAY + timedelta(weeks=WEEKS) - timedelta(days=1)


@given(logs)
def test_a_habit_is_kept_at_most_once_a_week_and_only_when_its_target_was_met(log):
    kept = kept_weeks(log, LAST)
    assert max(Counter((k.habit, k.week_start) for k in kept).values(), default=1) == 1
    for k in kept:
        week = [k.week_start + timedelta(d) for d in range(7)]
        done = [d for d in week if d in log.days and log.days[d].kept(k.habit)]
        if k.habit is Habit.WARM_UP:
            runs = [d for d in week if d in log.run_days]
            assert len(runs) >= MIN_WARM_UP_RUN_DAYS and set(runs) <= set(done)
        else:
            assert len(done) >= NEED[k.habit] and k.day == done[NEED[k.habit] - 1]


@given(logs)
def test_the_wins_of_the_weeks_are_the_wins_of_the_whole_span(log):
    whole = habit_wins(log, MONDAY, LAST, LAST)
    by_week = []
    for w in range(WEEKS):
        first = MONDAY + timedelta(weeks=w)
        by_week += habit_wins(log, first, first + timedelta(6), LAST)
    assert sorted(whole, key=repr) == sorted(by_week, key=repr)
    assert len(whole) <= len(Habit) * WEEKS
