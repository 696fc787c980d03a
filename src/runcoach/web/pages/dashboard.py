"""The dashboard: today's session with the buttons of a runner's day, this week, wins, warnings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.errors import NotFound
from runcoach.services import checkins, done, today
from runcoach.services import dashboard as board
from runcoach.views.today import answer_json, warning_json, week_json
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


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, access: Page, logged: int | None = None) -> Response:
    shown = board.dashboard(
        engine_of(request),
        settings_of(request),
        athlete_settings_of(request, access),
        athlete_id=access.actor.athlete_id,
    )
    return render(
        request,
        "pages/dashboard.html",
        nav="today",
        answer=None if shown.answer is None else answer_json(shown.answer),
        week=None if shown.week is None else week_json(shown.week),
        wins=shown.wins[:WINS_SHOWN],
        warnings=[warning_json(w) for w in shown.warnings],
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
