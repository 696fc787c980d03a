"""Every table of the store as plain rows and back: what a backup holds, whatever the schema.

The tables are reflected from the database, not taken from ``tables.py``, so a backup holds
exactly the schema of its migration, and a restore loads it into a database migrated to that
same revision (then upgrades it). Values become JSON: datetimes as ISO 8601 in UTC, dates as
ISO dates, binary columns (original files, streams) as base64, JSON columns as they are.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    func,
    insert,
    select,
    text,
)

VERSION_TABLE = "alembic_version"  # the migration bookkeeping: the manifest records it instead
INSERT_BATCH_ROWS = 200  # rows per INSERT; streams and original files are up to ~1 MB a row


def reflect_tables(conn: Connection) -> list[Table]:
    """The database's tables, parents before children (foreign keys), without Alembic's."""
    meta = MetaData()
    meta.reflect(bind=conn)
    return [t for t in meta.sorted_tables if t.name != VERSION_TABLE]


def column_kinds(table: Table) -> dict[str, str]:
    """How each column's values are written: binary, datetime, date, json or plain."""
    return {column.name: _kind(column.type) for column in table.columns}


def _kind(column_type: Any) -> str:
    if isinstance(column_type, LargeBinary):
        return "binary"
    if isinstance(column_type, DateTime):
        return "datetime"
    if isinstance(column_type, Date):
        return "date"
    if isinstance(column_type, JSON):
        return "json"
    return "plain"


def count_rows(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def dump_rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    """The table's rows as JSON-ready dicts, in primary-key order, streamed."""
    kinds = column_kinds(table)
    query = select(table).order_by(*table.primary_key.columns)
    result = conn.execution_options(stream_results=True, yield_per=INSERT_BATCH_ROWS)
    for row in result.execute(query).mappings():
        yield {name: _encode(kinds[name], value) for name, value in row.items()}


def _encode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "binary":
        return base64.b64encode(bytes(value)).decode("ascii")
    if kind == "datetime":
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return str(aware.astimezone(UTC).isoformat())
    if kind == "date":
        return str(value.isoformat())
    return value


def decode_row(kinds: dict[str, str], row: dict[str, Any]) -> dict[str, Any]:
    """A dumped row back to the values its columns take; ValueError if one does not fit."""
    unknown = set(row) - set(kinds)
    if unknown:
        raise ValueError(f"column {sorted(unknown)[0]!r} is not in the table")
    return {name: _decode(kinds[name], value) for name, value in row.items()}


def _decode(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "binary":
        return base64.b64decode(value, validate=True)
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    return value


def load_rows(conn: Connection, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    """Insert already decoded rows in batches; the number inserted."""
    count, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == INSERT_BATCH_ROWS:
            conn.execute(insert(table), batch)
            count, batch = count + len(batch), []
    if batch:
        conn.execute(insert(table), batch)
        count += len(batch)
    return count


def reset_id_sequences(conn: Connection, tables: Iterable[Table]) -> None:
    """After rows came in with their ids, PostgreSQL's sequences must start after them."""
    if conn.dialect.name != "postgresql":
        return  # SQLite takes max(rowid) + 1 by itself
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        name = keys[0].name
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f'COALESCE(MAX("{name}"), 1), MAX("{name}") IS NOT NULL) FROM "{table.name}"'
            ),
            {"table": table.name, "column": name},
        )
