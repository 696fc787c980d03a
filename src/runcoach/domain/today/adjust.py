"""Workout transforms used when a day changes: easy instead, shorter, re-paced, rest."""

from __future__ import annotations

import math
from dataclasses import replace

from runcoach.domain.plans.workouts import (
    Block,
    Effort,
    PaceRange,
    Repeat,
    Step,
    StepKind,
    Workout,
    WorkoutKind,
)

MIN_EASY_S = 15 * 60.0  # shortest easy run worth prescribing, s; 10-20 min (coaching practice)
EASY_TIP = "Conversational effort: you could talk in full sentences."
SHORTENED = ", shortened to "
SCALABLE = frozenset({WorkoutKind.EASY, WorkoutKind.LONG, WorkoutKind.RECOVERY})


def easy_run(easy: PaceRange | None, duration_s: float, title: str = "") -> Workout:
    minutes = max(duration_s, MIN_EASY_S) / 60
    step = Step(StepKind.WORK, duration_s=round(minutes) * 60.0, pace=easy, effort=Effort.EASY)
    return Workout(WorkoutKind.EASY, title or f"Easy run {minutes:.0f} min", (step,), tip=EASY_TIP)


def rest(title: str, tip: str = "") -> Workout:
    return Workout(WorkoutKind.REST, title, tip=tip)


def shortened(workout: Workout, factor: float) -> Workout:
    """An easy, long or recovery run with every step ``factor`` as long (never below 15 min);
    an easy run with strides has its easy part shortened and keeps its strides."""
    if workout.kind is WorkoutKind.STRIDES and factor < 1.0:
        return _strides_shortened(workout, factor)
    if workout.kind not in SCALABLE or factor >= 1.0:
        return workout
    floor = min(1.0, MIN_EASY_S / max(workout.total_duration_s(), 1.0))
    factor = max(factor, floor)
    blocks = tuple(_scale_block(b, factor) for b in workout.blocks)
    minutes = sum(_block_s(b) for b in blocks) / 60
    root = workout.title.split(SHORTENED)[0]
    return replace(workout, blocks=blocks, title=f"{root}{SHORTENED}{minutes:.0f} min")


def easy_part_s(workout: Workout) -> float:
    """The easy running of a workout, s: its steps outside repeats (an easy run with strides:
    the run without the strides)."""
    return sum(b.estimated_duration_s() for b in workout.blocks if not isinstance(b, Repeat))


def _strides_shortened(workout: Workout, factor: float) -> Workout:
    easy_s = easy_part_s(workout)
    factor = max(factor, min(1.0, MIN_EASY_S / max(easy_s, 1.0)))
    blocks = tuple(b if isinstance(b, Repeat) else _scale_step(b, factor) for b in workout.blocks)
    minutes = sum(_block_s(b) for b in blocks if not isinstance(b, Repeat)) / 60
    root = workout.title.split(SHORTENED)[0]
    return replace(workout, blocks=blocks, title=f"{root}{SHORTENED}{minutes:.0f} min + strides")


def _scale_block(block: Block, factor: float) -> Block:
    if isinstance(block, Repeat):
        return Repeat(block.count, tuple(_scale_step(s, factor) for s in block.steps))
    return _scale_step(block, factor)


def _scale_step(step: Step, factor: float) -> Step:
    """Rounded down to whole minutes or 100 m, so a cap is never overshot."""
    if step.duration_s is not None:
        return replace(step, duration_s=max(60.0, math.floor(step.duration_s * factor / 60) * 60))
    assert step.distance_m is not None
    return replace(step, distance_m=max(100.0, math.floor(step.distance_m * factor / 100) * 100))


def _block_s(block: Block) -> float:
    if isinstance(block, Repeat):
        return block.count * sum(s.estimated_duration_s() for s in block.steps)
    return block.estimated_duration_s()


def repaced(workout: Workout, factor: float) -> Workout:
    """Every pace target multiplied by ``factor`` (< 1 faster), the mini version too."""
    if factor == 1.0 or not workout.blocks:
        return workout
    blocks = tuple(_repace_block(b, factor) for b in workout.blocks)
    mini = repaced(workout.mini, factor) if workout.mini else None
    return replace(workout, blocks=blocks, mini=mini)


def _repace_block(block: Block, factor: float) -> Block:
    if isinstance(block, Repeat):
        return Repeat(block.count, tuple(_repace_step(s, factor) for s in block.steps))
    return _repace_step(block, factor)


def _repace_step(step: Step, factor: float) -> Step:
    return replace(step, pace=step.pace.scaled(factor)) if step.pace else step
