"""Rotating lives: a swapped shift or an extra night, and the coming weeks re-flow around it.

The plan's days carry their day types. A **swap** exchanges the day types of two days; an
**insert** puts a day type on a date and pushes the rest of the cycle one day later (an
extra night shift delays every later day of the rotation). Only days from today on change.
Each week touched is then re-flowed: runs that no longer fit their day move to a day of the
same week that holds them (key sessions first, never next to another hard day, never two
runs on one day), are shortened to a short day's limit, or are dropped with a note. The
result is checked with the plan rules, and any rule it newly breaks is reported.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import date, timedelta

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans import rules
from runcoach.domain.plans.model import Day, Plan, Week
from runcoach.domain.plans.schedule import DayType
from runcoach.domain.plans.workouts import Workout, WorkoutKind
from runcoach.domain.today import adjust
from runcoach.domain.today.moves import copy_day, fits, is_key


@dataclass(frozen=True)
class Shifted:
    plan: Plan
    changes: tuple[str, ...]  # what moved where, for the runner
    new_violations: tuple[rules.Violation, ...]  # rules the re-flowed plan newly breaks


def swap_days(plan: Plan, first: date, second: date, today: date) -> Shifted:
    """The day types of ``first`` and ``second`` exchanged (a swapped shift)."""
    for day in (first, second):
        _check_day(plan, day, today)
    types = {d.day: d.day_type for d in plan.days()}
    types[first], types[second] = types[second], types[first]
    return _reflow(plan, types, {first, second}, today)


def insert_day(plan: Plan, day_type: DayType, on: date, today: date) -> Shifted:
    """``day_type`` on ``on``; every later day takes the type of the day before it."""
    _check_day(plan, on, today)
    days = [d for d in plan.days() if d.day >= on]
    types = {d.day: d.day_type for d in plan.days()}
    types[on] = day_type
    for before, after in itertools.pairwise(days):
        types[after.day] = before.day_type
    return _reflow(plan, types, {d.day for d in days}, today)


def _check_day(plan: Plan, day: date, today: date) -> None:
    if plan.day(day) is None:
        raise InvalidInput(
            f"{day} is not in the plan ({plan.start} to {plan.end})", hint="pick a day of the plan"
        )
    if day < today:
        raise InvalidInput(f"{day} is in the past: only days from today on can change")


def _reflow(plan: Plan, types: dict[date, DayType], touched: set[date], today: date) -> Shifted:
    changes: list[str] = []
    weeks = []
    for week in plan.weeks:
        days = [_retyped(d, types[d.day]) if d.day >= today else copy_day(d) for d in week.days]
        if any(d.day in touched for d in days):
            changes += _place_misfits(plan, days, today)
        weeks.append(Week(week.index, week.phase, days, week.recovery, list(week.notes)))
    new_plan = replace(plan, weeks=weeks)
    changes += _cap_single_runs(new_plan, today)
    before = {(v.rule, v.day) for v in rules.check(plan)}
    fresh = tuple(v for v in rules.check(new_plan) if (v.rule, v.day) not in before)
    return Shifted(new_plan, tuple(changes), fresh)


def _retyped(day: Day, day_type: DayType) -> Day:
    return Day(day.day, day_type, list(day.workouts), day.note)


def _place_misfits(plan: Plan, days: list[Day], today: date) -> list[str]:
    misfits: list[tuple[date, Workout]] = []
    for day in days:
        for w in [w for w in day.workouts if day.day >= today and not fits(day, w)]:
            day.workouts.remove(w)
            misfits.append((day.day, w))
    misfits.sort(key=lambda m: (not is_key(m[1]), m[0]))
    return [_place(plan, days, when, w, today) for when, w in misfits]


def _place(plan: Plan, days: list[Day], was: date, workout: Workout, today: date) -> str:
    for day in _candidates(days, was, today):
        if _holds(plan, days, day, workout):
            replacing = " in place of its easy run" if day.is_run_day else ""
            day.workouts = [w for w in day.workouts if not w.is_run] + [workout]
            return (
                f"'{workout.title}' moved from {was} to {day.day} ({day.day_type.name}){replacing}"
            )
    if not is_key(workout):
        return _shorten_into(days, was, workout, today)
    return f"'{workout.title}' on {was}: no day of that week can hold it after the change, dropped"


def _candidates(days: list[Day], was: date, today: date) -> list[Day]:
    """Future days of the week, nearest to the original day first."""
    future = [d for d in days if d.day >= today]
    return sorted(future, key=lambda d: (abs((d.day - was).days), d.day))


def _holds(plan: Plan, days: list[Day], day: Day, workout: Workout) -> bool:
    if not fits(day, workout):
        return False
    if not is_key(workout):
        return not day.is_run_day  # never two runs on one day
    if day.is_hard:
        return False
    return not any(n is not None and n.is_hard for n in _neighbours(plan, days, day))


def _neighbours(plan: Plan, days: list[Day], day: Day) -> list[Day | None]:
    found: list[Day | None] = []
    for offset in (-1, 1):
        when = day.day + timedelta(days=offset)
        found.append(next((d for d in days if d.day == when), None) or plan.day(when))
    return found


def _shorten_into(days: list[Day], was: date, workout: Workout, today: date) -> str:
    """An easy run that fits nowhere whole: shortened to the limit of a free short day."""
    for day in _candidates(days, was, today):
        limit = day.day_type.max_duration_s
        if day.is_run_day or not day.day_type.can_run or limit is None:
            continue
        short = adjust.shortened(workout, limit / max(workout.total_duration_s(), 1.0))
        if fits(day, short):
            day.workouts.append(short)
            return f"'{workout.title}' moved from {was} to {day.day}, shortened to fit"
    return f"'{workout.title}' on {was}: no free day left that week, dropped"


def _cap_single_runs(plan: Plan, today: date) -> list[str]:
    """Shorten a run that a move made > 10 % longer than the longest of the 30 days before."""
    changes = []
    for day in plan.days():
        if day.day < today:
            continue
        for w in [w for w in day.runs if w.kind in adjust.SCALABLE]:
            ref = _longest_before(plan, day.day)
            if w.total_distance_m() > ref * rules.SINGLE_RUN_MAX:
                short = adjust.shortened(w, ref * rules.SINGLE_RUN_MAX / w.total_distance_m())
                day.workouts = [short if x is w else x for x in day.workouts]
                changes.append(f"'{w.title}' on {day.day} shortened: 10 % over the longest run of "
                               "the 30 days before it after the change")  # fmt: skip
    return changes


def _longest_before(plan: Plan, day: date) -> float:
    window_start = day - timedelta(days=30)
    found = [w.total_distance_m() for d in plan.days() if window_start <= d.day < day
             for w in d.runs if w.kind is not WorkoutKind.RACE]  # fmt: skip
    if window_start < plan.start:
        found.append(plan.baseline.longest_run_m)
    return max(found, default=plan.baseline.longest_run_m)
