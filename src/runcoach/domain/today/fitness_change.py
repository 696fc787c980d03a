"""When a race says the runner's fitness moved: new paces, and the goal verdict refreshed.

The plan's paces come from a VDOT (Daniels & Gilbert 1979). A race run since the plan was
made gives a new VDOT; when it differs by a point or more, today's paces scale by the
ratio of the threshold paces of the two VDOTs and the runner is told.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from runcoach.domain.fitness.paces import THRESHOLD_FRACTION, pace_at_fraction
from runcoach.domain.fitness.vdot import DISTANCE_MAX_M, DISTANCE_MIN_M, vdot_from_performance
from runcoach.domain.logged import LoggedRun
from runcoach.domain.plans.model import Plan
from runcoach.domain.today.draft import FitnessChange
from runcoach.domain.units import distance_label, format_duration

VDOT_CHANGE = 1.0  # a race this many VDOT points off the plan's changes paces (~2 % of pace;
# Daniels 2014 raises training paces after a race shows a higher VDOT)
SOURCE_FITNESS = (
    "Daniels & Gilbert 1979 VDOT from the race; Daniels' Running Formula (2014): train at "
    "the paces of your current VDOT, updated after a race"
)


def fitness_change(plan: Plan, log: Sequence[LoggedRun], day: date) -> FitnessChange | None:
    """The newest race since the plan was made, if it moved fitness by a point or more."""
    if plan.vdot is None:
        return None
    races = [r for r in log if r.is_race and plan.created <= r.day <= day and _usable(r)]
    if not races:
        return None
    race = races[-1]
    new = vdot_from_performance(race.distance_m, race.duration_s)
    if abs(new - plan.vdot) < VDOT_CHANGE:
        return None
    factor = _threshold_s(new) / _threshold_s(plan.vdot)
    direction = "faster" if factor < 1 else "slower"
    told = (
        f"your {distance_label(race.distance_m)} race on {race.day} "
        f"({format_duration(race.duration_s)}) says VDOT {new:.1f}, the plan used "
        f"{plan.vdot:.1f}: paces {abs(1 - factor):.1%} {direction}; the goal verdict is refreshed"
    )
    return FitnessChange(factor, told, SOURCE_FITNESS)


def _usable(run: LoggedRun) -> bool:
    return DISTANCE_MIN_M <= run.distance_m <= DISTANCE_MAX_M and run.duration_s > 0


def _threshold_s(vdot: float) -> float:
    return pace_at_fraction(vdot, THRESHOLD_FRACTION).seconds_per_km
