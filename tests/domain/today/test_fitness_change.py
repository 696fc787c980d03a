from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from runcoach.domain.fitness.vdot import race_time_s
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.today.fitness_change import fitness_change
from tests.domain.today.helpers import START, half_plan

PLAN = replace(half_plan(), vdot=45.0)
DAY = START + timedelta(days=20)


def race(vdot: float, distance_m: float = 10_000, days_after: int = 14) -> LoggedRun:
    return LoggedRun(
        START + timedelta(days=days_after), distance_m, race_time_s(vdot, distance_m),
        WorkoutKind.RACE, run_id=1, is_race=True,
    )  # fmt: skip


def test_a_faster_race_speeds_up_the_paces_and_says_why():
    change = fitness_change(PLAN, [race(47.0)], DAY)
    assert change is not None and change.pace_factor < 0.97
    assert "VDOT 47.0" in change.told and "faster" in change.told and "Daniels" in change.source


def test_a_slower_race_slows_the_paces():
    change = fitness_change(PLAN, [race(43.0, 5000)], DAY)
    assert change is not None and change.pace_factor > 1.0 and "slower" in change.told


def test_a_race_close_to_the_plans_fitness_changes_nothing():
    assert fitness_change(PLAN, [race(45.4)], DAY) is None


def test_races_before_the_plan_or_after_today_are_not_used():
    assert fitness_change(PLAN, [race(48.0, days_after=-3)], DAY) is None
    assert fitness_change(PLAN, [race(48.0, days_after=30)], DAY) is None
