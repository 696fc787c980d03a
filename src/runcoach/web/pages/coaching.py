"""Coaching pages: the athlete's (who coaches me, invite, revoke, what a coach changed) and
the coach's (my athletes at a glance, one athlete's plan to edit, team predictions)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.accountability.coaching import parse_access
from runcoach.domain.errors import InvalidInput
from runcoach.domain.units import parse_distance
from runcoach.services import coaching as service
from runcoach.views.coaching import athlete_json, glance_json, grant_json, prediction_line
from runcoach.web.auth import engine_of, now, settings_of
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()
PLAN_DAYS_SHOWN = 21  # the coming three weeks of an athlete's plan on the coach's page


def _coaching(request: Request, access: Page, **shown: Any) -> Response:
    engine, me = engine_of(request), access.actor.athlete_id
    grants = [grant_json(g) for g in service.my_coaches(engine, athlete_id=me)]
    changes = service.plan_changes(engine, athlete_id=me)
    return render(
        request, "pages/coaching.html", nav="coaching", grants=grants, changes=changes, **shown
    )


@router.get("/coaching", response_class=HTMLResponse)
def coaching_page(request: Request, access: Page) -> Response:
    return _coaching(request, access)


@router.post("/coaching/invitations")
def invite(request: Request, access: Page, level: Annotated[str, Form()] = "read") -> Response:
    code = service.invite_coach(engine_of(request), parse_access(level), now(),
                                athlete_id=access.actor.athlete_id)  # fmt: skip
    link = str(request.base_url).rstrip("/") + f"/coach/join/{code}"
    return _coaching(request, access, new_link=link)


@router.post("/coaching/coaches/{grant_id}/revoke")
def revoke(request: Request, access: Page, grant_id: int) -> Response:
    service.revoke_coach(engine_of(request), grant_id, now(), athlete_id=access.actor.athlete_id)
    return RedirectResponse("/coaching", status_code=303)


@router.post("/coaching/coaches/{grant_id}/access")
def change(
    request: Request, access: Page, grant_id: int, level: Annotated[str, Form()]
) -> Response:
    service.change_access(engine_of(request), grant_id, parse_access(level),
                          athlete_id=access.actor.athlete_id)  # fmt: skip
    return RedirectResponse("/coaching", status_code=303)


# ---- the coach ------------------------------------------------------------------------------


def _coach(request: Request, access: Page, **shown: Any) -> Response:
    team = service.team(engine_of(request), settings_of(request), now(),
                        athlete_id=access.actor.athlete_id)  # fmt: skip
    return render(request, "pages/coach.html", nav="coach",
                  team=[glance_json(a) for a in team], **shown)  # fmt: skip


@router.get("/coach", response_class=HTMLResponse)
def coach_page(request: Request, access: Page) -> Response:
    return _coach(request, access)


@router.post("/coach/predictions")
def predictions(request: Request, access: Page, to: Annotated[str, Form()]) -> Response:
    found = service.team_predictions(engine_of(request), parse_distance(to), now(),
                                     athlete_id=access.actor.athlete_id)  # fmt: skip
    return _coach(request, access, predictions=[prediction_line(t) for t in found], to=to)


@router.get("/coach/join/{code}", response_class=HTMLResponse)
def join_page(request: Request, access: Page, code: str) -> Response:
    return render(request, "pages/coach_join.html", nav="coach", code=code)


@router.post("/coach/join/{code}")
def join(request: Request, access: Page, code: str) -> Response:
    grant = service.accept_invitation(engine_of(request), code, now(),
                                      athlete_id=access.actor.athlete_id)  # fmt: skip
    return RedirectResponse(f"/coach/athletes/{grant.athlete_id}", status_code=303)


def _athlete(request: Request, access: Page, athlete_id: int, **shown: Any) -> Response:
    view = athlete_json(service.athlete(engine_of(request), settings_of(request), athlete_id,
                                        now(), athlete_id=access.actor.athlete_id))  # fmt: skip
    today = date.fromisoformat(view["glance"]["days"][-1]["date"])
    last = today + timedelta(days=PLAN_DAYS_SHOWN)
    days = [d for w in (view["plan"] or {}).get("weeks", []) for d in w["days"]
            if today <= date.fromisoformat(d["date"]) <= last]  # fmt: skip
    return render(request, "pages/coach_athlete.html", nav="coach", a=view, plan_days=days,
                  **shown)  # fmt: skip


@router.get("/coach/athletes/{athlete_id}", response_class=HTMLResponse)
def athlete_page(request: Request, access: Page, athlete_id: int) -> Response:
    return _athlete(request, access, athlete_id)


@router.post("/coach/athletes/{athlete_id}/plan/days")
def edit_day(
    request: Request,
    access: Page,
    athlete_id: int,
    day: Annotated[date, Form()],
    workout: Annotated[str, Form()],
    note: Annotated[str, Form()],
) -> Response:
    try:
        service.edit_athlete_plan(engine_of(request), athlete_id, day, workout, note, now(),
                                  athlete_id=access.actor.athlete_id)  # fmt: skip
    except InvalidInput as error:  # rules the change breaks, a workout not understood
        return _athlete(request, access, athlete_id, refused=error, tried=(day, workout, note))
    return RedirectResponse(f"/coach/athletes/{athlete_id}#plan", status_code=303)


@router.post("/coach/athletes/{athlete_id}/runs/{run_id}/comments")
def comment(
    request: Request, access: Page, athlete_id: int, run_id: int, body: Annotated[str, Form()]
) -> Response:
    """A comment on one of the athlete's runs (they are told, and see it on the run)."""
    service.comment_on_run(engine_of(request), athlete_id, run_id, body,
                           athlete_id=access.actor.athlete_id)  # fmt: skip
    return RedirectResponse(f"/coach/athletes/{athlete_id}#runs", status_code=303)
