"""Structured workouts as FIT workout files a watch loads (written with fit-tool, BSD).

Each step becomes a workout step: a time or a distance, a speed range from the pace band
(or open when the step names only an effort), the intensity (warm-up, active, recovery,
rest, cool-down); a repeat becomes a "repeat until steps complete" step pointing back.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
from fit_tool.profile.profile_type import (
    FileType,
    Intensity,
    Manufacturer,
    Sport,
    WorkoutStepDuration,
    WorkoutStepTarget,
)

from runcoach.domain.plans.workouts import Effort, Repeat, Step, StepKind, Workout

MAX_NAME = 40  # characters of a step or workout name watches show
_INTENSITY = {
    StepKind.WARM_UP: Intensity.WARMUP,
    StepKind.WORK: Intensity.ACTIVE,
    StepKind.RECOVERY: Intensity.RECOVERY,
    StepKind.COOL_DOWN: Intensity.COOLDOWN,
    StepKind.REST: Intensity.REST,
}


def workout_fit_bytes(workout: Workout, day: date | None = None) -> bytes:
    """The FIT workout file of one workout."""
    steps = _steps(workout)
    builder = FitFileBuilder(auto_define=True, min_string_size=MAX_NAME)
    builder.add(_file_id(day))
    message = WorkoutMessage()
    message.workout_name = workout.title[:MAX_NAME]
    message.sport = Sport.RUNNING
    message.num_valid_steps = len(steps)
    builder.add(message)
    builder.add_all(steps)
    return bytes(builder.build().to_bytes())


def _file_id(day: date | None) -> FileIdMessage:
    created = datetime.combine(day, datetime.min.time(), UTC) if day else datetime.now(UTC)
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = round(created.timestamp() * 1000)
    file_id.serial_number = 0x52430001
    return file_id


def _steps(workout: Workout) -> list[WorkoutStepMessage]:
    out: list[WorkoutStepMessage] = []
    for block in workout.blocks:
        if isinstance(block, Repeat):
            first = len(out)
            out.extend([_step(s, first + k) for k, s in enumerate(block.steps)])
            out.append(_repeat(first, block.count, len(out)))
        else:
            out.append(_step(block, len(out)))
    return out


def _step(step: Step, index: int) -> WorkoutStepMessage:
    message = WorkoutStepMessage()
    message.message_index = index
    message.workout_step_name = _name(step)[:MAX_NAME]
    message.intensity = _INTENSITY[step.kind]
    if step.duration_s is not None:
        message.duration_type = WorkoutStepDuration.TIME
        message.duration_time = float(step.duration_s)
    else:
        message.duration_type = WorkoutStepDuration.DISTANCE
        message.duration_distance = float(step.distance_m or 0.0)
    if step.pace is not None and step.effort is not Effort.STANDING:
        message.target_type = WorkoutStepTarget.SPEED
        message.target_value = 0  # 0 = a custom range, not a zone
        message.custom_target_speed_low = step.pace.slow.speed_m_per_s
        message.custom_target_speed_high = step.pace.fast.speed_m_per_s
    else:
        message.target_type = WorkoutStepTarget.OPEN
        message.target_value = 0
    if step.note:
        message.notes = step.note[:MAX_NAME]
    return message


def _repeat(first: int, count: int, index: int) -> WorkoutStepMessage:
    message = WorkoutStepMessage()
    message.message_index = index
    message.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
    message.duration_step = first
    message.target_repeat_steps = count
    return message


def _name(step: Step) -> str:
    effort = f" {step.effort.value}" if step.effort else ""
    return f"{step.kind.value}{effort}"
