"""The one safety model read over a life of blocks' cycle (issue 15): a free week is measured
from the free week of an earlier cycle, at the same rates, never from the work week between."""

from __future__ import annotations

from runcoach.domain.safety import cycle_back, growth_check

# a 3-week cycle (12 work days, 9 off): a week of both, a free week, a work week of short days
CYCLE_KM = [28.0, 50.0, 11.0]


def test_every_other_life_reads_two_and_four_weeks_back() -> None:
    assert (cycle_back(2, 1), cycle_back(4, 1)) == (2, 4)


def test_a_life_of_blocks_reads_whole_cycles_back() -> None:
    assert (cycle_back(2, 3), cycle_back(4, 3)) == (3, 6)
    assert (cycle_back(2, 2), cycle_back(4, 2)) == (2, 4)  # a 2-week cycle: as before
    assert (cycle_back(2, 4), cycle_back(4, 4)) == (4, 4)


def test_a_free_week_is_measured_from_the_free_week_of_the_cycle_before() -> None:
    vols = [km * 1000 for km in CYCLE_KM * 2]
    lighter = [False, False, True] * 2
    limits = growth_check(vols, lighter, 4, 50000.0, period=3)
    assert limits.two_back_m == 50000.0 and limits.two_weeks == 3
    assert not limits.over_two_weeks(50000.0) and not limits.over_average(50000.0)
    # read week by week, the same free week is over the 10 % rule from week 1's 28 km
    assert growth_check(vols, lighter, 4, 50000.0).over_average(50000.0)


def test_a_free_week_still_grows_no_faster_than_the_rules_allow() -> None:
    vols = [km * 1000 for km in CYCLE_KM * 2]
    limits = growth_check(vols, [False] * 6, 4, 50000.0, period=3)
    assert limits.over_two_weeks(50000.0 * 1.31)  # 30 % over the free week a cycle before
