from __future__ import annotations

import json
from datetime import UTC, datetime

import numpy as np
import pytest

from runcoach.domain.run.efforts import (
    EVEN_SPLIT_TOLERANCE,
    NO_DISTANCE_STREAM,
    SplitKind,
    analyse_run,
    analyse_streams,
    best_efforts,
    halves,
    split_kind,
    splits,
)
from runcoach.domain.run.runs import Lap, Run, Sport, Streams
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE, Pace

from .streams_builder import Pause, Segment, build_streams, steady

START = datetime(2026, 5, 3, 7, 0, tzinfo=UTC)


def effort_for(streams: Streams, distance_m: float):
    (effort,) = best_efforts(streams, (distance_m,))
    return effort


# --- splits ---------------------------------------------------------------------------------


def test_a_steady_10k_at_5_00_per_km_has_ten_5_00_splits():
    result = splits(steady(10_000, 300))
    assert len(result) == 10
    for number, split in enumerate(result, start=1):
        assert split.number == number
        assert split.distance_m == pytest.approx(1000)
        assert split.elapsed_s == pytest.approx(300)
        assert split.pace.seconds_per_km == pytest.approx(300)
        assert not split.is_partial


def test_the_last_partial_split_keeps_its_distance_and_pace():
    result = splits(steady(10_500, 300))
    assert len(result) == 11
    last = result[-1]
    assert last.is_partial
    assert last.distance_m == pytest.approx(500)
    assert last.elapsed_s == pytest.approx(150)
    assert last.pace.seconds_per_km == pytest.approx(300)


def test_split_times_are_interpolated_exactly_between_sparse_samples():
    # smart recording: a sample every 7 s, so no sample falls on a km mark
    result = splits(steady(5_000, 300, hz=1 / 7))
    assert [s.elapsed_s for s in result] == pytest.approx([300] * 5)


def test_mile_splits_of_a_10k_are_six_miles_and_the_rest():
    result = splits(steady(10_000, 300), METRES_PER_MILE)
    assert len(result) == 7
    assert result[0].elapsed_s == pytest.approx(300 * METRES_PER_MILE / 1000)
    assert result[0].pace.seconds_per_mile == pytest.approx(300 * 1.609344)
    assert result[-1].distance_m == pytest.approx(10_000 - 6 * METRES_PER_MILE)


def test_a_pause_counts_in_elapsed_time_but_not_in_moving_time_or_pace():
    streams = build_streams(Segment(2_500, 300), Pause(120), Segment(2_500, 300))
    third = splits(streams)[2]  # 2-3 km, the pause at 2.5 km inside it
    assert third.elapsed_s == pytest.approx(420)
    assert third.moving_s == pytest.approx(300)
    assert third.pace.seconds_per_km == pytest.approx(300)


def test_standing_still_after_the_finish_stays_in_the_last_split():
    streams = build_streams(Segment(3_000, 300), Pause(60))
    result = splits(streams)
    assert sum(s.elapsed_s for s in result) == pytest.approx(960)
    assert result[-1].elapsed_s == pytest.approx(360)
    assert result[-1].moving_s == pytest.approx(300)


def test_each_split_carries_its_elevation_change_and_average_heart_rate():
    streams = build_streams(
        Segment(1_000, 300, climb_m=30, heart_rate=140),
        Segment(1_000, 300, climb_m=-10, heart_rate=160),
    )
    first, second = splits(streams)
    assert first.elevation_change_m == pytest.approx(30)
    assert second.elevation_change_m == pytest.approx(-10)
    assert first.avg_hr == pytest.approx(140)
    assert second.avg_hr == pytest.approx(160)


def test_splits_without_altitude_or_heart_rate_say_none_not_zero():
    streams = Streams(time_s=np.arange(601.0), distance_m=np.arange(601.0) * 10 / 3)
    (split, _) = splits(streams)
    assert split.elevation_change_m is None
    assert split.avg_hr is None


def test_a_gps_sample_that_jumps_backwards_is_ignored():
    clean = steady(3_000, 300)
    noisy_distance = clean.distance_m.copy()
    noisy_distance[400] -= 25  # the GPS corrected itself 25 m backwards for one sample
    noisy = Streams(time_s=clean.time_s, distance_m=noisy_distance)
    assert [s.elapsed_s for s in splits(noisy)] == pytest.approx([300, 300, 300])


def test_missing_samples_are_skipped():
    clean = steady(2_000, 300)
    distance = clean.distance_m.copy()
    distance[100:110] = np.nan
    result = splits(Streams(time_s=clean.time_s, distance_m=distance))
    assert [s.elapsed_s for s in result] == pytest.approx([300, 300])


# --- halves ---------------------------------------------------------------------------------


def test_a_faster_second_half_is_a_negative_split():
    result = halves(build_streams(Segment(5_000, 310), Segment(5_000, 290)))
    assert result.first_pace.seconds_per_km == pytest.approx(310)
    assert result.second_pace.seconds_per_km == pytest.approx(290)
    assert result.kind is SplitKind.NEGATIVE
    assert analyse_streams(build_streams(Segment(5_000, 310), Segment(5_000, 290))).negative_split


def test_halves_within_the_tolerance_are_even():
    result = halves(build_streams(Segment(5_000, 300), Segment(5_000, 302)))
    assert result.kind is SplitKind.EVEN


def test_a_slower_second_half_is_a_positive_split():
    result = halves(build_streams(Segment(5_000, 290), Segment(5_000, 320)))
    assert result.kind is SplitKind.POSITIVE
    assert result.difference_fraction == pytest.approx(320 / 290 - 1)


def test_halves_are_by_distance_not_by_time():
    result = halves(build_streams(Segment(3_000, 360), Segment(3_000, 240)))
    assert result.distance_m == pytest.approx(3_000)
    assert result.first_elapsed_s == pytest.approx(1_080)
    assert result.second_elapsed_s == pytest.approx(720)


def test_a_traffic_light_in_the_second_half_does_not_spoil_a_negative_split():
    streams = build_streams(
        Segment(5_000, 310), Segment(2_000, 290), Pause(90), Segment(3_000, 290)
    )
    assert halves(streams).kind is SplitKind.NEGATIVE


def test_the_tolerance_is_a_fraction_of_pace():
    first = Pace(300)
    assert split_kind(first, Pace(300 * (1 - EVEN_SPLIT_TOLERANCE / 2))) is SplitKind.EVEN
    assert split_kind(first, Pace(300 * (1 - 2 * EVEN_SPLIT_TOLERANCE))) is SplitKind.NEGATIVE


# --- best efforts -----------------------------------------------------------------------------


def test_the_best_5k_inside_a_10k_with_a_fast_middle_is_found_where_it_was():
    streams = build_streams(Segment(2_500, 330), Segment(5_000, 240), Segment(2_500, 330))
    effort = effort_for(streams, 5_000)
    assert effort.elapsed_s == pytest.approx(1_200)
    assert effort.start_m == pytest.approx(2_500)
    assert effort.start_s == pytest.approx(825)
    assert effort.pace.seconds_per_km == pytest.approx(240)


def test_a_best_effort_straddling_a_pace_change_is_interpolated_at_both_ends():
    # 1 km at 6:00 then 1 km at 4:00: the best 1.5 km is the last 1.5 km
    streams = build_streams(Segment(1_000, 360), Segment(1_000, 240), hz=1 / 3)
    effort = effort_for(streams, 1_500)
    assert effort.start_m == pytest.approx(500)
    assert effort.elapsed_s == pytest.approx(180 + 240)


def test_pauses_inside_a_best_effort_count_but_a_pause_before_it_does_not():
    streams = build_streams(Segment(1_000, 300), Pause(300), Segment(1_000, 240))
    assert effort_for(streams, 1_000).elapsed_s == pytest.approx(240)
    assert effort_for(streams, 2_000).elapsed_s == pytest.approx(300 + 300 + 240)


def test_distances_longer_than_the_run_have_no_best_effort():
    labels = [e.label for e in best_efforts(steady(10_000, 300))]
    assert labels == ["400 m", "1k", "mile", "5k", "10k"]


def test_a_marathon_has_every_standard_best_effort():
    efforts = best_efforts(steady(MARATHON_M + 50, 330, hz=0.5))
    assert [e.distance_m for e in efforts][-2:] == [HALF_MARATHON_M, MARATHON_M]
    assert efforts[-1].elapsed_s == pytest.approx(MARATHON_M * 0.33)


def test_an_even_pace_reports_the_earliest_of_equally_fast_stretches():
    assert effort_for(steady(3_000, 300), 1_000).start_m == pytest.approx(0, abs=1e-6)


# --- the bundle -------------------------------------------------------------------------------


def test_a_run_with_laps_but_no_distance_samples_gets_no_invented_splits():
    run = Run(
        start=START,
        distance_m=5_000,
        elapsed_s=1_500,
        laps=[Lap(start=START, elapsed_s=1_500, distance_m=5_000)],
        streams=Streams(time_s=np.arange(1_501.0), heart_rate=np.full(1_501, 150.0)),
    )
    analysis = analyse_run(run)
    assert analysis.splits_km == () and analysis.best_efforts == ()
    assert analysis.halves is None and analysis.negative_split is None
    assert analysis.limitations == (NO_DISTANCE_STREAM,)


def test_a_manual_run_has_an_empty_analysis_that_says_why():
    analysis = analyse_run(Run(start=START, distance_m=8_000, elapsed_s=2_400))
    assert analysis.splits_km == ()
    assert "no samples" in analysis.limitations[0]


def test_a_run_that_never_moves_has_nothing_to_split():
    streams = Streams(time_s=np.arange(100.0), distance_m=np.zeros(100))
    analysis = analyse_streams(streams)
    assert analysis.splits_km == () and analysis.limitations


def test_the_analysis_bundles_km_and_mile_splits_halves_and_efforts():
    analysis = analyse_run(Run(start=START, streams=steady(10_000, 300)))
    assert len(analysis.splits_km) == 10
    assert len(analysis.splits_mile) == 7
    assert analysis.halves.kind is SplitKind.EVEN
    assert analysis.negative_split is False
    assert len(analysis.best_efforts) == 5
    assert analysis.limitations == ()


def test_the_analysis_survives_a_round_trip_through_plain_json_values():
    streams = build_streams(Segment(5_000, 310, heart_rate=150), Segment(5_300, 290, climb_m=20))
    analysis = analyse_streams(streams)
    stored = json.loads(json.dumps(analysis.to_dict()))
    assert stored["splits_km"][0]["pace"] == pytest.approx(310)
    assert stored["halves"]["kind"] == "negative"
    assert type(analysis).from_dict(stored) == analysis


def test_a_single_gps_spike_far_ahead_does_not_hide_the_rest_of_the_run():
    clean = steady(3_000, 300)
    spiked = clean.distance_m.copy()
    spiked[400] += 5_000  # one sample 5 km ahead, then back on track
    result = splits(Streams(time_s=clean.time_s, distance_m=spiked))
    assert [s.elapsed_s for s in result] == pytest.approx([300, 300, 300])


def test_a_bike_ride_gets_splits_but_no_running_best_efforts():
    analysis = analyse_run(Run(start=START, sport=Sport.CYCLING, streams=steady(20_000, 120)))
    assert len(analysis.splits_km) == 20
    assert analysis.best_efforts == ()
    assert "runs only" in analysis.limitations[0]


def test_samples_covering_only_part_of_the_run_are_reported():
    analysis = analyse_run(Run(start=START, distance_m=11_000, streams=steady(1_000, 300)))
    assert len(analysis.splits_km) == 1
    assert "cover 1.00 km of the 11.00 km" in analysis.limitations[0]


def test_missing_heart_rate_samples_are_left_out_of_the_split_average():
    streams = build_streams(Segment(1_000, 300, heart_rate=150))
    heart = streams.heart_rate.copy()
    heart[100:200] = np.nan  # the strap lost contact for 100 s
    heart[250:260] = 190
    result = splits(Streams(time_s=streams.time_s, distance_m=streams.distance_m, heart_rate=heart))
    assert result[0].avg_hr == pytest.approx((190 * 10 + 150 * 190) / 200)


def test_splits_count_from_the_first_sample_even_if_it_is_a_few_metres_in():
    clean = steady(3_000, 300)
    late = Streams(time_s=clean.time_s, distance_m=clean.distance_m + 3.5)
    result = splits(late)
    assert [s.distance_m for s in result] == pytest.approx([1_000, 1_000, 1_000])
    assert not any(s.is_partial for s in result)


def test_a_float_hair_over_a_whole_km_makes_no_extra_split():
    clean = steady(3_000, 300)
    result = splits(Streams(time_s=clean.time_s, distance_m=clean.distance_m * (1 + 1e-13)))
    assert len(result) == 3


def test_best_efforts_faster_than_the_world_record_are_left_out_and_said():
    # a drive marked as a run: 40 km/h; even when the runner trusts the samples as recorded
    drive = Run(start=START, streams=steady(10_000, 90))
    assert analyse_run(drive).best_efforts == ()
    assert "not on foot" in analyse_run(drive).limitations[0]  # found as a glitch first
    drive.samples_trusted = True
    analysis = analyse_run(drive)
    assert analysis.best_efforts == ()
    assert "faster than the world record" in analysis.limitations[0]
    assert "10k in 15:00" in analysis.limitations[0]


def test_a_fast_but_human_run_keeps_its_best_efforts():
    analysis = analyse_run(Run(start=START, streams=steady(10_000, 170)))  # 28:20 for 10k
    assert len(analysis.best_efforts) == 5 and analysis.limitations == ()
