"""What one writer (an import) keeps in memory of an athlete's log, and when it still holds.

An import stores thousands of files in a few hundred transactions, and asked the database the
same questions for each file (the runs before a run, the files already stored): a round trip
and SQLAlchemy's work each time. What it read once is kept (``store.recent_log``,
``store.source_files``) and holds:

- within the transaction it was read in, where the writer holds the athlete's log (no other
  writer of the log can write until it commits) and tells the keeper what it writes itself;
- across a commit, only when nobody else wrote to the athlete's log in between: the athlete's
  ``data_version`` (raised by the database's triggers on every write to runs, whoever
  writes) is read before each commit (``committing``) and again at the first question of the
  next transaction; when they differ the keeper reads again;
- never after ``forget`` (a file rolled back to its savepoint, a change not followed).
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, select

from runcoach.store.tables import athletes

_DATA_VERSION = select(athletes.c.data_version).where(athletes.c.id == bindparam("athlete_id"))


class KeptOfLog:
    """The validity of what a writer keeps of one athlete's log (see the module)."""

    def __init__(self, athlete_id: int) -> None:
        self.athlete_id = athlete_id
        self._transaction: object | None = None  # the transaction it holds for
        self._version: int | None = None  # data_version before the last commit

    def _holds(self, conn: Connection) -> bool:
        """Whether what was read still holds in the connection's transaction."""
        if self._transaction is None:
            return False
        if self._transaction is conn.get_transaction():
            return True
        if self._version is None or self._version != self._data_version(conn):
            return False  # written by someone else since the last commit (or not known)
        self._transaction, self._version = conn.get_transaction(), None
        return True

    def _read_now(self, conn: Connection) -> None:
        """What is kept was just read in the connection's transaction."""
        self._transaction, self._version = conn.get_transaction(), None

    def _holding(self, conn: Connection) -> bool:
        """Whether it holds for this transaction now (without asking the database)."""
        return self._transaction is not None and self._transaction is conn.get_transaction()

    def _data_version(self, conn: Connection) -> int | None:
        found = conn.execute(_DATA_VERSION, {"athlete_id": self.athlete_id}).scalar()
        return None if found is None else int(found)

    def committing(self, conn: Connection) -> None:
        """Before the transaction it holds for commits: remember the log's version."""
        if self._holding(conn):
            self._version = self._data_version(conn)

    def forget(self) -> None:
        """The log changed in a way not followed here: read it again next time."""
        self._transaction, self._version = None, None
