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
between requests and never changed by their readers.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

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
