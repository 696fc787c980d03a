"""VDOT against the published table (Daniels' Running Formula, 3rd ed. 2014, table 5.1)."""

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.paces import training_paces
from runcoach.domain.fitness.vdot import race_time_s, vdot_from_performance
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE, parse_duration

# VDOT -> published race times (Daniels' Running Formula, VDOT table)
PUBLISHED_TABLE = [
    (30, 5000, "30:40"),
    (30, 10000, "63:46"),
    (30, HALF_MARATHON_M, "2:21:04"),
    (30, MARATHON_M, "4:49:17"),
    (40, 5000, "24:08"),
    (40, 10000, "50:03"),
    (40, HALF_MARATHON_M, "1:50:59"),
    (40, MARATHON_M, "3:49:45"),
    (50, 1500, "5:24"),
    (50, METRES_PER_MILE, "5:50"),
    (50, 5000, "19:57"),
    (50, 10000, "41:21"),
    (50, HALF_MARATHON_M, "1:31:35"),
    (50, MARATHON_M, "3:10:49"),
    (60, 5000, "17:03"),
    (60, 10000, "35:22"),
    (60, HALF_MARATHON_M, "1:18:09"),
    (60, MARATHON_M, "2:43:25"),
    (70, 10000, "31:00"),
    (70, HALF_MARATHON_M, "1:08:21"),
    (70, MARATHON_M, "2:23:10"),
]


@pytest.mark.parametrize(("vdot", "distance_m", "published"), PUBLISHED_TABLE)
def test_race_time_matches_the_published_vdot_table(vdot, distance_m, published):
    assert race_time_s(vdot, distance_m) == pytest.approx(parse_duration(published), rel=0.003)


@pytest.mark.parametrize(("vdot", "distance_m", "published"), PUBLISHED_TABLE)
def test_vdot_of_a_published_performance_is_the_table_row(vdot, distance_m, published):
    assert vdot_from_performance(distance_m, parse_duration(published)) == pytest.approx(
        vdot, abs=0.3
    )


def test_race_time_and_vdot_are_inverse():
    for vdot in (32.5, 47.3, 66.1):
        for distance_m in (800, 5000, 42195, 100_000):
            assert vdot_from_performance(distance_m, race_time_s(vdot, distance_m)) == (
                pytest.approx(vdot, abs=1e-6)
            )


def test_an_impossible_performance_is_refused_with_an_example():
    with pytest.raises(InvalidInput, match="humanly possible"):
        vdot_from_performance(5000, 8 * 60)


def test_a_distance_outside_800m_to_100km_is_refused():
    with pytest.raises(InvalidInput, match="800 m to 100 km"):
        race_time_s(50, 200)


# Published training paces per km, Daniels' Running Formula (3rd ed.) VDOT table
@pytest.mark.parametrize(
    ("vdot", "marathon", "threshold", "interval"),
    [(40, "5:26", "5:06", "4:42"), (50, "4:31", "4:15", "3:55"), (60, "3:52", "3:38", "3:23")],
)
def test_training_paces_match_the_published_table(vdot, marathon, threshold, interval):
    paces = training_paces(vdot)
    assert paces.marathon.seconds_per_km == pytest.approx(parse_duration(marathon), abs=3)
    assert paces.threshold.seconds_per_km == pytest.approx(parse_duration(threshold), abs=3)
    assert paces.interval.seconds_per_km == pytest.approx(parse_duration(interval), abs=3)


def test_training_paces_get_faster_from_easy_to_repetition():
    paces = training_paces(50)
    order = [
        paces.easy.slow,
        paces.easy.fast,
        paces.marathon,
        paces.threshold,
        paces.interval,
        paces.repetition,
    ]
    assert [p.seconds_per_km for p in order] == sorted(
        (p.seconds_per_km for p in order), reverse=True
    )


def test_repetition_pace_is_about_400m_in_89_seconds_at_vdot_50():
    assert training_paces(50).repetition.time_for(400) == pytest.approx(89, abs=1.5)


def _plain_bisection(vdot: float, distance_m: float) -> float:
    """The race time as runcoach first solved it: 80 halvings of 0.5-2000 minutes."""
    from runcoach.domain.fitness.vdot import _vdot_at

    low_min, high_min = 0.5, 2000.0
    for _ in range(80):
        mid = (low_min + high_min) / 2
        if _vdot_at(distance_m, mid) > vdot:
            low_min = mid
        else:
            high_min = mid
    return (low_min + high_min) / 2 * 60.0


def test_race_time_is_the_plain_bisections_answer_to_the_last_bit():
    distances = (800, 1500, METRES_PER_MILE, 3000, 5000, 10000, HALF_MARATHON_M, MARATHON_M,
                 50_000, 100_000)  # fmt: skip
    for tenth in range(100, 951, 3):
        for distance_m in distances:
            vdot = tenth / 10 + 0.0123
            assert race_time_s(vdot, distance_m) == _plain_bisection(vdot, distance_m)
