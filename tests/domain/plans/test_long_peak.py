"""The week grows with a marathoner's long run (``plans/long_peak.py``): a runner who already
runs 26 km long runs gets a peak week that carries ~31 km at the long run's 40 % share
(Pfitzinger & Douglas' marathon schedules), not the distance's 70 km week that held the long
run at 26-28 km; a first-year runner's week stays a novice's, and shorter goals keep their
table week."""

from __future__ import annotations

from typing import Any

from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Phase, Plan, Week
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


def test_on_3_run_days_the_build_keeps_the_medium_long_run_and_the_long_run_grows() -> None:
    """Two sessions beside the long run left no easy running on 3 days: the week shrank to
    39 km when the build began and the long run fell 25 -> 20 km, held to half of it; one
    session and a medium-long run (week_input.ONE_SESSION_RUN_DAYS) carry it on."""
    doc = _runner(weekly_distance="45km", longest_run_30d="20km", years_running=4,
                  run_days_per_week=3, recent_results=[])  # fmt: skip
    plan = _plan(doc)

    def long_km(w: Week) -> float:
        return max((x.total_distance_m() for _, x in w.workouts() if x.kind is WorkoutKind.LONG),
                   default=0.0) / KM  # fmt: skip

    normal = [w for w in plan.weeks if not w.recovery and w.phase is not Phase.TAPER]
    build = [w for w in normal if w.phase in (Phase.BUILD, Phase.PEAK)]
    base = [w for w in normal if w.phase is Phase.BASE]
    assert all(sum(x.is_quality for _, x in w.workouts()) == 1 for w in build)
    assert long_km(build[0]) >= long_km(base[-1])  # no fall when the build begins
    assert max(long_km(w) for w in build) >= 28.5
