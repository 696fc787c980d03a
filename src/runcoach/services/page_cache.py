"""Answers kept per athlete and data version: a page computed once is served again until
the athlete's data changes.

The key of every answer holds the database's address, the athlete's data version
(``store.athletes.data_version``, never the same twice: a clock in microseconds),
which the database's triggers raise on every write to what the pages read, whoever writes
(a page, the command line, an import job, another worker process), and everything else the
answer depends on (the day, the period, the units). The version is read in the same
read-only transaction the answer is computed in, so an answer is kept under the version of
the data it was computed from: invalidation is exact, nothing expires by time.

Each process keeps its own answers (an LRU of ``KEPT`` of them); the kept objects are shared
between requests and never changed by their readers. On PostgreSQL, where ``runcoach serve
--workers N`` runs N processes, the answers are also kept in the database
(``store.page_answers``, compressed JSON of ``store.answer_codec``): ``recall`` reads one in
the page's read-only transaction, the very one its data version was read in, when the
process has none; ``keep`` writes it in a short transaction of its own. A runner's report
is then computed once by one worker, not once by each, and a restarted server starts warm.
The shared key is the same as the process's: (athlete, data version, a digest of the rest),
so it is exactly as exact: an answer is served only for the version it was made from, and
only to the athlete whose id the service was given.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from runcoach.store.answer_codec import Unkeepable, decode, encode
from runcoach.store.page_answers import read_answer, write_answer

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from runcoach.store.sql import Db, Reader

T = TypeVar("T")
KEPT = 512  # answers kept per process: a dashboard, a report, wins and a calendar per runner


class AnswerCache:
    def __init__(self, size: int = KEPT) -> None:
        self.size = size
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            found = self._answers.get(key)
            if found is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Hashable, answer: Any) -> None:
        with self._lock:
            self._answers[key] = answer
            self._answers.move_to_end(key)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        found = self.get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        made = make()
        self.put(key, made)
        return made

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()


answers = AnswerCache()


class AnswerKey(NamedTuple):
    """What an athlete's kept answer is kept under: its kind, the data version it was made
    from, and everything else it depends on (the day, the period, the settings, ...)."""

    kind: str
    version: int
    rest: tuple[Hashable, ...]

    @property
    def what(self) -> str:
        """The shared table's name for the kind and the rest (their reprs are the same in
        every process of one runcoach)."""
        return hashlib.sha256(repr((self.kind, self.rest)).encode("utf-8")).hexdigest()


_log = logging.getLogger(__name__)


def recall(reader: Connection | Db, key: AnswerKey, *, athlete_id: int) -> Any | None:
    """The athlete's answer kept for ``key``: this process's, else (PostgreSQL) the one
    another worker kept, read through ``reader``, the transaction the key's data version was
    read in."""
    found = answers.get((athlete_id, key))
    shared = _shared(reader)
    if found is not None or shared is None:
        return found
    stored = read_answer(shared, athlete_id, key.version, key.what)
    if stored is None:
        return None
    try:
        found = decode(stored)
    except Unkeepable as error:  # written by another runcoach: make it anew
        _log.warning("page cache: %s", error)
        return None
    answers.put((athlete_id, key), found)
    return found


def keep(store: Engine | Reader, key: AnswerKey, answer: Any, *, athlete_id: int) -> None:
    """Keep the athlete's ``answer`` for ``key`` in this process and (PostgreSQL) for every
    worker."""
    answers.put((athlete_id, key), answer)
    if getattr(getattr(store, "dialect", None), "name", None) != "postgresql":
        return
    from sqlalchemy.exc import DBAPIError

    try:
        write_answer(store, athlete_id, key.version, key.what, encode(answer))  # type: ignore[arg-type]
    except (Unkeepable, DBAPIError) as error:  # kept in this process only: still exact
        _log.warning("page cache: %s not shared: %s", key.kind, error)


def _shared(reader: Connection | Db) -> Db | None:
    if hasattr(reader, "rows"):  # a store.sql.Db
        return reader if reader.dialect == "postgresql" else None
    if reader.dialect.name != "postgresql":
        return None
    from runcoach.store.db import SqlAlchemyDb

    return SqlAlchemyDb(reader, "postgresql")
