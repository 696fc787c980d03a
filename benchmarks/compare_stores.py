"""Two SQLite stores compared table by table, every column (e.g. main's import against a branch's).

    python -m benchmarks.compare_stores HOME_A HOME_B

HOME_A and HOME_B are runcoach homes (``benchmarks.import_cpu ... --keep HOME``). Each table is
read whole (``SELECT *`` ordered by all its columns) from both; a table that differs is printed
with the columns whose values differ (as sorted multisets). Write times and the clock-based
``athletes.data_version`` differ between any two imports.
"""

from __future__ import annotations

import sqlite3
import sys


def main() -> None:
    first, second = (sqlite3.connect(f"{home}/runcoach.db") for home in sys.argv[1:3])
    tables = first.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    for (table,) in tables.fetchall():
        columns = [row[1] for row in first.execute(f"PRAGMA table_info({table})")]
        query = f"SELECT * FROM {table} ORDER BY " + ",".join(
            str(i + 1) for i in range(len(columns))
        )
        ours, theirs = first.execute(query).fetchall(), second.execute(query).fetchall()
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
