"""The rows of one account's sharing, partners, groups, comments, coach grants and
notification preferences, as the account export writes them (services/account_export.py).

Never the secrets: no invitation's code hash. The other accounts a row names are named by
their id and their runner's name, as the account saw them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, or_, select
from sqlalchemy.orm import aliased

from runcoach.store.tables import (
    athletes,
    coach_grants,
    comments,
    group_members,
    notification_settings,
    partner_sessions,
    partnerships,
    privacy_zones,
    run_visibility,
    running_groups,
    runs,
    sharing_settings,
)


def _dicts(conn: Connection, query: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in conn.execute(query).mappings()]


def privacy_of(conn: Connection, athlete_id: int) -> dict[str, Any]:
    """The defaults per part, the trimmed ends, the zones, and every run's own audiences."""
    settings = _dicts(
        conn, select(sharing_settings).where(sharing_settings.c.athlete_id == athlete_id)
    )
    z = privacy_zones.c
    zones = _dicts(conn, select(z.id, z.name, z.latitude, z.longitude, z.radius_m, z.created_at)
                   .where(z.athlete_id == athlete_id).order_by(z.id))  # fmt: skip
    own = select(runs.c.id).where(runs.c.athlete_id == athlete_id)
    per_run = _dicts(conn, select(run_visibility).where(run_visibility.c.run_id.in_(own))
                     .order_by(run_visibility.c.run_id, run_visibility.c.part))  # fmt: skip
    return {"settings": settings[0] if settings else None, "zones": zones, "runs": per_run}


def partnerships_of(conn: Connection, athlete_id: int) -> list[dict[str, Any]]:
    inviter, invitee = aliased(athletes), aliased(athletes)
    query = (
        select(partnerships.c.id, partnerships.c.status, partnerships.c.inviter_id,
               inviter.c.name.label("inviter"), partnerships.c.invitee_id,
               invitee.c.name.label("invitee"), partnerships.c.email, partnerships.c.created_at,
               partnerships.c.accepted_at, partnerships.c.ended_at)
        .join(inviter, inviter.c.id == partnerships.c.inviter_id)
        .outerjoin(invitee, invitee.c.id == partnerships.c.invitee_id)
        .where(or_(partnerships.c.inviter_id == athlete_id,
                   partnerships.c.invitee_id == athlete_id))
        .order_by(partnerships.c.id)
    )  # fmt: skip
    return _dicts(conn, query)


def partner_sessions_of(conn: Connection, athlete_id: int) -> list[dict[str, Any]]:
    query = (
        select(partner_sessions.c.id, partner_sessions.c.runner_id, partner_sessions.c.partner_id,
               partner_sessions.c.day, partner_sessions.c.start_time,
               partner_sessions.c.workout_kind, partner_sessions.c.description,
               partner_sessions.c.status, partner_sessions.c.proposed_day,
               partner_sessions.c.proposed_time, partner_sessions.c.note)
        .where(or_(partner_sessions.c.runner_id == athlete_id,
                   partner_sessions.c.partner_id == athlete_id))
        .order_by(partner_sessions.c.id)
    )  # fmt: skip
    return _dicts(conn, query)


def memberships_of(conn: Connection, athlete_id: int) -> list[dict[str, Any]]:
    """The groups the account is in, with its role, and whether it created the group."""
    query = (
        select(running_groups.c.id, running_groups.c.name, running_groups.c.kind,
               running_groups.c.description, running_groups.c.goal_distance_m,
               running_groups.c.goal_time_s, running_groups.c.goal_date,
               running_groups.c.is_open, (running_groups.c.created_by == athlete_id)
               .label("created_by_me"), group_members.c.role, group_members.c.joined_at)
        .join(group_members, group_members.c.group_id == running_groups.c.id)
        .where(group_members.c.athlete_id == athlete_id)
        .order_by(running_groups.c.id)
    )  # fmt: skip
    return _dicts(conn, query)


def comments_by(conn: Connection, athlete_id: int) -> list[dict[str, Any]]:
    """The comments the account wrote, on whose run (a hidden one says so)."""
    query = (
        select(comments.c.id, comments.c.run_id, runs.c.athlete_id.label("run_owner_id"),
               athletes.c.name.label("run_owner"), runs.c.local_date.label("run_date"),
               comments.c.body, comments.c.created_at, comments.c.hidden_at)
        .join(runs, runs.c.id == comments.c.run_id)
        .join(athletes, athletes.c.id == runs.c.athlete_id)
        .where(comments.c.author_id == athlete_id)
        .order_by(comments.c.id)
    )  # fmt: skip
    return _dicts(conn, query)


def coach_grants_of(conn: Connection, athlete_id: int) -> list[dict[str, Any]]:
    """The grants the account gave a coach, and those it holds as a coach."""
    athlete, coach = aliased(athletes), aliased(athletes)
    query = (
        select(coach_grants.c.id, coach_grants.c.athlete_id, athlete.c.name.label("athlete"),
               coach_grants.c.coach_athlete_id, coach.c.name.label("coach"),
               coach_grants.c.access, coach_grants.c.created_at, coach_grants.c.accepted_at,
               coach_grants.c.revoked_at)
        .join(athlete, athlete.c.id == coach_grants.c.athlete_id)
        .outerjoin(coach, coach.c.id == coach_grants.c.coach_athlete_id)
        .where(or_(coach_grants.c.athlete_id == athlete_id,
                   coach_grants.c.coach_athlete_id == athlete_id))
        .order_by(coach_grants.c.id)
    )  # fmt: skip
    return _dicts(conn, query)


def notification_switches_of(conn: Connection, athlete_id: int) -> list[dict[str, Any]]:
    query = (
        select(notification_settings.c.kind, notification_settings.c.in_app,
               notification_settings.c.email)
        .where(notification_settings.c.athlete_id == athlete_id)
        .order_by(notification_settings.c.kind)
    )  # fmt: skip
    return _dicts(conn, query)
