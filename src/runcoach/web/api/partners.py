"""/api/v1/partners and /api/v1/partner-sessions: invite, accept, end; a partner's week;
the kinds you skip; sessions to run together, with their iCalendar invite."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from runcoach.domain.accountability.partners import SessionAnswer
from runcoach.services import partners as service
from runcoach.views.accountability import (
    PartnershipJson,
    created_json,
    inviter_json,
    partner_week_json,
    plain,
    skipped_json,
)
from runcoach.web.auth import Authorized, athlete_settings_of, engine_of
from runcoach.web.openapi_views import file_answer

router = APIRouter(tags=["partners"])


@router.get("/partners", summary="Your partners and the invitations you sent")
def list_partners(request: Request, access: Authorized) -> list[dict[str, Any]]:
    found = service.list_partners(engine_of(request), athlete_id=access.actor.athlete_id)
    return plain(found)  # type: ignore[no-any-return]


class InviteIn(BaseModel):
    email: str | None = Field(default=None, max_length=320, description="tell this account too")


@router.post("/partners/invitations", status_code=201,
             summary="A partner invitation link (shown once), valid 14 days")  # fmt: skip
def invite(request: Request, access: Authorized, body: InviteIn) -> dict[str, Any]:
    found = service.invite_partner(
        engine_of(request), athlete_id=access.actor.athlete_id, email=body.email
    )
    return {**plain(found), "link": f"/partners/join/{found.code}"}


@router.get("/partners/invitations/{code}", summary="Who invites you (before accepting)")
def invitation(request: Request, access: Authorized, code: str) -> Mapping[str, Any]:
    found = service.invitation_from(engine_of(request), code, athlete_id=access.actor.athlete_id)
    return inviter_json(found)


@router.post("/partners/invitations/{code}/accept", summary="Accept: you are partners")
def accept(request: Request, access: Authorized, code: str) -> Mapping[str, Any]:
    found = service.accept_partner(engine_of(request), code, athlete_id=access.actor.athlete_id)
    answer: PartnershipJson = {"partnership_id": found}
    return answer


@router.delete("/partners/{partnership_id}", status_code=204,
               summary="End a partnership (or withdraw an invitation)")  # fmt: skip
def end(request: Request, access: Authorized, partnership_id: int) -> Response:
    service.end_partnership(engine_of(request), partnership_id, athlete_id=access.actor.athlete_id)
    return Response(status_code=204)


@router.get("/partners/{athlete_id}/week", summary="A partner's week: planned vs done, as shared")
def week(
    request: Request, access: Authorized, athlete_id: int, start: date | None = None
) -> dict[str, Any]:
    return partner_week_json(service.partner_week(
        engine_of(request), athlete_settings_of(request, access), athlete_id, start,
        athlete_id=access.actor.athlete_id,
    ))  # fmt: skip


@router.get("/partners/skipped", summary="The kinds of run you mark or tend to skip")
def skipped(request: Request, access: Authorized) -> Mapping[str, Any]:
    return skipped_json(service.skipped(
        engine_of(request), athlete_settings_of(request, access),
        athlete_id=access.actor.athlete_id,
    ))  # fmt: skip


class SkippedIn(BaseModel):
    kinds: list[str] = Field(examples=[["intervals", "long"]])


@router.put("/partners/skipped", summary="Mark the kinds of run you tend to skip")
def mark_skipped(request: Request, access: Authorized, body: SkippedIn) -> Mapping[str, Any]:
    """The answer is ``GET``'s, as ``partners skipped --mark KIND --json`` prints it."""
    service.mark_skipped(engine_of(request), body.kinds, athlete_id=access.actor.athlete_id)
    return skipped(request, access)


@router.get("/partners/suggestions", summary="Coming sessions to do with a partner")
def suggestions(request: Request, access: Authorized) -> Sequence[Mapping[str, Any]]:
    return service.suggested_sessions(
        engine_of(request), athlete_settings_of(request, access),
        athlete_id=access.actor.athlete_id,
    )  # fmt: skip


@router.get("/partner-sessions", summary="Sessions with your partners, from a week ago on")
def sessions(request: Request, access: Authorized) -> list[dict[str, Any]]:
    found = service.list_sessions(engine_of(request), athlete_id=access.actor.athlete_id)
    return plain(found)  # type: ignore[no-any-return]


class SessionIn(BaseModel):
    partner_id: int
    day: date
    start_time: str | None = Field(default=None, examples=["18:30"])
    workout_kind: str | None = Field(default=None, examples=["intervals"])
    description: str = Field(default="", max_length=1000)


@router.post("/partner-sessions", status_code=201, summary="Invite a partner to a session")
def invite_session(request: Request, access: Authorized, body: SessionIn) -> Mapping[str, Any]:
    found = service.invite_to_session(
        engine_of(request), body.partner_id, body.day, athlete_id=access.actor.athlete_id,
        start_time=body.start_time, workout_kind=body.workout_kind, description=body.description,
    )  # fmt: skip
    return created_json(found)


class AnswerIn(BaseModel):
    answer: SessionAnswer
    day: date | None = None
    start_time: str | None = None
    note: str | None = Field(default=None, max_length=1000)


@router.post("/partner-sessions/{session_id}/answer",
             summary="Accept, decline or propose another day")  # fmt: skip
def answer(request: Request, access: Authorized, session_id: int, body: AnswerIn) -> dict[str, Any]:
    found = service.answer_session(
        engine_of(request), session_id, body.answer, athlete_id=access.actor.athlete_id,
        day=body.day, start_time=body.start_time, note=body.note,
    )  # fmt: skip
    return plain(found)  # type: ignore[no-any-return]


@router.get(
    "/partner-sessions/{session_id}/invite.ics",
    summary="The session as an invite",
    **file_answer("text/calendar", description="An iCalendar invite (METHOD:REQUEST)"),
)
def invite_ics(request: Request, access: Authorized, session_id: int) -> Response:
    text = service.session_ics(engine_of(request), session_id, athlete_id=access.actor.athlete_id)
    return Response(text, media_type="text/calendar; method=REQUEST")
