"""Shoes: add a pair, list the pairs with their distance, retire one; warn when one is worn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine

from runcoach.config import Settings
from runcoach.domain.errors import InvalidInput
from runcoach.domain.hints import Do, Hint
from runcoach.services.page_cache import answers
from runcoach.store.athletes import data_version
from runcoach.store.db import read_only
from runcoach.store.shoes import add_shoe, get_shoe, retire_shoe, shoes_with_distance


@dataclass(frozen=True)
class ShoeReport:
    id: int
    name: str
    brand: str | None
    model: str | None
    added_on: date
    retired_on: date | None
    distance_m: float
    run_count: int
    last_run: date | None
    retirement_m: float  # the pair's own, else the settings' default

    @property
    def worn_out(self) -> bool:
        """Past its retirement distance and still in use."""
        return self.retired_on is None and self.distance_m >= self.retirement_m

    @property
    def left_m(self) -> float:
        return self.retirement_m - self.distance_m


@dataclass(frozen=True)
class NewShoe:
    name: str
    brand: str | None = None
    model: str | None = None
    added_on: date | None = None
    retirement_m: float | None = None
    notes: str | None = None


def add_pair(engine: Engine, shoe: NewShoe, today: date, *, athlete_id: int) -> int:
    if not shoe.name.strip():
        raise InvalidInput(
            "a pair needs a name", hint=Hint(Do.NAME_THE_PAIR, 'for example "Pegasus 40 blue"')
        )
    if shoe.retirement_m is not None and shoe.retirement_m <= 0:
        raise InvalidInput(
            "the retirement distance must be positive",
            hint=Hint(Do.GIVE_RETIREMENT, "for example 800km"),
        )
    with engine.begin() as conn:
        return add_shoe(
            conn,
            athlete_id,
            {
                "name": shoe.name.strip(),
                "brand": shoe.brand,
                "model": shoe.model,
                "added_on": shoe.added_on or today,
                "retirement_m": shoe.retirement_m,
                "notes": shoe.notes,
            },
        )


def list_pairs(
    engine: Engine, settings: Settings, *, include_retired: bool, athlete_id: int
) -> list[ShoeReport]:
    with read_only(engine) as conn:
        reports = shoe_reports(conn, settings, athlete_id=athlete_id)
    return [r for r in reports if include_retired or r.retired_on is None]


def shoe_reports(conn: Connection, settings: Settings, *, athlete_id: int) -> list[ShoeReport]:
    """Every pair of the athlete (retired ones too), read through ``conn``, kept per data
    version (the distance in each pair sums a decade of runs). Callers never change it."""
    key = ("shoes", str(conn.engine.url), athlete_id, data_version(conn, athlete_id), settings)
    return answers.get_or_make(key, lambda: _reports(conn, athlete_id, settings))


def _reports(conn: Connection, athlete_id: int, settings: Settings) -> list[ShoeReport]:
    return [
        _report(row, settings.shoe_retirement_m) for row in shoes_with_distance(conn, athlete_id)
    ]


def _report(row: Any, default_retirement_m: float) -> ShoeReport:
    return ShoeReport(
        id=row.id,
        name=row.name,
        brand=row.brand,
        model=row.model,
        added_on=row.added_on,
        retired_on=row.retired_on,
        distance_m=float(row.distance_m or 0.0),
        run_count=int(row.run_count or 0),
        last_run=row.last_run,
        retirement_m=row.retirement_m or default_retirement_m,
    )


def worn_out_now(conn: Connection, settings: Settings, athlete_id: int) -> tuple[ShoeReport, ...]:
    """The pairs in use that are past their retirement distance: what a write that adds
    distance to a pair (a run added, edited or imported) tells the runner."""
    return tuple(pair for pair in _reports(conn, athlete_id, settings) if pair.worn_out)


def retire_pair(engine: Engine, name: str, on: date | None, *, athlete_id: int) -> str:
    """Retire a pair (``on`` None brings it back into use); return its name."""
    with engine.begin() as conn:
        shoe = get_shoe(conn, athlete_id, name)
        retire_shoe(conn, shoe.id, on)
        return str(shoe.name)
