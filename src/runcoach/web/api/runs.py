"""/api/v1/runs: the training log, a run's samples and its original file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from runcoach.domain.run.runs import Feel, RaceResult, Sport, Surface, Terrain, WorkoutType
from runcoach.domain.units import parse_distance, parse_duration
from runcoach.services import run_files
from runcoach.services import runs as service
from runcoach.views.runs import detail_json, samples_json, summary_json
from runcoach.views.shoes import worn_json
from runcoach.web.auth import Authorized, athlete_settings_of, engine_of
from runcoach.web.openapi_views import file_answer
from runcoach.web.templating import fragments

router = APIRouter(prefix="/runs", tags=["runs"])
MAX_LIST = 5000  # runs in one answer; a decade of daily runs is ~3,650


@router.get("", summary="The training log, newest first")
def list_runs(
    request: Request,
    access: Authorized,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
    workout_type: Annotated[WorkoutType | None, Query(alias="type")] = None,
    sport: Sport | None = None,
    shoe: Annotated[int | None, Query(description="only the runs in this pair (its id)")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 500,
) -> Sequence[Mapping[str, Any]]:
    found = service.list_runs(
        engine_of(request),
        athlete_id=access.actor.athlete_id,
        date_from=date_from,
        date_to=date_to,
        workout_type=workout_type.value if workout_type else None,
        sport=sport.value if sport else None,
        limit=limit,
        shoe_id=shoe,
    )
    return [summary_json(r) for r in found]


@router.get("/{run_id}", summary="One run: every number, laps, splits, halves, best efforts")
def show_run(request: Request, access: Authorized, run_id: int) -> Mapping[str, Any]:
    return detail_json(
        service.show_run(engine_of(request), run_id, athlete_id=access.actor.athlete_id)
    )


@router.get("/{run_id}/samples", summary="The run's samples, thinned for charts and a map")
def run_samples(
    request: Request,
    access: Authorized,
    run_id: int,
    full: Annotated[
        bool, Query(description="every sample recorded, not thinned to the charts' points")
    ] = False,
) -> Response:
    """At most 1,200 samples by default, chosen by M4 aggregation (each bucket's first and
    last sample and every chart's highest and lowest one: peaks survive); ``full=true``
    gives every sample. ``recorded`` is how many there are, ``method`` "m4" or "all"."""
    found = run_files.run_samples(
        engine_of(request), run_id, athlete_id=access.actor.athlete_id, full=full
    )
    # the thinned answer is kept per data version (one object): written once per version
    text = (
        samples_text(found)
        if full
        else fragments.get_or_make(("samples json", found), lambda: samples_text(found))
    )
    return Response(text, media_type="application/json")


def samples_text(found: run_files.ChartSamples) -> str:
    """The samples as JSON, written with ``json.dumps``: plain numbers and nulls (FastAPI's
    encoder walked them value by value, slower than reading and thinning them)."""
    return json.dumps(samples_json(found), allow_nan=False)


@router.get(
    "/{run_id}/file",
    summary="The original device file, as it was imported",
    **file_answer(
        *run_files.MEDIA_TYPES.values(),
        "application/octet-stream",
        description="The file as the device wrote it (FIT, GPX or TCX)",
    ),
)
def original_file(request: Request, access: Authorized, run_id: int) -> Response:
    found = run_files.original_file(engine_of(request), run_id, athlete_id=access.actor.athlete_id)
    disposition = f'attachment; filename="{_ascii(found.name)}"'
    return Response(
        found.data, media_type=found.media_type, headers={"Content-Disposition": disposition}
    )


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)


class ManualRunIn(BaseModel):
    """A run without a device file. Distances and durations as runners write them."""

    date: dt.date
    time: dt.time | None = None
    distance: str | None = Field(default=None, examples=["8k", "5mi", "10.5km"])
    duration: str | None = Field(default=None, examples=["45:00", "1:32:05", "50min"])
    sport: Sport = Sport.RUNNING
    type: WorkoutType | None = None
    rpe: int | None = Field(default=None, ge=1, le=10)
    feel: Feel | None = None
    surface: Surface | None = None
    shoes: str | None = None
    name: str | None = Field(default=None, max_length=500)
    notes: str | None = Field(default=None, max_length=10_000)

    def entry(self) -> service.ManualRun:
        return service.ManualRun(
            day=self.date,
            at=self.time,
            sport=self.sport,
            workout_type=self.type,
            distance_m=parse_distance(self.distance) if self.distance else None,
            duration_s=parse_duration(self.duration) if self.duration else None,
            rpe=self.rpe,
            feel=self.feel,
            notes=self.notes,
            name=self.name,
            shoes=self.shoes,
            surface=self.surface,
        )


@router.post("", status_code=201, summary="Add a run by hand")
def add_run(request: Request, access: Authorized, body: ManualRunIn) -> Mapping[str, Any]:
    settings = athlete_settings_of(request, access)
    added = service.add_manual_run(
        engine_of(request), body.entry(), athlete_id=access.actor.athlete_id, settings=settings
    )
    return {"id": added.run_id, "worn_out": worn_json(added.worn_out, settings.units)}


class RaceIn(BaseModel):
    official_time: str | None = Field(default=None, examples=["1:32:05"])
    distance: str | None = Field(default=None, examples=["half"])
    name: str | None = None
    conditions: str | None = None


class RunEditIn(BaseModel):
    """The changes; a field left out stays as it is. ``shoes: "none"`` takes the shoes off."""

    name: str | None = Field(default=None, max_length=500)
    notes: str | None = Field(default=None, max_length=10_000)
    type: WorkoutType | None = None
    surface: Surface | None = None
    terrain: Terrain | None = None
    shoes: str | None = None
    rpe: int | None = Field(default=None, ge=1, le=10)
    feel: Feel | None = None
    race: bool | None = None
    race_result: RaceIn | None = None

    def edit(self) -> service.RunEdit:
        return service.RunEdit(
            name=self.name,
            notes=self.notes,
            workout_type=self.type,
            surface=self.surface,
            terrain=self.terrain,
            shoes=self.shoes,
            rpe=self.rpe,
            feel=self.feel,
            race=self.race,
            race_result=_race(self.race_result),
        )


def _race(given: RaceIn | None) -> RaceResult | None:
    if given is None:
        return None
    return RaceResult(
        official_time_s=parse_duration(given.official_time) if given.official_time else None,
        distance_m=parse_distance(given.distance) if given.distance else None,
        name=given.name,
        conditions=given.conditions,
    )


@router.patch("/{run_id}", summary="Change a run's tags, shoes, effort, notes or race result")
def edit_run(
    request: Request, access: Authorized, run_id: int, body: RunEditIn
) -> Mapping[str, Any]:
    engine = engine_of(request)
    settings = athlete_settings_of(request, access)
    changed = service.edit_run(
        engine, run_id, body.edit(), athlete_id=access.actor.athlete_id, settings=settings
    )
    shown = detail_json(service.show_run(engine, run_id, athlete_id=access.actor.athlete_id))
    return {**shown, "worn_out": worn_json(changed.worn_out, settings.units)}


@router.delete("/{run_id}", status_code=204, summary="Delete a run (its files go with it)")
def delete_run(request: Request, access: Authorized, run_id: int) -> Response:
    service.delete_run(engine_of(request), run_id, athlete_id=access.actor.athlete_id)
    return Response(status_code=204)
