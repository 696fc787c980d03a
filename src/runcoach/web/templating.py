"""Jinja templates and the few filters they use; display formatting comes from domain.units."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from runcoach.domain.units import (
    Pace,
    UnitSystem,
    distances_in,
    format_distance,
    format_duration,
    format_pace,
    signed,
)
from runcoach.services.page_cache import AnswerCache
from runcoach.web.auth import find_access, pre_session_csrf
from runcoach.web.hints import say

TEMPLATES_DIR = Path(__file__).parent / "templates"
MISSING = "–"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
FRAGMENTS_KEPT = 256  # rendered parts of pages kept per process (a log's rows per runner)
fragments = AnswerCache(FRAGMENTS_KEPT)


def _units(request: Request) -> UnitSystem:
    found = getattr(request.state, "units", None)
    return found if isinstance(found, UnitSystem) else UnitSystem.METRIC


def _distance(metres: float | None, units: UnitSystem) -> str:
    return MISSING if metres is None else format_distance(metres, units)


def _duration(seconds: float | None) -> str:
    return MISSING if seconds is None else format_duration(seconds)


def _pace(seconds_per_km: float | None, units: UnitSystem) -> str:
    return MISSING if not seconds_per_km else format_pace(Pace(seconds_per_km), units)


templates.env.globals.update(
    distance=_distance, duration=_duration, pace=_pace, in_units=distances_in
)  # in_units: a sentence written in km (a plan's note, a long run's title) in the runner's units
templates.env.filters["say"] = say


def _day(value: date | str) -> str:
    """A day as a runner reads a week: "Mon 30 Nov" (a date or its ISO text)."""
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day:%a} {day.day} {day:%b}"


templates.env.filters["day"] = _day
templates.env.filters["signed"] = signed  # a change: "+1.2", never "-0.0"


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    access = find_access(request)
    csrf = access.csrf if access and access.csrf else pre_session_csrf(request)
    page = templates.TemplateResponse(
        request,
        name,
        {
            "access": access,
            "actor": access.actor if access else None,
            "csrf": csrf,
            "units": _units(request),
            "unread": _unread(request, access),
            **context,
        },
        status_code=status,
    )
    if access is None:
        from runcoach.web.cookies import set_pre_session_cookie

        set_pre_session_cookie(request, page, csrf)
    return page


def _unread(request: Request, access: Any) -> int:
    """The bell's count in the header: the runner's unread notifications."""
    if access is None:
        return 0
    from runcoach.services.notifications import unread_count

    return unread_count(request.app.state.engine, athlete_id=access.actor.athlete_id)


def fragment(key: Hashable, name: str, **context: Any) -> Markup:
    """The partial template ``name`` rendered with ``context``, kept under ``key``: the key
    must hold everything the context is made of (the data version it was read at, the
    query, the units), so the kept HTML is exactly what rendering again would give."""
    return fragments.get_or_make(key, lambda: Markup(templates.get_template(name).render(context)))


def render_error(request: Request, status: int, message: str, hint: str | None) -> HTMLResponse:
    return render(request, "error.html", status=status, message=message, hint=hint)
