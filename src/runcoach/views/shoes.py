"""Shoes as JSON (``--json`` and the API)."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from runcoach.services.shoes import ShoeReport


class ShoeJson(TypedDict):
    id: int
    name: str
    brand: str | None
    model: str | None
    added_on: date
    retired_on: date | None
    distance_m: float
    runs: int
    last_run: date | None
    retirement_m: float
    worn_out: bool


def shoe_json(pair: ShoeReport) -> ShoeJson:
    return {
        "id": pair.id, "name": pair.name, "brand": pair.brand, "model": pair.model,
        "added_on": pair.added_on, "retired_on": pair.retired_on,
        "distance_m": pair.distance_m, "runs": pair.run_count, "last_run": pair.last_run,
        "retirement_m": pair.retirement_m, "worn_out": pair.worn_out,
    }  # fmt: skip
