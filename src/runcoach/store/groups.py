"""Repository functions for groups, their members and challenges, and the run days a group
board counts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from runcoach.domain.errors import NotFound
from runcoach.store.running import running_only
from runcoach.store.tables import (
    challenges,
    group_invitations,
    group_join_requests,
    group_members,
    running_groups,
    runs,
)


def add_group(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(running_groups).values(**values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def group(conn: Connection, group_id: int) -> Any:
    found = conn.execute(
        select(running_groups).where(running_groups.c.id == group_id)
    ).one_or_none()
    if found is None:
        raise NotFound(f"there is no group {group_id}")
    return found


def update_group(conn: Connection, group_id: int, values: dict[str, Any]) -> None:
    conn.execute(update(running_groups).where(running_groups.c.id == group_id).values(**values))


def delete_group(conn: Connection, group_id: int) -> None:
    conn.execute(delete(running_groups).where(running_groups.c.id == group_id))


def all_groups(conn: Connection) -> list[Any]:
    counts = (
        select(group_members.c.group_id, func.count().label("members"))
        .group_by(group_members.c.group_id)
        .subquery()
    )
    return list(
        conn.execute(
            select(running_groups, func.coalesce(counts.c.members, 0).label("members"))
            .outerjoin(counts, counts.c.group_id == running_groups.c.id)
            .order_by(running_groups.c.name, running_groups.c.id)
        )
    )


def role_of(conn: Connection, group_id: int, athlete_id: int) -> str | None:
    found = conn.execute(
        select(group_members.c.role).where(
            group_members.c.group_id == group_id, group_members.c.athlete_id == athlete_id
        )
    ).scalar()
    return None if found is None else str(found)


def add_member(conn: Connection, group_id: int, athlete_id: int, role: str, now: datetime) -> None:
    conn.execute(
        insert(group_members).values(
            group_id=group_id, athlete_id=athlete_id, role=role, joined_at=now
        )
    )


def set_role(conn: Connection, group_id: int, athlete_id: int, role: str) -> None:
    conn.execute(
        update(group_members)
        .where(group_members.c.group_id == group_id, group_members.c.athlete_id == athlete_id)
        .values(role=role)
    )


def remove_member(conn: Connection, group_id: int, athlete_id: int) -> None:
    conn.execute(
        delete(group_members).where(
            group_members.c.group_id == group_id, group_members.c.athlete_id == athlete_id
        )
    )


def members(conn: Connection, group_id: int) -> list[Any]:
    from runcoach.store.tables import athletes

    return list(
        conn.execute(
            select(group_members.c.athlete_id, group_members.c.role, athletes.c.name)
            .join(athletes, athletes.c.id == group_members.c.athlete_id)
            .where(group_members.c.group_id == group_id)
            .order_by(group_members.c.joined_at, group_members.c.athlete_id)
        )
    )


def groups_of(conn: Connection, athlete_id: int) -> list[int]:
    rows = conn.execute(
        select(group_members.c.group_id).where(group_members.c.athlete_id == athlete_id)
    )
    return [int(r) for (r,) in rows]


def run_rows(conn: Connection, athlete_ids: list[int], first: date, last: date) -> list[Any]:
    """Every running run of these athletes between two local dates (id, owner, day, metres)."""
    if not athlete_ids:
        return []
    return list(
        conn.execute(
            select(runs.c.id, runs.c.athlete_id, runs.c.local_date, runs.c.distance_m, runs.c.name)
            .where(
                runs.c.athlete_id.in_(athlete_ids),
                running_only(),
                runs.c.local_date >= first,
                runs.c.local_date <= last,
            )
            .order_by(runs.c.local_date.desc(), runs.c.id.desc())
        )
    )


def add_challenge(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(challenges).values(**values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def challenges_of(conn: Connection, group_id: int) -> list[Any]:
    return list(
        conn.execute(
            select(challenges)
            .where(challenges.c.group_id == group_id)
            .order_by(challenges.c.starts_on.desc(), challenges.c.id)
        )
    )


def challenges_ending_since(conn: Connection, first: date) -> list[Any]:
    """Every challenge (of any group) whose last day is ``first`` or later."""
    return list(
        conn.execute(
            select(challenges).where(challenges.c.ends_on >= first).order_by(challenges.c.id)
        )
    )


# --- invitations and join requests (0018) ------------------------------------------------------


def add_invitation(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(group_invitations).values(**values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def invitation_by_code(conn: Connection, code_hash: str) -> Any | None:
    return conn.execute(
        select(group_invitations).where(group_invitations.c.code_hash == code_hash)
    ).one_or_none()


def use_invitation(conn: Connection, invitation_id: int, athlete_id: int, now: datetime) -> None:
    conn.execute(
        update(group_invitations)
        .where(group_invitations.c.id == invitation_id)
        .values(code_hash=None, accepted_by=athlete_id, accepted_at=now)
    )


def add_join_request(conn: Connection, group_id: int, athlete_id: int, now: datetime) -> None:
    conn.execute(
        insert(group_join_requests).values(group_id=group_id, athlete_id=athlete_id, created_at=now)
    )


def join_requests(conn: Connection, group_id: int) -> list[Any]:
    from runcoach.store.tables import athletes

    return list(
        conn.execute(
            select(
                group_join_requests.c.athlete_id, athletes.c.name, group_join_requests.c.created_at
            )
            .join(athletes, athletes.c.id == group_join_requests.c.athlete_id)
            .where(group_join_requests.c.group_id == group_id)
            .order_by(group_join_requests.c.created_at, group_join_requests.c.athlete_id)
        )
    )


def has_join_request(conn: Connection, group_id: int, athlete_id: int) -> bool:
    found = conn.execute(
        select(group_join_requests.c.athlete_id).where(
            group_join_requests.c.group_id == group_id,
            group_join_requests.c.athlete_id == athlete_id,
        )
    ).first()
    return found is not None


def drop_join_request(conn: Connection, group_id: int, athlete_id: int) -> None:
    conn.execute(
        delete(group_join_requests).where(
            group_join_requests.c.group_id == group_id,
            group_join_requests.c.athlete_id == athlete_id,
        )
    )


def asked_by(conn: Connection, athlete_id: int) -> list[int]:
    """The groups a runner asked to join, waiting for an answer."""
    rows = conn.execute(
        select(group_join_requests.c.group_id).where(group_join_requests.c.athlete_id == athlete_id)
    )
    return sorted(int(r) for (r,) in rows)
