"""The calendar: month and week views of the plan and the runs, moving a session with the
rule check shown before saving, a shift change (one day, or the rotation moved) and an
employer's rota, each previewed with the rules it breaks; the plan's history and undo."""

from __future__ import annotations

import calendar as months
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.inputs.rota import MAX_ROTA_BYTES, rota_from_bytes
from runcoach.services import calendar as service
from runcoach.services import plan_changes as changes
from runcoach.views.plans import history_json, shift_json
from runcoach.web.auth import engine_of, settings_of
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()


def _span(view: str, anchor: date) -> tuple[date, date]:
    """The days shown: whole weeks from Monday, of the month or of the week of ``anchor``."""
    if view == "week":
        first = anchor - timedelta(days=anchor.weekday())
        return first, first + timedelta(days=6)
    start = anchor.replace(day=1)
    end = start.replace(day=months.monthrange(start.year, start.month)[1])
    first = start - timedelta(days=start.weekday())
    return first, end + timedelta(days=6 - end.weekday())


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(
    request: Request, access: Page, view: str = "month", on: date | None = None
) -> Response:
    engine = engine_of(request)
    view = "week" if view == "week" else "month"
    anchor = on or service.today_of(engine, athlete_id=access.actor.athlete_id)
    first, last = _span(view, anchor)
    shown = service.calendar_page(
        engine, settings_of(request), first, last, athlete_id=access.actor.athlete_id
    )
    step = timedelta(days=7) if view == "week" else timedelta(days=31)
    previous = anchor - step if view == "week" else (anchor.replace(day=1) - timedelta(days=1))
    following = anchor + step if view == "week" else (anchor.replace(day=28) + timedelta(days=4))
    return render(
        request,
        "pages/calendar.html",
        nav="calendar",
        cal=shown.days,
        view=view,
        anchor=anchor,
        month=anchor.month,
        previous=previous,
        following=following,
        day_types=shown.day_types,
        history=history_json(shown.history)["changes"] if shown.history else [],
    )


def _preview(request: Request, access: Any, from_day: date, to_day: date) -> service.MoveAnswer:
    return service.preview_move(
        engine_of(request), from_day, to_day, athlete_id=access.actor.athlete_id
    )


@router.post("/calendar/move/preview", response_class=HTMLResponse)
def move_preview(
    request: Request,
    access: Page,
    from_day: Annotated[date, Form()],
    to_day: Annotated[date, Form()],
) -> Response:
    """The move and every rule it would break, with the button that saves it."""
    found = _preview(request, access, from_day, to_day)
    return render(
        request, "partials/move_preview.html", move=found, from_day=from_day, to_day=to_day
    )


@router.post("/calendar/move")
def move(
    request: Request,
    access: Page,
    from_day: Annotated[date, Form()],
    to_day: Annotated[date, Form()],
) -> Response:
    service.save_move(engine_of(request), from_day, to_day, athlete_id=access.actor.athlete_id)
    return RedirectResponse(f"/calendar?on={to_day.isoformat()}", status_code=303)


def _shift_request(day: date, day_type: str, whole: str) -> changes.ShiftRequest:
    return changes.ShiftRequest(day=day, day_type=day_type, insert=whole == "rotation")


@router.post("/calendar/shift/preview", response_class=HTMLResponse)
def shift_preview(
    request: Request,
    access: Page,
    day: Annotated[date, Form()],
    day_type: Annotated[str, Form()],
    scope: Annotated[str, Form()] = "day",
) -> Response:
    """What the shift change would move and the rules it would break, before it is saved."""
    done = changes.preview_shift(engine_of(request), None, _shift_request(day, day_type, scope),
                                 athlete_id=access.actor.athlete_id)  # fmt: skip
    fields = {"day": day.isoformat(), "day_type": day_type, "scope": scope}
    return render(request, "partials/shift_preview.html", shift=shift_json(done), fields=fields,
                  action="/calendar/shift")  # fmt: skip


@router.post("/calendar/shift")
def shift_change(
    request: Request,
    access: Page,
    day: Annotated[date, Form()],
    day_type: Annotated[str, Form()],
    scope: Annotated[str, Form()] = "day",
    accept_breaks: Annotated[bool, Form()] = False,
) -> Response:
    """A shift change saved: only that day changes (or, with scope=rotation, every later day
    of the rotation moves); refused when it breaks rules the runner did not accept."""
    changes.save_shift(engine_of(request), None, _shift_request(day, day_type, scope), None,
                       accept_breaks, athlete_id=access.actor.athlete_id)  # fmt: skip
    return RedirectResponse(f"/calendar?on={day.isoformat()}", status_code=303)


@router.post("/calendar/rota/preview", response_class=HTMLResponse)
async def rota_preview(
    request: Request,
    access: Page,
    file: Annotated[UploadFile, File()],
    mapping: Annotated[str, Form(alias="map")] = "",
) -> Response:
    """The employer's rota read: what it would change and break, with the button to save."""
    data = await file.read(MAX_ROTA_BYTES + 1)
    rota = changes.RotaRequest(rota_from_bytes(data, file.filename or "the rota"), _told(mapping))
    done = changes.preview_rota(engine_of(request), None, rota, athlete_id=access.actor.athlete_id)
    fields = {"rota_text": data.decode("utf-8", "replace"), "map": mapping}
    return render(request, "partials/shift_preview.html", shift=shift_json(done), fields=fields,
                  action="/calendar/rota")  # fmt: skip


def _told(mapping: str) -> dict[str, str]:
    return dict(item.strip().split("=", 1) for item in mapping.split(",") if "=" in item)


@router.post("/calendar/rota")
def rota_save(
    request: Request,
    access: Page,
    rota_text: Annotated[str, Form()],
    mapping: Annotated[str, Form(alias="map")] = "",
    accept_breaks: Annotated[bool, Form()] = False,
) -> Response:
    rota = changes.RotaRequest(rota_from_bytes(rota_text.encode("utf-8"), "the rota"),
                               _told(mapping))  # fmt: skip
    changes.save_rota(engine_of(request), None, rota, None, accept_breaks,
                      athlete_id=access.actor.athlete_id)  # fmt: skip
    return RedirectResponse("/calendar", status_code=303)


@router.post("/calendar/undo")
def undo(request: Request, access: Page) -> Response:
    """Undo the last change to the plan (a shift, a rota, a move, a hand edit)."""
    changes.undo(engine_of(request), athlete_id=access.actor.athlete_id)
    return RedirectResponse("/calendar", status_code=303)
