"""A first run of runcoach on the sample files, as the issue's new user tried it: runs only in
the log, drives and rides labelled, glitches shown and overridable, an old log still read,
an empty period said to be empty."""

from __future__ import annotations

import pytest

from tests.conftest import ACTIVITIES, needs_shared_data

pytestmark = needs_shared_data()


@pytest.fixture
def sample_log(log_cli):
    result = log_cli("import", str(ACTIVITIES), "--json")
    assert result.exit_code in (0, 1), result.stderr  # some sample files are broken on purpose
    return log_cli


def _listed(log_cli, *args):
    result = log_cli("runs", "list", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return result.json()


def test_runs_list_shows_runs_only_and_says_how_to_see_the_rest(sample_log):
    runs = _listed(sample_log)
    everything = _listed(sample_log, "--all")
    assert runs and len(everything) > len(runs)
    assert all(r["is_run"] for r in runs)
    assert all(r["duration_s"] >= 60 for r in runs)  # no 0.00 km watch starts
    assert not any(r["distance_m"] and r["distance_m"] > 300_000 for r in runs)  # the drive
    assert {"cycling", "swimming", "rowing"} <= {r["sport"] for r in everything}
    assert "--all shows them" in sample_log("runs", "list").stdout


def test_other_sports_are_listed_by_sport(sample_log):
    rides = _listed(sample_log, "--sport", "cycling")
    assert rides and {r["sport"] for r in rides} == {"cycling"}
    assert not any(r["is_run"] for r in rides)


def test_the_390_km_drive_saved_as_a_run_does_not_say_running(sample_log):
    # At 195 km/h the drive is quarantined at import (issue 17); released by the runner, it
    # is in the log, and still not counted as running.
    [held] = [f for f in _quarantined(sample_log) if "first_and_last_elevation" in f["name"]]
    released = sample_log("quarantine", "release", str(held["source_id"]))
    assert released.exit_code == 0, released.stderr
    [drive] = [r for r in _listed(sample_log, "--all") if (r["distance_m"] or 0) > 300_000]
    shown = sample_log("runs", "show", str(drive["id"]), "--json").json()
    assert shown["is_run"] is False and shown["activity"].startswith("cross-training")
    head = sample_log("runs", "show", str(drive["id"])).stdout.splitlines()[:2]
    assert all(not line.strip().startswith("running") for line in head)
    assert "not counted as running" in head[1]


def _quarantined(log_cli):
    result = log_cli("quarantine", "--json")
    assert result.exit_code == 0, result.stderr
    return result.json()


def _cerknicko(log_cli):
    [run] = [r for r in _listed(log_cli) if r["name"] == "ACTIVE LOG" and r["distance_m"] > 13_000]
    return run["id"]


def test_the_glitched_sample_run_shows_its_glitches_and_keeps_no_fake_5k(sample_log):
    run_id = _cerknicko(sample_log)
    shown = sample_log("runs", "show", str(run_id), "--json").json()
    assert shown["analysis"]["glitches"]
    assert {e["distance_m"] for e in shown["best_efforts"]}.isdisjoint({5000.0, 10000.0})
    assert shown["workout_type"] != "tempo"
    text = sample_log("runs", "show", str(run_id)).stdout
    assert "position jump: 5.34 km" in text and f"runs edit {run_id} --trust-samples" in text
    wins = sample_log("wins", "--since", "2000-01-01", "--json").json()
    assert not [w for w in wins if w["run_id"] == run_id]  # no first 10k, no negative split
    assert sample_log("fitness", "--json").json()["vdot"] < 60  # not the glitch's 75.7


def test_the_runner_can_trust_the_samples_and_take_it_back(sample_log):
    run_id = _cerknicko(sample_log)
    assert sample_log("runs", "edit", str(run_id), "--trust-samples").exit_code == 0
    trusted = sample_log("runs", "show", str(run_id), "--json").json()
    five_k = [e for e in trusted["best_efforts"] if e["distance_m"] == 5000.0]
    assert trusted["samples_trusted"] and five_k and five_k[0]["elapsed_s"] < 14 * 60
    assert sample_log("runs", "edit", str(run_id), "--check-samples").exit_code == 0
    checked = sample_log("runs", "show", str(run_id), "--json").json()
    assert not any(e["distance_m"] == 5000.0 for e in checked["best_efforts"])


def test_reanalyse_derives_every_stored_run_again(sample_log):
    result = sample_log("runs", "reanalyse", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["reanalysed"] >= 30


def test_fitness_paces_and_predict_use_the_old_log_with_its_age(sample_log):
    fitness = sample_log("fitness", "--json")
    assert fitness.exit_code == 0, fitness.stderr
    assert fitness.json()["age_days"] > 365
    assert "years old" in sample_log("fitness").stdout
    paces = sample_log("paces", "--json")
    assert paces.exit_code == 0 and paces.json()["age_days"] > 365
    predicted = sample_log("predict", "--to", "10k", "--json").json()
    assert predicted["results_age_days"] > 365
    typed = sample_log(
        "predict", "--to", "10k", "--json", "--result", "5k=23:43"
    ).json()  # fmt: skip  (the log's 5 km, typed as fresh)
    assert predicted["seconds"] == pytest.approx(typed["seconds"], rel=0.01)
    assert predicted["low_seconds"] < typed["low_seconds"]
    assert predicted["high_seconds"] > typed["high_seconds"]


def test_fitness_since_an_old_date_shows_the_old_history(sample_log):
    data = sample_log("fitness", "--since", "2015-01-01", "--json").json()
    assert data["history"]


def test_an_empty_month_says_so_and_points_at_the_last_month_with_runs(sample_log, tmp_path):
    out = tmp_path / "charts"
    result = sample_log("report", "--month", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "holds no runs: no charts written" in result.stdout
    assert "your last month with runs is 2021-09-01 to 2021-09-30" in result.stdout
    assert not out.exists() or not any(out.iterdir())
    data = sample_log("report", "--year", "--json").json()
    assert data["empty"] is True
    assert data["nearest_period_with_runs"] == {
        "kind": "year", "first": "2021-01-01", "last": "2021-12-31",
    }  # fmt: skip


def test_a_log_without_anything_to_rate_says_what_would_help(log_cli):
    log_cli("runs", "add", "--distance", "1km", "--duration", "9:00")
    result = log_cli("fitness")
    assert result.exit_code == 3
    assert "what would help" in result.stderr and "time trial" in result.stderr
