"""Plan -> Week -> Day -> Workout: what the runner is asked to do, from today to race day.

A plan is self-contained: each day carries its day type (so the rules can be checked from
the plan alone), the plan carries the baseline it started from (the runner's volume and
longest run before day one), the goal, the paces it used, the notes a runner must read up
front, the rules it cannot keep (and why), and the exceptions the runner insisted on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from runcoach.domain.plans.schedule import DayType
from runcoach.domain.plans.workouts import PaceRange, StepKind, Workout, WorkoutKind


class Phase(StrEnum):
    BASE = "base"
    BUILD = "build"
    PEAK = "peak"
    TAPER = "taper"


class GoalKind(StrEnum):
    RACE = "race"  # a race distance on a date, maybe with a target time
    BASE = "base"  # open-ended base building
    HEALTH = "health"  # stay healthy, run consistently


@dataclass(frozen=True)
class Goal:
    kind: GoalKind
    distance_m: float | None = None
    race_date: date | None = None
    target_time_s: float | None = None
    name: str = ""
    also: tuple[date, ...] = ()  # the goal's other race days (a double on consecutive days)

    @property
    def is_race(self) -> bool:
        return self.kind is GoalKind.RACE

    @property
    def race_days(self) -> tuple[date, ...]:
        """Every day of the goal: the goal date and the days of its other races, in order."""
        if self.race_date is None:
            return ()
        return tuple(sorted({self.race_date, *self.also}))


@dataclass(frozen=True)
class Baseline:
    """Where the runner stands before day one (from the profile or the log)."""

    weekly_distance_m: float
    longest_run_m: float  # longest single run in the 30 days before the plan starts
    weekly_duration_s: float | None = None


@dataclass(frozen=True)
class Limitation:
    """A rule the plan cannot keep, and why (said up front)."""

    rule: str
    why: str


@dataclass(frozen=True)
class Waiver:
    """A rule the runner insisted on breaking on a date; the plan warns and protects."""

    day: date
    rule: str
    reason: str


@dataclass
class Day:
    day: date
    day_type: DayType
    workouts: list[Workout] = field(default_factory=list)
    note: str = ""

    @property
    def runs(self) -> list[Workout]:
        return [w for w in self.workouts if w.is_run]

    @property
    def is_run_day(self) -> bool:
        return any(w.is_run for w in self.workouts)

    @property
    def distance_m(self) -> float:
        return sum(w.total_distance_m() for w in self.workouts)

    @property
    def run_duration_s(self) -> float:
        return sum(w.total_duration_s() for w in self.runs)

    def has(self, kind: WorkoutKind) -> bool:
        return any(w.kind is kind for w in self.workouts)

    @property
    def is_quality(self) -> bool:
        return any(w.is_quality for w in self.workouts)

    @property
    def is_hard(self) -> bool:
        """Quality, a race or a long run: what needs an easy day after it."""
        return self.is_quality or self.has(WorkoutKind.RACE) or self.has(WorkoutKind.LONG)


@dataclass
class Week:
    index: int  # 1-based
    phase: Phase
    days: list[Day]
    recovery: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def start(self) -> date:
        return self.days[0].day

    @property
    def distance_m(self) -> float:
        return sum(d.distance_m for d in self.days)

    @property
    def run_duration_s(self) -> float:
        return sum(d.run_duration_s for d in self.days)

    @property
    def run_days(self) -> int:
        return sum(1 for d in self.days if d.is_run_day)

    def workouts(self) -> Iterator[tuple[Day, Workout]]:
        for day in self.days:
            for workout in day.workouts:
                yield day, workout

    def longest_run(self) -> Workout | None:
        runs = [w for _, w in self.workouts() if w.is_run]
        return max(runs, key=lambda w: w.total_distance_m(), default=None)


@dataclass
class Plan:
    goal: Goal
    created: date
    baseline: Baseline
    weeks: list[Week]
    title: str = ""
    program: str | None = None  # name of the ready program it came from, if any
    vdot: float | None = None
    paces: dict[str, PaceRange] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # read these first
    limitations: list[Limitation] = field(default_factory=list)
    waivers: list[Waiver] = field(default_factory=list)
    max_run_days: int | None = None  # the runner's limit of run days a week, if any
    min_run_days: int | None = None  # the low end of a beginner's range ("3-4"), if one was given

    @property
    def start(self) -> date:
        return self.weeks[0].start

    @property
    def end(self) -> date:
        return self.weeks[-1].days[-1].day

    def days(self) -> Iterator[Day]:
        for week in self.weeks:
            yield from week.days

    def day(self, when: date) -> Day | None:
        if not self.weeks or not self.start <= when <= self.end:
            return None
        offset = (when - self.start).days
        week = self.weeks[offset // 7]
        found = week.days[offset % 7]
        return found if found.day == when else _search(self, when)

    def week_of(self, when: date) -> Week | None:
        for week in self.weeks:
            if week.start <= when < week.start + timedelta(days=7):
                return week
        return None

    def summary(self) -> str:
        return self.title or self.goal.name or self.goal.kind.value

    @property
    def goal_races_m(self) -> float | None:
        """What the goal asks: its race's distance, or for races on consecutive days (a
        double, ``goal.also``) their combined distance, read from the plan's goal races (the
        race itself, without its warm-up and cool-down); the goal's distance when the plan
        holds no race on those days."""
        days = set(self.goal.also)
        if self.goal.distance_m is None or not days:
            return self.goal.distance_m
        others = sum(
            s.distance_m or 0.0
            for d in self.days()
            if d.day in days
            for w in d.workouts
            if w.kind is WorkoutKind.RACE
            for s in w.steps()
            if s.kind is StepKind.WORK
        )
        return self.goal.distance_m + others


def _search(plan: Plan, when: date) -> Day | None:
    return next((d for d in plan.days() if d.day == when), None)
