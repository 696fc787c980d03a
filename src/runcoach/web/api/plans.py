"""/api/v1/plans and /calendar: build a plan from a profile, show it, check it, move a
session, edit a day, export it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Form, Query, Request, Response, UploadFile
from pydantic import BaseModel

from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.rules import check
from runcoach.domain.units import UnitSystem
from runcoach.inputs.rota import MAX_ROTA_BYTES, rota_from_bytes
from runcoach.services import calendar, plan_exports
from runcoach.services import plan_changes as changes
from runcoach.services import plans as service
from runcoach.services.athletes import athlete_settings
from runcoach.services.calendar import today_of
from runcoach.views.plans import (
    built_json,
    history_json,
    shift_json,
    shown_json,
    undo_json,
    violations_json,
)
from runcoach.web.auth import Access, Authorized, Reading, engine_of, settings_of
from runcoach.web.openapi_views import file_answer

router = APIRouter(tags=["plans"])
PROFILE_EXAMPLE = {
    "goal": {"race": "10k", "date": "2027-03-28", "target": "49:00"},
    "run_days_per_week": 5,
    "availability": {"cycle": {"start": "2026-11-16", "days": ["day", "night", "off"],
                               "types": {"day": "short 30", "night": "none", "off": "any"}}},
    "long_run_day": "off",
}  # fmt: skip


def _units(request: Request, access: Access) -> UnitSystem:
    return athlete_settings(engine_of(request), athlete_id=access.actor.athlete_id).units


@router.post("/plans", status_code=201, summary="Build a plan from a profile; it becomes active")
def create_plan(
    request: Request,
    access: Authorized,
    profile: Annotated[dict[str, Any], Body(examples=[PROFILE_EXAMPLE])],
) -> dict[str, Any]:
    """The profile is the JSON form of docs/profile.md's YAML profile."""
    engine = engine_of(request)
    today = today_of(engine, athlete_id=access.actor.athlete_id)
    built = service.build_plan(
        engine, profile_from_dict(profile), today, athlete_id=access.actor.athlete_id
    )
    return dict(built_json(built, _units(request, access)))


@router.get("/plans/active", summary="The active plan week by week, with every rule it breaks")
def active_plan(request: Request, access: Authorized) -> dict[str, Any]:
    stored = service.active_plan(engine_of(request), athlete_id=access.actor.athlete_id)
    shown = shown_json(stored.id, stored.status, stored.plan, _units(request, access))
    shown["violations"] = violations_json(check(stored.plan))
    return dict(shown)


class DayEdit(BaseModel):
    workout: str  # e.g. "tempo 20min", "6x800m@5k", "easy 40min" (docs/plans.md)


@router.put("/plans/active/days/{day}", summary="A coach's hand edit of one day, re-checked")
def edit_day(request: Request, access: Authorized, day: date, body: DayEdit) -> dict[str, Any]:
    built = service.edit_plan(
        engine_of(request), day, body.workout, None, athlete_id=access.actor.athlete_id
    )
    return dict(built_json(built, _units(request, access)))


class Move(BaseModel):
    from_day: date
    to_day: date


@router.post("/plans/active/moves/preview", summary="What moving a session would break")
def preview_move(request: Request, access: Reading, body: Move) -> Mapping[str, Any]:
    return calendar.preview_move(
        engine_of(request), body.from_day, body.to_day, athlete_id=access.actor.athlete_id
    )


@router.post("/plans/active/moves", summary="Move a session to another day (swapping days)")
def save_move(request: Request, access: Authorized, body: Move) -> Mapping[str, Any]:
    return calendar.save_move(
        engine_of(request), body.from_day, body.to_day, athlete_id=access.actor.athlete_id
    )


class ShiftChange(BaseModel):
    """A shift change: ``day`` takes ``day_type`` and nothing else moves (one of the plan's
    day types, or none, any, 'short 30'); with ``insert``, every later day of the rotation
    moves one day later; or ``swap``: two days exchange their day types. The change is saved
    only when it breaks no rule the plan kept, or ``accept_breaks`` is true (answer 409 with
    the rules otherwise; ``/preview`` lists them without saving)."""

    swap: tuple[date, date] | None = None
    day: date | None = None
    day_type: str | None = None
    insert: bool = False
    accept_breaks: bool = False

    def request(self) -> changes.ShiftRequest:
        return changes.ShiftRequest(self.swap, self.day, self.day_type, self.insert)


@router.post("/plans/active/shifts/preview", summary="What a shift change would move and break")
def preview_shift(request: Request, access: Reading, body: ShiftChange) -> Mapping[str, Any]:
    done = changes.preview_shift(
        engine_of(request), None, body.request(), athlete_id=access.actor.athlete_id
    )
    return shift_json(done)


@router.post("/plans/active/shifts", summary="A shift change: the plan re-fits around it")
def shift(request: Request, access: Authorized, body: ShiftChange) -> Mapping[str, Any]:
    done = changes.save_shift(engine_of(request), None, body.request(), None, body.accept_breaks,
                              athlete_id=access.actor.athlete_id)  # fmt: skip
    return shift_json(done)


def rota_request(data: bytes, name: str, told: str) -> changes.RotaRequest:
    """A rota file and what each kind of shift is (``night=none,after-night=short 30``)."""
    mapping = dict(item.strip().split("=", 1) for item in told.split(",") if "=" in item)
    return changes.RotaRequest(rota_from_bytes(data, name), mapping)


@router.post("/plans/active/rota", summary="Your shifts from an iCalendar rota file")
async def import_rota(
    request: Request,
    access: Authorized,
    file: Annotated[UploadFile, File()],
    mapping: Annotated[str, Form(alias="map")] = "",
    dry_run: Annotated[bool, Form()] = False,
    accept_breaks: Annotated[bool, Form()] = False,
) -> Mapping[str, Any]:
    """Multipart form: ``file`` (the .ics your employer gives), ``map`` (optional,
    ``night=none,after-night=short 30``: what each kind of shift is in your plan),
    ``dry_run``, ``accept_breaks``. The plan's days take the rota's shifts and re-fit."""
    rota = rota_request(await file.read(MAX_ROTA_BYTES + 1), file.filename or "rota.ics", mapping)
    engine, athlete_id = engine_of(request), access.actor.athlete_id
    if dry_run:
        return shift_json(changes.preview_rota(engine, None, rota, athlete_id=athlete_id))
    done = changes.save_rota(engine, None, rota, None, accept_breaks, athlete_id=athlete_id)
    return shift_json(done)


@router.get("/plans/active/history", summary="The changes made to the active plan, newest first")
def plan_history(request: Request, access: Reading) -> Mapping[str, Any]:
    return history_json(changes.history(engine_of(request), athlete_id=access.actor.athlete_id))


@router.post("/plans/active/undo", summary="Undo the last change to the active plan")
def undo_change(request: Request, access: Authorized) -> Mapping[str, Any]:
    return undo_json(changes.undo(engine_of(request), athlete_id=access.actor.athlete_id))


@router.get("/calendar", summary="Days with the planned sessions, their status and the runs")
def get_calendar(
    request: Request,
    access: Authorized,
    date_from: Annotated[date, Query(alias="from")],
    date_to: Annotated[date, Query(alias="to")],
) -> dict[str, Any]:
    return dict(
        calendar.calendar(
            engine_of(request),
            settings_of(request),
            date_from,
            date_to,
            athlete_id=access.actor.athlete_id,
        )
    )


@router.get(
    "/plans/active/plan.ics",
    summary="The plan as an iCalendar file",
    **file_answer("text/calendar", description="The plan as an iCalendar file"),
)
def export_ical(request: Request, access: Authorized) -> Response:
    data = plan_exports.plan_ical(engine_of(request), athlete_id=access.actor.athlete_id)
    return _file(data, "text/calendar", "runcoach-plan.ics")


@router.get(
    "/plans/active/plan.json",
    summary="The plan as JSON (docs/plan-format.md)",
    **file_answer("application/json", description="A plan file (docs/plan-format.md)"),
)
def export_json(request: Request, access: Authorized) -> Response:
    data = plan_exports.plan_json(engine_of(request), athlete_id=access.actor.athlete_id)
    return _file(data.encode("utf-8"), "application/json", "runcoach-plan.json")


@router.get(
    "/plans/active/workouts.zip",
    summary="The plan's workouts as FIT files for a watch",
    **file_answer("application/zip", description="A zip of FIT workout files"),
)
def export_fit(request: Request, access: Authorized) -> Response:
    data = plan_exports.plan_fit_zip(engine_of(request), athlete_id=access.actor.athlete_id)
    return _file(data, "application/zip", "runcoach-workouts.zip")


def _file(data: bytes, media_type: str, name: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
