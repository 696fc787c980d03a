"""The benchmark's day: never the day before the long run when a weekday can hold it.

A runner with 45- and 60-minute weekdays and a free weekend: the half's benchmark (3 x 2 km,
a 15-minute warm-up and a 10-minute cool-down, 61 minutes) fits no weekday, so the layout put
it on Saturday, the day before Sunday's long run, five times in 15 weeks: two hard days in a
row, what the hard/easy rule forbids. With a 10-minute warm-up and a 5-minute cool-down (the
reps the series' own, so the editions still compare) it fits the 60-minute Thursday.
"""

from __future__ import annotations

from runcoach.domain.plans import library as lib
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS, plan_paces
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.workouts import Repeat, WorkoutKind
from tests.domain.plans.strategies import TODAY

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
