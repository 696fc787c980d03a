"""A logged run as the day-by-day rules see it: the athlete's calendar day, how far, how
long, what kind of session, whether it was hard, its average heart rate and its laps (the
work portion of a quality session is read from them).

The rules that watch the log (warnings, planned vs done, what to run today) work on days in
the athlete's time zone; the caller gives that zone, the domain never guesses it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo

from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.run.runs import Lap, RaceResult, Run, WorkoutType
from runcoach.domain.units import Pace

HARD_RPE = 7  # session RPE from which a run counts as hard, CR10 "very hard" (Foster 2001)
LONG_RUN_S = 90 * 60.0  # an untagged run this long counts as a long run, s; 75-120 min
# (coaching practice: Daniels' Running Formula puts long runs at 90-150 minutes)


@dataclass(frozen=True)
class LoggedRun:
    """One run of the log, on the athlete's calendar."""

    day: date
    distance_m: float
    duration_s: float
    kind: WorkoutKind | None = None  # the run's workout type, when tagged
    run_id: int | None = None
    rpe: int | None = None
    is_race: bool = False
    shoe_id: int | None = None
    avg_hr: float | None = None
    # as the device split the run; () when not read or not recorded (laps are mutable: not
    # compared or hashed)
    laps: tuple[Lap, ...] = field(default=(), compare=False)

    @property
    def id(self) -> int | None:
        """The stored run's id (the name ``runcoach.domain.progress.load.run_load`` reads)."""
        return self.run_id

    @property
    def is_run(self) -> bool:
        return True  # the log holds running activities only (``logged_runs``)

    @property
    def pace(self) -> Pace | None:
        if self.distance_m <= 0 or self.duration_s <= 0:
            return None
        return Pace.from_distance_time(self.distance_m, self.duration_s)

    @property
    def is_long(self) -> bool:
        if self.kind is not None:
            return self.kind is WorkoutKind.LONG
        return self.duration_s >= LONG_RUN_S

    @property
    def is_quality(self) -> bool:
        """A hard session that is not a race: tempo, intervals, hills, progression, or RPE 7+."""
        if self.kind is not None and self.kind.is_quality:
            return True
        return self.rpe is not None and self.rpe >= HARD_RPE and not self.is_race

    @property
    def is_hard(self) -> bool:
        """What needs an easy day after it: quality, a race or a long run."""
        return self.is_quality or self.is_race or self.is_long

    def label(self) -> str:
        ident = f"run {self.run_id}" if self.run_id is not None else "a run"
        return f"{ident} on {self.day.isoformat()}"


def logged_run(run: Run, tz: tzinfo) -> LoggedRun:
    """The day-by-day view of a run; ``tz`` is the athlete's time zone."""
    kind = WorkoutKind.of(run.workout_type) if run.workout_type else None
    is_race = run.race is not None or run.workout_type is WorkoutType.RACE
    official = run.race or RaceResult()
    return LoggedRun(
        day=run.start.astimezone(tz).date(),
        distance_m=official.distance_m or run.distance_m or 0.0,
        duration_s=official.official_time_s or run.duration_s or 0.0,
        kind=WorkoutKind.RACE if is_race else kind,
        run_id=run.id,
        rpe=run.rpe,
        is_race=is_race,
        shoe_id=run.shoe_id,
        avg_hr=run.avg_hr,
        laps=tuple(run.laps),
    )


def logged_runs(runs: Iterable[Run], tz: tzinfo) -> list[LoggedRun]:
    """The running activities of ``runs`` (cross-training left out), oldest first."""
    return sorted((logged_run(r, tz) for r in runs if r.is_run), key=lambda r: r.day)


def between(log: Sequence[LoggedRun], first: date, last: date) -> list[LoggedRun]:
    """The runs from ``first`` to ``last``, both included."""
    return [r for r in log if first <= r.day <= last]


def on(log: Sequence[LoggedRun], day: date) -> list[LoggedRun]:
    return [r for r in log if r.day == day]


def distance_between(log: Sequence[LoggedRun], first: date, last: date) -> float:
    return sum(r.distance_m for r in between(log, first, last))
