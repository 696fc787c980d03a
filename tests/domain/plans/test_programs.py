"""The ready programs come out as their descriptions say."""

from __future__ import annotations

from datetime import date

from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.rules import check
from runcoach.domain.plans.workouts import StepKind, WorkoutKind

TODAY = date(2026, 11, 22)
MILER = {
    "program": "sub-5-mile",
    "goal": {"race": "mile", "date": "2027-01-24", "target": "4:59"},
    "recent_results": [{"date": "2026-10-18", "distance": "mile", "time": "5:12"}],
    "weekly_distance": "55km",
    "longest_run_30d": "16km",
    "years_running": 6,
    "facilities": ["track", "hills"],
}


def _plan(doc: dict[str, object]) -> Plan:
    return generate(profile_from_dict(doc), TODAY, DANIELS)


def test_the_mile_program_is_nine_complete_weeks_ending_with_the_race() -> None:
    plan = _plan(MILER)
    assert len(plan.weeks) == 9 and all(len(w.days) == 7 for w in plan.weeks)
    assert plan.weeks[-1].days[-1].has(WorkoutKind.RACE)
    assert not [v for v in check(plan) if v.accepted is None]


def test_the_mile_program_has_two_speed_sessions_most_weeks() -> None:
    plan = _plan(MILER)
    sessions = [sum(1 for d in w.days if d.is_quality) for w in plan.weeks]
    assert sum(1 for n in sessions if n == 2) >= 6


def test_each_400_in_the_ladder_is_faster_than_the_last_with_a_minute_of_rest() -> None:
    ladder = next(w for d in _plan(MILER).days() for w in d.workouts if "400 m ladder" in w.title)
    reps = [s for s in ladder.steps() if s.kind is StepKind.WORK]
    paces = [s.pace.middle.seconds_per_km for s in reps if s.pace]
    assert paces == sorted(paces, reverse=True) and len(set(paces)) == len(paces)
    rests = [s.duration_s for s in ladder.steps() if s.kind is StepKind.RECOVERY]
    assert set(rests) == {60.0}


def test_the_ladder_is_the_benchmark_and_gets_faster_each_time() -> None:
    ladders = [w for d in _plan(MILER).days() for w in d.workouts if w.benchmark]
    assert 4 <= len(ladders) <= 5
    fastest = [
        min(s.pace.middle.seconds_per_km for s in w.steps() if s.pace and s.kind is StepKind.WORK)
        for w in ladders
    ]
    assert fastest == sorted(fastest, reverse=True)


def test_hill_climbs_jog_three_quarters_then_sprint_and_go_to_the_treadmill_without_hills() -> None:
    plan = _plan({**MILER, "facilities": ["track", "treadmill"]})
    climbs = next(w for d in plan.days() for w in d.workouts if w.kind is WorkoutKind.HILLS)
    work = [s for s in climbs.steps() if s.kind is StepKind.WORK][:2]
    assert work[0].duration_s == 3 * work[1].duration_s
    assert work[1].effort is not None and work[1].effort.value == "sprint"
    assert "treadmill" in climbs.title


def test_the_return_after_a_break_is_easy_running_first() -> None:
    plan = _plan(
        {
            "program": "return-after-break",
            "goal": "health",
            "weekly_distance": "0km",
            "longest_run_30d": "0km",
            "years_running": 5,
        }
    )
    early = [d for w in plan.weeks[:3] for d in w.days]
    assert not any(d.is_quality for d in early)
    assert not [v for v in check(plan) if v.accepted is None]


def test_a_first_half_from_a_longest_run_of_four_miles_grows_it_ten_percent_at_a_time() -> None:
    plan = _plan(
        {
            "program": "first-half",
            "goal": {"race": "half", "date": "2027-04-25"},
            "weekly_distance": "20km",
            "years_running": 0.5,
            "run_days_per_week": 5,
        }
    )
    longs = [
        w.total_distance_m() for d in plan.days() for w in d.workouts if w.kind is WorkoutKind.LONG
    ]
    assert longs[0] <= 4 * 1609.344 * 1.1
    assert max(longs) > longs[0] * 1.6
    assert not [v for v in check(plan) if v.accepted is None]
