"""The calendar: month and week views of the plan and the runs, moving a session with the
rule check shown before saving, and a one-day shift change."""

from __future__ import annotations

import calendar as months
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.errors import NotFound
from runcoach.services import calendar as service
from runcoach.services import plans, today
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


def _day_types(request: Request, athlete_id: int) -> list[str]:
    try:
        stored = plans.active_plan(engine_of(request), athlete_id=athlete_id)
    except NotFound:
        return []
    return sorted({d.day_type.name for d in stored.plan.days()})


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(
    request: Request, access: Page, view: str = "month", on: date | None = None
) -> Response:
    engine = engine_of(request)
    view = "week" if view == "week" else "month"
    anchor = on or service.today_of(engine, athlete_id=access.actor.athlete_id)
    first, last = _span(view, anchor)
    shown = service.calendar(
        engine, settings_of(request), first, last, athlete_id=access.actor.athlete_id
    )
    step = timedelta(days=7) if view == "week" else timedelta(days=31)
    previous = anchor - step if view == "week" else (anchor.replace(day=1) - timedelta(days=1))
    following = anchor + step if view == "week" else (anchor.replace(day=28) + timedelta(days=4))
    return render(
        request,
        "pages/calendar.html",
        nav="calendar",
        cal=shown,
        view=view,
        anchor=anchor,
        month=anchor.month,
        previous=previous,
        following=following,
        day_types=_day_types(request, access.actor.athlete_id),
    )


def _preview(request: Request, access: Any, from_day: date, to_day: date) -> dict[str, Any]:
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


@router.post("/calendar/shift")
def shift_change(
    request: Request,
    access: Page,
    day: Annotated[date, Form()],
    day_type: Annotated[str, Form()],
) -> Response:
    """A one-day shift change: the day takes another day type; the coming weeks re-flow."""
    today.shift(
        engine_of(request), None, insert=(day_type, day), athlete_id=access.actor.athlete_id
    )
    return RedirectResponse(f"/calendar?on={day.isoformat()}", status_code=303)
