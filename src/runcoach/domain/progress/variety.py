"""Variety: how spread out a runner's training is, in words a runner understands.

For each dimension (workout type, pace, surface, terrain, shoes, route) the runs are counted
per kind. Three numbers describe the spread:

- the share of the most common kind ("64 % of your runs were easy runs");
- the effective number of kinds, e^H with H the Shannon entropy of the shares (Hill 1973):
  "you ran as if on 2.3 equally used routes";
- evenness, H / ln(K), 0 when every run is the same, 1 when all K kinds are used equally
  (Pielou 1966); K is the number of kinds that exist (workout types, surfaces, terrain) or,
  for open lists (shoes, routes, paces), the number seen.

Runs without the tag are counted as untagged and left out of the shares.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from runcoach.domain.run.runs import Run, Streams, Surface, Terrain, WorkoutType
from runcoach.domain.units import Pace, UnitSystem, format_distance, format_duration

PACE_BAND_S = 15.0  # width of a pace band, s per km (or per mile): one training-pace step, 5-20
ROUTE_START_RADIUS_M = 250.0  # starts closer than this share a start point, m (GPS + parking)
ROUTE_DISTANCE_FRACTION = 0.10  # runs within 10 % of a route's distance run the same route
EARTH_RADIUS_M = 6_371_000.0  # mean Earth radius, m (IUGG)
MIN_RUNS_FOR_HEADLINE = 3  # fewer runs say nothing about habits
MIN_RUNS_FOR_HABIT = 2  # a route-and-pace pair run once is not a habit

LatLon = tuple[float, float]


@dataclass(frozen=True)
class Spread:
    dimension: str
    counts: dict[str, int]  # runs per kind, most common first
    untagged: int
    most_common: str | None
    most_common_share: float | None
    effective_kinds: float | None  # e^H (Hill number of order 1)
    evenness: float | None  # H / ln K, None when K < 2
    sentence: str


def spread(dimension: str, labels: Iterable[str | None], kinds: int | None = None) -> Spread:
    """The spread of ``labels`` (None = untagged); ``kinds`` = how many kinds exist."""
    values = list(labels)
    counts = Counter(v for v in values if v is not None)
    untagged = len(values) - sum(counts.values())
    ordered = dict(counts.most_common())
    total = sum(counts.values())
    if not total:
        return Spread(dimension, {}, untagged, None, None, None, None, f"no {dimension} recorded")
    entropy = -sum(n / total * math.log(n / total) for n in counts.values())
    k = kinds if kinds is not None else len(counts)
    top, top_n = next(iter(ordered.items()))
    share = top_n / total
    evenness = entropy / math.log(k) if k >= 2 else None
    sentence = f"{share:.0%} of runs with a {dimension}: {top}"
    return Spread(dimension, ordered, untagged, top, share, math.exp(entropy), evenness, sentence)


def pace_band(pace: Pace | None, system: UnitSystem) -> str | None:
    """The 15-second pace band of ``pace`` in the runner's unit: "5:00-5:15/km"."""
    if pace is None:
        return None
    imperial = system is UnitSystem.IMPERIAL
    seconds = pace.seconds_per_mile if imperial else pace.seconds_per_km
    return _band_label(math.floor(seconds / PACE_BAND_S) * PACE_BAND_S, imperial)


@lru_cache(maxsize=1024)
def _band_label(low: float, imperial: bool) -> str:
    unit = "/mi" if imperial else "/km"
    return f"{format_duration(low)}-{format_duration(low + PACE_BAND_S)}{unit}"


def distance_m(a: LatLon, b: LatLon) -> float:
    """Great-circle (haversine) distance between two points in degrees, metres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def start_of(streams: Streams | None) -> LatLon | None:
    """The first recorded position of a run's samples; None without GPS."""
    import numpy as np

    if streams is None or streams.latitude is None or streams.longitude is None:
        return None
    known = np.flatnonzero(np.isfinite(streams.latitude) & np.isfinite(streams.longitude))
    if not len(known):
        return None
    return float(streams.latitude[known[0]]), float(streams.longitude[known[0]])


@dataclass
class _Route:
    start: LatLon
    start_index: int
    distance_m: float


def route_labels(
    runs: Sequence[Run], starts: Mapping[int, LatLon], system: UnitSystem
) -> list[str | None]:
    """Label each run with its route: the same start point (within 250 m) and distance."""
    centres: list[LatLon] = []
    routes: list[_Route] = []
    labels: list[str | None] = []
    for run in runs:
        start = starts.get(run.id) if run.id is not None else None
        if start is None or not run.distance_m:
            labels.append(None)
            continue
        index = _nearest_or_new(centres, start)
        route = _matching_route(routes, index, run.distance_m)
        if route is None:
            route = _Route(start, index, run.distance_m)
            routes.append(route)
        place = f"start {index + 1}"
        labels.append(f"{format_distance(route.distance_m, system, 1)} from {place}")
    return labels


def _nearest_or_new(centres: list[LatLon], point: LatLon) -> int:
    for index, centre in enumerate(centres):
        if distance_m(centre, point) <= ROUTE_START_RADIUS_M:
            return index
    centres.append(point)
    return len(centres) - 1


def _matching_route(routes: list[_Route], start_index: int, metres: float) -> _Route | None:
    for route in routes:
        close = abs(metres - route.distance_m) <= ROUTE_DISTANCE_FRACTION * route.distance_m
        if route.start_index == start_index and close:
            return route
    return None


@dataclass(frozen=True)
class Variety:
    runs: int
    spreads: list[Spread]
    headline: str | None  # "82 % of your runs were on the same route at the same pace"


def _tag(value: object | None) -> str | None:
    return None if value is None else str(value)


def variety(
    runs: Sequence[Run],
    starts: Mapping[int, LatLon],
    system: UnitSystem = UnitSystem.METRIC,
    shoe_names: Mapping[int, str] | None = None,
) -> Variety:
    """Spread of workout types, paces, surfaces, terrain, shoes and routes over ``runs``."""
    names = shoe_names or {}
    routes = route_labels(runs, starts, system)
    paces = [pace_band(r.pace, system) for r in runs]
    shoes = [names.get(r.shoe_id, f"shoe {r.shoe_id}") if r.shoe_id else None for r in runs]
    spreads = [
        spread("workout type", [_tag(r.workout_type) for r in runs], len(WorkoutType)),
        spread("pace", paces),
        spread("surface", [_tag(r.surface) for r in runs], len(Surface)),
        spread("terrain", [_tag(r.terrain) for r in runs], len(Terrain)),
        spread("shoe", shoes),
        spread("route", routes),
    ]
    return Variety(len(runs), spreads, _headline(runs, routes, paces))


def _headline(runs: Sequence[Run], routes: list[str | None], paces: list[str | None]) -> str | None:
    """The biggest habit in one sentence: the most common route and pace together."""
    if len(runs) < MIN_RUNS_FOR_HEADLINE:
        return None
    if any(route is not None for route in routes):
        pairs = Counter(
            (route, pace) for route, pace in zip(routes, paces, strict=True) if route and pace
        )
        if pairs and pairs.most_common(1)[0][1] >= MIN_RUNS_FOR_HABIT:
            (route, pace), count = pairs.most_common(1)[0]
            where = f"on the same route ({route}) at the same pace ({pace})"
            return f"{count / len(runs):.0%} of your runs were {where}"
    same_pace = Counter(p for p in paces if p is not None)
    if not same_pace or same_pace.most_common(1)[0][1] < MIN_RUNS_FOR_HABIT:
        return None
    pace, count = same_pace.most_common(1)[0]
    return f"{count / len(runs):.0%} of your runs were at the same pace ({pace})"
