"""Repository functions for partnerships and partner sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, or_, select, update

from runcoach.domain.errors import NotFound
from runcoach.store.tables import athletes, partner_sessions, partnerships


def add_invitation(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(partnerships).values(**values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def by_code(conn: Connection, code_hash: str) -> Any | None:
    return conn.execute(
        select(partnerships).where(partnerships.c.code_hash == code_hash)
    ).one_or_none()


def partnership(conn: Connection, partnership_id: int, athlete_id: int) -> Any:
    """A partnership the athlete is in (NotFound for anyone else's)."""
    found = conn.execute(
        select(partnerships).where(
            partnerships.c.id == partnership_id,
            or_(partnerships.c.inviter_id == athlete_id, partnerships.c.invitee_id == athlete_id),
        )
    ).one_or_none()
    if found is None:
        raise NotFound(f"you have no partnership {partnership_id}")
    return found


def active_between(conn: Connection, one: int, other: int) -> Any | None:
    return conn.execute(
        select(partnerships).where(
            partnerships.c.status == "active",
            or_(
                (partnerships.c.inviter_id == one) & (partnerships.c.invitee_id == other),
                (partnerships.c.inviter_id == other) & (partnerships.c.invitee_id == one),
            ),
        )
    ).first()


def update_partnership(conn: Connection, partnership_id: int, values: dict[str, Any]) -> None:
    conn.execute(update(partnerships).where(partnerships.c.id == partnership_id).values(**values))


def partnerships_of(conn: Connection, athlete_id: int) -> list[Any]:
    """Active partnerships and invitations the athlete sent that are still open."""
    return list(
        conn.execute(
            select(partnerships)
            .where(
                or_(
                    (partnerships.c.status == "active")
                    & or_(
                        partnerships.c.inviter_id == athlete_id,
                        partnerships.c.invitee_id == athlete_id,
                    ),
                    (partnerships.c.status == "invited")
                    & (partnerships.c.inviter_id == athlete_id),
                )
            )
            .order_by(partnerships.c.id)
        )
    )


def names(conn: Connection, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = conn.execute(select(athletes.c.id, athletes.c.name).where(athletes.c.id.in_(ids)))
    return {int(i): str(n) for i, n in rows}


def end_sessions(conn: Connection, partnership_id: int, now: datetime) -> None:
    conn.execute(
        update(partner_sessions)
        .where(
            partner_sessions.c.partnership_id == partnership_id,
            partner_sessions.c.status.in_(["invited", "accepted", "proposed"]),
        )
        .values(status="cancelled", answered_at=now)
    )


def add_session(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(partner_sessions).values(**values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def session(conn: Connection, session_id: int, athlete_id: int) -> Any:
    found = conn.execute(
        select(partner_sessions).where(
            partner_sessions.c.id == session_id,
            or_(
                partner_sessions.c.runner_id == athlete_id,
                partner_sessions.c.partner_id == athlete_id,
            ),
        )
    ).one_or_none()
    if found is None:
        raise NotFound(f"you have no partner session {session_id}")
    return found


def update_session(conn: Connection, session_id: int, values: dict[str, Any]) -> None:
    conn.execute(
        update(partner_sessions).where(partner_sessions.c.id == session_id).values(**values)
    )


def sessions_of(conn: Connection, athlete_id: int, since: Any) -> list[Any]:
    return list(
        conn.execute(
            select(partner_sessions)
            .where(
                or_(
                    partner_sessions.c.runner_id == athlete_id,
                    partner_sessions.c.partner_id == athlete_id,
                ),
                partner_sessions.c.day >= since,
            )
            .order_by(partner_sessions.c.day, partner_sessions.c.id)
        )
    )
