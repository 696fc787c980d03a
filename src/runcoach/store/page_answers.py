"""The page cache shared by the web workers on PostgreSQL: table ``page_answers``
(0020_web13c_page_answers, UNLOGGED there: a cache is not worth the write-ahead log, and
PostgreSQL empties it after a crash), one row per (athlete, data version, what).

An answer is read in the page's own read-only transaction, the one its data version was
read in, and written in a short transaction of its own (the page's is READ ONLY). Writing
an answer also forgets the athlete's answers kept under older data versions (never served
again: the version only grows) and keeps at most ``KEPT_PER_ATHLETE`` of the newest.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from runcoach.store.sql import Db

if TYPE_CHECKING:
    from sqlalchemy import Engine

# Answers kept per athlete and data version: a dashboard, three reports, the wins, a log,
# a calendar month or two, a run's chart data, planned vs done: a few pages' worth beyond.
KEPT_PER_ATHLETE = 48

_READ = "SELECT answer FROM page_answers WHERE athlete_id = :a AND data_version = :v AND what = :w"
_WRITE = (
    "INSERT INTO page_answers (athlete_id, data_version, what, answer, made_at)"
    " VALUES (:a, :v, :w, :answer, :made) ON CONFLICT DO NOTHING"
)
_FORGET_OLDER = "DELETE FROM page_answers WHERE athlete_id = :a AND data_version < :v"
_FORGET_BEYOND = (
    "DELETE FROM page_answers WHERE athlete_id = :a AND data_version = :v AND what IN ("
    " SELECT what FROM page_answers WHERE athlete_id = :a AND data_version = :v"
    " ORDER BY made_at DESC OFFSET :kept)"
)


def read_answer(db: Db, athlete_id: int, version: int, what: str) -> bytes | None:
    """The answer kept for (athlete, version, what), compressed; None when none is."""
    found = db.rows(_READ, {"a": athlete_id, "v": version, "w": what})
    return bytes(found[0][0]) if found else None


def write_answer(engine: Engine, athlete_id: int, version: int, what: str, answer: bytes) -> None:
    """Keep ``answer`` for (athlete, version, what), in a transaction of its own."""
    from runcoach.store.db import write_db

    key = {"a": athlete_id, "v": version}
    made = datetime.now(UTC)
    with write_db(engine) as db:
        db.write(_FORGET_OLDER, [key])
        db.write(_WRITE, [{**key, "w": what, "answer": answer, "made": made}])
        db.write(_FORGET_BEYOND, [{**key, "kept": KEPT_PER_ATHLETE}])
