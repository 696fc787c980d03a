"""Goal check and predictions: a form with results and race-day conditions, the verdict."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from runcoach.domain.errors import RuncoachError
from runcoach.inputs import fitness as inputs
from runcoach.services import fitness
from runcoach.services.calendar import today_of
from runcoach.views.fitness import verdict_json
from runcoach.web.auth import engine_of
from runcoach.web.errors import status_for
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()
CONDITIONS = ("temperature", "dew_point", "humidity", "start", "elevation_gain", "altitude")


def _text(form: dict[str, str], name: str) -> str | None:
    value = form.get(name, "").strip()
    return value or None


@router.get("/goal", response_class=HTMLResponse)
def goal_page(request: Request, access: Page) -> Response:
    return render(request, "pages/goal.html", nav="goal", form={}, verdict=None)


@router.post("/goal", response_class=HTMLResponse)
async def goal_check(request: Request, access: Page) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    engine = engine_of(request)
    results = [r.strip() for r in form.get("results", "").splitlines() if r.strip()]
    conditions = inputs.ConditionsText(**{c: _text(form, c) for c in CONDITIONS})
    verdict: Any = None
    try:
        me = access.actor.athlete_id
        asked = inputs.parse_goal_request(
            f"{form.get('distance', '').strip()}={form.get('time', '').strip()}",
            form.get("date", ""),
            conditions,
            results,
            _text(form, "weekly_distance"),
            _text(form, "longest_run"),
            _text(form, "dream"),
        )
        found = fitness.judge_goal(
            **vars(asked),
            today=today_of(engine, athlete_id=me),
            open_log=lambda: fitness.AthleteLog(engine, me),
        )
        verdict = verdict_json(found)
    except RuncoachError as error:
        return render(
            request,
            "pages/goal.html",
            status=status_for(error),
            nav="goal",
            form=form,
            verdict=None,
            error=str(error),
        )
    return render(request, "pages/goal.html", nav="goal", form=form, verdict=verdict)
