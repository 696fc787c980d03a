"""The dashboard: today's session with the buttons of a runner's day, this week, wins, warnings."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.errors import NotFound
from runcoach.services import checkins, done, today
from runcoach.services.calendar import today_of
from runcoach.services.progress import recent_wins
from runcoach.views.today import WeekJson, answer_json, warning_json, week_json
from runcoach.web.auth import athlete_settings_of, engine_of, settings_of
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()
BUTTONS = ("tired", "sore", "sick", "injured")  # the check-ins one tap away
WINS_SHOWN = 5


def _answer(request: Request, access: Any, report: checkins.CheckInReport | None) -> Any:
    try:
        told = today.today(
            engine_of(request),
            settings_of(request),
            None,
            report,
            athlete_id=access.actor.athlete_id,
        )
    except NotFound:
        return None
    return answer_json(told)


def _this_week(request: Request, access: Any) -> WeekJson | None:
    try:
        weeks = today.progress_for(
            engine_of(request), settings_of(request), athlete_id=access.actor.athlete_id
        )
    except NotFound:
        return None
    return week_json(weeks[-1]) if weeks else None


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, access: Page, logged: int | None = None) -> Response:
    engine = engine_of(request)
    day = today_of(engine, athlete_id=access.actor.athlete_id)
    wins = recent_wins(
        engine,
        athlete_settings_of(request, access),
        day - timedelta(days=28),
        athlete_id=access.actor.athlete_id,
    )[:WINS_SHOWN]
    found = today.warnings_for(engine, settings_of(request), athlete_id=access.actor.athlete_id)
    warnings = [warning_json(w) for w in found]
    return render(
        request,
        "pages/dashboard.html",
        nav="today",
        answer=_answer(request, access, None),
        week=_this_week(request, access),
        wins=wins,
        warnings=warnings,
        buttons=BUTTONS,
        logged=logged,
    )


@router.post("/today/feel", response_class=HTMLResponse)
def feel(request: Request, access: Page, feel: Annotated[str, Form()]) -> Response:
    """A tap on tired, sore, sick or injured: the check-in is kept and the answer changes."""
    answer = _answer(request, access, checkins.CheckInReport(feel=feel))
    if request.headers.get("hx-request"):
        return render(request, "partials/today_card.html", answer=answer, buttons=BUTTONS)
    return RedirectResponse("/", status_code=303)


@router.post("/today/done")
def did_it(request: Request, access: Page) -> Response:
    run_id = done.session_done(
        engine_of(request), settings_of(request), athlete_id=access.actor.athlete_id
    )
    return RedirectResponse(f"/?logged={run_id}", status_code=303)
