from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from runcoach.cli.hints import phrase
from runcoach.domain.errors import InvalidInput, NotFound
from runcoach.domain.hints import Do, Hint
from runcoach.domain.run.runs import Run, WorkoutType
from runcoach.services.checkins import parse_checkin, record_checkin
from runcoach.services.today import (
    Inputs,
    progress,
    respond,
    warnings,
)
from runcoach.store.athletes import default_athlete_id
from runcoach.store.checkins import list_adjustments, list_checkins
from runcoach.views.today import answer_json, warning_json, week_json
from tests.domain.today.helpers import START, half_plan

PLAN = half_plan()


def run_on(day, km, kind=WorkoutType.EASY, ident=None):
    return Run(datetime.combine(day, time(7), tzinfo=UTC), distance_m=km * 1000,
               moving_s=km * 330, workout_type=kind, id=ident)  # fmt: skip


def history():
    runs = []
    for w in range(4):
        monday = START - timedelta(days=7 * (4 - w))
        for offset, km in ((0, 5), (2, 6), (3, 6), (5, 13), (6, 5)):
            kind = WorkoutType.LONG if km > 10 else WorkoutType.EASY
            runs.append(run_on(monday + timedelta(days=offset), km, kind))
    return runs


def inputs(runs=None, plan=PLAN):
    return Inputs.of_runs(plan, history() if runs is None else runs, UTC)


def quality_day():
    return next(d.day for d in PLAN.days() if d.is_quality)


def test_a_tired_check_in_is_kept_and_today_answers_with_the_mini(engine):
    day = quality_day()
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        record_checkin(conn, athlete, parse_checkin(day, feel="tired"))
        got = answer_json(respond(conn, athlete, inputs(), day))
        assert "mini" in got["changes"] and got["win"]
        assert [c.feel.value for c in list_checkins(conn, athlete)] == ["tired"]
        kept = list_adjustments(conn, athlete)
        assert kept[-1]["detail"]["workouts"] == got["workouts"]


def test_a_second_check_in_on_a_day_adds_to_the_first(engine):
    day = quality_day()
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        record_checkin(conn, athlete, parse_checkin(day, feel="sick"))
        record_checkin(conn, athlete, parse_checkin(day, symptoms="above-neck", note="runny nose"))
        (kept,) = list_checkins(conn, athlete)
        assert kept.feel.value == "sick" and kept.symptoms.value == "above-neck"
        assert kept.note == "runny nose"


def test_unknown_feelings_and_lonely_symptoms_are_refused_with_the_choices(engine):
    with pytest.raises(InvalidInput, match="'meh' is not a feel") as caught:
        parse_checkin(START, feel="meh")
    assert "tired" in str(caught.value)
    with pytest.raises(InvalidInput, match="symptoms go with feeling sick"):
        parse_checkin(START, feel="tired", symptoms="below-neck")
    assert parse_checkin(START, symptoms="below-neck").feel.value == "sick"


def test_without_a_plan_today_says_how_to_make_one(engine):
    with engine.begin() as conn, pytest.raises(NotFound, match="there is no active plan") as e:
        respond(conn, default_athlete_id(conn), inputs(plan=None), START)
    assert isinstance(e.value.hint, Hint) and e.value.hint.do is Do.CREATE_OR_GIVE_PLAN
    assert "runcoach plan create --profile" in (phrase(e.value.hint) or "")


def test_warnings_come_from_the_log(engine):
    runs = [*history(), run_on(START, 21, WorkoutType.LONG, ident=42)]
    found = [warning_json(w) for w in warnings(inputs(runs), START)]
    spike = next(w for w in found if w["rule"] == "long-run-spike")
    assert 42 in spike["run_ids"] and spike["source"]


def test_progress_matches_runs_against_what_today_prescribed(engine):
    day = quality_day()
    planned = next(w for w in PLAN.day(day).workouts if w.is_quality)
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        record_checkin(conn, athlete, parse_checkin(day, feel="tired"))
        respond(conn, athlete, inputs(), day)
        mini_km = planned.mini.total_distance_m() / 1000
        runs = [*history(), run_on(day, mini_km, WorkoutType.INTERVALS, ident=5)]
        weeks = [
            week_json(w) for w in progress(conn, athlete, inputs(runs), day + timedelta(days=1))
        ]
    session = next(s for s in weeks[0]["sessions"] if s["day"] == day.isoformat())
    assert session["mini"] and session["status"] == "done" and weeks[0]["minis_done"] == 1


def test_the_log_and_shoes_are_read_from_the_store_on_the_days_they_were_run(engine):
    from datetime import date
    from pathlib import Path

    from runcoach.config import Settings
    from runcoach.domain.run.runs import RaceResult
    from runcoach.services.today import read_log, read_shoes
    from runcoach.store import runs as run_store
    from runcoach.store.shoes import add_shoe

    settings = Settings(home=Path("."), database_url="sqlite://", shoe_retirement_m=500_000)
    late = Run(datetime(2027, 3, 1, 23, 30, tzinfo=UTC), distance_m=10_050, moving_s=2500,
               timezone="+02:00", workout_type=WorkoutType.RACE,
               race=RaceResult(official_time_s=2490, distance_m=10_000))  # fmt: skip
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        shoe = add_shoe(conn, athlete, {"name": "Old pair", "added_on": date(2026, 1, 1)})
        run_store.insert_run(conn, athlete, run_on(START, 8))
        race_id = run_store.insert_run(conn, athlete, late)
        for k in range(60):
            worn = run_on(START - timedelta(days=k + 1), 10)
            worn.shoe_id = shoe
            run_store.insert_run(conn, athlete, worn)
        log = read_log(conn, athlete)
        shoes = read_shoes(conn, athlete, settings)
    race = next(r for r in log if r.run_id == race_id)
    assert race.day == date(2027, 3, 2) and race.is_race
    assert (race.distance_m, race.duration_s) == (10_000, 2490)
    assert [(s.name, s.distance_m, s.retirement_m) for s in shoes] == [
        ("Old pair", 600_000, 500_000)
    ]
    found = [warning_json(w) for w in warnings(Inputs(PLAN, log, shoes), START)]
    assert any(w["rule"] == "shoe-past-its-life" for w in found)


def test_a_race_that_moves_fitness_refreshes_the_goal_verdict(engine):
    from dataclasses import replace

    from runcoach.domain.fitness.vdot import race_time_s
    from runcoach.domain.run.runs import RaceResult

    plan = replace(PLAN, goal=replace(PLAN.goal, target_time_s=95 * 60))
    fast = race_time_s(plan.vdot + 3, 10_000)
    raced = run_on(START + timedelta(days=5), 10, WorkoutType.RACE, ident=77)
    raced.race = RaceResult(official_time_s=fast, distance_m=10_000)
    day = next(d.day for d in plan.days() if d.day > START + timedelta(days=5) and d.is_run_day)
    with engine.begin() as conn:
        told = respond(conn, default_athlete_id(conn),
                       Inputs.of_runs(plan, [*history(), raced], UTC), day)  # fmt: skip
    got = answer_json(told)
    assert "repaced" in got["changes"] and got["refresh_goal"]
    assert got["goal"]["verdict"] in ("within reach", "a stretch", "not realistic this time")
    assert "goal half" in got["goal"]["told"]


def test_the_log_carries_heart_rate_and_the_laps_from_the_plans_creation_on(engine):
    from runcoach.domain.run.runs import Lap
    from runcoach.services.today import heart_rate_profile, read_log
    from runcoach.store import runs as run_store

    def with_laps(day, avg_hr):
        run = run_on(day, 8)
        start = run.start
        run.laps = [
            Lap(start, 1200.0, 4000.0),
            Lap(start + timedelta(seconds=1200), 1440.0, 4000.0),
        ]
        run.avg_hr, run.max_hr = avg_hr, avg_hr + 30
        return run

    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        before = run_store.insert_run(conn, athlete, with_laps(START - timedelta(days=1), 140.0))
        after = run_store.insert_run(conn, athlete, with_laps(START, 150.0))
        log = {r.run_id: r for r in read_log(conn, athlete, laps_since=START)}
        assert log[before].laps == () and log[before].avg_hr == 140.0
        assert [lap.elapsed_s for lap in log[after].laps] == [1200.0, 1440.0]
        assert heart_rate_profile(conn, athlete, [170.0, 180.0]) is None  # 5 runs needed
        profile = heart_rate_profile(conn, athlete, [170.0, 180.0, 175.0, 172.0, 171.0])
        assert profile is not None and (profile.resting_hr, profile.max_hr) == (60.0, 180.0)


def test_the_log_leaves_out_a_run_tagged_cross_training(engine):
    from runcoach.services.today import read_log
    from runcoach.store import runs as run_store

    drive = run_on(START, 390, WorkoutType.CROSS_TRAINING)  # a drive saved as a run
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        kept = run_store.insert_run(conn, athlete, run_on(START, 8))
        run_store.insert_run(conn, athlete, drive)
        assert [r.run_id for r in read_log(conn, athlete)] == [kept]
