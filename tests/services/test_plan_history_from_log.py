"""A plan's profile filled from the training log where the runner left it out (issue 15:
"infer from the log whatever the log can tell"): years of running and the longest run ever,
besides the current volume and longest run."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.services import plans
from runcoach.services.runs import ManualRun, add_manual_run
from tests.conftest import local_athlete

TODAY = date(2026, 12, 4)
DOC = {"goal": {"race": "marathon", "date": "2027-05-02"}, "run_days_per_week": 5}


def _runs(engine: Engine, tmp_path: Path, runs: list[tuple[date, float]]) -> int:
    me = local_athlete(engine)
    settings = Settings(home=tmp_path, database_url=str(engine.url))
    for day, km in runs:
        add_manual_run(engine, ManualRun(day, km * 1000, km * 330), athlete_id=me,
                       settings=settings)  # fmt: skip
    return me


def test_a_runner_back_from_a_break_gets_years_and_longest_ever_from_an_old_log(engine, tmp_path):
    # three years of log, a 30 km long run two years ago, nothing in the last two months
    me = _runs(engine, tmp_path, [(date(2023, 10, 1), 8), (date(2024, 11, 3), 30),
                                  (date(2026, 9, 20), 12)])  # fmt: skip
    profile, filled = plans.fill_from_log(engine, profile_from_dict(DOC), TODAY, athlete_id=me)
    assert filled == ["years_running", "longest_run_ever"]
    assert profile.years_running == pytest.approx(3.2, abs=0.05)
    assert profile.longest_run_ever_m == pytest.approx(30_000)
    assert profile.weekly_distance_m is None  # nothing recent: the plan says it assumes one
    built = plans.build_plan(engine, profile_from_dict(DOC), TODAY, save=False, athlete_id=me)
    assert built.filled_from_log == ["years_running", "longest_run_ever"]
    assert any("longest run ever, 30.0 km" in note for note in built.plan.notes)


def test_what_the_runner_says_wins_and_a_short_log_tells_no_years(engine, tmp_path):
    me = _runs(engine, tmp_path, [(date(2026, 9, 1), 10), (date(2026, 11, 29), 14)])
    said = profile_from_dict({**DOC, "years_running": 6, "longest_run_ever": "42.2km"})
    profile, filled = plans.fill_from_log(engine, said, TODAY, athlete_id=me)
    assert (profile.years_running, profile.longest_run_ever_m) == (6, 42_200)
    assert filled == ["weekly_distance", "longest_run_30d"]
    # three months of log cannot tell a beginner from a runner with a new watch
    silent, filled = plans.fill_from_log(engine, profile_from_dict(DOC), TODAY, athlete_id=me)
    assert filled == ["weekly_distance", "longest_run_30d"] and silent.years_running == 1.0
    assert silent.longest_run_ever_m is None  # the recent longest is known: the ever is moot


def test_an_empty_log_fills_nothing(engine, tmp_path):
    me = _runs(engine, tmp_path, [])
    profile = profile_from_dict(DOC)
    assert plans.fill_from_log(engine, profile, TODAY, athlete_id=me) == (profile, [])
    assert replace(profile, unstated=frozenset()) != profile  # the profile knows what was left out


def test_the_races_of_the_last_year_give_the_plans_fitness_when_the_profile_gives_none(
    engine, tmp_path
):
    """A runner with a 10k race in the log and no recent_results in the profile gets paces
    from that race, not from an assumed VDOT; a result the profile gives wins."""
    from runcoach.domain.run.runs import WorkoutType

    me = _runs(engine, tmp_path, [(date(2026, 11, 1), 8), (date(2026, 11, 20), 12)])
    settings = Settings(home=tmp_path, database_url=str(engine.url))
    race = ManualRun(date(2026, 10, 18), 10_000, 45 * 60, workout_type=WorkoutType.RACE)
    add_manual_run(engine, race, athlete_id=me, settings=settings)
    profile, filled = plans.fill_from_log(engine, profile_from_dict(DOC), TODAY, athlete_id=me)
    assert "recent_results" in filled
    assert [(r.day, r.distance_m, r.time_s) for r in profile.results] == [
        (date(2026, 10, 18), 10_000, 2700)
    ]
    built = plans.build_plan(engine, profile_from_dict(DOC), TODAY, save=False, athlete_id=me)
    assert built.plan.vdot == pytest.approx(45.3, abs=0.3)  # Daniels: 45:00 for 10 km
    assert not any("No race or time trial" in n for n in built.plan.notes)
    said = {**DOC, "recent_results": [{"date": "2026-11-01", "distance": "5k", "time": "25:00"}]}
    kept, filled = plans.fill_from_log(engine, profile_from_dict(said), TODAY, athlete_id=me)
    assert "recent_results" not in filled and len(kept.results) == 1
    assert kept.results[0].distance_m == 5000
