"""The plan: a form instead of a YAML profile (goal, availability with a rotating-cycle
editor, run days, long-run day, current volume), and the plan week by week with its checks."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.errors import InvalidInput, NotFound, RuncoachError
from runcoach.domain.plans.codec import plan_to_dict
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.rules import check
from runcoach.services import plans as service
from runcoach.services.calendar import today_of
from runcoach.views.plans import violations_json
from runcoach.web.auth import engine_of
from runcoach.web.errors import status_for
from runcoach.web.pages.common import Page
from runcoach.web.templating import render

router = APIRouter()
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CYCLE_TYPE_ROWS = 5  # day types the cycle editor offers (day, night, recover, off, ...)


def _day_type(kind: str, minutes: str) -> str:
    if kind == "short":
        if not minutes.strip().isdigit():
            raise InvalidInput("a short day needs its minutes, e.g. 30")
        return f"short {int(minutes)}"
    if kind not in ("any", "none"):
        raise InvalidInput(f"'{kind}' is not a day type (any, none or short)")
    return kind


def _availability(form: dict[str, str]) -> dict[str, Any] | None:
    if form.get("availability") == "cycle":
        days = [d.strip() for d in form.get("cycle_days", "").replace(";", ",").split(",")]
        types = {
            form[f"type_name_{i}"].strip(): _day_type(
                form.get(f"type_kind_{i}", "any"), form.get(f"type_minutes_{i}", "")
            )
            for i in range(CYCLE_TYPE_ROWS)
            if form.get(f"type_name_{i}", "").strip()
        }
        cycle: dict[str, Any] = {"days": [d for d in days if d], "types": types}
        today_is = form.get("cycle_today_is", "").strip()
        if today_is and not form.get("cycle_start", "").strip():
            cycle["today_is"] = _number_or_text(today_is)
        else:
            cycle["start"] = form.get("cycle_start", "")
        return {"cycle": cycle}
    weekdays = {
        d: _day_type(form.get(f"wd_{d}", "any"), form.get(f"wd_{d}_minutes", "")) for d in WEEKDAYS
    }
    return {"weekdays": weekdays}


FACILITIES = ("track", "hills", "treadmill", "trails")  # the equipment a runner may have


def _number_or_text(value: str) -> int | float | str:
    """A number as a number; anything else (a range '3-4', a typo) as written, for the profile
    reader to accept or to name in its message."""
    try:
        return float(value) if "." in value else int(value)
    except ValueError:
        return value


def profile_of_form(form: dict[str, str]) -> dict[str, Any]:
    """The profile (docs/profile.md) the form describes."""
    goal: Any = form.get("goal_kind", "race")
    if goal == "race":
        goal = {"race": form.get("race", ""), "date": form.get("race_date", "")}
        if form.get("target", "").strip():
            goal["target"] = form["target"].strip()
        if form.get("venue", "").strip() not in ("", "road"):
            goal["venue"] = form["venue"].strip()
        if form.get("also_date", "").strip():  # the goal's other race: a double
            also = form.get("also_distance", "").strip() or goal["race"]
            goal["also"] = [{"date": form["also_date"].strip(), "distance": also}]
    profile: dict[str, Any] = {"goal": goal, "availability": _availability(form)}
    texts = ("weekly_distance", "longest_run_30d", "longest_run_ever", "long_run_day",
             "recent_injury")  # fmt: skip
    for field in texts:
        if form.get(field, "").strip():
            profile[field] = form[field].strip()
    for field in ("run_days_per_week", "years_running", "age"):
        value = form.get(field, "").strip()
        if value:
            profile[field] = _number_or_text(value)
    if form.get("availability") == "cycle" and form.get("night_runs", "").strip():
        profile["night_shifts"] = {"type": form.get("night_type", "").strip() or "night",
                                   "run": form["night_runs"].strip()}  # fmt: skip
        if form.get("night_minutes", "").strip():
            profile["night_shifts"]["minutes"] = _number_or_text(form["night_minutes"].strip())
    facilities = [f for f in FACILITIES if form.get(f"has_{f}")]
    if facilities:
        profile["facilities"] = facilities
    if form.get("result_distance", "").strip() and form.get("result_time", "").strip():
        profile["recent_results"] = [
            {
                "date": form.get("result_date") or form.get("race_date"),
                "distance": form["result_distance"],
                "time": form["result_time"],
            }
        ]
    return profile


def _stored(request: Request, athlete_id: int) -> dict[str, Any] | None:
    try:
        stored = service.active_plan(engine_of(request), athlete_id=athlete_id)
    except NotFound:
        return None
    return {
        "id": stored.id,
        "plan": plan_to_dict(stored.plan),
        "violations": violations_json(check(stored.plan)),
    }


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, access: Page, edit: bool = False) -> Response:
    stored = _stored(request, access.actor.athlete_id)
    return render(
        request,
        "pages/plan.html",
        nav="plan",
        stored=stored,
        weekdays=WEEKDAYS,
        rows=range(CYCLE_TYPE_ROWS),
        form={},
        show_form=edit or stored is None,
    )


@router.post("/plan", response_class=HTMLResponse)
async def create_plan(request: Request, access: Page) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    engine = engine_of(request)
    try:
        profile = profile_from_dict(profile_of_form(form))
        today = today_of(engine, athlete_id=access.actor.athlete_id)
        service.build_plan(engine, profile, today, athlete_id=access.actor.athlete_id)
    except (RuncoachError, ValueError) as error:
        message = error.message if isinstance(error, RuncoachError) else str(error)
        status = status_for(error) if isinstance(error, RuncoachError) else 422
        return render(
            request,
            "pages/plan.html",
            status=status,
            nav="plan",
            stored=None,
            weekdays=WEEKDAYS,
            rows=range(CYCLE_TYPE_ROWS),
            form=form,
            show_form=True,
            error=message,
        )
    return RedirectResponse("/plan", status_code=303)
