"""A run's type (what was done) and a plan's kind (what was prescribed) are one vocabulary."""

from __future__ import annotations

from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.run.runs import WorkoutType


def test_every_type_a_run_is_tagged_with_is_a_kind_a_plan_prescribes():
    for workout_type in WorkoutType:
        kind = WorkoutKind.of(workout_type)
        assert kind.value == workout_type.value
        assert kind.logged_as is workout_type


def test_the_kinds_that_are_no_run_of_their_own_are_logged_as_nothing():
    only_planned = {k for k in WorkoutKind if k.logged_as is None}
    assert only_planned == {WorkoutKind.DRILLS, WorkoutKind.WARM_UP_ROUTINE, WorkoutKind.REST}
