"""The heat model on reference cases: Boston 2004 (28 °C) and the levels and seasons around it."""

import pytest

from runcoach.domain.fitness.conditions import Conditions, conditions_effect, wbgt_estimate_c
from runcoach.domain.fitness.heat import (
    HEAT_THRESHOLD_WBGT_C,
    heat_cost,
    marathon_level_h,
    season_threshold_c,
)

MARATHON_M = 42_195.0


def _pct(wbgt_c: float, hours: float, month: int | None = 4) -> float:
    return heat_cost(wbgt_c, MARATHON_M, hours * 3600, month).pct


def test_the_wbgt_estimate_matches_the_bureau_of_meteorology_formula():
    # 28.1 °C with a dew point of 8.4 °C (Boston 2004): e = 11.0 hPa, WBGT = 24.2 °C
    assert wbgt_estimate_c(28.14, 8.43) == pytest.approx(24.2, abs=0.05)
    assert wbgt_estimate_c(25.0, 25.0) > wbgt_estimate_c(25.0, 10.0)


def test_below_the_threshold_heat_costs_nothing():
    assert _pct(HEAT_THRESHOLD_WBGT_C, 3.5) == 0.0
    assert _pct(5.0, 5.0) == 0.0


def test_boston_2004_cost_a_3_30_marathoner_about_seven_percent():
    # held-out check (docs/heat_gain_accuracy.json): runners of 3:30-4:00 were 7.2 % slower
    assert _pct(24.2, 3.5) == pytest.approx(7.4, abs=0.1)


def test_slower_runners_lose_more_in_the_same_heat():
    assert _pct(24.2, 2.75) < _pct(24.2, 3.5) < _pct(24.2, 4.5) < _pct(24.2, 5.5)


def test_heat_after_the_summer_costs_less_than_spring_heat():
    assert season_threshold_c(4) == HEAT_THRESHOLD_WBGT_C
    assert season_threshold_c(10) > season_threshold_c(7) > season_threshold_c(4)
    assert season_threshold_c(1) == season_threshold_c(12) == season_threshold_c(None)
    assert _pct(19, 4.0, month=10) == 0.0 < _pct(19, 4.0, month=4)
    assert 0.0 < _pct(27.5, 4.0, month=10) < _pct(27.5, 4.0, month=4)


def test_the_level_of_a_10k_runner_is_the_marathon_time_at_the_same_pace():
    assert marathon_level_h(10_000, 3000) == pytest.approx(3.516, abs=0.001)


def test_heat_beyond_the_fitted_range_is_marked_as_extrapolated():
    hot = heat_cost(30.0, MARATHON_M, 4 * 3600, 4)
    assert any("extrapolated" in note for note in hot.extrapolated)
    assert heat_cost(20.0, MARATHON_M, 4 * 3600, 4).extrapolated == ()


def test_dangerous_heat_warns_to_cancel():
    effect = conditions_effect(Conditions(temperature_c=33, dew_point_c=25), MARATHON_M, 4 * 3600)
    assert any("ACSM" in w for w in effect.warnings)
    heat = next(a for a in effect.adjustments if a.name == "heat")
    assert "extrapolated" in heat.limits and "extrapolated" in heat.detail


def test_the_race_month_reaches_the_heat_cost():
    spring = conditions_effect(
        Conditions(temperature_c=24, dew_point_c=14, race_month=4), MARATHON_M, 4 * 3600
    )
    autumn = conditions_effect(
        Conditions(temperature_c=24, dew_point_c=14, race_month=10), MARATHON_M, 4 * 3600
    )
    assert 1.0 < autumn.factor < spring.factor
    heat = next(a for a in autumn.adjustments if a.name == "heat")
    assert "acclimatisation" in heat.detail
