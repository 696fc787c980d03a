"""The dashboard's one read: today's answer, this week planned vs done, warnings, recent wins.

Each of these alone (``runcoach today``, ``today --progress``, ``warnings``, ``wins``) reads
the plan and the log for itself; the dashboard shows the four at once, so it reads the plan,
the log, the shoes and the check-ins once, in one read-only transaction (one moment of the
store, no write lock), and works the four answers out of them. Today's answer is then kept
in ``plan_adjustments`` only when it is new for the day: a page viewed again writes nothing.
The whole answer is kept (``page_cache``) for the athlete's data version and the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine

from runcoach.config import Settings
from runcoach.domain.errors import NotFound
from runcoach.domain.progress.compliance import WeekCompliance, compliance
from runcoach.domain.progress.report import PlanFacts
from runcoach.domain.progress.wins import Win
from runcoach.domain.today.warnings import TrainingWarning
from runcoach.services.checkins import local_today
from runcoach.services.page_cache import AnswerKey, keep, recall
from runcoach.services.report_builder import ReportHooks, wins_since
from runcoach.services.report_hooks import HabitReader, plan_facts
from runcoach.services.reports import job_settings, open_log, rebuild_reports
from runcoach.services.today import (
    Inputs,
    StoredOrFile,
    TodayAnswer,
    answer_for,
    gather,
    load_plan,
    prescribed_days,
    remember_answer_from,
    warnings,
)
from runcoach.store.athletes import data_version
from runcoach.store.db import SqlAlchemyDb, read_only
from runcoach.store.sql import DbReading, db_reading

WINS_DAYS = 28  # the dashboard's wins: the last four weeks, as `runcoach wins`
UNCHANGED = {"as-planned", "rest-day", "dropped", "off-plan"}  # answers that keep the plan's day


@dataclass(frozen=True)
class Dashboard:
    day: date
    answer: TodayAnswer | None  # None: no active plan
    week: WeekCompliance | None  # this week planned vs done; None without a plan
    warnings: list[TrainingWarning]
    wins: list[Win]  # newest first


def dashboard(
    engine: Engine, settings: Settings, units_settings: Settings, *, athlete_id: int
) -> Dashboard:
    """Everything the dashboard shows (``units_settings``: the runner's own units, for the
    wins' words)."""
    with read_only(engine) as conn:
        day = local_today(conn, athlete_id)
        version = data_version(conn, athlete_id)
        key = AnswerKey("dashboard", version,
                        (str(engine.url), day, settings, units_settings.units))  # fmt: skip
        kept: Dashboard | None = recall(conn, key, athlete_id=athlete_id)
        if kept is not None:  # nothing written since: today's answer is kept already
            return kept
        try:
            source: StoredOrFile | None = load_plan(conn, athlete_id, None)
        except NotFound:
            source = None
        given = source.plan if source else None
        inputs = gather(conn, athlete_id, settings, given, day, plan_required=False)
        answer = week = None
        weeks: list[WeekCompliance] = []
        if source is not None:
            answer = answer_for(conn, athlete_id, inputs, day)
            prescribed = prescribed_days(conn, athlete_id, source.plan.start, day)
            _with_answer(prescribed, day, answer)
            weeks = compliance(source.plan, inputs.log(), day, prescribed)
            week = weeks[-1] if weeks else None
        found = warnings(inputs, day)
        wins = _wins(engine, conn, units_settings, source, weeks, inputs, day, athlete_id)
    shown = Dashboard(day, answer, week, found, wins)
    if answer is not None:  # kept under the version its own write raised, if nobody else wrote
        now = remember_answer_from(engine, day, answer, version, athlete_id=athlete_id)
        if now is None:
            return shown  # another write came in between: the next view computes anew
        key = key._replace(version=now)
    keep(engine, key, shown, athlete_id=athlete_id)
    return shown


def rebuild_pages(engine: Engine, *, athlete_id: int) -> None:
    """After an import: today's answer first (the dashboard keeps it for the day, a write
    that raises the data version), then the reports under the version that write left, so
    the runner's first dashboard after the import does not make the ready reports stale."""
    settings = job_settings(engine, athlete_id=athlete_id)
    dashboard(engine, settings, settings, athlete_id=athlete_id)
    rebuild_reports(engine, athlete_id=athlete_id)


def _with_answer(prescribed: dict[date, list[Any]], day: date, told: TodayAnswer) -> None:
    """What ``prescribed_days`` reads once today's answer is kept."""
    if {c.value for c in told.answer.changes} <= UNCHANGED:
        prescribed.pop(day, None)
    else:
        prescribed[day] = list(told.answer.workouts)


def _wins(
    engine: Engine,
    conn: Connection,
    settings: Settings,
    source: StoredOrFile | None,
    weeks: list[WeekCompliance],
    inputs: Inputs,
    day: date,
    athlete_id: int,
) -> list[Win]:
    """The wins of the last four weeks, as ``services.reports.recent_wins`` finds them, with
    the plan weeks matched above instead of matching them again."""
    opened = open_log(engine, athlete_id=athlete_id, conn=conn)
    if not opened.with_log:
        return []
    plan_hook = None
    if source is not None and source.plan.weeks:
        plan, plan_id = source.plan, source.plan_id
        why = f"plan {plan_id} ({plan.summary()}), matched by domain/compliance.py"
        log = inputs.log()

        def plan_hook(first: date, last: date) -> PlanFacts:
            if plan.start > last:
                return PlanFacts(source=why)
            return plan_facts(plan, weeks, log, first, min(last, day), why)

    hooks = ReportHooks(
        plan=plan_hook, habits=HabitReader(_db_reading(engine, conn), athlete_id).read
    )
    since = day - timedelta(days=WINS_DAYS)
    return wins_since(opened.log, opened.athlete, since, day, settings.units, hooks)


def _db_reading(engine: Engine, conn: Connection) -> DbReading:
    """The report hooks' reads (``store.sql``) through the page's one transaction."""
    return db_reading(engine, SqlAlchemyDb(conn, conn.dialect.name))
