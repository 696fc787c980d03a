"""A benchmark workout run much faster or slower than its target moves fitness."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from runcoach.domain.fitness.vdot import race_time_s
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.workouts import PaceRange, WorkoutKind
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.today.answer import Change, Situation, answer
from runcoach.domain.today.fitness_change import fitness_change
from runcoach.domain.today.refresh import refresh_goal
from runcoach.domain.units import Pace
from tests.domain.workout_laps import (
    DAY,
    SESSION_DAY,
    plan_with_session,
    session,
    session_laps,
)


def test_reps_3_5_percent_faster_than_target_move_fitness_with_hand_computed_numbers():
    change = fitness_change(plan_with_session(), [session([392.0] * 4)], DAY)
    assert change is not None and change.rule == "workout-fitness"
    # Target 4:10-4:18/km, middle 254 s/km: v = 60000/254 = 236.2205 m/min,
    # VO2 = -4.60 + 0.182258 v + 0.000104 v^2 = 44.2563; threshold is 88 % of VDOT: 50.29.
    # Run: 4 x 1600 m in 392 s = 245 s/km: v = 244.898, VO2 = 46.2720, / 0.88 = 52.58.
    assert change.numbers["expected_vdot"] == pytest.approx(50.2912, abs=1e-3)
    assert change.vdot == pytest.approx(52.5818, abs=1e-3)
    assert change.numbers["difference"] == pytest.approx(245 / 254 - 1)  # -3.54 %
    # every rep at threshold: the new threshold pace is the pace run, 245 / 254
    assert change.pace_factor == pytest.approx(245 / 254)
    assert change.day == SESSION_DAY and change.numbers["run_id"] == 9
    assert change.told.startswith(
        f"your Threshold 4 x 1.6 km on {SESSION_DAY} averaged 4:05/km over 4 x 1.6 km, "
        "3.5% faster than its 4:14/km target: paces now from VDOT 52.6"
    )
    assert "Daniels" in change.source and "3 %" in change.source


def test_slower_reps_slow_the_paces():
    # 1.6 km in 420 s = 262.5 s/km, 3.3 % slower than 254: VO2 42.4924 / 0.88 = 48.29
    change = fitness_change(plan_with_session(), [session([420.0] * 4)], DAY)
    assert change is not None and change.pace_factor == pytest.approx(262.5 / 254)
    assert change.vdot == pytest.approx(48.2869, abs=1e-3) and "slower" in change.told


def test_reps_within_3_percent_of_target_change_nothing():
    # 1.6 km in 396.8 s = 248 s/km: 2.4 % faster, inside a day's form and GPS error
    assert fitness_change(plan_with_session(), [session([396.8] * 4)], DAY) is None


def test_a_fast_average_from_two_reps_only_is_not_sustained():
    # 2 reps at 3:40/km, 2 at 4:20/km: 3.9 % faster on average, but half the time slower
    reps = [352.0, 352.0, 416.0, 416.0]
    run = session(reps)
    assert sum(reps) / 6.4 / 254 - 1 < -0.03
    assert fitness_change(plan_with_session(), [run], DAY) is None


def test_a_run_without_laps_or_with_too_little_work_cannot_move_fitness():
    no_laps = LoggedRun(SESSION_DAY, 11_600, 3458, WorkoutKind.TEMPO, run_id=9)
    assert fitness_change(plan_with_session(), [no_laps], DAY) is None
    # 2 x 1 km at 4:05/km: 3.5 % fast, but 490 s of work is under the 10 minutes needed
    short = session([245.0] * 2, laps=session_laps([245.0] * 2, rep_m=1000))
    assert fitness_change(plan_with_session(reps=2, rep_m=1000), [short], DAY) is None


def test_a_run_done_as_the_mini_version_is_read_against_the_mini():
    slow_target = PaceRange(Pace(290.0), Pace(310.0))  # middle 300 s/km
    # the mini: 2 x 1.6 km; run in 2 x 444 s = 277.5 s/km, 7.5 % faster (> 10 min of work)
    change = fitness_change(plan_with_session(slow_target), [session([444.0] * 2)], DAY)
    assert change is not None and change.pace_factor == pytest.approx(277.5 / 300)
    assert "over 2 x 1.6 km" in change.told


def test_the_newest_reading_counts_and_a_race_wins_over_a_workout():
    plan = plan_with_session()
    fast = session([392.0] * 4)
    assert fitness_change(plan, [fast], DAY) is not None
    # a 10k at the plan's VDOT (50.0) since the plan was made: the race wins, no change
    race = LoggedRun(SESSION_DAY - timedelta(days=3), 10_000, race_time_s(50.3, 10_000),
                     WorkoutKind.RACE, run_id=3, is_race=True)  # fmt: skip
    assert fitness_change(plan, [race, fast], DAY) is None
    better = replace(race, duration_s=race_time_s(52.0, 10_000))
    won = fitness_change(plan, [better, fast], DAY)
    assert won is not None and won.rule == "fitness-changed" and won.vdot == pytest.approx(52.0)


def test_sessions_before_the_plan_was_made_or_after_today_are_not_read():
    plan = plan_with_session()
    assert fitness_change(plan, [session([392.0] * 4)], SESSION_DAY - timedelta(days=1)) is None
    later = replace(plan, created=SESSION_DAY + timedelta(days=1))
    assert fitness_change(later, [session([392.0] * 4)], DAY) is None


def test_today_repaces_says_why_and_the_goal_verdict_uses_the_workout():
    plan = plan_with_session()
    log = [session([392.0] * 4)]
    change = fitness_change(plan, log, DAY)
    quality = next(d.day for d in plan.days() if d.day > DAY and d.is_quality)
    got = answer(Situation(plan, log, fitness=change), quality)
    assert Change.REPACED in got.changes
    reason = next(r for r in got.reasons if r.rule == "workout-fitness")
    assert "4:05/km" in reason.text and got.refresh_goal
    # no race in the log: the workout's VDOT 52.58 enters as a half in race_time_s(52.58)
    goal = refresh_goal(plan, log, quality, change)
    assert goal is not None and goal.realistic_s < race_time_s(50.0, 21097.5)
    assert goal.verdict == "within reach"
    assert refresh_goal(plan, log, quality) is None  # without it, nothing to judge by


def second_session_plan() -> tuple[Plan, date]:
    """The plan with the same reps a week after SESSION_DAY too."""
    plan = plan_with_session()
    later = SESSION_DAY + timedelta(days=7)
    plan.day(later).workouts = list(plan.day(SESSION_DAY).workouts)
    return plan, later


def test_the_newest_readable_session_decides():
    plan, later = second_session_plan()
    fast, on_target = session([392.0] * 4), session([406.4] * 4, day=later)  # 254 s/km
    assert fitness_change(plan, [fast], later + timedelta(days=1)) is not None
    assert fitness_change(plan, [fast, on_target], later + timedelta(days=1)) is None


def test_laps_far_off_target_are_not_a_reading_and_the_one_before_counts():
    plan, later = second_session_plan()
    fast = session([392.0] * 4)
    # 1.6 km in 320 s = 200 s/km, 21 % faster than 254: bad laps or another session
    absurd = session([320.0] * 4, day=later)
    change = fitness_change(plan, [fast, absurd], later + timedelta(days=1))
    assert change is not None and change.day == SESSION_DAY
