"""A coach's days around the hard ones: the benchmark never the day before the long run when a
weekday can hold it, and no strength routine in the quiet days before the goal race.

A runner with 45- and 60-minute weekdays and a free weekend: the half's benchmark (3 x 2 km,
a 15-minute warm-up and a 10-minute cool-down, 61 minutes) fits no weekday, so the layout put
it on Saturday, the day before Sunday's long run, five times in 15 weeks: two hard days in a
row, what the hard/easy rule forbids. With a 10-minute warm-up and a 5-minute cool-down (the
reps the series' own, so the editions still compare) it fits the 60-minute Thursday.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans import library as lib
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.paces import DANIELS, plan_paces
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.rules import check
from runcoach.domain.plans.workouts import Repeat, WorkoutKind
from tests.domain.plans.strategies import TODAY, examples, profiles, shift_lives

WEEKDAY_RUNNER = {
    "goal": {"race": "half", "date": "2027-03-21"},
    "recent_results": [{"date": "2026-10-18", "distance": "10k", "time": "49:30"}],
    "weekly_distance": "35km", "longest_run_30d": "14km", "years_running": 3,
    "run_days_per_week": "4-5",
    "availability": {"weekdays": {
        "monday": "short 45", "tuesday": "short 60", "wednesday": "short 45",
        "thursday": "short 60", "friday": "none", "saturday": "any", "sunday": "any"}},
    "long_run_day": "sunday",
}  # fmt: skip


def test_the_benchmark_goes_to_a_weekday_not_the_day_before_the_long_run() -> None:
    plan = generate(profile_from_dict(WEEKDAY_RUNNER), TODAY, DANIELS)
    days = list(plan.days())
    benchmarks = [(i, w) for i, d in enumerate(days) for w in d.workouts if w.benchmark]
    assert len(benchmarks) >= 4
    for i, workout in benchmarks:
        following = days[i + 1].workouts if i + 1 < len(days) else ()
        assert not any(w.kind is WorkoutKind.LONG for w in following), days[i].day
        limit = days[i].day_type.max_duration_s
        assert limit is None or workout.total_duration_s() <= limit
    # every edition the same reps (their target tightens): the series compares
    reps = {(b.count, tuple(s.distance_m for s in b.steps)) for _, w in benchmarks
            for b in w.blocks if isinstance(b, Repeat)}  # fmt: skip
    assert len(reps) == 1
    shortened = [w for _, w in benchmarks if any("warm-up" in n for n in w.notes)]
    assert shortened, "the note says why the warm-up is short"


def test_a_benchmark_with_short_ends_already_has_no_shorter_edition() -> None:
    paces = plan_paces(40.5)
    small = lib.benchmark(paces, 10000.0, paces.threshold, "b", week_m=25000.0)
    assert lib.benchmark_on_a_short_day(paces, small) is None
    full = lib.benchmark(paces, 21097.5, paces.threshold, "b", week_m=50000.0)
    short = lib.benchmark_on_a_short_day(paces, full)
    assert short is not None
    assert full.total_duration_s() - short.total_duration_s() == 10 * 60


MARATHONER = {
    "goal": {"race": "marathon", "date": "2027-04-25"},
    "recent_results": [{"date": "2026-11-01", "distance": "half", "time": "1:39:00"}],
    "weekly_distance": "50km", "longest_run_30d": "21km", "years_running": 5,
    "run_days_per_week": 5,
    "availability": {"weekdays": {
        "monday": "none", "tuesday": "short 75", "wednesday": "short 60",
        "thursday": "short 75", "friday": "short 45", "saturday": "any", "sunday": "any"}},
    "long_run_day": "sunday",
}  # fmt: skip


def test_a_recovery_week_with_the_benchmark_runs_a_day_fewer_not_three_jogs() -> None:
    """Week 4 of a 50 km marathoner's plan (a recovery week of 40 km, its benchmark and a 19 km
    long run) left 10 km for three easy days: 18-minute jogs, and the benchmark went to the
    Saturday before the long run (the key-first layout). It is on Wednesday now, with two
    real easy runs: a lighter week may run one day fewer (4 still)."""
    plan = generate(profile_from_dict(MARATHONER), TODAY, DANIELS)
    for week in plan.weeks:
        if not week.recovery or not any(w.benchmark for _, w in week.workouts()):
            continue
        days = week.days
        at = next(i for i, d in enumerate(days) if any(w.benchmark for w in d.workouts))
        assert not any(w.kind is WorkoutKind.LONG for w in days[at + 1].workouts), week.index
        easy = [w for _, w in week.workouts() if w.kind in (WorkoutKind.EASY, WorkoutKind.RECOVERY)]
        assert all(w.total_duration_s() >= 20 * 60 for w in easy), week.index
        assert sum(1 for d in days if any(w.is_run for w in d.workouts)) >= 4


def test_no_strength_routine_in_the_quiet_days_before_the_goal_race() -> None:
    """The marathoner's race week held strength B on the Saturday before the race: strength
    tapers too, none in the 3 days before the goal race (rules' goal-race-quiet)."""
    plan = generate(profile_from_dict(MARATHONER), TODAY, DANIELS)
    race = plan.goal.race_days[0]
    quiet = [d for d in plan.days() if 0 < (race - d.day).days <= 3]
    assert len(quiet) == 3
    assert not any(d.has(WorkoutKind.STRENGTH) for d in quiet)
    assert check(plan) == []


FIVE_K = {
    "goal": {"race": "5k", "date": "2027-03-14"},
    "recent_results": [{"date": "2026-11-15", "distance": "5k", "time": "19:10"}],
    "weekly_distance": "55km", "longest_run_30d": "16km", "years_running": 6,
    "run_days_per_week": 6,
    "availability": {"weekdays": {
        "monday": "short 60", "tuesday": "short 75", "wednesday": "short 60",
        "thursday": "short 75", "friday": "short 45", "saturday": "any", "sunday": "any"}},
    "long_run_day": "sunday",
}  # fmt: skip


def _benchmark_weeks(plan: Plan) -> list[int]:
    return [w.index for w in plan.weeks if any(x.benchmark for _, x in w.workouts())]


def test_the_benchmark_series_is_spread_through_the_plan() -> None:
    """A 14-week 5k plan tested its runner in weeks 2 and 3 (the editions picked by their
    place in the list of eligible weeks): a test the week after a test shows no progress."""
    weeks = _benchmark_weeks(generate(profile_from_dict(FIVE_K), TODAY, DANIELS))
    assert 4 <= len(weeks) <= 5
    assert all(b - a >= 2 for a, b in itertools.pairwise(weeks)), weeks


@settings(max_examples=examples(60), deadline=None)
@given(st.one_of(shift_lives(), profiles()))
def test_no_benchmark_the_week_after_another_in_a_plan_of_12_weeks_or_more(doc: Any) -> None:
    """Over random lives (rotas whose work weeks push an edition late included): editions at
    least two weeks apart once a plan has room for it."""
    try:
        plan = generate(profile_from_dict(doc), TODAY, DANIELS)
    except InvalidInput:
        return
    if len(plan.weeks) >= 12:
        weeks = _benchmark_weeks(plan)
        assert all(b - a >= 2 for a, b in itertools.pairwise(weeks)), weeks


def test_a_sunday_long_run_sunday_cannot_hold_goes_to_saturday_not_monday() -> None:
    """A beginner free on Monday, Wednesday, Friday and Saturday, no long-run day said (Sunday
    by default, a no-run day): Saturday and Monday are a day from Sunday each, and the long
    run went to Monday; the weekend's Saturday is the day before the wanted one."""
    doc = {
        "goal": {"race": "10k", "date": "2027-04-18"}, "weekly_distance": "3km",
        "longest_run_30d": "2km", "years_running": 0, "run_days_per_week": 3,
        "availability": {"weekdays": {
            "monday": "any", "tuesday": "none", "wednesday": "any", "thursday": "none",
            "friday": "any", "saturday": "any", "sunday": "none"}},
    }  # fmt: skip
    plan = generate(profile_from_dict(doc), TODAY, DANIELS)
    long_days = {d.day.strftime("%A") for d in plan.days() if d.has(WorkoutKind.LONG)}
    assert long_days == {"Saturday"}
