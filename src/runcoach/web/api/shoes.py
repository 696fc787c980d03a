"""/api/v1/shoes: the pairs, the distance in each, retirement."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from runcoach.domain.units import parse_distance
from runcoach.services import shoes as service
from runcoach.services.calendar import today_of
from runcoach.views.shoes import shoe_added_json, shoe_json, shoe_retired_json
from runcoach.web.auth import Authorized, engine_of, settings_of

router = APIRouter(prefix="/shoes", tags=["shoes"])


@router.get("", summary="Your shoes with the distance in each and the worn-out warning")
def list_shoes(
    request: Request, access: Authorized, retired: bool = False
) -> Sequence[Mapping[str, Any]]:
    pairs = service.list_pairs(
        engine_of(request),
        settings_of(request),
        include_retired=retired,
        athlete_id=access.actor.athlete_id,
    )
    return [shoe_json(p) for p in pairs]


class ShoeIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    brand: str | None = Field(default=None, max_length=200)
    model: str | None = Field(default=None, max_length=200)
    added_on: date | None = None
    retire_at: str | None = Field(default=None, examples=["800km"])
    notes: str | None = Field(default=None, max_length=2000)


@router.post("", status_code=201, summary="Add a pair")
def add_shoe(request: Request, access: Authorized, body: ShoeIn) -> Mapping[str, Any]:
    engine = engine_of(request)
    shoe = service.NewShoe(
        body.name,
        body.brand,
        body.model,
        body.added_on,
        parse_distance(body.retire_at) if body.retire_at else None,
        body.notes,
    )
    today = today_of(engine, athlete_id=access.actor.athlete_id)
    shoe_id = service.add_pair(engine, shoe, today, athlete_id=access.actor.athlete_id)
    return shoe_added_json(shoe_id, body.name.strip())


class RetireIn(BaseModel):
    on: date | None = None  # None: today
    back_in_use: bool = False


@router.post("/{name}/retire", summary="Retire a pair (or bring it back into use)")
def retire_shoe(
    request: Request, access: Authorized, name: str, body: RetireIn
) -> Mapping[str, Any]:
    engine = engine_of(request)
    on = (
        None
        if body.back_in_use
        else body.on or today_of(engine, athlete_id=access.actor.athlete_id)
    )
    shown = service.retire_pair(engine, name, on, athlete_id=access.actor.athlete_id)
    return shoe_retired_json(shown, on)
