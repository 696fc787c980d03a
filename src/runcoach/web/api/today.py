"""/api/v1/today, /checkins, /warnings, /progress: the day by day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from runcoach.services import checkins, done, today
from runcoach.services.athletes import athlete_settings
from runcoach.views.checkins import checked_in_json
from runcoach.views.runs import run_added_json
from runcoach.views.today import answer_json, warning_json, week_json
from runcoach.web.auth import Authorized, engine_of, settings_of

router = APIRouter(tags=["today"])
Feel = Literal["great", "good", "normal", "tired", "sore", "sick", "injured"]
Symptoms = Literal["above-neck", "below-neck", "fever"]


class CheckInIn(BaseModel):
    """How the runner is and the habits kept; what is left out stays as told earlier that day."""

    date: dt.date | None = None
    feel: Feel | None = None
    symptoms: Symptoms | None = None
    note: str = Field("", max_length=2000)
    can_run: bool | None = None
    strength: bool | None = None
    warm_up: bool | None = None
    ate_well: bool | None = None
    slept: str | None = Field(default=None, examples=["7h30"])
    weight: str | None = Field(default=None, examples=["70.4kg"])
    resting_hr: str | None = Field(default=None, examples=["52"])

    def report(self, units: Any) -> checkins.CheckInReport:
        habits = checkins.HabitReport(
            self.strength, self.warm_up, self.ate_well, self.slept, self.weight, self.resting_hr
        )
        return checkins.CheckInReport(
            self.feel, self.symptoms, self.note, self.can_run, habits, units
        )


@router.get("/today", summary="Today's session, or a better one, and why")
def get_today(request: Request, access: Authorized, day: date | None = None) -> Mapping[str, Any]:
    return answer_json(
        today.today(
            engine_of(request), settings_of(request), day, athlete_id=access.actor.athlete_id
        )
    )


@router.post("/today", summary="Tell how you are (tired, sore, sick...) and get today's answer")
def post_today(request: Request, access: Authorized, body: CheckInIn) -> Mapping[str, Any]:
    engine = engine_of(request)
    units = athlete_settings(engine, athlete_id=access.actor.athlete_id).units
    told = today.today(
        engine,
        settings_of(request),
        body.date,
        body.report(units),
        athlete_id=access.actor.athlete_id,
    )
    return answer_json(told)


@router.post("/checkins", summary="A daily check-in: how you are and the habits kept")
def post_checkin(request: Request, access: Authorized, body: CheckInIn) -> dict[str, Any]:
    engine = engine_of(request)
    units = athlete_settings(engine, athlete_id=access.actor.athlete_id).units
    told = checkins.checkin(
        engine, body.report(units), body.date, athlete_id=access.actor.athlete_id
    )
    return dict(checked_in_json(told))


@router.get("/warnings", summary="The three too's watched: too far, too soon, too fast")
def get_warnings(
    request: Request, access: Authorized, day: date | None = None
) -> Sequence[Mapping[str, Any]]:
    found = today.warnings_for(
        engine_of(request), settings_of(request), day, athlete_id=access.actor.athlete_id
    )
    return [warning_json(w) for w in found]


@router.get("/progress", summary="Planned vs done, week by week")
def get_progress(
    request: Request, access: Authorized, day: date | None = None
) -> Sequence[Mapping[str, Any]]:
    weeks = today.progress_for(
        engine_of(request), settings_of(request), day, athlete_id=access.actor.athlete_id
    )
    return [week_json(w) for w in weeks]


@router.post("/today/done", status_code=201, summary="Did it: log today's prescribed run")
def did_it(request: Request, access: Authorized) -> Mapping[str, Any]:
    run_id = done.session_done(
        engine_of(request), settings_of(request), athlete_id=access.actor.athlete_id
    )
    return run_added_json(run_id)
