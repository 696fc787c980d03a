"""Planned vs done: each logged run matched to the planned workout it fulfils.

A run fulfils a planned run on the same day, or on a nearby day of the same week (a session
swapped with the next day is still done), judged by type and distance. A run that fulfils
nothing is unplanned. Per week: sessions planned and done, distance planned and run, and
compliance. What ``runcoach today`` prescribed instead (a mini version, an easy run) can be
given as ``prescribed``; a mini version done on a tired day is counted as a small win.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from runcoach.domain.plans.model import Plan, Week
from runcoach.domain.plans.workouts import Workout, WorkoutKind
from runcoach.domain.run.logged import LoggedRun, between

NEARBY_DAYS = 2  # a run up to 2 days from its planned day still fulfils it (same week)
FULL_SHARE = 0.8  # at least 80 % of the planned distance counts as done in full
EASY_KINDS = frozenset({WorkoutKind.EASY, WorkoutKind.RECOVERY, WorkoutKind.STRIDES})


class Status(StrEnum):
    DONE = "done"
    SHORT = "short"  # done, but under 80 % of the planned distance
    DIFFERENT = "different"  # a run on the day, of another kind (easy instead of intervals)
    MISSED = "missed"
    COMING = "coming"  # today or later


@dataclass(frozen=True)
class Match:
    day: date
    workout: Workout
    status: Status
    run: LoggedRun | None = None
    mini: bool = False  # the mini version was prescribed and done

    @property
    def fulfilled(self) -> bool:
        return self.status in (Status.DONE, Status.SHORT, Status.DIFFERENT)


@dataclass(frozen=True)
class WeekCompliance:
    index: int
    start: date
    matches: tuple[Match, ...]
    unplanned: tuple[LoggedRun, ...]

    @property
    def planned(self) -> int:
        return sum(1 for m in self.matches if m.status is not Status.COMING)

    @property
    def done(self) -> int:
        return sum(1 for m in self.matches if m.fulfilled)

    @property
    def planned_m(self) -> float:
        return sum(m.workout.total_distance_m() for m in self.matches)

    @property
    def done_m(self) -> float:
        runs = [m.run for m in self.matches if m.run] + list(self.unplanned)
        return sum(r.distance_m for r in runs)

    @property
    def compliance(self) -> float | None:
        """Share of the sessions due so far that were done (None before any is due)."""
        return self.done / self.planned if self.planned else None

    @property
    def minis(self) -> tuple[Match, ...]:
        return tuple(m for m in self.matches if m.mini and m.fulfilled)


def compliance(
    plan: Plan,
    log: Sequence[LoggedRun],
    today: date,
    prescribed: Mapping[date, Sequence[Workout]] | None = None,
) -> list[WeekCompliance]:
    """Every plan week up to ``today``'s, matched against the log."""
    return [
        week_compliance(week, log, today, prescribed or {})
        for week in plan.weeks
        if week.start <= today
    ]


def week_compliance(
    week: Week,
    log: Sequence[LoggedRun],
    today: date,
    prescribed: Mapping[date, Sequence[Workout]],
) -> WeekCompliance:
    runs = between(log, week.start, week.start + timedelta(days=6))
    wanted = [(d.day, w) for d in week.days for w in _prescribed(d.day, d.workouts, prescribed)]
    used: dict[int, LoggedRun] = {}
    for distance, same_kind in _PASSES:
        for i, (day, workout) in enumerate(wanted):
            free = [r for r in runs if all(r is not u for u in used.values())]
            near = [r for r in free if abs((r.day - day).days) == distance]
            if i not in used and (found := _best(workout, near, same_kind)) is not None:
                used[i] = found
    minis = {w.mini for d in week.days for w in d.workouts if w.mini is not None}
    matches = tuple(
        _match(day, w, used.get(i), today, w in minis) for i, (day, w) in enumerate(wanted)
    )
    unplanned = tuple(r for r in runs if all(r is not u for u in used.values()))
    return WeekCompliance(week.index, week.start, matches, unplanned)


def _prescribed(
    day: date, planned: Sequence[Workout], prescribed: Mapping[date, Sequence[Workout]]
) -> list[Workout]:
    workouts = prescribed.get(day, planned)
    return [w for w in workouts if w.is_run]


# Matching passes (days away, same kind only): the same kind on the day or the next, then
# any run on the day, then the same kind two days away.
_PASSES = ((0, True), (1, True), (0, False), (NEARBY_DAYS, True))


def _best(workout: Workout, runs: Sequence[LoggedRun], same_kind: bool) -> LoggedRun | None:
    if same_kind:
        runs = [r for r in runs if _same_kind(workout, r)]
    return min(runs, key=lambda r: _distance_gap(workout, r), default=None)


def _distance_gap(workout: Workout, run: LoggedRun) -> float:
    planned = workout.total_distance_m()
    kind_penalty = 0.0 if _same_kind(workout, run) else 1.0
    return kind_penalty + abs(run.distance_m - planned) / max(planned, 1.0)


def _same_kind(workout: Workout, run: LoggedRun) -> bool:
    if run.kind is None:
        return not (workout.is_quality and run.rpe is not None and run.rpe < 5)
    if workout.kind in EASY_KINDS:
        return run.kind in EASY_KINDS
    if workout.is_quality:
        return run.is_quality
    return run.kind is workout.kind


def _match(
    day: date,
    workout: Workout,
    run: LoggedRun | None,
    today: date,
    is_mini: bool,
) -> Match:
    if run is None:
        return Match(day, workout, Status.COMING if day >= today else Status.MISSED)
    if not _same_kind(workout, run):
        return Match(day, workout, Status.DIFFERENT, run, is_mini)
    full = run.distance_m >= FULL_SHARE * workout.total_distance_m()
    return Match(day, workout, Status.DONE if full else Status.SHORT, run, is_mini)
