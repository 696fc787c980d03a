import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.models import CLASSIC_MODELS, cameron_time, riegel_time
from runcoach.domain.fitness.own_model import OWN_MODEL_NAME, Result, predict
from runcoach.domain.units import MARATHON_M, parse_duration


def test_riegel_doubles_distance_with_the_1_06_exponent():
    assert riegel_time(10_000, 2400, 20_000) == pytest.approx(2400 * 2**1.06)


def test_cameron_matches_its_usual_metre_form():
    # a(d) = 13.49681 - 0.000030363 d + 835.7114 / d^0.7905, d in metres (as calculators print it)
    def a(d):
        return 13.49681 - 0.000030363 * d + 835.7114 / d**0.7905

    expected = 5400 / 21_097.5 * a(21_097.5) / a(MARATHON_M) * MARATHON_M
    assert cameron_time(21_097.5, 5400, MARATHON_M) == pytest.approx(expected, rel=1e-4)
    assert expected == pytest.approx(parse_duration("3:11:15"), abs=5)


def test_every_classic_model_names_its_source():
    assert set(CLASSIC_MODELS) == {"riegel-1.06", "vdot", "cameron"}
    assert all(m.source for m in CLASSIC_MODELS.values())


def test_the_own_model_is_slower_than_riegel_for_a_low_mileage_marathoner():
    half = [Result(21_097.5, parse_duration("1:45:00"))]
    low = predict(half, MARATHON_M, 25_000)
    high = predict(half, MARATHON_M, 100_000)
    assert low.time_s > high.time_s > riegel_time(21_097.5, 6300, MARATHON_M) * 0.99
    assert low.model == OWN_MODEL_NAME


def test_the_interval_brackets_the_prediction_and_widens_with_the_distance_ratio():
    five = [Result(5000, 1200)]
    near = predict(five, 10_000, 40_000)
    far = predict(five, MARATHON_M, 40_000)
    assert near.low_s < near.time_s < near.high_s
    assert far.high_s / far.low_s > near.high_s / near.low_s


def test_outside_5k_to_marathon_the_prediction_says_it_used_vdot():
    prediction = predict([Result(10_000, 2400)], 50_000, 80_000)
    assert prediction.model == "vdot"


def test_a_prediction_needs_a_result():
    with pytest.raises(InvalidInput, match="at least one result"):
        predict([], MARATHON_M)
