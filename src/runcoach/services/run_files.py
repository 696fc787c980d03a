"""A run's original file and its samples for charts and a map (the web's run page)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import numpy as np
from sqlalchemy import Engine

from runcoach.domain.errors import NotFound
from runcoach.domain.run.runs import Streams
from runcoach.store import runs as run_store
from runcoach.store.source_files import original_bytes, sources_of

CHART_POINTS = 1200  # samples sent for a chart: more than a phone's or a laptop's pixels
PACE_WINDOW_S = 30.0  # s; pace is smoothed over this much time (GPS jitter, Garmin's 30 s)
SLOWEST_PACE_S_PER_KM = 1200.0  # s/km; slower than 20 min/km is a stop, not a pace
MEDIA_TYPES = {"fit": "application/vnd.ant.fit", "gpx": "application/gpx+xml",
               "tcx": "application/vnd.garmin.tcx+xml"}  # fmt: skip


@dataclass(frozen=True)
class OriginalFile:
    name: str
    media_type: str
    data: bytes


def original_file(engine: Engine, run_id: int, *, athlete_id: int) -> OriginalFile:
    """The file the run's numbers come from, byte for byte as it was imported."""
    with engine.connect() as conn:
        run_store.get_row(conn, athlete_id, run_id)  # NotFound for another athlete's run
        sources = sources_of(conn, run_id)
        if not sources:
            raise NotFound(f"run {run_id} was entered by hand: it has no file")
        data = original_bytes(conn, sources[0].id)
    name = PurePosixPath(str(sources[0].name).replace("!", "/")).name
    return OriginalFile(name, MEDIA_TYPES.get(sources[0].format, "application/octet-stream"), data)


def run_samples(engine: Engine, run_id: int, *, athlete_id: int) -> dict[str, Any]:
    """The run's samples thinned to ``CHART_POINTS``: time, distance, the track, pace, heart
    rate, altitude and cadence; a stream the device did not record is null."""
    with engine.connect() as conn:
        run_store.get_row(conn, athlete_id, run_id)
        streams = run_store.streams_of(conn, run_id)
    return samples_json(streams)


def samples_json(streams: Streams | None) -> dict[str, Any]:
    """Samples thinned for charts and a map (the same shape for the owner and, made by
    services.sharing with what they may not see taken out, for someone else)."""
    if streams is None or len(streams) == 0:
        return {"points": 0}
    keep = _thinned(len(streams))
    return {
        "points": len(keep),
        "time_s": _listed(streams.time_s, keep),
        "distance_m": _listed(streams.distance_m, keep),
        "latitude": _listed(streams.latitude, keep),
        "longitude": _listed(streams.longitude, keep),
        "altitude_m": _listed(streams.altitude_m, keep),
        "heart_rate": _listed(streams.heart_rate, keep),
        "cadence_spm": _listed(streams.cadence_spm, keep),
        "pace_s_per_km": _listed(_pace(streams), keep),
    }


def _thinned(count: int) -> np.ndarray:
    if count <= CHART_POINTS:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, CHART_POINTS).round().astype(int))


def _listed(values: np.ndarray | None, keep: np.ndarray) -> list[float | None] | None:
    if values is None:
        return None
    picked = np.asarray(values, dtype=float)[keep]
    return [None if not np.isfinite(v) else round(float(v), 6) for v in picked]


def _pace(streams: Streams) -> np.ndarray | None:
    """Seconds per km over the last ``PACE_WINDOW_S``, from distance and time."""
    if streams.distance_m is None:
        return None
    time_s = np.asarray(streams.time_s, dtype=float)
    distance = np.asarray(streams.distance_m, dtype=float)
    start = np.searchsorted(time_s, time_s - PACE_WINDOW_S)
    dt = time_s - time_s[start]
    dd = distance - distance[start]
    with np.errstate(divide="ignore", invalid="ignore"):
        pace = np.where(dd > 0, dt / dd * 1000.0, np.nan)
    pace[pace > SLOWEST_PACE_S_PER_KM] = np.nan
    return pace
