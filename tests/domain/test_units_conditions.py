"""Parsing temperatures, percentages and times of day, as typed for race-day conditions."""

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.units import parse_percentage, parse_temperature, parse_time_of_day


@pytest.mark.parametrize(
    ("text", "celsius"), [("24C", 24.0), ("24 °C", 24.0), ("75F", 23.89), ("-5c", -5.0), ("18", 18)]
)
def test_temperatures_in_celsius_or_fahrenheit(text, celsius):
    assert parse_temperature(text) == pytest.approx(celsius, abs=0.01)


@pytest.mark.parametrize("text", ["hot", "24K", "80C"])
def test_a_bad_temperature_says_what_is_right(text):
    with pytest.raises(InvalidInput) as error:
        parse_temperature(text)
    assert "24C" in str(error.value)


def test_percentages_with_or_without_the_sign():
    assert parse_percentage("70%") == 70.0
    assert parse_percentage(" 55 ") == 55.0
    with pytest.raises(InvalidInput, match="0 to 100"):
        parse_percentage("120%")


@pytest.mark.parametrize(
    ("text", "hour"), [("09:00", 9.0), ("21:30", 21.5), ("9pm", 21.0), ("7:30am", 7.5), ("12am", 0)]
)
def test_times_of_day(text, hour):
    assert parse_time_of_day(text) == hour


@pytest.mark.parametrize("text", ["25:00", "9:75", "noon", "13pm"])
def test_a_bad_time_of_day_gets_an_example(text):
    with pytest.raises(InvalidInput, match="09:00"):
        parse_time_of_day(text)
