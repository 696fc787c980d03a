"""predict, paces and goal check, as a runner types them."""

import json

import pytest

MARATHON = ["--to", "marathon"]


def test_predict_a_marathon_from_two_results_and_volume(runcoach):
    result = runcoach(
        "predict", "--result", "10k=41:30", "--result", "half=1:32:05",
        "--weekly-distance", "35mi", *MARATHON, "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["low_seconds"] < data["seconds"] < data["high_seconds"]
    assert 3 * 3600 < data["seconds"] < 3.6 * 3600
    assert data["model"] == "runcoach-2026"
    assert [r["distance_m"] for r in data["used"]] == [10_000, 21_097.5]


def test_predict_prints_the_interval_and_the_model_for_a_person(runcoach):
    result = runcoach("predict", "--result", "5k=20:00", "--to", "10k")
    assert result.exit_code == 0
    assert "80 % interval" in result.stdout and "runcoach-2026" in result.stdout


def test_an_unknown_distance_gets_an_example(runcoach):
    result = runcoach("predict", "--result", "10q=41:30", *MARATHON)
    assert result.exit_code == 2
    assert "'10q' is not a distance" in result.stderr and "for example" in result.stderr


def test_an_impossible_time_is_refused(runcoach):
    result = runcoach("predict", "--result", "10k=12:00", *MARATHON)
    assert result.exit_code == 2
    assert "humanly possible" in result.stderr


def test_a_batch_answers_one_line_per_line_and_names_a_bad_line(runcoach, tmp_path):
    batch = tmp_path / "athletes.jsonl"
    batch.write_text(
        '{"results": [{"distance": "half", "time": "1:32:05"}], "weekly_distance": "35mi", '
        '"to": "marathon"}\n'
        "not json\n"
        '{"results": [{"distance": "5k", "time": "20:00"}], "to": "10k"}\n'
    )
    result = runcoach("predict", "--batch", str(batch))
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    assert set(lines[0]) >= {"seconds", "low_seconds", "high_seconds", "model"}
    assert lines[1]["line"] == 2 and "not JSON" in lines[1]["error"]
    assert lines[2]["seconds"] > 2400


def test_paces_from_a_result_per_km_and_per_mile_with_zones(runcoach):
    result = runcoach("paces", "--result", "5k=19:57", "--max-hr", "190", "--resting-hr", "50",
                      "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert round(data["vdot"]) == 50
    assert data["paces"]["threshold"]["per_km"] == "4:15/km"
    assert data["paces"]["threshold"]["per_mile"].endswith("/mi")
    assert data["heart_rate_zones"]["method"] == "heart-rate reserve"


def test_paces_without_results_and_an_empty_log_say_what_to_give(runcoach):
    result = runcoach("paces")
    assert result.exit_code == 3
    assert "--result" in result.stderr


def test_goal_check_gives_a_verdict_with_the_numbers(runcoach):
    result = runcoach(
        "goal", "check", "--goal", "marathon=2:59:59", "--date", "2099-04-19",
        "--result", "half=1:32:05", "--weekly-distance", "35mi",
        "--temperature", "24C", "--dew-point", "18C", "--start", "09:00",
        "--elevation-gain", "250m", "--altitude", "1600m", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["verdict"] in {"within reach", "a stretch", "not realistic this time"}
    assert data["conditions_cost_s"] > 0
    assert any("Daniels" in a for a in data["assumptions"])
    assert {a["name"] for a in data["conditions"]["adjustments"]} == {
        "heat", "time of day", "elevation gain", "altitude",
    }  # fmt: skip


def test_goal_check_in_words(runcoach):
    result = runcoach("goal", "check", "--goal", "5k=17:00", "--date", "2099-01-01",
                      "--result", "5k=21:00", "--weekly-distance", "30km")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "realistic this time:" in result.stdout and "ladder" in result.stdout


def test_a_goal_date_in_the_past_is_refused_with_an_example(runcoach):
    result = runcoach("goal", "check", "--goal", "5k=20:00", "--date", "2001-01-01",
                      "--result", "5k=21:00")  # fmt: skip
    assert result.exit_code == 2
    assert "not in the future" in result.stderr and "--date" in result.stderr


def test_a_bad_temperature_gets_an_example(runcoach):
    result = runcoach("goal", "check", "--goal", "5k=20:00", "--date", "2099-01-01",
                      "--result", "5k=21:00", "--temperature", "hot")  # fmt: skip
    assert result.exit_code == 2
    assert "24C" in result.stderr


def test_a_weekly_distance_without_a_unit_is_refused_with_an_example(runcoach):
    result = runcoach("predict", "--result", "half=1:40:00", "--weekly-distance", "35", *MARATHON)
    assert result.exit_code == 2
    assert "35mi" in result.stderr


def test_a_distance_beyond_100km_is_refused(runcoach):
    result = runcoach("predict", "--result", "half=1:40:00", "--to", "200k")
    assert result.exit_code == 2
    assert "800 m to 100 km" in result.stderr


def _log_run(log_cli, day, distance, duration, *more):
    result = log_cli("runs", "add", "--date", day.isoformat(), "--distance", distance,
                     "--duration", duration, *more, "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result.json()["id"]


def _four_weeks_and_a_race(log_cli):
    """Four weeks of 40 km (four 10 km runs a week) and a 10 km race 10 days ago."""
    from datetime import date, timedelta

    today = date.today()
    for days_ago in range(1, 28, 7):
        for offset in range(4):
            _log_run(log_cli, today - timedelta(days=days_ago + offset), "10km", "55:00")
    race = _log_run(log_cli, today - timedelta(days=10), "10.06km", "41:40")
    edited = log_cli("runs", "edit", str(race), "--race", "--official-time", "41:30",
                     "--race-distance", "10k", "--json")  # fmt: skip
    assert edited.exit_code == 0, edited.stderr
    return race


def test_without_results_predict_paces_and_goal_read_the_log(log_cli):
    race = _four_weeks_and_a_race(log_cli)
    predicted = log_cli("predict", "--to", "half", "--json").json()
    [used] = predicted["used"]
    assert (used["distance_m"], used["time_s"]) == (10_000, 41 * 60 + 30)  # the official result
    # 16 runs of 10 km in the 28 days, plus the 10.06 km race: (160 + 10.06) km / 4 weeks
    assert predicted["weekly_distance_m"] == pytest.approx(170_060 / 4)
    typed = log_cli("predict", "--result", "10k=41:30", "--weekly-distance", "42.515km",
                    "--to", "half", "--json").json()  # fmt: skip
    assert predicted["seconds"] == pytest.approx(typed["seconds"], abs=2.0)  # recency: 10 days

    paces = log_cli("paces", "--json").json()
    assert round(paces["vdot"], 1) == pytest.approx(50.0, abs=0.5)  # 10k in 41:30 is VDOT ~50
    verdict = log_cli("goal", "check", "--goal", "10k=41:00", "--date", "2099-01-01",
                      "--json").json()  # fmt: skip
    assert verdict["today"]["used"][0]["time_s"] == 41 * 60 + 30
    assert race


def test_efforts_inside_training_runs_count_when_there_is_no_race(engine):
    import datetime as dt

    import numpy as np

    from runcoach.domain.fitness.current import PerformanceKind
    from runcoach.domain.run.efforts import analyse_run
    from runcoach.domain.run.runs import Run, Streams
    from runcoach.services.fitness import performances_from_log, read_log_inputs
    from runcoach.store import runs as run_store
    from runcoach.store.athletes import default_athlete_id
    from runcoach.store.db import SqlAlchemyDb

    def steady(day: int, seconds: int, speed: float) -> Run:
        t = np.arange(seconds, dtype=np.float64)
        start = dt.datetime(2026, 11, day, 7, tzinfo=dt.UTC)
        return Run(start=start, elapsed_s=float(seconds), moving_s=float(seconds),
                   distance_m=seconds * speed, source="fit",
                   streams=Streams(time_s=t, distance_m=t * speed))  # fmt: skip

    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        for day, speed in ((2, 3.0), (9, 4.0)):  # an easy hour, then a hard 5 km
            run = steady(day, 3600 if speed == 3.0 else 1300, speed)
            run_store.insert_run(conn, athlete, run, analyse_run(run))
        db = SqlAlchemyDb(conn, conn.dialect.name)
        found = performances_from_log(db, athlete, dt.date(2026, 1, 1), dt.date(2026, 11, 22))
    assert {p.kind for p in found} == {PerformanceKind.EFFORT}
    assert {p.distance_m for p in found if p.date == dt.date(2026, 11, 9)} >= {1609.344, 5000.0}
    inputs = read_log_inputs(engine, dt.date(2026, 11, 22), athlete_id=athlete)
    # the easy hour's efforts are under 92 % of the hard 5 km's VDOT: left out
    assert {w.performance.date for w in inputs.fitness.used} == {dt.date(2026, 11, 9)}
    [five_k] = [r for r in inputs.results if r.distance_m == 5000.0]
    assert five_k.time_s == pytest.approx(1250.0, abs=1.0)
    assert inputs.weekly_distance_m == pytest.approx((10_800 + 5_200) / 4)
    assert inputs.longest_run_m == pytest.approx(10_800)


def test_fitness_shows_what_it_rests_on_and_how_it_changed(log_cli):
    from datetime import date, timedelta

    today = date.today()
    old = _log_run(log_cli, today - timedelta(days=200), "10km", "46:00", "--type", "race")
    race = _four_weeks_and_a_race(log_cli)
    data = log_cli("fitness", "--since", (today - timedelta(days=365)).isoformat(),
                   "--json").json()  # fmt: skip
    kinds = {u["run_id"]: u["kind"] for u in data["used"]}
    # the 46:00 time trial (VDOT ~44) is under 92 % of the race's ~50: not all-out, left out
    assert kinds == {race: "race"}
    assert data["vdot"] == pytest.approx(50.0, abs=0.5)
    history = data["history"]
    assert history[-1]["date"] == today.isoformat()
    before_race = [h for h in history if date.fromisoformat(h["date"]) < today - timedelta(10)]
    months_after_trial = [
        h for h in before_race if date.fromisoformat(h["date"]) > today - timedelta(200)
    ]
    assert months_after_trial and all(h["vdot"] < 45.5 for h in months_after_trial)
    text = log_cli("fitness").stdout
    assert f"run {race}" in text and "how it changed" in text
    assert old


def test_fitness_with_an_empty_log_says_what_to_give(log_cli):
    result = log_cli("fitness")
    assert result.exit_code == 3
    assert "runs edit ID --race" in result.stderr


def test_an_altitude_no_race_is_run_at_is_refused(runcoach):
    result = runcoach("goal", "check", "--goal", "marathon=2:59:59", "--date", "2099-04-19",
                      "--result", "half=1:25:00", "--altitude", "9000m")  # fmt: skip
    assert result.exit_code == 2 and "higher than any race is run" in result.stderr


def test_a_dew_point_above_the_temperature_is_refused(runcoach):
    result = runcoach("goal", "check", "--goal", "10k=45:00", "--date", "2099-04-19",
                      "--result", "10k=46:00", "--temperature", "20C",
                      "--dew-point", "30C")  # fmt: skip
    assert result.exit_code == 2 and "dew point is at most the air temperature" in result.stderr


def test_goal_check_gives_a_race_plan_and_points_a_5_40_miler_to_the_9_week_program(runcoach):
    result = runcoach("goal", "check", "--goal", "mile=4:59", "--date", "2099-03-01",
                      "--result", "mile=5:40")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "race plan for" in result.stdout
    assert "9-week speed progression" in result.stdout and "program: sub-5-mile" in result.stdout
    data = runcoach("goal", "check", "--goal", "10k=45:00", "--date", "2099-03-01",
                    "--result", "10k=44:00", "--temperature", "28C", "--dew-point", "20C",
                    "--json").json()  # fmt: skip
    plan = data["race_plan"]
    assert len(plan["splits_km"]) == 10 and len(plan["splits_mile"]) == 7
    assert plan["splits_km"][-1]["clock_s"] == pytest.approx(plan["target_s"])
    assert "heat costs" in plan["strategy"]
