"""A stored run's row as the domain's ``Run``: the columns read and how they turn into a run.

Without SQLAlchemy (``store.sql``): the same conversion serves the rows read through
SQLAlchemy and through sqlite3 (instants as text there, booleans as 0 and 1).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

from runcoach.domain.run.runs import Feel, RaceResult, Run, Sport, Surface, Terrain, WorkoutType
from runcoach.store.sql import instant_of

# The numbers a device measures: same name on ``Run`` and in the ``runs`` table; they are
# replaced when a richer file of the same run arrives.
DEVICE_NUMBERS = (
    "distance_m", "moving_s", "elapsed_s", "ascent_m", "descent_m", "avg_hr", "max_hr",
    "avg_cadence_spm", "max_cadence_spm", "avg_power_w", "max_power_w", "calories", "device",
)  # fmt: skip
RACE_ATTRIBUTES = {
    "official_time_s": "official_time_s",
    "distance_m": "distance_m",
    "name": "name",
    "conditions": "conditions",
    "temperature_c": "temperature_c",
    "dew_point_c": "dew_point_c",
}
RACE_FIELDS = tuple(RACE_ATTRIBUTES)
# A lap's numbers: same names on ``Lap`` (after its start) and in the ``laps`` table.
LAP_FIELDS = (
    "elapsed_s", "distance_m", "moving_s", "avg_hr", "max_hr", "avg_cadence_spm",
    "avg_power_w", "ascent_m", "intensity",
)  # fmt: skip
# What ``run_of`` reads of a ``runs`` row, in this order (``RUN_COLUMNS_SQL``).
RUN_COLUMNS = (
    "id", "start_utc", "sport", "timezone", *DEVICE_NUMBERS, "sub_sport", "name", "notes",
    "workout_type", "surface", "terrain", "shoe_id", "rpe", "feel", "is_race",
    *(f"race_{n}" for n in RACE_FIELDS), "source", "samples_trusted",
)  # fmt: skip
RUN_COLUMNS_SQL = ", ".join(f"runs.{c}" for c in RUN_COLUMNS)
RunRow = namedtuple("RunRow", RUN_COLUMNS)  # type: ignore[misc]  # a plain row of RUN_COLUMNS, for run_of


def run_of(row: Any) -> Run:
    """The domain run of a stored row (without laps and samples)."""
    return Run(  # type: ignore[misc]  # the numbers fill Run's fields up to laps, no more
        instant_of(row.start_utc),
        _SPORTS.get(row.sport) or Sport(row.sport),
        *_IN_ORDER_OF(row),
        name=row.name,
        notes=row.notes,
        workout_type=_tag(WorkoutType, _WORKOUT_TYPES, row.workout_type),
        surface=_tag(Surface, _SURFACES, row.surface),
        terrain=_tag(Terrain, _TERRAINS, row.terrain),
        shoe_id=row.shoe_id,
        rpe=row.rpe,
        feel=_tag(Feel, _FEELS, row.feel),
        race=_race_of(row) if row.is_race else None,
        source=row.source,
        samples_trusted=bool(row.samples_trusted),
        id=row.id,
    )


def _columns_in_order() -> tuple[str, ...]:
    """``Run``'s fields after ``start`` and ``sport`` up to ``laps``, in its own order: each
    is a column of the same name, passed by position (a decade's report turns 3,000 rows
    into runs, and nineteen keywords cost half as much again as the run itself)."""
    names = [f.name for f in fields(Run)]
    found = tuple(names[names.index("sport") + 1 : names.index("laps")])
    if names[:2] != ["start", "sport"] or not set(found) <= set(RUN_COLUMNS):
        raise TypeError(f"Run's fields changed: {names}; store/run_rows.py reads them by position")
    return found


_IN_ORDER_OF = attrgetter(*_columns_in_order())


# the enums' members by stored value: a dict look-up is a fifth of an enum call, and a
# decade's report turns 3,000 rows into runs
_SPORTS: dict[str, Sport] = {m.value: m for m in Sport}
_WORKOUT_TYPES: dict[str, WorkoutType] = {m.value: m for m in WorkoutType}
_SURFACES: dict[str, Surface] = {m.value: m for m in Surface}
_TERRAINS: dict[str, Terrain] = {m.value: m for m in Terrain}
_FEELS: dict[str, Feel] = {m.value: m for m in Feel}
Tag = TypeVar("Tag", WorkoutType, Surface, Terrain, Feel)


def _tag(kind: type[Tag], members: dict[str, Tag], value: str | None) -> Tag | None:
    """A stored tag as its enum member (None stays None; an unknown value fails as the
    enum does)."""
    if value is None:
        return None
    found = members.get(value)
    return kind(value) if found is None else found


def _race_of(row: Any) -> RaceResult | None:
    if not row.is_race:
        return None
    return RaceResult(**{RACE_ATTRIBUTES[n]: getattr(row, f"race_{n}") for n in RACE_FIELDS})
