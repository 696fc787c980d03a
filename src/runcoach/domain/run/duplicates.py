"""The duplicate-run rules: when two files hold the same activity (so a run is never stored
twice), whose numbers the run keeps, and what an export's index may add to a stored run.

A watch's FIT, the GPX that Strava exports of it and the TCX of Garmin Connect are one run.
They start seconds to a minute apart (a GPX starts at its first point, a FIT at the session's
start), cover the same time, and measure nearly the same distance (GPS against a foot pod).
The import checks a new run against the runs stored near its start, inside the transaction
that stores it (``services/importing.py``), so that concurrent imports store it once. The
service only fetches the candidates (the runs near the start, the stored copy's richness);
the rules here decide, over typed values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from runcoach.domain.run.runs import Run, Sport

SAME_START_S = 300.0  # s; two files starting this close may hold the same activity (GPX
# exports start at the first point, FIT at the session start: seconds to a minute apart)
MIN_OVERLAP = 0.5  # fraction of the shorter activity's time both files cover, 0-1
SAME_DISTANCE = 0.15  # fraction; distances of the same run differ less (GPS vs foot pod)
SAME_START_CLOSE_S = 60.0  # s; starts this close with overlapping times are the same
# activity whatever the distances say (a GPX's distance from points vs the device's wheel)
NO_DURATION_SAME_START_S = 60.0  # s; without times to compare, starts this close are one
# activity
MANUAL_SOURCE = "manual"  # a run the runner entered: never merged with a file's
FORMAT_RICHNESS = {"fit": 3, "tcx": 2, "gpx": 1}  # rank of a format's numbers for one run:
# a device's FIT holds every stream and lap, a TCX laps and a few streams, a GPX points only


@dataclass(frozen=True, order=True)
class Richness:
    """How much a copy of a run holds, compared field by field: the format's rank first, then
    its sample streams, then its laps. The richer copy's numbers are the run's."""

    format_rank: int
    streams: int
    laps: int


def richness(source: str, streams: int, laps: int) -> Richness:
    """The richness of a copy from ``source`` (a format's suffix, or "manual")."""
    return Richness(FORMAT_RICHNESS.get(source.lstrip(".").lower(), 0), streams, laps)


def keeps_new_numbers(new: Richness, stored: Richness) -> bool:
    """Whether a new copy of a stored run replaces its numbers: only a strictly richer one
    (the same file again, or a poorer export of it, changes nothing)."""
    return new > stored


@dataclass(frozen=True)
class Filled:
    """What an export's index adds to a stored run: only what the run lacks."""

    name: str | None = None
    notes: str | None = None
    gear: str | None = None  # the pair's name: the service finds or adds the pair

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.name, self.notes, self.gear))


def filled_from_index(
    stored: Run, name: str | None, description: str | None, gear: str | None
) -> Filled:
    """The index's name, description and shoes where the stored run has none (never an
    overwrite); shoes only for a running sport."""
    return Filled(
        name=name if name and not stored.name else None,
        notes=description if description and not stored.notes else None,
        gear=gear if gear and stored.shoe_id is None and stored.sport.is_run else None,
    )


def same_family(sport: Sport, run: Run) -> bool:
    """Both running sports (a track run and a road run's file), or the very same other sport."""
    running = run.sport.is_run
    return sport.is_run == running and (running or sport is run.sport)


def is_same_activity(stored: Run, new: Run) -> bool:
    """Whether ``new`` (from a file) is the activity ``stored`` already holds."""
    if stored.source == MANUAL_SOURCE or not same_family(stored.sport, new):
        return False
    if overlap(stored, new) < MIN_OVERLAP:
        return False
    close = abs(_seconds_between(stored.start, new.start)) <= SAME_START_CLOSE_S
    return close or similar_distance(stored.distance_m, new.distance_m)


def first_same_activity(stored: Iterable[Run], new: Run) -> Run | None:
    """The first of ``stored`` that is the activity ``new`` holds, if any."""
    return next((run for run in stored if is_same_activity(run, new)), None)


def overlap(stored: Run, new: Run) -> float:
    """The share of the shorter activity's time that both cover, 0-1."""
    stored_s = stored.elapsed_s or stored.moving_s or 0.0
    new_s = new.elapsed_s or new.moving_s or 0.0
    if stored_s <= 0 or new_s <= 0:
        close = abs(_seconds_between(stored.start, new.start)) < NO_DURATION_SAME_START_S
        return 1.0 if close else 0.0
    begin = max(stored.start.timestamp(), new.start.timestamp())
    end = min(stored.start.timestamp() + stored_s, new.start.timestamp() + new_s)
    return max(0.0, end - begin) / min(stored_s, new_s)


def similar_distance(stored_m: float | None, new_m: float | None) -> bool:
    """Distances within ``SAME_DISTANCE`` of each other (or one of them unknown)."""
    if not stored_m or not new_m:
        return True
    return abs(stored_m - new_m) <= SAME_DISTANCE * max(stored_m, new_m)


def _seconds_between(first: datetime, second: datetime) -> float:
    return (first - second).total_seconds()
