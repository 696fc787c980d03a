"""A plan as plain JSON values and back (the format of docs/plan-format.md).

Metres, seconds and paces in seconds per km; dates as ISO 8601. Reading names the field that
is wrong, so a hand-edited file fails with a message a coach can act on.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Final, TypeVar, cast

from runcoach.domain.days import date_field
from runcoach.domain.errors import InvalidInput
from runcoach.domain.hints import Do, Hint, pointers_to_json, text_in
from runcoach.domain.plans.document import (
    BaselineDocJson,
    DayDocJson,
    DayTypeDocJson,
    GoalDocJson,
    LimitationDocJson,
    PaceBandJson,
    PlanDocJson,
    RepeatDocJson,
    StepDocJson,
    WaiverDocJson,
    WeekDocJson,
    WorkoutDocJson,
)
from runcoach.domain.plans.document_check import check_document
from runcoach.domain.plans.model import (
    Baseline,
    Day,
    Goal,
    GoalKind,
    Limitation,
    Phase,
    Plan,
    Waiver,
    Week,
)
from runcoach.domain.plans.schedule import Allowance, DayType
from runcoach.domain.plans.workouts import (
    Block,
    Effort,
    Exercise,
    PaceRange,
    Repeat,
    Step,
    StepKind,
    Workout,
    WorkoutKind,
)
from runcoach.domain.run.runs import Surface, Terrain
from runcoach.domain.units import Pace

FORMAT_NAME: Final = "runcoach-plan"
FORMAT_VERSION: Final = 1

Json = dict[str, Any]
E = TypeVar("E", bound=StrEnum)


# ---- writing ---------------------------------------------------------------------------


def plan_document(plan: Plan) -> PlanDocJson:
    """The plan as a stored document or a plan file: ``plan_to_dict`` with the pointers of
    its notes and tips kept as their action and values (docs/plan-format.md), so that each
    door phrases them again when the plan is read back."""
    return cast(PlanDocJson, pointers_to_json(plan_to_dict(plan)))


def plan_to_dict(plan: Plan) -> PlanDocJson:
    """The plan document, its notes and tips as they are (a ``Pointer`` is a ``str``)."""
    return cast(PlanDocJson, {  # a cast: ``max_run_days`` (only when set) before the weeks
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": plan.title,
        "program": plan.program,
        "created": plan.created.isoformat(),
        "goal": _goal_out(plan.goal),
        "baseline": _baseline_out(plan.baseline),
        "vdot": plan.vdot,
        "paces": {name: _range_out(r) for name, r in plan.paces.items()},
        "notes": list(plan.notes),
        "limitations": [_limitation_out(x) for x in plan.limitations],
        "waivers": [_waiver_out(w) for w in plan.waivers],
        **({"max_run_days": plan.max_run_days} if plan.max_run_days else {}),
        **({"min_run_days": plan.min_run_days} if plan.min_run_days else {}),
        "weeks": [_week_out(w) for w in plan.weeks],
    })  # fmt: skip


def _limitation_out(limitation: Limitation) -> LimitationDocJson:
    return {"rule": limitation.rule, "why": limitation.why}


def _waiver_out(waiver: Waiver) -> WaiverDocJson:
    return {"date": waiver.day.isoformat(), "rule": waiver.rule, "reason": waiver.reason}


def _goal_out(goal: Goal) -> GoalDocJson:
    race_date = goal.race_date.isoformat() if goal.race_date else None
    also = [d.isoformat() for d in goal.also] or None
    return cast(GoalDocJson, _drop_none({  # a cast: the name (always) after optional keys
        "kind": goal.kind.value,
        "distance_m": goal.distance_m,
        "race_date": race_date,
        "target_time_s": goal.target_time_s,
        "name": goal.name,
        "also": also,
    }))  # fmt: skip


def _baseline_out(baseline: Baseline) -> BaselineDocJson:
    doc: BaselineDocJson = {
        "weekly_distance_m": baseline.weekly_distance_m,
        "longest_run_m": baseline.longest_run_m,
    }
    if baseline.weekly_duration_s is not None:
        doc["weekly_duration_s"] = baseline.weekly_duration_s
    return doc


def _week_out(week: Week) -> WeekDocJson:
    return {
        "index": week.index,
        "phase": week.phase.value,
        "recovery": week.recovery,
        "notes": list(week.notes),
        "days": [_day_out(d) for d in week.days],
    }


def _day_out(day: Day) -> DayDocJson:
    day_type: DayTypeDocJson = {
        "name": day.day_type.name,
        "allowance": day.day_type.allowance.value,
    }
    if day.day_type.max_minutes is not None:
        day_type["max_minutes"] = day.day_type.max_minutes
    workouts = [workout_to_dict(w) for w in day.workouts]
    if day.note:  # the note (only when there is one) before the workouts
        return {"date": day.day.isoformat(), "day_type": day_type, "note": day.note,
                "workouts": workouts}  # fmt: skip
    return {"date": day.day.isoformat(), "day_type": day_type, "workouts": workouts}


def workout_to_dict(workout: Workout) -> WorkoutDocJson:
    """A workout of the document: the keys it has a value for, in the order of the format."""
    doc: WorkoutDocJson = {"kind": workout.kind.value, "title": workout.title}
    if workout.tip:
        doc["tip"] = workout.tip
    if workout.blocks:
        doc["blocks"] = [_block_out(b) for b in workout.blocks]
    if workout.exercises:
        doc["exercises"] = [{"name": e.name, "amount": e.amount, "how": e.how}
                            for e in workout.exercises]  # fmt: skip
    if workout.mini:
        doc["mini"] = workout_to_dict(workout.mini)
    _workout_tags_out(workout, doc)
    if workout.notes:
        doc["notes"] = list(workout.notes)
    if workout.duration_s is not None:
        doc["duration_s"] = workout.duration_s
    return doc


def _workout_tags_out(workout: Workout, doc: WorkoutDocJson) -> None:
    if workout.surface:
        doc["surface"] = workout.surface.value
    if workout.terrain:
        doc["terrain"] = workout.terrain.value
    if workout.shoe is not None:
        doc["shoe"] = workout.shoe
    if workout.benchmark is not None:
        doc["benchmark"] = workout.benchmark


def _block_out(block: Block) -> StepDocJson | RepeatDocJson:
    if isinstance(block, Repeat):
        return {"repeat": block.count, "steps": [_step_out(s) for s in block.steps]}
    return _step_out(block)


def _step_out(step: Step) -> StepDocJson:
    doc: StepDocJson = {"step": step.kind.value}
    if step.duration_s is not None:
        doc["duration_s"] = step.duration_s
    if step.distance_m is not None:
        doc["distance_m"] = step.distance_m
    if step.pace:
        doc["pace"] = _range_out(step.pace)
    if step.effort:
        doc["effort"] = step.effort.value
    if step.note:
        doc["note"] = step.note
    return doc


def _range_out(pace: PaceRange) -> PaceBandJson:
    return {
        "fast_s_per_km": pace.fast.seconds_per_km,
        "slow_s_per_km": pace.slow.seconds_per_km,
    }


def _drop_none(values: dict[str, Any]) -> Json:
    return {k: v for k, v in values.items() if v is not None}


# ---- reading ---------------------------------------------------------------------------


def plan_from_file(data: Any) -> Plan:
    """A plan file a person wrote or edited: checked against the document's types first
    (``document_check``: what docs/schema/plan-document.json says), so that anything wrong is
    named by its JSON path, then read."""
    _plan_file(data)
    check_document(data, PlanDocJson, "the plan")
    return plan_from_dict(data)


def workout_from_file(data: Any) -> Workout:
    """A workout a coach wrote (a plan file's workout), checked like a plan file, then read."""
    check_document(data, WorkoutDocJson, "the workout")
    return workout_from_dict(data)


def _plan_file(data: Any) -> Json:
    doc = _obj(data, "plan")
    if doc.get("format") != FORMAT_NAME:
        raise InvalidInput(
            "this is not a runcoach plan file: 'format' must be 'runcoach-plan'",
            hint=Hint(Do.EXPORT_PLAN, "export a plan from runcoach as JSON and start from it"),
        )
    return doc


def plan_from_dict(data: Any) -> Plan:
    """A plan from its document (a stored plan's, or a file's after ``plan_from_file``)."""
    doc = _plan_file(data)
    return Plan(
        goal=_goal_in(_obj(doc.get("goal"), "goal")),
        created=date_field(doc.get("created"), "created"),
        baseline=Baseline(**_obj(doc.get("baseline"), "baseline")),
        weeks=[_week_in(w, f"weeks[{i}]") for i, w in enumerate(_list(doc.get("weeks"), "weeks"))],
        title=str(doc.get("title", "")),
        program=doc.get("program"),
        vdot=doc.get("vdot"),
        paces={
            k: _range_in(v, f"paces.{k}") for k, v in _obj(doc.get("paces", {}), "paces").items()
        },
        notes=[text_in(n) for n in doc.get("notes", [])],
        limitations=[Limitation(str(x["rule"]), str(x["why"])) for x in doc.get("limitations", [])],
        waivers=[_waiver_in(x, f"waivers[{i}]") for i, x in enumerate(doc.get("waivers", []))],
        max_run_days=_opt_int(doc.get("max_run_days"), "max_run_days"),
        min_run_days=_opt_int(doc.get("min_run_days"), "min_run_days"),
    )


def _opt_int(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():  # JSON Schema's integer: 4.0 is one
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{where}: '{value}' must be a whole number")
    return value


def _paces_in(data: Any) -> dict[str, PaceRange]:
    return {k: _range_in(v, f"paces.{k}") for k, v in _obj(data, "paces").items()}


def _goal_in(data: Json) -> Goal:
    race_date = data.get("race_date")
    return Goal(
        kind=_enum(GoalKind, data.get("kind"), "goal.kind"),
        distance_m=data.get("distance_m"),
        race_date=date_field(race_date, "goal.race_date") if race_date else None,
        target_time_s=data.get("target_time_s"),
        name=str(data.get("name", "")),
        also=tuple(date_field(d, "goal.also") for d in _list(data.get("also", []), "goal.also")),
    )


def _waiver_in(data: Json, where: str) -> Waiver:
    return Waiver(
        date_field(data.get("date"), f"{where}.date"), str(data["rule"]), str(data["reason"])
    )


def _week_in(data: Any, where: str) -> Week:
    doc = _obj(data, where)
    days = [_day_in(d, f"{where}.days[{i}]") for i, d in enumerate(_list(doc.get("days"), where))]
    return Week(
        index=int(doc.get("index", 0)),
        phase=_enum(Phase, doc.get("phase"), f"{where}.phase"),
        days=days,
        recovery=bool(doc.get("recovery", False)),
        notes=[text_in(n) for n in doc.get("notes", [])],
    )


def _day_in(data: Any, where: str) -> Day:
    doc = _obj(data, where)
    dtype = _obj(doc.get("day_type", {"name": "free", "allowance": "any"}), f"{where}.day_type")
    day_type = DayType(
        name=str(dtype.get("name", "")),
        allowance=_enum(Allowance, dtype.get("allowance"), f"{where}.day_type.allowance"),
        max_minutes=dtype.get("max_minutes"),
    )
    workouts = [
        workout_from_dict(w, f"{where}.workouts[{i}]")
        for i, w in enumerate(_list(doc.get("workouts", []), f"{where}.workouts"))
    ]
    return Day(
        date_field(doc.get("date"), f"{where}.date"), day_type, workouts, str(doc.get("note", ""))
    )


def workout_from_dict(data: Any, where: str = "workout") -> Workout:
    doc = _obj(data, where)
    if not doc.get("title"):
        raise InvalidInput(f"{where}.title is missing", hint='for example "Easy run 40 min"')
    return Workout(
        kind=_enum(WorkoutKind, doc.get("kind"), f"{where}.kind"),
        title=str(doc["title"]),
        blocks=tuple(
            _block_in(b, f"{where}.blocks[{i}]") for i, b in enumerate(doc.get("blocks", []))
        ),
        tip=text_in(doc.get("tip", "")),
        mini=workout_from_dict(doc["mini"], f"{where}.mini") if doc.get("mini") else None,
        exercises=tuple(Exercise(**e) for e in doc.get("exercises", [])),
        surface=_enum(Surface, doc["surface"], f"{where}.surface") if doc.get("surface") else None,
        terrain=_enum(Terrain, doc["terrain"], f"{where}.terrain") if doc.get("terrain") else None,
        shoe=doc.get("shoe"),
        benchmark=doc.get("benchmark"),
        notes=tuple(text_in(n) for n in doc.get("notes", [])),
        duration_s=doc.get("duration_s"),
    )


def _blocks_in(data: Any, where: str) -> tuple[Block, ...]:
    return tuple(_block_in(b, f"{where}[{i}]") for i, b in enumerate(_list(data, where)))


def _block_in(data: Any, where: str) -> Block:
    doc = _obj(data, where)
    if "repeat" in doc:
        steps = _list(doc.get("steps"), f"{where}.steps")
        return Repeat(
            int(doc["repeat"]),
            tuple(_step_in(s, f"{where}.steps[{i}]") for i, s in enumerate(steps)),
        )
    return _step_in(doc, where)


def _step_in(data: Any, where: str) -> Step:
    doc = _obj(data, where)
    try:
        return Step(
            kind=_enum(StepKind, doc.get("step"), f"{where}.step"),
            duration_s=doc.get("duration_s"),
            distance_m=doc.get("distance_m"),
            pace=_range_in(doc["pace"], f"{where}.pace") if doc.get("pace") else None,
            effort=_enum(Effort, doc["effort"], f"{where}.effort") if doc.get("effort") else None,
            note=str(doc.get("note", "")),
        )
    except InvalidInput as error:
        raise InvalidInput(f"{where}: {error.message}", hint=error.hint) from error


def _range_in(data: Any, where: str) -> PaceRange:
    doc = _obj(data, where)
    try:
        return PaceRange(Pace(float(doc["fast_s_per_km"])), Pace(float(doc["slow_s_per_km"])))
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidInput(
            f"{where} needs fast_s_per_km and slow_s_per_km",
            hint='for example {"fast_s_per_km": 280, "slow_s_per_km": 290}',
        ) from error


def _obj(value: Any, where: str) -> Json:
    if not isinstance(value, dict):
        raise InvalidInput(f"{where} must be an object (a mapping of names to values)")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidInput(f"{where} must be a list")
    return value


def _enum(cls: type[E], value: Any, where: str) -> E:
    try:
        return cls(value)
    except ValueError as error:
        choices = ", ".join(m.value for m in cls)
        raise InvalidInput(f"{where}: '{value}' is not one of {choices}") from error
