"""The home's SQLite store read through the standard library's sqlite3: no SQLAlchemy.

The command line's everyday reads (``runs list``, ``paces``) open the store here when it is
a SQLite file already at this runcoach's schema revision, and pay none of SQLAlchemy's
import (docs/benchmarks.md, "Fast at every door"). Anything else (a new store, one that needs
migrating, a file that is not a database, PostgreSQL) is not opened here: ``open_reader``
answers None and the caller opens the store through ``store.db.open_engine``, which migrates
it or says clearly what is wrong.

A read is what ``store.db.read_only`` makes on SQLite: a deferred transaction in WAL mode
(one moment of the store, beside the writer and other readers, no lock taken) with
``PRAGMA query_only`` on, so a write slipped into it fails.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from runcoach.store.revision import HEAD_REVISION
from runcoach.store.sql import Db, Params, sqlite_params

SQLITE_URL_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
# As store/db.py gives SQLAlchemy's SQLite connections (the same reasons, the same values).
SQLITE_CACHE_KIB = 32 * 1024
SQLITE_BUSY_TIMEOUT_S = 30


def sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite URL (``sqlite:///PATH``); None for anything else (another
    engine, an in-memory database, a URL with options only SQLAlchemy reads)."""
    for prefix in SQLITE_URL_PREFIXES:
        if url.startswith(prefix):
            rest = url[len(prefix) :]
            if not rest or rest == ":memory:" or "?" in rest:
                return None
            return Path(rest)
    return None


class SqliteDb:
    """``store.sql.Db`` on a sqlite3 connection."""

    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, sqlite_params(params)).fetchall()

    def write(self, sql: str, rows: Sequence[Params]) -> None:
        self._conn.executemany(sql, [sqlite_params(r) for r in rows])


class SqliteReader:
    """A migrated SQLite store, read through sqlite3 (``store.sql.Reader``); ``url`` is the
    one it was opened with (``store.sql.store_key``)."""

    def __init__(self, conn: sqlite3.Connection, url: str, path: Path) -> None:
        self._conn = conn
        self.url = url
        self._path = path

    @contextmanager
    def read_db(self) -> Iterator[Db]:
        self._conn.execute("BEGIN")  # deferred: a snapshot at the first read, no lock
        try:
            yield SqliteDb(self._conn)
        finally:
            self._conn.execute("ROLLBACK")  # nothing was written: ends the snapshot

    @contextmanager
    def write_db(self) -> Iterator[SqliteDb]:
        """A write transaction of its own (``BEGIN IMMEDIATE``: the write lock from the start,
        waiting for another writer as store/db.py does), on a connection of its own, so a
        read transaction open on this reader keeps its moment of the store."""
        conn = sqlite3.connect(self._path, timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield SqliteDb(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def close(self) -> None:
        self._conn.close()


def open_reader(url: str) -> SqliteReader | None:
    """A sqlite3 reader of the store at ``url``, when it is a SQLite file that exists and is
    at ``HEAD_REVISION``; None otherwise (open it through SQLAlchemy then)."""
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        ready = _revision(conn) == HEAD_REVISION and _in_wal_mode(conn)
    except sqlite3.Error:  # not a database, or no runcoach schema yet
        ready = False
    if not ready:
        conn.close()
        return None
    conn.execute("PRAGMA query_only=1")
    conn.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    return SqliteReader(conn, url, path)


def _revision(conn: sqlite3.Connection) -> str | None:
    found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if found is None else str(found[0])


def _in_wal_mode(conn: sqlite3.Connection) -> bool:
    # runcoach's stores are in WAL mode from their first connection; one that is not (copied
    # by hand, an old file) is opened by store.db, which sets it
    return str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
