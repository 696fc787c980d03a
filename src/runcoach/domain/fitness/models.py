"""The classic race-equivalence models, each named with its source.

Every model answers the same question: a runner ran ``distance_m`` in ``time_s``; what is the
equivalent all-out time over ``target_m``? They differ in how fast the pace drops with
distance. runcoach's own model (``own_model.py``) is measured against these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from runcoach.domain.fitness.vdot import race_time_s, vdot_from_performance
from runcoach.domain.units import METRES_PER_MILE

# Riegel's fatigue exponent (Riegel 1981, American Scientist 69:285-290); valid ~3.5-230 min
RIEGEL_EXPONENT = 1.06  # dimensionless; 1.06-1.08 in Riegel's fits of world records

# Cameron's curve a(d) = A + B d + C / d^P, d in miles (Dave Cameron, 1998, "Cameron model");
# fitted by Cameron to age-group records from 400 m to the marathon.
CAMERON_A = 13.49681  # dimensionless
CAMERON_B = -0.048865  # per mile
CAMERON_C = 2.438936  # mile^P
CAMERON_P = 0.7905  # dimensionless exponent


@dataclass(frozen=True)
class ClassicModel:
    """A named race-equivalence model with its source."""

    name: str
    source: str
    equivalent_s: Callable[[float, float, float], float]


def riegel_time(distance_m: float, time_s: float, target_m: float) -> float:
    """Riegel: T2 = T1 (D2 / D1)^1.06."""
    return time_s * float((target_m / distance_m) ** RIEGEL_EXPONENT)


def vdot_time(distance_m: float, time_s: float, target_m: float) -> float:
    """Daniels-Gilbert: the target time with the same VDOT."""
    return race_time_s(vdot_from_performance(distance_m, time_s), target_m)


def _cameron_factor(distance_m: float) -> float:
    miles = distance_m / METRES_PER_MILE
    return CAMERON_A + CAMERON_B * miles + CAMERON_C / float(miles**CAMERON_P)


def cameron_time(distance_m: float, time_s: float, target_m: float) -> float:
    """Cameron: T2 = T1 (D2 / D1) a(D1) / a(D2)."""
    ratio = _cameron_factor(distance_m) / _cameron_factor(target_m)
    return time_s * (target_m / distance_m) * ratio


RIEGEL = ClassicModel(
    "riegel-1.06", "Riegel P.S. (1981) Athletic records and human endurance", riegel_time
)
VDOT = ClassicModel(
    "vdot", "Daniels J. & Gilbert J. (1979) Oxygen Power; Daniels' Running Formula", vdot_time
)
CAMERON = ClassicModel("cameron", "Cameron D. (1998) the Cameron race-time model", cameron_time)

CLASSIC_MODELS: dict[str, ClassicModel] = {m.name: m for m in (RIEGEL, VDOT, CAMERON)}
