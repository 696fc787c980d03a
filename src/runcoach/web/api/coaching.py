"""/api/v1/coaching (the athlete's side: invite a coach, change or revoke access, read what a
coach changed) and /api/v1/coach (the coach's side: the athletes, their plans, predictions)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from runcoach.domain.accountability.coaching import Access
from runcoach.domain.units import parse_distance
from runcoach.services import coaching as service
from runcoach.views.accountability import CommentedJson
from runcoach.views.coaching import (
    athlete_json,
    coach_invitation_json,
    coaching_json,
    edit_json,
    glance_json,
    grant_json,
    prediction_line,
)
from runcoach.web.auth import Authorized, Reading, engine_of, now, settings_of

router = APIRouter(tags=["coaching"])


class InvitationIn(BaseModel):
    access: Access = Access.READ


@router.post("/coaching/invitations", status_code=201, summary="Invite a coach (a link, once)")
def invite(request: Request, access: Authorized, body: InvitationIn) -> Mapping[str, Any]:
    """The code is shown once; the coach opens ``link`` while logged in to accept it."""
    code = service.invite_coach(
        engine_of(request), body.access, now(), athlete_id=access.actor.athlete_id
    )
    return coach_invitation_json(code, body.access)


@router.get("/coaching/coaches", summary="Your coaches (live and revoked) and open invitations")
def coaches(request: Request, access: Authorized) -> list[Mapping[str, Any]]:
    found = service.my_coaches(engine_of(request), athlete_id=access.actor.athlete_id)
    return [grant_json(g) for g in found]


@router.patch("/coaching/coaches/{grant_id}", status_code=204, summary="Change a coach's access")
def change(request: Request, access: Authorized, grant_id: int, body: InvitationIn) -> Response:
    service.change_access(
        engine_of(request), grant_id, body.access, athlete_id=access.actor.athlete_id
    )
    return Response(status_code=204)


@router.delete("/coaching/coaches/{grant_id}", status_code=204,
               summary="Revoke a coach's access, at once")  # fmt: skip
def revoke(request: Request, access: Authorized, grant_id: int) -> Response:
    service.revoke_coach(engine_of(request), grant_id, now(), athlete_id=access.actor.athlete_id)
    return Response(status_code=204)


@router.get("/coaching/plan-changes", summary="What your coaches changed in your plan, and why")
def plan_changes(request: Request, access: Authorized) -> list[dict[str, Any]]:
    return [
        dict(c)
        for c in service.plan_changes(engine_of(request), athlete_id=access.actor.athlete_id)
    ]


class AcceptIn(BaseModel):
    code: str = Field(min_length=1, max_length=200)


@router.post("/coach/invitations/accept", status_code=201, summary="Accept an athlete's invitation")
def accept(request: Request, access: Authorized, body: AcceptIn) -> Mapping[str, Any]:
    grant = service.accept_invitation(
        engine_of(request), body.code, now(), athlete_id=access.actor.athlete_id
    )
    return coaching_json(grant.athlete_id, grant.access)


@router.get("/coach/athletes", summary="Your athletes: the last 7 days coloured, and warnings")
def athletes(request: Request, access: Authorized) -> list[Mapping[str, Any]]:
    found = service.team(
        engine_of(request), settings_of(request), now(), athlete_id=access.actor.athlete_id
    )
    return [glance_json(a) for a in found]


@router.get("/coach/athletes/{athlete_id}", summary="One athlete: glance, plan, runs, changes")
def athlete(request: Request, access: Authorized, athlete_id: int) -> dict[str, Any]:
    view = service.athlete(engine_of(request), settings_of(request), athlete_id, now(),
                           athlete_id=access.actor.athlete_id)  # fmt: skip
    return dict(athlete_json(view))


class CoachEdit(BaseModel):
    workout: str = Field(min_length=1, max_length=200, examples=["easy 40min"])
    note: str = Field(min_length=1, max_length=2000, examples=["your knee: no tempo this week"])


@router.put(
    "/coach/athletes/{athlete_id}/plan/days/{day}",
    summary="Edit a day of an athlete's plan (re-checked; refused with the rules it breaks)",
)
def edit_day(
    request: Request, access: Authorized, athlete_id: int, day: date, body: CoachEdit
) -> dict[str, Any]:
    coach = access.actor.athlete_id
    done = service.edit_athlete_plan(
        engine_of(request), athlete_id, day, body.workout, body.note, now(), athlete_id=coach
    )
    return dict(edit_json(done))


class CommentIn(BaseModel):
    body: str = Field(min_length=1, max_length=2000, examples=["Nice even splits!"])


@router.post(
    "/coach/athletes/{athlete_id}/runs/{run_id}/comments",
    status_code=201,
    summary="Comment on one of your athlete's runs (the athlete is told)",
)
def comment(
    request: Request, access: Authorized, athlete_id: int, run_id: int, body: CommentIn
) -> Mapping[str, Any]:
    coach = access.actor.athlete_id
    comment_id = service.comment_on_run(
        engine_of(request), athlete_id, run_id, body.body, athlete_id=coach
    )
    answer: CommentedJson = {"id": comment_id, "run_id": run_id}
    return answer


class TeamPredictionIn(BaseModel):
    to: str = Field(examples=["10k"], max_length=40)


@router.post("/coach/predictions", summary="A predicted time for each of your athletes")
def predictions(
    request: Request, access: Reading, body: TeamPredictionIn
) -> list[Mapping[str, Any]]:
    found = service.team_predictions(engine_of(request), parse_distance(body.to), now(),
                                     athlete_id=access.actor.athlete_id)  # fmt: skip
    return [prediction_line(t) for t in found]
