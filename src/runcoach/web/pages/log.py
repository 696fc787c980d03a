"""The log: runs with filters, a run's page (map, charts, splits, efforts, tags), manual entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runcoach.domain.run.runs import Feel, Sport, Surface, Terrain, WorkoutType
from runcoach.domain.units import parse_distance, parse_duration
from runcoach.services import comments, sharing, shoes
from runcoach.services import runs as service
from runcoach.services.log import LogQuery
from runcoach.services.log import log as training_log
from runcoach.views.runs import detail_json
from runcoach.web.auth import athlete_settings_of, engine_of, settings_of
from runcoach.web.pages.common import Page
from runcoach.web.templating import fragment, render

router = APIRouter()
LOG_PAGE_SIZE = 200


def _shoes(request: Request, athlete_id: int) -> list[Any]:
    return shoes.list_pairs(
        engine_of(request), settings_of(request), include_retired=True, athlete_id=athlete_id
    )


@router.get("/log", response_class=HTMLResponse)
def log(
    request: Request,
    access: Page,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
    kind: Annotated[str | None, Query(alias="type")] = None,
    shoe: int | None = None,
    everything: bool = False,
) -> Response:
    """Running of every kind by default, as ``runs list`` shows it (no rides, no recording
    under a minute); ``everything`` shows rides, swims and the rest too."""
    workout_type = WorkoutType(kind).value if kind else None
    query = LogQuery(date_from, date_to, workout_type, None, shoe, LOG_PAGE_SIZE,
                     runs_only=not everything)  # fmt: skip
    athlete_id, units = access.actor.athlete_id, request.state.units
    found = training_log(engine_of(request), settings_of(request), query, athlete_id=athlete_id)
    rows_key = ("log rows", str(engine_of(request).url), athlete_id, found.version, query, units)
    return render(
        request,
        "pages/log.html",
        nav="log",
        rows=fragment(rows_key, "partials/log_rows.html", runs=found.runs, units=units),
        types=list(WorkoutType),
        pairs=found.pairs,
        chosen={
            "from": date_from,
            "to": date_to,
            "type": kind,
            "shoe": shoe,
            "everything": everything,
        },
    )


@router.get("/runs/new", response_class=HTMLResponse)
def new_run(request: Request, access: Page) -> Response:
    return render(
        request,
        "pages/run_new.html",
        nav="log",
        types=list(WorkoutType),
        feels=list(Feel),
        surfaces=list(Surface),
        sports=list(Sport),
        pairs=_shoes(request, access.actor.athlete_id),
    )


def _opt(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


E = TypeVar("E", bound=StrEnum)


def _enum(kind: type[E], text: str | None) -> E | None:
    value = _opt(text)
    return None if value is None else kind(value)


def _parsed(parse: Callable[[str], float], text: str | None) -> float | None:
    value = _opt(text)
    return None if value is None else parse(value)


@router.post("/runs/new")
def add_run(
    request: Request,
    access: Page,
    day: Annotated[date, Form()],
    distance: Annotated[str | None, Form()] = None,
    duration: Annotated[str | None, Form()] = None,
    sport: Annotated[str, Form()] = Sport.RUNNING.value,
    kind: Annotated[str | None, Form()] = None,
    rpe: Annotated[int | None, Form()] = None,
    feel: Annotated[str | None, Form()] = None,
    shoes_name: Annotated[str | None, Form(alias="shoes")] = None,
    name: Annotated[str | None, Form()] = None,
    notes: Annotated[str | None, Form()] = None,
) -> Response:
    entry = service.ManualRun(
        day=day,
        distance_m=_parsed(parse_distance, distance),
        duration_s=_parsed(parse_duration, duration),
        sport=Sport(sport),
        workout_type=_enum(WorkoutType, kind),
        rpe=rpe,
        feel=_enum(Feel, feel),
        notes=_opt(notes),
        name=_opt(name),
        shoes=_opt(shoes_name),
    )
    added = service.add_manual_run(
        engine_of(request),
        entry,
        athlete_id=access.actor.athlete_id,
        settings=athlete_settings_of(request, access),
    )
    return RedirectResponse(f"/runs/{added.run_id}", status_code=303)


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def run_page(request: Request, access: Page, run_id: int) -> Response:
    detail = service.show_run(engine_of(request), run_id, athlete_id=access.actor.athlete_id)
    return render(
        request,
        "pages/run.html",
        nav="log",
        run=detail_json(detail),
        types=list(WorkoutType),
        surfaces=list(Surface),
        terrains=list(Terrain),
        pairs=_shoes(request, access.actor.athlete_id),
        tile_url=request.app.state.tile_url,
        **_sharing(request, run_id, access.actor.athlete_id),
    )


def _sharing(request: Request, run_id: int, athlete_id: int) -> dict[str, Any]:
    """Who sees the run (its own audiences and the defaults), its comments and kudos."""
    engine = engine_of(request)
    own = sharing.run_sharing(engine, run_id, athlete_id=athlete_id)
    defaults = sharing.privacy_settings(engine, athlete_id=athlete_id).defaults
    return {
        "run_sharing": {p.value: None if a is None else a.value for p, a in own.items()},
        "run_defaults": {p.value: a.value for p, a in defaults.items()},
        "social": comments.run_social(engine, run_id, athlete_id=athlete_id),
    }


@router.post("/runs/{run_id}/edit")
def edit_run(
    request: Request,
    access: Page,
    run_id: int,
    kind: Annotated[str | None, Form()] = None,
    surface: Annotated[str | None, Form()] = None,
    terrain: Annotated[str | None, Form()] = None,
    shoes_name: Annotated[str | None, Form(alias="shoes")] = None,
    name: Annotated[str | None, Form()] = None,
    notes: Annotated[str | None, Form()] = None,
) -> Response:
    edit = service.RunEdit(
        name=_opt(name),
        notes=_opt(notes),
        workout_type=_enum(WorkoutType, kind),
        surface=_enum(Surface, surface),
        terrain=_enum(Terrain, terrain),
        shoes=_opt(shoes_name),
    )
    service.edit_run(
        engine_of(request),
        run_id,
        edit,
        athlete_id=access.actor.athlete_id,
        settings=athlete_settings_of(request, access),
    )
    return RedirectResponse(f"/runs/{run_id}", status_code=303)


@router.post("/runs/{run_id}/delete")
def delete_run(request: Request, access: Page, run_id: int) -> Response:
    service.delete_run(engine_of(request), run_id, athlete_id=access.actor.athlete_id)
    return RedirectResponse("/log", status_code=303)
