"""Records that cannot be, kept aside at import: what they are, and taking one in.

An import quarantines a run no person did (``domain/run/plausibility.py``): its file is kept,
with the reasons, and none of its numbers reach the log, totals, reports or fitness. The
runner sees them here and may release a file: its runs are then read again from the kept
original bytes and stored as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from runcoach.domain.errors import InvalidInput, NotFound
from runcoach.domain.hints import Do, Hint
from runcoach.importers import read_activity
from runcoach.services.importing import FileOutcome, take_in_quarantined
from runcoach.store.source_files import (
    QUARANTINED,
    get_source,
    original_bytes,
    quarantined_sources,
)


@dataclass(frozen=True)
class QuarantinedFile:
    source_id: int
    name: str
    file_format: str
    imported_at: datetime
    reason: str


def quarantined_files(engine: Engine, *, athlete_id: int) -> list[QuarantinedFile]:
    with engine.connect() as conn:
        rows = quarantined_sources(conn, athlete_id)
    return [QuarantinedFile(r.id, r.name, r.format, r.imported_at, r.reason or "") for r in rows]


def release(engine: Engine, source_id: int, *, athlete_id: int) -> FileOutcome:
    """Take the runs of quarantined file ``source_id`` into the log, as they are."""
    with engine.begin() as conn:
        row = get_source(conn, athlete_id, source_id)
        if row is None:
            raise NotFound(
                f"there is no imported file {source_id}",
                hint=Hint(
                    Do.LIST_QUARANTINE,
                    "the quarantine lists the files held back, with their numbers",
                ),
            )
        if row.outcome != QUARANTINED:
            raise InvalidInput(f"file {source_id} ({row.name}) is not in quarantine")
        runs = read_activity(f"{row.name}.{row.format}", original_bytes(conn, source_id))
        return take_in_quarantined(conn, athlete_id, source_id, row.name, runs)
