"""Day by day as JSON: today's answer, the warnings and planned vs done by week.

The one shape that ``runcoach today|warnings|plan progress --json`` and
``/api/v1/today|warnings|progress`` return. Each shape is a ``TypedDict``, so
``views.schema`` can write it down as JSON Schema (docs/json-schema.md).
"""

from __future__ import annotations

from typing import TypedDict

from runcoach.domain.plans.codec import workout_to_dict
from runcoach.domain.plans.document import WorkoutDocJson
from runcoach.domain.progress.compliance import Match, WeekCompliance
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.today.answer import FitnessChange
from runcoach.domain.today.moves import Move
from runcoach.domain.today.warnings import TrainingWarning
from runcoach.services.today import TodayAnswer
from runcoach.views.json import IsoDate, to_jsonable

WorkoutJson = WorkoutDocJson  # a workout as in a plan file: docs/plan-format.md


class ReasonJson(TypedDict):
    rule: str
    text: str
    source: str


class HealthJson(TypedDict):
    status: str
    feel: str | None
    symptoms: str | None
    sick_days: int
    easy_days_left: int
    rest_days_left: int  # after a fever: days still without running
    volume_share: float  # after illness: share of the planned volume for today
    minis_only: bool  # after illness: quality comes back as its mini version
    since: IsoDate | None
    days_off: int


class MoveJson(TypedDict):
    workout: str
    planned_on: IsoDate
    moved_to: IsoDate | None  # None: dropped
    why: str


class WarningJson(TypedDict):
    rule: str
    severity: str
    day: IsoDate
    seen: str
    instead: str
    source: str
    run_ids: list[int]
    numbers: dict[str, float]


class FitnessChangeJson(TypedDict):
    rule: str
    vdot: float | None
    day: IsoDate | None
    pace_factor: float
    told: str
    source: str
    numbers: dict[str, float]


class GoalRefreshJson(TypedDict):
    verdict: str
    goal_s: float
    realistic_s: float
    rebuild: bool
    told: str
    reasons: list[str]


class _AnswerJson(TypedDict):
    day: IsoDate
    status: str
    changes: list[str]
    workouts: list[WorkoutJson]
    planned: list[WorkoutJson]
    reasons: list[ReasonJson]
    health: HealthJson
    moves: list[MoveJson]
    warnings: list[WarningJson]
    win: str | None
    refresh_goal: bool


class AnswerJson(_AnswerJson, total=False):
    fitness: FitnessChangeJson  # when the paces changed with the runner's fitness
    goal: GoalRefreshJson | None  # when ``refresh_goal``: the goal judged again


def answer_json(told: TodayAnswer) -> AnswerJson:
    answer = told.answer
    h = answer.health
    data: AnswerJson = {
        "day": answer.day.isoformat(),
        "status": answer.changes[0].value if answer.changes else "as-planned",
        "changes": [c.value for c in answer.changes],
        "workouts": [workout_to_dict(w) for w in answer.workouts],
        "planned": [workout_to_dict(w) for w in answer.planned],
        "reasons": [{"rule": r.rule, "text": r.text, "source": r.source} for r in answer.reasons],
        "health": {
            "status": h.status.value,
            "feel": h.feel.value if h.feel else None,
            "symptoms": h.symptoms.value if h.symptoms else None,
            "sick_days": h.sick_days,
            "easy_days_left": h.easy_days_left,
            "rest_days_left": h.rest_days_left,
            "volume_share": h.volume_share,
            "minis_only": h.minis_only,
            "since": h.since.isoformat() if h.since else None,
            "days_off": h.days_off,
        },
        "moves": [move_json(m) for m in answer.moves],
        "warnings": [warning_json(w) for w in answer.warnings],
        "win": answer.win,
        "refresh_goal": answer.refresh_goal,
    }
    if told.fitness is not None:
        data["fitness"] = fitness_change_json(told.fitness)
    if answer.refresh_goal:
        data["goal"] = to_jsonable(told.goal)
    return data


def move_json(move: Move) -> MoveJson:
    return {
        "workout": move.workout.title,
        "planned_on": move.planned_on.isoformat(),
        "moved_to": move.moved_to.isoformat() if move.moved_to else None,
        "why": move.why,
    }


def warning_json(warning: TrainingWarning) -> WarningJson:
    return {
        "rule": warning.rule.value,
        "severity": warning.severity.value,
        "day": warning.day.isoformat(),
        "seen": warning.seen,
        "instead": warning.instead,
        "source": warning.source,
        "run_ids": list(warning.run_ids),
        "numbers": dict(warning.numbers),
    }


def fitness_change_json(fitness: FitnessChange) -> FitnessChangeJson:
    return {
        "rule": fitness.rule,
        "vdot": fitness.vdot,
        "day": fitness.day.isoformat() if fitness.day else None,
        "pace_factor": fitness.pace_factor,
        "told": fitness.told,
        "source": fitness.source,
        "numbers": dict(fitness.numbers),
    }


class LoggedRunJson(TypedDict):
    id: int | None
    day: IsoDate
    distance_m: int
    kind: str | None


class SessionJson(TypedDict):
    day: IsoDate
    workout: str
    kind: str
    status: str
    mini: bool
    run: LoggedRunJson | None


class WeekJson(TypedDict):
    week: int
    start: IsoDate
    planned: int
    done: int
    compliance: float | None
    planned_m: int
    done_m: int
    minis_done: int
    sessions: list[SessionJson]
    unplanned: list[LoggedRunJson]


def week_json(week: WeekCompliance) -> WeekJson:
    return {
        "week": week.index,
        "start": week.start.isoformat(),
        "planned": week.planned,
        "done": week.done,
        "compliance": week.compliance,
        "planned_m": round(week.planned_m),
        "done_m": round(week.done_m),
        "minis_done": len(week.minis),
        "sessions": [_session(m) for m in week.matches],
        "unplanned": [_logged(r) for r in week.unplanned],
    }


def _session(match: Match) -> SessionJson:
    return {
        "day": match.day.isoformat(),
        "workout": match.workout.title,
        "kind": match.workout.kind.value,
        "status": match.status.value,
        "mini": match.mini,
        "run": _logged(match.run) if match.run else None,
    }


def _logged(run: LoggedRun) -> LoggedRunJson:
    return {
        "id": run.run_id,
        "day": run.day.isoformat(),
        "distance_m": round(run.distance_m),
        "kind": run.kind.value if run.kind else None,
    }
