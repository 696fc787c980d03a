"""/api/v1: comments and kudos on a run you may see; hiding by its owner or a group admin."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from runcoach.services import comments as service
from runcoach.views.accountability import social_json
from runcoach.web.auth import Authorized, engine_of

router = APIRouter(tags=["comments"])


def _social(request: Request, access: Authorized, run_id: int) -> dict[str, Any]:
    return social_json(
        service.run_social(engine_of(request), run_id, athlete_id=access.actor.athlete_id)
    )


@router.get("/runs/{run_id}/social", summary="A run's comments and kudos")
def get_social(request: Request, access: Authorized, run_id: int) -> dict[str, Any]:
    return _social(request, access, run_id)


class CommentIn(BaseModel):
    body: str = Field(min_length=1, max_length=2000)


@router.post("/runs/{run_id}/comments", status_code=201, summary="Comment on a run")
def add_comment(
    request: Request, access: Authorized, run_id: int, body: CommentIn
) -> dict[str, Any]:
    """The run's comments and kudos as ``GET .../social`` answers, and the new comment's id."""
    comment_id = service.add_comment(
        engine_of(request), run_id, body.body, athlete_id=access.actor.athlete_id
    )
    return {"id": comment_id, **_social(request, access, run_id)}


@router.post("/runs/{run_id}/kudos", summary="Give kudos to a run")
def give_kudos(request: Request, access: Authorized, run_id: int) -> dict[str, Any]:
    service.give_kudos(engine_of(request), run_id, athlete_id=access.actor.athlete_id)
    return _social(request, access, run_id)


@router.delete("/runs/{run_id}/kudos", summary="Take your kudos back")
def take_back_kudos(request: Request, access: Authorized, run_id: int) -> dict[str, Any]:
    service.take_back_kudos(engine_of(request), run_id, athlete_id=access.actor.athlete_id)
    return _social(request, access, run_id)


class HideIn(BaseModel):
    hidden: bool = True


@router.post(
    "/comments/{comment_id}/hide",
    status_code=204,
    summary="Hide a comment (or show it again): the run's owner or a group admin",
)
def hide_comment(request: Request, access: Authorized, comment_id: int, body: HideIn) -> Response:
    service.hide_comment(
        engine_of(request), comment_id, athlete_id=access.actor.athlete_id, hidden=body.hidden
    )
    return Response(status_code=204)


@router.delete("/comments/{comment_id}", status_code=204, summary="Delete your comment")
def delete_comment(request: Request, access: Authorized, comment_id: int) -> Response:
    service.delete_comment(engine_of(request), comment_id, athlete_id=access.actor.athlete_id)
    return Response(status_code=204)
