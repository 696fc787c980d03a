"""Issue 15, observation 6 and "races on consecutive days as a goal", replayed through the real
`runcoach` entry point: the 3:45 marathoner (60 km a week, longest run 26 km, 5 days) with two
marathons on Saturday and Sunday 19 weeks out, as the runner would try it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from runcoach.domain.plans.codec import plan_from_dict
from runcoach.domain.plans.workouts import WorkoutKind

TODAY = "2026-12-04"
DOUBLE = {
    "name": "Double marathon",
    "goal": {
        "race": "marathon", "date": "2027-04-18", "name": "Sunday marathon",
        "also": [{"date": "2027-04-17", "distance": "marathon", "name": "Saturday marathon"}],
    },
    "recent_results": [{"date": "2026-10-18", "distance": "marathon", "time": "3:45:00"}],
    "weekly_distance": "60km",
    "longest_run_30d": "26km",
    "years_running": 6,
    "run_days_per_week": 5,
}  # fmt: skip


def _create(runcoach, tmp_path: Path, doc: dict[str, object]) -> str:
    path = tmp_path / "double.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    created = runcoach("plan", "create", "--profile", str(path), "--today", TODAY)
    assert created.exit_code == 0, created.stderr
    return str(created.stdout)


def _seconds(text: str) -> int:
    h, m, s = (int(x) for x in text.split(":"))
    return h * 3600 + m * 60 + s


def test_6_a_double_of_marathons_trains_for_the_two_races_together(runcoach, tmp_path: Path):
    out = _create(runcoach, tmp_path, DOUBLE)
    assert "one goal of 84.4 km" in out and "back-to-back long runs" in out
    longs = [float(m) for m in re.findall(r"  Long run ([0-9.]+) km", out)]
    assert max(longs) >= 32  # before: stuck at 26-26.7 km, "short of the 32 km"
    weekends = re.findall(r"Sun \d\d \w\w\w  [^\n]*Back-to-back long run", out)
    assert len(weekends) >= 6  # Saturday's long run, Sunday's on tired legs
    weeks = [float(m) for m in re.findall(r"from \d{4}-\d\d-\d\d: ([0-9.]+) km", out)]
    assert max(weeks[:-1]) > 80  # before: 69 km, the marathon's row
    assert "Every rule kept." in runcoach("plan", "check").stdout


def test_6_the_second_day_is_not_printed_as_fast_as_the_first(runcoach, tmp_path: Path):
    out = _create(runcoach, tmp_path, DOUBLE)
    times = dict(re.findall(r"Goal race: (\w+) marathon \(42.20 km in ([0-9:]+)\)", out))
    assert _seconds(times["Saturday"]) < _seconds(times["Sunday"])
    plan = plan_from_dict(runcoach("plan", "show", "--json").json()["plan"])
    races = [w for d in plan.days() for w in d.workouts if w.kind is WorkoutKind.RACE]
    assert races[0].notes[-1].startswith("Day 1 of 2 of the 84.4 km double: pace it for the")
    assert races[1].notes[-1].startswith("Day 2 of 2") and "slower than day 1" in races[1].notes[-1]


def test_6_a_10k_and_half_weekend_is_no_ultra(runcoach, tmp_path: Path):
    goal = {
        "race": "half", "date": "2027-04-18", "name": "Sunday half",
        "also": [{"date": "2027-04-17", "distance": "10k", "name": "Saturday 10k"}],
    }  # fmt: skip
    out = _create(
        runcoach, tmp_path, {**DOUBLE, "goal": goal, "weekly_distance": "35km",
                             "longest_run_30d": "14km"}
    )  # fmt: skip
    assert "one goal of 31.1 km" in out and "Not an ultra" in out
    assert "Back-to-back" not in out
    assert "Every rule kept." in runcoach("plan", "check").stdout


def test_6_a_doubles_notes_read_in_miles_for_an_imperial_runner(runcoach, tmp_path: Path):
    path = tmp_path / "double.yaml"
    path.write_text(yaml.safe_dump(DOUBLE), encoding="utf-8")
    out = runcoach("--units", "imperial", "plan", "create", "--profile", str(path),
                   "--today", TODAY).stdout  # fmt: skip
    said = next(line for line in out.splitlines() if "Races on 2 consecutive days" in line)
    assert "52.4 mi" in said and " km" not in said  # one goal of 84.4 km
    display = runcoach("--units", "imperial", "plan", "show", "--json").json()["display"]
    assert not any(" km" in n for n in display["notes"])
