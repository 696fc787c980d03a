"""/api/v1/coach/athletes/{athlete_id}/plans, /plan/shifts and /plan/rota: a coach with
read-write access builds an athlete's plan from a profile and records their shifts or rota
(services/coach_plans.py), each with a note the athlete reads."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from pydantic import BaseModel, Field

from runcoach.domain.plans.profile import profile_from_dict
from runcoach.inputs.rota import MAX_ROTA_BYTES
from runcoach.services import coach_plans as service
from runcoach.views.coaching import coach_change_json
from runcoach.web.api.plans import PROFILE_EXAMPLE, ShiftChange, rota_request
from runcoach.web.auth import Authorized, engine_of, now

router = APIRouter(tags=["coaching"])
NOTE = Field(min_length=1, max_length=2000, examples=["built around your new night shifts"])


class CoachPlanIn(BaseModel):
    """The profile is the JSON form of docs/profile.md's YAML profile (as POST /plans)."""

    profile: dict[str, Any] = Field(examples=[PROFILE_EXAMPLE])
    note: str = NOTE


@router.post(
    "/coach/athletes/{athlete_id}/plans",
    status_code=201,
    summary="Build an athlete's plan from a profile (it becomes their active plan)",
)
def build_plan(
    request: Request, access: Authorized, athlete_id: int, body: CoachPlanIn
) -> dict[str, Any]:
    done = service.build_plan(engine_of(request), athlete_id, profile_from_dict(body.profile),
                              body.note, now(), athlete_id=access.actor.athlete_id)  # fmt: skip
    return dict(coach_change_json(done))


class CoachShiftIn(ShiftChange):
    note: str = NOTE


@router.post(
    "/coach/athletes/{athlete_id}/plan/shifts",
    summary="A shift change of an athlete: their plan re-fits around it (409: rules it breaks)",
)
def shift(
    request: Request, access: Authorized, athlete_id: int, body: CoachShiftIn
) -> dict[str, Any]:
    done = service.shift(engine_of(request), athlete_id, body.request(), body.note,
                         body.accept_breaks, now(), athlete_id=access.actor.athlete_id)  # fmt: skip
    return dict(coach_change_json(done))


@router.post(
    "/coach/athletes/{athlete_id}/plan/rota",
    summary="An athlete's shifts from their iCalendar rota file (409: rules it breaks)",
)
async def rota(
    request: Request,
    access: Authorized,
    athlete_id: int,
    file: Annotated[UploadFile, File()],
    note: Annotated[str, Form(min_length=1, max_length=2000)],
    mapping: Annotated[str, Form(alias="map")] = "",
    accept_breaks: Annotated[bool, Form()] = False,
) -> dict[str, Any]:
    """Multipart form as the athlete's own rota import (``file``, ``map``, ``accept_breaks``)
    with the coach's ``note``."""
    told = rota_request(await file.read(MAX_ROTA_BYTES + 1), file.filename or "rota.ics", mapping)
    done = service.rota(engine_of(request), athlete_id, told, note, accept_breaks, now(),
                        athlete_id=access.actor.athlete_id)  # fmt: skip
    return dict(coach_change_json(done))
