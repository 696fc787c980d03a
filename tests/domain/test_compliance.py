from __future__ import annotations

from datetime import timedelta

from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.progress.compliance import Status, compliance
from runcoach.domain.run.logged import LoggedRun
from tests.domain.today.helpers import START, done_as, half_plan

PLAN = half_plan()
WEEK1 = PLAN.weeks[0]
END_OF_WEEK1 = START + timedelta(days=7)


def test_runs_done_as_planned_make_a_week_fully_compliant():
    log = [done_as(d.day, w, run_id=i) for i, (d, w) in enumerate(WEEK1.workouts()) if w.is_run]
    week = compliance(PLAN, log, END_OF_WEEK1)[0]
    assert week.done == week.planned == len(log) and week.compliance == 1.0
    assert week.unplanned == () and week.done_m == week.planned_m


def test_a_session_run_a_day_late_still_fulfils_it():
    day, workout = next((d, w) for d, w in WEEK1.workouts() if w.is_quality)
    log = [done_as(day.day + timedelta(days=1), workout, run_id=7)]
    week = compliance(PLAN, log, END_OF_WEEK1)[0]
    match = next(m for m in week.matches if m.workout is workout)
    assert match.status is Status.DONE and match.run.run_id == 7


def test_an_easy_run_on_an_interval_day_is_done_differently_and_short_runs_are_short():
    day, _workout = next((d, w) for d, w in WEEK1.workouts() if w.kind is WorkoutKind.INTERVALS)
    easy_day, easy = next((d, w) for d, w in WEEK1.workouts() if w.kind is WorkoutKind.RECOVERY)
    log = [
        LoggedRun(day.day, 6000, 2100, WorkoutKind.EASY, run_id=1),
        LoggedRun(easy_day.day, easy.total_distance_m() / 2, 900, WorkoutKind.EASY, run_id=2),
    ]
    week = compliance(PLAN, log, END_OF_WEEK1)[0]
    statuses = {m.run.run_id: m.status for m in week.matches if m.run}
    assert statuses == {1: Status.DIFFERENT, 2: Status.SHORT}


def test_a_run_far_from_any_planned_day_is_unplanned_and_missed_sessions_count():
    log = [LoggedRun(START + timedelta(days=2), 5000, 1800, WorkoutKind.EASY, run_id=3)]
    week = compliance(PLAN, log, END_OF_WEEK1)[0]
    assert week.done + sum(1 for m in week.matches if m.status is Status.MISSED) == week.planned
    assert week.compliance is not None and week.compliance < 0.5


def test_sessions_still_to_come_do_not_count_against_the_week():
    week = compliance(PLAN, [], START)[0]
    assert week.planned == 0 and week.compliance is None


def test_a_mini_version_done_on_a_tired_day_counts_as_a_mini():
    day, workout = next((d, w) for d, w in WEEK1.workouts() if w.is_quality and w.mini)
    log = [done_as(day.day, workout.mini, run_id=9)]
    prescribed = {day.day: [workout.mini]}
    week = compliance(PLAN, log, END_OF_WEEK1, prescribed)[0]
    assert [m.run.run_id for m in week.minis] == [9]
