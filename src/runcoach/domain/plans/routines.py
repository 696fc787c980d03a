"""Strength, running-form drills and the dynamic warm-up: named routines with exercises.

Written in runcoach's own words. The routines are deliberately short (15-25 minutes) so
they fit a working runner's day; a coach can replace any of them with ``plan edit``.
"""

from __future__ import annotations

from runcoach.domain.plans.workouts import Exercise, Workout, WorkoutKind

DYNAMIC_WARM_UP_S = 10 * 60.0  # length of the dynamic warm-up routine (s; 8-12 min)
STRENGTH_S = 20 * 60.0  # length of a strength routine (s; 15-30 min)
DRILLS_S = 10 * 60.0  # length of a drills routine (s; 8-15 min)

_WARM_UP = (
    Exercise("Leg swings", "10 each leg, front-back and side-side", "Hold a wall, swing loosely."),
    Exercise("Walking lunges", "10 each leg", "Tall chest, knee over the ankle."),
    Exercise("Hip circles", "10 each way", "Hands on hips, big slow circles."),
    Exercise("A-skips", "2 x 20 m", "Knee up, quick light contact under the hip."),
    Exercise("Butt kicks", "2 x 20 m", "Heels to glutes, short quick steps."),
    Exercise("High knees", "2 x 20 m", "Run tall, arms drive."),
    Exercise("Strides", "3 x 60 m, building", "Build to fast but relaxed, walk back."),
)

_STRENGTH_A = (
    Exercise("Squats", "3 x 12", "Hips back and down, heels on the floor."),
    Exercise("Single-leg Romanian deadlift", "3 x 8 each leg", "Hinge at the hip, level hips."),
    Exercise("Calf raises", "3 x 15, slow down", "Three seconds on the way down."),
    Exercise("Plank", "3 x 40 s", "Straight line from head to heels."),
    Exercise("Side plank", "2 x 30 s each side", "Hips high, do not sag."),
    Exercise("Glute bridge", "3 x 12", "Squeeze at the top for two seconds."),
)

_STRENGTH_B = (
    Exercise("Step-ups", "3 x 10 each leg", "Drive through the front heel; a knee-high step."),
    Exercise("Reverse lunges", "3 x 10 each leg", "Step back, keep the front shin upright."),
    Exercise("Single-leg calf raises", "3 x 12 each leg", "Full range, slow down."),
    Exercise("Dead bug", "3 x 10 each side", "Low back pressed to the floor."),
    Exercise("Clamshells", "2 x 15 each side", "Band above the knees if you have one."),
    Exercise("Push-ups", "3 x 8-15", "On the knees is fine; a straight body."),
)

_DRILLS = (
    Exercise("A-march then A-skip", "2 x 20 m each", "Tall posture, quick ground contact."),
    Exercise("B-skip", "2 x 20 m", "Extend the leg, paw the ground back under you."),
    Exercise("Carioca", "2 x 20 m each way", "Rotate the hips, light on the feet."),
    Exercise("Straight-leg bounds", "2 x 20 m", "Stiff ankles, pull the ground."),
    Exercise("Fast feet", "3 x 10 s", "Tiny quick steps, stay relaxed."),
)


def dynamic_warm_up() -> Workout:
    return Workout(
        WorkoutKind.WARM_UP_ROUTINE,
        "Dynamic warm-up",
        tip=(
            "Do it right before the session: it raises muscle temperature and rehearses the "
            "range of motion fast running needs, which lowers the risk of a strain."
        ),
        exercises=_WARM_UP,
        duration_s=DYNAMIC_WARM_UP_S,
    )


def strength(variant: int) -> Workout:
    """Strength routine A or B (alternate them through the week)."""
    name, exercises = ("A", _STRENGTH_A) if variant % 2 == 0 else ("B", _STRENGTH_B)
    return Workout(
        WorkoutKind.STRENGTH,
        f"Runner's strength {name}",
        tip=(
            "Strong hips, calves and trunk hold your form when you tire and spread the load "
            "that causes overuse injuries. Stop a set when form breaks; never to exhaustion."
        ),
        exercises=exercises,
        duration_s=STRENGTH_S,
    )


def drills() -> Workout:
    return Workout(
        WorkoutKind.DRILLS,
        "Running-form drills",
        tip="After an easy run, on fresh legs: short, crisp, never tired. Quality over quantity.",
        exercises=_DRILLS,
        duration_s=DRILLS_S,
    )


def rest_day(reason: str = "") -> Workout:
    return Workout(
        WorkoutKind.REST,
        "Rest",
        tip=reason or "Rest is when the training turns into fitness. Sleep, eat well, walk.",
    )


CROSS_TRAINING_S = 40 * 60.0  # an easy cross-training session (s; 30-60 min)


def cross_training(seconds: float = CROSS_TRAINING_S) -> Workout:
    return Workout(
        WorkoutKind.CROSS_TRAINING,
        f"Cross-training {seconds / 60:.0f} min easy",
        tip=(
            "Cycling, the elliptical or pool running at an easy, conversational effort: "
            "aerobic work without the pounding. It counts as training, not as running volume."
        ),
        duration_s=seconds,
    )
