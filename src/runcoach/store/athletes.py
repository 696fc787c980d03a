"""Repository functions for athletes, and the locks that keep an athlete's log consistent."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, func, insert, or_, select, update

from runcoach.store.athlete_reads import first_athlete_id
from runcoach.store.db import SqlAlchemyDb
from runcoach.store.tables import athletes

DEFAULT_ATHLETE_NAME = "me"
# The first key of PostgreSQL's two-key advisory locks that runcoach takes ("RC" and a
# number), so that no other program's locks on the same database collide with runcoach's.
TRAINING_LOG_LOCK = 0x5243_0001  # with the athlete's id: writing the athlete's log
LOCAL_ATHLETE_LOCK = (0x5243_0002, 0)  # creating the local athlete
# What a runner tells about themself; NULL until told.
ATHLETE_SETTINGS = ("timezone", "max_hr", "resting_hr")


def default_athlete_id(conn: Connection) -> int:
    """The single local athlete of a command-line install, created on first use (once, even
    when several commands start on a new store at the same moment)."""
    found = local_athlete_id(conn)
    if found is not None:
        return found
    _lock(conn, LOCAL_ATHLETE_LOCK)
    found = local_athlete_id(conn)  # another command may have made it while this one waited
    if found is not None:
        return found
    new_id = conn.execute(insert(athletes).values(name=DEFAULT_ATHLETE_NAME)).inserted_primary_key
    assert new_id is not None
    return int(new_id[0])


def athlete_row(conn: Connection, athlete_id: int) -> Any:
    from runcoach.domain.errors import NotFound

    row = conn.execute(
        select(
            athletes.c.id,
            athletes.c.name,
            athletes.c.timezone,
            athletes.c.units,
            athletes.c.max_hr,
            athletes.c.resting_hr,
        ).where(athletes.c.id == athlete_id)
    ).first()
    if row is None:
        raise NotFound(f"there is no athlete {athlete_id}")
    return row


def update_athlete(conn: Connection, athlete_id: int, values: dict[str, Any]) -> None:
    conn.execute(update(athletes).where(athletes.c.id == athlete_id).values(**values))


def local_athlete_id(conn: Connection) -> int | None:
    """The local athlete, if there is one yet (a look at an empty store creates nothing)."""
    return first_athlete_id(SqlAlchemyDb(conn, conn.dialect.name))


def only_an_untouched_athlete(conn: Connection, athletes_table: Table) -> bool:
    """Whether ``athletes_table`` (as reflected, at any migration) holds nothing but the local
    athlete as a first look at the store made it: the default name and nothing told yet."""
    told = [
        athletes_table.c[name].is_not(None) for name in ATHLETE_SETTINGS if name in athletes_table.c
    ]
    rows = conn.execute(select(athletes_table.c.name, *([or_(*told)] if told else []))).all()
    return len(rows) == 1 and rows[0][0] == DEFAULT_ATHLETE_NAME and not any(rows[0][1:])


def lock_training_log(conn: Connection, athlete_id: int) -> None:
    """Hold the athlete's training log for the rest of the transaction: a second writer of
    the same log waits until this one commits, then sees what it wrote. So an import checks
    for duplicates and stores a run as one step, and two writers never count a week from
    different moments. On SQLite every transaction already holds the database's write lock
    from its BEGIN (``store/db.py``); on PostgreSQL an advisory transaction lock, taken again
    by the same transaction at no cost."""
    _lock(conn, (TRAINING_LOG_LOCK, athlete_id))


_HELD = "runcoach_xact_locks"  # Connection.info: the locks its transaction holds


def _lock(conn: Connection, key: tuple[int, int]) -> None:
    if conn.dialect.name != "postgresql":
        return
    transaction = conn.get_transaction()
    held = conn.info.setdefault(_HELD, {})
    if transaction is not None and held.get(key) is transaction:
        return  # taken already by this transaction: no round trip (an import, once per file)
    conn.execute(select(func.pg_advisory_xact_lock(*key)))
    if not conn.in_nested_transaction():  # a savepoint rolled back would release it
        held[key] = conn.get_transaction()


def data_version(conn: Connection, athlete_id: int) -> int:
    """The athlete's data version: raised by the database's own triggers on every write to
    the runs, plans, check-ins, today's answers, shoes and settings (0012_web_speed)."""
    from runcoach.store.db import SqlAlchemyDb
    from runcoach.store.log_reads import data_version as read_version

    return read_version(SqlAlchemyDb(conn, conn.dialect.name), athlete_id)
