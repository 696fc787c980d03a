"""Repository functions for uploads waiting in the job queue and their progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from runcoach.domain.errors import NotFound
from runcoach.store.moments import aware
from runcoach.store.tables import upload_files, upload_jobs


@dataclass(frozen=True)
class UploadJobRow:
    id: int
    athlete_id: int
    status: str
    files_total: int
    files_done: int
    outcomes: list[dict[str, Any]]
    error: str | None
    created_at: datetime
    finished_at: datetime | None


def add_job(
    conn: Connection, athlete_id: int, files: list[tuple[str, bytes]], now: datetime
) -> int:
    new = conn.execute(
        insert(upload_jobs).values(
            athlete_id=athlete_id,
            status="queued",
            files_total=len(files),
            files_done=0,
            outcomes=[],
            created_at=now,
        )
    ).inserted_primary_key
    assert new is not None
    job_id = int(new[0])
    if files:
        conn.execute(
            insert(upload_files), [{"job_id": job_id, "name": n, "data": d} for n, d in files]
        )
    return job_id


_JOB = tuple(upload_jobs.c[name] for name in UploadJobRow.__dataclass_fields__)


def get_job(conn: Connection, job_id: int, athlete_id: int | None = None) -> UploadJobRow:
    query = select(*_JOB).where(upload_jobs.c.id == job_id)
    if athlete_id is not None:
        query = query.where(upload_jobs.c.athlete_id == athlete_id)
    row = conn.execute(query).first()
    if row is None:
        raise NotFound(f"there is no upload {job_id}")
    values = row._asdict()
    values["outcomes"] = values["outcomes"] or []
    values["created_at"] = aware(values["created_at"])
    values["finished_at"] = aware(values["finished_at"])
    return UploadJobRow(**values)


def recent_jobs(conn: Connection, athlete_id: int, limit: int) -> list[int]:
    rows = conn.execute(
        select(upload_jobs.c.id)
        .where(upload_jobs.c.athlete_id == athlete_id)
        .order_by(upload_jobs.c.id.desc())
        .limit(limit)
    )
    return [int(r[0]) for r in rows]


@dataclass(frozen=True)
class UploadFileRow:
    id: int
    name: str
    size: int  # bytes


def files_of(conn: Connection, job_id: int) -> list[UploadFileRow]:
    """The upload's files by name and size, in the order received; their bytes are read one
    file at a time (``file_data``), so a job never holds a whole upload (up to 512 MB)."""
    rows = conn.execute(
        select(upload_files.c.id, upload_files.c.name, func.length(upload_files.c.data))
        .where(upload_files.c.job_id == job_id)
        .order_by(upload_files.c.id)
    )
    return [UploadFileRow(int(r[0]), str(r[1]), int(r[2] or 0)) for r in rows]


def file_data(conn: Connection, file_id: int) -> bytes:
    data = conn.execute(select(upload_files.c.data).where(upload_files.c.id == file_id)).scalar()
    if data is None:
        raise NotFound(f"upload file {file_id} is gone")
    return bytes(data)


def update_job(conn: Connection, job_id: int, **values: Any) -> None:
    conn.execute(update(upload_jobs).where(upload_jobs.c.id == job_id).values(**values))


def drop_files(conn: Connection, job_id: int) -> None:
    conn.execute(delete(upload_files).where(upload_files.c.job_id == job_id))
