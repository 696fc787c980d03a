"""Repository functions for comments and kudos on runs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from runcoach.domain.errors import NotFound
from runcoach.store.tables import athletes, comments, group_members, kudos


def add_comment(conn: Connection, run_id: int, author_id: int, body: str, now: datetime) -> int:
    result = conn.execute(
        insert(comments).values(run_id=run_id, author_id=author_id, body=body, created_at=now)
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def comments_of(conn: Connection, run_ids: Sequence[int]) -> list[Any]:
    if not run_ids:
        return []
    return list(
        conn.execute(
            select(comments, athletes.c.name.label("author_name"))
            .join(athletes, athletes.c.id == comments.c.author_id)
            .where(comments.c.run_id.in_(list(run_ids)))
            .order_by(comments.c.created_at, comments.c.id)
        )
    )


def comment(conn: Connection, comment_id: int) -> Any:
    found = conn.execute(select(comments).where(comments.c.id == comment_id)).one_or_none()
    if found is None:
        raise NotFound(f"there is no comment {comment_id}")
    return found


def set_hidden(
    conn: Connection, comment_id: int, hidden_by: int | None, now: datetime | None
) -> None:
    conn.execute(
        update(comments)
        .where(comments.c.id == comment_id)
        .values(hidden_by=hidden_by, hidden_at=now)
    )


def delete_comment(conn: Connection, comment_id: int) -> None:
    conn.execute(delete(comments).where(comments.c.id == comment_id))


def give_kudos(conn: Connection, run_id: int, athlete_id: int, now: datetime) -> bool:
    """True when new (kudos are given once per runner and run)."""
    there = conn.execute(
        select(kudos.c.run_id).where(kudos.c.run_id == run_id, kudos.c.athlete_id == athlete_id)
    ).first()
    if there is not None:
        return False
    conn.execute(insert(kudos).values(run_id=run_id, athlete_id=athlete_id, created_at=now))
    return True


def take_back_kudos(conn: Connection, run_id: int, athlete_id: int) -> None:
    conn.execute(delete(kudos).where(kudos.c.run_id == run_id, kudos.c.athlete_id == athlete_id))


def kudos_of(conn: Connection, run_ids: Sequence[int]) -> list[Any]:
    if not run_ids:
        return []
    return list(
        conn.execute(
            select(kudos.c.run_id, kudos.c.athlete_id, athletes.c.name)
            .join(athletes, athletes.c.id == kudos.c.athlete_id)
            .where(kudos.c.run_id.in_(list(run_ids)))
            .order_by(kudos.c.created_at)
        )
    )


def moderates_group_of(conn: Connection, moderator_id: int, athlete_id: int) -> bool:
    """Whether ``moderator_id`` is an admin of a group ``athlete_id`` is in."""
    theirs = select(group_members.c.group_id).where(group_members.c.athlete_id == athlete_id)
    found = conn.execute(
        select(func.count())
        .select_from(group_members)
        .where(
            group_members.c.athlete_id == moderator_id,
            group_members.c.role == "admin",
            group_members.c.group_id.in_(theirs),
        )
    ).scalar_one()
    return int(found) > 0
