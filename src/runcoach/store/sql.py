"""The store's reads as plain SQL, run by SQLAlchemy or by the standard library's sqlite3.

Every command is a new process, and importing SQLAlchemy costs about 170 ms of CPU: more
than half of what an everyday command (``runs list``, ``paces``) may take in all. The reads
those commands need are written here once, as plain SQL with named parameters (``:name``),
against ``Db``: a read-only transaction that answers rows as tuples. Two implementations:

- ``store.lite.SqliteReader``: sqlite3 on the home's SQLite file, for the command line when
  the store is already migrated (no SQLAlchemy imported at all);
- ``store.db.read_db``: a SQLAlchemy connection (PostgreSQL, the web app, the tests).

Both hand back what the database holds without conversion (SQLite: dates and instants as
text, booleans as 0 and 1; PostgreSQL: ``date`` and aware ``datetime``), so a read turns
its values into Python ones with ``day_of``, ``instant_of`` and ``bool``. Parameters are
turned into what SQLite stores (``sqlite_value``) by both SQLite implementations alike.
tests/store/test_sql_reads.py runs every read both ways on one store and compares them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from runcoach.domain.run.runs import NOT_RUNNING, RUN_SPORTS

if TYPE_CHECKING:
    from sqlalchemy import Engine

Params = Mapping[str, Any]


class Db(Protocol):
    """One read-only transaction: every query sees the same moment of the store."""

    dialect: str  # "sqlite" or "postgresql"

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        """The rows of ``sql`` (named parameters ``:name``), as tuples in the select's order."""
        ...


@runtime_checkable
class Reader(Protocol):
    """A store that opens read-only transactions without SQLAlchemy."""

    def read_db(self) -> AbstractContextManager[Db]: ...

    def write_db(self) -> AbstractContextManager[Writer]:
        """A write transaction of its own, beside any read transaction open on this store."""
        ...


def reading(source: Engine | Reader) -> AbstractContextManager[Db]:
    """A read-only transaction on ``source``: a ``Reader`` (sqlite3), or an engine."""
    if isinstance(source, Reader):
        return source.read_db()
    from runcoach.store.db import read_db  # SQLAlchemy only where an engine was handed

    return read_db(source)


DbReading = Callable[[], AbstractContextManager[Db]]  # opens a read-only transaction


def db_reading(source: Engine | Reader, db: Db | None = None) -> DbReading:
    """Reads through ``db`` (a page's one read-only transaction) when given, else each in a
    read-only transaction of its own on ``source``."""

    @contextmanager
    def read() -> Iterator[Db]:
        if db is not None:
            yield db
            return
        with reading(source) as own:
            yield own

    return read


def store_key(source: Engine | Reader) -> str:
    """Which store ``source`` reads, for the page cache's keys: its URL (a reader keeps the
    one it was opened with, so both name a SQLite file alike)."""
    return str(source.url)  # type: ignore[union-attr]


class Writer(Protocol):
    """A write transaction: statements with named parameters, many rows at once."""

    dialect: str

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]: ...

    def write(self, sql: str, rows: Sequence[Params]) -> None:
        """Run ``sql`` (an INSERT, UPDATE or DELETE) once per row of parameters."""
        ...


def writing(source: Engine | Reader) -> AbstractContextManager[Writer]:
    """A write transaction on ``source`` (committed at the end, rolled back on an error):
    sqlite3's ``BEGIN IMMEDIATE`` on a reader's file, else the engine's. The store's
    triggers (``data_version``) fire whichever writes."""
    if isinstance(source, Reader):
        return source.write_db()
    from runcoach.store.db import write_db  # SQLAlchemy only where an engine was handed

    return write_db(source)


def of_athlete_between(
    athlete: str, day: str, athlete_id: int, since: date | None, until: date | None
) -> tuple[str, dict[str, Any]]:
    """The WHERE text and parameters of one athlete's rows whose ``day`` column lies from
    ``since`` to ``until`` (each included when given)."""
    conditions = [f"{athlete} = :athlete_id"]
    params: dict[str, Any] = {"athlete_id": athlete_id}
    if since is not None:
        conditions.append(f"{day} >= :since")
        params["since"] = since
    if until is not None:
        conditions.append(f"{day} <= :until")
        params["until"] = until
    return " AND ".join(conditions), params


def one(db: Db, sql: str, params: Params | None = None) -> tuple[Any, ...] | None:
    """The first row of ``sql``, or None."""
    found = db.rows(sql, params)
    return found[0] if found else None


# --- values as SQLite stores them (the way SQLAlchemy's SQLite types write them) ----------


def sqlite_value(value: Any) -> Any:
    """A parameter as SQLite holds it: a day as ``YYYY-MM-DD``, an instant as naive UTC
    ``YYYY-MM-DD HH:MM:SS.ffffff`` (SQLAlchemy's SQLite DATETIME), a boolean as 0 or 1."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def sqlite_params(params: Params | None) -> dict[str, Any]:
    return {} if params is None else {k: sqlite_value(v) for k, v in params.items()}


def date_part(dialect: str, field: str, column: str) -> str:
    """The year, month or day of a date column as an integer, in the store's dialect (SQLite
    keeps a date as its ISO text: cut out, a third cheaper than ``strftime``)."""
    if dialect == "sqlite":
        first, length = {"year": (1, 4), "month": (6, 2), "day": (9, 2)}[field]
        return f"CAST(substr({column}, {first}, {length}) AS INTEGER)"
    return f"CAST(extract({field} FROM {column}) AS INTEGER)"


def day_of(value: date | str) -> date:
    """A stored day (SQLite: text) as a date."""
    return value if isinstance(value, date) else date.fromisoformat(value)


UTC_SUFFIX = "+00:00"  # an ISO instant's offset from UTC, for SQLite's naive text


def instant_of(value: datetime | str) -> datetime:
    """A stored instant (SQLite: naive UTC text; PostgreSQL: aware) as an aware datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if len(value) > 10 and value[-6] not in "+-" and value[-1] != "Z":  # naive: parse once
        try:
            return datetime.fromisoformat(value + UTC_SUFFIX)
        except ValueError:
            pass  # an offset of another form ("+0100"): read as it is below
    found = datetime.fromisoformat(value)
    if found.tzinfo is not None:
        return found
    # read again as UTC: a tenth of ``replace(tzinfo=UTC)``, which a decade's report pays for
    # 3,000 runs and 6,400 laps
    found = datetime.fromisoformat(value + UTC_SUFFIX)
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)  # a bare date


# --- what counts as running: the SQL form of ``Run.is_run`` (as store/running.py) ---------


def _quoted(values: Sequence[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


RUN_SPORT_VALUES = tuple(sorted(s.value for s in RUN_SPORTS))
NOT_RUNNING_VALUES = tuple(sorted(t.value for t in NOT_RUNNING))
# Running, on the ``runs`` table named ``runs`` (the values are runcoach's own constants).
RUNNING_ONLY = (
    f"runs.sport IN ({_quoted(RUN_SPORT_VALUES)}) AND (runs.workout_type IS NULL "
    f"OR runs.workout_type NOT IN ({_quoted(NOT_RUNNING_VALUES)}))"
)
