"""Commitment contracts: periods judged from the log, excuses written in advance, the referee,
and a signed contract that can only be made harder."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from runcoach.domain.accountability.contracts import (
    Decision,
    Evidence,
    Goal,
    GoalKind,
    KeySession,
    Outcome,
    Receiver,
    Review,
    Stake,
    Terms,
    easier_changes,
    final_outcome,
    judge,
    judge_all,
    overturned,
    review_state,
    weeks_from,
)
from runcoach.domain.errors import InvalidInput
from runcoach.domain.run.logged import LoggedRun

MONDAY = date(2026, 11, 2)
STAKE = Stake(2000, "EUR", Receiver.CHARITY, "Red Cross")


FOUR_DAYS = Goal(GoalKind.RUN_DAYS, run_days=4)


def terms(goal: Goal = FOUR_DAYS, weeks: int = 4, excuses: int = 1):
    return Terms(goal, MONDAY, weeks_from(MONDAY, weeks), STAKE, excuses)


def run(day: date, km: float = 8.0, run_id: int = 1, race: bool = False, s: float = 2400):
    return LoggedRun(day, km * 1000, s, run_id=run_id, is_race=race)


def week_of_runs(week: int, days: tuple[int, ...]) -> list[LoggedRun]:
    start = MONDAY + timedelta(days=7 * week)
    return [run(start + timedelta(days=d), run_id=100 * week + d) for d in days]


def test_four_run_days_keep_the_week_and_name_the_runs_that_decided_it():
    log = week_of_runs(0, (0, 2, 4, 6))
    verdict = judge(terms(), 0, Evidence(log, set()), 0, date(2026, 11, 20))
    assert verdict.outcome is Outcome.KEPT
    assert verdict.run_ids == (0, 2, 4, 6)
    assert "4 run days" in verdict.seen and "at least 1 mile" in verdict.rule


def test_a_week_is_kept_as_soon_as_the_goal_is_met_and_open_until_then():
    log = week_of_runs(0, (0, 1))
    assert judge(terms(), 0, Evidence(log, set()), 0, MONDAY + timedelta(days=3)).outcome is (
        Outcome.OPEN
    )
    log = week_of_runs(0, (0, 1, 2, 3))
    assert judge(terms(), 0, Evidence(log, set()), 0, MONDAY + timedelta(days=3)).outcome is (
        Outcome.KEPT
    )


def test_a_run_shorter_than_a_mile_does_not_make_a_run_day():
    log = [*week_of_runs(0, (0, 2, 4)), run(MONDAY + timedelta(days=6), km=1.2, run_id=9)]
    verdict = judge(terms(), 0, Evidence(log, set()), 0, date(2026, 11, 20))
    assert verdict.outcome is Outcome.MISSED and 9 not in verdict.run_ids


def test_a_sick_week_is_excused_once_and_the_second_is_missed():
    sick = {MONDAY + timedelta(days=d) for d in (1, 2)} | {
        MONDAY + timedelta(days=8 + d) for d in (1, 2)
    }
    log = week_of_runs(2, (0, 2, 4, 6)) + week_of_runs(3, (0, 2, 4, 6))
    verdicts = judge_all(terms(), Evidence(log, sick), date(2026, 12, 10))
    assert [v.outcome for v in verdicts] == [
        Outcome.EXCUSED,
        Outcome.MISSED,
        Outcome.KEPT,
        Outcome.KEPT,
    ]
    assert "excuse 1 of 1" in verdicts[0].rule
    assert "all 1 excuses are used" in verdicts[1].rule


def test_one_sick_day_does_not_excuse_a_week():
    sick = {MONDAY + timedelta(days=1)}
    verdict = judge(terms(), 0, Evidence([], sick), 0, date(2026, 11, 20))
    assert verdict.outcome is Outcome.MISSED


def test_a_met_goal_in_a_sick_week_is_kept_and_uses_no_excuse():
    sick = {MONDAY + timedelta(days=d) for d in (1, 2)}
    log = week_of_runs(0, (0, 3, 4, 5))
    verdicts = judge_all(terms(), Evidence(log, sick), date(2026, 11, 10))
    assert verdicts[0].outcome is Outcome.KEPT


def test_weekly_distance_adds_the_runs_of_the_week():
    goal = Goal(GoalKind.WEEKLY_DISTANCE, distance_m=30_000)
    log = week_of_runs(0, (0, 2, 4, 6))  # 4 x 8 km
    assert judge(terms(goal), 0, Evidence(log, set()), 0, date(2026, 11, 20)).outcome is (
        Outcome.KEPT
    )
    assert judge(terms(goal), 0, Evidence(log[:3], set()), 0, date(2026, 11, 20)).outcome is (
        Outcome.MISSED
    )


def test_key_sessions_are_kept_only_when_every_one_is_done():
    keys = [
        KeySession(MONDAY + timedelta(days=1), "Tempo 20 min", True, 5),
        KeySession(MONDAY + timedelta(days=6), "Long run 16 km", False, None),
    ]
    verdict = judge(
        terms(Goal(GoalKind.KEY_SESSIONS)), 0, Evidence([], set(), keys), 0, date(2026, 11, 20)
    )
    assert verdict.outcome is Outcome.MISSED and "Long run 16 km" in verdict.seen
    done = [KeySession(k.day, k.title, True, 6) for k in keys]
    verdict = judge(
        terms(Goal(GoalKind.KEY_SESSIONS)), 0, Evidence([], set(), done), 0, date(2026, 11, 20)
    )
    assert verdict.outcome is Outcome.KEPT and verdict.run_ids == (6, 6)


def test_a_race_goal_is_kept_by_a_race_fast_enough_before_the_deadline():
    goal = Goal(GoalKind.RACE_TIME, distance_m=10_000, time_s=49 * 60)
    t = Terms(goal, MONDAY, date(2027, 3, 28), STAKE)
    slow = run(date(2026, 12, 6), km=10, run_id=3, race=True, s=50 * 60)
    fast = run(date(2027, 2, 6), km=10, run_id=4, race=True, s=48 * 60 + 30)
    assert judge(t, 0, Evidence([slow], set()), 0, date(2027, 1, 1)).outcome is Outcome.OPEN
    assert judge(t, 0, Evidence([slow], set()), 0, date(2027, 3, 29)).outcome is Outcome.MISSED
    kept = judge(t, 0, Evidence([slow, fast], set()), 0, date(2027, 2, 7))
    assert kept.outcome is Outcome.KEPT and kept.run_ids == (4,)


def test_a_goal_must_carry_what_it_is_judged_by():
    with pytest.raises(InvalidInput):
        Goal(GoalKind.RUN_DAYS)
    with pytest.raises(InvalidInput):
        Goal(GoalKind.RUN_DAYS, run_days=8)
    with pytest.raises(InvalidInput):
        Terms(Goal(GoalKind.RUN_DAYS, run_days=4), MONDAY, MONDAY + timedelta(days=9), STAKE)


def test_a_signed_contract_can_be_made_harder_never_easier():
    old = terms()
    harder = Terms(
        Goal(GoalKind.RUN_DAYS, run_days=5),
        MONDAY,
        weeks_from(MONDAY, 6),
        Stake(3000, "EUR", Receiver.CHARITY, "Red Cross"),
        0,
    )
    assert easier_changes(old, harder) == []
    easier = Terms(
        Goal(GoalKind.RUN_DAYS, run_days=3),
        MONDAY,
        weeks_from(MONDAY, 2),
        Stake(1000, "EUR", Receiver.FRIEND, "Ana"),
        3,
    )
    found = " | ".join(easier_changes(old, easier))
    for words in (
        "fewer run days",
        "end sooner",
        "smaller stake",
        "another receiver",
        "more excuses",
    ):
        assert words in found


def test_the_referee_overturns_within_the_window_after_which_the_verdict_stands():
    due = datetime(2026, 11, 16, tzinfo=UTC)
    before, after = due - timedelta(hours=1), due + timedelta(hours=1)
    assert review_state(True, None, False, due, before) is Review.AWAITING
    assert review_state(True, None, True, due, before) is Review.DISPUTED
    assert review_state(True, None, False, due, after) is Review.LAPSED
    assert review_state(True, Decision.OVERTURN, False, due, after) is Review.OVERTURNED
    assert review_state(False, None, False, due, before) is Review.NO_REFEREE
    set_to = overturned(Outcome.MISSED, None)
    assert set_to is Outcome.KEPT
    assert final_outcome(Outcome.MISSED, Decision.OVERTURN, set_to) is Outcome.KEPT
    assert final_outcome(Outcome.MISSED, Decision.CONFIRM, None) is Outcome.MISSED
    with pytest.raises(InvalidInput):
        overturned(Outcome.KEPT, Outcome.KEPT)
