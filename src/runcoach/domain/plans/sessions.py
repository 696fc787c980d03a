"""Which quality sessions each phase rotates through, sized to the week's volume."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from runcoach.domain.plans import library as lib
from runcoach.domain.plans.model import Phase
from runcoach.domain.plans.paces import PlanPaces
from runcoach.domain.plans.schedule import Facilities
from runcoach.domain.plans.workouts import Workout, WorkoutKind
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M

# A session builder: (paces, week volume in km) -> workout.
Session = Callable[[PlanPaces, float], Workout]


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _tempo(p: PlanPaces, km: float) -> Workout:
    return lib.tempo(p, round(_clamp(km * 0.45, 12, 40)))


def _cruise(p: PlanPaces, km: float) -> Workout:
    return lib.cruise_intervals(p, int(_clamp(km / 12, 3, 6)), 6 if km < 50 else 8)


def _progression(p: PlanPaces, km: float) -> Workout:
    return lib.progression(p, round(_clamp(km * 0.8, 30, 70)))


def _fartlek(p: PlanPaces, km: float) -> Workout:
    return lib.fartlek(p, int(_clamp(km / 4, 6, 12)))


def _eight_hundreds(p: PlanPaces, km: float) -> Workout:
    return lib.intervals(p, int(_clamp(km / 7, 4, 8)), 800, "5k", 120)


def _kilometres(p: PlanPaces, km: float) -> Workout:
    return lib.intervals(p, int(_clamp(km / 9, 3, 6)), 1000, "interval", 150)


def _four_hundreds(p: PlanPaces, km: float) -> Workout:
    return lib.intervals(p, int(_clamp(km / 5, 6, 12)), 400, "repetition", 90)


def _ten_k_reps(p: PlanPaces, km: float) -> Workout:
    return lib.intervals(p, int(_clamp(km / 10, 3, 6)), 1600, "10k", 120)


def _half_reps(p: PlanPaces, km: float) -> Workout:
    return lib.intervals(p, int(_clamp(km / 15, 2, 4)), 3000, "half", 120)


def _mp(p: PlanPaces, km: float) -> Workout:
    return lib.marathon_pace(p, round(_clamp(km * 0.2, 6, 16)))


def _hill_maker(treadmill: bool, long: bool) -> Session:
    def make(p: PlanPaces, km: float) -> Workout:
        seconds = 180 if long else 60
        reps = int(_clamp(km / (12 if long else 6), 3 if long else 5, 6 if long else 10))
        return lib.hills(p, reps, seconds, treadmill)

    return make


@dataclass(frozen=True)
class Catalogue:
    base: tuple[Session, ...]
    build: tuple[Session, ...]
    peak: tuple[Session, ...]
    taper: tuple[Session, ...]

    def for_phase(self, phase: Phase) -> tuple[Session, ...]:
        return {
            Phase.BASE: self.base,
            Phase.BUILD: self.build,
            Phase.PEAK: self.peak,
            Phase.TAPER: self.taper,
        }[phase]


def catalogue(
    goal_m: float | None, facilities: Facilities, dislikes: tuple[WorkoutKind, ...]
) -> Catalogue:
    """The rotation of quality sessions for a goal, honouring facilities and dislikes."""
    hill_ok = facilities.hills or facilities.treadmill
    short_hills = _hill_maker(not facilities.hills, long=False)
    long_hills = _hill_maker(not facilities.hills, long=True)
    d = goal_m or 10000.0
    base: list[Session] = [_progression, _fartlek] + ([short_hills] if hill_ok else [])
    build: list[Session]
    peak: list[Session]
    if d <= 10001:
        build = [_eight_hundreds, _tempo, _kilometres, _cruise]
        peak = [_four_hundreds, _kilometres, _tempo, _eight_hundreds]
    elif d <= HALF_MARATHON_M + 1:
        build = [_tempo, _kilometres, _cruise, _progression]
        peak = [_half_reps, _ten_k_reps, _cruise, _tempo]
    elif d <= MARATHON_M + 1:
        build = [_tempo, _cruise, _progression, _kilometres]
        peak = [_mp, _cruise, _half_reps, _tempo]
    else:
        build = [_tempo, _progression, _cruise] + ([long_hills] if hill_ok else [])
        peak = [_progression, _cruise, _tempo] + ([long_hills] if hill_ok else [])
    taper: list[Session] = [_tempo, _ten_k_reps if d > 10001 else _kilometres]
    return Catalogue(*(tuple(_liked(s, dislikes)) for s in (base, build, peak, taper)))


def _liked(sessions: list[Session], dislikes: tuple[WorkoutKind, ...]) -> list[Session]:
    if not dislikes:
        return sessions
    probe = _probe_paces()
    kept = [s for s in sessions if s(probe, 40).kind not in dislikes]
    return kept or sessions


def _probe_paces() -> PlanPaces:
    from runcoach.domain.plans.workouts import PaceRange
    from runcoach.domain.units import Pace

    band = PaceRange(Pace(300), Pace(310))
    return PlanPaces(45, band, band, band, band, band, band, band, band, band)
