"""Exports: FIT workouts decoded back with fitdecode (an independent decoder), iCalendar
events read back with icalendar, JSON read back into the same plan."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import fitdecode
import icalendar
import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans import library as lib
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS, plan_paces
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.workouts import Repeat, Workout
from runcoach.exporters.fit_workout import workout_fit_bytes
from runcoach.exporters.ical import plan_to_ical
from runcoach.exporters.plan_json import plan_to_json
from runcoach.inputs.plans import plan_from_json

PACES = plan_paces(50.0)


def _decoded_steps(data: bytes) -> list[dict[str, object]]:
    steps = []
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "workout_step":
                steps.append({f.name: f.value for f in frame.fields})
    return steps


def _expected_steps(workout: Workout) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for block in workout.blocks:
        inner = block.steps if isinstance(block, Repeat) else (block,)
        for step in inner:
            out.append(
                ("time", step.duration_s)
                if step.duration_s is not None
                else ("distance", step.distance_m or 0.0)
            )
        if isinstance(block, Repeat):
            out.append(("repeat_until_steps_cmplt", float(block.count)))
    return out


@pytest.mark.parametrize(
    "workout",
    [
        lib.intervals(PACES, 6, 800, "5k", 120),
        lib.tempo(PACES, 20),
        lib.hills(PACES, 8, 60, treadmill=True),
        lib.long_run(PACES, 18000),
    ],
    ids=lambda w: w.title,
)
def test_a_fit_workout_decodes_back_to_the_same_steps(workout: Workout) -> None:
    decoded = _decoded_steps(workout_fit_bytes(workout, date(2027, 1, 5)))
    got = []
    for step in decoded:
        kind = step["duration_type"]
        if kind == "repeat_until_steps_cmplt":
            got.append((kind, float(step["repeat_steps"])))  # type: ignore[arg-type]
        else:
            got.append((kind, float(step[f"duration_{kind}"])))  # type: ignore[arg-type]
    assert got == _expected_steps(workout)


def test_a_fit_work_step_carries_its_pace_band_as_a_speed_range() -> None:
    workout = lib.intervals(PACES, 6, 800, "5k", 120)
    work = _decoded_steps(workout_fit_bytes(workout))[1]
    band = PACES.five_k
    assert work["target_type"] == "speed"
    assert work["custom_target_speed_low"] == pytest.approx(band.slow.speed_m_per_s, abs=0.002)
    assert work["custom_target_speed_high"] == pytest.approx(band.fast.speed_m_per_s, abs=0.002)


def _plan():  # type: ignore[no-untyped-def]
    doc = {
        "goal": {"race": "10k", "date": "2027-03-07", "target": "45:00"},
        "weekly_distance": "35km",
        "longest_run_30d": "12km",
        "years_running": 3,
        "facilities": ["track"],
    }
    return generate(profile_from_dict(doc), date(2026, 11, 22), DANIELS)


def test_the_calendar_has_one_event_per_workout_with_its_paces() -> None:
    plan = _plan()
    calendar = icalendar.Calendar.from_ical(plan_to_ical(plan))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == sum(len(d.workouts) for d in plan.days())
    intervals = [e for e in events if "pace" in str(e["summary"]) and "x" in str(e["summary"])]
    assert intervals and "/km" in str(intervals[0]["description"])
    assert "Mini version" in str(intervals[0]["description"])


def test_a_plan_exported_to_json_reads_back_equal(tmp_path: Path) -> None:
    plan = _plan()
    assert plan_from_json(plan_to_json(plan)) == plan


def test_a_broken_plan_file_says_where() -> None:
    with pytest.raises(InvalidInput, match="line 1"):
        plan_from_json("{not json")
