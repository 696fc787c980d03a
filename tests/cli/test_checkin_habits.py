from __future__ import annotations

from datetime import date, timedelta

import pytest


def test_a_check_in_of_habits_alone_is_kept_and_told_back(runcoach):
    habits = ["--strength", "--warm-up", "--ate-well", "--slept", "7h30"]
    body = ["--weight", "70.4kg", "--resting-hr", "52"]
    result = runcoach("checkin", *habits, *body, "--date", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        "checked in for 2026-12-01: strength routine done, warmed up, ate well, "
        "slept 7h30 (enough), weight 70.4 kg, resting heart rate 52 bpm"
    )


def test_a_second_check_in_the_same_day_adds_to_the_first(runcoach):
    runcoach("checkin", "--feel", "tired", "--strength", "--slept", "6h", "--date", "2026-12-01")
    data = runcoach("checkin", "--slept", "7:30", "--no-strength", "--date", "2026-12-01",
                    "--json").json()  # fmt: skip
    assert data["feel"] == "tired"
    assert data["habits"]["sleep_s"] == 7.5 * 3600 and data["habits"]["enough_sleep"] is True
    assert data["habits"]["strength"] is False and data["habits"]["weight_kg"] is None


@pytest.mark.parametrize("slept", ["7.5h", "7h30", "7:30", "450min", "7.5"])
def test_sleep_is_understood_the_ways_people_say_it(runcoach, slept):
    data = runcoach("checkin", "--slept", slept, "--json").json()
    assert data["habits"]["sleep_s"] == 27000.0


def test_weight_is_stored_in_kg_and_shown_in_the_runners_units(runcoach, monkeypatch):
    data = runcoach("checkin", "--weight", "155lb", "--date", "2026-12-01", "--json").json()
    assert data["habits"]["weight_kg"] == pytest.approx(70.307, abs=0.001)
    monkeypatch.setenv("RUNCOACH_UNITS", "imperial")
    shown = runcoach("checkin", "--weight", "156", "--date", "2026-12-02")
    assert "weight 156.0 lb" in shown.stdout


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--slept", "20h", "a night's sleep of 20 h is not plausible: runcoach takes 0-16 h"),
        ("--slept", "late", "'late' is not a number of hours"),
        ("--weight", "400kg", "a body weight of 400 kg (882 lb) is not plausible"),
        ("--weight", "heavy", "'heavy' is not a weight"),
        ("--resting-hr", "15", "a resting heart rate of 15 bpm is not plausible"),
        ("--resting-hr", "fast", "'fast' is not a heart rate in beats per minute"),
    ],
)
def test_an_implausible_value_is_refused_with_an_example_and_loses_nothing(
    runcoach, option, value, says
):
    runcoach("checkin", "--ate-well", "--weight", "70kg", "--date", "2026-12-01")
    refused = runcoach("checkin", "--strength", option, value, "--date", "2026-12-01")
    assert refused.exit_code != 0 and says in refused.stderr and "for example" in refused.stderr
    kept = runcoach("checkin", "--warm-up", "--date", "2026-12-01", "--json").json()["habits"]
    assert (kept["ate_well"], kept["weight_kg"], kept["strength"]) == (True, 70.0, None)


def test_a_check_in_with_nothing_to_say_says_what_it_could_say(runcoach):
    result = runcoach("checkin")
    assert result.exit_code != 0 and "--slept 7.5h" in result.stderr


MONDAY = date(2026, 11, 2)


def a_month_of_habits(call):
    """Four weeks: runs Tue/Thu/Sat with a warm-up, strength Mon/Thu, 7h30 of sleep, weight
    going down 0.1 kg a day from 72 kg, resting heart rate 50."""
    for k in range(28):
        day = (MONDAY + timedelta(k)).isoformat()
        told = ["--slept", "7h30", "--weight", f"{72 - 0.1 * k:.1f}kg", "--resting-hr", "50"]
        if k % 7 in (1, 3, 5):
            call("runs", "add", "--date", day, "--distance", "8k", "--duration", "44:00")
            told.append("--warm-up")
        if k % 7 in (0, 3):
            told.append("--strength")
        assert call("checkin", "--date", day, *told).exit_code == 0


def test_habits_are_wins_and_weight_and_resting_heart_rate_trends_in_the_report(log_cli):
    a_month_of_habits(log_cli)
    last = (MONDAY + timedelta(27)).isoformat()
    data = log_cli("report", "--from", MONDAY.isoformat(), "--to", last, "--json").json()
    assert data["habits"]["strength_days"] == 8 and data["habits"]["run_days"] == 12
    assert data["habits"]["warm_up_runs"] == 12 and data["habits"]["enough_sleep_nights"] == 28
    assert data["weight"]["latest"] == {"day": last, "value": pytest.approx(69.3)}
    assert data["weight"]["average"] == pytest.approx(69.6)
    # the change over 4 weeks needs readings 4 weeks before the last week: none in 28 days
    assert data["weight"]["change"] is None and data["resting_hr"]["average"] == 50.0
    habit_titles = [w["title"] for w in data["wins"] if w["kind"] == "habit_kept"]
    assert sorted(habit_titles) == sorted([
        "Habit kept: strength routine on 2 days of the week",
        "Habit kept: 7 h of sleep or more on 5 nights of the week",
        "Habit kept: a warm-up before every run of the week (3 runs)",
        "Habit kept 4 weeks in a row: strength routine twice a week",
        "Habit kept 4 weeks in a row: 7 h of sleep 5 nights a week",
        "Habit kept 4 weeks in a row: a warm-up before every run",
    ])  # fmt: skip
    text = log_cli("report", "--from", MONDAY.isoformat(), "--to", last).stdout
    assert "habits: strength 8 days, warm-up before 12 of 12 run days, ate well 0 days" in text
    assert f"weight 69.3 kg on {last}; 7-day average 69.6 kg (7 readings)\n" in text
    wins = log_cli("wins", "--since", MONDAY.isoformat()).stdout
    assert "Habit kept 4 weeks in a row: strength routine twice a week" in wins


def test_the_report_draws_the_body_chart_when_there_are_readings(log_cli, tmp_path):
    a_month_of_habits(log_cli)
    last = (MONDAY + timedelta(27)).isoformat()
    out = tmp_path / "out"
    result = log_cli("report", "--from", MONDAY.isoformat(), "--to", last, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert (out / "body.svg").exists()
    assert "Habits and body" in (out / "report.html").read_text(encoding="utf-8")


def test_a_resting_heart_rate_up_three_mornings_is_in_warnings_and_today(log_cli, tmp_path):
    import json

    from runcoach.domain.plans.codec import plan_to_dict
    from tests.domain.today.helpers import START, half_plan

    mornings = [50, 52, 51, 49, 50, 52, 51, 57, 58, 56]
    days = [START + timedelta(k) for k in range(len(mornings))]
    for day, bpm in zip(days, mornings, strict=True):
        log_cli("checkin", "--resting-hr", str(bpm), "--date", day.isoformat())
    warned = log_cli("warnings", "--date", days[-1].isoformat())
    assert "caution: your resting heart rate was 57, 58, 56 bpm these 3 mornings" in warned.stdout
    assert "Dressendorfer" in warned.stdout
    calm = log_cli("warnings", "--date", days[-2].isoformat(), "--json").json()
    assert all(w["rule"] != "resting-heart-rate-up" for w in calm)
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan_to_dict(half_plan())), encoding="utf-8")
    today = log_cli("today", "--plan", str(plan_file), "--date", days[-1].isoformat(), "--json")
    assert "resting-heart-rate-up" in [w["rule"] for w in today.json()["warnings"]]
