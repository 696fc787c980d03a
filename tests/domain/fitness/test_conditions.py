import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.conditions import (
    Conditions,
    conditions_effect,
    dew_point_c,
)


def test_a_cold_dry_morning_below_the_heat_threshold_costs_nothing_for_heat():
    effect = conditions_effect(Conditions(temperature_c=6, dew_point_c=0), 10_000, 2400)
    assert effect.factor == pytest.approx(1.0)


def test_a_cool_morning_just_above_the_threshold_costs_under_one_percent():
    # 10 °C, dew point 4 °C: WBGT about 12.8 °C, just above the 10 °C threshold (Ely et al. 2007)
    effect = conditions_effect(Conditions(temperature_c=10, dew_point_c=4), 10_000, 2400)
    assert 1.0 < effect.factor < 1.01


def test_hot_humid_evening_costs_several_percent():
    effect = conditions_effect(
        Conditions(temperature_c=29, humidity_pct=75, start_hour=21), 8000, 26 * 60
    )
    assert 1.04 < effect.factor < 1.08
    heat = next(a for a in effect.adjustments if a.name == "heat")
    assert "Ely" in heat.source and heat.limits


def test_dew_point_from_humidity_matches_the_magnus_formula():
    assert dew_point_c(20, 50) == pytest.approx(9.3, abs=0.1)
    assert dew_point_c(30, 100) == pytest.approx(30, abs=0.01)


def test_a_humidity_over_100_percent_is_refused():
    with pytest.raises(InvalidInput):
        dew_point_c(20, 120)


def test_heat_does_not_slow_a_short_race():
    effect = conditions_effect(Conditions(temperature_c=30, dew_point_c=22), 1500, 300)
    assert effect.factor == pytest.approx(1.0)


def test_elevation_gain_costs_more_on_a_shorter_course():
    short = conditions_effect(Conditions(elevation_gain_m=100), 10_000, 2400).factor
    long = conditions_effect(Conditions(elevation_gain_m=100), 42_195, 12_000).factor
    assert short > long > 1.0


def test_altitude_below_500m_is_free_and_1600m_costs_about_two_percent():
    assert conditions_effect(Conditions(altitude_m=300), 10_000, 2400).factor == 1.0
    assert conditions_effect(Conditions(altitude_m=1600), 10_000, 2400).factor == pytest.approx(
        1.019, abs=0.003
    )


def test_an_early_start_costs_a_little_and_every_adjustment_names_its_source():
    effect = conditions_effect(
        Conditions(start_hour=6.5, elevation_gain_m=250, altitude_m=1600, temperature_c=24),
        42_195,
        11_000,
    )
    assert {a.name for a in effect.adjustments} == {
        "heat",
        "time of day",
        "elevation gain",
        "altitude",
    }
    assert all(a.source and a.limits for a in effect.adjustments)


def test_altitude_above_the_data_says_it_is_extrapolated():
    effect = conditions_effect(Conditions(altitude_m=3600), 10_000, 2400)
    (altitude,) = [a for a in effect.adjustments if a.name == "altitude"]
    # 3000 m costs 6.5 %; the last step (2500 -> 3000 m: +1.8 %) continued for 600 m: +2.16 %
    assert altitude.factor == pytest.approx(1.0866)
    assert "extrapolated beyond the data" in altitude.limits


def test_a_course_steeper_than_any_race_is_refused_and_a_steep_one_is_a_rough_guide():
    with pytest.raises(InvalidInput, match="steeper than any race"):
        conditions_effect(Conditions(elevation_gain_m=100_000), 10_000, 2400)
    effect = conditions_effect(Conditions(elevation_gain_m=800), 10_000, 2400)
    (hills,) = effect.adjustments
    assert hills.factor == pytest.approx(1 + 800 * 3.65 / 10_000)  # 29.2 % slower
    assert "rough guide" in hills.limits
