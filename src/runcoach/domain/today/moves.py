"""Missed key workouts: moved within the week when the rules allow it, otherwise dropped.

A key workout (a quality session or the long run) counts as missed when no run at all was
logged on its day. It moves to the first later day of the same week that can hold it: the
day type allows it, the day holds no other hard session, neither neighbour is hard (planned
or run), and no race follows within three days. It replaces that day's easy run, so nothing
is ever stacked. A workout moved once and missed again, or missed while sick or injured, is
dropped.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runcoach.domain.plans.model import Day, Plan
from runcoach.domain.plans.schedule import Allowance
from runcoach.domain.plans.workouts import Workout, WorkoutKind
from runcoach.domain.run.logged import LoggedRun, on

QUIET_DAYS_BEFORE_RACE = 3  # nothing hard in the 3 days before a race (taper practice)

SOURCE_MOVES = (
    "runcoach's rules for missed workouts: move a key session within the week only to a day "
    "that allows it and is not next to another hard day (hard/easy principle, Bowerman; "
    "Daniels 2014); never stack two sessions; otherwise drop it"
)


@dataclass(frozen=True)
class Move:
    workout: Workout
    planned_on: date
    moved_to: date | None  # None: dropped
    why: str


def is_key(workout: Workout) -> bool:
    return workout.is_quality or workout.kind is WorkoutKind.LONG


def copy_day(day: Day) -> Day:
    return Day(day.day, day.day_type, list(day.workouts), day.note)


def fits(day: Day, workout: Workout) -> bool:
    """Whether ``day``'s type allows ``workout``: no-run days none; on a short day the run and
    the day's routines (warm-up, strength) together within its limit."""
    if not workout.is_run or workout.kind is WorkoutKind.RACE:
        return True  # routines and rest fit any day; a race is on its date, whatever the day
    if day.day_type.allowance is Allowance.NONE:
        return False
    limit = day.day_type.max_duration_s
    routines = sum(w.total_duration_s() for w in day.workouts if not w.is_run)
    return limit is None or workout.total_duration_s() + routines <= limit + 1


def reschedule(
    plan: Plan, log: Sequence[LoggedRun], today: date, blocked: Collection[date] = ()
) -> tuple[list[Day], list[Move]]:
    """Today's week as it stands: missed key workouts before today moved or dropped."""
    week = plan.week_of(today)
    if week is None:
        return [], []
    days = [copy_day(d) for d in week.days]
    moves: list[Move] = []
    for index, day in enumerate(days):
        if day.day >= today:
            break
        for workout in [w for w in day.workouts if is_key(w) and not on(log, day.day)]:
            day.workouts.remove(workout)
            moves.append(_place(plan, days, index, workout, log, moves, blocked))
    return days, moves


def _place(
    plan: Plan,
    days: list[Day],
    index: int,
    workout: Workout,
    log: Sequence[LoggedRun],
    moves: Sequence[Move],
    blocked: Collection[date],
) -> Move:
    missed = days[index].day
    if any(m.workout is workout and m.moved_to == missed for m in moves):
        return Move(workout, missed, None, f"moved to {missed} and missed again: dropped")
    if missed in blocked:
        return Move(workout, missed, None, "missed while sick or injured: dropped, not made up")
    for later in range(index + 1, len(days)):
        if later_day_holds(plan, days, later, workout, log, blocked):
            target = days[later]
            target.workouts = [w for w in target.workouts if not w.is_run] + [workout]
            return Move(workout, missed, target.day, f"missed on {missed}: moved to {target.day}")
    return Move(workout, missed, None, f"missed on {missed}: no day this week can hold it, dropped")


def later_day_holds(
    plan: Plan,
    days: list[Day],
    index: int,
    workout: Workout,
    log: Sequence[LoggedRun],
    blocked: Collection[date],
) -> bool:
    day = days[index]
    if day.day in blocked or not fits(day, workout) or _hard(day):
        return False
    before = days[index - 1] if index > 0 else plan.day(day.day - timedelta(days=1))
    after = days[index + 1] if index + 1 < len(days) else plan.day(day.day + timedelta(days=1))
    if any(d is not None and _hard(d) for d in (before, after)):
        return False
    if any(r.is_hard for r in on(log, day.day - timedelta(days=1))):
        return False
    return not _race_within(plan, day.day, QUIET_DAYS_BEFORE_RACE)


def _hard(day: Day) -> bool:
    return day.is_hard


def _race_within(plan: Plan, day: date, days_ahead: int) -> bool:
    for offset in range(1, days_ahead + 1):
        ahead = plan.day(day + timedelta(days=offset))
        if ahead is not None and ahead.has(WorkoutKind.RACE):
            return True
    return False
