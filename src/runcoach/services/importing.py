"""Import activity files into the training log: every file atomically, no run twice.

Each file is read, analysed (splits, efforts, tags) and stored with its original bytes, all or
nothing: files are stored in batches, one transaction per batch and a savepoint per file, so
a bad file is rolled back alone, a crash loses at most the batch being written (never part of
a file), and running the same import again finishes it (files already stored are recognised
by their SHA-256). A batch ends after ``BATCH_FILES`` files or ``BATCH_S`` seconds, and
before a file is decoded (a reader process not done with it yet, or a small import reading
in this process): the log is never held while nothing is written.
The same activity in another format (a FIT and the GPX of the same run) is recognised by its
start, sport and overlapping time, stored once, and the richer file's numbers are kept.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import partial
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from runcoach.config import Settings
from runcoach.domain.errors import ImportProblem, NotAnActivity, UnsupportedFile
from runcoach.domain.hints import Do, note
from runcoach.domain.run.duplicates import (
    richness,
)
from runcoach.domain.run.plausibility import impossible
from runcoach.domain.run.runs import Run
from runcoach.importers import format_of, supported_suffixes
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
from runcoach.services.import_sources import Candidate, ImportSource, Limits, Sources
from runcoach.services.run_placement import as_read, place_run, placement_reason, read_again
from runcoach.services.shoes import ShoeReport, worn_out_now
from runcoach.store.athletes import lock_training_log
from runcoach.store.pipeline import savepoint
from runcoach.store.recent_log import RecentRuns
from runcoach.store.run_weeks import refresh_weeks
from runcoach.store.source_files import (
    QUARANTINED,
    KnownFiles,
    StoredFile,
    add_source,
    find_source,
    link_source,
    linked_runs,
    set_outcome,
    sha256_of,
)

MAX_DECODING_IN_FLIGHT = 640 * 1024 * 1024  # bytes; the memory that the files read ahead of
# the one being stored may take to decode, estimated by DECODING_PER_BYTE (docs/importers.md,
# "Memory"); a file that needs more is read alone
BATCH_FILES = 64  # files stored in one transaction at most (each in a savepoint of its own)
BATCH_S = 0.5  # s; a transaction holds the log this long at most (SQLite's write lock: the
# web app's writes wait meanwhile). One commit per file cost a third of the main process on
# SQLite and a disk flush per file on PostgreSQL (docs/benchmarks.md, "Fast at every door").
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


Progress = Callable[[FileOutcome], None]


def import_sources(
    engine: Engine,
    sources: list[ImportSource],
    *,
    athlete_id: int,
    progress: Progress | None = None,
    limits: Limits | None = None,
    on_total: Callable[[int], None] | None = None,
    workers: int | None = None,
    settings: Settings | None = None,
) -> ImportSummary:
    """Import every activity in ``sources`` (files a person named, turned into sources by
    ``import_sources.sources_of_paths``; or what a web upload received, as it came): activity
    files, ``.gz`` and ``.zip`` exports; one file's failure never stops the rest.

    Files are read by ``workers`` processes (default: the cores, up to 4; 1 reads in this
    process) and stored here, in order, one transaction each. What the import reads is
    bounded (``import_sources``): one budget of unpacked bytes for the whole import, and at
    most ``MAX_DECODING_IN_FLIGHT`` of memory for the files being decoded at once. With
    ``settings`` (the shoes' default retirement distance) the summary says which pairs the
    imported runs wore out.
    """
    with Sources(limits) as reading:
        found = sorted(reading.candidates_of(sources), key=_richest_first)
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
    with engine.connect() as conn:
        writer = _Writer(conn, athlete_id)
        try:
            for candidate in found:
                window.append(_prepared(writer, candidate, pool))
                while window and (
                    len(window) > (pool.window if pool else 0)
                    or _decoding(window) > MAX_DECODING_IN_FLIGHT
                ):
                    yield from _finish(writer, window.popleft())
            while window:
                yield from _finish(writer, window.popleft())
        except BaseException:  # Ctrl-C, or an error out of the store: keep the files done
            writer.keep_stored()  # (the file being stored was rolled back to its savepoint)
            raise
        yield from writer.commit()


class _Writer:
    """The import's one connection and its open batch: the files stored since the last
    commit (their outcomes are told only once committed), the days whose weeks to recount
    before committing (once per week and batch instead of once per run), and the runs kept
    in memory for the tags' context and the same-activity check (``store.recent_log``: read
    once for many runs) and the files stored (``source_files.KnownFiles``: read once)."""

    def __init__(self, conn: Connection, athlete_id: int) -> None:
        self.conn = conn
        self.athlete_id = athlete_id
        self.pending: list[FileOutcome] = []
        self.weeks: set[date] = set()
        self.recent = RecentRuns(athlete_id)
        self.known = KnownFiles(athlete_id)
        self.began = 0.0

    def begin(self) -> Connection:
        """The connection, in the batch's transaction (begun here when none is open)."""
        if not self.conn.in_transaction():
            self.conn.begin()
            self.began = time.monotonic()
            lock_training_log(self.conn, self.athlete_id)  # until COMMIT, no other import
        return self.conn

    def full(self) -> bool:
        return len(self.pending) >= BATCH_FILES or (
            self.conn.in_transaction() and time.monotonic() - self.began >= BATCH_S
        )

    def keep_stored(self) -> None:
        """Commit the files stored whole before the import was stopped (the file being
        stored was rolled back to its savepoint); nothing when the store cannot commit."""
        try:
            if self.conn.in_transaction() and not self.conn.in_nested_transaction():
                self.commit()
        except Exception:  # the error that stopped the import is the one told
            pass

    def commit(self) -> list[FileOutcome]:
        """Commit the batch; the outcomes of its files, now stored."""
        if self.conn.in_transaction():
            if self.weeks:
                refresh_weeks(self.conn, self.athlete_id, self.weeks)
            self.recent.committing(self.conn)
            self.known.committing(self.conn)
            self.conn.commit()
        self.weeks.clear()
        done, self.pending = self.pending, []
        return done


def _decoding(window: deque[_Prepared | FileOutcome]) -> int:
    """The memory the files in ``window`` take to decode, estimated from their sizes."""
    return sum(
        len(item.data) * DECODING_PER_BYTE.get(item.file_format, 1)
        for item in window
        if isinstance(item, _Prepared)
    )


def _prepared(writer: _Writer, candidate: Candidate, pool: Pool | None) -> _Prepared | FileOutcome:
    def step() -> _Prepared | FileOutcome:
        return _prepare(writer, candidate, pool)

    result: _Prepared | FileOutcome = _guarded(candidate.name, step)
    return result


def _prepare(writer: _Writer, candidate: Candidate, pool: Pool | None) -> _Prepared | FileOutcome:
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
    stored = writer.known.find(writer.begin(), sha256_of(data))
    if stored is not None:
        return _same_file(candidate.name, stored)
    future = None if pool is None else pool.submit(candidate.name, data)
    return _Prepared(candidate, suffix.lstrip("."), data, future)


def _finish(writer: _Writer, item: _Prepared | FileOutcome) -> Iterator[FileOutcome]:
    """Store a file in the open batch (its savepoint); the batch's outcomes when it ends."""
    if isinstance(item, FileOutcome):
        writer.pending.append(item)
    else:
        if item.future is None or not item.future.done():
            yield from writer.commit()  # the log is not held while a file is decoded
        name = item.candidate.name

        def store() -> FileOutcome:
            read = read_file_of(result_of(item.future, name, item.data))
            conn = writer.begin()
            try:
                with savepoint(conn):  # a file's failure rolls back that file alone
                    outcome, stored = _store_file(
                        conn, writer, item.candidate, item.file_format, item.data, read
                    )
                if stored is not None:
                    writer.known.stored(conn, read.original.sha256, stored)
                return outcome
            except IntegrityError as refused:  # another writer stored it first: this file?
                writer.recent.forget()  # the file was rolled back to its savepoint
                return _stored_meanwhile(conn, writer.athlete_id, name, item.data, refused)
            except BaseException:
                writer.recent.forget()
                raise

        writer.pending.append(_guarded(name, store))
    if writer.full():
        yield from writer.commit()


def _stored_meanwhile(
    conn: Connection, athlete_id: int, name: str, data: bytes, refused: IntegrityError
) -> FileOutcome:
    """After a write refused by a unique key: "already there" if another import stored this
    file first (a writer that does not hold the log's lock), else the refusal itself."""
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
        said = f"the same file as {stored.name}, in quarantine"
        releasing = "(releasing it from quarantine takes it in)"
        reason = note(Do.RELEASE_FROM_QUARANTINE, said, releasing, id=stored.id)
        return FileOutcome(name, Outcome.ALREADY_THERE, reason)
    return FileOutcome(name, Outcome.ALREADY_THERE, f"the same file as {stored.name}")


def _richest_first(candidate: Candidate) -> tuple[int, str]:
    suffix = format_of(candidate.name) or ""
    return (-richness(suffix, 0, 0).format_rank, candidate.name)


def import_one(engine: Engine, candidate: Candidate, *, athlete_id: int) -> FileOutcome:
    """Import one file in one transaction, in this process; report what happened."""
    (outcome,) = _pipeline(engine, athlete_id, [candidate], None)
    return outcome


def _problem_outcome(name: str, problem: ImportProblem) -> FileOutcome:
    quiet = isinstance(problem, NotAnActivity | UnsupportedFile)
    reason = str(problem).removeprefix(f"{name}: ")
    return FileOutcome(
        name, Outcome.NOT_ACTIVITY if quiet else Outcome.FAILED, reason, kind=problem.kind
    )


def _store_file(
    conn: Connection,
    writer: _Writer,
    candidate: Candidate,
    file_format: str,
    data: bytes,
    read: ReadFile,
) -> tuple[FileOutcome, StoredFile | None]:
    """Store a file's runs and original: what happened, and the file as stored (None when it
    was there already)."""
    name, athlete_id = candidate.name, writer.athlete_id
    lock_training_log(conn, athlete_id)  # held by the batch: no other import stores a run
    stored = writer.known.find(conn, read.original.sha256)  # by another import, or this one
    if stored is not None:
        return _same_file(name, stored), None
    if not read.runs:
        raise NotAnActivity("no activity in the file")
    warnings = [w for found in read.runs for w in found.run.warnings]
    kept, held = _sorted_out(read.runs)
    placed = [
        place_run(
            conn,
            athlete_id,
            candidate,
            found,
            read_again(data, name, index),
            writer.weeks,
            writer.recent,
        )
        for index, found in kept
    ]
    added = [p.run_id for p in placed if p.new or p.primary]
    outcome = Outcome.IMPORTED if added else Outcome.ALREADY_THERE
    reason = placement_reason(placed)
    if held and not kept:
        outcome, reason = Outcome.QUARANTINED, "; ".join(held)
    elif held:
        warnings += [f"quarantined: {why}" for why in held]
    kept_as = _source_outcome(added, held)
    source_id = add_source(
        conn, athlete_id, name=name, file_format=file_format, data=read.original,
        outcome=kept_as, reason="; ".join(held) if held else reason,
    )  # fmt: skip
    for placement in placed:
        link_source(
            conn, placement.run_id, source_id, primary=placement.primary, first=placement.new
        )
    run_ids = [p.run_id for p in placed]
    stored_file = StoredFile(source_id, name[:1000], kept_as)
    return FileOutcome(name, outcome, reason, run_ids, warnings=warnings), stored_file


def take_in_quarantined(
    conn: Connection, athlete_id: int, source_id: int, name: str, runs: list[Run]
) -> FileOutcome:
    """Store the runs of a quarantined file as they are: the runner has looked and says they
    happened. Runs of the file already in the log are recognised, never stored twice."""
    lock_training_log(conn, athlete_id)
    linked = linked_runs(conn, source_id)
    candidate = Candidate(name, lambda: b"")
    placed = [
        place_run(conn, athlete_id, candidate, read_run(run), partial(as_read, run)) for run in runs
    ]
    for placement in placed:
        if placement.run_id not in linked:
            link_source(conn, placement.run_id, source_id, primary=placement.primary)
    set_outcome(conn, source_id, "imported", "released from quarantine by the runner")
    return FileOutcome(name, Outcome.IMPORTED, None, [p.run_id for p in placed])


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
