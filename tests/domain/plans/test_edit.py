from __future__ import annotations

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.edit import workout_from_spec
from runcoach.domain.plans.paces import plan_paces
from runcoach.domain.plans.workouts import WorkoutKind

PACES = plan_paces(45)


@pytest.mark.parametrize(
    ("spec", "kind", "title"),
    [
        ("tempo 20min", WorkoutKind.TEMPO, "Tempo 20 min"),
        ("6x800m@5k", WorkoutKind.INTERVALS, "6 x 800 m at 5k pace"),
        ("intervals 5x1km@interval", WorkoutKind.INTERVALS, "5 x 1k at interval pace"),
        ("hills 8x60s", WorkoutKind.HILLS, "Hill repeats 8 x 60 s"),
        ("long 18km", WorkoutKind.LONG, "Long run 18.0 km"),
        ("easy 40min", WorkoutKind.EASY, "Easy run 40 min"),
        ("rest", WorkoutKind.REST, "Rest"),
    ],
)
def test_a_coach_writes_a_workout_in_a_few_words(spec: str, kind: WorkoutKind, title: str) -> None:
    workout = workout_from_spec(spec, PACES)
    assert workout.kind is kind and workout.title == title


def test_a_quality_workout_written_by_hand_still_has_its_mini_version() -> None:
    assert workout_from_spec("tempo 20min", PACES).mini is not None


@pytest.mark.parametrize("spec", ["jog a bit", "6x800m@warp", "tempo", ""])
def test_a_workout_runcoach_cannot_read_is_refused_with_examples(spec: str) -> None:
    with pytest.raises(InvalidInput):
        workout_from_spec(spec, PACES)
