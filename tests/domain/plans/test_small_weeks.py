"""A small week keeps its runs: a comeback's lighter week (7 km) was split four ways into
8-minute runs, each under the shortest run prescribed and so dropped, leaving one 2 km run
(found when the run-days limitation stopped covering it with 'fewer than 4 days that can
hold a run' in a week of seven free days)."""

from __future__ import annotations

from runcoach.domain.plans.rules import check
from tests.domain.plans.test_programs import _plan


def test_a_comebacks_lighter_weeks_keep_their_runs():
    plan = _plan({"program": "return-after-break", "goal": "health", "weekly_distance": "0km",
                  "longest_run_30d": "0km", "years_running": 5})  # fmt: skip
    for week in plan.weeks:
        if week.recovery:
            before = plan.weeks[week.index - 2]
            assert week.run_days >= 4, week.index
            assert 0.6 * before.distance_m <= week.distance_m <= 0.9 * before.distance_m
    assert not [v for v in check(plan) if v.accepted is None]
