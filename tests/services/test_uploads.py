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
