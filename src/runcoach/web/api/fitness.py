"""/api/v1/goal-check, /predictions, /paces: goals and fitness, from results or the log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from runcoach.inputs import fitness as inputs
from runcoach.services import fitness as service
from runcoach.services.calendar import today_of
from runcoach.views.fitness import paces_json, prediction_json, verdict_json
from runcoach.web.auth import Reading, engine_of

router = APIRouter(tags=["fitness"])


class ConditionsIn(BaseModel):
    temperature: str | None = Field(default=None, examples=["24C"])
    dew_point: str | None = Field(default=None, examples=["18C"])
    humidity: str | None = Field(default=None, examples=["70%"])
    start: str | None = Field(default=None, examples=["09:00"])
    elevation_gain: str | None = Field(default=None, examples=["250m"])
    altitude: str | None = Field(default=None, examples=["1600m"])


class GoalIn(BaseModel):
    """A goal as runners write it; without results, the log gives them."""

    goal: str = Field(examples=["marathon=3:59:59"])
    date: str = Field(examples=["2027-04-19"])
    results: list[str] = Field(default_factory=list, examples=[["half=1:55:00"]])
    weekly_distance: str | None = Field(default=None, examples=["45km"])
    longest_run: str | None = Field(default=None, examples=["24km"])
    dream: str | None = Field(default=None, examples=["3:30:00"])
    conditions: ConditionsIn | None = None
    years_running: str | None = Field(default=None, examples=["4"])
    age: str | None = Field(default=None, examples=["42"])


@router.post("/goal-check", summary="Within reach, a stretch or not realistic, with the ladder")
def goal_check(request: Request, access: Reading, body: GoalIn) -> Mapping[str, Any]:
    engine = engine_of(request)
    me = access.actor.athlete_id
    asked = inputs.parse_goal_request(
        body.goal,
        body.date,
        inputs.ConditionsText(**(body.conditions or ConditionsIn()).model_dump()),
        body.results,
        body.weekly_distance,
        body.longest_run,
        body.dream,
        inputs.RunnerText(body.years_running, body.age),
    )
    verdict = service.judge_goal(
        **vars(asked),
        today=today_of(engine, athlete_id=me),
        open_log=lambda: service.AthleteLog(engine, me),
    )
    return verdict_json(verdict)


class PredictIn(BaseModel):
    to: str = Field(examples=["marathon"])
    results: list[str] = Field(default_factory=list, examples=[["10k=41:30"]])
    weekly_distance: str | None = Field(default=None, examples=["35mi"])


@router.post("/predictions", summary="A race time with its 80 % interval")
def predict(request: Request, access: Reading, body: PredictIn) -> Mapping[str, Any]:
    engine = engine_of(request)
    me = access.actor.athlete_id
    asked = inputs.parse_prediction_request(body.results, body.to, body.weekly_distance)
    prediction = service.predict_race(
        asked.results,
        asked.target_m,
        asked.weekly_m,
        today_of(engine, athlete_id=me),
        open_log=lambda: service.AthleteLog(engine, me),
    )
    return prediction_json(prediction)


class PacesIn(BaseModel):
    results: list[str] = Field(default_factory=list, examples=[["5k=21:00"]])
    max_hr: int | None = Field(default=None, ge=100, le=240)
    resting_hr: int | None = Field(default=None, ge=20, le=120)


@router.post("/paces", summary="Training paces and heart-rate zones")
def paces(request: Request, access: Reading, body: PacesIn) -> Mapping[str, Any]:
    engine = engine_of(request)
    me = access.actor.athlete_id
    report = service.paces_for(
        inputs.parse_results(body.results),
        body.max_hr,
        body.resting_hr,
        today_of(engine, athlete_id=me),
        open_log=lambda: service.AthleteLog(engine, me),
    )
    return paces_json(report)
