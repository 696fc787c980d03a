"""Issue 15: a plan holds what the runner already runs wherever its days can (vol15).

Each test is one cause of "week N: X km, under the Y km the runner runs now" found over random
rotating lives (coach.volume_holds_current), fixed in the generator:

- the layout's cuts (the long run to its share of the week as built, a short day's run for a
  routine) left the week under its volume while its days had room: plans/top_up.py;
- a strength routine cut a short day's run while a session's free day could hold it whole;
- with 4 run days or fewer, a 20-minute night took the week's easy run from a 31-minute day,
  a 2-day off block put the long run first, leaving its second day the 45-minute recovery
  run instead of the week's medium-long run, and the session took a free day that a short
  day could have spared.
"""

from __future__ import annotations

import itertools
from typing import Any

from runcoach.domain.plans.layout_limits import SAFETY
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.schedule import Allowance
from runcoach.domain.plans.workouts import WorkoutKind
from tests.domain.plans import coach
from tests.domain.plans.test_growth_property import BUILDS, _plan, _rota

# a first half on a 14-day rota of 31-minute days, 20-minute nights and 2-day off blocks, on
# "3-4" days from 27 km a week (a random rotating life; 11 of its weeks were under 24 km)
FOURTEEN_DAY_HALF: dict[str, Any] = {
    "goal": {"race": "half", "date": "2027-04-11"}, "weekly_distance": "26.9km",
    "longest_run_30d": "7.9km", "years_running": 0.5, "run_days_per_week": "3-4",
    "availability": _rota(["day", "day", "day", "off", "off", "night", "night", "night",
                           "recover", "off", "off", "day", "day", "off"],
                          {"day": "short 31", "night": "short 20", "recover": "short 32",
                           "off": "any"}, "2026-11-09"),
    "long_run_day": "off",
}  # fmt: skip


def _built(doc: dict[str, Any]) -> Plan:
    plan = _plan(doc)
    assert plan is not None
    return plan


def _runs_on(day: Any) -> list[Any]:
    return [w for w in day.workouts if w.is_run]


def test_the_fourteen_day_half_on_few_days_holds_the_runner_s_week() -> None:
    assert coach.volume_holds_current(_built(FOURTEEN_DAY_HALF)) == []


def test_on_few_days_a_two_day_off_block_ends_with_the_long_run() -> None:
    """Its first day holds the week's medium-long run (more than the 45 minutes the day
    after a long run may hold), as a Saturday run comes before the Sunday long run."""
    plan, seen = _built(FOURTEEN_DAY_HALF), 0
    for week in coach._normal_main(plan):
        days = week.days
        for first, second in itertools.pairwise(days):
            pair = (first.day_type.name, second.day_type.name)
            after = days.index(second) + 1
            ends = after == 7 or days[after].day_type.name != "off"
            if pair != ("off", "off") or not ends or not second.has(WorkoutKind.LONG):
                continue
            seen += 1
            easy = [w for w in _runs_on(first) if not w.is_quality]
            assert not first.has(WorkoutKind.LONG)
            assert not easy or easy[0].total_duration_s() > 45 * 60, (week.index, first.day)
    assert seen >= 5


# 40 km a week on 4 days, a 10-day cycle of 72-minute and 15-minute days, no free day (a random
# rotating life: a 15-minute day took the week's easy run from a 72-minute day)
SEVENTY_TWO_AND_FIFTEEN: dict[str, Any] = {
    "weekly_distance": "40.1km", "longest_run_30d": "31.7km", "years_running": 2,
    "run_days_per_week": 4,
    "availability": _rota(["t1", "t0", "t0", "t0", "t1", "t0", "t0", "t1", "t1", "t1"],
                          {"t0": "short 15", "t1": "short 72"}, "2026-11-19"),
    "dislikes": ["hills", "intervals", "tempo"],
    "goal": {"race": "3000m", "date": "2027-03-07", "target": "23:59:00"},
    "tune_up_races": [{"date": "2027-03-01", "distance": "5k", "insist": True}],
    "recent_results": [{"date": "2026-10-01", "distance": "10k", "time": "45:00"}],
    "long_run_day": "t0",
}  # fmt: skip


def test_an_easy_run_takes_the_longer_short_day() -> None:
    """No easy run on a 15-minute day while a 72-minute day of the same week holds no run:
    runs on days in a row are ordinary, a run cut to 14 minutes is volume lost."""
    for week in _built(SEVENTY_TWO_AND_FIFTEEN).weeks:
        short = [d for d in week.days if d.day_type.allowance is Allowance.SHORT]
        idle = [d.day_type.max_minutes or 0 for d in short if not _runs_on(d)]
        for day in short:
            easy = [w for w in _runs_on(day) if w.kind in (WorkoutKind.EASY, WorkoutKind.STRIDES)]
            if easy and idle:
                assert (day.day_type.max_minutes or 0) + 10 > max(idle), (week.index, day.day)


def test_a_strength_routine_goes_after_the_session_before_it_cuts_a_short_day_s_run() -> None:
    """The 39-minute-day runner: a week with a session on a free day cuts at most one of its
    39-minute days' runs for a strength routine (both were cut to 18 minutes)."""
    plan = _built(BUILDS["base-on-39-minute-days"])
    for week in plan.weeks:
        free_session = [d for d in week.days if d.day_type.max_minutes is None
                        and any(w.is_quality for w in d.workouts)]  # fmt: skip
        if not free_session:
            continue
        assert any(d.has(WorkoutKind.STRENGTH) for d in free_session), week.index
        cut = [d for d in week.days if d.day_type.max_minutes == 39
               and d.has(WorkoutKind.STRENGTH) and _runs_on(d)]  # fmt: skip
        assert len(cut) <= 1, week.index


def test_a_week_is_topped_up_to_what_the_runner_runs_when_its_days_have_room() -> None:
    """The 39-minute-day runner's 49 km: every normal week after week 2 holds 90 % of it."""
    plan = _built(BUILDS["base-on-39-minute-days"])
    now = plan.baseline.weekly_distance_m
    for week in coach._normal_main(plan)[2:]:
        assert coach._training_m(plan, week) >= now * coach.HOLDS_CURRENT, week.index


def test_a_week_is_held_to_what_each_day_holds_under_both_its_limit_and_the_10_pc_rule() -> None:
    """13.5 km a week, the longest run 7.3 km, one free day and one 19-minute day: the free
    day holds 8.0 km (the 10 % rule), the short day its 19 minutes, under 90 % of 13.5 km;
    the coach does not ask the plan for the week the two days hold only read apart."""
    doc = {
        "weekly_distance": "13.5km", "longest_run_30d": "7.3km", "years_running": 0.5,
        "run_days_per_week": 4,
        "availability": {"weekdays": {"monday": "none", "tuesday": "none",
                                      "wednesday": "none", "thursday": "short 19",
                                      "friday": "any", "saturday": "none", "sunday": "none"}},
        "goal": {"race": "mile", "date": "2027-06-17"},
        "recent_results": [{"date": "2026-10-01", "distance": "10k", "time": "35:00"}],
    }  # fmt: skip
    plan = _built(doc)
    week = plan.weeks[3]
    assert coach._capacity_m(plan, week) > 13500 and coach._runs_hold_m(plan, week) < 12150
    assert coach.volume_holds_current(plan) == []


def test_on_few_days_a_short_day_that_holds_the_session_takes_it() -> None:
    """The 8-day rota's 27 km runner, whose weeks hold a free day, two 36-minute days and a
    free day: a session a 36-minute day holds goes on it, and the free day holds the week's
    medium-long run (the session on the free day left week 7 at 22.6 km, the 36-minute days
    at 33 minutes). A session no 36-minute day holds (a benchmark, 4 x 800 m) takes a free day."""
    plan = _built(BUILDS["8-day-rota-10k-held"])
    on_short_days = 0
    for week in plan.weeks:
        sessions = [(d, w) for d in week.days for w in d.workouts if w.is_quality]
        for day, session in sessions:
            if session.total_duration_s() <= 36 * 60 * SAFETY:
                assert day.day_type.name == "day", (week.index, session.title)
                days = week.days  # a free day apart from the long run (not next to it)
                near = {j for i, d in enumerate(days) if d.has(WorkoutKind.LONG)
                        for j in (i - 1, i, i + 1)}  # fmt: skip
                free = [d for i, d in enumerate(days) if d.day_type.name == "off" and i not in near]
                if free:
                    assert any(w.total_duration_s() >= 45 * 60 for d in free for w in _runs_on(d))
                on_short_days += 1
            else:
                assert day.day_type.name == "off", (week.index, session.title)
    assert on_short_days >= 5
