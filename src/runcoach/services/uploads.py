"""Uploads from the web and the API: files are kept until a job imports them outside the
request (web/jobs.py runs ``run_upload``), and the runner follows the job's progress."""

from __future__ import annotations

import contextlib
import io
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import IO, Any

from sqlalchemy import Engine

from runcoach.domain.errors import InvalidInput
from runcoach.services.contract_judging import judge_due
from runcoach.services.dashboard import rebuild_pages
from runcoach.services.import_sources import ImportSource
from runcoach.services.importing import FileOutcome, import_sources
from runcoach.store import uploads as store
from runcoach.store.db import read_only

MAX_UPLOAD_FILES = 2000  # files in one upload (a folder's contents); an export is one zip
MAX_UPLOAD_BYTES = 512 * 2**20  # all files of one upload together, bytes (PostgreSQL's bytea
# holds 1 GiB at most); a larger export is imported on the server: runcoach import FILE.zip
log = logging.getLogger("runcoach.jobs")
PROGRESS_EVERY_S = 1.0  # s between two writes of a job's progress (the page polls)
IMPORT_WORKERS = 1  # a job reads in its own process: the web server keeps the other cores


@dataclass(frozen=True)
class UploadJob:
    id: int
    status: str  # queued / running / rebuilding (the reports) / done / failed
    files_total: int
    files_done: int
    outcomes: list[dict[str, Any]]
    error: str | None
    created_at: datetime
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")


def safe_name(name: str) -> str:
    """The file's own name, without folders the browser or a script sent along."""
    leaf = PurePosixPath(name.replace("\\", "/")).name.strip()
    if not leaf or leaf in (".", ".."):
        raise InvalidInput(f"'{name}' is not a file name")
    return leaf[:200]


def queue_upload(
    engine: Engine, files: list[tuple[str, bytes]], *, athlete_id: int, now: datetime
) -> int:
    """Keep the uploaded files for their import job; bounded in count and size."""
    if not files:
        raise InvalidInput("choose at least one file to upload", hint="FIT, GPX, TCX or a .zip")
    if len(files) > MAX_UPLOAD_FILES:
        raise InvalidInput(f"at most {MAX_UPLOAD_FILES} files at once; upload a .zip instead")
    if sum(len(data) for _, data in files) > MAX_UPLOAD_BYTES:
        raise InvalidInput(f"an upload may hold at most {MAX_UPLOAD_BYTES // 2**20} MiB")
    named = [(safe_name(name), data) for name, data in files]
    with engine.begin() as conn:
        return store.add_job(conn, athlete_id, named, now)


def upload_status(engine: Engine, job_id: int, *, athlete_id: int) -> UploadJob:
    with engine.connect() as conn:
        return _job(store.get_job(conn, job_id, athlete_id))


def recent_uploads(engine: Engine, *, athlete_id: int, limit: int = 5) -> list[UploadJob]:
    with engine.connect() as conn:
        return [_job(store.get_job(conn, i)) for i in store.recent_jobs(conn, athlete_id, limit)]


def _job(row: store.UploadJobRow) -> UploadJob:
    return UploadJob(
        row.id,
        row.status,
        row.files_total,
        row.files_done,
        row.outcomes,
        row.error,
        row.created_at,
        row.finished_at,
    )


def run_upload(engine: Engine, job_id: int) -> None:
    """The job: import the upload's files for its athlete, recording each file's outcome."""
    with engine.begin() as conn:
        job = store.get_job(conn, job_id)
        files = store.files_of(conn, job_id)
        store.update_job(conn, job_id, status="running")
    outcomes: list[dict[str, Any]] = []
    progress = _Progress(engine, job_id, outcomes)
    try:
        import_sources(
            engine,
            [ImportSource(f.name, f.size, _reader(engine, f.id)) for f in files],
            athlete_id=job.athlete_id,
            workers=IMPORT_WORKERS,
            on_total=lambda n: _set(engine, job_id, files_total=n),
            progress=progress.record,
        )
    except Exception as error:  # the job fails with its reason; the files already stored stay
        _finish(engine, job_id, "failed", outcomes, f"{type(error).__name__}: {error}")
        raise
    _set(engine, job_id, status="rebuilding")  # the upload page shows this step too
    try:
        rebuild_pages(engine, athlete_id=job.athlete_id)
    except Exception:  # the runs are in: a report not made now is made when first opened
        log.exception("rebuilding the reports after upload %s failed", job_id)
    _judge_contracts(engine, job.athlete_id)
    _finish(engine, job_id, "done", outcomes, None)


Opener = Callable[[], contextlib.AbstractContextManager[IO[bytes]]]


def _reader(engine: Engine, file_id: int) -> Opener:
    """Open one uploaded file: its bytes read from the database when the import reaches it,
    and let go after (the job's memory holds one file, not the whole upload)."""

    def open_file() -> contextlib.AbstractContextManager[IO[bytes]]:
        with read_only(engine) as conn:  # beside the import's own writing transaction: on
            data = store.file_data(conn, file_id)  # SQLite a write's BEGIN would wait on it
        return contextlib.nullcontext(io.BytesIO(data))

    return open_file


def _judge_contracts(engine: Engine, athlete_id: int) -> None:
    """New runs can decide a contract's period: judged now, not at the next round."""
    try:
        judge_due(engine, datetime.now(UTC), athlete_id=athlete_id)
    except Exception:  # the runs are in; the job's next round judges them
        log.exception("judging the contracts of athlete %s after an upload failed", athlete_id)


def _set(engine: Engine, job_id: int, **values: Any) -> None:
    with engine.begin() as conn:
        store.update_job(conn, job_id, **values)


class _Progress:
    """Each file's outcome as the import tells it, written to the job for the upload page
    at most every ``PROGRESS_EVERY_S`` (the last ones by ``_finish``): writing the whole list
    after every file cost time and bytes growing with the square of the files (a decade's
    export, 3,000 files: about 700 MB of JSON)."""

    def __init__(self, engine: Engine, job_id: int, outcomes: list[dict[str, Any]]) -> None:
        self.engine, self.job_id, self.outcomes = engine, job_id, outcomes
        self.written_at = time.monotonic()

    def record(self, o: FileOutcome) -> None:
        self.outcomes.append(
            {
                "name": o.name,  # as uploaded: the sources are the bytes received, named so
                "outcome": o.outcome.value,
                "reason": o.reason,
                "run_ids": o.run_ids,
                "kind": o.kind,  # the problem's kind, as ``runcoach import --json`` tells it
                "warnings": o.warnings,
            }
        )
        now = time.monotonic()
        if now - self.written_at >= PROGRESS_EVERY_S:
            self.written_at = now
            _set(self.engine, self.job_id, files_done=len(self.outcomes), outcomes=self.outcomes)


def _finish(
    engine: Engine, job_id: int, status: str, outcomes: list[dict[str, Any]], error: str | None
) -> None:
    with engine.begin() as conn:
        store.update_job(
            conn,
            job_id,
            status=status,
            outcomes=outcomes,
            error=error,
            files_done=len(outcomes),
            finished_at=datetime.now(UTC),
        )
        store.drop_files(conn, job_id)
