"""Shoes as JSON (``--json`` and the API), and the one warning for a pair worn out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypedDict

from runcoach.domain.units import UnitSystem, format_distance
from runcoach.services.shoes import ShoeReport
from runcoach.views.json import IsoDate


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


class WornShoeJson(TypedDict):
    """A pair past its retirement distance after a write, with the warning the runner reads
    (the same words the command line prints on stderr)."""

    id: int
    name: str
    distance_m: float
    retirement_m: float
    warning: str


class RunWrittenJson(TypedDict):
    """A run added: its id, and the pairs now worn out."""

    id: int
    worn_out: list[WornShoeJson]


def worn_message(pair: ShoeReport, units: UnitSystem) -> str:
    """The one warning for a pair past its retirement distance (runs, imports, shoes list;
    the command line and the API)."""
    return (
        f"'{pair.name}' has run {format_distance(pair.distance_m, units, 0)}, past its "
        f"{format_distance(pair.retirement_m, units, 0)}: time for a new pair"
    )


def worn_json(pairs: Iterable[ShoeReport], units: UnitSystem) -> list[WornShoeJson]:
    """The worn-out pairs a write's result names, as the API returns them."""
    return [
        {"id": p.id, "name": p.name, "distance_m": p.distance_m,
         "retirement_m": p.retirement_m, "warning": worn_message(p, units)}
        for p in pairs if p.worn_out
    ]  # fmt: skip


class ShoeAddedJson(TypedDict):
    """A pair added: its id and its name."""

    id: int
    name: str


def shoe_added_json(shoe_id: int, name: str) -> ShoeAddedJson:
    return {"id": shoe_id, "name": name}


class ShoeRetiredJson(TypedDict):
    """A pair retired on a day, or back in use (``retired_on`` null)."""

    name: str
    retired_on: IsoDate | None


def shoe_retired_json(name: str, on: date | None) -> ShoeRetiredJson:
    return {"name": name, "retired_on": on.isoformat() if on else None}
