"""Pages: groups (yours, suggestions, every open one, a new one) and a group's board."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.accountability.groups import GroupKind, Measure
from runcoach.domain.units import parse_distance
from runcoach.services import group_invitations as invitations
from runcoach.services import groups
from runcoach.web.auth import athlete_settings_of, engine_of
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()


def _back(path: str) -> Response:
    return RedirectResponse(path, status_code=303)


@router.get("/groups", response_class=HTMLResponse)
def groups_page(request: Request, access: Page) -> Response:
    engine, athlete = engine_of(request), access.actor.athlete_id
    return render(
        request, "pages/groups.html", nav="groups",
        groups=groups.list_groups(engine, athlete_id=athlete),
        asked=invitations.my_join_requests(engine, athlete_id=athlete),
        suggestions=groups.suggest_groups(engine, athlete_id=athlete),
        kinds=[k.value for k in GroupKind],
    )  # fmt: skip


@router.post("/groups")
def create(
    request: Request, access: Page, name: Annotated[str, Form()],
    kind: Annotated[str, Form()] = "club", description: Annotated[str, Form()] = "",
    goal_distance: Annotated[str, Form()] = "", goal_date: Annotated[str, Form()] = "",
    invite_only: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    group_id = groups.create_group(
        engine_of(request), name, GroupKind(kind), athlete_id=access.actor.athlete_id,
        description=description or None,
        goal_distance_m=parse_distance(goal_distance) if goal_distance else None,
        goal_date=date.fromisoformat(goal_date) if goal_date else None,
        is_open=not invite_only,
    )  # fmt: skip
    return _back(f"/groups/{group_id}")


@router.post("/groups/{group_id}/join")
def join(request: Request, access: Page, group_id: int) -> Response:
    groups.join_group(engine_of(request), group_id, athlete_id=access.actor.athlete_id)
    return _back(f"/groups/{group_id}")


@router.post("/groups/{group_id}/leave")
def leave(request: Request, access: Page, group_id: int) -> Response:
    groups.leave_group(engine_of(request), group_id, athlete_id=access.actor.athlete_id)
    return _back("/groups")


@router.get("/groups/{group_id}", response_class=HTMLResponse)
def board(request: Request, access: Page, group_id: int, before: str | None = None) -> Response:
    """The board; ``before``: its runs from that cursor on (the "Older runs" link)."""
    return _board_page(request, access, group_id, before)


def _board_page(
    request: Request, access: Page, group_id: int, before: str | None = None, **shown: Any
) -> Response:
    engine, athlete = engine_of(request), access.actor.athlete_id
    found = groups.group_board(engine, athlete_settings_of(request, access), group_id,
                               athlete_id=athlete)  # fmt: skip
    if before:
        older = groups.group_runs(engine, group_id, athlete_id=athlete, cursor=before)
        found |= {"runs": older.runs, "runs_next": older.next}
    admin = found["group"].role == "admin"
    waiting = invitations.join_requests(engine, group_id, athlete_id=athlete) if admin else []
    return render(request, "pages/group.html", nav="groups", board=found, before=before,
                  me=athlete, measures=[m.value for m in Measure], requests=waiting,
                  **shown)  # fmt: skip


@router.post("/groups/{group_id}/members/{member_id}/remove")
def remove(request: Request, access: Page, group_id: int, member_id: int) -> Response:
    groups.remove_member(engine_of(request), group_id, member_id,
                         athlete_id=access.actor.athlete_id)  # fmt: skip
    return _back(f"/groups/{group_id}")


@router.post("/groups/{group_id}/challenges")
def challenge(
    request: Request, access: Page, group_id: int, name: Annotated[str, Form()],
    measure: Annotated[str, Form()], starts_on: Annotated[date, Form()],
    ends_on: Annotated[date, Form()], target: Annotated[str, Form()] = "",
) -> Response:  # fmt: skip
    goal = None
    if target.strip():
        goal = parse_distance(target) if measure == "distance" else float(target)
    groups.create_challenge(engine_of(request), group_id, name, Measure(measure), starts_on,
                            ends_on, athlete_id=access.actor.athlete_id, target=goal)  # fmt: skip
    return _back(f"/groups/{group_id}#challenges")


# --- invite-only groups: invitations and requests to join ---------------------------------------


@router.post("/groups/{group_id}/invite")
def invite(
    request: Request, access: Page, group_id: int, email: Annotated[str, Form()] = ""
) -> Response:
    """An admin's link (and, with the address of an account here, that runner is told)."""
    found = invitations.invite_to_group(engine_of(request), group_id, email=email or None,
                                        athlete_id=access.actor.athlete_id)  # fmt: skip
    return _board_page(request, access, group_id, new_link=f"/groups/join/{found.code}",
                       told=found.told_athlete_id is not None)  # fmt: skip


@router.get("/groups/join/{code}", response_class=HTMLResponse)
def join_page(request: Request, access: Page, code: str) -> Response:
    found = invitations.invitation_info(engine_of(request), code,
                                        athlete_id=access.actor.athlete_id)  # fmt: skip
    return render(request, "pages/group_join.html", nav="groups", invitation=found, code=code)


@router.post("/groups/join/{code}")
def join_by_link(request: Request, access: Page, code: str) -> Response:
    group_id = invitations.accept_invitation(engine_of(request), code,
                                             athlete_id=access.actor.athlete_id)  # fmt: skip
    return _back(f"/groups/{group_id}")


@router.post("/groups/{group_id}/ask")
def ask(request: Request, access: Page, group_id: int) -> Response:
    invitations.ask_to_join(engine_of(request), group_id, athlete_id=access.actor.athlete_id)
    return _back("/groups")


@router.post("/groups/{group_id}/requests/{requester_id}")
def answer(
    request: Request, access: Page, group_id: int, requester_id: int,
    approve: Annotated[str, Form()],
) -> Response:  # fmt: skip
    admin = access.actor.athlete_id
    invitations.answer_join_request(
        engine_of(request), group_id, requester_id, approve == "yes", athlete_id=admin
    )
    return _back(f"/groups/{group_id}#invite")


@router.post("/groups/{group_id}/open")
def set_open(
    request: Request, access: Page, group_id: int, is_open: Annotated[str, Form()]
) -> Response:
    invitations.set_open(engine_of(request), group_id, is_open == "yes",
                         athlete_id=access.actor.athlete_id)  # fmt: skip
    return _back(f"/groups/{group_id}#invite")
