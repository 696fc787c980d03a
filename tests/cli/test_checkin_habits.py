from __future__ import annotations

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
