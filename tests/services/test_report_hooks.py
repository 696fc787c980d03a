"""What the report hooks make of a plan and a log, numbers by hand (no store needed)."""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import date, timedelta

from runcoach.domain.plans.model import Goal, GoalKind
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.progress.compliance import compliance
from runcoach.domain.run.logged import LoggedRun
from runcoach.services.report_builder import cycle_collector_paused
from runcoach.services.report_hooks import goals_met, plan_facts
from tests.domain.today.helpers import START, done_as, half_plan

# the helpers' plan: a half marathon on 30 May 2027; here with a 1:45:00 target
PLAN = replace(
    half_plan(), goal=Goal(GoalKind.RACE, 21097.5, date(2027, 5, 30), 6300.0, "spring half")
)
WEEK1, WEEK2 = PLAN.weeks[0], PLAN.weeks[1]


def race(day: date, metres: float, seconds: float, run_id: int) -> LoggedRun:
    return LoggedRun(day, metres, seconds, WorkoutKind.RACE, run_id=run_id, is_race=True)


def test_a_complete_week_and_a_partial_one_beside_what_was_planned():
    log = [done_as(d.day, w, run_id=i) for i, (d, w) in enumerate(WEEK1.workouts()) if w.is_run]
    first_of_week2 = next(d for d in WEEK2.days if d.runs)
    log.append(done_as(first_of_week2.day, first_of_week2.runs[0], run_id=99))
    today = WEEK2.start + timedelta(days=7)  # both weeks over
    weeks = compliance(PLAN, log, today)
    facts = plan_facts(PLAN, weeks, log, START, today, "plan 1")
    one, two = facts.weeks[:2]
    sessions_1 = sum(1 for _d, w in WEEK1.workouts() if w.is_run)
    sessions_2 = sum(1 for _d, w in WEEK2.workouts() if w.is_run)
    assert (one.planned_sessions, one.done_sessions) == (sessions_1, sessions_1)
    assert (two.planned_sessions, two.done_sessions) == (sessions_2, 1)
    assert one.planned_distance_m == WEEK1.distance_m == one.done_distance_m
    assert two.done_distance_m == first_of_week2.runs[0].total_distance_m()
    assert one.complete and not two.complete
    assert facts.source == "plan 1" and facts.minis == [] and facts.goals == []


def test_only_the_weeks_touching_the_period_are_shown():
    weeks = compliance(PLAN, [], START + timedelta(days=60))
    facts = plan_facts(
        PLAN, weeks, [], WEEK2.start + timedelta(days=1), WEEK2.start + timedelta(days=3), ""
    )
    assert [w.week_start for w in facts.weeks] == [WEEK2.start]


def test_a_goal_is_met_by_a_race_over_the_distance_at_or_under_the_target():
    day = date(2027, 5, 30)
    log = [
        race(day, 21097.5, 6300.0, 1),  # exactly the target: met
        race(day, 21600.0, 6200.0, 2),  # GPS 2.4 % long: still the half
        race(day, 21900.0, 6200.0, 3),  # 3.8 % long: another distance
        race(day, 21097.5, 6301.0, 4),  # a second too slow
        LoggedRun(day, 21097.5, 6000.0, WorkoutKind.LONG, run_id=5),  # a long run, not a race
        race(START - timedelta(days=1), 21097.5, 6000.0, 6),  # before the plan
    ]
    met = goals_met(PLAN, log, START, day)
    assert [g.run_id for g in met] == [1, 2]
    assert met[0].description == "half in 1:45:00 (goal 1:45:00)"


def test_a_goal_without_a_target_time_is_never_met():
    plan = replace(PLAN, goal=Goal(GoalKind.RACE, 21097.5, date(2027, 5, 30), None, "finish"))
    assert goals_met(plan, [race(date(2027, 5, 30), 21097.5, 5000.0, 1)], START, START) == []


def test_the_cycle_collector_runs_again_after_a_report():
    assert gc.isenabled()
    with cycle_collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
