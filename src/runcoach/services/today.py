"""Use cases of day-by-day coaching: check in, what to run today, warnings, planned vs done,
and shifting a rotating schedule.

The plan, the log and the shoes come from their own stores (``gather``); everything else is
the domain's ``runcoach.domain.today``. Every answer given is kept in ``plan_adjustments``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, cast

from runcoach.config import Settings
from runcoach.domain.errors import InvalidInput, NotFound
from runcoach.domain.fitness.body import Reading
from runcoach.domain.hints import Do, Hint
from runcoach.domain.plans.codec import workout_to_dict
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.schedule import DayType
from runcoach.domain.plans.workouts import Workout
from runcoach.domain.progress.compliance import WeekCompliance, compliance
from runcoach.domain.progress.load import HeartRateProfile
from runcoach.domain.progress.load import heart_rate_profile as profile_of_heart_rate
from runcoach.domain.run.logged import LoggedRun, logged_runs
from runcoach.domain.run.runs import Run
from runcoach.domain.today.answer import Answer, Change, FitnessChange, Situation, answer
from runcoach.domain.today.fitness_change import fitness_change
from runcoach.domain.today.health import resting_hr_readings
from runcoach.domain.today.refresh import GoalRefresh, refresh_goal
from runcoach.domain.today.warnings import ShoeWear, TrainingWarning, watch
from runcoach.services.checkins import CheckInReport, local_today, record_checkin, today_in
from runcoach.services.day_reads import prescribed_of, running_log
from runcoach.services.page_cache import AnswerKey, keep, recall
from runcoach.store import checkin_reads, log_reads, plan_reads, today_reads
from runcoach.store.sql import Db, Reader, reading, store_key, writing

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from runcoach.store.db import SqlAlchemyDb

LOG_DAYS_NEEDED = 400  # the rules read at most a year back (goal verdict races), days
RESTING_HR_DAYS = 14  # resting heart rates read: a rise's mornings and the week before, days


@dataclass(frozen=True)
class Inputs:
    """What the other stores hold for one athlete: the active plan, the log, the shoes, and
    the heart-rate profile training loads are measured with."""

    plan: Plan | None
    runs: Sequence[LoggedRun]
    shoes: Sequence[ShoeWear] = field(default_factory=list)
    heart_rate: HeartRateProfile | None = None
    resting_hr: Sequence[Reading] = ()  # the mornings' resting heart rates of the check-ins

    @classmethod
    def of_runs(cls, plan: Plan | None, runs: Sequence[Run], tz: tzinfo) -> Inputs:
        return cls(plan, logged_runs(runs, tz))

    def log(self) -> list[LoggedRun]:
        return list(self.runs)


def read_log(
    conn: Connection, athlete_id: int, since: date | None = None, laps_since: date | None = None
) -> list[LoggedRun]:
    """The running log from ``since`` on the days it was run (each run's own zone), oldest
    first; the runs from ``laps_since`` on carry their laps (benchmark workouts read them)."""
    db = _db(conn)
    return _log_of(db, athlete_id, checkin_reads.log_rows(db, athlete_id, since), laps_since)


def _log_of(
    db: Db, athlete_id: int, rows: Sequence[Any], laps_since: date | None
) -> list[LoggedRun]:
    laps = today_reads.laps_since(db, athlete_id, laps_since) if laps_since else {}
    return running_log(rows, laps)


def _db(conn: Connection) -> SqlAlchemyDb:
    """The plain SQL reads (``store.sql``) on ``conn``."""
    from runcoach.store.db import SqlAlchemyDb  # only where a connection was handed

    return SqlAlchemyDb(conn, conn.dialect.name)


def heart_rate_profile(
    conn: Connection | Db, athlete_id: int, seen_max_hr: Sequence[float]
) -> HeartRateProfile | None:
    """The runner's resting and maximum heart rate, as ``runcoach report`` finds them: the
    athlete's own, else the highest recorded (from 5 runs with one) and a resting 60 bpm."""
    row = log_reads.athlete_row(_as_db(conn), athlete_id)
    own_max, own_resting = (row.max_hr, row.resting_hr) if row else (None, None)
    return profile_of_heart_rate(own_max, own_resting, seen_max_hr)[0]


def read_shoes(conn: Connection | Db, athlete_id: int, settings: Settings) -> list[ShoeWear]:
    """Pairs still in use with their distance and retirement distance."""
    return [
        ShoeWear(r.id, r.name, r.distance_m, r.retirement_m or settings.shoe_retirement_m)
        for r in today_reads.shoes_in_use(_as_db(conn), athlete_id)
    ]


@dataclass(frozen=True)
class TodayAnswer:
    """Today's answer, with the new fitness when the paces changed with it and the goal
    judged again when the answer asks for it (``views.today.answer_json`` shows it)."""

    answer: Answer
    fitness: FitnessChange | None = None  # set when the answer re-paced the plan
    goal: GoalRefresh | None = None  # judged when ``answer.refresh_goal``; None: no goal to judge


def respond(conn: Connection, athlete_id: int, inputs: Inputs, day: date) -> TodayAnswer:
    """Today's answer for ``day``, kept in the history of adjustments (``conn`` writes)."""
    told = answer_for(conn, athlete_id, inputs, day)
    keep_answer(conn, athlete_id, day, told)
    return told


def answer_for(conn: Connection | Db, athlete_id: int, inputs: Inputs, day: date) -> TodayAnswer:
    """Today's answer for ``day``; nothing is written (``conn``: a connection, or a
    ``store.sql.Db``)."""
    plan = _need_plan(inputs)
    log = inputs.log()
    fitness = fitness_change(plan, log, day)
    situation = Situation(
        plan, log, checkin_reads.checkins_between(_as_db(conn), athlete_id, until=day),
        inputs.shoes, fitness,
        inputs.heart_rate,
    )  # fmt: skip
    got = answer(situation, day)
    told = TodayAnswer(
        got,
        fitness if fitness is not None and Change.REPACED in got.changes else None,
        refresh_goal(plan, log, day, fitness) if got.refresh_goal else None,
    )
    return told


def keep_answer(conn: Connection, athlete_id: int, day: date, told: TodayAnswer) -> bool:
    """Keep the answer in ``plan_adjustments`` unless it is the one kept last for the day:
    every answer that differs is kept (what was prescribed counts for the minis done), the
    same answer seen again (a page viewed twice) writes nothing. True when it was kept."""
    from runcoach.store import checkins as store  # a write through the connection

    changes, history = [c.value for c in told.answer.changes], _history(told)
    if store.is_last_adjustment(conn, athlete_id, day, "today", changes, history):
        return False
    store.save_adjustment(conn, athlete_id, day, "today", changes, history)
    return True


def remember_answer(
    source: Engine | Reader, day: date, told: TodayAnswer, *, athlete_id: int
) -> bool:
    """``keep_answer`` from a read: looked at without the write lock, written (and looked at
    again under it) only when the answer is new for the day. ``source``: an engine or a
    sqlite3 reader (``store.sql.writing``: ``BEGIN IMMEDIATE``); the triggers raise the
    athlete's data version whichever writes."""
    changes, history = [c.value for c in told.answer.changes], _history(told)
    with reading(source) as db:
        if checkin_reads.is_last_adjustment(db, athlete_id, day, "today", changes, history):
            return False
    with writing(source) as db:
        if checkin_reads.is_last_adjustment(db, athlete_id, day, "today", changes, history):
            return False
        checkin_reads.add_adjustment(db, athlete_id, day, "today", changes, history)
    return True


def remember_answer_from(
    engine: Engine, day: date, told: TodayAnswer, version: int, *, athlete_id: int
) -> int | None:
    """``remember_answer`` for an answer worked out from the data at ``version``: the data
    version under which what was shown with it is still exactly the data (``version`` when
    nothing was written, the version the write raised when nobody else wrote since), None
    when another writer came in between. The athlete's row is locked while the version is
    compared and raised (on SQLite the write transaction holds the lock already)."""
    changes, history = [c.value for c in told.answer.changes], _history(told)
    with reading(engine) as db:
        if checkin_reads.is_last_adjustment(db, athlete_id, day, "today", changes, history):
            return version
    with writing(engine) as db:
        before = log_reads.locked_data_version(db, athlete_id)
        if checkin_reads.is_last_adjustment(db, athlete_id, day, "today", changes, history):
            return version if before == version else None
        checkin_reads.add_adjustment(db, athlete_id, day, "today", changes, history)
        return log_reads.data_version(db, athlete_id) if before == version else None


def _history(told: TodayAnswer) -> dict[str, Any]:
    """What the history of adjustments keeps of an answer: what was prescribed instead of
    the plan (``prescribed_days`` reads it back) and why."""
    got = told.answer
    return {
        "day": got.day.isoformat(),
        "changes": [c.value for c in got.changes],
        "workouts": [workout_to_dict(w) for w in got.workouts],
        "planned": [workout_to_dict(w) for w in got.planned],
        "reasons": [{"rule": r.rule, "text": r.text, "source": r.source} for r in got.reasons],
        "health": got.health.status.value,
        "fitness": None if told.fitness is None else told.fitness.told,
        "goal": None if told.goal is None else told.goal.told,
    }


def warnings(inputs: Inputs, day: date) -> list[TrainingWarning]:
    return watch(inputs.log(), day, inputs.plan, inputs.shoes, inputs.heart_rate,
                 inputs.resting_hr)  # fmt: skip


def progress(conn: Connection, athlete_id: int, inputs: Inputs, day: date) -> list[WeekCompliance]:
    """Planned vs done per week, against what ``today`` prescribed where it changed the plan."""
    plan = _need_plan(inputs)
    prescribed = prescribed_days(conn, athlete_id, plan.start, day)
    return compliance(plan, inputs.log(), day, prescribed)


def prescribed_days(
    conn: Connection, athlete_id: int, first: date, last: date
) -> dict[date, list[Workout]]:
    """The last answer given for each day that changed the plan."""
    return prescribed_of(checkin_reads.adjustments_between(_db(conn), athlete_id, first, last))


def _need_plan(inputs: Inputs) -> Plan:
    if inputs.plan is None:
        raise NotFound(NO_PLAN, hint=NO_PLAN_HINT)
    return inputs.plan


NO_PLAN = "there is no active plan"
NO_PLAN_HINT = Hint(Do.CREATE_OR_GIVE_PLAN, "create one from your profile, or give a plan file")


# ---- the use cases the command line and the web call ---------------------------------------


def load_plan(conn: Connection, athlete_id: int, given: Plan | None) -> StoredOrFile:
    """The plan given (a plan file's, docs/plan-format.md), else the athlete's active plan."""
    if given is not None:
        return StoredOrFile(given, None)
    try:
        from runcoach.store import plans as plan_store

        stored = plan_store.get_plan(conn, athlete_id)
    except NotFound as exc:
        raise NotFound(NO_PLAN, hint=NO_PLAN_HINT) from exc
    return StoredOrFile(stored.plan, stored.id)


@dataclass(frozen=True)
class StoredOrFile:
    plan: Plan
    plan_id: int | None  # None: the plan was given (a file's), not stored


def gather(
    conn: Connection,
    athlete_id: int,
    settings: Settings,
    given: Plan | None,
    day: date,
    plan_required: bool = True,
) -> Inputs:
    """The plan, the shoes, and the log the rules look at: from the plan's start or the
    goal verdict's year before ``day``, whichever is earlier; laps from the plan's creation
    on (a benchmark workout since then can move fitness). Without ``plan_required`` a
    missing plan is None (the warnings watch the log alone)."""
    try:
        plan: Plan | None = load_plan(conn, athlete_id, given).plan
    except NotFound:
        if plan_required:
            raise
        plan = None
    return _inputs(_db(conn), athlete_id, settings, plan, day)


def gather_from(
    db: Db, athlete_id: int, settings: Settings, given: Plan | None, day: date
) -> Inputs:
    """``gather`` (a plan required) through a ``store.sql.Db``: a sqlite3 reader's or an
    engine's read-only transaction."""
    if given is not None:
        return _inputs(db, athlete_id, settings, given, day)
    active = plan_reads.active_plan_of(db, athlete_id)
    if active is None:
        raise NotFound(NO_PLAN, hint=NO_PLAN_HINT)
    return _inputs(db, athlete_id, settings, active[1], day)


def _inputs(db: Db, athlete_id: int, settings: Settings, plan: Plan | None, day: date) -> Inputs:
    """What the rules look at for ``day`` under ``plan`` (see ``gather``)."""
    start = min(plan.start, day) if plan else day
    since = start - timedelta(days=LOG_DAYS_NEEDED)
    laps_since = min(plan.created, day) if plan else None
    rows = checkin_reads.log_rows(db, athlete_id, since)
    hr = heart_rate_profile(db, athlete_id, [r.max_hr for r in rows if r.max_hr])
    log = _log_of(db, athlete_id, rows, laps_since)
    first = day - timedelta(days=RESTING_HR_DAYS)
    told = checkin_reads.checkins_between(db, athlete_id, day, first)
    shoes = read_shoes(db, athlete_id, settings)
    return Inputs(plan, log, shoes, hr, resting_hr_readings(told))


def today(
    source: Engine | Reader,
    settings: Settings,
    day: date | None = None,
    report: CheckInReport | None = None,
    plan: Plan | None = None,
    *,
    athlete_id: int,
) -> TodayAnswer:
    """``runcoach today``: store the check-in if one was given, then answer for the day.
    The answer is kept when it is new for the day; a repeated look writes nothing.
    ``source``: an engine, or a sqlite3 reader (``store.sql``) when no check-in is given."""
    if report is not None and not report.empty:
        if isinstance(source, Reader):
            raise TypeError("a check-in is written through the engine: pass the engine")
        with source.begin() as conn:
            when = day or local_today(conn, athlete_id)
            record_checkin(conn, athlete_id, report.on(when))
            return respond(conn, athlete_id, gather(conn, athlete_id, settings, plan, when), when)
    with reading(source) as db:
        when = day or today_in(today_reads.athlete_timezone(db, athlete_id))
        told = answer_for(db, athlete_id, gather_from(db, athlete_id, settings, plan, when), when)
    remember_answer(source, when, told, athlete_id=athlete_id)
    return told


def warnings_for(
    engine: Engine,
    settings: Settings,
    day: date | None = None,
    plan: Plan | None = None,
    *,
    athlete_id: int,
) -> list[TrainingWarning]:
    from runcoach.store.db import read_only

    with read_only(engine) as conn:
        when = day or local_today(conn, athlete_id)
        return warnings(gather(conn, athlete_id, settings, plan, when, False), when)


def progress_for(
    engine: Engine,
    settings: Settings,
    day: date | None = None,
    plan: Plan | None = None,
    *,
    athlete_id: int,
) -> list[WeekCompliance]:
    from runcoach.store.db import read_only

    with read_only(engine) as conn:
        when = day or local_today(conn, athlete_id)
        version = log_reads.data_version(_db(conn), athlete_id)
        key = AnswerKey("progress", version, (store_key(engine), when, settings))
        kept: list[WeekCompliance] | None = (
            None if plan else recall(conn, key, athlete_id=athlete_id)
        )
        if kept is not None:
            return list(kept)
        found = progress(conn, athlete_id, gather(conn, athlete_id, settings, plan, when), when)
    if plan is None:
        keep(engine, key, found, athlete_id=athlete_id)
    return list(found)


def day_type_named(plan: Plan, name: str) -> DayType:
    """The plan's day type called ``name`` (any case)."""
    types = {d.day_type.name.lower(): d.day_type for d in plan.days()}
    found = types.get(name.strip().lower())
    if found is None:
        raise InvalidInput(
            f"the plan has no day type '{name}'", hint="one of: " + ", ".join(sorted(types))
        )
    return found


def _as_db(conn: Connection | Db) -> Db:
    """A ``store.sql.Db`` of either: a SQLAlchemy connection is wrapped."""
    if hasattr(conn, "rows"):
        return cast(Db, conn)
    return _db(conn)
