"""/api/v1/uploads: FIT, GPX, TCX files or a whole export .zip, imported by a job."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile

from runcoach.domain.errors import InvalidInput
from runcoach.services import uploads as service
from runcoach.services.shoes import list_pairs
from runcoach.views.account import upload_job_json
from runcoach.views.shoes import WornShoeJson, worn_json
from runcoach.web.auth import Authorized, athlete_settings_of, engine_of, now

router = APIRouter(prefix="/uploads", tags=["uploads"])


def check_length(request: Request) -> None:
    """Refuse an upload over the limit before reading it, when its length is declared."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > service.MAX_UPLOAD_BYTES + 2**20:
        raise InvalidInput(f"an upload may hold at most {service.MAX_UPLOAD_BYTES // 2**20} MiB")


async def read_files(files: list[UploadFile]) -> list[tuple[str, bytes]]:
    read, total = [], 0
    for upload in files:
        data = await upload.read()
        total += len(data)
        if total > service.MAX_UPLOAD_BYTES:
            raise InvalidInput(
                f"an upload may hold at most {service.MAX_UPLOAD_BYTES // 2**20} MiB"
            )
        read.append((upload.filename or "upload", data))
    return read


async def queue_files(request: Request, athlete_id: int, files: list[UploadFile]) -> int:
    check_length(request)
    engine = engine_of(request)
    job_id = service.queue_upload(engine, await read_files(files), athlete_id=athlete_id, now=now())
    await request.app.state.jobs.import_upload(job_id)
    return job_id


@router.post("", status_code=202, summary="Upload activity files; a job imports them")
async def upload(
    request: Request, access: Authorized, files: Annotated[list[UploadFile], File()]
) -> Mapping[str, Any]:
    """Send one or more files as multipart/form-data field ``files`` (FIT, GPX, TCX, their
    .gz, or a Strava/Garmin export .zip). The answer is the job; follow it at its URL."""
    job_id = await queue_files(request, access.actor.athlete_id, files)
    return _answer(request, access, job_id)


@router.get("/{job_id}", summary="An upload's progress and each file's outcome")
def upload_status(request: Request, access: Authorized, job_id: int) -> Mapping[str, Any]:
    return _answer(request, access, job_id)


def _answer(request: Request, access: Authorized, job_id: int) -> Mapping[str, Any]:
    """The job, and once it is done the pairs now worn out (the warning the CLI prints
    after an import)."""
    engine, athlete_id = engine_of(request), access.actor.athlete_id
    job = service.upload_status(engine, job_id, athlete_id=athlete_id)
    worn: list[WornShoeJson] = []
    if job.status == "done":
        settings = athlete_settings_of(request, access)
        pairs = list_pairs(engine, settings, include_retired=False, athlete_id=athlete_id)
        worn = worn_json(pairs, settings.units)
    return upload_job_json(job, worn)
