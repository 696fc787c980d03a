"""Reports: the numbers and charts of a period (printable), the wins feed, the habits check-in."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.progress.report import PeriodKind
from runcoach.domain.progress.summary import summary_lines
from runcoach.services import checkins
from runcoach.services.athletes import athlete_settings
from runcoach.services.reports import period_report, recent_wins
from runcoach.views.json import to_jsonable
from runcoach.web.auth import athlete_settings_of, engine_of
from runcoach.web.hints import phrase
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()


@router.get("/reports", response_class=HTMLResponse)
def reports_page(
    request: Request,
    access: Page,
    period: PeriodKind = PeriodKind.MONTH,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> Response:
    settings = athlete_settings_of(request, access)
    engine = engine_of(request)
    found, _name = period_report(
        engine, settings, period, date_from, date_to, athlete_id=access.actor.athlete_id
    )
    report: dict[str, Any] = to_jsonable(found)
    query: dict[str, str] = {"period": period.value}
    if period is PeriodKind.CUSTOM and date_from and date_to:
        query.update({"from": date_from.isoformat(), "to": date_to.isoformat()})
    wins = recent_wins(engine, settings, None, athlete_id=access.actor.athlete_id)
    return render(
        request,
        "pages/reports.html",
        nav="reports",
        report=report,
        period=period,
        periods=list(PeriodKind),
        api_url="/api/v1/reports?" + urlencode(query),
        wins=wins,
        summary=summary_lines(found.summary, _said) if found.summary else [],
        chosen={"from": date_from, "to": date_to},
    )


def _flag(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


@router.post("/checkin")
def habits_checkin(
    request: Request,
    access: Page,
    strength: Annotated[str | None, Form()] = None,
    warm_up: Annotated[str | None, Form()] = None,
    ate_well: Annotated[str | None, Form()] = None,
    slept: Annotated[str | None, Form()] = None,
    weight: Annotated[str | None, Form()] = None,
    resting_hr: Annotated[str | None, Form()] = None,
) -> Response:
    engine = engine_of(request)
    units = athlete_settings(engine, athlete_id=access.actor.athlete_id).units
    habits = checkins.HabitReport(
        _flag(strength),
        _flag(warm_up),
        _flag(ate_well),
        slept or None,
        weight or None,
        resting_hr or None,
    )
    checkins.checkin(
        engine,
        checkins.CheckInReport(habits=habits, units=units),
        athlete_id=access.actor.athlete_id,
    )
    return RedirectResponse("/reports?checked=1", status_code=303)


def _said(text: str) -> str:
    """A pointer of the report in the web's words."""
    return phrase(text) or text
