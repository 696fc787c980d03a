"""A run's original file and its samples for charts and a map (the web's run page)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import PurePosixPath

import numpy as np
from sqlalchemy import Engine

from runcoach.domain.errors import NotFound
from runcoach.domain.run.runs import Streams
from runcoach.services.page_cache import AnswerKey, keep, recall
from runcoach.store import runs as run_store
from runcoach.store.athletes import data_version
from runcoach.store.db import read_only
from runcoach.store.source_files import original_bytes, sources_of

CHART_POINTS = 1200  # samples sent for a chart: more than a phone's or a laptop's pixels
PACE_WINDOW_S = 30.0  # s; pace is smoothed over this much time (GPS jitter, Garmin's 30 s)
SLOWEST_PACE_S_PER_KM = 1200.0  # s/km; slower than 20 min/km is a stop, not a pace
MEDIA_TYPES = {"fit": "application/vnd.ant.fit", "gpx": "application/gpx+xml",
               "tcx": "application/vnd.garmin.tcx+xml"}  # fmt: skip


CHART_COLUMNS = ("time_s", "distance_m", "latitude", "longitude", "altitude_m", "heart_rate",
                 "cadence_spm", "pace_s_per_km")  # fmt: skip


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity (a kept answer is one object)
class ChartSamples:
    """A run's samples as its charts and map draw them: every column of ``CHART_COLUMNS``
    at the same samples (None: the device did not record it; a None value: a gap). Kept
    answers are shared between requests: never changed."""

    recorded: int  # how many samples the device recorded
    method: str  # "m4": thinned by ``chart_indices``; "all": every sample
    columns: dict[str, list[float | None] | None]

    @property
    def points(self) -> int:
        """How many samples are given."""
        return next((len(v) for v in self.columns.values() if v is not None), 0)


@dataclass(frozen=True)
class OriginalFile:
    name: str
    media_type: str
    data: bytes


def original_file(engine: Engine, run_id: int, *, athlete_id: int) -> OriginalFile:
    """The file the run's numbers come from, byte for byte as it was imported."""
    with read_only(engine) as conn:
        run_store.get_row(conn, athlete_id, run_id)  # NotFound for another athlete's run
        sources = sources_of(conn, run_id)
        if not sources:
            raise NotFound(f"run {run_id} was entered by hand: it has no file")
        data = original_bytes(conn, sources[0].id)
    name = PurePosixPath(str(sources[0].name).replace("!", "/")).name
    return OriginalFile(name, MEDIA_TYPES.get(sources[0].format, "application/octet-stream"), data)


def run_samples(
    engine: Engine, run_id: int, *, athlete_id: int, full: bool = False
) -> ChartSamples:
    """The run's samples for charts and a map: time, distance, the track, pace, heart rate,
    altitude and cadence.

    A long run is thinned to at most ``CHART_POINTS`` by ``chart_indices`` (each chart's
    highs and lows kept), and that answer is kept per data version (a run's samples change
    only with its row); ``full`` gives every sample (the data behind the charts, to
    download)."""
    with read_only(engine) as conn:
        key = AnswerKey("chart samples", data_version(conn, athlete_id),
                        (str(engine.url), run_id))  # fmt: skip
        kept: ChartSamples | None = None if full else recall(conn, key, athlete_id=athlete_id)
        if kept is not None:
            return kept
        run_store.get_row(conn, athlete_id, run_id)  # NotFound for another athlete's run
        streams = run_store.streams_of(conn, run_id)
    found = chart_samples(streams, full)
    if not full:
        keep(engine, key, found, athlete_id=athlete_id)
    return found


def chart_samples(streams: Streams | None, full: bool = False) -> ChartSamples:
    """Samples thinned for charts and a map (the same for the owner and, with what they may
    not see taken out by services.sharing, for someone else)."""
    if streams is None or len(streams) == 0:
        return ChartSamples(0, "all", dict.fromkeys(CHART_COLUMNS))
    columns = {
        "time_s": streams.time_s,
        "distance_m": streams.distance_m,
        "latitude": streams.latitude,
        "longitude": streams.longitude,
        "altitude_m": streams.altitude_m,
        "heart_rate": streams.heart_rate,
        "cadence_spm": streams.cadence_spm,
        "pace_s_per_km": _pace(streams),
    }
    count = len(streams)
    if full or count <= CHART_POINTS:
        keep, method = np.arange(count), "all"
    else:
        shown = [v for name, v in columns.items() if name not in ("time_s", "distance_m")]
        keep, method = chart_indices(count, [v for v in shown if v is not None]), "m4"
    return ChartSamples(
        count, method, {name: _listed(values, keep) for name, values in columns.items()}
    )


def chart_indices(count: int, series: list[np.ndarray], budget: int = CHART_POINTS) -> np.ndarray:
    """Which samples a chart keeps, at most ``budget``: M4 aggregation (Jugel et al.,
    "M4: a visualization-oriented time series data aggregation", VLDB 2014) shared by the
    charts. The samples are cut into equal buckets; of each bucket the first and the last
    sample are kept, and for every series the sample with its lowest and its highest value.
    Every peak and dip of every chart (and the track's extreme points) survives, which
    keeping every n-th sample does not promise; the charts share one set of samples, so the
    answer keeps one time and distance axis for all of them."""
    if count <= budget:
        return np.arange(count)
    buckets = max(1, budget // (2 + 2 * len(series)))
    edges = np.linspace(0, count, buckets + 1).round().astype(int)
    keep = [edges[:-1], edges[1:] - 1]
    for values in series:
        finite = np.isfinite(np.asarray(values, dtype=float))
        low = np.where(finite, values, np.inf)
        high = np.where(finite, values, -np.inf)
        for first, end in itertools.pairwise(edges):
            if finite[first:end].any():
                keep.append(np.array([first + np.argmin(low[first:end]),
                                      first + np.argmax(high[first:end])]))  # fmt: skip
    return np.unique(np.concatenate(keep))


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
