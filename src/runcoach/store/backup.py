"""Every table of the store as plain rows and back: what a backup holds, whatever the schema.

The tables are reflected from the database, not taken from ``tables.py``, so a backup holds
exactly the schema of its migration, and a restore loads it into a database migrated to that
same revision (then upgrades it). Values become JSON: datetimes as ISO 8601 in UTC, dates as
ISO dates, binary columns (original files, streams) as base64, JSON columns as they are.
"""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    Table,
    func,
    insert,
    select,
    text,
)

VERSION_TABLE = "alembic_version"  # the migration bookkeeping: the manifest records it instead
# The page cache shared by the web workers (0020_web13c_page_answers): answers made from the
# data, not data; a restored store starts with it empty.
CACHE_TABLE = "page_answers"
INSERT_BATCH_ROWS = 200  # rows per INSERT; streams and original files are up to ~1 MB a row
# The days a restored date may fall on: far inside Python's calendar (years 1-9999), so that
# week, plan and report arithmetic on them never overflows; a year-9999 start is damage.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2200, 1, 1)  # excluded


def reflect_tables(conn: Connection) -> list[Table]:
    """The database's tables, parents before children (foreign keys), without Alembic's
    and the page cache's."""
    meta = MetaData()
    meta.reflect(bind=conn)
    return [t for t in meta.sorted_tables if t.name not in (VERSION_TABLE, CACHE_TABLE)]


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


# Columns that are not the runner's data but the store's bookkeeping about it: the data
# version the triggers raise on every write (0012_web_speed) starts again in a restored store.
NOT_BACKED_UP = {("athletes", "data_version")}


def dump_rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    """The table's rows as JSON-ready dicts, in primary-key order, streamed."""
    kinds = column_kinds(table)
    kept = [c for c in table.columns if (table.name, c.name) not in NOT_BACKED_UP]
    query = select(*kept).order_by(*table.primary_key.columns)
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


@dataclass(frozen=True)
class ColumnRule:
    """What a column accepts from a backup: its kind, whether NULL, its longest text."""

    kind: str  # binary, datetime, date, json, integer, float, boolean, text
    nullable: bool
    length: int | None = None  # characters, for a String(n)


def column_rules(table: Table) -> dict[str, ColumnRule]:
    """How each column's values are checked when a backup is read back."""
    return {column.name: _rule(column) for column in table.columns}


def _rule(column: Column[Any]) -> ColumnRule:
    kind = _kind(column.type)
    if kind == "plain":
        kind = _plain_kind(column.type)
    length = getattr(column.type, "length", None) if kind == "text" else None
    return ColumnRule(kind, bool(column.nullable), length)


def _plain_kind(column_type: Any) -> str:
    if isinstance(column_type, Boolean):
        return "boolean"
    if isinstance(column_type, Integer):
        return "integer"
    if isinstance(column_type, Float | Numeric):
        return "float"
    return "text"


def decode_row(rules: dict[str, ColumnRule], row: Any) -> dict[str, Any]:
    """A dumped row back to the values its columns take; ValueError if one does not fit."""
    if not isinstance(row, dict):
        raise ValueError("a row is not a JSON object")
    unknown = set(row) - set(rules)
    if unknown:
        raise ValueError(f"column {sorted(unknown)[0]!r} is not in the table")
    return {name: _decoded(name, rules[name], value) for name, value in row.items()}


def _decoded(name: str, rule: ColumnRule, value: Any) -> Any:
    if value is None:
        if not rule.nullable:
            raise ValueError(f"column {name!r} may not be empty")
        return None
    try:
        return _DECODERS[rule.kind](value, rule)
    except (ValueError, TypeError, binascii.Error) as error:
        raise ValueError(f"column {name!r}: {error}") from None


def _binary(value: Any, rule: ColumnRule) -> bytes:
    return base64.b64decode(_text(value, rule), validate=True)


def _datetime(value: Any, rule: ColumnRule) -> datetime:
    moment = datetime.fromisoformat(_text(value, rule))
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    _in_calendar(moment.date())
    return moment


def _date(value: Any, rule: ColumnRule) -> date:
    return _in_calendar(date.fromisoformat(_text(value, rule)))


def _in_calendar(day: date) -> date:
    if not EARLIEST_DAY <= day < LATEST_DAY:
        raise ValueError(f"{day} is not between {EARLIEST_DAY.year} and {LATEST_DAY.year}")
    return day


def _integer(value: Any, _rule: ColumnRule) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not a whole number")
    return value


def _float(value: Any, _rule: ColumnRule) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{value!r} is not a number")
    return float(value)


def _boolean(value: Any, _rule: ColumnRule) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false")
    return value


def _text(value: Any, rule: ColumnRule) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{str(value)[:40]!r} is not text")
    if rule.length is not None and len(value) > rule.length:
        raise ValueError(f"{len(value):,} characters, at most {rule.length:,}")
    return value


def _json(value: Any, _rule: ColumnRule) -> Any:
    return value


_DECODERS: dict[str, Callable[[Any, ColumnRule], Any]] = {
    "binary": _binary,
    "datetime": _datetime,
    "date": _date,
    "json": _json,
    "integer": _integer,
    "float": _float,
    "boolean": _boolean,
    "text": _text,
}


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
