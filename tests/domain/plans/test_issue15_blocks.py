"""Issue 15, what a coach reads in two lives the caps got wrong: the first marathon on 7-on /
7-off work blocks (its long run must reach a marathon's, carried by the free weeks), and a
runner far above the plan's caps (the plan starts from what they do, it does not cut them)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import Profile, profile_from_dict
from runcoach.domain.plans.rules import check
from tests.domain.plans import coach

TODAY = date(2026, 12, 3)
KM = 1000.0


def _build(doc: dict[str, Any]) -> tuple[Plan, Profile]:
    profile = profile_from_dict(doc)
    return generate(profile, TODAY, DANIELS), profile


def _undeclared(plan: Plan) -> list[str]:
    return [f"{v.day} {v.rule}: {v.seen}" for v in check(plan) if v.accepted is None]


def _long_runs(plan: Plan) -> list[float]:
    return [max(coach._long_runs(w), default=0.0) for w in plan.weeks]


# ---- a runner far above the caps -------------------------------------------------------

BIG_RUNNER: dict[str, Any] = {
    "recent_results": [{"date": "2026-10-04", "distance": "half", "time": "1:25:00"}],
    "weekly_distance": "90km",
    "longest_run_30d": "30km",
    "years_running": 6,
    "run_days_per_week": 6,
}


@pytest.mark.parametrize("goal", ["base", "health"])
def test_a_90_km_runner_building_base_keeps_his_30_km_long_run_and_his_week(goal: str):
    """A goal without a race used to take a 10k's long run (18 km) for a runner who runs
    30 km every week: the plan now holds what he runs, week 1 included."""
    plan, profile = _build({**BIG_RUNNER, "goal": goal})
    longs = _long_runs(plan)
    assert longs[0] >= 0.95 * 30 * KM
    normal = [m for w, m in zip(plan.weeks, longs, strict=True) if not w.recovery]
    assert min(normal) >= 0.95 * 30 * KM  # held, not cut, in every normal week
    assert plan.weeks[0].distance_m >= 0.9 * 90 * KM
    assert coach.everything(plan, profile) == []
    assert coach.volume_builds(plan) == []
    assert _undeclared(plan) == []


@pytest.mark.parametrize(("race", "day"), [("marathon", "2027-05-16"), ("half", "2027-04-18")])
def test_a_90_km_runner_asking_for_a_race_starts_from_his_week_and_long_run(race: str, day: str):
    plan, profile = _build({**BIG_RUNNER, "goal": {"race": race, "date": day}})
    longs = _long_runs(plan)
    need = 30 * KM if race == "marathon" else 19 * KM  # what the distance needs at most
    assert longs[0] >= 0.95 * min(30 * KM, need)
    assert plan.weeks[0].distance_m >= 0.9 * 90 * KM
    assert coach.everything(plan, profile) == []
    assert coach.volume_builds(plan) == []
    assert _undeclared(plan) == []
