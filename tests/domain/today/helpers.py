"""A real generated plan (with the stand-in fitness model) and a log to adapt it against."""

from __future__ import annotations

from datetime import date, timedelta

from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Goal, GoalKind, Plan
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import Profile
from runcoach.domain.plans.schedule import Availability
from runcoach.domain.plans.workouts import Workout, WorkoutKind
from runcoach.domain.run.logged import LoggedRun

START = date(2027, 3, 1)  # a Monday
RACE_DAY = date(2027, 5, 30)


def half_plan(availability: Availability | None = None) -> Plan:
    profile = Profile(
        goal=Goal(GoalKind.RACE, 21097.5, RACE_DAY, None, "spring half"),
        weekly_distance_m=35_000,
        longest_run_m=14_000,
        years_running=3,
        availability=availability or Availability(),
    )
    return generate(profile, START, DANIELS)


def history_before(start: date = START, weeks: int = 4) -> list[LoggedRun]:
    """Five runs a week, 35 km, the long run 13-14 km, before the plan starts."""
    log = []
    for w in range(weeks):
        monday = start - timedelta(days=7 * (weeks - w))
        for offset, km in ((0, 5), (2, 6), (3, 6), (5, 13), (6, 5)):
            kind = WorkoutKind.LONG if km > 10 else WorkoutKind.EASY
            log.append(LoggedRun(monday + timedelta(days=offset), km * 1000, km * 360, kind))
    return log


def done_as(day: date, workout: Workout, run_id: int | None = None) -> LoggedRun:
    """The run a runner logs after doing ``workout`` as prescribed."""
    kind = None if workout.kind is WorkoutKind.RECOVERY else workout.kind
    return LoggedRun(
        day, workout.total_distance_m(), workout.total_duration_s(), kind, run_id=run_id,
        is_race=workout.kind is WorkoutKind.RACE,
    )  # fmt: skip


def first_day_with(plan: Plan, kind_test, after: date = START) -> date:
    return next(
        d.day for d in plan.days() if d.day >= after and any(kind_test(w) for w in d.workouts)
    )
