"""Training paces from VDOT, as Daniels defines them (Daniels' Running Formula, 3rd ed. 2014).

Each pace is the velocity whose oxygen cost is a set share of the runner's VDOT (easy,
threshold, interval, repetition) or, for marathon pace, the predicted marathon race pace.
"""

from __future__ import annotations

from dataclasses import dataclass

from runcoach.domain.fitness.vdot import oxygen_cost, race_time_s, velocity_for_oxygen
from runcoach.domain.units import MARATHON_M, Pace

# Shares of VDOT (VO2max-equivalent) for each intensity, Daniels' Running Formula (2014) ch. 4
EASY_SLOW_FRACTION = 0.62  # of VDOT; slow end of easy/long running (Daniels E: ~59-74 % VO2max)
EASY_FAST_FRACTION = 0.70  # of VDOT; fast end of easy running, reproduces his E-pace table
THRESHOLD_FRACTION = 0.88  # of VDOT; "comfortably hard", about one hour race pace (83-88 %)
INTERVAL_FRACTION = 0.975  # of VDOT; I pace, at or just below vVO2max (95-100 %)
REPETITION_FRACTION = 1.05  # of VDOT; R pace, about mile race pace, faster than vVO2max


@dataclass(frozen=True)
class PaceRange:
    """A range of paces, from the slow end to the fast end."""

    slow: Pace
    fast: Pace


@dataclass(frozen=True)
class TrainingPaces:
    """Daniels' five training intensities for one VDOT."""

    vdot: float
    easy: PaceRange
    marathon: Pace
    threshold: Pace
    interval: Pace
    repetition: Pace


def pace_at_fraction(vdot: float, fraction: float) -> Pace:
    """The pace whose oxygen cost is ``fraction`` of ``vdot``."""
    velocity_m_per_min = velocity_for_oxygen(vdot * fraction)
    return Pace.from_speed(velocity_m_per_min / 60.0)


def vdot_at_fraction(pace: Pace, fraction: float) -> float:
    """The VDOT whose ``fraction`` share is the oxygen cost of ``pace``: the inverse of
    ``pace_at_fraction`` (a 4:15/km run at threshold, 0.88, says VDOT 50)."""
    velocity_m_per_min = 60_000.0 / pace.seconds_per_km
    return oxygen_cost(velocity_m_per_min) / fraction


def training_paces(vdot: float) -> TrainingPaces:
    """Easy range, marathon, threshold, interval and repetition paces for a runner's VDOT."""
    return TrainingPaces(
        vdot=vdot,
        easy=PaceRange(
            slow=pace_at_fraction(vdot, EASY_SLOW_FRACTION),
            fast=pace_at_fraction(vdot, EASY_FAST_FRACTION),
        ),
        marathon=Pace.from_distance_time(MARATHON_M, race_time_s(vdot, MARATHON_M)),
        threshold=pace_at_fraction(vdot, THRESHOLD_FRACTION),
        interval=pace_at_fraction(vdot, INTERVAL_FRACTION),
        repetition=pace_at_fraction(vdot, REPETITION_FRACTION),
    )
