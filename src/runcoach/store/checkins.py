"""Repository functions for daily check-ins and the plan adjustments "today" made."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from runcoach.domain.today.health import CheckIn
from runcoach.store.checkin_reads import (
    HABIT_COLUMNS,
    LogRow,
    adjustments_between,
    checkin_of,
    checkins_between,
)
from runcoach.store.checkin_reads import log_rows as read_log_rows
from runcoach.store.tables import checkins, plan_adjustments


def save_checkin(conn: Connection, athlete_id: int, checkin: CheckIn) -> None:
    """Store the day's check-in; a second one on the same day replaces what it says."""
    values = {
        "feel": checkin.feel.value if checkin.feel else None,
        "symptoms": checkin.symptoms.value if checkin.symptoms else None,
        "note": checkin.note,
        "can_run": checkin.can_run,
        **{name: getattr(checkin.habits, name) for name in HABIT_COLUMNS},
    }
    where = (checkins.c.athlete_id == athlete_id) & (checkins.c.day == checkin.day)
    if conn.execute(update(checkins).where(where).values(values)).rowcount == 0:
        conn.execute(insert(checkins).values(athlete_id=athlete_id, day=checkin.day, **values))


def merged(old: CheckIn | None, new: CheckIn) -> CheckIn:
    """A new check-in for a day keeps what the earlier one said and the new one does not."""
    if old is None:
        return new
    return CheckIn(
        new.day,
        new.feel or old.feel,
        new.symptoms if new.feel else old.symptoms,
        _notes(old.note, new.note),
        new.can_run if new.can_run is not None else old.can_run,
        new.habits.over(old.habits),
    )


def _notes(old: str, new: str) -> str:
    """A second note of the day is added to the first, never written over it."""
    if not new or new in old.split("; "):
        return old
    return f"{old}; {new}" if old else new


def checkin_on(conn: Connection, athlete_id: int, day: date) -> CheckIn | None:
    row = conn.execute(
        select(checkins).where((checkins.c.athlete_id == athlete_id) & (checkins.c.day == day))
    ).first()
    return _checkin(row._mapping) if row else None


def list_checkins(
    conn: Connection, athlete_id: int, until: date | None = None, since: date | None = None
) -> list[CheckIn]:
    """The check-ins from ``since`` to ``until`` (each included when given), oldest first."""
    from runcoach.store.db import SqlAlchemyDb

    return checkins_between(SqlAlchemyDb(conn, conn.dialect.name), athlete_id, until, since)


def delete_checkin(conn: Connection, athlete_id: int, day: date) -> bool:
    where = (checkins.c.athlete_id == athlete_id) & (checkins.c.day == day)
    return conn.execute(delete(checkins).where(where)).rowcount > 0


def _checkin(row: Any) -> CheckIn:
    return checkin_of(row)


def save_adjustment(
    conn: Connection,
    athlete_id: int,
    day: date,
    kind: str,
    changes: list[str],
    detail: dict[str, Any],
) -> int:
    """Keep what was prescribed or changed (history: every answer given is kept)."""
    new_id = conn.execute(
        insert(plan_adjustments).values(
            athlete_id=athlete_id,
            day=day,
            kind=kind,
            changes=_changes_text(changes),
            detail=_detail_text(detail),
        )
    ).inserted_primary_key
    assert new_id is not None
    return int(new_id[0])


def is_last_adjustment(
    conn: Connection,
    athlete_id: int,
    day: date,
    kind: str,
    changes: list[str],
    detail: dict[str, Any],
) -> bool:
    """Whether the adjustment kept last for the day and kind is this one, to the byte."""
    last = conn.execute(
        select(plan_adjustments.c.changes, plan_adjustments.c.detail)
        .where(
            plan_adjustments.c.athlete_id == athlete_id,
            plan_adjustments.c.day == day,
            plan_adjustments.c.kind == kind,
        )
        .order_by(plan_adjustments.c.id.desc())
        .limit(1)
    ).first()
    return (
        last is not None
        and last.changes == _changes_text(changes)
        and last.detail == _detail_text(detail)
    )


def _changes_text(changes: list[str]) -> str:
    return ",".join(changes)[:400]


def _detail_text(detail: dict[str, Any]) -> str:
    return json.dumps(detail, ensure_ascii=False)


def list_adjustments(
    conn: Connection, athlete_id: int, first: date | None = None, last: date | None = None
) -> list[dict[str, Any]]:
    """Every adjustment between the days, oldest first (the latest of a day last)."""
    from runcoach.store.db import SqlAlchemyDb

    return adjustments_between(SqlAlchemyDb(conn, conn.dialect.name), athlete_id, first, last)


def log_rows(
    conn: Connection, athlete_id: int, since: date | None = None, until: date | None = None
) -> list[LogRow]:
    """What the day-by-day rules read of each run (``store.checkin_reads.log_rows``)."""
    from runcoach.store.db import SqlAlchemyDb

    return read_log_rows(SqlAlchemyDb(conn, conn.dialect.name), athlete_id, since, until)
