"""An upload's job: every file's outcome kept, the progress written for the page at a
bounded rate (not the whole list after every file: quadratic in the files)."""

from __future__ import annotations

from datetime import UTC, datetime

from runcoach.services import uploads
from runcoach.store import uploads as store
from tests.conftest import ACTIVITIES, local_athlete, needs_shared_data

pytestmark = needs_shared_data()
FILES = sorted((ACTIVITIES / "gpxpy").glob("*.gpx"))[:6]


def _run(engine, monkeypatch, every_s: float) -> tuple[uploads.UploadJob, list[int]]:
    ann = local_athlete(engine)
    job_id = uploads.queue_upload(
        engine, [(p.name, p.read_bytes()) for p in FILES], athlete_id=ann,
        now=datetime(2026, 12, 4, tzinfo=UTC),
    )  # fmt: skip
    written: list[int] = []  # the outcomes' count at each write of them
    real = store.update_job

    def update_job(conn, job, **values):
        if "outcomes" in values:
            written.append(len(values["outcomes"]))
        real(conn, job, **values)

    monkeypatch.setattr(uploads, "PROGRESS_EVERY_S", every_s)
    monkeypatch.setattr(store, "update_job", update_job)
    uploads.run_upload(engine, job_id)
    return uploads.upload_status(engine, job_id, athlete_id=ann), written


def test_every_file_s_outcome_is_kept_when_the_job_is_done(engine, monkeypatch):
    job, written = _run(engine, monkeypatch, every_s=3600.0)
    assert job.status == "done" and job.files_done == job.files_total == len(FILES)
    assert [o["name"] for o in job.outcomes] == [p.name for p in FILES]
    assert written == [len(FILES)]  # nothing between: the import took under an hour


def test_the_page_sees_the_progress_file_by_file_when_the_rate_allows(engine, monkeypatch):
    job, written = _run(engine, monkeypatch, every_s=0.0)
    assert written == [*range(1, len(FILES) + 1), len(FILES)]
    assert job.files_done == len(FILES)


def test_the_job_reads_one_file_at_a_time_not_the_whole_upload(engine, monkeypatch):
    """A job held every file of its upload at once (up to 512 MB in a server process); now
    each file's bytes are read from the database when the import reaches it."""
    read: list[int] = []  # files whose bytes were read, when each outcome was recorded
    seen_at_outcome: list[int] = []
    real_data, real_update = store.file_data, store.update_job

    def file_data(conn, file_id):
        read.append(file_id)
        return real_data(conn, file_id)

    def update_job(conn, job, **values):
        if "outcomes" in values:
            seen_at_outcome.append(len(read))
        real_update(conn, job, **values)

    monkeypatch.setattr(store, "file_data", file_data)
    monkeypatch.setattr(store, "update_job", update_job)
    monkeypatch.setattr(uploads, "PROGRESS_EVERY_S", 0.0)
    ann = local_athlete(engine)
    job_id = uploads.queue_upload(
        engine, [(p.name, p.read_bytes()) for p in FILES], athlete_id=ann,
        now=datetime(2026, 12, 4, tzinfo=UTC),
    )  # fmt: skip
    uploads.run_upload(engine, job_id)
    job = uploads.upload_status(engine, job_id, athlete_id=ann)
    assert job.status == "done" and [o["name"] for o in job.outcomes] == [p.name for p in FILES]
    assert len(set(read)) == len(FILES)  # every file read, each when its turn came
    assert seen_at_outcome[0] < len(FILES)  # the first outcome came before the last file was read
