"""Workout: what a plan prescribes for one session.

A workout is made of **steps**: a warm-up, work and recovery steps (often inside a
**repeat** group), a cool-down. Each step lasts a time or a distance and aims at a pace range
or an effort. A quality workout carries its **mini** version for a tired day, and every
workout carries a short coaching tip. Routines (strength, drills, dynamic warm-up) carry
their exercises instead of running steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import Any

from runcoach.domain.errors import InvalidInput
from runcoach.domain.run.runs import Surface, Terrain, WorkoutType
from runcoach.domain.units import Pace

# Pace assumed for a running step that names only an effort, to estimate its distance
# (seconds per km; 300-420 plausible; a middle-of-the-pack easy pace, coaching practice).
FALLBACK_PACE_S_PER_KM = 360.0


class WorkoutKind(StrEnum):
    """What a plan prescribes for a session. Every type a run is tagged with
    (``WorkoutType``: what was done) is a kind, with the same value; a plan also prescribes
    sessions that are not a run of their own (drills, the warm-up routine) and rest."""

    EASY = WorkoutType.EASY.value
    LONG = WorkoutType.LONG.value
    TEMPO = WorkoutType.TEMPO.value
    PROGRESSION = WorkoutType.PROGRESSION.value
    INTERVALS = WorkoutType.INTERVALS.value
    HILLS = WorkoutType.HILLS.value
    RACE = WorkoutType.RACE.value
    RECOVERY = WorkoutType.RECOVERY.value
    STRIDES = WorkoutType.STRIDES.value
    STRENGTH = WorkoutType.STRENGTH.value
    DRILLS = "drills"
    WARM_UP_ROUTINE = "warm-up routine"
    CROSS_TRAINING = WorkoutType.CROSS_TRAINING.value
    REST = "rest"

    @classmethod
    def of(cls, workout_type: WorkoutType) -> WorkoutKind:
        """The kind a run of this type fulfils (every type is a kind)."""
        return cls(workout_type.value)

    @property
    def logged_as(self) -> WorkoutType | None:
        """The type a run done for this kind is logged with (None: drills, routine, rest)."""
        return _TYPE_OF_KIND.get(self)

    @property
    def is_run(self) -> bool:
        """Whether this kind of workout is running (counts toward running volume)."""
        return self in _RUN_KINDS

    @property
    def is_quality(self) -> bool:
        """A hard session: the rules limit how many and where they go."""
        return self in _QUALITY_KINDS

    @property
    def is_routine(self) -> bool:
        return self in _ROUTINE_KINDS


_TYPE_OF_KIND = {WorkoutKind(t.value): t for t in WorkoutType}

_RUN_KINDS = frozenset(
    {
        WorkoutKind.EASY,
        WorkoutKind.LONG,
        WorkoutKind.TEMPO,
        WorkoutKind.PROGRESSION,
        WorkoutKind.INTERVALS,
        WorkoutKind.HILLS,
        WorkoutKind.RACE,
        WorkoutKind.RECOVERY,
        WorkoutKind.STRIDES,
    }
)
_QUALITY_KINDS = frozenset(
    {WorkoutKind.TEMPO, WorkoutKind.PROGRESSION, WorkoutKind.INTERVALS, WorkoutKind.HILLS}
)
_ROUTINE_KINDS = frozenset({WorkoutKind.STRENGTH, WorkoutKind.DRILLS, WorkoutKind.WARM_UP_ROUTINE})


class StepKind(StrEnum):
    WARM_UP = "warm-up"
    WORK = "work"
    RECOVERY = "recovery"
    COOL_DOWN = "cool-down"
    REST = "rest"


class Effort(StrEnum):
    """A target by feel, for steps where a pace would mislead (hills, sprints, recoveries)."""

    EASY = "easy"
    STEADY = "steady"
    MARATHON = "marathon"
    THRESHOLD = "threshold"
    HARD = "hard"
    VERY_HARD = "very hard"
    SPRINT = "sprint"
    JOG = "jog"
    STANDING = "standing"


@dataclass(frozen=True)
class PaceRange:
    """A target pace band: ``fast`` is the quicker end, ``slow`` the easier end."""

    fast: Pace
    slow: Pace

    def __post_init__(self) -> None:
        if self.fast.seconds_per_km > self.slow.seconds_per_km:
            raise InvalidInput(
                "a pace range's fast end must be quicker than its slow end",
                hint="for example 4:40/km to 4:50/km",
            )

    @property
    def middle(self) -> Pace:
        return Pace((self.fast.seconds_per_km + self.slow.seconds_per_km) / 2)

    def scaled(self, factor: float) -> PaceRange:
        """Both ends multiplied by ``factor`` (> 1 is slower)."""
        return PaceRange(self.fast.scaled(factor), self.slow.scaled(factor))

    @classmethod
    def around(cls, pace: Pace, spread: float) -> PaceRange:
        """A band of +-``spread`` (a fraction, e.g. 0.02) around ``pace``."""
        return cls(pace.scaled(1 - spread), pace.scaled(1 + spread))


@dataclass(frozen=True)
class Step:
    """One step: a time or a distance, at a pace range and/or an effort."""

    kind: StepKind
    duration_s: float | None = None
    distance_m: float | None = None
    pace: PaceRange | None = None
    effort: Effort | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if (self.duration_s is None) == (self.distance_m is None):
            raise InvalidInput(
                f"a {self.kind} step needs either a duration or a distance (exactly one)",
                hint="for example 10 minutes, or 800 m",
            )
        if (self.duration_s or 0) < 0 or (self.distance_m or 0) < 0:
            raise InvalidInput(f"a {self.kind} step cannot last a negative time or distance")

    def estimated_duration_s(self) -> float:
        if self.duration_s is not None:
            return self.duration_s
        assert self.distance_m is not None
        return self._pace().time_for(self.distance_m)

    def estimated_distance_m(self) -> float:
        """Metres covered; a standing rest covers none."""
        if self.distance_m is not None:
            return self.distance_m
        if self.effort is Effort.STANDING:
            return 0.0
        assert self.duration_s is not None
        return self.duration_s / self._pace().seconds_per_km * 1000.0

    def _pace(self) -> Pace:
        return self.pace.middle if self.pace is not None else Pace(FALLBACK_PACE_S_PER_KM)


@dataclass(frozen=True)
class Repeat:
    """A group of steps done ``count`` times (e.g. 6 x [800 m hard, 2 min jog])."""

    count: int
    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        if self.count < 1 or not self.steps:
            raise InvalidInput("a repeat needs at least one step done at least once")


Block = Step | Repeat


@dataclass(frozen=True)
class Exercise:
    """One exercise of a routine: name, how much, how to do it."""

    name: str
    amount: str
    how: str


@dataclass(frozen=True)
class Workout:
    """A prescribed session."""

    kind: WorkoutKind
    title: str
    blocks: tuple[Block, ...] = ()
    tip: str = ""
    mini: Workout | None = None
    exercises: tuple[Exercise, ...] = ()
    surface: Surface | None = None
    terrain: Terrain | None = None
    shoe: str | None = None
    benchmark: str | None = None  # name of the benchmark series this workout belongs to
    notes: tuple[str, ...] = ()  # warnings and remarks (e.g. a rule the runner waived)
    duration_s: float | None = None  # for routines, cross-training and rest: planned time

    def steps(self) -> Iterator[Step]:
        """Every step in the order it is run, repeats expanded."""
        for block in self.blocks:
            if isinstance(block, Repeat):
                for _ in range(block.count):
                    yield from block.steps
            else:
                yield block

    @property
    def is_run(self) -> bool:
        return self.kind.is_run

    @property
    def is_quality(self) -> bool:
        return self.kind.is_quality

    def total_duration_s(self) -> float:
        return self._totals[0]

    def total_distance_m(self) -> float:
        """Running distance; routines and cross-training run no metres."""
        return self._totals[1]

    def easy_duration_s(self) -> float:
        """Time at easy effort (warm-ups, cool-downs, recoveries, easy steps)."""
        return self._totals[2]

    @cached_property
    def _totals(self) -> tuple[float, float, float]:
        """(duration s, distance m, easy duration s), computed once: a workout never changes."""
        if not self.blocks:
            return (self.duration_s or 0.0, 0.0, 0.0)
        steps = list(self.steps())
        duration = sum(s.estimated_duration_s() for s in steps)
        if not self.is_run:
            return (duration, 0.0, 0.0)
        distance = sum(s.estimated_distance_m() for s in steps)
        easy = sum(s.estimated_duration_s() for s in steps if _is_easy_step(self, s))
        return (duration, distance, easy)

    def with_changes(self, **changes: Any) -> Workout:
        return replace(self, **changes)


_EASY_EFFORTS = frozenset({Effort.EASY, Effort.JOG, Effort.STANDING, Effort.STEADY})


def _is_easy_step(workout: Workout, step: Step) -> bool:
    if workout.kind in (WorkoutKind.EASY, WorkoutKind.RECOVERY, WorkoutKind.LONG):
        return step.effort is None or step.effort in _EASY_EFFORTS
    if step.kind is not StepKind.WORK:
        return True
    return step.effort in _EASY_EFFORTS
