"""/api/v1/privacy and another runner's runs: who sees what, privacy zones, and the runs of
partners and group mates as the asker may see them (a track with the zones cut out and the
ends trimmed, never a point more)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from runcoach.domain.accountability import Audience, PrivacyZone, SharedPart
from runcoach.domain.accountability.zones import DEFAULT_ZONE_RADIUS_M
from runcoach.services import sharing as service
from runcoach.views.accountability import (
    created_json,
    privacy_json,
    run_sharing_json,
    shared_run_json,
    shared_summary_json,
)
from runcoach.web.api.runs import samples_text
from runcoach.web.auth import Authorized, engine_of
from runcoach.web.openapi_views import file_answer

router = APIRouter(tags=["privacy"])


class PrivacyIn(BaseModel):
    """Audiences per part (a part left out stays) and the metres hidden at each end."""

    summary: Audience | None = None
    map: Audience | None = None
    heart_rate: Audience | None = None
    trim_m: Annotated[float | None, Field(ge=0, le=2000)] = None

    def defaults(self) -> dict[SharedPart, Audience]:
        given = {SharedPart.SUMMARY: self.summary, SharedPart.MAP: self.map,
                 SharedPart.HEART_RATE: self.heart_rate}  # fmt: skip
        return {part: audience for part, audience in given.items() if audience is not None}


@router.get("/privacy", summary="Who sees what of your runs, and your privacy zones")
def get_privacy(request: Request, access: Authorized) -> Mapping[str, Any]:
    return privacy_json(
        service.privacy_settings(engine_of(request), athlete_id=access.actor.athlete_id)
    )


@router.put("/privacy", summary="Your runs' audience per part, and the start and end hidden")
def put_privacy(request: Request, access: Authorized, body: PrivacyIn) -> Mapping[str, Any]:
    return privacy_json(
        service.set_privacy_defaults(
            engine_of(request), athlete_id=access.actor.athlete_id, defaults=body.defaults(),
            trim_m=body.trim_m,
        )
    )  # fmt: skip


class ZoneIn(BaseModel):
    name: str = Field(min_length=1, max_length=100, examples=["home"])
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    radius_m: float = DEFAULT_ZONE_RADIUS_M


@router.post("/privacy/zones", status_code=201, summary="Add a privacy zone")
def add_zone(request: Request, access: Authorized, body: ZoneIn) -> Mapping[str, Any]:
    zone = PrivacyZone(body.name, body.latitude, body.longitude, body.radius_m)
    zone_id = service.add_privacy_zone(engine_of(request), zone, athlete_id=access.actor.athlete_id)
    return created_json(zone_id)


@router.delete("/privacy/zones/{zone_id}", status_code=204, summary="Delete a privacy zone")
def delete_zone(request: Request, access: Authorized, zone_id: int) -> Response:
    service.delete_privacy_zone(engine_of(request), zone_id, athlete_id=access.actor.athlete_id)
    return Response(status_code=204)


class RunSharingIn(BaseModel):
    """One run's audience per part; null brings a part back to your default."""

    summary: Audience | None = None
    map: Audience | None = None
    heart_rate: Audience | None = None


@router.get("/runs/{run_id}/sharing", summary="Your run's own audience per part")
def get_run_sharing(request: Request, access: Authorized, run_id: int) -> Mapping[str, Any]:
    found = service.run_sharing(engine_of(request), run_id, athlete_id=access.actor.athlete_id)
    return run_sharing_json(found)


@router.put("/runs/{run_id}/sharing", summary="Set your run's audience per part")
def put_run_sharing(
    request: Request, access: Authorized, run_id: int, body: RunSharingIn
) -> Mapping[str, Any]:
    given = {SharedPart(k): (None if v is None else Audience(v))
             for k, v in body.model_dump(exclude_unset=True).items()}  # fmt: skip
    found = service.set_run_sharing(
        engine_of(request), run_id, given, athlete_id=access.actor.athlete_id
    )
    return run_sharing_json(found)


@router.get("/athletes/{athlete_id}/runs", summary="Another runner's recent runs you may see")
def their_runs(request: Request, access: Authorized, athlete_id: int) -> list[Mapping[str, Any]]:
    found = service.shared_runs(
        engine_of(request), viewer_athlete_id=access.actor.athlete_id, athlete_id=athlete_id
    )
    return [shared_summary_json(r) for r in found]


@router.get("/athletes/{athlete_id}/runs/{run_id}", summary="Another runner's run, as shared")
def their_run(
    request: Request, access: Authorized, athlete_id: int, run_id: int
) -> Mapping[str, Any]:
    found = service.shared_run(
        engine_of(request), viewer_athlete_id=access.actor.athlete_id, athlete_id=athlete_id,
        run_id=run_id,
    )  # fmt: skip
    return shared_run_json(found)


@router.get(
    "/athletes/{athlete_id}/runs/{run_id}/samples",
    summary="Another runner's samples: the map only if shared, zones cut, ends trimmed",
)
def their_samples(request: Request, access: Authorized, athlete_id: int, run_id: int) -> Response:
    found = service.shared_samples(
        engine_of(request), viewer_athlete_id=access.actor.athlete_id, athlete_id=athlete_id,
        run_id=run_id,
    )  # fmt: skip
    return Response(samples_text(found), media_type="application/json")


@router.get(
    "/athletes/{athlete_id}/runs/{run_id}/track.gpx",
    summary="A GPX of a run made for someone else: the shared track only",
    **file_answer("application/gpx+xml", description="A GPX file of the shared track"),
)
def their_gpx(request: Request, access: Authorized, athlete_id: int, run_id: int) -> Response:
    text = service.shared_gpx(
        engine_of(request), viewer_athlete_id=access.actor.athlete_id, athlete_id=athlete_id,
        run_id=run_id,
    )  # fmt: skip
    disposition = f'attachment; filename="run-{run_id}.gpx"'
    return Response(
        text, media_type="application/gpx+xml", headers={"Content-Disposition": disposition}
    )
