"""Where a read run goes in the log: a new run, or an activity already stored (kept once, with
the richer file's numbers, and what an account export's index adds filled in).

The import pipeline (``services.importing``) and the release from quarantine place every run
here, under the training log's lock the caller holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from sqlalchemy import Connection

from runcoach.domain.run.duplicates import (
    SAME_START_S,
    Richness,
    filled_from_index,
    first_same_activity,
    keeps_new_numbers,
    richness,
    same_family,
)
from runcoach.domain.run.runs import Run
from runcoach.domain.run.tagging import InferredTags, SampleReading, infer_tags
from runcoach.domain.run.workout_shapes import RECENT_DAYS, runner_context
from runcoach.importers import read_activity
from runcoach.importers.account_exports import ExportRecord
from runcoach.services.import_pool import ReadRun, read_run
from runcoach.services.import_sources import Candidate
from runcoach.store import runs as run_store
from runcoach.store.recent_log import RecentRuns
from runcoach.store.shoes import shoe_or_new


@dataclass(frozen=True)
class Placement:
    run_id: int
    new: bool  # a run that was not in the log
    primary: bool  # this file's numbers are the run's (new, or richer than the stored file)


def placement_reason(placed: list[Placement]) -> str | None:
    known = [str(p.run_id) for p in placed if not p.new]
    if not known:
        return None
    ids = ", ".join(known)
    if any(p.primary for p in placed if not p.new):
        return f"the same activity as run {ids}, in a richer file: its numbers replace the old"
    return f"the same activity as run {ids}, already in the log (kept as a further source)"


def place_run(
    conn: Connection,
    athlete_id: int,
    candidate: Candidate,
    read: ReadRun,
    read_again: Callable[[], Run],
    weeks: set[date] | None = None,
    recent: RecentRuns | None = None,
) -> Placement:
    """Store a run, or recognise it as one already stored (keeping the richer numbers).
    ``weeks``: the days whose weeks the caller recounts before committing (else here);
    ``recent``: the runs kept for the tags' context (else read for this run)."""
    record = _export_record(candidate, read.run)
    if record is not None and record.sport is not None and not same_family(record.sport, read.run):
        # The export says it was another kind of activity: its analysis and tags change with
        # the sport, so the run is read again here with its samples (rare: an export's index).
        read = read_run(dataclasses.replace(read_again(), sport=record.sport))
    run = read.run
    match = _same_activity(conn, athlete_id, run, recent)
    if match is None:
        prepared = dataclasses.replace(
            read.prepared, run=_with_record(conn, athlete_id, run, record)
        )
        tags = _tags(conn, athlete_id, prepared.run, read.reading, recent)
        run_id = run_store.insert_prepared(
            conn, athlete_id, prepared, tags, weeks=weeks, recent=recent
        )
        return Placement(run_id, new=True, primary=True)
    assert match.id is not None  # a stored run
    richer = keeps_new_numbers(_richness(read), _stored_richness(conn, match))
    if richer:
        tags = _tags(conn, athlete_id, run, read.reading, recent)
        if recent is not None:
            recent.forget()  # a stored run's numbers change: read the log again
        run_store.replace_prepared(conn, athlete_id, match.id, read.prepared, tags, weeks=weeks)
    if _merge_record(conn, athlete_id, match, record) and recent is not None:
        recent.forget()  # the stored run's name, notes or shoes changed: read the log again
    return Placement(match.id, new=False, primary=richer)


def read_again(data: bytes, name: str, index: int) -> Callable[[], Run]:
    return partial(_read_again, data, name, index)


def _read_again(data: bytes, name: str, index: int) -> Run:
    return read_activity(name, data)[index]


def _tags(
    conn: Connection,
    athlete_id: int,
    run: Run,
    reading: SampleReading,
    kept: RecentRuns | None = None,
) -> InferredTags:
    if kept is None:
        recent = run_store.recent_runs(conn, athlete_id, run.start, RECENT_DAYS)
    else:
        recent = kept.before(conn, run.start, RECENT_DAYS)
    return infer_tags(run, runner_context(recent), reading)


def _same_activity(
    conn: Connection, athlete_id: int, run: Run, kept: RecentRuns | None = None
) -> Run | None:
    if kept is None:
        nearby = run_store.activities_near(conn, athlete_id, run.start, SAME_START_S)
    else:
        nearby = kept.near(conn, run.start, SAME_START_S)
    return first_same_activity(nearby, run)


def _richness(read: ReadRun) -> Richness:
    return richness(read.run.source, read.prepared.stream_count, len(read.run.laps))


def _stored_richness(conn: Connection, stored: Run) -> Richness:
    assert stored.id is not None
    streams, laps = run_store.stream_count(conn, stored.id), run_store.lap_count(conn, stored.id)
    return richness(stored.source, streams, laps)


# --- what an export's index adds -------------------------------------------------------------


def _export_record(candidate: Candidate, run: Run) -> ExportRecord | None:
    if candidate.export is None:
        return None
    return candidate.export.record_for(candidate.member, run.start)


def _with_record(conn: Connection, athlete_id: int, run: Run, record: ExportRecord | None) -> Run:
    if record is None:
        return run
    shoe_id = run.shoe_id
    if record.gear and run.sport.is_run:
        shoe_id = shoe_or_new(conn, athlete_id, record.gear, run.start.date())
    return dataclasses.replace(
        run,
        name=record.name or run.name,
        notes=run.notes or record.description,
        shoe_id=shoe_id,
    )


def _merge_record(
    conn: Connection, athlete_id: int, stored: Run, record: ExportRecord | None
) -> bool:
    """Fill what the stored run lacks from an export's index (never overwrite); whether it
    changed the stored run."""
    if record is None or stored.id is None:
        return False
    filled = filled_from_index(stored, record.name, record.description, record.gear)
    if not filled:
        return False
    values: dict[str, Any] = {"name": filled.name, "notes": filled.notes}
    if filled.gear is not None:
        values["shoe_id"] = shoe_or_new(conn, athlete_id, filled.gear, datetime.now(UTC).date())
    run_store.update_run(conn, athlete_id, stored.id, {k: v for k, v in values.items() if v})
    return True


def as_read(run: Run) -> Run:
    return run
