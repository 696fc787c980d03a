"""The athlete reads the everyday commands need, in plain SQL (``store.sql``)."""

from __future__ import annotations

from runcoach.store.sql import Db, one


def first_athlete_id(db: Db) -> int | None:
    """The local athlete of a command-line install: the first one made (None: none yet)."""
    found = one(db, "SELECT id FROM athletes ORDER BY id LIMIT 1")
    return None if found is None else int(found[0])
