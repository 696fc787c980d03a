"""Upload: many files, a folder's contents or a whole export zip; a page follows the job."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.services import uploads as service
from runcoach.web.api.uploads import queue_files
from runcoach.web.auth import engine_of
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()
HTMX_STOP_POLLING = 286  # htmx stops an "every 1s" poll on this status


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, access: Page) -> Response:
    recent = service.recent_uploads(engine_of(request), athlete_id=access.actor.athlete_id)
    return render(
        request,
        "pages/upload.html",
        nav="upload",
        recent=recent,
        max_mib=service.MAX_UPLOAD_BYTES // 2**20,
    )


@router.post("/upload")
async def upload(
    request: Request, access: Page, files: Annotated[list[UploadFile], File()]
) -> Response:
    job_id = await queue_files(request, access.actor.athlete_id, files)
    return RedirectResponse(f"/uploads/{job_id}", status_code=303)


@router.get("/uploads/{job_id}", response_class=HTMLResponse)
def upload_progress(request: Request, access: Page, job_id: int) -> Response:
    job = service.upload_status(engine_of(request), job_id, athlete_id=access.actor.athlete_id)
    if request.headers.get("hx-request"):
        status = HTMX_STOP_POLLING if job.finished else 200
        return render(request, "partials/upload_job.html", status=status, job=job)
    return render(request, "pages/upload_job.html", nav="upload", job=job)
