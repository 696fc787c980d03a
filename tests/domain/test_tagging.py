from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from runcoach.domain.run.runs import (
    Lap,
    RaceResult,
    Run,
    Sport,
    Streams,
    Surface,
    Terrain,
    WorkoutType,
)
from runcoach.domain.run.segments import turning_points
from runcoach.domain.run.tagging import (
    Inference,
    InferredTags,
    infer_surface,
    infer_tags,
    infer_terrain,
    infer_workout_type,
    with_inferred_tags,
)
from runcoach.domain.run.workout_shapes import RunnerContext, runner_context
from runcoach.domain.units import Pace

from .streams_builder import Pause, Segment, build_streams, steady, with_gps, with_noise

START = datetime(2026, 5, 3, 7, 0, tzinfo=UTC)
NOBODY = RunnerContext()


def run_of(streams: Streams, **fields) -> Run:
    distance = float(streams.distance_m[-1]) if streams.distance_m is not None else None
    fields.setdefault("distance_m", distance)
    fields.setdefault("elapsed_s", float(streams.time_s[-1]))
    return Run(start=START, streams=streams, **fields)


def workout(streams: Streams, context: RunnerContext = NOBODY, **fields) -> Inference:
    return infer_workout_type(run_of(streams, **fields), context)


def repeats(times: int, *parts):
    return [part for _ in range(times) for part in parts]


# --- terrain ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ascent_m", "terrain"),
    [(20, Terrain.FLAT), (49, Terrain.FLAT), (100, Terrain.ROLLING), (250, Terrain.HILLY)],
)
def test_terrain_follows_the_climbing_per_km(ascent_m, terrain):
    inferred = infer_terrain(Run(start=START, distance_m=10_000, ascent_m=ascent_m))
    assert inferred.value is terrain
    assert "per km" in inferred.reason


def test_terrain_is_read_from_the_altitude_samples_when_the_device_gave_no_ascent():
    hilly = build_streams(
        *repeats(5, Segment(500, 330, climb_m=40), Segment(500, 300, climb_m=-40))
    )
    inferred = infer_terrain(run_of(hilly))
    assert inferred.value is Terrain.HILLY
    assert "200 m from the altitude samples" in inferred.reason


def test_altitude_noise_does_not_make_a_flat_run_hilly():
    streams = steady(10_000, 300)
    wobble = 100 + 1.5 * np.sin(np.arange(len(streams)) / 3)
    streams = Streams(time_s=streams.time_s, distance_m=streams.distance_m, altitude_m=wobble)
    assert infer_terrain(run_of(streams)).value is Terrain.FLAT


def test_terrain_is_unknown_without_altitude():
    assert infer_terrain(Run(start=START, distance_m=10_000)) is None


# --- surface ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sport", "sub_sport", "surface"),
    [
        (Sport.RUNNING, "treadmill", Surface.TREADMILL),
        (Sport.RUNNING, "indoor_running", Surface.TREADMILL),
        (Sport.TREADMILL, None, Surface.TREADMILL),
        (Sport.RUNNING, "track", Surface.TRACK),
        (Sport.RUNNING, "trail", Surface.TRAIL),
        (Sport.TRAIL_RUNNING, None, Surface.TRAIL),
        (Sport.RUNNING, "street", Surface.ROAD),
    ],
)
def test_the_surface_the_device_recorded_is_taken(sport, sub_sport, surface):
    inferred = infer_surface(Run(start=START, sport=sport, sub_sport=sub_sport))
    assert inferred.value is surface
    assert "device recorded" in inferred.reason


def test_distance_without_gps_is_a_treadmill():
    assert infer_surface(run_of(steady(5_000, 330))).value is Surface.TREADMILL


def test_an_outdoor_run_with_gps_is_road():
    assert infer_surface(run_of(with_gps(steady(5_000, 330)))).value is Surface.ROAD


def test_a_run_whose_positions_all_fit_in_a_running_track_is_on_a_track():
    inferred = infer_surface(run_of(with_gps(steady(4_000, 300), loop_m=400)))
    assert inferred.value is Surface.TRACK


def test_laps_of_about_400_m_mean_a_track():
    laps = [Lap(start=START, elapsed_s=90, distance_m=d) for d in (402, 398, 405, 400, 396)]
    inferred = infer_surface(Run(start=START, laps=laps))
    assert inferred.value is Surface.TRACK
    assert "5 laps of ~400 m" in inferred.reason


def test_the_surface_of_a_manual_run_or_a_bike_ride_is_unknown():
    assert infer_surface(Run(start=START, distance_m=8_000)) is None
    assert infer_surface(run_of(with_gps(steady(20_000, 120)), sport=Sport.CYCLING)) is None


# --- workout type: marked and sport ----------------------------------------------------------


def test_a_bike_ride_is_cross_training():
    inferred = workout(steady(20_000, 120), sport=Sport.CYCLING)
    assert inferred.value is WorkoutType.CROSS_TRAINING
    assert "cycling is not running" in inferred.reason


def test_a_run_marked_as_a_race_is_a_race():
    assert workout(steady(5_000, 250), race=RaceResult()).value is WorkoutType.RACE


def test_a_parkrun_by_name_is_a_race_but_race_pace_is_not():
    assert workout(steady(5_000, 250), name="Saturday parkrun").value is WorkoutType.RACE
    assert workout(steady(5_000, 300), name="race pace 5k").value is WorkoutType.EASY


# --- workout type: laps ----------------------------------------------------------------------


def _lap(seconds: float, metres: float, intensity: str | None = None) -> Lap:
    return Lap(
        start=START + timedelta(seconds=1),
        elapsed_s=seconds,
        distance_m=metres,
        intensity=intensity,
    )


def test_laps_the_device_marked_as_work_and_rest_are_intervals():
    laps = [
        _lap(600, 2_000, "warmup"),
        *repeats(6, _lap(180, 800, "active"), _lap(120, 300, "rest")),
        _lap(600, 2_000, "cooldown"),
    ]
    inferred = infer_workout_type(Run(start=START, laps=laps), NOBODY)
    assert inferred.value is WorkoutType.INTERVALS
    assert inferred.reason == "6 work laps of ~800 m with recoveries"


def test_a_single_long_work_lap_between_warm_up_and_cool_down_is_a_tempo():
    laps = [_lap(600, 2_000, "warmup"), _lap(1_200, 4_500, "active"), _lap(600, 2_000, "cooldown")]
    assert infer_workout_type(Run(start=START, laps=laps), NOBODY).value is WorkoutType.TEMPO


def test_unmarked_laps_alternating_fast_and_slow_are_intervals():
    laps = [_lap(660, 2_000), *repeats(5, _lap(240, 1_000), _lap(150, 400)), _lap(660, 2_000)]
    inferred = infer_workout_type(Run(start=START, laps=laps), NOBODY)
    assert inferred.value is WorkoutType.INTERVALS
    assert "5 fast laps of ~1 km" in inferred.reason


def test_hand_pressed_laps_warm_up_faster_laps_cool_down_are_a_tempo():
    # the fenix 2 run of 15 Aug 2015: GPS spikes hide it in the samples, the laps do not
    laps = [_lap(270, 849), _lap(836, 2_988), _lap(758, 2_979), _lap(965, 2_193)]
    inferred = infer_workout_type(Run(start=START, laps=laps), NOBODY)
    assert inferred.value is WorkoutType.TEMPO
    assert inferred.reason == (
        "5.97 km in 2 laps at 4:40/km then 4:14/km between a 5:18/km warm-up lap "
        "and a cool-down lap"
    )


@pytest.mark.parametrize(
    "laps",
    [
        # 1 km auto-laps of an easy run with a slow first km and a walked last one
        [_lap(400, 1_000), *[_lap(320, 1_000)] * 6, _lap(300, 600)],
        # the fast part is too short for a tempo (8 min)
        [_lap(600, 2_000), _lap(480, 2_000), _lap(600, 2_000)],
        # hardly faster than the warm-up (5:18 then 4:50/km: 9 %)
        [_lap(318, 1_000), _lap(1_450, 5_000), _lap(600, 1_500)],
        # work laps far apart: a fartlek, not one tempo
        [_lap(330, 1_000), _lap(700, 2_500), _lap(500, 2_500), _lap(600, 1_500)],
    ],
    ids=["auto-laps", "short", "no-contrast", "fartlek"],
)
def test_laps_that_are_not_a_lapped_tempo(laps):
    assert infer_workout_type(Run(start=START, laps=laps), NOBODY).value is not WorkoutType.TEMPO


def test_even_auto_laps_say_nothing_about_the_workout():
    laps = [_lap(330 + i % 3, 1_000) for i in range(10)]
    assert infer_workout_type(Run(start=START, laps=laps), NOBODY).value is WorkoutType.EASY


# --- workout type: the pace and altitude streams ---------------------------------------------


def test_fast_bouts_with_recoveries_in_the_pace_are_intervals():
    streams = build_streams(
        Segment(2_000, 330),
        *repeats(6, Segment(800, 225), Segment(400, 390)),
        Segment(2_000, 330),
    )
    inferred = workout(with_noise(streams, 0.1))
    assert inferred.value is WorkoutType.INTERVALS
    assert inferred.reason.startswith("6 fast bouts of ~800 m")


def test_short_bursts_at_the_end_of_an_easy_run_are_strides():
    streams = build_streams(Segment(8_000, 330), *repeats(5, Segment(100, 200), Segment(150, 420)))
    inferred = workout(with_noise(streams, 0.1))
    assert inferred.value is WorkoutType.STRIDES
    assert inferred.reason.startswith("5 short bursts")


def test_a_sustained_fast_middle_section_is_a_tempo():
    streams = build_streams(Segment(3_000, 330), Segment(5_000, 260), Segment(2_000, 340))
    inferred = workout(with_noise(streams, 0.1))
    assert inferred.value is WorkoutType.TEMPO
    assert "steady at 4:2" in inferred.reason


def test_a_fast_finish_is_a_progression_not_a_tempo():
    streams = build_streams(Segment(6_000, 330), Segment(4_000, 280))
    assert workout(with_noise(streams, 0.1)).value is WorkoutType.PROGRESSION


def test_each_third_faster_is_a_progression():
    streams = build_streams(Segment(4_000, 340), Segment(4_000, 320), Segment(4_000, 300))
    assert workout(with_noise(streams, 0.1)).value is WorkoutType.PROGRESSION
    assert workout(streams).reason == "each third faster: 5:40/km, 5:20/km, 5:00/km"


def test_repeated_climbs_run_up_hard_are_hill_repeats():
    streams = build_streams(
        Segment(2_000, 330),
        *repeats(6, Segment(300, 330, climb_m=25), Segment(300, 420, climb_m=-25)),
        Segment(2_000, 330),
    )
    inferred = workout(streams)
    assert inferred.value is WorkoutType.HILLS
    assert re.fullmatch(r"6 climbs of ~2[45] m, run up hard", inferred.reason)  # smoothed


def test_an_easy_run_over_hills_is_not_hill_repeats():
    streams = build_streams(
        *repeats(4, Segment(1_000, 420, climb_m=40), Segment(1_000, 300, climb_m=-40)),
    )
    assert workout(streams).value is not WorkoutType.HILLS


def test_a_run_well_above_the_usual_distance_is_a_long_run():
    context = RunnerContext(median_distance_m=10_000)
    inferred = workout(steady(18_000, 330), context)
    assert inferred.value is WorkoutType.LONG
    assert inferred.reason == "1.8x your usual run (10 km)"


def test_without_history_a_run_of_90_minutes_or_more_is_long():
    assert workout(steady(17_000, 330)).value is WorkoutType.LONG
    assert workout(steady(15_000, 330)).value is WorkoutType.EASY


def test_a_long_run_with_strides_at_the_end_is_a_long_run():
    streams = build_streams(Segment(20_000, 330), *repeats(4, Segment(100, 200), Segment(150, 420)))
    assert workout(streams).value is WorkoutType.LONG


def test_a_short_run_slower_than_easy_pace_is_a_recovery_run():
    context = RunnerContext(median_distance_m=10_000, easy_pace=Pace(330))
    inferred = workout(steady(5_000, 380), context)
    assert inferred.value is WorkoutType.RECOVERY
    assert "6:20/km vs 5:30/km" in inferred.reason


def test_a_steady_run_is_easy():
    inferred = workout(with_noise(steady(10_000, 330), 0.15))
    assert inferred.value is WorkoutType.EASY


def test_a_steady_run_with_a_traffic_light_is_still_easy():
    streams = build_streams(Segment(5_000, 330), Pause(60), Segment(5_000, 330))
    assert workout(with_noise(streams, 0.1)).value is WorkoutType.EASY


@settings(max_examples=25, deadline=None)
@given(st.floats(240, 480), st.floats(3_000, 14_000), st.floats(0, 0.2), st.integers(0, 99))
def test_steady_running_with_gps_noise_is_never_a_structured_session(pace, km, noise, seed):
    streams = with_noise(steady(km, pace), noise, seed=seed)
    assert workout(streams).value in (WorkoutType.EASY, WorkoutType.LONG)


# --- the runner decides ----------------------------------------------------------------------


def test_inferred_tags_never_replace_what_the_runner_set():
    run = run_of(with_gps(steady(10_000, 330)), workout_type=WorkoutType.TEMPO)
    tagged = with_inferred_tags(run, infer_tags(run))
    assert tagged.workout_type is WorkoutType.TEMPO
    assert tagged.surface is Surface.ROAD


def test_inferred_tags_fill_only_what_the_data_shows():
    run = Run(start=START, distance_m=8_000, elapsed_s=2_400)
    tagged = with_inferred_tags(run, InferredTags(None, None, None))
    assert (tagged.workout_type, tagged.surface, tagged.terrain) == (None, None, None)


def test_the_runner_context_comes_from_recent_runs():
    recent = [
        Run(start=START, distance_m=d, elapsed_s=d * 0.33, workout_type=WorkoutType.EASY)
        for d in (8_000, 10_000, 12_000)
    ] + [
        Run(start=START, distance_m=21_000, elapsed_s=6_900, workout_type=WorkoutType.LONG),
        Run(start=START, sport=Sport.CYCLING, distance_m=60_000, elapsed_s=7_200),
    ]
    context = runner_context(recent)
    assert context.median_distance_m == 11_000
    assert context.longest_distance_m == 21_000
    assert context.easy_pace.seconds_per_km == pytest.approx(330)
    assert runner_context([]) == RunnerContext()


def test_turning_points_ignore_wiggles_smaller_than_the_hysteresis():
    values = np.array([0, 1, 0, 2, 10, 20, 19, 21, 15, 5, 4, 6, 3, 12, 25, 24, 20, 2, 0.0])
    assert turning_points(values, 5) == [2, 7, 12, 14, 18]
    assert turning_points(np.array([0, 1, 2, 1, 0.0]), 5) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(-20, 20), min_size=0, max_size=300),
    st.sampled_from([1.0, 3.0, 5.0, 12.0]),
)
def test_turning_points_over_local_extremes_equal_the_zig_zag_over_every_sample(steps, h):
    from runcoach.domain.run.segments import _zig_zag

    values = np.cumsum(np.array(steps, dtype=float))
    assert turning_points(values, h) == _zig_zag(values.tolist(), h)


@settings(max_examples=25, deadline=None)
@given(
    rep_m=st.floats(300, 1_600),
    rep_pace=st.floats(180, 280),
    jog_m=st.floats(150, 600),
    jog_slower=st.floats(1.35, 2.0),
    reps=st.integers(4, 10),
    warm_slower=st.floats(1.25, 1.6),
    seed=st.integers(0, 99),
)
def test_any_usual_interval_session_is_intervals(
    rep_m, rep_pace, jog_m, jog_slower, reps, warm_slower, seed
):
    assume(reps * rep_m * rep_pace / 1000 >= 300)  # five minutes of work or more
    easy = rep_pace * warm_slower
    streams = build_streams(
        Segment(2_000, easy),
        *repeats(reps, Segment(rep_m, rep_pace), Segment(jog_m, rep_pace * jog_slower)),
        Segment(1_500, easy),
    )
    assert workout(with_noise(streams, 0.1, seed=seed)).value is WorkoutType.INTERVALS


def test_a_session_of_mostly_fast_running_is_still_intervals():
    # 10 x 1500 m at 3:02/km with 150 m jogs: the reps are 70 % of the run, so the run's
    # slow percentile falls inside them (hypothesis found it: tagged easy before)
    rep_pace = 182.0
    streams = build_streams(
        Segment(2_000, rep_pace * 1.25),
        *repeats(10, Segment(1_497, rep_pace), Segment(150, rep_pace * 1.35)),
        Segment(1_500, rep_pace * 1.25),
    )
    for seed in (0, 7, 42):
        assert workout(with_noise(streams, 0.1, seed=seed)).value is WorkoutType.INTERVALS


@pytest.mark.parametrize("flat_m, up_m, up_pace", [(1_200, 300, 420), (800, 300, 430)])
def test_an_easy_run_over_hills_is_not_intervals_though_its_climbs_are_slow(flat_m, up_m, up_pace):
    # 5:30/km on the flat, 7:00/km up 6-7 % climbs, 5:10/km down: the slow parts are the
    # climbs, not recoveries between reps
    hill = [
        Segment(flat_m, 330),
        Segment(up_m, up_pace, climb_m=20),
        Segment(up_m, 310, climb_m=-20),
    ]
    streams = build_streams(*(hill * 6))
    for seed in (0, 1):
        assert workout(with_noise(streams, 0.1, seed=seed)).value is WorkoutType.EASY


@pytest.mark.parametrize("run_pace, walk_pace", [(360, 660), (330, 540)])
def test_run_walk_is_not_intervals(run_pace, walk_pace):
    # 4 minutes running, 1 minute walking (the walk-break method), eight times
    minutes = [Segment(240 / run_pace * 1000, run_pace), Segment(60 / walk_pace * 1000, walk_pace)]
    streams = build_streams(*(minutes * 8))
    assert workout(with_noise(streams, 0.1, seed=0)).value is WorkoutType.EASY


@pytest.mark.parametrize("tempo_m", [12_000, 16_000])
def test_a_long_tempo_that_fills_most_of_the_run_is_a_tempo(tempo_m):
    streams = build_streams(Segment(2_000, 330), Segment(tempo_m, 330 / 1.25), Segment(1_500, 330))
    inferred = workout(with_noise(streams, 0.1, seed=3))
    assert inferred.value is WorkoutType.TEMPO
    assert "4:24/km" in inferred.reason


@settings(max_examples=25, deadline=None)
@given(
    easy=st.floats(300, 420),
    faster=st.floats(1.2, 1.4),
    tempo_m=st.floats(4_000, 8_000),
    seed=st.integers(0, 99),
)
def test_any_usual_tempo_run_is_a_tempo(easy, faster, tempo_m, seed):
    streams = build_streams(
        Segment(2_500, easy), Segment(tempo_m, easy / faster), Segment(1_500, easy)
    )
    assert workout(with_noise(streams, 0.1, seed=seed)).value is WorkoutType.TEMPO


@settings(max_examples=25, deadline=None)
@given(
    easy=st.floats(300, 420),
    easy_m=st.floats(5_000, 10_000),
    strides=st.integers(4, 8),
    faster=st.floats(1.4, 1.8),
    seed=st.integers(0, 99),
)
def test_any_easy_run_with_strides_at_the_end_is_strides(easy, easy_m, strides, faster, seed):
    streams = build_streams(
        Segment(easy_m, easy),
        *repeats(strides, Segment(100, easy / faster), Segment(150, easy * 1.2)),
    )
    assert workout(with_noise(streams, 0.1, seed=seed)).value is WorkoutType.STRIDES


def test_a_run_faster_than_any_runner_is_flagged_as_probably_a_ride():
    inferred = workout(steady(13_000, 120))  # 2:00/km for 13 km: 30 km/h
    assert inferred.value is WorkoutType.CROSS_TRAINING
    assert inferred.reason.startswith("2:00/km over 13.00 km is faster than any runner")


def test_an_elite_but_human_run_is_not_flagged():
    assert workout(steady(10_000, 165)).value is not WorkoutType.CROSS_TRAINING  # 27:30 10k


def test_identical_laps_are_not_a_session():
    laps = [_lap(300, 1_000) for _ in range(8)]
    assert infer_workout_type(Run(start=START, laps=laps), NOBODY).value is WorkoutType.EASY


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(0, 4_000),
            st.one_of(st.none(), st.floats(0, 5_000)),
            st.sampled_from([None, "active", "rest", "warmup", "cooldown", "recovery", "?"]),
        ),
        max_size=30,
    )
)
def test_any_laps_give_a_workout_type_and_never_an_error(raw_laps):
    laps = [_lap(seconds, metres, intensity) for seconds, metres, intensity in raw_laps]
    inferred = infer_workout_type(Run(start=START, laps=laps), NOBODY)
    assert inferred.value in WorkoutType and inferred.reason


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(-30, 40), min_size=2, max_size=600),
    st.lists(st.floats(0.5, 8), min_size=2, max_size=600),
    st.lists(st.floats(-5, 5), min_size=2, max_size=600),
)
def test_any_samples_give_tags_and_never_an_error(steps_m, gaps_s, climbs_m):
    n = min(len(steps_m), len(gaps_s), len(climbs_m))
    streams = Streams(
        time_s=np.cumsum(gaps_s[:n]),
        distance_m=np.cumsum(steps_m[:n]),
        altitude_m=100 + np.cumsum(climbs_m[:n]),
    )
    tags = infer_tags(Run(start=START, streams=streams))
    assert tags.workout_type is not None and tags.workout_type.reason


def test_latitude_without_longitude_is_not_a_track_and_no_error():
    streams = with_gps(steady(3_000, 300))
    streams = Streams(
        time_s=streams.time_s,
        distance_m=streams.distance_m,
        latitude=streams.latitude,
        longitude=np.full(len(streams), np.nan),
    )
    assert infer_surface(run_of(streams)).value is Surface.ROAD
