"""Workouts and the laps a runner's watch records for them, for the work-portion tests."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from runcoach.domain.fitness.vdot import race_time_s
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.workouts import (
    Effort,
    PaceRange,
    Repeat,
    Step,
    StepKind,
    Workout,
    WorkoutKind,
)
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.run.runs import Lap
from runcoach.domain.units import Pace
from tests.domain.today.helpers import START, half_plan

T_TARGET = PaceRange(Pace(250.0), Pace(258.0))  # middle 254 s/km = 4:14/km
SESSION_DAY = START + timedelta(days=16)  # a Wednesday of week 3 of the half plan
DAY = SESSION_DAY + timedelta(days=2)


def threshold_reps(target: PaceRange = T_TARGET, reps: int = 4, rep_m: float = 1600) -> Workout:
    """2 km warm-up, reps x 1.6 km at threshold with 400 m jogs, 2 km cool-down."""
    mini = Workout(
        WorkoutKind.TEMPO,
        "Threshold 2 x 1.6 km",
        (
            Step(StepKind.WARM_UP, distance_m=2000, effort=Effort.EASY),
            Repeat(
                2, (Step(StepKind.WORK, distance_m=rep_m, pace=target, effort=Effort.THRESHOLD),)
            ),
            Step(StepKind.COOL_DOWN, distance_m=2000, effort=Effort.EASY),
        ),
    )
    return Workout(
        WorkoutKind.TEMPO,
        f"Threshold {reps} x 1.6 km",
        (
            Step(StepKind.WARM_UP, distance_m=2000, effort=Effort.EASY),
            Repeat(
                reps,
                (
                    Step(StepKind.WORK, distance_m=rep_m, pace=target, effort=Effort.THRESHOLD),
                    Step(StepKind.RECOVERY, distance_m=400, effort=Effort.JOG),
                ),
            ),
            Step(StepKind.COOL_DOWN, distance_m=2000, effort=Effort.EASY),
        ),
        mini=mini,
    )


def laps(*sizes: tuple[float, float] | tuple[float, float, str]) -> tuple[Lap, ...]:
    """Laps of (distance m, seconds[, intensity]) one after the other."""
    start = datetime(2027, 4, 7, 6, 0, tzinfo=UTC)
    found = []
    for size in sizes:
        distance, seconds = size[0], size[1]
        intensity = size[2] if len(size) > 2 else None
        found.append(Lap(start, seconds, distance, intensity=intensity))  # type: ignore[arg-type]
        start += timedelta(seconds=seconds)
    return tuple(found)


def session_laps(rep_s: list[float], rep_m: float = 1600, marked: bool = False) -> tuple[Lap, ...]:
    """Warm-up 2 km in 12:00, the reps with 400 m jogs in 2:30, cool-down 2 km in 12:00."""
    work = "active" if marked else None
    rest = "rest" if marked else None
    sizes: list[tuple] = [(2000, 720.0, "warmup" if marked else None)]
    for i, seconds in enumerate(rep_s):
        sizes.append((rep_m, seconds, work))
        if i < len(rep_s) - 1:
            sizes.append((400, 150.0, rest))
    sizes.append((2000, 720.0, "cooldown" if marked else None))
    return laps(*[tuple(x for x in s if x is not None) for s in sizes])


SESSION_DAY = START + timedelta(days=16)  # a Wednesday of week 3
DAY = SESSION_DAY + timedelta(days=2)


def plan_with_session(target: PaceRange = T_TARGET, **kw) -> Plan:
    """The half plan at VDOT 50 (a timed goal) with ``threshold_reps`` on SESSION_DAY."""
    plan = copy.deepcopy(replace(half_plan(), vdot=50.0))
    plan.goal = replace(plan.goal, target_time_s=race_time_s(50.0, 21097.5))
    day = plan.day(SESSION_DAY)
    assert day is not None
    day.workouts = [threshold_reps(target, **kw)]
    return plan


def session(rep_s: list[float], day: date = SESSION_DAY, **kw) -> LoggedRun:
    """The logged run of ``threshold_reps`` with reps of ``rep_s`` seconds."""
    laps = kw.pop("laps", None) or session_laps(rep_s)
    distance = sum(lap.distance_m or 0 for lap in laps)
    seconds = sum(lap.elapsed_s for lap in laps)
    return LoggedRun(day, distance, seconds, WorkoutKind.TEMPO, run_id=9, laps=laps, **kw)
