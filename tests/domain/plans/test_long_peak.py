"""The week grows with a marathoner's long run (``plans/long_peak.py``): a runner who already
runs 26 km long runs gets a peak week that carries ~31 km at the long run's 40 % share
(Pfitzinger & Douglas' marathon schedules), not the distance's 70 km week that held the long
run at 26-28 km; a first-year runner's week stays a novice's, and shorter goals keep their
table week."""

from __future__ import annotations

from typing import Any

from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Phase, Plan
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.rules import check
from runcoach.domain.plans.workouts import WorkoutKind
from tests.domain.plans import coach
from tests.domain.plans.strategies import TODAY

KM = 1000.0


def _runner(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "goal": {"race": "marathon", "date": "2027-04-18"},
        "recent_results": [{"date": "2026-10-18", "distance": "marathon", "time": "3:45:00"}],
        "weekly_distance": "60km", "longest_run_30d": "26km", "years_running": 6,
        "run_days_per_week": 5,
    }  # fmt: skip
    return doc | changes


def _plan(doc: dict[str, Any]) -> Plan:
    return generate(profile_from_dict(doc), TODAY, DANIELS)


def _peak_km(plan: Plan) -> float:
    return max(w.distance_m for w in plan.weeks if w.phase is not Phase.TAPER) / KM


def _longest_km(plan: Plan) -> float:
    longs = [x.total_distance_m() for w in plan.weeks for _, x in w.workouts()
             if x.kind is WorkoutKind.LONG]  # fmt: skip
    return max(longs) / KM


def test_a_marathoner_with_a_26_km_long_run_grows_it_and_the_week_with_it() -> None:
    plan = _plan(_runner())
    assert 72 <= _peak_km(plan) <= 82  # toward the week that carries ~31 km at 40 %, not 70
    assert _longest_km(plan) > 28.5  # over the 28 km 40 % of a 70 km week carries
    assert any("the week with it" in n for n in plan.notes)
    assert check(plan) == []
    assert coach.everything(plan, profile_from_dict(_runner())) == []


def test_a_first_year_runner_s_week_stays_within_a_seasoned_marathoner_s_70_km() -> None:
    plan = _plan(_runner(years_running=0.5, recent_results=[]))
    assert _peak_km(plan) <= 70.5


def test_a_half_marathoner_keeps_the_half_s_peak_week() -> None:
    doc = _runner(goal={"race": "half", "date": "2027-04-18"}, longest_run_30d="18km")
    plan = _plan(doc)
    assert _peak_km(plan) <= 60.5
    assert not any("the week with it" in n for n in plan.notes)
