"""The training log as CSV: one row per run, for spreadsheets and other tools.

Numbers are plain numbers in fixed units (km, seconds, bpm, metres) so a spreadsheet can sum
them; times and paces are also given as h:mm:ss and m:ss for reading. Text the runner or a
file typed (names, notes, shoes, devices) is written so that a spreadsheet never runs it as a
formula: a cell starting with = + - @ or a tab gets a leading apostrophe (OWASP's advice on
CSV injection).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from runcoach.domain.days import zone
from runcoach.domain.errors import InvalidInput
from runcoach.domain.run.runs import Run
from runcoach.domain.units import METRES_PER_KM, METRES_PER_MILE, format_duration

COLUMNS = (
    "id", "date", "start_local", "timezone", "sport", "workout_type", "name",
    "distance_km", "distance_mi", "moving_time_s", "elapsed_time_s", "moving_time",
    "pace_per_km", "pace_per_mi", "avg_hr", "max_hr", "ascent_m", "descent_m",
    "avg_cadence_spm", "avg_power_w", "calories", "rpe", "feel", "surface", "terrain", "shoes",
    "race", "race_name", "race_official_time_s", "race_distance_km", "notes", "device", "source",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets read as a formula


@dataclass(frozen=True)
class LogRow:
    """A run with what the log knows beside it."""

    run: Run
    shoes: str | None = None


def write_log_csv(rows: Iterable[LogRow], out: TextIO) -> int:
    """Write the header and a row per run to ``out``; the number of runs written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(_cells(row))
        count += 1
    return count


def _cells(row: LogRow) -> list[Any]:
    run = row.run
    local = local_start(run)
    duration = run.duration_s
    race = run.race
    values: dict[str, Any] = {
        "id": run.id,
        "date": local.date().isoformat(),
        "start_local": local.strftime("%Y-%m-%d %H:%M:%S"),
        "timezone": run.timezone or "UTC",
        "sport": run.sport.value,
        "workout_type": _value(run.workout_type),
        "name": safe_text(run.name),
        "distance_km": _round(run.distance_m, METRES_PER_KM, 3),
        "distance_mi": _round(run.distance_m, METRES_PER_MILE, 3),
        "moving_time_s": _round(run.moving_s, 1, 1),
        "elapsed_time_s": _round(run.elapsed_s, 1, 1),
        "moving_time": "" if duration is None else format_duration(duration),
        "pace_per_km": _pace(run, METRES_PER_KM),
        "pace_per_mi": _pace(run, METRES_PER_MILE),
        **{k: _round(getattr(run, k), 1, 1) for k in _NUMBERS},
        "rpe": run.rpe,
        "feel": _value(run.feel),
        "surface": _value(run.surface),
        "terrain": _value(run.terrain),
        "shoes": safe_text(row.shoes),
        "race": "yes" if race is not None else "",
        "race_name": safe_text(race.name if race else None),
        "race_official_time_s": _round(race.official_time_s if race else None, 1, 1),
        "race_distance_km": _round(race.distance_m if race else None, METRES_PER_KM, 3),
        "notes": safe_text(run.notes),
        "device": safe_text(run.device),
        "source": run.source,
    }
    return ["" if values[c] is None else values[c] for c in COLUMNS]


_NUMBERS = (
    "avg_hr", "max_hr", "ascent_m", "descent_m", "avg_cadence_spm", "avg_power_w", "calories",
)  # fmt: skip


def safe_text(text: str | None) -> str:
    """Text a spreadsheet shows as text, never evaluates."""
    if not text:
        return ""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def local_start(run: Run) -> datetime:
    """When the run started, on the clock where it was run."""
    try:
        return run.start.astimezone(zone(run.timezone))
    except InvalidInput:  # an unknown zone name: the stored UTC time is still right
        return run.start


def _value(tag: Any) -> str:
    return "" if tag is None else str(tag.value)


def _round(value: float | None, per: float, digits: int) -> float | None:
    return None if value is None else round(value / per, digits)


def _pace(run: Run, per_m: float) -> str:
    pace = run.pace
    if pace is None or pace.seconds_per_km <= 0:
        return ""
    seconds = pace.seconds_per_km * per_m / METRES_PER_KM
    return format_duration(seconds)
