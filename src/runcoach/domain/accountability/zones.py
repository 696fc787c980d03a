"""Privacy zones and trimmed tracks: where a runner lives never leaves with a shared track.

A privacy zone is a circle around a place (home, work); every point of a shared track inside
one is hidden, as are the first and last metres of every shared track (Strava's "hide the
start and end", Garmin Connect's privacy zones). Pure: arrays in, a mask out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runcoach.domain.errors import InvalidInput

EARTH_RADIUS_M = 6_371_000.0  # mean Earth radius, m (IUGG)
# Radius of a privacy zone, m: Strava offers 200 m-1.6 km; below 100 m GPS noise alone
# (5-20 m, more among buildings) would put the door on the map.
MIN_ZONE_RADIUS_M = 100.0
MAX_ZONE_RADIUS_M = 5_000.0
DEFAULT_ZONE_RADIUS_M = 400.0  # m; a street block or two each way
# The start and end hidden from every shared track, m along the track (Strava's smallest
# "hide start/end" distance is 200 m); the runner may choose 0-2,000 m.
DEFAULT_TRIM_M = 200.0
MAX_TRIM_M = 2_000.0

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class PrivacyZone:
    """A circle inside which a shared track shows nothing."""

    name: str
    latitude: float
    longitude: float
    radius_m: float = DEFAULT_ZONE_RADIUS_M

    def __post_init__(self) -> None:
        check_zone(self.name, self.latitude, self.longitude, self.radius_m)


def check_zone(name: str, latitude: float, longitude: float, radius_m: float) -> None:
    if not name.strip():
        raise InvalidInput("a privacy zone needs a name", hint='e.g. "home" or "work"')
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise InvalidInput(f"{latitude}, {longitude} is not a place on Earth")
    if not MIN_ZONE_RADIUS_M <= radius_m <= MAX_ZONE_RADIUS_M:
        raise InvalidInput(
            f"a privacy zone's radius must be {MIN_ZONE_RADIUS_M:.0f}-{MAX_ZONE_RADIUS_M:.0f} m,"
            f" not {radius_m:.0f} m",
            hint="GPS is off by 5-20 m: a smaller circle would still show the door",
        )


def check_trim(trim_m: float) -> None:
    if not 0 <= trim_m <= MAX_TRIM_M:
        raise InvalidInput(
            f"the start and end hidden must be 0-{MAX_TRIM_M:.0f} m, not {trim_m:.0f}"
        )


def metres_between(
    lat1: FloatArray | float, lon1: FloatArray | float, lat2: float, lon2: float
) -> FloatArray:
    """Haversine distance from each point to one place, m (NaN where a point is missing)."""
    p1, p2 = np.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, np.radians(lon2) - np.radians(lon1)
    h = np.sin(dlat / 2) ** 2 + np.cos(p1) * math.cos(p2) * np.sin(dlon / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0, 1))), dtype=float)


def in_zones(
    latitude: FloatArray, longitude: FloatArray, zones: Sequence[PrivacyZone]
) -> BoolArray:
    """True for each point inside any zone."""
    inside = np.zeros(len(latitude), dtype=bool)
    for zone in zones:
        near = metres_between(latitude, longitude, zone.latitude, zone.longitude)
        inside |= np.nan_to_num(near, nan=np.inf) <= zone.radius_m
    return inside


def along_track(latitude: FloatArray, longitude: FloatArray) -> FloatArray:
    """Cumulative distance along the points with a position, m (a point without one keeps
    the distance of the last that had one)."""
    lat = np.asarray(latitude, dtype=float)
    lon = np.asarray(longitude, dtype=float)
    known = np.isfinite(lat) & np.isfinite(lon)
    steps = np.zeros(len(lat))
    index = np.flatnonzero(known)
    if len(index) > 1:
        steps[index[1:]] = _pairwise(lat[index], lon[index])
    return np.cumsum(steps)


def _pairwise(lat: FloatArray, lon: FloatArray) -> FloatArray:
    p1, p2 = np.radians(lat[:-1]), np.radians(lat[1:])
    dlat, dlon = p2 - p1, np.radians(lon[1:]) - np.radians(lon[:-1])
    h = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0, 1))), dtype=float)


def trimmed_ends(latitude: FloatArray, longitude: FloatArray, trim_m: float) -> BoolArray:
    """True for each point within ``trim_m`` of the track's start or end, along the track.
    Points without a position count as hidden too (there is nothing of them to show)."""
    lat = np.asarray(latitude, dtype=float)
    lon = np.asarray(longitude, dtype=float)
    known = np.isfinite(lat) & np.isfinite(lon)
    if not known.any():
        return np.ones(len(lat), dtype=bool)
    if trim_m <= 0:
        return np.asarray(~known, dtype=bool)
    along = along_track(lat, lon)
    total = along[np.flatnonzero(known)[-1]]
    return np.asarray(~known | (along <= trim_m) | (along >= total - trim_m), dtype=bool)


def hidden_points(
    latitude: FloatArray,
    longitude: FloatArray,
    zones: Sequence[PrivacyZone],
    trim_m: float = DEFAULT_TRIM_M,
) -> BoolArray:
    """True for each point another person may not see: in a zone, or in the trimmed ends."""
    lat = np.asarray(latitude, dtype=float)
    lon = np.asarray(longitude, dtype=float)
    return in_zones(lat, lon, zones) | trimmed_ends(lat, lon, trim_m)


def blank_hidden(
    latitude: FloatArray, longitude: FloatArray, hidden: BoolArray
) -> tuple[FloatArray, FloatArray]:
    """The positions with every hidden point set to NaN (the samples keep their times, so a
    chart of pace or heart rate still lines up; only the place is gone)."""
    lat = np.where(hidden, np.nan, np.asarray(latitude, dtype=float))
    lon = np.where(hidden, np.nan, np.asarray(longitude, dtype=float))
    return lat, lon


# Where runs start and end, gathered: the places a runner may want a zone around (home, work).
END_CLUSTER_M = 300.0  # m; starts within a street block or two are one place (GPS: 5-20 m)


@dataclass(frozen=True)
class PlaceCluster:
    latitude: float
    longitude: float
    count: int  # the starts and ends gathered here


def cluster_places(
    points: Sequence[tuple[float, float]], within_m: float = END_CLUSTER_M
) -> list[PlaceCluster]:
    """Gather points within ``within_m`` of a group's first point into one place (its mean),
    most points first: greedy, in the order given, which is enough for tens of runs."""
    groups: list[list[tuple[float, float]]] = []
    for lat, lon in points:
        for group in groups:
            if float(metres_between(lat, lon, group[0][0], group[0][1])) <= within_m:
                group.append((lat, lon))
                break
        else:
            groups.append([(lat, lon)])
    found = [
        PlaceCluster(sum(p[0] for p in g) / len(g), sum(p[1] for p in g) / len(g), len(g))
        for g in groups
    ]
    return sorted(found, key=lambda c: -c.count)
