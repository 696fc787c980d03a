"""``runcoach runs`` and ``runcoach shoes`` as a runner uses them, on SQLite and PostgreSQL."""

from __future__ import annotations

import io

import pytest

from tests.cli.log_fixtures import FITPARSE, SWEATPY
from tests.conftest import needs_shared_data


def _add(log_cli, *args):
    result = log_cli("runs", "add", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return result.json()["id"]


def test_a_manual_run_is_listed_and_shown_with_what_the_runner_typed(log_cli):
    run_id = _add(log_cli, "--date", "2024-03-02", "--time", "07:15", "--distance", "10km",
                  "--duration", "52:30", "--type", "easy", "--rpe", "4", "--feel", "good",
                  "--surface", "treadmill", "--notes", "forgot the watch")  # fmt: skip
    [listed] = log_cli("runs", "list", "--json").json()
    assert listed["id"] == run_id
    assert listed["date"] == "2024-03-02"
    assert listed["pace_s_per_km"] == pytest.approx(315.0)
    shown = log_cli("runs", "show", str(run_id), "--json").json()
    assert (shown["rpe"], shown["feel"], shown["surface"]) == (4, "good", "treadmill")
    assert shown["notes"] == "forgot the watch"
    assert shown["tags_inferred"]["workout_type"] is False
    text = log_cli("runs", "show", str(run_id)).stdout
    assert "10.00 km" in text and "5:15/km" in text


def test_a_bare_distance_is_in_the_runners_units(log_cli):
    run_id = _add(log_cli, "--distance", "5", "--duration", "40:00")
    assert log_cli("runs", "show", str(run_id), "--json").json()["distance_m"] == 5000
    imperial = log_cli("--units", "imperial", "runs", "add", "--distance", "5", "--json")
    shown = log_cli("runs", "show", str(imperial.json()["id"]), "--json").json()
    assert shown["distance_m"] == pytest.approx(8046.72)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--distance", "ten"), "not a distance"),
        (("--distance", "5k", "--duration", "1:99"), "minutes and seconds"),
        (("--distance", "5k", "--rpe", "11"), "1<=x<=10"),
        (("--date", "2024-13-01", "--distance", "5k"), "2024-13-01"),
        ((), "a distance or a duration"),
        (("--distance", "5k", "--shoes", "Nope"), "no pair of shoes"),
    ],
)
def test_malformed_input_is_a_clear_error_and_stores_nothing(log_cli, args, message):
    result = log_cli("runs", "add", *args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert log_cli("runs", "list", "--json").json() == []


def test_listing_filters_by_dates_type_and_limit(log_cli):
    for day, kind in (("2024-01-01", "easy"), ("2024-01-05", "tempo"), ("2024-02-01", "easy")):
        _add(log_cli, "--date", day, "--distance", "8k", "--duration", "40:00", "--type", kind)
    january = log_cli("runs", "list", "--from", "2024-01-01", "--to", "2024-01-31", "--json")
    assert [r["date"] for r in january.json()] == ["2024-01-05", "2024-01-01"]
    easy = log_cli("runs", "list", "--type", "easy", "--limit", "1", "--json").json()
    assert [r["date"] for r in easy] == ["2024-02-01"]
    bad = log_cli("runs", "list", "--from", "2024-02-01", "--to", "2024-01-01")
    assert bad.exit_code == 2 and "after" in bad.stderr


def test_editing_tags_and_marking_a_race(log_cli):
    run_id = _add(log_cli, "--distance", "10k", "--duration", "41:00")
    result = log_cli("runs", "edit", str(run_id), "--race", "--official-time", "40:58",
                     "--race-distance", "10k", "--race-name", "City 10k",
                     "--conditions", "24 °C, windy", "--terrain", "flat", "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    shown = log_cli("runs", "show", str(run_id), "--json").json()
    assert shown["workout_type"] == "race"
    assert shown["race"]["official_time_s"] == 2458
    assert shown["race"]["distance_m"] == 10000
    assert shown["race"]["conditions"] == "24 °C, windy"
    assert shown["terrain"] == "flat" and shown["tags_inferred"]["terrain"] is False
    log_cli("runs", "edit", str(run_id), "--not-race")
    assert log_cli("runs", "show", str(run_id), "--json").json()["race"] is None


def test_deleting_asks_first_and_json_needs_yes(log_cli, monkeypatch):
    run_id = _add(log_cli, "--distance", "5k", "--duration", "25:00")
    assert log_cli("runs", "edit", str(run_id), "--delete", "--json").exit_code == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    refused = log_cli("runs", "edit", str(run_id), "--delete")
    assert refused.exit_code != 0 and "delete run" in refused.stderr
    assert len(log_cli("runs", "list", "--json").json()) == 1
    deleted = log_cli("runs", "edit", str(run_id), "--delete", "--yes", "--json")
    assert deleted.json() == {"id": run_id, "deleted": True}
    assert log_cli("runs", "list", "--json").json() == []
    missing = log_cli("runs", "show", str(run_id))
    assert missing.exit_code == 3 and "no run" in missing.stderr


@needs_shared_data()
def test_a_deleted_imported_run_can_be_imported_again(log_cli):
    path = str(SWEATPY / "4801048867.fit")
    [run_id] = log_cli("import", path, "--json").json()["details"][0]["run_ids"]
    log_cli("runs", "edit", str(run_id), "--delete", "--yes")
    assert log_cli("import", path, "--json").json()["imported"] == 1


@needs_shared_data()
def test_an_imported_run_shows_laps_splits_halves_and_best_efforts(log_cli):
    path = str(FITPARSE / "activity-small-fenix2-run.fit")
    [run_id] = log_cli("import", path, "--json").json()["details"][0]["run_ids"]
    shown = log_cli("runs", "show", str(run_id), "--json").json()
    assert shown["distance_m"] > 9000 and shown["avg_hr"] and shown["ascent_m"] is not None
    assert len(shown["laps"]) == 4
    assert len(shown["analysis"]["splits_km"]) == 10
    assert len(shown["analysis"]["splits_mile"]) == 6
    assert shown["analysis"]["halves"]["kind"] in ("negative", "even", "positive")
    assert isinstance(shown["analysis"]["negative_split"], bool)
    assert [e["distance_m"] for e in shown["best_efforts"]][:3] == [400, 1000, 1609.344]
    assert shown["sources"][0]["primary"] is True
    text = log_cli("runs", "show", str(run_id)).stdout
    for heading in ("laps:", "splits per km:", "splits per mile:", "halves:", "best efforts:"):
        assert heading in text


def test_shoes_count_their_distance_and_warn_past_retirement(log_cli):
    assert log_cli("shoes", "add", "Pegasus 40", "--retire-at", "15km").exit_code == 0
    assert log_cli("shoes", "add", "Trail pair", "--brand", "Hoka").exit_code == 0
    _add(log_cli, "--distance", "10k", "--duration", "50:00", "--shoes", "pegasus")
    result = log_cli("runs", "add", "--distance", "6k", "--duration", "30:00", "--shoes", "1")
    assert "warning" in result.stderr and "Pegasus 40" in result.stderr
    pairs = {p["name"]: p for p in log_cli("shoes", "list", "--json").json()}
    assert pairs["Pegasus 40"]["distance_m"] == 16000
    assert pairs["Pegasus 40"]["runs"] == 2
    assert pairs["Pegasus 40"]["worn_out"] is True
    assert pairs["Trail pair"]["retirement_m"] == 700_000  # the default from settings
    listed = log_cli("shoes", "list")
    assert "WORN OUT" in listed.stdout and "time for a new pair" in listed.stderr


def test_a_retired_pair_leaves_the_list_but_keeps_its_runs(log_cli):
    log_cli("shoes", "add", "Old pair")
    run_id = _add(log_cli, "--distance", "5k", "--duration", "25:00", "--shoes", "Old pair")
    retired = log_cli("shoes", "retire", "Old pair", "--on", "2024-05-01", "--json")
    assert retired.json() == {"name": "Old pair", "retired_on": "2024-05-01"}
    assert log_cli("shoes", "list", "--json").json() == []
    [pair] = log_cli("shoes", "list", "--all", "--json").json()
    assert pair["distance_m"] == 5000
    assert log_cli("runs", "show", str(run_id), "--json").json()["shoes"] == "Old pair"


def test_the_shoe_retirement_default_follows_the_settings(log_cli, monkeypatch):
    monkeypatch.setenv("RUNCOACH_SHOE_RETIREMENT_KM", "500")
    log_cli("shoes", "add", "Racer")
    [pair] = log_cli("shoes", "list", "--json").json()
    assert pair["retirement_m"] == 500_000


def test_a_second_pair_with_the_same_name_is_refused(log_cli):
    log_cli("shoes", "add", "Pegasus")
    again = log_cli("shoes", "add", "Pegasus")
    assert again.exit_code == 4 and "already have a pair" in again.stderr


def test_rides_in_the_list_show_their_speed_runs_their_pace():
    from datetime import date

    from runcoach.cli.run_views import render_list
    from runcoach.domain.units import UnitSystem
    from runcoach.services.runs import RunSummary

    def summary(ident, sport, kind):
        fields = {f: None for f in RunSummary.__dataclass_fields__}
        fields.update(id=ident, local_date=date(2026, 3, 2), sport=sport, workout_type=kind,
                      distance_m=30_000.0, duration_s=3600.0, pace_s_per_km=120.0)  # fmt: skip
        return RunSummary(**fields)

    text = render_list([summary(1, "cycling", None), summary(2, "running", "easy")],
                       UnitSystem.METRIC)  # fmt: skip
    ride, run = text.splitlines()[1:]
    assert "30.0 km/h" in ride and "2:00/km" in run


def test_a_typed_run_in_the_future_or_faster_than_any_runner_is_refused(runcoach):
    future = runcoach("runs", "add", "--distance", "10k", "--duration", "45:00",
                      "--date", "2099-01-01")  # fmt: skip
    assert future.exit_code == 2 and "is in the future" in future.stderr
    typo = runcoach("runs", "add", "--distance", "500k", "--duration", "1:00:00")
    assert typo.exit_code == 2 and "faster than the world record" in typo.stderr
    ride = runcoach("runs", "add", "--distance", "40k", "--duration", "1:20:00",
                    "--sport", "cycling")  # fmt: skip
    assert ride.exit_code == 0, ride.stderr
    listed = runcoach("runs", "list", "--all", "--json").json()
    assert [r["sport"] for r in listed] == ["cycling"]  # nothing else was stored


def test_an_official_race_time_faster_than_the_world_record_is_refused(runcoach):
    assert runcoach("runs", "add", "--distance", "10k", "--duration", "45:00").exit_code == 0
    typo = runcoach("runs", "edit", "1", "--race", "--official-time", "12:00")
    assert typo.exit_code == 2 and "faster than the world record" in typo.stderr
    shown = runcoach("runs", "show", "1", "--json").json()
    assert shown["race"] is None and shown["workout_type"] != "race"  # nothing was changed
    assert runcoach("runs", "edit", "1", "--race", "--official-time", "44:30").exit_code == 0
    assert runcoach("runs", "show", "1", "--json").json()["race"]["official_time_s"] == 2670
