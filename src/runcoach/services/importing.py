"""Import activity files into the training log: every file atomically, no run twice.

Each file is read, analysed (splits, efforts, tags) and stored in one transaction of its
own, with its original bytes: a crash or a bad file loses nothing stored before, and running
the same import again finishes it (files already stored are recognised by their SHA-256).
The same activity in another format (a FIT and the GPX of the same run) is recognised by its
start, sport and overlapping time, stored once, and the richer file's numbers are kept.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from runcoach.config import Settings
from runcoach.domain.errors import ImportProblem, NotAnActivity, UnsupportedFile
from runcoach.domain.run.plausibility import impossible
from runcoach.domain.run.runs import Run
from runcoach.domain.run.same_activity import SAME_START_S, first_same_activity, same_family
from runcoach.domain.run.tagging import InferredTags, SampleReading, infer_tags
from runcoach.domain.run.workout_shapes import runner_context
from runcoach.importers import format_of, read_activity, supported_suffixes
from runcoach.importers.account_exports import ExportRecord
from runcoach.services.import_pool import (
    ParseResult,
    Pool,
    ReadFile,
    ReadRun,
    read_file_of,
    read_run,
    reader_pool,
    result_of,
)
from runcoach.services.import_sources import Candidate, Limits, Sources
from runcoach.services.shoes import ShoeReport, worn_out_now
from runcoach.store import runs as run_store
from runcoach.store.athletes import lock_training_log
from runcoach.store.shoes import shoe_or_new
from runcoach.store.source_files import (
    QUARANTINED,
    add_source,
    find_source,
    link_source,
    linked_runs,
    set_outcome,
    sha256_of,
)

RECENT_DAYS = 42  # days of runs before a run that say what is long or easy for the runner
# (6 weeks: a training block; the context of tagging.infer_tags)
FORMAT_RICHNESS = {"fit": 3, "tcx": 2, "gpx": 1}  # which file's numbers to keep for a run
MAX_DECODING_IN_FLIGHT = 640 * 1024 * 1024  # bytes; the memory that the files read ahead of
# the one being stored may take to decode, estimated by DECODING_PER_BYTE (docs/importers.md,
# "Memory"); a file that needs more is read alone
DECODING_PER_BYTE = {"fit": 40, "gpx": 3, "tcx": 3}  # bytes of memory to decode one byte of a
# file, with the file itself (measured: a 16 MB FIT took 626 MB, a 50 MB TCX 99 MB, a 50 MB
# GPX 99 MB, over python's own 31 MB)


class Outcome(StrEnum):
    IMPORTED = "imported"
    ALREADY_THERE = "already_there"
    NOT_ACTIVITY = "not_activity"
    QUARANTINED = "quarantined"  # kept aside: a record that cannot be (domain/run/plausibility.py)
    FAILED = "failed"


@dataclass
class FileOutcome:
    name: str
    outcome: Outcome
    reason: str | None = None
    run_ids: list[int] = field(default_factory=list)
    kind: str | None = None  # the problem's kind: not_activity, unsupported, corrupt, failed
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportSummary:
    files: list[FileOutcome] = field(default_factory=list)
    worn_out: tuple[ShoeReport, ...] = ()  # pairs past their retirement distance after it

    def count(self, outcome: Outcome) -> int:
        return sum(1 for f in self.files if f.outcome is outcome)

    @property
    def runs_added(self) -> int:
        return len({i for f in self.files if f.outcome is Outcome.IMPORTED for i in f.run_ids})

    @property
    def worked(self) -> bool:
        """Anything imported or already there, or nothing but files that are not activities."""
        if self.count(Outcome.IMPORTED) or self.count(Outcome.ALREADY_THERE):
            return True
        return self.count(Outcome.FAILED) == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": len(self.files),
            **{outcome.value: self.count(outcome) for outcome in Outcome},
            "runs_added": self.runs_added,
            "details": [dataclasses.asdict(f) for f in self.files],
        }


Progress = Callable[[FileOutcome], None]


def import_paths(
    engine: Engine,
    paths: list[Path],
    *,
    athlete_id: int,
    progress: Progress | None = None,
    limits: Limits | None = None,
    on_total: Callable[[int], None] | None = None,
    workers: int | None = None,
    settings: Settings | None = None,
) -> ImportSummary:
    """Import every activity file under ``paths``; one file's failure never stops the rest.

    Files are read by ``workers`` processes (default: the cores, up to 4; 1 reads in this
    process) and stored here, in order, one transaction each. What the import reads is
    bounded (``import_sources``): one budget of unpacked bytes for the whole import, and at
    most ``MAX_DECODING_IN_FLIGHT`` of memory for the files being decoded at once. With
    ``settings`` (the shoes' default retirement distance) the summary says which pairs the
    imported runs wore out.
    """
    with Sources(limits) as sources:
        found = sorted(sources.candidates(paths), key=_richest_first)
        if on_total is not None:
            on_total(len(found))
        summary = ImportSummary()
        with reader_pool(len(found), workers) as pool:
            for outcome in _pipeline(engine, athlete_id, found, pool):
                summary.files.append(outcome)
                if progress is not None:
                    progress(outcome)
    summary.files.sort(key=lambda f: f.name)
    if settings is not None:
        with engine.connect() as conn:
            summary.worn_out = worn_out_now(conn, settings, athlete_id)
    return summary


@dataclass
class _Prepared:
    """A file read and (maybe) being decoded by a worker, waiting to be stored."""

    candidate: Candidate
    file_format: str
    data: bytes
    future: Future[ParseResult] | None


def _pipeline(
    engine: Engine, athlete_id: int, found: list[Candidate], pool: Pool | None
) -> Iterator[FileOutcome]:
    """Files prepared ahead while earlier ones are decoded: at most the pool's window of
    files, and at most ``MAX_DECODING_IN_FLIGHT`` of memory to decode them (a file that needs
    more is decoded alone), so that memory stays bounded whatever the files' sizes."""
    window: deque[_Prepared | FileOutcome] = deque()
    for candidate in found:
        window.append(_prepared(engine, athlete_id, candidate, pool))
        while window and (
            len(window) > (pool.window if pool else 0) or _decoding(window) > MAX_DECODING_IN_FLIGHT
        ):
            yield _finish(engine, athlete_id, window.popleft())
    while window:
        yield _finish(engine, athlete_id, window.popleft())


def _decoding(window: deque[_Prepared | FileOutcome]) -> int:
    """The memory the files in ``window`` take to decode, estimated from their sizes."""
    return sum(
        len(item.data) * DECODING_PER_BYTE.get(item.file_format, 1)
        for item in window
        if isinstance(item, _Prepared)
    )


def _prepared(
    engine: Engine, athlete_id: int, candidate: Candidate, pool: Pool | None
) -> _Prepared | FileOutcome:
    def step() -> _Prepared | FileOutcome:
        return _prepare(engine, athlete_id, candidate, pool)

    result: _Prepared | FileOutcome = _guarded(candidate.name, step)
    return result


def _prepare(
    engine: Engine, athlete_id: int, candidate: Candidate, pool: Pool | None
) -> _Prepared | FileOutcome:
    """Check what can be checked before decoding; hand the bytes to a worker."""
    if candidate.problem is not None:
        raise candidate.problem
    if candidate.export is not None and candidate.member == candidate.export.member:
        return _index_outcome(candidate)
    suffix = format_of(candidate.name)
    if suffix is None:
        raise UnsupportedFile(
            "not an activity file", hint=f"runcoach reads {', '.join(supported_suffixes())}"
        )
    data = candidate.read()
    with engine.connect() as conn:
        stored = find_source(conn, athlete_id, sha256_of(data))
    if stored is not None:
        return _same_file(candidate.name, stored)
    future = None if pool is None else pool.submit(candidate.name, data)
    return _Prepared(candidate, suffix.lstrip("."), data, future)


def _finish(engine: Engine, athlete_id: int, item: _Prepared | FileOutcome) -> FileOutcome:
    if isinstance(item, FileOutcome):
        return item
    name = item.candidate.name

    def store() -> FileOutcome:
        read = read_file_of(result_of(item.future, name, item.data))
        try:
            with engine.begin() as conn:
                return _store_file(
                    conn, athlete_id, item.candidate, item.file_format, item.data, read
                )
        except IntegrityError as refused:  # another writer stored it first: this very file?
            return _stored_meanwhile(engine, athlete_id, name, item.data, refused)

    outcome: FileOutcome = _guarded(name, store)
    return outcome


def _stored_meanwhile(
    engine: Engine, athlete_id: int, name: str, data: bytes, refused: IntegrityError
) -> FileOutcome:
    """After a write refused by a unique key: "already there" if another import stored this
    file first (a writer that does not hold the log's lock), else the refusal itself."""
    with engine.connect() as conn:
        stored = find_source(conn, athlete_id, sha256_of(data))
    if stored is None:
        raise refused
    return _same_file(name, stored)


def _guarded(name: str, step: Callable[[], Any]) -> Any:
    """Run one file's step; its problems become its outcome, never the import's end."""
    try:
        return step()
    except ImportProblem as problem:
        return _problem_outcome(name, problem)
    except Exception as error:  # a reader's bug must not stop the other files
        return FileOutcome(
            name,
            Outcome.FAILED,
            f"runcoach could not read it ({type(error).__name__}: {error})",
            kind="failed",
        )


def _index_outcome(candidate: Candidate) -> FileOutcome:
    export = candidate.export
    assert export is not None
    records = len(export.by_start)
    return FileOutcome(
        candidate.name,
        Outcome.NOT_ACTIVITY,
        f"the {export.kind} export's index: names, types and shoes of {records} activities",
        kind="index",
        warnings=export.notes(),
    )


def _same_file(name: str, stored: Any) -> FileOutcome:
    if stored.outcome == QUARANTINED:
        return FileOutcome(
            name,
            Outcome.ALREADY_THERE,
            f"the same file as {stored.name}, in quarantine "
            f"(runcoach quarantine release {stored.id} takes it in)",
        )
    return FileOutcome(name, Outcome.ALREADY_THERE, f"the same file as {stored.name}")


def _richest_first(candidate: Candidate) -> tuple[int, str]:
    suffix = format_of(candidate.name) or ""
    return (-FORMAT_RICHNESS.get(suffix.lstrip("."), 0), candidate.name)


def import_one(engine: Engine, candidate: Candidate, *, athlete_id: int) -> FileOutcome:
    """Import one file in one transaction, in this process; report what happened."""
    return _finish(engine, athlete_id, _prepared(engine, athlete_id, candidate, None))


def _problem_outcome(name: str, problem: ImportProblem) -> FileOutcome:
    quiet = isinstance(problem, NotAnActivity | UnsupportedFile)
    reason = str(problem).removeprefix(f"{name}: ")
    return FileOutcome(
        name, Outcome.NOT_ACTIVITY if quiet else Outcome.FAILED, reason, kind=problem.kind
    )


def _store_file(
    conn: Connection,
    athlete_id: int,
    candidate: Candidate,
    file_format: str,
    data: bytes,
    read: ReadFile,
) -> FileOutcome:
    name = candidate.name
    lock_training_log(conn, athlete_id)  # from here to COMMIT no other import stores a run
    stored = find_source(conn, athlete_id, read.original.sha256)  # by another import meanwhile
    if stored is not None:
        return _same_file(name, stored)
    if not read.runs:
        raise NotAnActivity("no activity in the file")
    warnings = [w for found in read.runs for w in found.run.warnings]
    kept, held = _sorted_out(read.runs)
    placed = [
        _place_run(conn, athlete_id, candidate, found, partial(_read_again, data, name, index))
        for index, found in kept
    ]
    added = [p.run_id for p in placed if p.new or p.primary]
    outcome = Outcome.IMPORTED if added else Outcome.ALREADY_THERE
    reason = _placement_reason(placed)
    if held and not kept:
        outcome, reason = Outcome.QUARANTINED, "; ".join(held)
    elif held:
        warnings += [f"quarantined: {why}" for why in held]
    source_id = add_source(
        conn, athlete_id, name=name, file_format=file_format, data=read.original,
        outcome=_source_outcome(added, held), reason="; ".join(held) if held else reason,
    )  # fmt: skip
    for placement in placed:
        link_source(conn, placement.run_id, source_id, primary=placement.primary)
    run_ids = [p.run_id for p in placed]
    return FileOutcome(name, outcome, reason, run_ids, warnings=warnings)


def take_in_quarantined(
    conn: Connection, athlete_id: int, source_id: int, name: str, runs: list[Run]
) -> FileOutcome:
    """Store the runs of a quarantined file as they are: the runner has looked and says they
    happened. Runs of the file already in the log are recognised, never stored twice."""
    lock_training_log(conn, athlete_id)
    linked = linked_runs(conn, source_id)
    candidate = Candidate(name, lambda: b"")
    placed = [
        _place_run(conn, athlete_id, candidate, read_run(run), partial(_same_run, run))
        for run in runs
    ]
    for placement in placed:
        if placement.run_id not in linked:
            link_source(conn, placement.run_id, source_id, primary=placement.primary)
    set_outcome(conn, source_id, "imported", "released from quarantine by the runner")
    return FileOutcome(name, Outcome.IMPORTED, None, [p.run_id for p in placed])


def _same_run(run: Run) -> Run:
    return run


def _sorted_out(found: list[ReadRun]) -> tuple[list[tuple[int, ReadRun]], list[str]]:
    """The runs that can be (with their place in the file), and the reasons of those that
    cannot (quarantined)."""
    now = datetime.now(UTC)
    kept, held = [], []
    for index, read in enumerate(found):
        reasons = impossible(read.run, now)
        if not reasons:
            kept.append((index, read))
            continue
        which = f"run {index + 1} of {len(found)}: " if len(found) > 1 else ""
        held.append(f"{which}{', '.join(reasons)}")
    return kept, held


def _source_outcome(added: list[int], held: list[str]) -> str:
    if held:
        return QUARANTINED
    return "imported" if added else "duplicate"


@dataclass(frozen=True)
class _Placement:
    run_id: int
    new: bool  # a run that was not in the log
    primary: bool  # this file's numbers are the run's (new, or richer than the stored file)


def _placement_reason(placed: list[_Placement]) -> str | None:
    known = [str(p.run_id) for p in placed if not p.new]
    if not known:
        return None
    ids = ", ".join(known)
    if any(p.primary for p in placed if not p.new):
        return f"the same activity as run {ids}, in a richer file: its numbers replace the old"
    return f"the same activity as run {ids}, already in the log (kept as a further source)"


def _place_run(
    conn: Connection,
    athlete_id: int,
    candidate: Candidate,
    read: ReadRun,
    read_again: Callable[[], Run],
) -> _Placement:
    """Store a run, or recognise it as one already stored (keeping the richer numbers)."""
    record = _export_record(candidate, read.run)
    if record is not None and record.sport is not None and not same_family(record.sport, read.run):
        # The export says it was another kind of activity: its analysis and tags change with
        # the sport, so the run is read again here with its samples (rare: an export's index).
        read = read_run(dataclasses.replace(read_again(), sport=record.sport))
    run = read.run
    match = _same_activity(conn, athlete_id, run)
    if match is None:
        prepared = dataclasses.replace(
            read.prepared, run=_with_record(conn, athlete_id, run, record)
        )
        tags = _tags(conn, athlete_id, prepared.run, read.reading)
        run_id = run_store.insert_prepared(conn, athlete_id, prepared, tags)
        return _Placement(run_id, new=True, primary=True)
    assert match.id is not None  # a stored run
    richer = _richness(read) > _stored_richness(conn, match)
    if richer:
        tags = _tags(conn, athlete_id, run, read.reading)
        run_store.replace_prepared(conn, athlete_id, match.id, read.prepared, tags)
    _merge_record(conn, athlete_id, match, record)
    return _Placement(match.id, new=False, primary=richer)


def _read_again(data: bytes, name: str, index: int) -> Run:
    return read_activity(name, data)[index]


def _tags(conn: Connection, athlete_id: int, run: Run, reading: SampleReading) -> InferredTags:
    recent = run_store.recent_runs(conn, athlete_id, run.start, RECENT_DAYS)
    return infer_tags(run, runner_context(recent), reading)


def _same_activity(conn: Connection, athlete_id: int, run: Run) -> Run | None:
    nearby = run_store.activities_near(conn, athlete_id, run.start, SAME_START_S)
    return first_same_activity(nearby, run)


def _richness(read: ReadRun) -> tuple[int, int, int]:
    run = read.run
    return (FORMAT_RICHNESS.get(run.source, 0), read.prepared.stream_count, len(run.laps))


def _stored_richness(conn: Connection, stored: Run) -> tuple[int, int, int]:
    assert stored.id is not None
    return (
        FORMAT_RICHNESS.get(stored.source, 0),
        run_store.stream_count(conn, stored.id),
        run_store.lap_count(conn, stored.id),
    )


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
) -> None:
    """Fill what the stored run lacks from an export's index (never overwrite)."""
    if record is None or stored.id is None:
        return
    values: dict[str, Any] = {}
    if record.name and not stored.name:
        values["name"] = record.name
    if record.description and not stored.notes:
        values["notes"] = record.description
    if record.gear and stored.shoe_id is None and stored.sport.is_run:
        values["shoe_id"] = shoe_or_new(conn, athlete_id, record.gear, datetime.now(UTC).date())
    if values:
        run_store.update_run(conn, athlete_id, stored.id, values)
