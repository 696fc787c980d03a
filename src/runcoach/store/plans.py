"""Repository functions for plans: stored as their JSON document, one active per athlete."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, MetaData, Table, delete, func, insert, inspect, select, update

from runcoach.domain.errors import NotFound
from runcoach.domain.hints import Do, Hint
from runcoach.domain.plans.codec import plan_document, plan_from_dict
from runcoach.domain.plans.model import Plan
from runcoach.store.moments import aware
from runcoach.store.plan_reads import ACTIVE, decoded_plan
from runcoach.store.plan_reads import DECODED_PLANS_KEPT as DECODED_PLANS_KEPT
from runcoach.store.running import running_only
from runcoach.store.tables import plan_versions, plans

ARCHIVED = "archived"
LOG_WINDOW_DAYS = 28  # weeks of the log averaged for the current weekly volume (days)
LONGEST_WINDOW_DAYS = 30  # window of the longest-run rule (days), Frandsen et al. 2025


@dataclass(frozen=True)
class StoredPlan:
    id: int
    created_at: datetime
    goal_summary: str
    status: str
    plan: Plan


def add_plan(conn: Connection, athlete_id: int, plan: Plan) -> int:
    """Store ``plan`` as the athlete's active plan; the one before is archived."""
    conn.execute(
        update(plans)
        .where(plans.c.athlete_id == athlete_id, plans.c.status == ACTIVE)
        .values(status=ARCHIVED)
    )
    values = {
        "athlete_id": athlete_id,
        "goal_summary": plan.summary()[:300],
        "document": json.dumps(plan_document(plan)),
        "status": ACTIVE,
        "created_at": datetime.now(UTC),  # the clock of the app, not the database's (history)
    }
    new_id = conn.execute(insert(plans).values(**values)).inserted_primary_key
    assert new_id is not None
    return int(new_id[0])


@dataclass(frozen=True)
class PlanVersion:
    """The plan as it was before one change: ``change`` says what the change did."""

    id: int
    plan_id: int
    created_at: datetime
    change: str


def replace_plan(conn: Connection, plan_id: int, plan: Plan, change: str) -> None:
    """Store ``plan`` in place of plan ``plan_id``; the version it replaces is kept (undo)."""
    before = conn.execute(select(plans.c.document).where(plans.c.id == plan_id)).scalar_one()
    conn.execute(
        insert(plan_versions).values(
            plan_id=plan_id, change=change[:400], document=before, created_at=datetime.now(UTC)
        )
    )
    _write(conn, plan_id, json.dumps(plan_document(plan)), plan.summary())


def _write(conn: Connection, plan_id: int, document: str, summary: str) -> None:
    conn.execute(
        update(plans)
        .where(plans.c.id == plan_id)
        .values(document=document, goal_summary=summary[:300])
    )


def plan_versions_of(conn: Connection, plan_id: int) -> list[PlanVersion]:
    """The kept versions of plan ``plan_id``, the newest first."""
    query = (
        select(plan_versions.c.id, plan_versions.c.created_at, plan_versions.c.change)
        .where(plan_versions.c.plan_id == plan_id)
        .order_by(plan_versions.c.id.desc())
    )
    return [PlanVersion(int(r.id), plan_id, aware(r.created_at), str(r.change))
            for r in conn.execute(query)]  # fmt: skip


def undo_change(conn: Connection, plan_id: int) -> tuple[PlanVersion, Plan]:
    """Put back the version before the last change of plan ``plan_id``; that version is used
    up (a second undo goes one change further back)."""
    row = conn.execute(
        select(plan_versions)
        .where(plan_versions.c.plan_id == plan_id)
        .order_by(plan_versions.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        raise NotFound(
            f"plan {plan_id} has no change to undo", hint="the plan's history lists its changes"
        )
    plan = plan_from_dict(json.loads(row.document))
    _write(conn, plan_id, row.document, plan.summary())
    conn.execute(delete(plan_versions).where(plan_versions.c.id == row.id))
    return PlanVersion(int(row.id), plan_id, row.created_at, str(row.change)), plan


def get_plan(conn: Connection, athlete_id: int, plan_id: int | None = None) -> StoredPlan:
    """The plan ``plan_id``, or the athlete's active plan."""
    query = select(plans).where(plans.c.athlete_id == athlete_id)
    query = query.where(plans.c.id == plan_id) if plan_id else query.where(plans.c.status == ACTIVE)
    row = conn.execute(query.order_by(plans.c.id.desc()).limit(1)).mappings().first()
    if row is None:
        what = f"plan {plan_id}" if plan_id else "active plan"
        raise NotFound(
            f"there is no {what}", hint=Hint(Do.CREATE_PLAN, "create one from your profile")
        )
    return _stored(row)


def plan_in_force(conn: Connection, athlete_id: int, moment: datetime) -> Plan | None:
    """The athlete's plan as it stood at ``moment``: the newest plan made by then, as it read
    before the first change made after it (plan history, migration 0014). None: no plan yet."""
    row = conn.execute(
        select(plans.c.id, plans.c.document)
        .where(plans.c.athlete_id == athlete_id, plans.c.created_at <= moment)
        .order_by(plans.c.created_at.desc(), plans.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    later = conn.execute(
        select(plan_versions.c.document)
        .where(plan_versions.c.plan_id == row.id, plan_versions.c.created_at > moment)
        .order_by(plan_versions.c.id)
        .limit(1)
    ).scalar()
    return decoded_plan(later if later is not None else row.document)


def list_plans(conn: Connection, athlete_id: int) -> list[StoredPlan]:
    query = select(plans).where(plans.c.athlete_id == athlete_id).order_by(plans.c.id)
    return [_stored(row) for row in conn.execute(query).mappings()]


def _stored(row: object) -> StoredPlan:
    data = dict(row)  # type: ignore[call-overload]
    return StoredPlan(
        id=int(data["id"]),
        created_at=data["created_at"],
        goal_summary=str(data["goal_summary"]),
        status=str(data["status"]),
        plan=decoded_plan(str(data["document"])),
    )


def log_history(conn: Connection, athlete_id: int, today: date) -> tuple[date, float] | None:
    """The day of the first run in the training log before ``today`` and its longest run ever,
    or ``None`` when the log is not there or holds no runs."""
    if not inspect(conn).has_table("runs"):
        return None
    runs = Table("runs", MetaData(), autoload_with=conn)
    first, longest = conn.execute(
        select(func.min(runs.c.local_date), func.max(runs.c.distance_m)).where(
            runs.c.athlete_id == athlete_id, running_only(runs), runs.c.local_date < today
        )
    ).one()
    return None if first is None else (first, float(longest or 0.0))


def log_volume(conn: Connection, athlete_id: int, today: date) -> tuple[float, float] | None:
    """Weekly distance (last 4 weeks) and longest run (last 30 days) from the training log,
    or ``None`` when the log is not there (its table missing) or holds no runs."""
    if not inspect(conn).has_table("runs"):
        return None
    runs = Table("runs", MetaData(), autoload_with=conn)
    since = today - timedelta(days=max(LOG_WINDOW_DAYS, LONGEST_WINDOW_DAYS))
    rows = conn.execute(
        select(runs.c.local_date, func.coalesce(runs.c.distance_m, 0.0)).where(
            runs.c.athlete_id == athlete_id,
            running_only(runs),
            runs.c.local_date >= since,
            runs.c.local_date < today,
        )
    ).all()
    if not rows:
        return None
    weekly = sum(d for day, d in rows if (today - day).days <= LOG_WINDOW_DAYS)
    longest = max((d for day, d in rows if (today - day).days <= LONGEST_WINDOW_DAYS), default=0)
    return weekly * 7 / LOG_WINDOW_DAYS, float(longest)
