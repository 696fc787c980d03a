"""When a race or a benchmark workout says the runner's fitness moved: new paces, and the goal
verdict refreshed.

The plan's paces come from a VDOT (Daniels & Gilbert 1979). Two things since the plan was
made can say the fitness is another one:

- a race: its VDOT; one point or more away from the plan's changes the paces;
- a quality workout whose work portion (its reps, read from the laps: see
  ``runcoach.domain.run.work_portion``) was run 3 % or more faster or slower than its target over
  most of its work time: the VDOT its pace implies at the workout's intensity
  (``vdot_at_fraction``) becomes the fitness.

A race wins over a workout: when a usable race was run since the plan was made, workouts are
not read. Today's paces scale by the ratio of the threshold paces of the new VDOT and the
VDOT the plan (or the workout's target) assumed, and the runner is told.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from runcoach.domain.fitness.paces import THRESHOLD_FRACTION, pace_at_fraction, vdot_at_fraction
from runcoach.domain.fitness.vdot import (
    DISTANCE_MAX_M,
    DISTANCE_MIN_M,
    VDOT_MAX,
    VDOT_MIN,
    oxygen_cost,
    vdot_from_performance,
)
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.workouts import Effort, Workout
from runcoach.domain.progress.compliance import compliance
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.run.work_portion import WorkPortion, work_portion
from runcoach.domain.today.draft import RACE_FITNESS, WORKOUT_FITNESS, FitnessChange
from runcoach.domain.units import distance_label, format_distance, format_duration, format_pace

VDOT_CHANGE = 1.0  # a race this many VDOT points off the plan's changes paces (~2 % of pace;
# Daniels 2014 raises training paces after a race shows a higher VDOT)
WORKOUT_PACE_CHANGE = 0.03  # a work portion 3 % or more off its target pace moves fitness:
# about 1.5 VDOT points at VDOT 45 (Daniels' tables: 1 point is ~2 % of threshold pace),
# beyond GPS lap error (1-2 %) and a day's form; a workout is a weaker sign than a race, so
# it needs more than the race's one point
SUSTAINED_SHARE = 0.75  # ... sustained: at least 75 % of the work time on that side of target
MAX_WORKOUT_CHANGE = 0.15  # more than 15 % off is a different session or bad laps, not fitness
MIN_WORK_S = 10 * 60.0  # a work portion shorter than 10 min says too little (Daniels' shortest
# threshold and interval sessions hold 10-20 min of work)

SOURCE_FITNESS = (
    "Daniels & Gilbert 1979 VDOT from the race; Daniels' Running Formula (2014): train at "
    "the paces of your current VDOT, updated after a race"
)
SOURCE_WORKOUT = (
    "runcoach's rule (3 % off target over at least 75 % of the work time), with Daniels' "
    "Running Formula (2014): the VDOT whose training pace is the pace you held; threshold "
    "work at 88 % of VDOT, other work at the share its target is of the plan's VDOT"
)


def fitness_change(plan: Plan, log: Sequence[LoggedRun], day: date) -> FitnessChange | None:
    """The newest race since the plan was made if it moved fitness by a point or more; with
    no race, the newest quality workout with a readable work portion if it was 3 % off."""
    if plan.vdot is None:
        return None
    races = [r for r in log if r.is_race and plan.created <= r.day <= day and _usable(r)]
    if races:
        return race_change(plan.vdot, races[-1])
    reading = newest_work_portion(plan, log, day)
    return workout_change(plan.vdot, *reading) if reading else None


def race_change(plan_vdot: float, race: LoggedRun) -> FitnessChange | None:
    new = vdot_from_performance(race.distance_m, race.duration_s)
    if abs(new - plan_vdot) < VDOT_CHANGE:
        return None
    factor, direction = _paces(new, plan_vdot)
    told = (
        f"your {distance_label(race.distance_m)} race on {race.day} "
        f"({format_duration(race.duration_s)}) says VDOT {new:.1f}, the plan used "
        f"{plan_vdot:.1f}: paces {abs(1 - factor):.1%} {direction}; the goal verdict is refreshed"
    )
    numbers = {"vdot": new, "plan_vdot": plan_vdot, "run_id": float(race.run_id or 0)}
    return FitnessChange(factor, told, SOURCE_FITNESS, RACE_FITNESS, new, race.day, numbers)


def newest_work_portion(
    plan: Plan, log: Sequence[LoggedRun], day: date
) -> tuple[LoggedRun, WorkPortion] | None:
    """The newest quality run since the plan was made whose laps show its work portion.

    Runs are matched to the planned sessions as ``runcoach plan progress`` matches them; a run
    done as the session's mini version is read against the mini."""
    since = [r for r in log if plan.created <= r.day <= day]
    found: list[tuple[LoggedRun, WorkPortion]] = []
    for week in compliance(plan, since, day):
        for match in week.matches:
            run = match.run
            if run is None or not run.laps or not match.workout.is_quality:
                continue
            portion = _portion(match.workout, run)
            if portion is not None:
                found.append((run, portion))
    return max(found, key=lambda f: (f[0].day, f[0].run_id or 0), default=None)


def _portion(workout: Workout, run: LoggedRun) -> WorkPortion | None:
    for version in (workout, workout.mini):
        if version is None:
            continue
        portion = work_portion(version, run.laps)
        if portion is not None and _believable(portion):
            return portion
    return None


def workout_change(plan_vdot: float, run: LoggedRun, portion: WorkPortion) -> FitnessChange | None:
    """New paces when the work portion was 3 % or more off target, sustained; else None."""
    difference = portion.difference
    if abs(difference) < WORKOUT_PACE_CHANGE:
        return None
    if portion.share_on_side() < SUSTAINED_SHARE:
        return None
    expected, shown = workout_vdots(plan_vdot, portion)
    if not VDOT_MIN <= shown <= VDOT_MAX:
        return None
    factor, direction = _paces(shown, expected)
    told = (
        f"your {portion.workout.title} on {run.day} averaged {format_pace(portion.pace)} over "
        f"{_reps(portion)}, {abs(difference):.1%} {direction} than its "
        f"{format_pace(portion.target)} target: paces now from VDOT {shown:.1f} (the target "
        f"assumed {expected:.1f}), {abs(1 - factor):.1%} {direction}; the goal verdict is "
        "refreshed"
    )
    numbers = {
        "vdot": shown, "expected_vdot": expected, "plan_vdot": plan_vdot,
        "pace_s_per_km": portion.pace.seconds_per_km,
        "target_s_per_km": portion.target.seconds_per_km, "difference": difference,
        "work_m": portion.distance_m, "work_s": portion.time_s, "reps": float(len(portion.reps)),
        "run_id": float(run.run_id or 0),
    }  # fmt: skip
    return FitnessChange(factor, told, SOURCE_WORKOUT, WORKOUT_FITNESS, shown, run.day, numbers)


def workout_vdots(plan_vdot: float, portion: WorkPortion) -> tuple[float, float]:
    """(VDOT the targets assumed, VDOT the laps show), each averaged over the work time.

    A threshold step is run at 88 % of VDOT (Daniels); another step's share is the one its
    target is of the plan's VDOT, so its target assumes the plan's VDOT."""
    expected = shown = 0.0
    for rep in portion.reps:
        if rep.step.effort is Effort.THRESHOLD:
            share = THRESHOLD_FRACTION
        else:
            share = oxygen_cost(60_000.0 / rep.target.seconds_per_km) / plan_vdot
        weight = rep.time_s / portion.time_s
        expected += weight * vdot_at_fraction(rep.target, share)
        shown += weight * vdot_at_fraction(rep.pace, share)
    return expected, shown


def _believable(portion: WorkPortion) -> bool:
    """Enough work to tell, and not so far off that the laps must be another session."""
    return portion.time_s >= MIN_WORK_S and abs(portion.difference) <= MAX_WORKOUT_CHANGE


def _reps(portion: WorkPortion) -> str:
    steps = [r.step for r in portion.reps]
    count = len(steps)
    first = steps[0]
    if count > 1 and all(s.distance_m == first.distance_m for s in steps) and first.distance_m:
        return f"{count} x {format_distance(first.distance_m, digits=1)}"
    if count > 1 and all(s.duration_s == first.duration_s for s in steps) and first.duration_s:
        return f"{count} x {format_duration(first.duration_s)}"
    if count == 1:
        return format_distance(portion.distance_m, digits=1)
    return f"{count} reps, {format_distance(portion.distance_m, digits=1)}"


def _usable(run: LoggedRun) -> bool:
    return DISTANCE_MIN_M <= run.distance_m <= DISTANCE_MAX_M and run.duration_s > 0


def _paces(new: float, old: float) -> tuple[float, str]:
    """How today's paces scale from VDOT ``old`` to ``new`` (threshold over threshold)."""
    factor = _threshold_s(new) / _threshold_s(old)
    return factor, "faster" if factor < 1 else "slower"


def _threshold_s(vdot: float) -> float:
    return pace_at_fraction(vdot, THRESHOLD_FRACTION).seconds_per_km
