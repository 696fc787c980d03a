"""Repository functions for privacy: a runner's sharing defaults, per-run overrides, privacy
zones, and who stands how to whom (partners, fellow group members)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from runcoach.domain.accountability.privacy import Audience, SharedPart, Sharing
from runcoach.domain.accountability.zones import DEFAULT_TRIM_M, PrivacyZone
from runcoach.domain.errors import NotFound
from runcoach.store.running import running_only
from runcoach.store.tables import (
    athletes,
    group_members,
    partnerships,
    privacy_zones,
    run_visibility,
    runs,
    sharing_settings,
)

_PART_COLUMNS = {
    SharedPart.SUMMARY: "summary_audience",
    SharedPart.MAP: "map_audience",
    SharedPart.HEART_RATE: "heart_rate_audience",
}
ACTIVE = "active"


def settings_row(conn: Connection, athlete_id: int) -> Any | None:
    return conn.execute(
        select(sharing_settings).where(sharing_settings.c.athlete_id == athlete_id)
    ).one_or_none()


def sharing_of(conn: Connection, athlete_id: int) -> Sharing:
    row = settings_row(conn, athlete_id)
    if row is None:
        return Sharing()
    return Sharing({part: Audience(getattr(row, col)) for part, col in _PART_COLUMNS.items()})


def trim_of(conn: Connection, athlete_id: int) -> float:
    row = settings_row(conn, athlete_id)
    return DEFAULT_TRIM_M if row is None else float(row.trim_m)


def save_settings(conn: Connection, athlete_id: int, values: Mapping[str, Any]) -> None:
    """Upsert a runner's sharing settings (only the columns given change)."""
    if settings_row(conn, athlete_id) is None:
        conn.execute(insert(sharing_settings).values(athlete_id=athlete_id, **values))
    else:
        conn.execute(
            update(sharing_settings)
            .where(sharing_settings.c.athlete_id == athlete_id)
            .values(**values)
        )


def defaults_values(defaults: Mapping[SharedPart, Audience]) -> dict[str, str]:
    return {_PART_COLUMNS[part]: audience.value for part, audience in defaults.items()}


def run_owner_or_none(conn: Connection, run_id: int) -> int | None:
    found = conn.execute(select(runs.c.athlete_id).where(runs.c.id == run_id)).scalar()
    return None if found is None else int(found)


def run_overrides(conn: Connection, run_id: int) -> dict[SharedPart, Audience]:
    rows = conn.execute(
        select(run_visibility.c.part, run_visibility.c.audience).where(
            run_visibility.c.run_id == run_id
        )
    )
    return {SharedPart(part): Audience(audience) for part, audience in rows}


def overrides_of_runs(
    conn: Connection, run_ids: list[int]
) -> dict[int, dict[SharedPart, Audience]]:
    found: dict[int, dict[SharedPart, Audience]] = {}
    if not run_ids:
        return found
    rows = conn.execute(select(run_visibility).where(run_visibility.c.run_id.in_(run_ids)))
    for row in rows:
        found.setdefault(row.run_id, {})[SharedPart(row.part)] = Audience(row.audience)
    return found


def set_run_overrides(
    conn: Connection, run_id: int, overrides: Mapping[SharedPart, Audience | None]
) -> None:
    """Set (or, with None, drop back to the default) one run's audience per part."""
    for part, audience in overrides.items():
        conn.execute(
            delete(run_visibility).where(
                run_visibility.c.run_id == run_id, run_visibility.c.part == part.value
            )
        )
        if audience is not None:
            conn.execute(
                insert(run_visibility).values(
                    run_id=run_id, part=part.value, audience=audience.value
                )
            )


# --- privacy zones ---------------------------------------------------------------------------


def zones_of(conn: Connection, athlete_id: int) -> list[tuple[int, PrivacyZone]]:
    rows = conn.execute(
        select(privacy_zones)
        .where(privacy_zones.c.athlete_id == athlete_id)
        .order_by(privacy_zones.c.id)
    )
    return [
        (row.id, PrivacyZone(row.name, row.latitude, row.longitude, row.radius_m)) for row in rows
    ]


def add_zone(conn: Connection, athlete_id: int, zone: PrivacyZone, now: datetime) -> int:
    result = conn.execute(
        insert(privacy_zones).values(
            athlete_id=athlete_id,
            name=zone.name.strip(),
            latitude=zone.latitude,
            longitude=zone.longitude,
            radius_m=zone.radius_m,
            created_at=now,
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def delete_zone(conn: Connection, athlete_id: int, zone_id: int) -> None:
    gone = conn.execute(
        delete(privacy_zones).where(
            privacy_zones.c.id == zone_id, privacy_zones.c.athlete_id == athlete_id
        )
    )
    if gone.rowcount == 0:
        raise NotFound(f"you have no privacy zone {zone_id}")


# --- relations ---------------------------------------------------------------------------------


def are_partners(conn: Connection, one: int, other: int) -> bool:
    return (
        conn.execute(
            select(partnerships.c.id).where(
                partnerships.c.status == ACTIVE,
                or_(
                    and_(partnerships.c.inviter_id == one, partnerships.c.invitee_id == other),
                    and_(partnerships.c.inviter_id == other, partnerships.c.invitee_id == one),
                ),
            )
        ).first()
        is not None
    )


def share_a_group(conn: Connection, one: int, other: int) -> bool:
    mine = select(group_members.c.group_id).where(group_members.c.athlete_id == one)
    return (
        conn.execute(
            select(group_members.c.group_id).where(
                group_members.c.athlete_id == other, group_members.c.group_id.in_(mine)
            )
        ).first()
        is not None
    )


def partners_of(conn: Connection, athlete_id: int) -> list[int]:
    rows = conn.execute(
        select(partnerships.c.inviter_id, partnerships.c.invitee_id).where(
            partnerships.c.status == ACTIVE,
            or_(partnerships.c.inviter_id == athlete_id, partnerships.c.invitee_id == athlete_id),
        )
    )
    return sorted({b if a == athlete_id else a for a, b in rows})


def group_mates_of(conn: Connection, athlete_id: int) -> list[int]:
    mine = select(group_members.c.group_id).where(group_members.c.athlete_id == athlete_id)
    rows = conn.execute(
        select(group_members.c.athlete_id)
        .where(group_members.c.group_id.in_(mine), group_members.c.athlete_id != athlete_id)
        .distinct()
    )
    return sorted(int(r) for (r,) in rows)


def athlete_name(conn: Connection, athlete_id: int) -> str:
    """The name another runner sees (never the email address)."""
    found = conn.execute(select(athletes.c.name).where(athletes.c.id == athlete_id)).scalar()
    return str(found) if found else f"runner {athlete_id}"


def runs_before(
    conn: Connection, owners: list[int], before: tuple[Any, int] | None, limit: int
) -> list[Any]:
    """The owners' running runs, newest first (local date, then id), strictly after the
    ``before`` key (the last of the previous page): a keyset, so pages stay put while new
    runs arrive."""
    if not owners:
        return []
    query = select(
        runs.c.id, runs.c.athlete_id, runs.c.local_date, runs.c.distance_m, runs.c.name
    ).where(runs.c.athlete_id.in_(owners), running_only())
    if before is not None:
        day, run_id = before
        query = query.where(or_(runs.c.local_date < day,
                                and_(runs.c.local_date == day, runs.c.id < run_id)))  # fmt: skip
    query = query.order_by(runs.c.local_date.desc(), runs.c.id.desc()).limit(limit)
    return list(conn.execute(query))


def athlete_exists(conn: Connection, athlete_id: int) -> bool:
    return (
        conn.execute(select(athletes.c.id).where(athletes.c.id == athlete_id)).first() is not None
    )
