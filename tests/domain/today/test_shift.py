from __future__ import annotations

from datetime import date, timedelta

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.schedule import Allowance, Availability, Cycle, DayType
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.today.moves import fits
from runcoach.domain.today.shift import insert_day, swap_days
from tests.domain.today.helpers import START, half_plan

DAY = DayType("day shift", Allowance.SHORT, 45)
NIGHT = DayType("night shift", Allowance.SHORT, 30)
SLEEP = DayType("sleep after nights", Allowance.NONE)
OFF = DayType("off", Allowance.ANY)
ROTA = Availability(
    Cycle(START, (DAY, DAY, NIGHT, NIGHT, SLEEP, OFF, OFF, OFF)),
    long_run_weekday=None,
    long_run_day_type="off",
)
SAFETY = {"no-run-day", "short-day-limit", "quality-consecutive", "quality-after-hard",
          "quality-per-week", "single-run-growth"}  # fmt: skip
SHIFT_PLAN = half_plan(ROTA)
WEEKLY_PLAN = half_plan()


def all_runs_fit(plan: Plan) -> bool:
    return all(fits(d, w) for d in plan.days() for w in d.workouts)


def test_swapping_a_long_run_day_with_a_sleep_day_moves_the_long_run_to_a_day_that_holds_it():
    long_day = next(d for d in SHIFT_PLAN.weeks[2].days if d.has(WorkoutKind.LONG))
    sleep_day = next(d for d in SHIFT_PLAN.weeks[2].days if d.day_type is SLEEP)
    shifted = swap_days(SHIFT_PLAN, long_day.day, sleep_day.day, START)
    week = shifted.plan.weeks[2]
    assert shifted.plan.day(long_day.day).day_type is SLEEP
    assert not shifted.plan.day(long_day.day).is_run_day
    assert sum(1 for d in week.days if d.has(WorkoutKind.LONG)) == 1
    assert any("Long run" in c and "moved" in c for c in shifted.changes)
    assert all_runs_fit(shifted.plan)
    assert [v for v in shifted.new_violations if v.rule in SAFETY] == []


def test_an_extra_night_pushes_the_rest_of_the_cycle_one_day_later():
    on = START + timedelta(days=10)
    shifted = insert_day(SHIFT_PLAN, NIGHT, on, START)
    assert shifted.plan.day(on).day_type is NIGHT
    for offset in range(1, 30):
        later = on + timedelta(days=offset)
        before = SHIFT_PLAN.day(later - timedelta(days=1)).day_type
        assert shifted.plan.day(later).day_type is before
    assert (
        shifted.plan.day(on - timedelta(days=1)).day_type
        is SHIFT_PLAN.day(on - timedelta(days=1)).day_type
    )
    assert all_runs_fit(shifted.plan)
    assert [v for v in shifted.new_violations if v.rule in SAFETY] == []


@pytest.mark.parametrize("offset", range(0, 56, 5))
def test_any_swap_or_extra_night_keeps_the_safety_rules(offset):
    first = START + timedelta(days=offset)
    for plan in (SHIFT_PLAN, WEEKLY_PLAN):
        for shifted in (
            swap_days(plan, first, first + timedelta(days=2), START),
            insert_day(plan, SLEEP, first, START),
        ):
            assert all_runs_fit(shifted.plan)
            assert [v for v in shifted.new_violations if v.rule in SAFETY] == []


def test_a_quality_session_on_a_day_that_becomes_a_no_run_day_moves_or_is_dropped_with_a_note():
    day = next(d for w in WEEKLY_PLAN.weeks[2:] for d in w.days if d.is_quality)
    shifted = insert_day(WEEKLY_PLAN, SLEEP, day.day, START)
    assert not shifted.plan.day(day.day).is_run_day
    title = next(w.title for w in day.workouts if w.is_quality)
    assert any(title in change for change in shifted.changes)


def test_days_in_the_past_or_outside_the_plan_cannot_be_shifted():
    with pytest.raises(InvalidInput, match="past"):
        swap_days(SHIFT_PLAN, START, START + timedelta(days=1), START + timedelta(days=3))
    with pytest.raises(InvalidInput, match="not in the plan"):
        insert_day(SHIFT_PLAN, NIGHT, date(2030, 1, 1), START)
