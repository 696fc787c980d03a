"""/api/v1/reports and /wins: progress for a period, and the small wins."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from runcoach.domain.progress.report import PeriodKind
from runcoach.services.reports import period_report, recent_wins
from runcoach.views.json import to_jsonable
from runcoach.web.auth import Authorized, athlete_settings_of, engine_of

router = APIRouter(tags=["reports"])


@router.get("/reports", summary="Volume, streaks, intensity, load, variety, wins, plan, habits")
def report(
    request: Request,
    access: Authorized,
    period: PeriodKind = PeriodKind.MONTH,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> dict[str, Any]:
    """``period`` is week, month or year (the current one), or custom with ``from``/``to``."""
    found, _name = period_report(
        engine_of(request),
        athlete_settings_of(request, access),
        period,
        date_from,
        date_to,
        athlete_id=access.actor.athlete_id,
    )
    return dict(to_jsonable(found))


@router.get("/wins", summary="The small wins, newest first (default: the last 28 days)")
def wins(
    request: Request,
    access: Authorized,
    since: date | None = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> list[Any]:
    """From ``since`` (default: 28 days ago) to ``to`` (default and at the latest today)."""
    found = recent_wins(
        engine_of(request),
        athlete_settings_of(request, access),
        since,
        until=date_to,
        athlete_id=access.actor.athlete_id,
    )
    return list(to_jsonable(found))
