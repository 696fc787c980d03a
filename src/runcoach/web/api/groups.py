"""/api/v1/groups: join, leave, create; suggestions; the board; admins and challenges."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from runcoach.domain.accountability.groups import GroupKind, Measure, Role
from runcoach.domain.units import parse_distance, parse_duration
from runcoach.services import groups as service
from runcoach.services.shared_feed import PAGE_RUNS
from runcoach.views.accountability import created_json, feed_page_json, group_board_json, plain
from runcoach.web.auth import Authorized, athlete_settings_of, engine_of

router = APIRouter(prefix="/groups", tags=["groups"])


@router.get("", summary="Your groups, then the open groups you may join")
def list_groups(request: Request, access: Authorized) -> list[dict[str, Any]]:
    return plain(service.list_groups(engine_of(request), athlete_id=access.actor.athlete_id))  # type: ignore[no-any-return]


@router.get("/suggestions", summary="Open groups with a goal like your plan's")
def suggestions(request: Request, access: Authorized) -> list[dict[str, Any]]:
    return plain(service.suggest_groups(engine_of(request), athlete_id=access.actor.athlete_id))  # type: ignore[no-any-return]


class GroupIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    kind: GroupKind = GroupKind.CLUB
    description: str | None = Field(default=None, max_length=5000)
    goal_distance: str | None = Field(default=None, examples=["half"])
    goal_time: str | None = Field(default=None, examples=["1:45:00"])
    goal_date: date | None = None
    is_open: bool = True


@router.post("", status_code=201, summary="Create a group; you are its admin")
def create(request: Request, access: Authorized, body: GroupIn) -> Mapping[str, Any]:
    group_id = service.create_group(
        engine_of(request), body.name, body.kind, athlete_id=access.actor.athlete_id,
        description=body.description,
        goal_distance_m=parse_distance(body.goal_distance) if body.goal_distance else None,
        goal_time_s=parse_duration(body.goal_time) if body.goal_time else None,
        goal_date=body.goal_date, is_open=body.is_open,
    )  # fmt: skip
    return created_json(group_id)


@router.post("/{group_id}/join", status_code=204, summary="Join an open group")
def join(request: Request, access: Authorized, group_id: int) -> Response:
    service.join_group(engine_of(request), group_id, athlete_id=access.actor.athlete_id)
    return Response(status_code=204)


@router.post("/{group_id}/leave", status_code=204, summary="Leave a group")
def leave(request: Request, access: Authorized, group_id: int) -> Response:
    service.leave_group(engine_of(request), group_id, athlete_id=access.actor.athlete_id)
    return Response(status_code=204)


@router.get("/{group_id}/board", summary="The group board: consistency, wins, races, runs")
def board(request: Request, access: Authorized, group_id: int) -> dict[str, Any]:
    return group_board_json(service.group_board(
        engine_of(request), athlete_settings_of(request, access), group_id,
        athlete_id=access.actor.athlete_id,
    ))  # fmt: skip


@router.get("/{group_id}/runs", summary="The board's runs, newest first, a page at a time")
def runs(
    request: Request, access: Authorized, group_id: int, cursor: str | None = None,
    limit: int = PAGE_RUNS,
) -> dict[str, Any]:  # fmt: skip
    """``cursor``: the board's ``runs_next`` or the ``next`` of the page before."""
    found = service.group_runs(engine_of(request), group_id, athlete_id=access.actor.athlete_id,
                               cursor=cursor, limit=limit)  # fmt: skip
    return dict(feed_page_json(found))


@router.delete("/{group_id}/members/{member_id}", status_code=204,
               summary="Remove a member (admins)")  # fmt: skip
def remove(request: Request, access: Authorized, group_id: int, member_id: int) -> Response:
    service.remove_member(
        engine_of(request), group_id, member_id, athlete_id=access.actor.athlete_id
    )
    return Response(status_code=204)


class RoleIn(BaseModel):
    role: Role


@router.put("/{group_id}/members/{member_id}/role", status_code=204,
            summary="Make a member an admin, or an admin a member (admins)")  # fmt: skip
def set_role(
    request: Request, access: Authorized, group_id: int, member_id: int, body: RoleIn
) -> Response:
    service.set_role(
        engine_of(request), group_id, member_id, body.role, athlete_id=access.actor.athlete_id
    )
    return Response(status_code=204)


class ChallengeIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    measure: Measure
    starts_on: date
    ends_on: date
    target: float | None = Field(default=None, gt=0, description="days, weeks or metres")


@router.post("/{group_id}/challenges", status_code=201, summary="Set a challenge (admins)")
def challenge(
    request: Request, access: Authorized, group_id: int, body: ChallengeIn
) -> Mapping[str, Any]:
    found = service.create_challenge(
        engine_of(request), group_id, body.name, body.measure, body.starts_on, body.ends_on,
        athlete_id=access.actor.athlete_id, target=body.target,
    )  # fmt: skip
    return created_json(found)
