"""Coaching pages: the athlete's (who coaches me, invite, revoke, what a coach changed) and
the coach's (my athletes at a glance, one athlete's plan to edit, team predictions)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.accountability.coaching import parse_access
from runcoach.domain.errors import Conflict, InvalidInput
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.units import parse_distance
from runcoach.inputs.rota import MAX_ROTA_BYTES
from runcoach.services import coach_plans
from runcoach.services import coaching as service
from runcoach.services.plan_changes import ShiftRequest
from runcoach.views.coaching import athlete_json, glance_json, grant_json, prediction_line
from runcoach.web.api.plans import rota_request
from runcoach.web.auth import engine_of, now, settings_of
from runcoach.web.pages.common import Page
from runcoach.web.pages.plan import CYCLE_TYPE_ROWS, WEEKDAYS, profile_of_form
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
    weeks = view["plan"]["weeks"] if view["plan"] else []
    days = [d for w in weeks for d in w["days"]
            if today <= date.fromisoformat(d["date"]) <= last]  # fmt: skip
    types = sorted({d["day_type"]["name"] for d in days if d.get("day_type")})
    shown.setdefault("form", {})
    return render(request, "pages/coach_athlete.html", nav="coach", a=view, plan_days=days,
                  weekdays=WEEKDAYS, rows=range(CYCLE_TYPE_ROWS), day_types=types,
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


# ---- a coach writes the athlete's plan: built from a profile, shifts, a rota -------------


@router.post("/coach/athletes/{athlete_id}/plan", response_class=HTMLResponse)
async def build_plan(request: Request, access: Page, athlete_id: int) -> Response:
    """The athlete's plan from the profile form of their own plan page, with the coach's note."""
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        profile = profile_from_dict(profile_of_form(form))
        coach_plans.build_plan(engine_of(request), athlete_id, profile, form.get("note", ""),
                               now(), athlete_id=access.actor.athlete_id)  # fmt: skip
    except (InvalidInput, ValueError) as error:  # a profile not understood, no note
        problem = error if isinstance(error, InvalidInput) else InvalidInput(str(error))
        return _athlete(request, access, athlete_id, plan_refused=problem, form=form)
    return RedirectResponse(f"/coach/athletes/{athlete_id}#plan", status_code=303)


@router.post("/coach/athletes/{athlete_id}/plan/shifts", response_class=HTMLResponse)
def shift(
    request: Request,
    access: Page,
    athlete_id: int,
    day: Annotated[date, Form()],
    day_type: Annotated[str, Form()],
    note: Annotated[str, Form()],
    accept_breaks: Annotated[bool, Form()] = False,
) -> Response:
    """A changed shift of the athlete: that day takes the day type, the plan re-fits."""
    try:
        change = ShiftRequest(day=day, day_type=day_type)
        coach_plans.shift(engine_of(request), athlete_id, change, note, accept_breaks, now(),
                          athlete_id=access.actor.athlete_id)  # fmt: skip
    except (InvalidInput, Conflict) as error:  # rules it breaks, a day type not in the plan
        return _athlete(request, access, athlete_id, shift_refused=error)
    return RedirectResponse(f"/coach/athletes/{athlete_id}#changes", status_code=303)


@router.post("/coach/athletes/{athlete_id}/plan/rota", response_class=HTMLResponse)
async def rota(
    request: Request,
    access: Page,
    athlete_id: int,
    file: Annotated[UploadFile, File()],
    note: Annotated[str, Form()],
    mapping: Annotated[str, Form(alias="map")] = "",
    accept_breaks: Annotated[bool, Form()] = False,
) -> Response:
    """The athlete's shifts from their iCalendar rota; the plan's days take them."""
    try:
        data = await file.read(MAX_ROTA_BYTES + 1)
        told = rota_request(data, file.filename or "rota.ics", mapping)
        coach_plans.rota(engine_of(request), athlete_id, told, note, accept_breaks, now(),
                         athlete_id=access.actor.athlete_id)  # fmt: skip
    except (InvalidInput, Conflict) as error:
        return _athlete(request, access, athlete_id, shift_refused=error)
    return RedirectResponse(f"/coach/athletes/{athlete_id}#changes", status_code=303)
