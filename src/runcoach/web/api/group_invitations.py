"""/api/v1/groups/ID/invitations, /requests, /open and /api/v1/group-invitations/CODE:
invite-only groups, invitations by link, account or email, and requests to join."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from runcoach.services import group_invitations as service
from runcoach.views.accountability import JoinedJson, plain
from runcoach.web.auth import Authorized, engine_of

router = APIRouter(tags=["groups"])


class InvitationIn(BaseModel):
    email: str | None = Field(default=None, max_length=320, examples=["bo@example.com"])
    athlete_id: int | None = None  # an account of this runcoach, told in the app


@router.post("/groups/{group_id}/invitations", status_code=201,
             summary="Invite into a group by link, account or email (admins)")  # fmt: skip
def invite(
    request: Request, access: Authorized, group_id: int, body: InvitationIn
) -> dict[str, Any]:
    """The link ``/groups/join/CODE`` works once, for 14 days; an account named by id or
    email is told in the app (and by email)."""
    found = service.invite_to_group(engine_of(request), group_id,
                                    athlete_id=access.actor.athlete_id, email=body.email,
                                    invitee_id=body.athlete_id)  # fmt: skip
    return {**plain(found), "url": f"/groups/join/{found.code}"}


@router.get("/group-invitations/{code}", summary="The group an invitation link is for")
def invitation(request: Request, access: Authorized, code: str) -> Mapping[str, Any]:
    found = service.invitation_info(engine_of(request), code, athlete_id=access.actor.athlete_id)
    return plain(found)  # type: ignore[no-any-return]


@router.post("/group-invitations/{code}/accept", summary="Join the group of an invitation")
def accept(request: Request, access: Authorized, code: str) -> Mapping[str, Any]:
    group_id = service.accept_invitation(engine_of(request), code,
                                         athlete_id=access.actor.athlete_id)  # fmt: skip
    answer: JoinedJson = {"group_id": group_id}
    return answer


@router.post("/groups/{group_id}/requests", status_code=204,
             summary="Ask to join an invite-only group")  # fmt: skip
def ask(request: Request, access: Authorized, group_id: int) -> Response:
    service.ask_to_join(engine_of(request), group_id, athlete_id=access.actor.athlete_id)
    return Response(status_code=204)


@router.get("/groups/{group_id}/requests", summary="Requests to join, oldest first (admins)")
def requests(request: Request, access: Authorized, group_id: int) -> list[Any]:
    found = service.join_requests(engine_of(request), group_id, athlete_id=access.actor.athlete_id)
    return list(plain(found))


class AnswerIn(BaseModel):
    approve: bool


@router.post("/groups/{group_id}/requests/{athlete_id}", status_code=204,
             summary="Approve or decline a request to join (admins)")  # fmt: skip
def answer(
    request: Request, access: Authorized, group_id: int, athlete_id: int, body: AnswerIn
) -> Response:
    service.answer_join_request(engine_of(request), group_id, athlete_id, body.approve,
                                athlete_id=access.actor.athlete_id)  # fmt: skip
    return Response(status_code=204)


class OpenIn(BaseModel):
    is_open: bool


@router.put("/groups/{group_id}/open", status_code=204,
            summary="Make a group open or invite-only (admins)")  # fmt: skip
def set_open(request: Request, access: Authorized, group_id: int, body: OpenIn) -> Response:
    service.set_open(engine_of(request), group_id, body.is_open,
                     athlete_id=access.actor.athlete_id)  # fmt: skip
    return Response(status_code=204)
