"""An answer, a warning or a week of planned vs done as plain JSON values (for --json,
the API and the stored history of what was prescribed)."""

from __future__ import annotations

from typing import Any

from runcoach.domain.plans.codec import workout_to_dict
from runcoach.domain.progress.compliance import Match, WeekCompliance
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.today.answer import Answer
from runcoach.domain.today.moves import Move
from runcoach.domain.today.warnings import TrainingWarning

Json = dict[str, Any]


def answer_to_dict(answer: Answer) -> Json:
    h = answer.health
    return {
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
            "since": h.since.isoformat() if h.since else None,
            "days_off": h.days_off,
        },
        "moves": [move_to_dict(m) for m in answer.moves],
        "warnings": [warning_to_dict(w) for w in answer.warnings],
        "win": answer.win,
        "refresh_goal": answer.refresh_goal,
    }


def move_to_dict(move: Move) -> Json:
    return {
        "workout": move.workout.title,
        "planned_on": move.planned_on.isoformat(),
        "moved_to": move.moved_to.isoformat() if move.moved_to else None,
        "why": move.why,
    }


def warning_to_dict(warning: TrainingWarning) -> Json:
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


def week_to_dict(week: WeekCompliance) -> Json:
    return {
        "week": week.index,
        "start": week.start.isoformat(),
        "planned": week.planned,
        "done": week.done,
        "compliance": week.compliance,
        "planned_m": round(week.planned_m),
        "done_m": round(week.done_m),
        "minis_done": len(week.minis),
        "sessions": [_match(m) for m in week.matches],
        "unplanned": [_run(r) for r in week.unplanned],
    }


def _match(match: Match) -> Json:
    return {
        "day": match.day.isoformat(),
        "workout": match.workout.title,
        "kind": match.workout.kind.value,
        "status": match.status.value,
        "mini": match.mini,
        "run": _run(match.run) if match.run else None,
    }


def _run(run: LoggedRun) -> Json:
    return {
        "id": run.run_id,
        "day": run.day.isoformat(),
        "distance_m": round(run.distance_m),
        "kind": run.kind.value if run.kind else None,
    }
