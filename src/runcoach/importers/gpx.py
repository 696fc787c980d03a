"""GPX reader (GPX 1.0 and 1.1, Garmin/Strava/Cluetrust extensions): one run per timed track.

Read with the safe lxml parser of ``xmlfiles`` rather than gpxpy: gpxpy drops the heart-rate
extensions of files that declare GPX 1.0, and every extension we need (hr, cad, power, speed,
under any namespace prefix or none) is a child element found by local name.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from runcoach.domain.errors import NotAnActivity, UnsupportedFile
from runcoach.domain.run.runs import FOOT_SPORTS, Run, Streams
from runcoach.importers import register, tracks, xmlfiles
from runcoach.importers.sports import named_sport
from runcoach.importers.xmlfiles import Element, local

# Extension element names (local, lower-cased) per stream, as devices and apps write them.
_EXTENSIONS = {
    "heart_rate": {"hr", "heartrate", "heart_rate"},
    "cadence": {"cad", "cadence", "runcadence"},
    "power": {"power", "watts", "powerinwatts"},
    "speed": {"speed"},
}

_STREAM_OF = {name: stream for stream, names in _EXTENSIONS.items() for name in names} | {
    "time": "time",
    "ele": "ele",
}
_stream_of = xmlfiles.TagLookup(_STREAM_OF)
NO_TIME = float("nan")  # a point's time that is missing or unreadable


@register(".gpx")
def read_gpx(data: bytes) -> list[Run]:
    """The run in a GPX file: its tracks in time order (a device starts a new track after a
    signal loss or a pause, so the tracks of one file are one outing)."""
    root, points = xmlfiles.parse_points(data, "GPX", "trkpt", _point, 4 + len(_EXTENSIONS))
    if local(root.tag) != "gpx":
        raise UnsupportedFile(f"not a GPX file: the document is <{local(root.tag)}>, not <gpx>")
    found = list(xmlfiles.children(root, "trk"))
    if not found:
        raise NotAnActivity(_what_instead(root))
    rows = points.under(s for track in found for s in xmlfiles.children(track, "trkseg"))
    timed = rows[np.isfinite(rows[:, 0])]
    timed = timed[np.argsort(timed[:, 0], kind="stable")]
    if not len(timed):
        raise NotAnActivity(
            "a track with no valid timestamps (a route, or a device whose clock was not set)",
            hint="export the activity itself (with times) from the watch or app",
        )
    if len(timed) < 2 or timed[-1][0] == timed[0][0]:
        raise NotAnActivity(
            "a track with a single timed point: no time passes in it"
            if len(timed) < 2
            else f"a track whose {len(timed)} timed points all have the same time",
            hint="export the whole activity from the watch or app",
        )
    run = _run(timed, found[0], root)
    if len(timed) < len(rows):
        run.warnings.append(f"{len(rows) - len(timed)} track points without a valid time left out")
    return [tracks.fill_from_streams(run)]


def _what_instead(root: Element) -> str:
    if next(xmlfiles.children(root, "rte"), None) is not None:
        return "a route (a path to follow), not a recorded activity"
    if next(xmlfiles.children(root, "wpt"), None) is not None:
        return "waypoints only, not a recorded activity"
    return "an empty GPX file: no track in it"


def _run(timed: np.ndarray, track: Element, root: Element) -> Run:
    start = float(timed[0, 0])
    sport = named_sport(xmlfiles.text(track, "type"))
    streams = _streams(timed[:, 0] - start, timed[:, 1:].T, sport in FOOT_SPORTS)
    return Run(
        start=datetime.fromtimestamp(start, tz=UTC),
        sport=sport,
        name=xmlfiles.text(track, "name") or xmlfiles.text(root, "metadata", "name"),
        streams=streams,
        source="gpx",
    )


def _point(point: Element) -> tuple[float, ...]:
    values: dict[str, str] = {}
    for element in point.iter():
        name = _stream_of(element.tag)
        if name is not None and name not in values and element.text:
            values[name] = element.text
    time = xmlfiles.timestamp(values.get("time"))
    return (
        NO_TIME if time is None else time,
        xmlfiles.number(point.get("lat")),
        xmlfiles.number(point.get("lon")),
        xmlfiles.number(values.get("ele")),
        *(xmlfiles.number(values.get(stream)) for stream in _EXTENSIONS),
    )


def _streams(time_s: np.ndarray, columns: np.ndarray, foot: bool) -> Streams:
    latitude, longitude, altitude, heart, cadence, power, speed = columns
    valid = np.isfinite(latitude) & np.isfinite(longitude)
    latitude = np.where(valid, latitude, np.nan)
    longitude = np.where(valid, longitude, np.nan)
    has_gps = bool(valid.any())
    return Streams(
        time_s=time_s.astype(np.float64),
        distance_m=tracks.cumulative_distance_m(latitude, longitude) if has_gps else None,
        latitude=latitude if has_gps else None,
        longitude=longitude if has_gps else None,
        altitude_m=tracks.recorded(altitude),
        heart_rate=tracks.heart_rate(heart),
        cadence_spm=tracks.steps_per_minute(cadence, foot),
        power_w=tracks.recorded(power),
        speed_m_s=tracks.recorded(speed),
    )
