"""The calendar: the plan and the runs on the same days, with how each session went, and a
session moved to another day (previewed with the rules it would break, then saved)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, NotRequired, TypedDict, cast

from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.domain.errors import NotFound
from runcoach.domain.plans.codec import workout_to_dict
from runcoach.domain.plans.document import (
    ExerciseDocJson,
    RepeatDocJson,
    StepDocJson,
    TextDocJson,
    WorkoutDocJson,
)
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.move import Moved, move_session
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.run.runs import Surface, Terrain
from runcoach.services import runs as run_service
from runcoach.services.checkins import local_today
from runcoach.services.page_cache import AnswerKey, keep, recall
from runcoach.services.plan_changes import History
from runcoach.services.today import progress_for
from runcoach.store import checkins as adjustments
from runcoach.store import plans as plan_store
from runcoach.store.athletes import data_version
from runcoach.store.db import read_only

MAX_CALENDAR_DAYS = 42  # a month view shows 6 weeks at most


def today_of(engine: Engine, *, athlete_id: int) -> date:
    with read_only(engine) as conn:
        return local_today(conn, athlete_id)


def _plan(engine: Engine, athlete_id: int) -> plan_store.StoredPlan | None:
    with read_only(engine) as conn:
        try:
            return plan_store.get_plan(conn, athlete_id)
        except NotFound:
            return None


class CalendarRun(TypedDict):
    """A run logged on a day of the calendar."""

    id: int
    sport: str
    name: str | None
    distance_m: float | None
    duration_s: float | None
    workout_type: str | None


class CalendarSession(TypedDict):
    """A planned session (as in a plan file, docs/plan-format.md: only the keys it has) with
    how it went: done, short, different, missed, coming, or rest."""

    kind: Annotated[str, WorkoutKind]
    title: str
    tip: NotRequired[TextDocJson]
    blocks: NotRequired[list[StepDocJson | RepeatDocJson]]
    exercises: NotRequired[list[ExerciseDocJson]]
    mini: NotRequired[WorkoutDocJson]
    surface: NotRequired[Annotated[str, Surface]]
    terrain: NotRequired[Annotated[str, Terrain]]
    shoe: NotRequired[str]
    benchmark: NotRequired[str]
    notes: NotRequired[list[TextDocJson]]
    duration_s: NotRequired[float]
    status: str
    is_run: bool


class CalendarDay(TypedDict):
    date: str  # ISO 8601
    day_type: str | None  # the plan's type of day; None: no plan that day
    sessions: list[CalendarSession]
    runs: list[CalendarRun]


class Calendar(TypedDict):
    """Each day from ``first`` to ``last``: the sessions planned, how they went, the runs."""

    first: str  # ISO 8601
    last: str
    today: str  # the runner's local day
    plan_id: int | None
    days: list[CalendarDay]


def calendar(
    engine: Engine, settings: Settings, first: date, last: date, *, athlete_id: int
) -> Calendar:
    """Each day from ``first`` to ``last``: the planned sessions with their status (done,
    short, different, missed, coming) and the runs logged."""
    last = min(last, first + timedelta(days=MAX_CALENDAR_DAYS - 1))
    today = today_of(engine, athlete_id=athlete_id)
    stored = _plan(engine, athlete_id)
    statuses = _statuses(engine, settings, stored, min(last, today), athlete_id)
    runs = run_service.list_runs(engine, athlete_id=athlete_id, date_from=first, date_to=last)
    by_day: dict[date, list[CalendarRun]] = {}
    for run in runs:
        by_day.setdefault(run.local_date, []).append(_run(run))
    days: list[CalendarDay] = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        days.append(_day(stored.plan if stored else None, day, today, statuses, by_day))
    return {
        "first": first.isoformat(),
        "last": last.isoformat(),
        "today": today.isoformat(),
        "plan_id": stored.id if stored else None,
        "days": days,
    }


HISTORY_SHOWN = 10  # the calendar page lists the plan's last ten changes


@dataclass(frozen=True)
class CalendarPage:
    """What the calendar page shows: the days, the plan's day types (for a shift change) and
    its latest changes (newest first)."""

    days: Calendar
    day_types: list[str]
    history: History | None  # None: no active plan


def calendar_page(
    engine: Engine, settings: Settings, first: date, last: date, *, athlete_id: int
) -> CalendarPage:
    """The calendar of ``first`` to ``last`` with the plan's day types and latest changes,
    kept per data version (services/page_cache.py): the version is read before anything
    else, so what is kept under it is never older than it."""
    with read_only(engine) as conn:
        today = local_today(conn, athlete_id)
        key = AnswerKey("calendar", data_version(conn, athlete_id),
                        (str(engine.url), first, last, today, settings))  # fmt: skip
        kept: CalendarPage | None = recall(conn, key, athlete_id=athlete_id)
    if kept is not None:
        return kept
    days = calendar(engine, settings, first, last, athlete_id=athlete_id)
    with read_only(engine) as conn:
        try:
            stored = plan_store.get_plan(conn, athlete_id)
        except NotFound:
            page = CalendarPage(days, [], None)
        else:
            types = sorted({d.day_type.name for d in stored.plan.days()})
            versions = plan_store.plan_versions_of(conn, stored.id)[:HISTORY_SHOWN]
            page = CalendarPage(days, types, History(stored.id, versions))
    keep(engine, key, page, athlete_id=athlete_id)
    return page


def _run(run: run_service.RunSummary) -> CalendarRun:
    return {
        "id": run.id,
        "sport": run.sport,
        "name": run.name,
        "distance_m": run.distance_m,
        "duration_s": run.duration_s,
        "workout_type": run.workout_type,
    }


def _statuses(
    engine: Engine,
    settings: Settings,
    stored: plan_store.StoredPlan | None,
    until: date,
    athlete_id: int,
) -> dict[tuple[str, str], str]:
    if stored is None or until < stored.plan.start:
        return {}
    weeks = progress_for(engine, settings, until, athlete_id=athlete_id)
    return {(m.day.isoformat(), m.workout.title): m.status.value for w in weeks for m in w.matches}


def _day(
    plan: Plan | None,
    day: date,
    today: date,
    statuses: dict[tuple[str, str], str],
    runs: dict[date, list[CalendarRun]],
) -> CalendarDay:
    planned = plan.day(day) if plan else None
    sessions = []
    for workout in planned.workouts if planned else []:
        status = statuses.get((day.isoformat(), workout.title))
        if status is None:
            status = "coming" if day >= today else ("rest" if not workout.is_run else "missed")
        session = {**workout_to_dict(workout), "status": status, "is_run": workout.is_run}
        sessions.append(cast(CalendarSession, session))
    return {
        "date": day.isoformat(),
        "day_type": planned.day_type.name if planned else None,
        "sessions": sessions,
        "runs": runs.get(day, []),
    }


class MoveViolation(TypedDict):
    """A rule of the plan the move newly breaks, on ``day`` (ISO 8601)."""

    day: str
    rule: str
    seen: str
    source: str


class MoveAnswer(TypedDict):
    """A session moved to another day (swapping days): what moved, the rules it newly breaks."""

    change: str
    new_violations: list[MoveViolation]


def preview_move(engine: Engine, from_day: date, to_day: date, *, athlete_id: int) -> MoveAnswer:
    """What moving the session would change and break; nothing is saved."""
    return _moved_to_dict(_move(engine, from_day, to_day, athlete_id)[1])


def save_move(engine: Engine, from_day: date, to_day: date, *, athlete_id: int) -> MoveAnswer:
    """Move the session and keep the plan as it was in the adjustments (it can be undone)."""
    stored, moved = _move(engine, from_day, to_day, athlete_id)
    detail = _moved_to_dict(moved)
    with engine.begin() as conn:
        today = local_today(conn, athlete_id)
        plan_store.replace_plan(conn, stored.id, moved.plan, f"move: {moved.change}")
        adjustments.save_adjustment(conn, athlete_id, today, "shift", ["move"], dict(detail))
    return detail


def _move(
    engine: Engine, from_day: date, to_day: date, athlete_id: int
) -> tuple[plan_store.StoredPlan, Moved]:
    stored = _plan(engine, athlete_id)
    if stored is None:
        raise NotFound("there is no active plan", hint="build one on the Plan page")
    today = today_of(engine, athlete_id=athlete_id)
    return stored, move_session(stored.plan, from_day, to_day, today)


def _moved_to_dict(moved: Moved) -> MoveAnswer:
    return {
        "change": moved.change,
        "new_violations": [
            {"day": v.day.isoformat(), "rule": v.rule, "seen": v.seen, "source": v.source}
            for v in moved.new_violations
        ],
    }
