"""The athlete's own settings: name, units, time zone and heart-rate profile."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import Engine

from runcoach.domain.days import zone
from runcoach.domain.errors import InvalidInput
from runcoach.domain.units import UnitSystem
from runcoach.store.athletes import athlete_row, update_athlete
from runcoach.store.db import read_only

# Plausible heart rates of an adult runner, bpm (Tanaka 2001: HRmax 208 - 0.7 x age spans
# ~150-210 from 18 to 80 years; resting rates of trained runners go down to ~30).
MAX_HR_RANGE = (120.0, 230.0)
RESTING_HR_RANGE = (25.0, 110.0)


@dataclass(frozen=True)
class AthleteSettings:
    name: str
    units: UnitSystem
    timezone: str | None
    max_hr: float | None
    resting_hr: float | None


def athlete_settings(engine: Engine, *, athlete_id: int) -> AthleteSettings:
    with read_only(engine) as conn:
        row = athlete_row(conn, athlete_id)
    return AthleteSettings(
        row.name, UnitSystem(row.units or "metric"), row.timezone, row.max_hr, row.resting_hr
    )


def change_settings(engine: Engine, new: AthleteSettings, *, athlete_id: int) -> AthleteSettings:
    """Store the athlete's settings after checking each value."""
    if not new.name.strip() or len(new.name) > 200:
        raise InvalidInput("a name of 1 to 200 characters, please")
    if new.timezone:
        zone(new.timezone)  # InvalidInput for a zone that does not exist
    _check_range("max heart rate", new.max_hr, MAX_HR_RANGE)
    _check_range("resting heart rate", new.resting_hr, RESTING_HR_RANGE)
    if new.max_hr and new.resting_hr and new.resting_hr >= new.max_hr:
        raise InvalidInput("the resting heart rate must be below the max heart rate")
    values = {f.name: getattr(new, f.name) for f in fields(new)}
    values["name"], values["units"] = new.name.strip(), new.units.value
    values["timezone"] = new.timezone or None
    with engine.begin() as conn:
        update_athlete(conn, athlete_id, values)
    return athlete_settings(engine, athlete_id=athlete_id)


def _check_range(what: str, value: float | None, bounds: tuple[float, float]) -> None:
    if value is not None and not bounds[0] <= value <= bounds[1]:
        raise InvalidInput(
            f"a {what} of {value:g} bpm is not plausible",
            hint=f"between {bounds[0]:g} and {bounds[1]:g}",
        )
