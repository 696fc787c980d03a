"""Rules every analysis keeps, whatever the run: checked on random runs (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcoach.domain.run.efforts import analyse_streams, best_efforts, splits
from runcoach.domain.run.runs import Streams
from runcoach.domain.units import METRES_PER_KM, METRES_PER_MILE

from .streams_builder import Pause, Segment, build_streams

segments = st.lists(
    st.one_of(
        st.builds(
            Segment,
            distance_m=st.floats(50, 3_000),
            pace_s_per_km=st.floats(170, 600),
            climb_m=st.floats(-40, 40),
            heart_rate=st.one_of(st.none(), st.floats(90, 195)),
        ),
        st.builds(Pause, duration_s=st.floats(1, 300)),
    ),
    min_size=1,
    max_size=12,
).filter(lambda parts: any(isinstance(p, Segment) for p in parts))

sample_rates = st.sampled_from([1.0, 0.5, 1 / 3, 1 / 7])


def _run(parts, hz) -> Streams:
    return build_streams(*parts, hz=hz)


@settings(max_examples=60, deadline=None)
@given(segments, sample_rates, st.sampled_from([METRES_PER_KM, METRES_PER_MILE]))
def test_splits_add_up_to_the_whole_run(parts, hz, unit_m):
    streams = _run(parts, hz)
    result = splits(streams, unit_m)
    assert sum(s.distance_m for s in result) == pytest.approx(streams.distance_m[-1])
    assert sum(s.elapsed_s for s in result) == pytest.approx(streams.time_s[-1])
    assert all(s.moving_s <= s.elapsed_s + 1e-6 for s in result)
    assert all(not s.is_partial for s in result[:-1])


@settings(max_examples=60, deadline=None)
@given(segments, sample_rates)
def test_mile_and_km_splits_agree_on_the_run(parts, hz):
    analysis = analyse_streams(_run(parts, hz))
    km_time = sum(s.elapsed_s for s in analysis.splits_km)
    mile_time = sum(s.elapsed_s for s in analysis.splits_mile)
    assert km_time == pytest.approx(mile_time)
    km_moving = sum(s.moving_s for s in analysis.splits_km)
    assert km_moving == pytest.approx(sum(s.moving_s for s in analysis.splits_mile))
    # the first 5 miles hold 8 whole km: their times agree within the 9th km's share
    km_at = np.cumsum([0] + [s.elapsed_s for s in analysis.splits_km])
    mile_at = np.cumsum([0] + [s.elapsed_s for s in analysis.splits_mile])
    if len(analysis.splits_mile) > 5 and len(analysis.splits_km) > 9:
        assert km_at[8] <= mile_at[5] <= km_at[9]


@settings(max_examples=60, deadline=None)
@given(segments, sample_rates)
def test_a_shorter_best_effort_never_takes_longer_than_a_longer_one(parts, hz):
    efforts = best_efforts(_run(parts, hz), (200.0, 400.0, 1000.0, 1609.344, 3000.0, 5000.0))
    times = [e.elapsed_s for e in efforts]
    assert times == sorted(times)


@settings(max_examples=60, deadline=None)
@given(segments, sample_rates)
def test_the_best_km_is_no_slower_than_any_whole_km_split(parts, hz):
    streams = _run(parts, hz)
    whole = [s for s in splits(streams) if not s.is_partial]
    efforts = best_efforts(streams, (1000.0,))
    if whole:
        assert efforts[0].elapsed_s <= min(s.elapsed_s for s in whole) + 1e-6


@settings(max_examples=40, deadline=None)
@given(segments, sample_rates, st.floats(100, 3_000))
def test_no_stretch_found_by_scanning_every_metre_is_faster_than_the_best_effort(
    parts, hz, distance_m
):
    streams = _run(parts, hz)
    efforts = best_efforts(streams, (distance_m,))
    if not efforts:
        assert streams.distance_m[-1] < distance_m
        return
    scanned = _scan(streams, distance_m, step_m=1.0)
    assert efforts[0].elapsed_s <= scanned + 1e-6
    # the fastest stretch starts or ends at a sample, which the scan tries: they agree
    assert efforts[0].elapsed_s >= scanned - 1e-6


@settings(max_examples=40, deadline=None)
@given(segments, sample_rates, st.floats(100, 3_000))
def test_a_best_effort_is_a_real_stretch_of_the_run(parts, hz, distance_m):
    streams = _run(parts, hz)
    for effort in best_efforts(streams, (distance_m,)):
        assert effort.start_m + effort.distance_m <= streams.distance_m[-1] + 1e-6
        assert effort.start_s >= 0
        assert effort.start_s + effort.elapsed_s <= streams.time_s[-1] + 1e-6


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(-30, 40), min_size=3, max_size=400),
    st.lists(st.floats(0.5, 8), min_size=3, max_size=400),
)
def test_noisy_gps_never_breaks_the_analysis(steps_m, gaps_s):
    n = min(len(steps_m), len(gaps_s))
    streams = Streams(time_s=np.cumsum(gaps_s[:n]), distance_m=np.cumsum(steps_m[:n]) + 10)
    analysis = analyse_streams(streams)
    for split in analysis.splits_km:
        assert split.distance_m > 0 and split.elapsed_s >= 0
    for effort in analysis.best_efforts:
        assert effort.elapsed_s > 0


def _scan(streams: Streams, distance_m: float, step_m: float) -> float:
    """Slow reference: try a start every ``step_m`` metres, and every start or end at a sample
    (where a stretch between pauses begins or ends, so one ending at the run's end after a
    pause is tried too), pauses before a start excluded."""
    t, d = streams.time_s, streams.distance_m
    last_start = d[-1] - distance_m
    grid = np.arange(d[0], last_start + 1e-9, step_m)
    at_samples = np.concatenate((d, d - distance_m))
    at_samples = at_samples[(at_samples >= d[0]) & (at_samples <= last_start)]
    starts = np.unique(np.concatenate((grid, at_samples)))
    leave = np.array([_last_time_at(t, d, x) for x in starts])
    arrive = np.array([_first_time_at(t, d, x + distance_m) for x in starts])
    return float((arrive - leave).min())


def _first_time_at(t, d, x):
    x = min(x, d[-1])  # (d[-1] - D) + D can round past the end: the end is still reached
    # when the runner gets there, not after a pause at the finish
    i = int(np.searchsorted(d, x, side="left"))
    if i == 0:
        return t[0]
    if i >= len(d):  # float rounding past the last sample
        return t[-1]
    return t[i - 1] + (x - d[i - 1]) / (d[i] - d[i - 1]) * (t[i] - t[i - 1])


def _last_time_at(t, d, x):
    i = int(np.searchsorted(d, x, side="right"))
    if i >= len(d):
        return t[-1]
    return t[i - 1] + (x - d[i - 1]) / (d[i] - d[i - 1]) * (t[i] - t[i - 1])
