"""A race plan: the split targets that carry a runner to a goal time, and a ready program.

The targets are for an even effort with a slight negative split: the first half about 1 %
slower than the second, the way most distance records were run. The day's cost comes from
the conditions model (``fitness.conditions.conditions_effect``, its one public door, so a
better heat model plugs in unchanged) and is spread over every split from the first: a runner
who starts at the cool-day pace and hopes to hold it in the heat pays at the end (Ely et al.
2007). The course's climb is spread evenly too, as its profile is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from runcoach.domain.fitness.conditions import Conditions, ConditionsEffect, conditions_effect
from runcoach.domain.plans.programs import FIRST_HALF_WEEKS, FIVE_MINUTE_MILE_S, MILE_WEEKS
from runcoach.domain.run.runs import FloatArray
from runcoach.domain.units import (
    HALF_MARATHON_M,
    METRES_PER_KM,
    METRES_PER_MILE,
    Pace,
    format_distance,
    format_duration,
)

NEGATIVE_SPLIT_SHARE = 0.01  # fraction of pace, 0-0.03; the first half this much slower than
# the second (men's marathon and 10,000 m records were mostly run even to ~1 % negative:
# Abbiss & Laursen 2008, Sports Med 38:239; Diaz et al. 2018, Int J Sports Physiol Perform)
HEAT_ADJUSTMENT = "heat"  # the name of the conditions model's heat adjustment
SHORT_RACE_M = 3000.0  # m; below it a race is run hard from the gun: even targets only
MILE_GOAL_TOLERANCE_M = 10.0  # m; a "mile" goal given in metres (1609 m, 1610 m)
FIRST_HALF_LONGEST_RUN_M = 10_000.0  # m; a half-marathon goal with no run this long is a first


@dataclass(frozen=True)
class SplitTarget:
    """Where a split ends and the clock time and pace to reach it."""

    number: int
    distance_m: float  # of this split (the last may be shorter)
    at_m: float  # distance at its end
    split_s: float
    clock_s: float  # elapsed race time at its end
    pace: Pace


@dataclass(frozen=True)
class ReadyProgram:
    name: str  # as a profile's ``program:`` gives it
    weeks: int
    why: str


@dataclass(frozen=True)
class RacePlan:
    distance_m: float
    target_s: float
    splits_km: tuple[SplitTarget, ...]
    splits_mile: tuple[SplitTarget, ...]
    strategy: str
    program: ReadyProgram | None


def race_plan(
    distance_m: float,
    target_s: float,
    conditions: Conditions | None = None,
    program: ReadyProgram | None = None,
) -> RacePlan:
    """Per-km and per-mile targets for ``target_s`` over ``distance_m`` on the day of
    ``conditions`` (their cost is inside ``target_s``: the strategy says what it is)."""
    shape = _Shape(distance_m, target_s, conditions or Conditions())
    return RacePlan(
        distance_m=distance_m,
        target_s=target_s,
        splits_km=shape.splits(METRES_PER_KM),
        splits_mile=shape.splits(METRES_PER_MILE),
        strategy=shape.strategy(),
        program=program,
    )


def _effect_inside(conditions: Conditions, distance_m: float, target_s: float) -> ConditionsEffect:
    """The day's adjustments to a target that already holds them, judged at the cool-day time
    it came from (``t`` with ``t x factor(t) = target``), as the goal verdict judges them: the
    heat's cost grows with the time spent in it, so judging it at the slower target would
    say a larger cost than the verdict's (16:27 in the verdict, 17:18 in its race plan)."""
    effect = conditions_effect(conditions, distance_m, target_s)
    for _ in range(4):  # the factor changes by far less than its own size: a few steps settle it
        effect = conditions_effect(conditions, distance_m, target_s / effect.factor)
    return effect


class _Shape:
    """The clock time at any distance of the race: a slight negative split on an even
    effort, the day's costs spread evenly."""

    def __init__(self, distance_m: float, target_s: float, conditions: Conditions) -> None:
        self.distance_m, self.target_s = distance_m, target_s
        effect = _effect_inside(conditions, distance_m, target_s)
        heat = [a for a in effect.adjustments if a.name == HEAT_ADJUSTMENT]
        cool_s = target_s / effect.factor  # the verdict's cost: at the cool-day time
        self.heat_cost_s = heat[0].cost_s(cool_s) if heat else 0.0
        self.negative = NEGATIVE_SPLIT_SHARE if distance_m >= SHORT_RACE_M else 0.0
        self.costs = [a for a in effect.adjustments if a.name != HEAT_ADJUSTMENT]

    def clock_at(self, at_m: FloatArray) -> FloatArray:
        """Elapsed time at each distance: the first half's pace ``negative`` slower than
        the second's, both around the even pace."""
        import numpy as np

        x = np.clip(at_m / self.distance_m, 0.0, 1.0)
        first = 1.0 + self.negative / 2  # pace of the first half vs even
        second = 1.0 - self.negative / 2
        shape = np.where(x <= 0.5, x * first, 0.5 * first + (x - 0.5) * second)
        return np.asarray(self.target_s * shape, dtype=np.float64)

    def splits(self, unit_m: float) -> tuple[SplitTarget, ...]:
        import numpy as np

        ends = np.append(np.arange(unit_m, self.distance_m - 1e-6, unit_m), self.distance_m)
        clock = self.clock_at(ends)
        starts, start_clock = np.append(0.0, ends[:-1]), np.append(0.0, clock[:-1])
        return tuple(
            SplitTarget(
                number=i + 1,
                distance_m=float(end - start),
                at_m=float(end),
                split_s=float(now - then),
                clock_s=float(now),
                pace=Pace.from_distance_time(float(end - start), float(now - then)),
            )
            for i, (start, end, then, now) in enumerate(
                zip(starts, ends, start_clock, clock, strict=True)
            )
        )

    def strategy(self) -> str:
        parts = [
            "even effort, the first half about 1 % slower than the second"
            if self.negative
            else "even pace from the start (a short race is run hard from the gun)"
        ]
        if self.heat_cost_s >= 1.0:
            parts.append(
                f"the heat costs about {format_duration(self.heat_cost_s)}: the targets allow "
                "for it from the first split; start at them, not at your cool-day pace"
            )
        for cost in self.costs:
            parts.append(f"{cost.detail}, spread evenly (run the hills by effort)")
        return "; ".join(parts)


def ready_program(
    distance_m: float, target_s: float, longest_run_m: float | None = None
) -> ReadyProgram | None:
    """A ready program made for this goal, when runcoach has one."""
    if abs(distance_m - METRES_PER_MILE) <= MILE_GOAL_TOLERANCE_M and target_s <= 300.0:
        return ReadyProgram(
            "sub-5-mile",
            MILE_WEEKS,
            f"the {MILE_WEEKS}-week speed progression for a mile under 5:00 "
            f"({format_duration(FIVE_MINUTE_MILE_S)}): 400 m and 600 m repeats, hill climbs "
            "and distance runs, twice a week of speed",
        )
    first_half = longest_run_m is None or longest_run_m < FIRST_HALF_LONGEST_RUN_M
    if abs(distance_m - HALF_MARATHON_M) <= MILE_GOAL_TOLERANCE_M and first_half:
        longest = (
            "" if longest_run_m is None else f" (longest run {format_distance(longest_run_m)})"
        )
        return ReadyProgram(
            "first-half",
            FIRST_HALF_WEEKS,
            f"the {FIRST_HALF_WEEKS}-week first half marathon program{longest}: the long run "
            "grows from 4 miles, never in jumps",
        )
    return None
