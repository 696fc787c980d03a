"""The paces a plan prescribes, as pace bands, for one week of the plan.

They come from the fitness model (``runcoach.domain.fitness``): training paces for a VDOT
and race paces from its race equivalents. This module only turns them into bands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.paces import training_paces
from runcoach.domain.fitness.vdot import (
    DISTANCE_MAX_M,
    VDOT_MAX,
    VDOT_MIN,
    race_time_s,
    vdot_from_performance,
)
from runcoach.domain.plans.workouts import PaceRange
from runcoach.domain.units import HALF_MARATHON_M, METRES_PER_MILE, Pace

TRAINING_PACE_SPREAD = 0.015  # a training pace band: +-1.5 % around Daniels' pace (fraction)
RACE_PACE_SPREAD = 0.01  # a race pace band: +-1 % (fraction)
RIEGEL_EXPONENT = 1.06  # time ~ distance^1.06 beyond 100 km, Riegel 1981 (American Scientist)


@dataclass(frozen=True)
class PlanPaces:
    """Pace bands of one week, from the week's fitness (a VDOT)."""

    vdot: float
    easy: PaceRange
    marathon: PaceRange
    threshold: PaceRange
    interval: PaceRange
    repetition: PaceRange
    mile: PaceRange  # race pace for the mile
    five_k: PaceRange
    ten_k: PaceRange
    half: PaceRange

    def named(self) -> dict[str, PaceRange]:
        return {
            "easy": self.easy,
            "marathon": self.marathon,
            "threshold": self.threshold,
            "interval": self.interval,
            "repetition": self.repetition,
            "mile": self.mile,
            "5k": self.five_k,
            "10k": self.ten_k,
            "half": self.half,
        }


@dataclass(frozen=True)
class FitnessModel:
    """The three things a plan needs from the fitness model, as functions."""

    paces: Callable[[float], PlanPaces]  # VDOT -> the week's pace bands
    race_time_s: Callable[[float, float], float]  # (VDOT, distance m) -> predicted time s
    vdot_for: Callable[[float, float], float]  # (distance m, time s) -> VDOT


def plan_paces(vdot: float) -> PlanPaces:
    """The week's pace bands from Daniels' training paces and VDOT race equivalents."""
    daniels = training_paces(vdot)

    def race(distance_m: float) -> PaceRange:
        pace = Pace.from_distance_time(distance_m, race_time_s(vdot, distance_m))
        return PaceRange.around(pace, RACE_PACE_SPREAD)

    return PlanPaces(
        vdot=vdot,
        easy=PaceRange(daniels.easy.fast, daniels.easy.slow),
        marathon=PaceRange.around(daniels.marathon, TRAINING_PACE_SPREAD),
        threshold=PaceRange.around(daniels.threshold, TRAINING_PACE_SPREAD),
        interval=PaceRange.around(daniels.interval, TRAINING_PACE_SPREAD),
        repetition=PaceRange.around(daniels.repetition, TRAINING_PACE_SPREAD),
        mile=race(METRES_PER_MILE),
        five_k=race(5000.0),
        ten_k=race(10000.0),
        half=race(HALF_MARATHON_M),
    )


def predicted_time_s(vdot: float, distance_m: float) -> float:
    """VDOT race equivalent; beyond the model's 100 km, extended with Riegel's exponent."""
    if distance_m <= DISTANCE_MAX_M:
        return race_time_s(vdot, distance_m)
    return race_time_s(vdot, DISTANCE_MAX_M) * float(
        (distance_m / DISTANCE_MAX_M) ** RIEGEL_EXPONENT
    )


def vdot_for(distance_m: float, time_s: float) -> float:
    """VDOT of a performance, held inside the model's range (an extreme target is clamped)."""
    if distance_m > DISTANCE_MAX_M:
        time_s = time_s * (DISTANCE_MAX_M / distance_m) ** RIEGEL_EXPONENT
        distance_m = DISTANCE_MAX_M
    try:
        return vdot_from_performance(distance_m, time_s)
    except InvalidInput:
        fast = time_s < race_time_s(VDOT_MAX, distance_m)
        return VDOT_MAX if fast else VDOT_MIN


DANIELS = FitnessModel(paces=plan_paces, race_time_s=predicted_time_s, vdot_for=vdot_for)
