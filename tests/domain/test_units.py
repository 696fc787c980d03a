from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcoach.domain.errors import InvalidInput
from runcoach.domain.units import (
    HALF_MARATHON_M,
    MARATHON_M,
    METRES_PER_MILE,
    Pace,
    UnitSystem,
    distances_in,
    format_duration,
    format_pace,
    format_speed,
    parse_distance,
    parse_duration,
    parse_pace,
)


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("5k", 5000),
        ("10k", 10000),
        ("half", HALF_MARATHON_M),
        ("marathon", MARATHON_M),
        ("mile", METRES_PER_MILE),
        ("8k", 8000),
        ("50k", 50000),
        ("3000m", 3000),
        ("12.5km", 12500),
        ("35mi", 35 * METRES_PER_MILE),
        ("10 miles", 10 * METRES_PER_MILE),
        ("800", 800),
    ],
)
def test_distances_are_read_as_runners_write_them(text, metres):
    assert parse_distance(text) == pytest.approx(metres)


@pytest.mark.parametrize("text", ["", "fast", "10 parsecs", "-5k", "0k"])
def test_an_unknown_distance_says_what_would_be_right(text):
    with pytest.raises(InvalidInput, match="for example"):
        parse_distance(text)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("41:30", 2490), ("1:32:05", 5525), ("2:59:59", 10799), ("45min", 2700), ("90s", 90)],
)
def test_times_are_read_as_runners_write_them(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["1:75", "1:60:00", "abc", "0:00", "12"])
def test_an_impossible_time_is_refused_with_an_example(text):
    with pytest.raises(InvalidInput, match="for example"):
        parse_duration(text)


def test_paces_convert_between_km_and_mile():
    pace = parse_pace("4:50/km")
    assert format_pace(pace) == "4:50/km"
    assert format_pace(pace, UnitSystem.IMPERIAL) == "7:47/mi"
    assert parse_pace("8:00/mi").seconds_per_mile == pytest.approx(480)


@given(st.floats(min_value=1, max_value=400_000, allow_nan=False))
def test_formatted_durations_read_back_to_the_same_second(seconds):
    assert parse_duration(format_duration(seconds)) == round(seconds)


def test_pace_times_distance_gives_the_time():
    assert Pace.from_distance_time(10_000, 2490).time_for(10_000) == pytest.approx(2490)


def test_a_ride_reads_as_a_speed():
    # 113.55 km in 3:59:42 moving = 28.42 km/h = 17.66 mph
    pace = Pace.from_distance_time(113_550, 3 * 3600 + 59 * 60 + 42)
    assert format_speed(pace) == "28.4 km/h"
    assert format_speed(pace, UnitSystem.IMPERIAL) == "17.7 mph"


def test_counted_says_one_run_and_many_runs():
    from runcoach.domain.units import counted

    assert counted(1, "run") == "1 run"
    assert counted(0, "run") == "0 runs"
    assert counted(1204, "run") == "1,204 runs"
    assert counted(2, "pair of shoes", "pairs of shoes") == "2 pairs of shoes"


def test_clock_glitches_are_bad_times_jumps_and_what_follows_them():
    import numpy as np

    from runcoach.domain.run.runs import clock_glitches

    day = 86_400.0
    times = np.array([0.0, 1.0, np.nan, 2.0, -5.0, 3.0, 4.0 + 13 * 3600, 5.0 + 13 * 3600])
    assert clock_glitches(times).tolist() == [False, False, True, False, True, False, True, True]
    assert not clock_glitches(np.arange(0.0, 9 * day, 3600.0)).any()  # a 9-day race is fine
    assert clock_glitches(np.array([0.0, 11 * day])).tolist() == [False, True]


def test_a_sentence_in_km_reads_in_miles_for_an_imperial_runner_and_is_kept_for_metric():
    note = "The long run reaches 13.9 km, short of the 16 km this race wants (5k, 400 m)"
    assert distances_in(note, UnitSystem.METRIC) == note
    said = distances_in(note, UnitSystem.IMPERIAL)
    assert said == "The long run reaches 8.6 mi, short of the 10 mi this race wants (5k, 400 m)"
    assert distances_in("Long run 6.9 km", UnitSystem.IMPERIAL) == "Long run 4.3 mi"


def test_a_change_that_rounds_to_nothing_is_never_minus_zero():
    from runcoach.domain.units import signed

    assert [signed(x) for x in (-0.01, 0.0, 1.25, -0.4)] == ["+0.0", "+0.0", "+1.2", "-0.4"]
    assert signed(-0.004, 2) == "+0.00" and signed(3.0, 0) == "+3"
