"""The work portion of a logged quality run: the laps that were the planned workout's reps.

A quality workout's work steps (the reps of an interval session, the tempo block, the
cruise intervals) each last a distance or a time and aim at a pace. A run done with the lap
button pressed at each rep, or with the workout loaded on the watch, has one lap per step;
``work_portion`` finds those laps, in order, by their size: a lap within
``LAP_SIZE_TOLERANCE`` of the step's distance (or time). Device-marked laps ("active" vs
"rest", "warmup") narrow the choice; among several fits the fastest laps are the reps (a
warm-up lap of the same length is run slower). A run without laps, with automatic 1 km laps
that do not line up with the reps, or a workout whose work steps name only an effort (hill
reps) has no work portion: it cannot tell runcoach anything about fitness.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from runcoach.domain.plans.workouts import Step, StepKind, Workout
from runcoach.domain.run.runs import Lap
from runcoach.domain.units import Pace

LAP_SIZE_TOLERANCE = 0.10  # a lap within +-10 % of the step's distance or time is that step:
# GPS lap distances are off by a few % and a lap button is pressed a few seconds early or late
WORK_LAPS = frozenset({"active", "interval", "work"})  # device intensity marks of a work lap


@dataclass(frozen=True)
class WorkRep:
    """One work step and the lap that ran it."""

    step: Step
    lap: Lap
    target: Pace  # the middle of the step's pace range

    @property
    def distance_m(self) -> float:
        return self.lap.distance_m or 0.0

    @property
    def time_s(self) -> float:
        return self.lap.elapsed_s

    @property
    def pace(self) -> Pace:
        return Pace.from_distance_time(self.distance_m, self.time_s)

    @property
    def target_time_s(self) -> float:
        """The time the lap's distance takes at the target pace."""
        return self.target.time_for(self.distance_m)


@dataclass(frozen=True)
class WorkPortion:
    """The reps of a quality session as run, against their targets."""

    workout: Workout
    reps: tuple[WorkRep, ...]

    @property
    def distance_m(self) -> float:
        return sum(r.distance_m for r in self.reps)

    @property
    def time_s(self) -> float:
        return sum(r.time_s for r in self.reps)

    @property
    def pace(self) -> Pace:
        return Pace.from_distance_time(self.distance_m, self.time_s)

    @property
    def target(self) -> Pace:
        """The target of the whole portion: the time its laps take at their targets."""
        return Pace.from_distance_time(self.distance_m, sum(r.target_time_s for r in self.reps))

    @property
    def difference(self) -> float:
        """Observed pace over target pace, minus one: -0.035 is 3.5 % faster than target."""
        return self.pace.seconds_per_km / self.target.seconds_per_km - 1.0

    def share_on_side(self) -> float:
        """The share of the work time run on the same side of the target as the average."""
        faster = self.difference < 0
        same = [r for r in self.reps if (r.pace.seconds_per_km < r.target.seconds_per_km) == faster]
        return sum(r.time_s for r in same) / self.time_s


def work_steps(workout: Workout) -> list[Step]:
    """The workout's work steps in the order run, repeats expanded."""
    return [s for s in workout.steps() if s.kind is StepKind.WORK]


def work_portion(workout: Workout, laps: Sequence[Lap]) -> WorkPortion | None:
    """The laps that ran ``workout``'s work steps, or None when they cannot be told apart."""
    steps = work_steps(workout)
    targets = [s.pace.middle for s in steps if s.pace is not None]
    if not steps or len(targets) < len(steps):
        return None
    usable = [lap for lap in laps if lap.distance_m and lap.elapsed_s > 0]
    marked = [lap for lap in usable if (lap.intensity or "").lower() in WORK_LAPS]
    for candidates in (marked, usable):
        chosen = _fastest_fit(steps, candidates)
        if chosen is not None:
            reps = zip(steps, chosen, targets, strict=True)
            return WorkPortion(workout, tuple(WorkRep(*rep) for rep in reps))
    return None


def fits(step: Step, lap: Lap) -> bool:
    """Whether ``lap`` is the size of ``step`` (its distance, else its time, within 10 %)."""
    if step.distance_m is not None:
        size, planned = lap.distance_m or 0.0, step.distance_m
    else:
        size, planned = lap.elapsed_s, step.duration_s or 0.0
    return planned > 0 and abs(size / planned - 1.0) <= LAP_SIZE_TOLERANCE


def _fastest_fit(steps: Sequence[Step], laps: Sequence[Lap]) -> list[Lap] | None:
    """Laps in order, one per step, each the step's size, with the highest total speed.

    Dynamic programming over (step, lap): ``best[j]`` holds the best speed sum and choice for
    the steps so far ending at lap j; O(steps x laps^2), a few thousand steps at most.
    """
    if len(laps) < len(steps):
        return None
    speed = [(lap.distance_m or 0.0) / lap.elapsed_s for lap in laps]
    best: list[tuple[float, list[int]] | None] = [
        (speed[j], [j]) if fits(steps[0], lap) else None for j, lap in enumerate(laps)
    ]
    for step in steps[1:]:
        following: list[tuple[float, list[int]] | None] = [None] * len(laps)
        for j, lap in enumerate(laps):
            if not fits(step, lap):
                continue
            earlier = [b for b in best[:j] if b is not None]
            if earlier:
                total, chosen = max(earlier, key=lambda b: b[0])
                following[j] = (total + speed[j], [*chosen, j])
        best = following
    found = [b for b in best if b is not None]
    if not found:
        return None
    return [laps[j] for j in max(found, key=lambda b: b[0])[1]]
