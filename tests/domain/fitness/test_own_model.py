"""runcoach's own model: pairs shrunk to Riegel, several results combined, the interval."""

import math

import pytest

from runcoach.domain.fitness.models import riegel_time
from runcoach.domain.fitness.own_model import (
    OWN_MODEL,
    RESIDUAL_SCALE_FLOOR,
    Result,
    combine,
    pair_key,
    predict,
    recency_weight,
    shrunk_log_gain,
    standard_distance,
)
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE

TEN_MILES = 10 * METRES_PER_MILE


def test_any_distance_maps_to_the_nearest_race_distance_of_the_data():
    assert standard_distance(8_000) == "5mi"
    # 12.5 km: log(12.5/10) = 0.223 < log(16.09/12.5) = 0.253
    assert standard_distance(12_500) == "10k"
    # 30 km: log(42.195/30) = 0.341 < log(30/21.0975) = 0.352
    assert standard_distance(30_000) == "marathon"
    assert pair_key(MARATHON_M, 5_000) == ("marathon", "5k")


def test_a_share_of_zero_is_riegel_and_one_is_the_fit():
    assert shrunk_log_gain(0.9, 0.5, 0.0) == pytest.approx(1.06 * 0.5)
    assert shrunk_log_gain(0.9, 0.5, 1.0) == pytest.approx(0.9)
    assert shrunk_log_gain(0.9, 0.5, 0.25) == pytest.approx(0.25 * 0.9 + 0.75 * 0.53)


def test_where_the_data_say_the_fit_does_not_help_the_prediction_is_riegel():
    assert OWN_MODEL.shrink[("half", "10mi")] == 0.0  # chosen by the cross-validation
    half = Result(HALF_MARATHON_M, 5400)
    p = predict([half], TEN_MILES, 50_000)
    assert p.time_s == pytest.approx(riegel_time(HALF_MARATHON_M, 5400, TEN_MILES))


def test_combine_weighs_near_and_recent_results_more():
    # says: 1 * e^(-0.1) = 0.904837 and 0.5 * e^(-0.7) = 0.248293;
    # (0.904837 * 8.0 + 0.248293 * 8.2) / 1.153130 = 9.274703 / 1.153130 = 8.043064
    log_time, scale = combine([8.0, 8.2], [0.1, -0.7], [1.0, 0.5], 1.0)
    say_a, say_b = math.exp(-0.1), 0.5 * math.exp(-0.7)
    assert log_time == pytest.approx((say_a * 8.0 + say_b * 8.2) / (say_a + say_b))
    assert log_time == pytest.approx(8.043064, abs=1e-6)
    assert scale == pytest.approx((say_a * 0.1 + say_b * 0.7) / (say_a + say_b) + 1.5)


def test_two_results_are_the_weighted_mean_of_what_each_predicts_plus_the_offset():
    ten, half = Result(10_000, 2490), Result(HALF_MARATHON_M, 5525)
    alone = [predict([r], MARATHON_M, 56_000) for r in (ten, half)]
    both = predict([ten, half], MARATHON_M, 56_000)
    band = OWN_MODEL.bands["long"]
    ratios = [math.log(MARATHON_M / r.distance_m) for r in (ten, half)]
    says = [math.exp(-band.closeness * abs(lr)) for lr in ratios]
    mean = sum(s * math.log(p.time_s) for s, p in zip(says, alone, strict=True)) / sum(says)
    assert both.time_s == pytest.approx(math.exp(mean + band.several_offset))
    spread = sum(s * abs(lr) for s, lr in zip(says, ratios, strict=True)) / sum(says)
    scale = spread + RESIDUAL_SCALE_FLOOR
    assert both.low_s == pytest.approx(both.time_s * math.exp(band.several_low * scale))
    assert both.high_s == pytest.approx(both.time_s * math.exp(band.several_high * scale))
    assert both.used == (ten, half)


def test_an_old_result_counts_less_than_a_fresh_one():
    fresh, old = Result(10_000, 2400), Result(10_000, 2600, days_ago=180)
    assert recency_weight(180) == pytest.approx(0.25)
    p = predict([fresh, old], HALF_MARATHON_M, 50_000)
    both_fresh = predict([fresh, Result(10_000, 2600)], HALF_MARATHON_M, 50_000)
    alone = predict([fresh], HALF_MARATHON_M, 50_000)
    assert alone.time_s < p.time_s < both_fresh.time_s
