"""Writes whose results nobody reads, sent together: fewer round trips on PostgreSQL.

An import writes a run's laps, best efforts and samples right after the run (docs/benchmarks.md,
"Fast at every door"): statements whose answers are only "done". On PostgreSQL over psycopg
they go through psycopg's pipeline mode (sent at once, answered at once: one round trip instead
of several, with the server's work on them overlapping); on SQLite, in the same process, each
is a plain ``execute``. The statements are SQLAlchemy Core inserts compiled once per set of
columns, their values converted as SQLAlchemy converts them (JSON, booleans); a database error
comes back as SQLAlchemy's own exception (``IntegrityError``...), as from ``Connection.execute``.

Inside ``deferring`` (an import's file, in its savepoint: ``savepoint``) the writes wait for
the next statement whose answer is read, and go with it: the savepoint with the run's insert
(its id read back), the run's details with the original file's insert, the file's links with
the savepoint's release ("Imports, sixth pass": six round trips a file became three). Any
other statement sent through SQLAlchemy meanwhile sends the waiting writes first, so a read
always sees them; none waits beyond the scope, so a write's error is its file's.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Insert, event
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

Params = dict[str, Any] | list[dict[str, Any]]  # one row, or many (an executemany)
Write = tuple[Insert, Params]

_COMPILED: dict[tuple[int, str, tuple[str, ...]], tuple[str, dict[str, Any]]] = {}
_WAITING = "runcoach_waiting_writes"  # Connection.info: the writes deferred, in a scope
_SAVEPOINT = "runcoach_file"  # the savepoint's name (SQLAlchemy's own are sa_savepoint_N)


def write_all(conn: Connection, writes: Sequence[Write]) -> None:
    """Run the inserts in order, in the connection's transaction (later, with the next
    statement, inside ``deferring`` on PostgreSQL)."""
    writes = [(statement, params) for statement, params in writes if params]
    waiting: list[Write | str] | None = conn.info.get(_WAITING)
    if waiting is not None:
        waiting.extend(writes)
        return
    if not _pipelines(conn) or len(writes) < 2:
        for statement, params in writes:
            conn.execute(statement, params)
        return
    _pipelined(conn, writes)


def insert_returning_id(conn: Connection, statement: Insert, params: dict[str, Any]) -> int:
    """Insert one row and read back its ``id`` (with the writes waiting, at once)."""
    waiting: list[Write | str] | None = conn.info.get(_WAITING)
    if waiting:
        conn.info[_WAITING] = []
        returned = _pipelined(conn, [*waiting, (statement, params)], returning=True)
        assert returned is not None
        return returned
    result = conn.execute(statement, params)
    return int(result.inserted_primary_key[0])  # type: ignore[index]


@contextmanager
def savepoint(conn: Connection) -> Iterator[None]:
    """A savepoint around a file's writes (rolled back alone when they fail), with the writes
    deferred inside it (``deferring``) on PostgreSQL; through the driver on SQLite too (less
    of SQLAlchemy's work per file than ``begin_nested``). Nothing is sent for a file that
    fails before its first write."""
    if not _pipelines(conn):
        with _on_sqlite(conn):
            yield
        return
    assert conn.info.get(_WAITING) is None, "one file's savepoint at a time"
    waiting: list[Write | str] = [f"SAVEPOINT {_SAVEPOINT}"]
    conn.info[_WAITING] = waiting
    _listening(conn.engine)
    try:
        yield
        waiting = conn.info[_WAITING]
        waiting.append(f"RELEASE SAVEPOINT {_SAVEPOINT}")
        conn.info[_WAITING] = []
        _pipelined(conn, waiting)
    except BaseException:
        sent = conn.info[_WAITING][:1] != [f"SAVEPOINT {_SAVEPOINT}"]
        conn.info[_WAITING] = []
        if sent:
            _driver_sql(conn, f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
            _driver_sql(conn, f"RELEASE SAVEPOINT {_SAVEPOINT}")
        raise
    finally:
        conn.info.pop(_WAITING, None)


_LISTENING: weakref.WeakSet[Engine] = weakref.WeakSet()  # engines whose statements send the
# writes waiting first (listened to once: adding and removing a listener per file cost more
# than a round trip)


def _listening(engine: Engine) -> None:
    if engine not in _LISTENING:
        event.listen(engine, "before_execute", _send_waiting)
        _LISTENING.add(engine)


@contextmanager
def _on_sqlite(conn: Connection) -> Iterator[None]:
    _driver_sql(conn, f"SAVEPOINT {_SAVEPOINT}")
    try:
        yield
    except BaseException:
        _driver_sql(conn, f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")
        _driver_sql(conn, f"RELEASE SAVEPOINT {_SAVEPOINT}")
        raise
    _driver_sql(conn, f"RELEASE SAVEPOINT {_SAVEPOINT}")


def _send_waiting(conn: Connection, *_args: Any) -> None:
    """Before a statement sent through SQLAlchemy: the writes waiting go first."""
    waiting = conn.info.get(_WAITING)  # (every statement of the engine: a dict look-up)
    if waiting:
        conn.info[_WAITING] = []
        _pipelined(conn, waiting)


def _pipelines(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql" and hasattr(
        conn.connection.driver_connection, "pipeline"
    )


def _driver_sql(conn: Connection, sql: str) -> None:
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


def _pipelined(
    conn: Connection, writes: Sequence[Write | str], returning: bool = False
) -> int | None:
    """Send ``writes`` (inserts, or plain SQL without parameters) in one pipeline; with
    ``returning``, the last is an insert whose new row's id is read back."""
    driver = conn.connection.driver_connection
    assert driver is not None
    sql, params, cursor = "", None, None
    try:
        with driver.pipeline(), driver.cursor() as cursor:
            for index, write in enumerate(writes):
                if isinstance(write, str):
                    sql, params = write, None
                    cursor.execute(sql)
                    continue
                statement, params = write
                last = returning and index == len(writes) - 1
                sql, params = _sql(statement, conn.dialect, params, last)
                if isinstance(params, list):
                    cursor.executemany(sql, params)
                else:
                    cursor.execute(sql, params)
            if returning:
                row = cursor.fetchone()
                assert row is not None
                return int(row[0])
    except conn.dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(sql, params, error, conn.dialect.loaded_dbapi.Error) from error
    return None


def _sql(statement: Insert, dialect: Dialect, params: Params, returning: bool) -> tuple[str, Any]:
    """The statement's SQL for these columns, compiled once (pyformat: ``%(name)s``), and the
    values converted as SQLAlchemy converts them for the driver."""
    row = params[0] if isinstance(params, list) else params
    key = (id(statement), dialect.name, (*row, "RETURNING" if returning else ""))
    found = _COMPILED.get(key)
    if found is None:
        target = statement.returning(statement.table.c.id) if returning else statement
        compiled = target.compile(dialect=dialect, column_keys=list(row))
        found = (str(compiled), dict(compiled._bind_processors))
        _COMPILED[key] = found
    sql, processors = found
    if not processors:
        return sql, params
    if isinstance(params, list):
        return sql, [_converted(one, processors) for one in params]
    return sql, _converted(params, processors)


def _converted(row: dict[str, Any], processors: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value if name not in processors else processors[name](value)
        for name, value in row.items()
    }
