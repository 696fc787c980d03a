"""Repository functions for athletes."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from runcoach.store.tables import athletes

DEFAULT_ATHLETE_NAME = "me"


def default_athlete_id(conn: Connection) -> int:
    """The single local athlete of a command-line install, created on first use."""
    found = conn.execute(select(athletes.c.id).order_by(athletes.c.id).limit(1)).scalar()
    if found is not None:
        return int(found)
    new_id = conn.execute(insert(athletes).values(name=DEFAULT_ATHLETE_NAME)).inserted_primary_key
    assert new_id is not None
    return int(new_id[0])


def athlete_or_local(conn: Connection, athlete_id: int | None) -> int:
    """The athlete a door asked for (the web: the account's); the local athlete of a
    command-line install when none was given."""
    return default_athlete_id(conn) if athlete_id is None else athlete_id
