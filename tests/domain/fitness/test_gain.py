"""The expected fitness gain on reference cases: what real repeat runners did."""

import pytest

from runcoach.domain.fitness.gain import (
    GAIN_HIGH_PCT,
    GAIN_LOW_PCT,
    GainInputs,
    expected_gain,
    novice_gain_pct,
)


def test_an_experienced_runner_is_expected_no_faster_a_year_later():
    gain = expected_gain(52, GainInputs(years_running=10))
    assert gain.centre_pct == pytest.approx(0.0, abs=0.05)
    assert gain.low_pct == pytest.approx(GAIN_LOW_PCT, abs=0.1)
    assert gain.high_pct == pytest.approx(GAIN_HIGH_PCT, abs=0.1)


def test_part_of_a_recent_improvement_is_expected_to_reverse():
    improved = expected_gain(52, GainInputs(trend_pct_per_year=5.0))
    slowed = expected_gain(52, GainInputs(trend_pct_per_year=-5.0))
    assert improved.centre_pct < 0 < slowed.centre_pct
    assert improved.centre_pct == pytest.approx(-0.01 - 0.9, abs=0.01)


def test_a_wild_trend_is_clipped_to_ten_percent_a_year():
    assert expected_gain(52, GainInputs(trend_pct_per_year=40)).centre_pct == pytest.approx(
        expected_gain(52, GainInputs(trend_pct_per_year=10)).centre_pct
    )


def test_age_above_35_lowers_the_expected_gain():
    assert expected_gain(52, GainInputs(age=55)).centre_pct == pytest.approx(-0.01 - 20 * 0.06)
    assert expected_gain(52, GainInputs(age=30)).centre_pct == pytest.approx(-0.01)


def test_a_beginner_gains_more_and_the_extra_fades_by_three_years():
    assert novice_gain_pct(52, 0.0) == pytest.approx(8 * (1 - 2.71828 ** (-52 / 30)), abs=0.01)
    assert novice_gain_pct(52, 1.5) == pytest.approx(novice_gain_pct(52, 0.0) / 2)
    assert novice_gain_pct(52, 3.0) == novice_gain_pct(52, None) == 0.0


def test_the_interval_widens_slowly_with_the_horizon_and_holds_the_centre():
    short, year, three = (expected_gain(w, GainInputs()) for w in (12, 52, 156))
    widths = [g.high_pct - g.low_pct for g in (short, year, three)]
    assert widths[0] < widths[1] < widths[2] < 1.3 * widths[1]
    assert all(g.low_pct < g.centre_pct < g.high_pct for g in (short, year, three))
