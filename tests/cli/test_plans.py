"""`runcoach plan ...` end to end, including the five example profiles of docs/examples."""

from __future__ import annotations

import json
from pathlib import Path

import fitdecode
import icalendar
import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
TODAY = "2026-11-22"


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_example_profile_builds_a_plan_that_passes_check_and_exports(
    runcoach, tmp_path: Path, example: Path
) -> None:
    created = runcoach("plan", "create", "--profile", str(example), "--today", TODAY, "--json")
    assert created.exit_code == 0, created.stderr
    assert not [v for v in created.json()["violations"] if v["accepted"] is None]
    plan_file, ics, fit_dir = tmp_path / "plan.json", tmp_path / "plan.ics", tmp_path / "fit"
    exported = runcoach(
        "plan", "export", "--json", str(plan_file), "--ical", str(ics), "--fit", str(fit_dir)
    )
    assert exported.exit_code == 0, exported.stderr
    checked = runcoach("plan", "check", str(plan_file))
    assert checked.exit_code == 0, checked.stdout
    assert list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    fits = sorted(fit_dir.glob("*.fit"))
    assert fits
    with fitdecode.FitReader(str(fits[0])) as reader:
        names = [f.name for f in reader if isinstance(f, fitdecode.FitDataMessage)]
    assert "workout" in names and "workout_step" in names


def test_show_prints_the_plan_week_by_week(runcoach) -> None:
    runcoach("plan", "create", "--profile", str(EXAMPLES / "first-half.yaml"), "--today", TODAY)
    shown = runcoach("plan", "show")
    assert shown.exit_code == 0
    assert "Week 1 (base)" in shown.stdout and "Goal race" in shown.stdout


def test_check_reports_every_violation_with_its_date_and_fails(runcoach, tmp_path) -> None:
    runcoach("plan", "create", "--profile", str(EXAMPLES / "shift-worker.yaml"), "--today", TODAY)
    plan_file = tmp_path / "plan.json"
    runcoach("plan", "export", "--json", str(plan_file))
    doc = json.loads(plan_file.read_text())
    night = next(d for w in doc["weeks"] for d in w["days"] if d["day_type"]["allowance"] == "none")
    night["workouts"] = [
        {
            "kind": "easy",
            "title": "Sneaky run",
            "blocks": [{"step": "work", "duration_s": 1800, "effort": "easy"}],
        }
    ]
    plan_file.write_text(json.dumps(doc))
    checked = runcoach("plan", "check", str(plan_file), "--json")
    assert checked.exit_code == 1
    found = [v for v in checked.json()["violations"] if v["rule"] == "no-run-day"]
    assert found and found[0]["date"] == night["date"]


def test_an_edit_is_checked_against_the_rules_again(runcoach) -> None:
    created = runcoach(
        "plan",
        "create",
        "--profile",
        str(EXAMPLES / "sub3-marathon.yaml"),
        "--today",
        TODAY,
        "--json",
    )
    weeks = created.json()["plan"]["weeks"]
    long_day = next(
        d["date"] for d in weeks[3]["days"] if any(w["kind"] == "long" for w in d["workouts"])
    )
    edited = runcoach("plan", "edit", "--date", long_day, "--workout", "long 45km", "--json")
    assert edited.exit_code == 0, edited.stderr
    rules = {v["rule"] for v in edited.json()["violations"] if v["accepted"] is None}
    assert "single-run-growth" in rules
    shown = runcoach("plan", "show", "--json")
    day = next(d for w in shown.json()["plan"]["weeks"] for d in w["days"] if d["date"] == long_day)
    assert day["workouts"][0]["title"] == "Long run 45.0 km"


def test_an_exported_plan_imports_back(runcoach, tmp_path: Path) -> None:
    runcoach("plan", "create", "--profile", str(EXAMPLES / "sub5-mile.yaml"), "--today", TODAY)
    plan_file = tmp_path / "plan.json"
    runcoach("plan", "export", "--json", str(plan_file))
    imported = runcoach("plan", "import", str(plan_file), "--json")
    assert imported.exit_code == 0
    assert imported.json()["plan_id"] == 2


def test_an_export_to_a_place_that_cannot_be_written_says_where_not_a_traceback(
    runcoach, tmp_path: Path
) -> None:
    runcoach("plan", "create", "--profile", str(EXAMPLES / "sub5-mile.yaml"), "--today", TODAY)
    blocker = tmp_path / "a-file"
    blocker.write_text("kept")
    for flag in ("--ical", "--json", "--fit"):
        result = runcoach("plan", "export", flag, str(blocker / "plan"))
        assert result.exit_code == 1 and "Traceback" not in result.stderr, flag
        assert result.stderr.startswith(f"error: {blocker / 'plan'}"), flag
    assert blocker.read_text() == "kept"


def test_a_bad_profile_names_the_field_and_an_example(runcoach, tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("goal: {race: 200mi, date: 2027-05-01}\n")
    result = runcoach("plan", "create", "--profile", str(profile))
    assert result.exit_code == 2
    assert "goal.race" in result.stderr and "1 mile to 100 miles" in result.stderr


def test_show_without_a_plan_says_how_to_make_one(runcoach) -> None:
    result = runcoach("plan", "show")
    assert result.exit_code == 3 and "plan create" in result.stderr


def test_a_race_date_in_the_past_is_called_that(runcoach, tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("goal: {race: marathon, date: 2001-05-01}\n")
    result = runcoach("plan", "create", "--profile", str(profile), "--today", TODAY)
    assert result.exit_code == 2 and "goal.date 2001-05-01 is in the past" in result.stderr


def test_with_imperial_units_the_notes_and_long_runs_read_in_miles_in_text_and_json(
    runcoach,
) -> None:
    """Issue 15: `--units imperial` still showed km in the plan's notes and long runs. (The
    100-miler's notes name distances: its long run stays short of what the race wants.)"""
    profile = str(EXAMPLES / "100-mile-ultra.yaml")
    text = runcoach("--units", "imperial", "plan", "create", "--profile", profile,
                    "--today", TODAY)  # fmt: skip
    assert text.exit_code == 0, text.stderr
    notes = [line for line in text.stdout.splitlines() if line.startswith("!")]
    assert notes and not any(" km" in line for line in notes)
    assert any(" mi" in line for line in notes)
    long_runs = [line for line in text.stdout.splitlines() if "Long run" in line]
    assert long_runs and not any("km" in line for line in long_runs)
    shown = runcoach("--units", "imperial", "plan", "show", "--json").json()
    display = shown["display"]
    assert display["units"] == "imperial" and display["notes"]
    assert not any(" km" in n for n in display["notes"])
    titles = [r["title"] for w in display["weeks"] for r in w["long_runs"]]
    assert titles and all(" mi" in t and "km" not in t for t in titles)
    metric = runcoach("plan", "show", "--json").json()["display"]
    assert metric["units"] == "metric" and any(" km" in n for n in metric["notes"])


def test_check_without_a_file_checks_the_active_plan(runcoach) -> None:
    """Issue 15, observation 12: `plan check` could not check the active plan without a file."""
    missing = runcoach("plan", "check")
    assert missing.exit_code == 3 and "no active plan" in missing.stderr
    runcoach("plan", "create", "--profile", str(EXAMPLES / "first-half.yaml"), "--today", TODAY)
    checked = runcoach("plan", "check", "--json")
    assert checked.exit_code == 0, checked.stdout
    assert not [v for v in checked.json()["violations"] if v["accepted"] is None]


def test_with_imperial_units_today_and_warnings_read_in_miles(runcoach) -> None:
    """`today --units imperial` said 'Long run 16.3 km' in its title and reasons, and the
    warnings 'the plan's 16.3 km ... (14.0 km ...)', beside paces in min/mi."""
    profile = str(EXAMPLES / "first-half.yaml")
    assert runcoach("plan", "create", "--profile", profile, "--today", TODAY).exit_code == 0
    plan = runcoach("plan", "show", "--json").json()
    long_days = [d["date"] for w in plan["plan"]["weeks"] for d in w["days"]
                 if any(x["kind"] == "long" for x in d["workouts"])]  # fmt: skip
    seen_warning = False
    for day in long_days[:6]:
        text = runcoach("--units", "imperial", "today", "--date", day)
        assert text.exit_code == 0, text.stderr
        assert "Long run" in text.stdout and " km" not in text.stdout, text.stdout
        warned = runcoach("--units", "imperial", "warnings", "--date", day).stdout
        assert " km" not in warned, warned
        seen_warning |= "longer than your longest" in warned
    assert seen_warning  # a long run over the longest of the 30 days before, with no log
    assert "km" in runcoach("today", "--date", long_days[0]).stdout  # metric stays metric
