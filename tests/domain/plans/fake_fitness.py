"""A stand-in fitness model for tests that must not depend on the VDOT tables' exact numbers.

Paces scale linearly with a 'fitness' number: enough to check a plan's structure and rules.
"""

from __future__ import annotations

from runcoach.domain.plans.paces import FitnessModel, PlanPaces
from runcoach.domain.units import Pace
from runcoach.domain.workouts import PaceRange


def _band(s_per_km: float) -> PaceRange:
    return PaceRange(Pace(s_per_km * 0.98), Pace(s_per_km * 1.02))


def paces(vdot: float) -> PlanPaces:
    five_k = 240 * 50 / vdot
    return PlanPaces(
        vdot=vdot,
        easy=PaceRange(Pace(five_k * 1.25), Pace(five_k * 1.38)),
        marathon=_band(five_k * 1.15),
        threshold=_band(five_k * 1.06),
        interval=_band(five_k * 0.98),
        repetition=_band(five_k * 0.92),
        mile=_band(five_k * 0.9),
        five_k=_band(five_k),
        ten_k=_band(five_k * 1.04),
        half=_band(five_k * 1.1),
    )


def race_time_s(vdot: float, distance_m: float) -> float:
    five_k_s = 240 * 50 / vdot * 5
    return five_k_s * (distance_m / 5000) ** 1.06


def vdot_for(distance_m: float, time_s: float) -> float:
    five_k_s = time_s / (distance_m / 5000) ** 1.06
    return 240 * 50 * 5 / five_k_s


FAKE = FitnessModel(paces=paces, race_time_s=race_time_s, vdot_for=vdot_for)
