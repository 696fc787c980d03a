"""The paces a plan prescribes, as pace bands, for one week of the plan.

They come from the fitness model (``runcoach.domain.fitness``): training paces for a VDOT
and race paces from its race equivalents. This module only turns them into bands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from runcoach.domain.workouts import PaceRange


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
