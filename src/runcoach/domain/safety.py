"""The one model of what is safe: how fast volume and single runs may grow.

The plan rules (``plans.rules``: what every plan keeps) and the warnings (``today.warnings``:
what the log shows) both read it, so a plan that keeps its rules raises no warning when it is
followed exactly, and a warning never asks for less than the plan the runner follows.

- A single run at most 10 % longer than the longest of the 30 days before it (Frandsen et
  al. 2025, BJSM: runs > 10 % over the 30-day longest were associated with more injuries);
  measured from at least a 20-minute run (3 km), for someone starting over.
- Weekly volume at most 30 % over two weeks before (Nielsen et al. 2014, JOSPT 44(10)) and
  about 10 % a week on average over four weeks (the 10 % rule; Buist et al. 2008, BJSM);
  a lighter (recovery) week does not reset the level growth is measured from; growth is
  measured from at least 10 km a week. A life of blocks (a cycle of work weeks of short days
  and free weeks, ``plans.blocks``) is read by its cycle: a week is measured from the same week
  of an earlier cycle (a free week from a free week), the two weeks and the four rounded up to
  whole cycles, at the same rates (30 % per cycle of two weeks or more, 10 % a week).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SINGLE_RUN_MAX = 1.10  # a run vs the longest of the previous 30 days (ratio), Frandsen 2025
SINGLE_RUN_WINDOW_DAYS = 30  # the window of that longest run, days (Frandsen et al. 2025)
MIN_LONGEST_M = 3000.0  # longest-run floor for someone starting over (m), a 20-min run
TWO_WEEK_MAX = 1.30  # a week vs two weeks before (ratio), Nielsen et al. 2014
AVERAGE_GROWTH = 1.10  # average weekly growth ceiling (ratio per week), the 10 % rule
AVERAGE_WINDOW = 4  # weeks over which the average growth is measured
MIN_WEEKLY_M = 10000.0  # volume floor growth is measured from (m/week), a 4 x 20-min start
TOLERANCE = 1.0005  # rounding allowance on ratios

SOURCE_SINGLE_RUN = (
    "no run > 10 % longer than the longest of the last 30 days (Frandsen et al. 2025, BJSM)"
)
SOURCE_TWO_WEEKS = "never more than 30 % over two weeks (Nielsen et al. 2014, JOSPT 44(10))"
SOURCE_AVERAGE = "about 10 % a week on average (the 10 % rule; Buist et al. 2008, BJSM)"


def single_run_limit_m(longest_m: float) -> float:
    """The longest run allowed after a longest of ``longest_m`` in the 30 days before."""
    return longest_m * SINGLE_RUN_MAX


def run_over(distance_m: float, longest_m: float | None) -> float | None:
    """How much longer than ``longest_m`` a run is (0.25: 25 %) when it breaks the rule."""
    if longest_m is None or longest_m <= 0:
        return None
    if distance_m <= single_run_limit_m(longest_m) * TOLERANCE:
        return None
    return distance_m / longest_m - 1


@dataclass(frozen=True)
class GrowthCheck:
    """A week's volume against the two growth limits, with the weeks they are measured from."""

    two_back_m: float  # the level two weeks before (a lighter week skipped)
    level_m: float  # the level the average growth is measured from
    weeks: int  # weeks since that level
    two_weeks: int = 2  # weeks back the two-week level was read (a whole cycle of blocks)

    @property
    def two_week_limit_m(self) -> float:
        return self.two_back_m * TWO_WEEK_MAX

    @property
    def average_limit_m(self) -> float:
        return self.level_m * AVERAGE_GROWTH**self.weeks

    def over_two_weeks(self, volume_m: float) -> bool:
        return volume_m > self.two_week_limit_m * TOLERANCE

    def over_average(self, volume_m: float) -> bool:
        return volume_m > self.average_limit_m * TOLERANCE


def growth_check(
    volumes: Sequence[float], lighter: Sequence[bool], i: int, base_m: float, period: int = 1
) -> GrowthCheck:
    """Week ``i`` of ``volumes`` (``lighter``: the recovery weeks) against the weeks before
    it; before the first week, the runner's volume before (``base_m``). ``period``: a life of
    blocks' cycle in weeks (``cycle_back``), 1 for every other life."""
    two = cycle_back(2, period)
    j = _skip_lighter(lighter, i - two, period)
    two_back = max(volumes[j] if j >= 0 else base_m, MIN_WEEKLY_M)
    j = _skip_lighter(lighter, i - cycle_back(AVERAGE_WINDOW, period), period)
    level = max(volumes[j] if j >= 0 else base_m, MIN_WEEKLY_M)
    return GrowthCheck(two_back, level, i - max(j, -1), two)


def cycle_back(weeks: int, period: int) -> int:
    """How far back a level ``weeks`` before is read in a life of blocks of ``period`` weeks:
    rounded up to whole cycles, so that a free week is measured from a free week, not from
    the work week its job held down (a 3-week cycle: the two-week level 3 weeks back, the
    four-week level 6). ``weeks`` itself for every other life (``period`` 1)."""
    return -(-weeks // period) * period


def _skip_lighter(lighter: Sequence[bool], j: int, period: int = 1) -> int:
    """A lighter recovery week does not reset the base growth is measured from: the week
    before it (the same week of the cycle before, in a life of blocks) does."""
    while j >= 0 and lighter[j]:
        j -= period
    return j
