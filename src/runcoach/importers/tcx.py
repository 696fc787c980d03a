"""TCX reader (Garmin Training Center v2, as Garmin Connect, Polar, Strava, MapMyRide write it).

One run per <Activity>. Read with the safe lxml parser of ``xmlfiles`` rather than tcxreader:
tcxreader skips track points without a position by default (a treadmill run would lose its
samples) and does not keep a lap's intensity; every field we need is one lookup by local name.
Lap totals from the device (time, distance, calories) win over sums of the samples.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from runcoach.domain.errors import NotAnActivity, UnsupportedFile
from runcoach.domain.run.runs import FOOT_SPORTS, Lap, Run, Sport, Streams
from runcoach.importers import register, tracks, xmlfiles
from runcoach.importers.sports import named_sport
from runcoach.importers.xmlfiles import Element, local

# Trackpoint elements (local names, lower-cased) -> column; "value" is HeartRateBpm/Value.
_POINT_TAGS = {
    "time": "time", "latitudedegrees": "lat", "longitudedegrees": "lon",
    "altitudemeters": "alt", "distancemeters": "dist", "value": "hr", "cadence": "cad",
    "runcadence": "cad", "watts": "power", "speed": "speed",
}  # fmt: skip
_COLUMNS = ("lat", "lon", "alt", "dist", "hr", "cad", "power", "speed")
_FIELDS = ("time", *_COLUMNS)  # a point's row: its time, then the columns
_field_of = xmlfiles.TagLookup({tag: _FIELDS.index(name) for tag, name in _POINT_TAGS.items()})
NO_TIME = float("nan")  # a point's time that is missing or unreadable
_NAN = float("nan")


@register(".tcx")
def read_tcx(data: bytes) -> list[Run]:
    """The runs in a TCX file, one per activity."""
    root, points = xmlfiles.parse_points(data, "TCX", "Trackpoint", _point, 1 + len(_COLUMNS))
    if local(root.tag) != "TrainingCenterDatabase":
        raise UnsupportedFile(f"not a TCX file: the document is <{local(root.tag)}>")
    activities = [a for folder in xmlfiles.children(root, "Activities") for a in folder]
    activities = [a for a in activities if local(a.tag) == "Activity"]
    if not activities:
        raise NotAnActivity(_what_instead(root))
    runs = [run for a in activities if (run := _activity_run(a, points)) is not None]
    if not runs:
        raise NotAnActivity("an activity with no timestamps: nothing says when it happened")
    return runs


def _what_instead(root: Element) -> str:
    if xmlfiles.child(root, "Courses") is not None:
        return "a course (a route to follow), not a recorded activity"
    if xmlfiles.child(root, "Workouts") is not None:
        return "a workout (a session to do, not one done)"
    return "an empty TCX file: no activity in it"


def _activity_run(activity: Element, points: xmlfiles.Points) -> Run | None:
    laps = list(xmlfiles.children(activity, "Lap"))
    start = xmlfiles.timestamp(xmlfiles.text(activity, "Id"))
    if laps:
        start = xmlfiles.timestamp(laps[0].get("StartTime")) or start
    times, columns = _samples(laps, points)
    if start is None and len(times):
        start = float(times[0])
    if start is None:
        return None
    sport = named_sport(activity.get("Sport"), default=Sport.RUNNING)
    foot = sport in FOOT_SPORTS
    run = Run(
        start=datetime.fromtimestamp(start, tz=UTC),
        sport=sport,
        moving_s=_lap_sum(laps, "TotalTimeSeconds"),
        distance_m=_lap_sum(laps, "DistanceMeters"),
        calories=_lap_sum(laps, "Calories"),
        device=_device(activity),
        laps=[_lap(lap, foot) for lap in laps if lap.get("StartTime")],
        streams=_streams(times - start, columns, foot) if len(times) else None,
        source="tcx",
    )
    if run.streams is not None and len(run.streams):
        run.elapsed_s = float(run.streams.time_s[-1])
    return tracks.fill_from_streams(run)


def _samples(laps: list[Element], points: xmlfiles.Points) -> tuple[np.ndarray, np.ndarray]:
    rows = points.under(t for lap in laps for t in xmlfiles.children(lap, "Track"))
    timed = rows[np.isfinite(rows[:, 0])]
    timed = timed[np.argsort(timed[:, 0], kind="stable")]
    if not len(timed):
        return np.array([]), np.empty((len(_COLUMNS), 0))
    return timed[:, 0], timed[:, 1:].T


def _point(point: Element) -> list[float]:
    """A point's row (see ``_FIELDS``): the first element of each field with text wins.
    (Run once per point: the lookups are inlined, ``xmlfiles.number`` is its ``float``.)"""
    row = [_NAN] * len(_FIELDS)
    taken = 0  # bit i: field i had its element already
    seen = _field_of.seen
    for element in point.iter():
        tag = element.tag
        field = seen[tag] if tag in seen else _field_of(tag)
        if field is None or taken >> field & 1:
            continue
        value = element.text
        if not value:
            continue
        taken |= 1 << field
        if field:
            try:
                row[field] = float(value)
            except ValueError:
                row[field] = _NAN  # as xmlfiles.number
        else:
            time = xmlfiles.timestamp(value)
            row[0] = NO_TIME if time is None else time
    return row


def _streams(time_s: np.ndarray, columns: np.ndarray, foot: bool) -> Streams:
    latitude, longitude, altitude, distance, heart, cadence, power, speed = columns
    has_gps = bool((np.isfinite(latitude) & np.isfinite(longitude)).any())
    distance_m = tracks.recorded(distance)
    if distance_m is None and has_gps:
        distance_m = tracks.cumulative_distance_m(latitude, longitude)
    return Streams(
        time_s=time_s,
        distance_m=distance_m,
        latitude=latitude if has_gps else None,
        longitude=longitude if has_gps else None,
        altitude_m=tracks.recorded(altitude),
        heart_rate=tracks.heart_rate(heart),
        cadence_spm=tracks.steps_per_minute(cadence, foot),
        power_w=tracks.recorded(power),
        speed_m_s=tracks.recorded(speed),
    )


def _lap(lap: Element, foot: bool) -> Lap:
    cadence = xmlfiles.number(xmlfiles.text(lap, "Cadence"))
    return Lap(
        start=datetime.fromtimestamp(xmlfiles.timestamp(lap.get("StartTime")) or 0.0, tz=UTC),
        elapsed_s=_finite(xmlfiles.number(xmlfiles.text(lap, "TotalTimeSeconds"))) or 0.0,
        distance_m=_finite(xmlfiles.number(xmlfiles.text(lap, "DistanceMeters"))),
        avg_hr=_finite(xmlfiles.number(xmlfiles.text(lap, "AverageHeartRateBpm", "Value"))),
        max_hr=_finite(xmlfiles.number(xmlfiles.text(lap, "MaximumHeartRateBpm", "Value"))),
        avg_cadence_spm=_finite(cadence * 2 if foot else cadence),
        intensity=(xmlfiles.text(lap, "Intensity") or "").lower() or None,
    )


def _lap_sum(laps: list[Element], name: str) -> float | None:
    values = [xmlfiles.number(xmlfiles.text(lap, name)) for lap in laps]
    finite = [v for v in values if np.isfinite(v)]
    return float(sum(finite)) if finite and sum(finite) > 0 else None


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def _device(activity: Element) -> str | None:
    name = xmlfiles.text(activity, "Creator", "Name")
    return name.lower() if name else None
