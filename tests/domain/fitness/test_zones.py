import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.zones import heart_rate_zones


def test_karvonen_zones_use_the_heart_rate_reserve():
    zones = heart_rate_zones(190, 50)
    assert zones.method == "heart-rate reserve"
    assert zones.zones[0].low_bpm == 120  # 50 + 0.5 x 140
    assert zones.zones[-1].high_bpm == 190


def test_without_resting_hr_zones_are_shares_of_max_hr():
    zones = heart_rate_zones(200)
    assert zones.zones[1].low_bpm == 120 and zones.zones[1].high_bpm == 140


def test_an_implausible_max_hr_is_refused_with_an_example():
    with pytest.raises(InvalidInput, match="max heart rate"):
        heart_rate_zones(300)
