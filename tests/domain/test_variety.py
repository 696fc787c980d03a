"""Variety measures on small constructed logs."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest

from runcoach.domain.progress.variety import distance_m, pace_band, route_labels, spread, variety
from runcoach.domain.run.runs import Run, Surface, WorkoutType
from runcoach.domain.units import UnitSystem

START = datetime(2026, 3, 2, 7, tzinfo=UTC)
HOME = (46.0500, 14.5000)
NEAR_HOME = (46.0510, 14.5010)  # about 135 m away
FAR = (46.1000, 14.6000)


def test_one_kind_only_has_no_variety():
    found = spread("surface", ["road"] * 5, kinds=len(Surface))
    assert found.most_common == "road" and found.most_common_share == 1.0
    assert found.effective_kinds == pytest.approx(1.0)
    assert found.evenness == pytest.approx(0.0)


def test_two_kinds_used_equally_count_as_two_effective_kinds():
    found = spread("surface", ["road", "trail", "road", "trail", None], kinds=len(Surface))
    assert found.untagged == 1
    assert found.effective_kinds == pytest.approx(2.0)
    assert found.evenness == pytest.approx(math.log(2) / math.log(5))


def test_nothing_tagged_says_so():
    found = spread("shoe", [None, None])
    assert found.most_common is None and found.sentence == "no shoe recorded"


def test_start_points_close_together_are_one_route_when_distances_match():
    runs = [
        Run(start=START, distance_m=8000, id=1),
        Run(start=START, distance_m=8300, id=2),  # same start area, within 10 %
        Run(start=START, distance_m=12000, id=3),  # same start, longer: another route
        Run(start=START, distance_m=8000, id=4),  # far start: another route
        Run(start=START, distance_m=8000, id=5),  # no GPS
    ]
    starts = {1: HOME, 2: NEAR_HOME, 3: HOME, 4: FAR}
    labels = route_labels(runs, starts, UnitSystem.METRIC)
    assert labels[0] == labels[1] == "8.0 km from start 1"
    assert labels[2] == "12.0 km from start 1"
    assert labels[3] == "8.0 km from start 2"
    assert labels[4] is None
    assert 100 < distance_m(HOME, NEAR_HOME) < 250


def test_pace_bands_are_fifteen_seconds_wide():
    assert pace_band(Run(start=START, distance_m=10000, moving_s=3010).pace, UnitSystem.METRIC) == (
        "5:00-5:15/km"
    )


def test_the_headline_names_the_same_loop_at_the_same_pace():
    same = [
        Run(start=START, distance_m=8000, moving_s=2400, id=i, workout_type=WorkoutType.EASY)
        for i in range(1, 10)
    ]
    other = [Run(start=START, distance_m=16000, moving_s=5400, id=10)]
    starts = {i: HOME for i in range(1, 11)}
    found = variety([*same, *other], starts)
    assert found.headline == (
        "90% of your runs were on the same route (8.0 km from start 1) at the same pace "
        "(5:00-5:15/km)"
    )
    workout_types = found.spreads[0]
    assert workout_types.counts == {"easy": 9} and workout_types.untagged == 1


def test_without_gps_the_headline_speaks_of_pace_only():
    runs = [Run(start=START, distance_m=5000, moving_s=1500, id=i) for i in range(3)]
    assert variety(runs, {}).headline == "100% of your runs were at the same pace (5:00-5:15/km)"
