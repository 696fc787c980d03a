from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from runcoach.domain.fitness.vdot import race_time_s
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.today.refresh import refresh_goal
from tests.domain.today.helpers import START, half_plan, history_before

BASE = half_plan()


def with_target(seconds: float):
    return replace(BASE, goal=replace(BASE.goal, target_time_s=seconds))


def race(vdot: float, days_after: int = 10) -> LoggedRun:
    return LoggedRun(START + timedelta(days=days_after), 10_000, race_time_s(vdot, 10_000),
                     WorkoutKind.RACE, run_id=3, is_race=True)  # fmt: skip


def test_a_goal_far_beyond_the_latest_race_is_not_realistic_and_asks_for_a_rebuild():
    log = [*history_before(), race(40.0)]
    got = refresh_goal(with_target(80 * 60), log, START + timedelta(days=12))
    assert got is not None and got.rebuild and "not realistic" in got.told
    assert got.realistic_s > 80 * 60


def test_a_goal_the_latest_race_supports_is_within_reach_without_rebuild():
    log = [*history_before(), race(50.0)]
    got = refresh_goal(with_target(2 * 3600), log, START + timedelta(days=12))
    assert got is not None and not got.rebuild and got.verdict == "within reach"


def test_without_a_target_or_a_race_there_is_nothing_to_refresh():
    assert refresh_goal(BASE, [*history_before(), race(45.0)], START) is None
    assert refresh_goal(with_target(6000), history_before(), START) is None
