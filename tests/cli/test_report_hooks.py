"""`runcoach report` with a stored plan, a mini workout and a race: the hooks fed end to end.

A 10k plan from Monday 2 March 2026; its first week done in full (the Friday fartlek as
its mini version after a tired check-in), and the goal race run on 31 May in 48:30, under
the 50:00 goal. On SQLite, and on PostgreSQL when configured.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from runcoach.domain.fitness.paces import training_paces
from runcoach.domain.fitness.vdot import race_time_s, vdot_from_performance
from runcoach.domain.plans.codec import plan_to_dict
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Goal, GoalKind, Plan
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import Profile
from runcoach.domain.plans.schedule import Availability
from runcoach.domain.units import format_duration, format_pace

START = date(2026, 3, 2)  # a Monday
RACE_DAY = date(2026, 5, 31)
RACE_S = 48 * 60 + 30
GOAL_S = 50 * 60
FARTLEK_DAY = date(2026, 3, 6)  # the first week's session: run as its mini version


def week_one(plan: Plan) -> list[tuple[str, str, str, str]]:
    """The first week as planned (day, kind, km to one decimal, time), Friday's session as
    its mini version: what the runner logs to have done the week in full."""
    done = []
    for day in plan.weeks[0].days:
        for w in day.runs:
            ran = w.mini if day.day == FARTLEK_DAY and w.mini is not None else w
            km = f"{ran.total_distance_m() / 1000:.1f}"
            done.append(
                (day.day.isoformat(), ran.kind.value, km, format_duration(ran.total_duration_s()))
            )
    return done


@pytest.fixture
def planned(log_cli, tmp_path):
    profile = Profile(
        goal=Goal(GoalKind.RACE, 10000, RACE_DAY, GOAL_S, "spring 10k"),
        weekly_distance_m=35_000,
        longest_run_m=14_000,
        years_running=3,
        availability=Availability(),
    )
    plan = generate(profile, START, DANIELS)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_to_dict(plan)), encoding="utf-8")
    assert log_cli("plan", "import", str(path)).exit_code == 0
    tired = log_cli("today", "--feel", "tired", "--date", FARTLEK_DAY.isoformat(), "--json")
    assert "mini" in tired.json()["changes"], tired.stderr
    for day, kind, km, duration in week_one(plan):
        added = log_cli("runs", "add", "--date", day, "--type", kind, "--distance", f"{km}km",
                        "--duration", duration, "--json")  # fmt: skip
        assert added.exit_code == 0, added.stderr
    race = log_cli("runs", "add", "--date", RACE_DAY.isoformat(), "--type", "race",
                   "--distance", "10.05km", "--duration", "48:41", "--json").json()  # fmt: skip
    edited = log_cli("runs", "edit", str(race["id"]), "--race", "--official-time", "48:30",
                     "--race-distance", "10k")  # fmt: skip
    assert edited.exit_code == 0, edited.stderr
    return plan, race["id"]


def test_the_report_shows_planned_vs_done_minis_goal_and_predictions(log_cli, planned, tmp_path):
    plan, race_id = planned
    out = tmp_path / "out"
    result = log_cli("report", "--from", "2026-03-02", "--to", "2026-06-07", "--json",
                     "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = result.json()

    # planned vs done, week one: 5 run sessions due, 5 done, every planned kilometre run
    first = data["planned"][0]
    assert first["week_start"] == "2026-03-02"
    assert (first["planned_sessions"], first["done_sessions"]) == (5, 5)
    ran_m = sum(float(km) * 1000 for _, _, km, _ in week_one(plan))
    assert first["done_distance_m"] == pytest.approx(ran_m)
    # what was planned, with Thursday's fartlek replaced by its mini version
    days = plan.weeks[0].days
    fartlek = next(w for d in days if d.day == FARTLEK_DAY for w in d.workouts if w.is_run)
    assert fartlek.mini is not None
    as_planned = sum(w.total_distance_m() for d in days if d.day != FARTLEK_DAY for w in d.runs)
    assert first["planned_distance_m"] == pytest.approx(
        as_planned + fartlek.mini.total_distance_m()
    )
    assert len(data["planned"]) == len(plan.weeks)
    assert "plan" in data["plan_source"] and "compliance" in data["plan_source"]

    wins = {w["kind"]: w for w in data["wins"]}
    assert wins["plan_week_complete"]["day"] == "2026-03-08"
    assert wins["mini_workout"]["day"] == FARTLEK_DAY.isoformat() and wins["mini_workout"]["run_id"]
    assert wins["goal_met"]["run_id"] == race_id and "48:30" in wins["goal_met"]["title"]

    # predictions: fitness from the race alone from 1 June (the 1st of each month, then
    # the period's last day); a single race's VDOT predicts its own time back
    vdot = vdot_from_performance(10000, RACE_S)
    points = [p for p in data["predictions"] if p["distance_m"] == 10000]
    assert [p["day"] for p in points] == ["2026-06-01", "2026-06-07"]
    assert points[-1]["time_s"] == pytest.approx(RACE_S, abs=0.5)
    marathon = [p for p in data["predictions"] if p["distance_m"] == 42195]
    assert marathon[-1]["time_s"] == pytest.approx(race_time_s(vdot, 42195))
    assert f"VDOT {vdot:.1f}" in points[-1]["source"]

    # the pace-based intensity split is measured against Daniels' threshold for that VDOT
    threshold = format_pace(training_paces(vdot).threshold)
    assert f"threshold pace {threshold} from the fitness model" in " ".join(data["load"]["basis"])
    assert data["intensity_pace"] is not None

    assert (out / "predictions.png").exists() and (out / "predictions.svg").exists()
    assert (out / "plan-vs-done.png").exists()


def test_wins_lists_the_plan_wins_too(log_cli, planned):
    result = log_cli("wins", "--since", "2026-03-01", "--json")
    assert result.exit_code == 0, result.stderr
    kinds = {w["kind"] for w in result.json()}
    assert {"plan_week_complete", "mini_workout", "goal_met"} <= kinds


def test_a_report_before_the_plan_and_without_races_has_no_plan_rows_or_predictions(
    log_cli, planned
):
    data = log_cli("report", "--from", "2026-01-05", "--to", "2026-02-22", "--json").json()
    assert data["planned"] == [] and data["predictions"] == []
    assert not any("fitness model" in note for note in data["load"]["basis"])


def test_the_terminal_and_the_printable_report_show_the_plan_and_the_predictions(
    log_cli, planned, tmp_path
):
    out = tmp_path / "out"
    result = log_cli("report", "--from", "2026-03-02", "--to", "2026-06-07", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    plan = planned[0]
    done = sum(float(km) for _, _, km, _ in week_one(plan))  # as logged, to 0.1 km a run
    due = sum(
        (w.mini if d.day == FARTLEK_DAY and w.mini else w).total_distance_m()
        for d in plan.weeks[0].days
        for w in d.runs
    )
    assert (
        f"plan, week of 2026-03-02: 5 of 5 sessions due done, {done:.1f} km of "
        f"{due / 1000:.1f} km run" in result.stdout
    )
    assert "predicted on 2026-06-07:" in result.stdout and "10k 48:30" in result.stdout
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Planned vs done" in page and "Race predictions" in page and "48:30" in page
