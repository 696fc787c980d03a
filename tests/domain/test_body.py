from __future__ import annotations

from datetime import date, timedelta

import pytest

from runcoach.domain.fitness.body import (
    CHANGE_DAYS,
    Reading,
    body_trend,
    resting_hr_rise,
    resting_hr_words,
    weight_words,
)
from runcoach.domain.units import UnitSystem

DAY = date(2026, 12, 2)


def daily(values, last=DAY):
    """Readings on consecutive days ending on ``last``."""
    return [Reading(last - timedelta(len(values) - 1 - k), v) for k, v in enumerate(values)]


def test_the_trend_is_the_week_average_and_its_change_over_four_weeks():
    readings = daily(
        [72.0] * 7 + [71.5] * (CHANGE_DAYS - 7) + [71.0, 71.2, 70.8, 71.0, 70.6, 71.4, 71.0]
    )
    trend = body_trend(readings, DAY - timedelta(60), DAY)
    assert trend is not None and trend.latest == Reading(DAY, 71.0)
    assert (trend.average, trend.readings) == (pytest.approx(71.0), 7)
    assert trend.change == pytest.approx(-1.0)
    assert len(trend.points) == len(trend.averages) == len(readings)


def test_without_readings_four_weeks_before_there_is_no_change_and_a_gap_shortens_the_week():
    readings = [
        Reading(DAY, 52.0),
        Reading(DAY - timedelta(3), 54.0),
        Reading(DAY - timedelta(9), 60.0),
    ]
    trend = body_trend(readings, DAY - timedelta(10), DAY)
    assert trend is not None and (trend.average, trend.readings, trend.change) == (53.0, 2, None)


def test_no_reading_in_the_span_is_no_trend_and_later_readings_are_not_read():
    readings = [Reading(DAY - timedelta(40), 70.0), Reading(DAY + timedelta(1), 69.0)]
    assert body_trend(readings, DAY - timedelta(20), DAY) is None


def test_the_trend_is_told_in_the_runners_units():
    readings = daily([70.0] * 7 + [71.0] * (CHANGE_DAYS - 7) + [70.0] * 7)
    trend = body_trend(readings, DAY - timedelta(7), DAY)
    assert trend is not None
    assert weight_words(trend, UnitSystem.METRIC) == (
        f"weight 70.0 kg on {DAY}; 7-day average 70.0 kg (7 readings), +0.0 kg over 4 weeks"
    )
    assert "154.3 lb on" in weight_words(trend, UnitSystem.IMPERIAL)
    assert resting_hr_words(trend).startswith(f"resting heart rate 70 bpm on {DAY}")


def test_a_resting_heart_rate_5_bpm_over_the_week_before_on_3_mornings_is_a_rise():
    readings = daily([50, 52, 51, 49, 50, 52, 51, 57, 58, 56])
    rise = resting_hr_rise(readings, DAY)
    assert rise is not None and rise.baseline == pytest.approx(50.714, abs=0.001)
    assert [r.value for r in rise.readings] == [57, 58, 56]


@pytest.mark.parametrize(
    "values",
    [
        [50, 52, 51, 49, 50, 52, 51, 57, 58, 55],  # the last morning under baseline + 5
        [50, 52, 51, 49, 50, 52, 51, 50, 58, 57],  # only 2 mornings
        [None, None, None, None, None, 50, 51, 57, 58, 56],  # a baseline of 2 readings
        [50, 52, 51, 49, 50, 52, 51, 57, None, 56],  # a morning not measured
    ],
)
def test_no_rise_without_three_high_mornings_in_a_row_over_a_real_baseline(values):
    readings = [r for r in daily(values) if r.value is not None]
    assert resting_hr_rise(readings, DAY) is None
