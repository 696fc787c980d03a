"""Repository functions for coaches' grants and the changes coaches made to plans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from runcoach.domain.accountability.coaching import Access
from runcoach.store.moments import aware
from runcoach.store.tables import coach_grants, plan_changes


@dataclass(frozen=True)
class Grant:
    id: int
    athlete_id: int
    coach_athlete_id: int | None  # None: the invitation is not accepted yet
    access: Access
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None

    @property
    def live(self) -> bool:
        return self.coach_athlete_id is not None and self.revoked_at is None


_COLUMNS = (
    coach_grants.c.id, coach_grants.c.athlete_id, coach_grants.c.coach_athlete_id,
    coach_grants.c.access, coach_grants.c.created_at, coach_grants.c.expires_at,
    coach_grants.c.accepted_at, coach_grants.c.revoked_at,
)  # fmt: skip


def _grant(row: Any) -> Grant:
    r = tuple(row)
    return Grant(r[0], r[1], r[2], Access(r[3]), _at(r[4]), _at(r[5]), aware(r[6]), aware(r[7]))


def _at(value: datetime | None) -> datetime:
    found = aware(value)
    assert found is not None
    return found


def add_grant(
    conn: Connection,
    athlete_id: int,
    access: Access,
    code_hash: str,
    now: datetime,
    expires: datetime,
) -> int:
    found = conn.execute(
        insert(coach_grants).values(
            athlete_id=athlete_id, access=access.value, code_hash=code_hash, created_at=now,
            expires_at=expires,
        )
    ).inserted_primary_key  # fmt: skip
    assert found is not None
    return int(found[0])


def grant_by_code(conn: Connection, code_hash: str) -> Grant | None:
    row = conn.execute(select(*_COLUMNS).where(coach_grants.c.code_hash == code_hash)).first()
    return None if row is None else _grant(row)


def accept(conn: Connection, grant_id: int, coach_athlete_id: int, now: datetime) -> bool:
    done = conn.execute(
        update(coach_grants)
        .where(
            coach_grants.c.id == grant_id,
            coach_grants.c.coach_athlete_id.is_(None),
            coach_grants.c.revoked_at.is_(None),
        )
        .values(coach_athlete_id=coach_athlete_id, accepted_at=now)
    )
    return done.rowcount == 1


def grants_of(conn: Connection, athlete_id: int) -> list[Grant]:
    """The athlete's grants and open invitations, newest first."""
    rows = conn.execute(
        select(*_COLUMNS)
        .where(coach_grants.c.athlete_id == athlete_id)
        .order_by(coach_grants.c.created_at.desc(), coach_grants.c.id.desc())
    ).all()
    return [_grant(r) for r in rows]


def live_grant(conn: Connection, athlete_id: int, coach_athlete_id: int) -> Grant | None:
    """The accepted, unrevoked grant of ``athlete_id`` to the coach (the newest)."""
    rows = conn.execute(
        select(*_COLUMNS)
        .where(
            coach_grants.c.athlete_id == athlete_id,
            coach_grants.c.coach_athlete_id == coach_athlete_id,
            coach_grants.c.revoked_at.is_(None),
        )
        .order_by(coach_grants.c.id.desc())
    ).all()
    return _grant(rows[0]) if rows else None


def coached_by(conn: Connection, coach_athlete_id: int) -> list[Grant]:
    """The live grants a coach holds, one per athlete."""
    rows = conn.execute(
        select(*_COLUMNS)
        .where(
            coach_grants.c.coach_athlete_id == coach_athlete_id,
            coach_grants.c.revoked_at.is_(None),
        )
        .order_by(coach_grants.c.athlete_id, coach_grants.c.id.desc())
    ).all()
    seen: dict[int, Grant] = {}
    for row in rows:
        grant = _grant(row)
        seen.setdefault(grant.athlete_id, grant)
    return list(seen.values())


def revoke(conn: Connection, athlete_id: int, grant_id: int, now: datetime) -> bool:
    done = conn.execute(
        update(coach_grants)
        .where(
            coach_grants.c.id == grant_id,
            coach_grants.c.athlete_id == athlete_id,
            coach_grants.c.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    return done.rowcount == 1


def set_access(conn: Connection, athlete_id: int, grant_id: int, access: Access) -> bool:
    done = conn.execute(
        update(coach_grants)
        .where(
            coach_grants.c.id == grant_id,
            coach_grants.c.athlete_id == athlete_id,
            coach_grants.c.revoked_at.is_(None),
        )
        .values(access=access.value)
    )
    return done.rowcount == 1


# ---- the changes a coach made to a plan -------------------------------------------------


@dataclass(frozen=True)
class PlanChange:
    id: int
    plan_id: int
    author_athlete_id: int | None
    day: date
    change: str
    note: str
    created_at: datetime


def add_plan_change(
    conn: Connection,
    athlete_id: int,
    plan_id: int,
    author: int,
    day: date,
    change: str,
    note: str,
    now: datetime,
) -> int:
    found = conn.execute(
        insert(plan_changes).values(
            athlete_id=athlete_id, plan_id=plan_id, author_athlete_id=author, day=day,
            change=change, note=note, created_at=now,
        )
    ).inserted_primary_key  # fmt: skip
    assert found is not None
    return int(found[0])


def plan_changes_of(conn: Connection, athlete_id: int, limit: int = 50) -> list[PlanChange]:
    rows = conn.execute(
        select(plan_changes)
        .where(plan_changes.c.athlete_id == athlete_id)
        .order_by(plan_changes.c.created_at.desc(), plan_changes.c.id.desc())
        .limit(limit)
    ).all()
    return [
        PlanChange(r.id, r.plan_id, r.author_athlete_id, r.day, r.change, r.note,
                   _at(r.created_at))
        for r in rows
    ]  # fmt: skip
