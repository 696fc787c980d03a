"""Issue 15: volume builds when the week has few or short days (coach.volume_builds)."""

from __future__ import annotations

from benchmarks.plan_readings import Reading, plan_of
from tests.domain.plans import coach


def _plan(path: str):  # type: ignore[no-untyped-def]
    return plan_of(Reading(path, path))


def test_the_sub3_runner_on_four_days_builds_from_his_55_km() -> None:
    plan = _plan("readings/sub3-four-days.yaml")
    assert coach.volume_builds(plan) == []
    peak = [w.distance_m for w in plan.weeks if w.phase.value == "peak" and not w.recovery]
    assert sum(peak) / len(peak) >= 55000 * 1.2
    longest = max(m for w in plan.weeks[:-1] for m in coach._long_runs(w))
    assert longest >= 29000  # toward the 32 km a marathon wants


def test_the_shift_worker_builds_on_her_free_days() -> None:
    plan = _plan("shift-worker.yaml")
    assert coach.volume_builds(plan) == []
    longest = max(m for w in plan.weeks[:-1] for m in coach._long_runs(w))
    assert longest >= 15000  # toward the 15-16 km a 10k wants, from her 12 km


def test_every_build_and_peak_week_of_the_shift_worker_holds_a_session() -> None:
    plan = _plan("shift-worker.yaml")
    for week in plan.weeks:
        if week.phase.value in ("build", "peak") and not week.recovery:
            assert any(w.is_quality for _, w in week.workouts()), week.index


def test_a_short_day_session_fits_the_day_with_everything_on_it() -> None:
    for week in _plan("shift-worker.yaml").weeks:
        for day in week.days:
            limit = day.day_type.max_duration_s
            if limit is not None and any(w.is_quality for w in day.workouts):
                assert sum(w.total_duration_s() for w in day.workouts) <= limit


def test_the_shift_worker_with_nights_builds_toward_the_half() -> None:
    plan = _plan("readings/shift-worker-nights.yaml")
    assert coach.volume_builds(plan) == []
    longest = max(m for w in plan.weeks[:-1] for m in coach._long_runs(w))
    assert longest >= 16000  # from her 13 km toward the 19 km a half wants


def test_the_checks_catch_a_plan_that_stays_under_the_runner_s_week() -> None:
    plan = _plan("readings/sub3-four-days.yaml")
    for week in plan.weeks[3:]:  # a plan that stops running after week 3
        for day in week.days:
            day.workouts = [w for w in day.workouts if not w.is_run or w.kind.value == "race"]
    assert any("under the 55 km" in c for c in coach.volume_holds_current(plan))
    assert coach.peak_block_builds(plan) != []
