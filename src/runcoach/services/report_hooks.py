"""What feeds a report's hooks: the active plan, race predictions and the threshold pace.

- Planned vs done, and the mini workouts done, come from the active plan matched against
  the log by ``domain/progress/compliance.py``, with what ``runcoach today`` prescribed instead (as
  ``runcoach today --progress`` matches them).
- A goal is met by a race over the plan's goal distance at or under its target time.
- Habits, body weight and resting heart rate come from the check-ins, with the days of
  the runs (a warm-up before every run of a week is a win).
- Fitness over time is the fitness model's (``domain/fitness/current.py``) over the races,
  time trials and best efforts of the log (``services/fitness.performances_from_log``);
  race predictions are its VDOT-equivalent times (Daniels-Gilbert) on the first of each
  month and on the last day; the threshold pace is Daniels' threshold pace for the VDOT
  on the period's last day. The firsts of months are kept in the store once worked out
  (``store/fitness_months.py``, forgotten by a write in the year before each).

Each hook reads the store when the report asks for its period, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from runcoach.domain.fitness.current import (
    LOOKBACK_DAYS,
    FitnessPoint,
    fitness_on,
    monthly_dates,
    point_of,
)
from runcoach.domain.fitness.paces import training_paces
from runcoach.domain.fitness.vdot import race_time_s
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.progress.compliance import WeekCompliance, compliance
from runcoach.domain.progress.habits import HabitLog
from runcoach.domain.progress.measures import PlannedVsDone
from runcoach.domain.progress.report import PlanFacts, PredictionPoint
from runcoach.domain.progress.wins import GoalMet, MiniWorkout
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.run.runs import Sport, counts_as_running
from runcoach.domain.units import (
    HALF_MARATHON_M,
    MARATHON_M,
    counted,
    distance_label,
    format_duration,
)
from runcoach.services.fitness import performances_from_log
from runcoach.services.report_builder import ReportHooks
from runcoach.services.report_load import Threshold
from runcoach.store import checkin_reads
from runcoach.store.fitness_months import keep_months, kept_months
from runcoach.store.log_reads import data_version
from runcoach.store.plan_reads import active_plan_of
from runcoach.store.sql import Db, DbReading, Reader, db_reading

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

PREDICTION_DISTANCES_M = (5000.0, 10000.0, HALF_MARATHON_M, MARATHON_M)  # the usual races
GOAL_DISTANCE_TOLERANCE = 0.03  # a race within 3 % of the goal distance is over it (GPS ~1-3 %)
PREDICTION_MODEL = "VDOT-equivalent time (Daniels-Gilbert)"


def report_hooks(
    source: Engine | Reader,
    today: date,
    *,
    athlete_id: int,
    conn: Connection | None = None,
    db: Db | None = None,
) -> ReportHooks:
    """Hooks that read the athlete's active plan and fitness from the store: an engine or a
    sqlite3 reader (``store.sql``), through ``db`` (or ``conn``) when given."""
    if conn is not None and db is None:
        from runcoach.store.db import SqlAlchemyDb

        db = SqlAlchemyDb(conn, conn.dialect.name)
    read = db_reading(source, db)
    with read() as own:
        plan = active_plan_of(own, athlete_id)
    fitness = LogFitness(read, athlete_id, source)
    return ReportHooks(
        plan=None if plan is None else _PlanReader(read, athlete_id, plan, today).facts,
        predictions=fitness.predictions,
        threshold=fitness.threshold,
        habits=HabitReader(read, athlete_id).read,
    )


@dataclass
class HabitReader:
    read_store: DbReading
    athlete_id: int

    def read(self, first: date, last: date) -> HabitLog:
        """The habits told from ``first`` to ``last`` and, when a warm-up is told, the days
        with a run (a log without check-ins reads no runs for them)."""
        with self.read_store() as conn:
            told = checkin_reads.checkins_between(conn, self.athlete_id, last, first)
            days = {c.day: c.habits for c in told if not c.habits.empty}
            if not any(h.warm_up is not None for h in days.values()):
                return HabitLog(days)
            rows = checkin_reads.log_rows(conn, self.athlete_id, first, last)
        ran = {r.local_date for r in rows if counts_as_running(Sport(r.sport), r.workout_type)}
        return HabitLog(days, frozenset(ran))


def active_plan(conn: Connection, athlete_id: int) -> tuple[int, Plan] | None:
    """The athlete's active plan and its id, None without one."""
    from runcoach.store.db import SqlAlchemyDb

    return active_plan_of(SqlAlchemyDb(conn, conn.dialect.name), athlete_id)


@dataclass
class _PlanReader:
    read_store: DbReading
    athlete_id: int
    plan: tuple[int, Plan]
    today: date

    def facts(self, first: date, last: date) -> PlanFacts:
        plan_id, plan = self.plan
        source = f"plan {plan_id} ({plan.summary()}), matched by domain/progress/compliance.py"
        if not plan.weeks or plan.start > last:
            return PlanFacts(source=source)
        # the day-by-day reads load only when there is a plan to match
        from runcoach.services.day_reads import log_since, prescribed_between

        with self.read_store() as db:
            log = log_since(db, self.athlete_id, plan.start)
            prescribed = prescribed_between(db, self.athlete_id, plan.start, self.today)
        weeks = compliance(plan, log, self.today, prescribed)
        return plan_facts(plan, weeks, log, first, min(last, self.today), source)


def plan_facts(
    plan: Plan,
    weeks: Sequence[WeekCompliance],
    log: Sequence[LoggedRun],
    first: date,
    last: date,
    source: str,
) -> PlanFacts:
    """The plan weeks touching ``first`` .. ``last``, their minis, and the goal if met."""
    shown = [w for w in weeks if w.start <= last and w.start + timedelta(days=6) >= first]
    rows = [PlannedVsDone(w.start, w.planned, w.done, w.planned_m, w.done_m) for w in shown]
    minis = [
        MiniWorkout(m.run.run_id, m.run.day, m.workout.title)
        for w in shown
        for m in w.minis
        if m.run is not None and m.run.run_id is not None and first <= m.run.day <= last
    ]
    since = max(first, plan.start)
    return PlanFacts(rows, minis, goals_met(plan, log, since, last), source)


def goals_met(plan: Plan, log: Sequence[LoggedRun], first: date, last: date) -> list[GoalMet]:
    """Races over the plan's goal distance at or under its target time, ``first``..``last``."""
    goal = plan.goal
    if not goal.is_race or not goal.distance_m or not goal.target_time_s:
        return []
    target_m, target_s = goal.distance_m, goal.target_time_s
    met = []
    for run in log:
        near = abs(run.distance_m - target_m) <= GOAL_DISTANCE_TOLERANCE * target_m
        in_time = 0 < run.duration_s <= target_s
        if run.kind is WorkoutKind.RACE and near and in_time and first <= run.day <= last:
            what = (
                f"{distance_label(target_m)} in {format_duration(run.duration_s)} "
                f"(goal {format_duration(target_s)})"
            )
            met.append(GoalMet(run.day, what, run.run_id))
    return met


@dataclass
class LogFitness:
    """Fitness over time from the log's performances, read once per period asked.

    The firsts of months come from those kept in the store (``store/fitness_months.py``);
    the months not kept, and the last day, are worked out from the performances of the year
    before each, and the months kept for the next report.
    """

    read_store: DbReading
    athlete_id: int
    source: Engine | Reader
    _read: dict[tuple[date, date], list[FitnessPoint]] = field(default_factory=dict)

    def monthly(self, first: date, last: date) -> list[FitnessPoint]:
        """Fitness on the first of each month from ``first``'s month and on ``last``."""
        key = (first, last)
        if key not in self._read:
            self._read[key] = self._history(monthly_dates(first, last))
        return self._read[key]

    def _history(self, dates: list[date]) -> list[FitnessPoint]:
        *months, last = dates
        with self.read_store() as db:
            kept = kept_months(db, self.athlete_id, months[0], months[-1]) if months else {}
            missing = [day for day in months if day not in kept]
            since = (missing[0] if missing else last) - timedelta(days=LOOKBACK_DAYS)
            found = performances_from_log(db, self.athlete_id, since, last)
            version = data_version(db, self.athlete_id)
        asked = [*missing, last]
        worked = {
            day: None if fitness is None else _with_race_times(point_of(fitness))
            for day, fitness in zip(asked, fitness_on(found, asked), strict=True)
        }
        if missing:
            keep_months(self.source, self.athlete_id, version, {d: worked[d] for d in missing})
        every = {**kept, **worked}
        return [point for day in dates if (point := every[day]) is not None]

    def predictions(self, first: date, last: date) -> list[PredictionPoint]:
        points = []
        for f in self.monthly(first, last):
            source = f"{PREDICTION_MODEL} for {_fitness_words(f)}"
            times = dict(f.race_times_s)
            points += [PredictionPoint(f.on, m, times.get(m) or race_time_s(f.vdot, m), source)
                       for m in PREDICTION_DISTANCES_M]  # fmt: skip
        return points

    def threshold(self, first: date, last: date) -> Threshold | None:
        history = self.monthly(first, last)
        now = history[-1] if history and history[-1].on == last else None
        if now is None:
            return None
        words = f"fitness model: Daniels' threshold pace for {_fitness_words(now)}"
        return Threshold(training_paces(now.vdot).threshold, words)


def _with_race_times(point: FitnessPoint) -> FitnessPoint:
    """The point with the race times predicted from it (kept with it)."""
    times = tuple((m, race_time_s(point.vdot, m)) for m in PREDICTION_DISTANCES_M)
    return replace(point, race_times_s=times)


def _fitness_words(fitness: FitnessPoint) -> str:
    return (
        f"VDOT {fitness.vdot:.1f} on {fitness.on}, from "
        f"{counted(fitness.performances, 'performance')} ({', '.join(fitness.kinds)}) "
        "of the year before"
    )
