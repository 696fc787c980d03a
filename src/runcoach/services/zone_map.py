"""What the Privacy page's zones map draws for the runner alone: their own recent tracks and
the places their runs start and end (gathered), so that a zone can be placed by a click on
a plain background, without a tile server. Never shown to anyone else."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine

from runcoach.domain.accountability.zones import PlaceCluster, cluster_places
from runcoach.domain.run.runs import Streams
from runcoach.store import runs as run_store

TRACK_RUNS = 30  # the latest runs with GPS drawn
TRACK_POINTS = 120  # points kept per track: the shape, not the detail
COORDINATE_DIGITS = 5  # 1e-5 degrees: about a metre


@dataclass(frozen=True)
class ZoneMap:
    tracks: list[list[tuple[float, float]]]  # (latitude, longitude) points, newest run first
    places: list[PlaceCluster]  # where runs start and end, most first


def zone_map(engine: Engine, *, athlete_id: int) -> ZoneMap:
    with engine.connect() as conn:
        ids = run_store.ids_with_samples(conn, athlete_id)[-TRACK_RUNS:]
        tracks = [_track(run_store.streams_of(conn, run_id)) for run_id in reversed(ids)]
    drawn = [t for t in tracks if t]
    ends = [point for t in drawn for point in (t[0], t[-1])]
    return ZoneMap(drawn, cluster_places(ends))


def _track(streams: Streams | None) -> list[tuple[float, float]]:
    if streams is None or streams.latitude is None or streams.longitude is None:
        return []
    lat = np.asarray(streams.latitude, dtype=float)
    lon = np.asarray(streams.longitude, dtype=float)
    valid = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    if valid.size == 0:
        return []
    picked = valid[
        np.unique(np.linspace(0, valid.size - 1, min(TRACK_POINTS, valid.size)).astype(int))
    ]
    return [(round(float(lat[i]), COORDINATE_DIGITS), round(float(lon[i]), COORDINATE_DIGITS))
            for i in picked]  # fmt: skip
