from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from runcoach.domain.plans.codec import plan_from_dict, plan_to_dict
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.run.runs import Run, WorkoutType
from runcoach.store import runs as run_store
from runcoach.store.athletes import default_athlete_id
from tests.domain.today.helpers import START, half_plan
from tests.domain.workout_laps import SESSION_DAY, plan_with_session, session_laps

PLAN = half_plan()


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_to_dict(PLAN)), encoding="utf-8")
    return path


def quality_day():
    return next(d.day for d in PLAN.days() if d.is_quality)


def test_today_prints_the_session_its_steps_and_why(runcoach, plan_file):
    day = quality_day()
    result = runcoach("today", "--plan", str(plan_file), "--date", day.isoformat())
    assert result.exit_code == 0, result.stderr
    title = next(w.title for w in PLAN.day(day).workouts if w.is_quality)
    assert title in result.stdout and "why:" in result.stdout and "/km" in result.stdout


def test_a_tired_morning_gets_the_mini_version_as_json(runcoach, plan_file):
    day = quality_day()
    result = runcoach("today", "--feel", "tired", "--plan", str(plan_file),
                      "--date", day.isoformat(), "--json")  # fmt: skip
    data = result.json()
    assert "mini" in data["changes"] and data["win"]
    assert data["reasons"][0]["rule"] == "tired-mini"


def test_a_cold_below_the_neck_is_rest_and_the_check_in_is_kept(runcoach, plan_file):
    day = quality_day()
    sick = runcoach("checkin", "--feel", "sick", "--symptoms", "below-neck",
                    "--date", day.isoformat(), "--json")  # fmt: skip
    assert sick.json()["symptoms"] == "below-neck"
    data = runcoach("today", "--plan", str(plan_file), "--date", day.isoformat(), "--json").json()
    assert data["workouts"][0]["kind"] == "rest" and "Eichner" in data["reasons"][0]["source"]


def test_injured_then_able_to_run_again_starts_the_run_walk_comeback(runcoach, plan_file):
    day = quality_day()
    runcoach("checkin", "--feel", "injured", "--note", "calf", "--date", day.isoformat())
    back = day + timedelta(days=10)
    runcoach("checkin", "--can-run", "--date", back.isoformat())
    data = runcoach("today", "--plan", str(plan_file), "--date", back.isoformat(), "--json").json()
    assert (
        "return-to-run" in data["changes"] and "Return to running" in data["workouts"][0]["title"]
    )


def test_warnings_and_compliance_answer_without_runs(runcoach, plan_file):
    day = (START + timedelta(days=3)).isoformat()
    warned = runcoach("warnings", "--plan", str(plan_file), "--date", day)
    assert warned.exit_code == 0 and "no warnings" in warned.stdout
    weeks = runcoach("plan", "progress", "--plan", str(plan_file), "--date", day, "--json").json()
    assert weeks[0]["done"] == 0 and weeks[0]["planned"] >= 1


def rotating_plan_file(tmp_path):
    """A rotating-shift plan that starts after the real today (shifts only change the future)."""
    from runcoach.domain.plans.generator import generate
    from runcoach.domain.plans.model import Goal, GoalKind
    from runcoach.domain.plans.paces import DANIELS
    from runcoach.domain.plans.profile import Profile
    from tests.domain.today.test_shift import ROTA

    start = date.today() + timedelta(days=14 - date.today().weekday())
    rota = replace(ROTA, pattern=replace(ROTA.pattern, start=start))
    goal = Goal(GoalKind.RACE, 21097.5, start + timedelta(weeks=12, days=6), None, "half")
    profile = Profile(goal=goal, weekly_distance_m=35_000, longest_run_m=14_000,
                      years_running=3, availability=rota)  # fmt: skip
    plan = generate(profile, start, DANIELS)
    path = tmp_path / "rota.json"
    path.write_text(json.dumps(plan_to_dict(plan)), encoding="utf-8")
    return plan, path


def test_shift_swaps_a_long_run_day_with_a_sleep_day_and_rewrites_the_plan_file(runcoach, tmp_path):
    plan, path = rotating_plan_file(tmp_path)
    week = plan.weeks[1].days
    long_day = next(d.day for d in week if d.has(WorkoutKind.LONG))
    sleep_day = next(d.day for d in week if not d.day_type.can_run)
    swap = ("plan", "shift", "--swap", long_day.isoformat(), sleep_day.isoformat(),
            "--plan", str(path), "--json")  # fmt: skip
    preview = runcoach(*swap, "--dry-run")
    assert preview.exit_code == 0 and preview.json()["saved"] is False
    if preview.json()["new_violations"]:  # saved only when the runner accepts the breaks
        refused = runcoach(*swap)
        assert refused.exit_code == 4 and "--accept-breaks" in refused.stderr
        assert "--dry-run" in refused.stderr
        assert plan_from_dict(json.loads(path.read_text(encoding="utf-8"))).day(long_day).is_run_day
    result = runcoach(*swap, "--accept-breaks")
    assert result.exit_code == 0, result.stderr
    assert any("Long run" in c for c in result.json()["changes"])
    saved = plan_from_dict(json.loads(path.read_text(encoding="utf-8")))
    assert not saved.day(long_day).is_run_day
    assert saved.day(long_day).day_type.name == "sleep after nights"


def test_an_extra_night_needs_its_date_and_a_day_type_the_plan_knows(runcoach, tmp_path):
    plan, path = rotating_plan_file(tmp_path)
    on = plan.weeks[1].start.isoformat()
    assert (
        runcoach("plan", "shift", "--insert-day", "night shift", "--plan", str(path)).exit_code == 2
    )
    unknown = runcoach("plan", "shift", "--insert-day", "gala", "--date", on, "--plan", str(path))
    assert unknown.exit_code == 2 and "night shift" in unknown.stderr
    insert = ("plan", "shift", "--insert-day", "night shift", "--date", on, "--plan", str(path))
    if runcoach(*insert, "--dry-run", "--json").json()["new_violations"]:
        refused = runcoach(*insert)  # the refusal says how to preview and how to accept
        assert refused.exit_code == 4, refused.stderr
        assert "--dry-run" in refused.stderr and "--accept-breaks" in refused.stderr
    extra = runcoach(*insert, "--accept-breaks")
    assert extra.exit_code == 0, extra.stderr


def test_an_unknown_feel_and_a_missing_plan_are_clear_errors(runcoach, tmp_path):
    bad = runcoach("today", "--feel", "meh")
    assert bad.exit_code == 2 and "meh" in bad.stderr
    missing = runcoach("today", "--plan", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2 and "nope.json" in missing.stderr
    none = runcoach("today")
    assert none.exit_code == 3 and "there is no active plan" in none.stderr
    assert "runcoach plan create --profile" in none.stderr


def test_without_a_plan_warnings_watch_the_log_and_progress_says_how_to_make_one(runcoach):
    assert runcoach("warnings", "--date", "2027-03-01").exit_code == 0
    progress = runcoach("plan", "progress")
    assert progress.exit_code == 3 and "there is no active plan" in progress.stderr
    assert "runcoach plan create --profile" in progress.stderr


def test_plan_progress_and_shift_exist_when_only_the_plan_group_is_loaded():
    """A fresh process loads `plan` alone (the CLI loads modules lazily)."""
    code = "from runcoach.cli.main import main; main()"
    shown = subprocess.run(
        [sys.executable, "-c", code, "plan", "--help"], capture_output=True, text=True, check=True
    )
    assert "progress" in shown.stdout and "shift" in shown.stdout


SHIFT_WORKER = Path(__file__).resolve().parents[2] / "docs" / "examples" / "shift-worker.yaml"


def test_a_stored_plan_is_adapted_shifted_and_its_progress_shown(runcoach):
    created = runcoach("plan", "create", "--profile", str(SHIFT_WORKER), "--today", "2026-11-22")
    assert created.exit_code == 0, created.stderr
    plan = plan_from_dict(runcoach("plan", "show", "--json").json()["plan"])
    week = plan.weeks[2].days
    long_day = next(d.day for d in week if d.has(WorkoutKind.LONG))
    answer = runcoach("today", "--date", long_day.isoformat(), "--json").json()
    assert answer["workouts"] and answer["reasons"]
    blocked = next(d.day for d in week if not d.day_type.can_run)
    shifted = runcoach("plan", "shift", "--swap", long_day.isoformat(), blocked.isoformat(),
                       "--today", "2026-11-22", "--json", "--accept-breaks")  # fmt: skip
    assert shifted.exit_code == 0, shifted.stderr
    again = plan_from_dict(runcoach("plan", "show", "--json").json()["plan"])
    assert not again.day(long_day).is_run_day
    weeks = runcoach("plan", "progress", "--date", long_day.isoformat(), "--json").json()
    assert len(weeks) == 3 and all(w["done"] == 0 for w in weeks)


def test_a_fast_threshold_session_in_the_store_moves_fitness_in_today_json(
    log_cli, engine, tmp_path
):
    """The laps stored with a run are read; 4 x 1.6 km at 4:05/km against 4:14/km."""
    plan = plan_with_session()
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_to_dict(plan)), encoding="utf-8")
    laps = list(session_laps([392.0] * 4))
    run = Run(datetime.combine(SESSION_DAY, time(7), tzinfo=UTC), distance_m=11_600,
              moving_s=3458, workout_type=WorkoutType.TEMPO, laps=laps)  # fmt: skip
    with engine.begin() as conn:
        run_id = run_store.insert_run(conn, default_athlete_id(conn), run)
    day = next(d.day for d in plan.days() if d.day > SESSION_DAY and d.is_quality)
    result = log_cli("today", "--plan", str(path), "--date", day.isoformat(), "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert "repaced" in data["changes"] and data["refresh_goal"]
    reason = next(r for r in data["reasons"] if r["rule"] == "workout-fitness")
    assert f"on {SESSION_DAY} averaged 4:05/km over 4 x 1.6 km, 3.5% faster" in reason["text"]
    fitness = data["fitness"]
    assert fitness["rule"] == "workout-fitness" and fitness["day"] == SESSION_DAY.isoformat()
    assert fitness["vdot"] == pytest.approx(52.5818, abs=1e-3)  # hand-computed in the domain test
    assert fitness["pace_factor"] == pytest.approx(245 / 254)
    assert fitness["numbers"]["run_id"] == run_id
    assert data["goal"]["verdict"] == "within reach"
    text = log_cli("today", "--plan", str(path), "--date", day.isoformat())
    assert "paces now from VDOT 52.6" in text.stdout and "goal:" in text.stdout


def test_can_run_after_a_fever_says_it_starts_the_way_back_not_normal_running(runcoach):
    assert runcoach("checkin", "--feel", "sick", "--symptoms", "fever",
                    "--date", "2027-03-01").exit_code == 0  # fmt: skip
    back = runcoach("checkin", "--can-run", "--date", "2027-03-03")
    assert back.exit_code == 0, back.stderr
    assert "sick, not injured" in back.stdout and "reduced volume" in back.stdout
    both = runcoach("checkin", "--feel", "sick", "--can-run", "--date", "2027-03-05")
    assert both.exit_code == 2 and "which is it" in both.stderr
