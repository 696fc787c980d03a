"""Issue 15, point 10: the warnings and the plan share one model of what is safe
(``runcoach.domain.safety``): a plan its rules accept raises no warning on volume or run
length when it is followed exactly, and the warnings measure from the volume and the longest
run the plan started from."""

from __future__ import annotations

from datetime import timedelta

import pytest

from runcoach.domain import safety
from runcoach.domain.plans import rules
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.today import warnings
from runcoach.domain.today.warnings import Rule, watch
from tests.domain.plans.test_issue15_observations import (
    FIRST_HALF,
    FOUR_DAYS,
    PHYSICIAN,
    ROTATING_NIGHTS,
    TODAY,
)
from tests.domain.today.helpers import done_as

SAFETY_RULES = {Rule.LONG_RUN_SPIKE, Rule.PLANNED_SPIKE, Rule.WEEKLY_JUMP, Rule.TWO_WEEK_JUMP}


def before(plan, weeks: int = 6) -> list[LoggedRun]:
    """The weeks before the plan as its baseline says: its weekly volume in four runs, the
    longest run once a week."""
    week_m, longest_m = plan.baseline.weekly_distance_m, plan.baseline.longest_run_m
    rest = max(week_m - longest_m, 0.0) / 3
    log = []
    for w in range(weeks, 0, -1):
        monday = plan.start - timedelta(days=7 * w)
        log.append(LoggedRun(monday + timedelta(days=5), longest_m, longest_m * 0.36,
                             WorkoutKind.LONG))  # fmt: skip
        log += [LoggedRun(monday + timedelta(days=d), rest, rest * 0.36, WorkoutKind.EASY)
                for d in (0, 2, 3)]  # fmt: skip
    return log


def warned_when_followed(plan) -> list[tuple[object, object]]:
    """Every warning raised on its own day by a runner who does exactly what ``plan`` says,
    from the weeks its baseline describes (the goal's race days left out)."""
    log, seen = before(plan), []
    for day in plan.days():
        log += [done_as(day.day, w) for w in day.runs]
        if day.day not in plan.goal.race_days:
            seen += [(w.day, w.rule) for w in watch(log, day.day, plan) if w.day == day.day]
    return seen


@pytest.mark.parametrize(
    "doc", [FIRST_HALF, FOUR_DAYS, PHYSICIAN, ROTATING_NIGHTS], ids=["half", "4days", "md", "rn"]
)
def test_a_plan_its_rules_accept_raises_no_warning_when_followed_exactly(doc):
    plan = generate(profile_from_dict(doc), TODAY, DANIELS)
    growth = {"growth-two-weeks", "growth-average", "single-run-growth"}
    assert not [v for v in rules.check(plan) if v.rule in growth and v.accepted is None]
    log = before(plan)
    seen = []
    for day in plan.days():
        log += [done_as(day.day, w) for w in day.runs]
        seen += [(w.rule, w.seen) for w in watch(log, day.day, plan) if w.rule in SAFETY_RULES]
    assert seen == []


def test_the_warnings_measure_from_the_plans_baseline_not_from_a_thin_log():
    """A log that holds 11.6 km a week (runs not imported) does not ask for less than the
    30 km a week the plan was made from (issue 15, observation 10)."""
    plan = generate(profile_from_dict(ROTATING_NIGHTS), TODAY, DANIELS)
    thin = [LoggedRun(plan.start - timedelta(days=d), 11_600 / 2, 2000.0, WorkoutKind.EASY)
            for d in range(1, 28, 3)]  # fmt: skip
    week = plan.weeks[0]
    log = thin + [done_as(d.day, w) for d in week.days for w in d.runs]
    found = {w.rule for w in watch(log, week.days[-1].day, plan)}
    assert not found & SAFETY_RULES


def test_the_limits_are_the_same_numbers_in_the_plan_rules_and_the_warnings():
    assert pytest.approx(safety.SINGLE_RUN_MAX - 1) == warnings.SPIKE_FRACTION
    assert pytest.approx(safety.TWO_WEEK_MAX - 1) == warnings.TWO_WEEK_JUMP_FRACTION
    assert pytest.approx(safety.AVERAGE_GROWTH - 1) == warnings.WEEK_JUMP_FRACTION
    assert warnings.SPIKE_LOOKBACK_DAYS == safety.SINGLE_RUN_WINDOW_DAYS
    assert not hasattr(rules, "SINGLE_RUN_MAX")  # one place: the rules import the model


def test_a_warning_measured_from_the_plans_start_names_it_not_a_run_of_the_log():
    """With no run logged, the spike is measured from the longest run the plan started from;
    the warning called it 'a run on <the day before the plan>', a run the log does not hold."""
    plan = generate(profile_from_dict(FIRST_HALF), TODAY, DANIELS)
    found = []
    for offset in range(0, 28):
        day = plan.start + timedelta(days=offset)
        found += [w for w in watch([], day, plan) if w.rule is Rule.PLANNED_SPIKE]
    assert found
    assert all("the longest run your plan started from" in w.seen for w in found)
    assert not any(" a run on " in w.seen for w in found)
