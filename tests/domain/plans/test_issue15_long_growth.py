"""Issue 15's growth, the long run that grows (``coach.long_run_builds``): a goal between the
half and the marathon (a 30k, or a double of a 10k and a half) has its long-run share read
between theirs, so its long run grows toward what the distance needs (qual15)."""

from __future__ import annotations

import pytest

from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.rules import LONG_SHARE_MARATHON, LONG_SHARE_MAX, long_share_max
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M
from tests.domain.plans import coach
from tests.domain.plans.test_issue15_double import TODAY, _double


def test_the_long_run_share_between_the_half_and_the_marathon_is_read_between_them() -> None:
    week_m = 60000.0  # the standard share's volume: no low-volume allowance
    assert long_share_max(HALF_MARATHON_M, week_m) == pytest.approx(LONG_SHARE_MAX)
    assert long_share_max(MARATHON_M, week_m) == pytest.approx(LONG_SHARE_MARATHON)
    double = 10000.0 + HALF_MARATHON_M  # a 10k and a half on consecutive days
    share = long_share_max(double, week_m)
    assert share is not None and 0.34 < share < 0.35
    assert long_share_max(30000.0, week_m) == pytest.approx(0.3 + 0.1 * 8902.5 / 21097.5)


def test_a_10k_and_half_double_s_long_run_grows_toward_what_the_double_wants() -> None:
    """From 40 km a week and a 16 km longest: it held 16-17.4 km for 19 weeks at the half's
    30 % of its 60 km weeks; the coach asks ~20 % more, toward 75 % of the 31 km."""
    plan = generate(profile_from_dict(_double("10k", "half", weekly_distance="40km",
                                              longest_run_30d="16km")), TODAY, DANIELS)  # fmt: skip
    assert coach.long_run_builds(plan) == []
    longest = max(m for w in plan.weeks for m in coach._long_runs(w))
    assert longest >= 16000.0 * coach.LONG_GROWTH


def test_a_life_of_15_minute_days_is_not_asked_a_long_run_its_days_cannot_hold() -> None:
    """Every day 15 minutes at most: the long run is what 15 minutes hold (1.8 km), and a coach
    does not ask it to grow past it (``coach.long_run_builds`` reads the need within what the
    days hold, as ``coach.long_run_grows`` does)."""
    doc = {
        "weekly_distance": "0.4km", "longest_run_30d": "0.1km", "years_running": 0.5,
        "run_days_per_week": 2,
        "availability": {"cycle": {"start": "2026-11-22", "days": ["t0", "t0"],
                                   "types": {"t0": "short 15", "t1": "any"}}},
        "goal": {"race": "mile", "date": "2027-07-04"},
    }  # fmt: skip
    plan = generate(profile_from_dict(doc), TODAY, DANIELS)
    assert len(plan.weeks) >= coach.BUILDS_FROM_WEEKS
    holds = max(coach._day_holds_m(plan, d) for w in plan.weeks for d in w.days
                if d.day_type.can_run)  # fmt: skip
    longest = max(m for w in plan.weeks for m in coach._long_runs(w))
    assert longest <= holds * 1.05  # the limit read at the easy band's slow end, the run its middle
    assert coach.long_run_builds(plan) == []
