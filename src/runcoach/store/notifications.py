"""Repository functions for notifications: the in-app list, the email outbox and the kinds
each runner switched off."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from runcoach.store.tables import accounts, invitation_emails, notification_settings, notifications

PENDING, SENT, FAILED, NO_EMAIL, EXPIRED = "pending", "sent", "failed", "none", "expired"


def switches(conn: Connection, athlete_id: int) -> dict[str, tuple[bool, bool]]:
    """The kinds switched off or on again: kind -> (in the app, by email)."""
    rows = conn.execute(
        select(notification_settings).where(notification_settings.c.athlete_id == athlete_id)
    )
    return {row.kind: (bool(row.in_app), bool(row.email)) for row in rows}


def set_switch(conn: Connection, athlete_id: int, kind: str, in_app: bool, email: bool) -> None:
    conn.execute(
        delete(notification_settings).where(
            notification_settings.c.athlete_id == athlete_id,
            notification_settings.c.kind == kind,
        )
    )
    conn.execute(
        insert(notification_settings).values(
            athlete_id=athlete_id, kind=kind, in_app=in_app, email=email
        )
    )


def has_key(conn: Connection, athlete_id: int, dedupe_key: str) -> bool:
    found = conn.execute(
        select(notifications.c.id).where(
            notifications.c.athlete_id == athlete_id, notifications.c.dedupe_key == dedupe_key
        )
    ).first()
    return found is not None


def email_of(conn: Connection, athlete_id: int) -> str | None:
    found = conn.execute(select(accounts.c.email).where(accounts.c.athlete_id == athlete_id))
    email = found.scalar()
    return None if email is None else str(email)


def add(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(notifications).values(**values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def listed(conn: Connection, athlete_id: int, unread_only: bool, limit: int) -> list[Any]:
    query = select(notifications).where(
        notifications.c.athlete_id == athlete_id, notifications.c.in_app.is_(True)
    )
    if unread_only:
        query = query.where(notifications.c.read_at.is_(None))
    return list(conn.execute(query.order_by(notifications.c.id.desc()).limit(limit)))


def unread(conn: Connection, athlete_id: int) -> int:
    return int(
        conn.execute(
            select(func.count())
            .select_from(notifications)
            .where(
                notifications.c.athlete_id == athlete_id,
                notifications.c.in_app.is_(True),
                notifications.c.read_at.is_(None),
            )
        ).scalar_one()
    )


def mark_read(conn: Connection, athlete_id: int, ids: Sequence[int] | None, now: datetime) -> int:
    query = update(notifications).where(
        notifications.c.athlete_id == athlete_id, notifications.c.read_at.is_(None)
    )
    if ids is not None:
        query = query.where(notifications.c.id.in_(list(ids)))
    return int(conn.execute(query.values(read_at=now)).rowcount)


def pending(conn: Connection, limit: int) -> list[Any]:
    return list(
        conn.execute(
            select(notifications, accounts.c.email)
            .join(accounts, accounts.c.athlete_id == notifications.c.athlete_id)
            .where(notifications.c.email_state == PENDING)
            .order_by(notifications.c.id)
            .limit(limit)
        )
    )


def set_email_state(conn: Connection, notification_id: int, state: str, now: datetime) -> None:
    conn.execute(
        update(notifications)
        .where(notifications.c.id == notification_id)
        .values(email_state=state, emailed_at=now)
    )


def expire_pending(conn: Connection, before: datetime, now: datetime) -> None:
    conn.execute(
        update(notifications)
        .where(notifications.c.email_state == PENDING, notifications.c.created_at < before)
        .values(email_state=EXPIRED, emailed_at=now)
    )


# --- invitations emailed to an address without an account (0018) ------------------------------


def add_invitation_email(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(invitation_emails).values(state=PENDING, **values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def pending_invitation_emails(conn: Connection, limit: int) -> list[Any]:
    return list(
        conn.execute(
            select(invitation_emails)
            .where(invitation_emails.c.state == PENDING)
            .order_by(invitation_emails.c.id)
            .limit(limit)
        )
    )


def set_invitation_email_state(conn: Connection, email_id: int, state: str, now: datetime) -> None:
    conn.execute(
        update(invitation_emails)
        .where(invitation_emails.c.id == email_id)
        .values(state=state, sent_at=now)
    )


def expire_invitation_emails(conn: Connection, before: datetime, now: datetime) -> None:
    conn.execute(
        update(invitation_emails)
        .where(invitation_emails.c.state == PENDING, invitation_emails.c.created_at < before)
        .values(state=EXPIRED, sent_at=now)
    )
