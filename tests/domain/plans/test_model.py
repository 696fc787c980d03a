from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.codec import plan_from_dict, plan_to_dict
from runcoach.domain.plans.model import Baseline, Day, Goal, GoalKind, Phase, Plan, Week
from runcoach.domain.plans.schedule import ANY_DAY, Allowance, Cycle, DayType
from runcoach.domain.plans.workouts import (
    Effort,
    PaceRange,
    Repeat,
    Step,
    StepKind,
    Workout,
    WorkoutKind,
)
from runcoach.domain.units import Pace

FIVE_K = PaceRange(Pace(240), Pace(246))
JOG = PaceRange(Pace(330), Pace(390))


def intervals() -> Workout:
    mini = Workout(
        WorkoutKind.INTERVALS,
        "4 x 800 m at 10k pace",
        (
            Step(StepKind.WARM_UP, duration_s=600, pace=JOG),
            Repeat(
                4,
                (
                    Step(StepKind.WORK, distance_m=800, pace=FIVE_K.scaled(1.04)),
                    Step(StepKind.RECOVERY, duration_s=120, effort=Effort.JOG),
                ),
            ),
            Step(StepKind.COOL_DOWN, duration_s=600, pace=JOG),
        ),
    )
    return Workout(
        WorkoutKind.INTERVALS,
        "6 x 800 m at 5k pace",
        (
            Step(StepKind.WARM_UP, duration_s=900, pace=JOG),
            Repeat(
                6,
                (
                    Step(StepKind.WORK, distance_m=800, pace=FIVE_K),
                    Step(StepKind.RECOVERY, duration_s=120, effort=Effort.JOG),
                ),
            ),
            Step(StepKind.COOL_DOWN, duration_s=600, pace=JOG),
        ),
        tip="Even splits.",
        mini=mini,
        benchmark="800s",
    )


def one_week_plan() -> Plan:
    start = date(2027, 1, 4)
    short = DayType("night shift", Allowance.SHORT, 30)
    days = [Day(start + timedelta(days=i), ANY_DAY if i % 2 else short) for i in range(7)]
    days[1].workouts.append(intervals())
    return Plan(
        goal=Goal(GoalKind.RACE, 5000.0, date(2027, 3, 1), 1200.0, "5k"),
        created=start,
        baseline=Baseline(30000.0, 10000.0),
        weeks=[Week(1, Phase.BASE, days)],
        paces={"interval": FIVE_K},
    )


def test_a_repeat_group_expands_into_its_steps_in_order() -> None:
    steps = list(intervals().steps())
    assert len(steps) == 1 + 6 * 2 + 1
    assert steps[1].distance_m == 800 and steps[2].kind is StepKind.RECOVERY


def test_a_workout_estimates_its_distance_from_steps_and_paces() -> None:
    workout = intervals()
    assert workout.total_distance_m() == pytest.approx(
        900 / 360 * 1000 + 6 * 800 + 6 * 120 / 360 * 1000 + 600 / 360 * 1000, rel=0.01
    )
    assert workout.easy_duration_s() < workout.total_duration_s()


def test_a_step_needs_exactly_one_of_duration_or_distance() -> None:
    with pytest.raises(InvalidInput, match="either a duration or a distance"):
        Step(StepKind.WORK, duration_s=60, distance_m=400)


def test_a_plan_survives_a_json_round_trip() -> None:
    plan = one_week_plan()
    text = json.dumps(plan_to_dict(plan))
    back = plan_from_dict(json.loads(text))
    assert back == plan


def test_reading_a_plan_names_the_field_that_is_wrong() -> None:
    doc = plan_to_dict(one_week_plan())
    doc["weeks"][0]["days"][1]["workouts"][0]["kind"] = "jogging"
    with pytest.raises(InvalidInput, match=r"weeks\[0\]\.days\[1\]\.workouts\[0\]\.kind"):
        plan_from_dict(doc)


def test_a_rotating_cycle_repeats_from_its_start_date() -> None:
    off = DayType("off", Allowance.ANY)
    night = DayType("night", Allowance.NONE)
    cycle = Cycle(date(2027, 1, 1), (night, night, off))
    assert cycle.day_type(date(2027, 1, 3)) is off
    assert cycle.day_type(date(2027, 1, 6)) is off
    assert cycle.day_type(date(2026, 12, 31)) is off
