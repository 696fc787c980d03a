"""Two stores compared table by table, every column (e.g. main's import against a branch's).

    python -m benchmarks.compare_stores HOME_A HOME_B
    python -m benchmarks.compare_stores postgresql://.../db_a postgresql://.../db_b

HOME_A and HOME_B are runcoach homes (``benchmarks.import_cpu ... --keep HOME``), or two
PostgreSQL databases (``benchmarks.import_cpu ... --db URL``: their ``public`` schema). Each
table is read whole (``SELECT *``, its rows ordered by their ``repr``) from both; a table that
differs is printed with the columns whose values differ (as sorted multisets). Write times
and the clock-based ``athletes.data_version`` differ between any two imports.
"""

from __future__ import annotations

import sqlite3
import sys
from typing import Any


def _sqlite(home: str) -> tuple[Any, list[str]]:
    db = sqlite3.connect(f"{home}/runcoach.db")
    tables = db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    return db, [name for (name,) in tables.fetchall()]


def _postgres(url: str) -> tuple[Any, list[str]]:
    import psycopg

    db = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
    tables = db.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    )
    return db, [name for (name,) in tables.fetchall()]


def _columns(db: Any, table: str) -> list[str]:
    cursor = db.execute(f"SELECT * FROM {table} LIMIT 0")
    return [d[0] for d in cursor.description]


def _open(where: str) -> tuple[Any, list[str]]:
    return _postgres(where) if where.startswith("postgresql") else _sqlite(where)


def main() -> None:
    (first, tables), (second, _) = (_open(where) for where in sys.argv[1:3])
    for table in tables:
        columns = _columns(first, table)
        query = f"SELECT * FROM {table}"  # ordered here: PostgreSQL cannot order JSON
        ours, theirs = (sorted(db.execute(query).fetchall(), key=repr) for db in (first, second))
        if ours == theirs:
            print(f"{table}: {len(ours)} rows, the same")
            continue
        differing = [
            name
            for i, name in enumerate(columns)
            if sorted(repr(r[i]) for r in ours) != sorted(repr(r[i]) for r in theirs)
        ]
        print(f"{table}: {len(ours)} / {len(theirs)} rows, different in {differing}")


if __name__ == "__main__":
    main()
