"""Writes whose results nobody reads, sent together: one round trip on PostgreSQL.

An import writes a run's laps, best efforts and samples right after the run (docs/benchmarks.md,
"Fast at every door"): three statements whose answers are only "done". On PostgreSQL over
psycopg they go through psycopg's pipeline mode (sent at once, answered at once: one round
trip instead of three, with the server's work on them overlapping); on SQLite, in the same
process, each is a plain ``execute``. The statements are SQLAlchemy Core inserts compiled
once per set of columns; a database error comes back as SQLAlchemy's own exception
(``IntegrityError``...), as from ``Connection.execute``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Insert
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

Params = dict[str, Any] | list[dict[str, Any]]  # one row, or many (an executemany)
Write = tuple[Insert, Params]

_COMPILED: dict[tuple[int, str, tuple[str, ...]], str] = {}  # (statement, dialect, columns)


def write_all(conn: Connection, writes: Sequence[Write]) -> None:
    """Run the inserts in order, in the connection's transaction."""
    writes = [(statement, params) for statement, params in writes if params]
    driver = conn.connection.driver_connection
    if conn.dialect.name != "postgresql" or not hasattr(driver, "pipeline") or len(writes) < 2:
        for statement, params in writes:
            conn.execute(statement, params)
        return
    _pipelined(conn, driver, writes)


def _pipelined(conn: Connection, driver: Any, writes: list[Write]) -> None:
    sql, params = "", None
    try:
        with driver.pipeline(), driver.cursor() as cursor:
            for statement, params in writes:
                sql = _sql(statement, conn.dialect, params)
                if isinstance(params, list):
                    cursor.executemany(sql, params)
                else:
                    cursor.execute(sql, params)
    except conn.dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(sql, params, error, conn.dialect.loaded_dbapi.Error) from error


def _sql(statement: Insert, dialect: Dialect, params: Params) -> str:
    """The statement's SQL for these columns, compiled once (pyformat: ``%(name)s``)."""
    row = params[0] if isinstance(params, list) else params
    key = (id(statement), dialect.name, tuple(row))
    found = _COMPILED.get(key)
    if found is None:
        found = str(statement.compile(dialect=dialect, column_keys=list(row)))
        _COMPILED[key] = found
    return found
