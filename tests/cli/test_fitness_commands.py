"""predict, paces and goal check, as a runner types them."""

import json

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
