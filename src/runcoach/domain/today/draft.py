"""The pieces an answer is built from: what the rules are given (the situation), the draft
of today's session they change, and the reasons they give."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.workouts import PaceRange, Workout
from runcoach.domain.progress.load import HeartRateProfile
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.today.health import CheckIn
from runcoach.domain.today.warnings import ShoeWear


class Change(StrEnum):
    AS_PLANNED = "as-planned"
    REST_DAY = "rest-day"
    MINI = "mini"
    EASY_INSTEAD = "easy-instead"
    SHORTENED = "shortened"
    REST_SICK = "rest-sick"
    PAUSED = "paused-injured"
    RETURN_TO_RUN = "return-to-run"
    MOVED_HERE = "moved-here"
    DROPPED = "dropped"
    REDUCED_VOLUME = "reduced-volume"
    REPACED = "repaced"
    OFF_PLAN = "off-plan"


@dataclass(frozen=True)
class Reason:
    rule: str
    text: str
    source: str


RACE_FITNESS = "fitness-changed"  # the rule of a race that moved fitness
WORKOUT_FITNESS = "workout-fitness"  # the rule of a benchmark workout that moved fitness


@dataclass(frozen=True)
class FitnessChange:
    """New fitness since the plan's paces were set: paces scale by ``pace_factor``."""

    pace_factor: float  # new pace / old pace (< 1: faster)
    told: str  # what changed and why, for the runner
    source: str
    rule: str = RACE_FITNESS  # or WORKOUT_FITNESS
    vdot: float | None = None  # the fitness now (Daniels VDOT)
    day: date | None = None  # the day of the race or the workout that showed it
    numbers: dict[str, float] = field(default_factory=dict)  # what was measured


@dataclass(frozen=True)
class Situation:
    plan: Plan
    log: Sequence[LoggedRun]
    checkins: Sequence[CheckIn] = ()
    shoes: Sequence[ShoeWear] = ()
    fitness: FitnessChange | None = None
    heart_rate: HeartRateProfile | None = None  # resting and maximum: heart-rate loads


@dataclass
class Draft:
    workouts: list[Workout]
    changes: list[Change] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    win: str | None = None
    refresh_goal: bool = False
    cuts: list[tuple[float, Reason]] = field(default_factory=list)  # volume shares asked for
    easy_only: bool = False  # a comeback at half volume or less: no quality at all

    def say(self, change: Change, rule: str, text: str, source: str) -> None:
        self.changes.append(change)
        self.reasons.append(Reason(rule, text, source))

    def replace(self, old: Workout, new: Workout) -> None:
        self.workouts = [new if w is old else w for w in self.workouts]

    def swap_runs(self, make: Callable[[Workout], Workout]) -> None:
        self.workouts = [make(w) if w.is_run else w for w in self.workouts]

    @property
    def runs(self) -> list[Workout]:
        return [w for w in self.workouts if w.is_run]


def easy_pace(s: Situation) -> PaceRange | None:
    return s.plan.paces.get("easy")
