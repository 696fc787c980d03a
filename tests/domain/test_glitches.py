"""GPS glitches: stretches no runner could have run, found in hand-made and real samples."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import numpy as np
import pytest

from runcoach.domain.errors import ImportProblem
from runcoach.domain.run.efforts import analyse_run
from runcoach.domain.run.glitches import (
    Glitch,
    GlitchKind,
    find_glitches,
    running_streams,
)
from runcoach.domain.run.records import record_speed_m_s
from runcoach.domain.run.runs import Run, Sport, Streams, WorkoutType
from runcoach.domain.run.tagging import infer_tags
from runcoach.importers import format_of, read_activity
from tests.conftest import ACTIVITIES, needs_shared_data
from tests.domain.streams_builder import Pause, Segment, build_streams, steady

START = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)


def _run(streams: Streams, **kw) -> Run:
    return Run(start=START, streams=streams, **kw)


def _gap(streams: Streams, at_s: float, gap_s: float, leap_m: float) -> Streams:
    """The streams with no samples for ``gap_s`` after ``at_s`` and the position ``leap_m``
    further on when they resume (a GPS that lost the sky, a watch paused in a car)."""
    later = streams.time_s > at_s
    time_s = np.where(later, streams.time_s + gap_s, streams.time_s)
    distance = np.where(later, streams.distance_m + leap_m, streams.distance_m)
    return dataclasses.replace(streams, time_s=time_s, distance_m=distance)


# --- hand-made glitches ----------------------------------------------------------------------


def test_a_steady_run_has_no_glitches():
    assert find_glitches(steady(10_000, 300)) == ()


def test_intervals_with_walked_recoveries_have_no_glitches():
    reps = [Segment(400, 180), Segment(200, 600)] * 8  # 72 s reps, 2 min walks
    streams = build_streams(Segment(2_000, 330), *reps, Segment(2_000, 330))
    assert find_glitches(streams) == ()


def test_a_world_class_10k_is_no_glitch():
    assert find_glitches(steady(10_000, 160)) == ()  # 26:40, just off the world record


def test_a_pause_at_a_traffic_light_is_no_glitch():
    streams = build_streams(Segment(3_000, 300), Pause(120), Segment(3_000, 300))
    assert find_glitches(streams) == ()


def test_a_recording_gap_that_hides_a_5_km_jump_is_a_glitch_and_leaves_the_efforts():
    # 3 km at 6:00/km, then the GPS loses the sky for 15 min and finds it 5.3 km on
    streams = _gap(steady(6_000, 360), at_s=1_080, gap_s=894, leap_m=5_300)
    (glitch,) = find_glitches(streams)
    assert glitch.kind is GlitchKind.JUMP
    assert glitch.start_m == pytest.approx(3_000, abs=10)
    assert glitch.distance_m == pytest.approx(5_300 + 6, abs=10)
    analysis = analyse_run(_run(streams))
    five_k = next(e for e in analysis.best_efforts if e.distance_m == 5_000)
    assert five_k.elapsed_s >= 5 * 360 - 1  # the 6:00/km running, never 2:47/km
    assert "left out" in " ".join(analysis.limitations)


def test_a_gap_crossed_at_the_runs_own_pace_is_no_glitch():
    # a tunnel: 4 minutes without samples, 800 m on at the 5:00/km of the rest
    streams = _gap(steady(8_000, 300), at_s=1_200, gap_s=240, leap_m=800)
    assert find_glitches(streams) == ()


def test_a_single_leap_of_200_m_is_a_position_jump():
    streams = steady(5_000, 300)
    distance = streams.distance_m.copy()
    distance[600:] += 200.0  # the position leaps 200 m in one second and stays there
    glitches = find_glitches(dataclasses.replace(streams, distance_m=distance))
    assert [g.kind for g in glitches] == [GlitchKind.JUMP]
    assert glitches[0].distance_m == pytest.approx(200 + 10 / 3, abs=1)


def test_a_car_ride_in_the_middle_of_a_walk_is_a_glitch():
    streams = build_streams(Segment(2_000, 700), Segment(6_000, 120), Segment(2_000, 700))
    glitches = find_glitches(streams)
    assert {g.kind for g in glitches} == {GlitchKind.SPEED}
    assert sum(g.distance_m for g in glitches) == pytest.approx(6_000, rel=0.05)


def test_a_minute_at_8_m_s_among_walking_is_a_vehicle_though_no_record_falls():
    # 480 m in 60 s is an elite 800 m runner's pace, not a walker's burst
    streams = build_streams(Segment(1_500, 600), Segment(480, 125), Segment(1_500, 600))
    (glitch,) = find_glitches(streams)
    assert glitch.kind is GlitchKind.SPEED
    assert 480 <= glitch.distance_m <= 560  # and a few seconds of walking


def test_a_sudden_burst_a_runner_cannot_accelerate_to_is_a_glitch():
    # jogging at 3 m/s, then 8 s at 11 m/s: no legs change speed by 8 m/s in a second
    streams = build_streams(Segment(1_000, 333), Segment(88, 91), Segment(1_000, 333))
    glitches = find_glitches(streams)
    assert glitches and glitches[0].start_m == pytest.approx(1_000, abs=50)


def test_running_speed_without_steps_is_a_glitch():
    streams = steady(6_000, 240)  # 4:00/km
    cadence = np.full(len(streams), 176.0)
    cadence[600:780] = 0.0  # three minutes at 4:00/km without a step: a bike, a car
    glitches = find_glitches(dataclasses.replace(streams, cadence_spm=cadence))
    assert [g.kind for g in glitches] == [GlitchKind.STEPS]
    assert glitches[0].start_s <= 600 and glitches[0].end_s >= 780


def test_a_cadence_sensor_that_drops_for_ten_seconds_is_no_glitch():
    streams = steady(6_000, 240)
    cadence = np.full(len(streams), 176.0)
    cadence[600:610] = 0.0
    assert find_glitches(dataclasses.replace(streams, cadence_spm=cadence)) == ()


def test_a_long_fast_stretch_with_a_resting_heart_rate_is_a_glitch():
    streams = build_streams(
        Segment(3_000, 360, heart_rate=150),
        Segment(3_000, 200, heart_rate=120),  # 10 min at 3:20/km, heart rate falling
        Segment(3_000, 360, heart_rate=150),
    )
    glitches = find_glitches(streams)
    assert [g.kind for g in glitches] == [GlitchKind.HEART_RATE]


def test_a_tempo_with_a_rising_heart_rate_is_no_glitch():
    streams = build_streams(
        Segment(2_000, 360, heart_rate=140),
        Segment(5_000, 270, heart_rate=172),
        Segment(2_000, 360, heart_rate=145),
    )
    assert find_glitches(streams) == ()


def test_across_a_glitch_the_distance_stands_still():
    streams = _gap(steady(6_000, 360), at_s=1_080, gap_s=894, leap_m=5_300)
    ran = running_streams(streams, find_glitches(streams))
    assert ran.distance_m[-1] == pytest.approx(6_000, abs=10)
    assert np.all(np.diff(ran.distance_m) >= 0)


def test_a_glitch_survives_its_storage_form():
    glitch = Glitch(GlitchKind.JUMP, 10.0, 904.0, 3_000.0, 8_300.0, "a jump")
    assert Glitch.from_dict(glitch.to_dict()) == glitch


def test_the_record_speed_curve_slows_with_duration():
    speeds = [record_speed_m_s(s) for s in (5, 10, 45, 100, 210, 780, 1_600, 7_300)]
    assert speeds == sorted(speeds, reverse=True)
    assert record_speed_m_s(7_235) == pytest.approx(42_195 / 7_235 / 0.95)


def test_the_runner_can_trust_the_samples_and_keep_the_efforts():
    streams = _gap(steady(6_000, 360), at_s=1_080, gap_s=894, leap_m=5_300)
    trusted = analyse_run(_run(streams, samples_trusted=True))
    assert trusted.glitches and trusted.samples_trusted and not trusted.glitches_left_out
    assert any(e.distance_m == 10_000 for e in trusted.best_efforts)


def test_a_ride_has_no_glitches_however_fast():
    ride = _run(steady(40_000, 90), sport=Sport.CYCLING)
    assert analyse_run(ride).glitches == ()


def test_a_glitch_is_no_tempo():
    # easy running with a 15-minute gap the GPS crossed at 2:47/km: the tag is not tempo
    streams = _gap(steady(8_000, 360), at_s=1_440, gap_s=894, leap_m=5_340)
    assert infer_tags(_run(streams)).workout_type.value is not WorkoutType.TEMPO


# --- the real files --------------------------------------------------------------------------


def _real_runs():
    for path in sorted(ACTIVITIES.rglob("*")) if ACTIVITIES.is_dir() else []:
        if path.is_file() and format_of(path.name) is not None:
            try:
                runs = read_activity(path.name, path.read_bytes())
            except ImportProblem:
                continue
            yield from ((path.relative_to(ACTIVITIES).as_posix(), run) for run in runs)


GLITCHED_FILES = {
    "gpxpy/cerknicko-jezero.gpx",  # the run: a 5k of 13:57 across a 15-minute gap
    "gpxpy/cerknicko-jezero-no-creator.gpx",
    "gpxpy/cerknicko-jezero-with-elevations-zero.gpx",
    "gpxpy/cerknicko-jezero-without-elevations.gpx",
    "gpxpy/around-visnjan-with-car.gpx",  # a drive
    "gpxpy/first_and_last_elevation.gpx",  # 390 km in two points
}


@needs_shared_data()
def test_the_cerknicko_log_loses_its_13_57_5k_4_29_mile_and_tempo_tag():
    path = ACTIVITIES / "gpxpy" / "cerknicko-jezero.gpx"
    (run,) = read_activity(path.name, path.read_bytes())
    analysis = analyse_run(run)
    kinds = {g.kind for g in analysis.glitches}
    assert GlitchKind.JUMP in kinds
    efforts = {e.label: e.elapsed_s for e in analysis.best_efforts}
    assert efforts.get("mile", 10_000) > 8 * 60 and "5k" not in efforts and "10k" not in efforts
    assert analysis.halves is None  # no negative-split win from a car
    assert infer_tags(run).workout_type.value is not WorkoutType.TEMPO


@needs_shared_data()
def test_no_genuine_real_run_loses_an_effort_and_every_glitched_one_loses_its_fastest():
    checked = 0
    for name, run in _real_runs():
        if run.streams is None or not run.sport.is_run:
            continue
        found = analyse_run(run)
        trusted = analyse_run(dataclasses.replace(run, samples_trusted=True))
        if name in GLITCHED_FILES:
            assert found.glitches, name
            before = {e.distance_m: e.elapsed_s for e in trusted.best_efforts}
            after = {e.distance_m: e.elapsed_s for e in found.best_efforts}
            assert all(after.get(d, np.inf) > t for d, t in before.items()), name
            continue
        checked += 1
        glitched_m = sum(g.distance_m for g in found.glitches)
        assert glitched_m < 0.1 * (run.distance_m or np.inf), name  # spikes at most
        kept = {e.distance_m: round(e.elapsed_s) for e in found.best_efforts}
        if name != "python-fitparse/activity-large-fenxi2-multisport.fit":  # 130 m of spikes
            assert kept == {e.distance_m: round(e.elapsed_s) for e in trusted.best_efforts}, name
    assert checked >= 15
