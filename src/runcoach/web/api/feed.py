"""The private calendar feed: the plan as iCalendar at a secret URL a calendar app polls."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from runcoach.services import accounts, plan_exports
from runcoach.web.auth import engine_of
from runcoach.web.openapi_views import file_answer

router = APIRouter(tags=["feed"])


@router.get(
    "/feed/{token}.ics",
    name="calendar_feed",
    summary="The plan's private iCal feed",
    **file_answer("text/calendar", description="The plan as iCalendar"),
)
def calendar_feed(request: Request, token: str) -> Response:
    """No login: the URL's secret is the credential (regenerate it in Settings)."""
    engine = engine_of(request)
    athlete_id = accounts.feed_athlete(engine, token)
    data = plan_exports.plan_ical(engine, athlete_id=athlete_id)
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=300"},
    )
